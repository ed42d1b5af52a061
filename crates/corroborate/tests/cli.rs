//! The command line from outside: the built binary run on temporary folders. Bad inputs, exit
//! codes, idempotency, exports, the report, closed pipes and a SIGKILLed ingest.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");

/// A short news article, distinct per `n`, with figures, a quote and names.
fn article(n: usize) -> String {
    format!(
        "Flood relief effort number {n} reaches northern villages\n\n\
         More than {a} people have been displaced by the floods, according to the regional emergency agency.\n\n\
         \"We are doing everything we can,\" said Maria Lopez, the agency's director, on Tuesday.\n\n\
         Officials said at least {b} homes were destroyed and about {c} people were missing. \
         The Red Cross estimates that relief will cost around ${d} million.\n",
        a = 1000 + n,
        b = 200 + n,
        c = 10 + n % 50,
        d = 3 + n % 20
    )
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("CORROBORATE_DB")
        .output()
        .expect("run corroborate")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// No panic message, no stack trace, and an exit code (not a signal).
fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked")
            && !err.contains("stack backtrace")
            && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(
        out.status.code().is_some(),
        "killed by a signal: {:?}\n{err}",
        out.status
    );
}

fn export_lines(dir: &Path, kind: &str) -> Vec<serde_json::Value> {
    let out = run(dir, &["export", kind, "--db", "c.db"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A temp folder with `good.txt` in it.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), article(1)).unwrap();
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// Ingests `good.txt` beside `bad`, and checks the batch outcome: exit 1, the bad file named
/// with `reason` on stderr, the good one stored.
fn assert_bad_input(root: &Path, bad: &str, reason: &str) {
    let out = run(root, &["ingest", "--db", "c.db", "good.txt", bad]);
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains(bad))
        .unwrap_or_else(|| panic!("no line names {bad}:\n{err}"));
    assert!(
        line.to_lowercase().contains(reason),
        "{line:?} should say {reason:?}"
    );
    let docs = export_lines(root, "documents");
    assert_eq!(docs.len(), 1, "the good file is stored");
    assert_eq!(docs[0]["source"], "good.txt");
}

#[test]
fn a_missing_path_fails_and_the_rest_is_stored() {
    let (_dir, root) = setup();
    assert_bad_input(&root, "no-such-file.txt", "no such file");
}

#[test]
fn an_empty_file_fails() {
    let (_dir, root) = setup();
    std::fs::write(root.join("empty.txt"), "").unwrap();
    assert_bad_input(&root, "empty.txt", "empty");
}

#[test]
fn a_png_renamed_txt_fails_as_binary() {
    let (_dir, root) = setup();
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(root.join("photo.txt"), png).unwrap();
    assert_bad_input(&root, "photo.txt", "binary");
}

#[test]
fn a_pdf_renamed_txt_fails_as_binary() {
    let (_dir, root) = setup();
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\n".to_vec();
    pdf.extend((0..4000u32).map(|i| (i * 104729 % 256) as u8));
    std::fs::write(root.join("report.txt"), pdf).unwrap();
    assert_bad_input(&root, "report.txt", "binary");
}

#[test]
fn a_latin1_file_is_decoded_not_refused() {
    let (_dir, root) = setup();
    let mut bytes =
        b"Caf\xe9 owners protest\n\nThe caf\xe9 owners said prices rose by about 20 per cent.\n"
            .to_vec();
    bytes.extend(b"\xa3500 was the average bill, a waiter said.\n");
    std::fs::write(root.join("latin1.txt"), bytes).unwrap();
    let out = run(&root, &["ingest", "--db", "c.db", "good.txt", "latin1.txt"]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = export_lines(&root, "documents");
    let latin = docs
        .iter()
        .find(|d| d["source"] == "latin1.txt")
        .expect("stored");
    let text = latin["text"].as_str().unwrap();
    assert!(
        text.contains("café owners") && text.contains("£500"),
        "{text:?}"
    );
}

#[test]
fn a_50_mb_file_is_refused_by_size() {
    let (_dir, root) = setup();
    let line = "This line of text repeats to make a file far larger than any news article.\n";
    let file = std::fs::File::create(root.join("huge.txt")).unwrap();
    let mut writer = std::io::BufWriter::new(file);
    let mut written = 0;
    while written < 50 * 1024 * 1024 {
        writer.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
    writer.flush().unwrap();
    drop(writer);
    assert_bad_input(&root, "huge.txt", "too large");
}

#[test]
fn html_nested_100000_levels_deep_does_not_crash() {
    let (_dir, root) = setup();
    let mut html = String::from("<!doctype html><html><head><title>Deep</title></head><body>");
    for _ in 0..100_000 {
        html.push_str("<div>");
    }
    html.push_str("<p>Officials said more than 300 people were evacuated from the valley.</p>");
    for _ in 0..100_000 {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    std::fs::write(root.join("deep.html"), html).unwrap();
    let started = Instant::now();
    let out = run(&root, &["ingest", "--db", "c.db", "good.txt", "deep.html"]);
    assert_no_panic(&out);
    let err = stderr(&out);
    assert!(
        started.elapsed() < Duration::from_secs(300),
        "took {:?}",
        started.elapsed()
    );
    match out.status.code() {
        Some(0) => assert_eq!(export_lines(&root, "documents").len(), 2),
        // Refusing it is fine too, with the file named and the good one stored.
        Some(1) => {
            assert!(err.lines().any(|l| l.contains("deep.html")), "{err}");
            assert_eq!(export_lines(&root, "documents").len(), 1);
        }
        other => panic!("exit {other:?}: {err}"),
    }
}

#[test]
fn a_folder_with_no_articles_is_a_failed_input() {
    let (_dir, root) = setup();
    let empty = root.join("pictures");
    std::fs::create_dir_all(empty.join("nested")).unwrap();
    std::fs::write(empty.join("a.png"), b"\x89PNG").unwrap();
    std::fs::write(empty.join("nested/notes.md"), "# notes").unwrap();
    let out = run(&root, &["ingest", "--db", "c.db", "good.txt", "pictures"]);
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("pictures"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("no articles") && line.contains("2 other files skipped"),
        "{line}"
    );
    assert_eq!(export_lines(&root, "documents").len(), 1);
}

#[test]
fn folders_are_walked_recursively_and_other_files_counted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let news = root.join("news");
    std::fs::create_dir_all(news.join("deeper")).unwrap();
    std::fs::write(news.join("a.txt"), article(1)).unwrap();
    std::fs::write(
        news.join("deeper/b.html"),
        format!("<html><body><p>{}</p></body></html>", article(2)),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(article(3).as_bytes()).unwrap();
    std::fs::write(news.join("deeper/c.txt.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(news.join("image.jpg"), b"\xff\xd8\xff").unwrap();
    std::fs::write(news.join("data.csv"), "a,b").unwrap();
    // Named explicitly, a file is read whatever its extension.
    std::fs::write(root.join("article.dat"), article(4)).unwrap();

    let out = run(root, &["ingest", "--db", "c.db", "news", "article.dat"]);
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("4 stored") && err.contains("2 skipped"),
        "{err}"
    );
    let docs = export_lines(root, "documents");
    let mut sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "article.dat",
            "news/a.txt",
            "news/deeper/b.html",
            "news/deeper/c.txt.gz"
        ]
    );
    let gz_doc = docs
        .iter()
        .find(|d| d["source"] == "news/deeper/c.txt.gz")
        .unwrap();
    assert!(
        gz_doc["text"]
            .as_str()
            .unwrap()
            .contains("Flood relief effort number 3"),
        "{gz_doc}"
    );
}

#[test]
fn ingesting_twice_stores_once() {
    let (_dir, root) = setup();
    std::fs::write(root.join("same-content.txt"), article(1)).unwrap();
    let first = run(
        &root,
        &["ingest", "--db", "c.db", "good.txt", "same-content.txt"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("1 stored, 1 already stored"),
        "{}",
        stderr(&first)
    );
    let second = run(&root, &["ingest", "--db", "c.db", "good.txt"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("0 stored, 1 already stored"),
        "{}",
        stderr(&second)
    );
    assert_eq!(export_lines(&root, "documents").len(), 1);
    let claims = export_lines(&root, "claims");
    let unique: std::collections::HashSet<&str> =
        claims.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(unique.len(), claims.len());
}

#[test]
fn usage_errors_and_unopenable_stores_exit_2() {
    let (_dir, root) = setup();
    assert_eq!(
        run(&root, &["ingest", "--no-such-flag", "good.txt"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&root, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&root, &["ingest"]).status.code(),
        Some(2),
        "a path is required"
    );
    assert_eq!(run(&root, &["export", "nonsense"]).status.code(), Some(2));

    let out = run(
        &root,
        &["ingest", "--db", "no/such/folder/c.db", "good.txt"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no/such/folder/c.db"),
        "{}",
        stderr(&out)
    );

    std::fs::write(root.join("junk.db"), vec![b'x'; 8192]).unwrap();
    let out = run(&root, &["ingest", "--db", "junk.db", "good.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("junk.db"));

    let out = run(&root, &["export", "documents", "--db", "absent.db"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        !root.join("absent.db").exists(),
        "export does not create a store"
    );
    assert_eq!(
        run(&root, &["report", "--db", "absent.db"]).status.code(),
        Some(2)
    );
    assert_no_panic(&out);
}

#[test]
fn exports_follow_the_contract_shapes() {
    let (_dir, root) = setup();
    std::fs::write(root.join("second.txt"), article(2)).unwrap();
    let out = run(&root, &["ingest", "--db", "c.db", "good.txt", "second.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let docs = export_lines(&root, "documents");
    for key in [
        "id",
        "source",
        "sha256",
        "title",
        "author",
        "outlet",
        "published",
        "language",
        "text",
        "boilerplate",
        "cites",
        "syndicated_from",
        "near_duplicate_of",
    ] {
        assert!(
            docs[0].get(key).is_some(),
            "documents lack {key}: {}",
            docs[0]
        );
    }
    let good = docs
        .iter()
        .find(|d| d["source"] == "good.txt")
        .expect("good.txt stored");
    assert_eq!(good["text"], article(1));

    // Every offset of every record slices its document's text to the record's text.
    let texts: std::collections::HashMap<String, String> = docs
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let slice =
        |doc: &serde_json::Value, start: &serde_json::Value, end: &serde_json::Value| -> String {
            let text = &texts[doc.as_str().unwrap()];
            text.get(start.as_u64().unwrap() as usize..end.as_u64().unwrap() as usize)
                .expect("on char boundaries")
                .to_string()
        };
    for claim in export_lines(&root, "claims") {
        assert_eq!(
            slice(&claim["document"], &claim["start"], &claim["end"]),
            claim["text"].as_str().unwrap()
        );
        for key in [
            "id",
            "source",
            "sentence",
            "value",
            "low",
            "high",
            "hedge",
            "measure",
            "counted",
            "subject",
            "attributed_to",
            "as_of",
        ] {
            assert!(claim.get(key).is_some(), "claims lack {key}: {claim}");
        }
    }
    for quote in export_lines(&root, "quotes") {
        assert_eq!(
            slice(&quote["document"], &quote["start"], &quote["end"]),
            quote["text"].as_str().unwrap()
        );
        assert!(
            quote.get("speaker").is_some() && quote.get("cue").is_some(),
            "{quote}"
        );
    }
    for entity in export_lines(&root, "entities") {
        for key in ["id", "name", "type", "aliases", "mentions"] {
            assert!(entity.get(key).is_some(), "entities lack {key}: {entity}");
        }
        for mention in entity["mentions"].as_array().unwrap() {
            assert_eq!(
                slice(&mention["document"], &mention["start"], &mention["end"]),
                mention["text"].as_str().unwrap()
            );
        }
    }

    let csv = run(
        &root,
        &["export", "documents", "--db", "c.db", "--format", "csv"],
    );
    assert_eq!(csv.status.code(), Some(0));
    let csv = stdout(&csv);
    assert!(csv.starts_with("id,source,sha256,title,"), "{csv}");
    let claims_csv = stdout(&run(
        &root,
        &["export", "claims", "--db", "c.db", "--format", "csv"],
    ));
    assert!(
        claims_csv.starts_with("id,document,source,start,end,text,"),
        "{claims_csv}"
    );

    // The two articles repeat one story with other figures: whatever groups they make have the
    // contract's fields.
    for group in export_lines(&root, "groups") {
        for key in [
            "id",
            "measure",
            "subject",
            "counted",
            "claims",
            "sources",
            "independent_sources",
            "low",
            "best",
            "high",
            "status",
            "note",
            "first_reported",
        ] {
            assert!(group.get(key).is_some(), "groups lack {key}: {group}");
        }
    }
    let groups_csv = stdout(&run(
        &root,
        &["export", "groups", "--db", "c.db", "--format", "csv"],
    ));
    assert!(
        groups_csv.starts_with("id,measure,subject,counted,claims,sources,independent_sources,"),
        "{groups_csv}"
    );
}

/// The demo story (eight invented articles about a dam collapse): the death toll rises from
/// report to report and a rewrite repeats another outlet's figures, so `export groups` has a
/// killed group that is revised or contradicted, drawn from fewer origins than articles.
#[test]
fn the_demo_story_groups_the_death_toll() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let out = run(
        root,
        &[
            "ingest",
            "--db",
            "c.db",
            demo.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let groups = export_lines(root, "groups");
    let claims = export_lines(root, "claims");
    let killed = groups
        .iter()
        .find(|g| g["measure"] == "killed")
        .unwrap_or_else(|| panic!("a killed group in {groups:?}"));
    assert!(
        killed["status"] == "revised" || killed["status"] == "contradiction",
        "{killed}"
    );
    let sources = killed["sources"].as_u64().unwrap_or(0);
    let independent = killed["independent_sources"].as_u64().unwrap_or(0);
    assert!(independent >= 2 && independent < sources, "{killed}");
    // Every claim of a group is a stored claim, and in no other group.
    let ids: std::collections::HashSet<&str> =
        claims.iter().filter_map(|c| c["id"].as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    for group in &groups {
        for id in group["claims"].as_array().unwrap() {
            let id = id.as_str().unwrap();
            assert!(ids.contains(id), "{id}");
            assert!(seen.insert(id.to_string()), "{id} in two groups");
        }
    }
    // The report shows the groups first, each with its note.
    let report = stdout(&run(root, &["report", "--db", "c.db"]));
    let figures = report.find("FIGURES").expect("a FIGURES section");
    let note = killed["note"].as_str().unwrap();
    assert!(report[figures..].contains(note), "{report}");
    assert!(!report.contains("not built"), "{report}");
}

#[test]
fn report_and_extract_read_well() {
    let (_dir, root) = setup();
    let out = run(&root, &["ingest", "--db", "c.db", "good.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = run(&root, &["report", "--db", "c.db"]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let text = stdout(&report);
    for section in ["DOCUMENTS", "FIGURES", "QUOTES BY SPEAKER", "ENTITIES"] {
        assert!(text.contains(section), "{text}");
    }
    assert!(text.contains("good.txt"), "{text}");

    let json = run(&root, &["extract", "good.txt"]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["text"], article(1));
    let listing = run(&root, &["extract", "--format", "text", "good.txt"]);
    assert_eq!(listing.status.code(), Some(0));
    let listing = stdout(&listing);
    for section in ["title", "FURNITURE", "CLAIMS", "QUOTES", "ENTITIES"] {
        assert!(listing.contains(section), "{listing}");
    }
    let missing = run(&root, &["extract", "nope.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("nope.txt"));
    assert_no_panic(&missing);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("many")).unwrap();
    for n in 0..60 {
        // Long articles, so the export is far bigger than a pipe's buffer.
        std::fs::write(root.join(format!("many/{n:03}.txt")), article(n).repeat(20)).unwrap();
    }
    let out = run(root, &["ingest", "--db", "c.db", "many"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for args in [
        &["export", "documents", "--db", "c.db"][..],
        &["report", "--db", "c.db"][..],
    ] {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // The reader is gone (like `| head -1`); the writer must end quietly.
        let out = child.wait_with_output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let n_files = 1500;
    std::fs::create_dir(root.join("big")).unwrap();
    for n in 0..n_files {
        std::fs::write(root.join(format!("big/{n:05}.txt")), article(n).repeat(4)).unwrap();
    }
    let db = root.join("c.db");
    let mut child = Command::new(BIN)
        .args(["ingest", "--db", "c.db", "big"])
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some documents are committed, then kill -9 in the middle of the batch.
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut seen = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        if let Ok(Some(status)) = child.try_wait() {
            panic!("ingest finished ({status}) before it could be killed; the test needs a bigger folder");
        }
        if db.exists() {
            if let Ok(store) = store::Store::open(&db) {
                seen = store.count_documents().unwrap_or(0);
                if seen >= 20 {
                    break;
                }
            }
        }
    }
    assert!(seen >= 20, "ingest did not get going");
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let store = store::Store::open(&db).unwrap();
    let after_kill = store.count_documents().unwrap();
    assert!(
        after_kill >= seen && after_kill < n_files,
        "{after_kill} of {n_files} stored at the kill"
    );
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    drop(store);

    let rerun = run(root, &["ingest", "--db", "c.db", "big"]);
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr(&rerun));
    let err = stderr(&rerun);
    assert!(
        err.contains(&format!(
            "{} stored, {after_kill} already stored",
            n_files - after_kill
        )),
        "{err}"
    );
    let store = store::Store::open(&db).unwrap();
    assert_eq!(store.count_documents().unwrap(), n_files);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let docs = export_lines(root, "documents");
    let sources: std::collections::HashSet<&str> =
        docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), n_files, "every file once");
}
