//! `corroborate ingest [--db PATH] PATH...`: files and folders into the store.
//!
//! Folders are walked recursively for `.txt`, `.html`, `.htm` and `.gz` of either; other files in
//! folders are skipped and counted. A file named on the command line is read whatever its
//! extension. Reading, `ingest::read_document` and `pipeline::analyse` run in parallel on all
//! cores (rayon); the results go to ONE writer (SQLite has a single writer) that stores each
//! document in its own transaction, so a killed ingest leaves every document whole or absent and
//! a re-run completes it (inputs whose content hash is already stored are not analysed again).
//!
//! A bad input never stops the batch: each failure is printed with its path and reason, the
//! others are stored, and the exit code is 1. A panic inside analysis is caught and reported as
//! a failure of that file.

use std::collections::HashSet;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use document::content_hash;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use store::{PreparedDocument, Put, Store};

/// Inputs larger than this are refused before they are read: no news article comes near it,
/// and analysing a file this size would hold up the batch for no result.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// The worker threads' stack. Deeply nested HTML (100,000 open tags) can make recursive tree
/// walks deep; a stack overflow would abort the whole process, so the workers get room.
pub const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How many documents the writer indexes for full-text search together (see
/// `Store::set_search_index_batch`; within a second of the first in any case). Store-only
/// bench (BBC 2,225): writer 0.86-1.08 CPU-s indexing each document in its own transaction,
/// 0.59-0.66 in batches of 16, 0.40-0.47 of 64, 0.31-0.37 of 256, 0.34-0.37 of 1024.
const SEARCH_INDEX_BATCH: usize = 256;

/// One input to ingest.
pub enum Input {
    /// A file; `source` is the path as given (or as found under a given folder).
    File { path: PathBuf, source: String },
    /// Bytes already in memory (the benchmark's articles).
    Bytes { source: String, bytes: Vec<u8> },
}

impl Input {
    fn source(&self) -> &str {
        match self {
            Input::File { source, .. } | Input::Bytes { source, .. } => source,
        }
    }
}

/// The files to read, found by walking the paths given.
#[derive(Default)]
pub struct Walk {
    pub files: Vec<Input>,
    /// Paths that failed before reading (missing, unreadable folder, folder without articles).
    pub failures: Vec<String>,
    /// Files in folders that are not articles.
    pub skipped: usize,
}

/// Whether a file found in a folder is an article by its name.
fn is_article_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".txt", ".html", ".htm"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => out.failures.push(format!("{shown}: {}", io_reason(&e))),
            Ok(meta) if meta.is_dir() => {
                let (before, skipped_before) = (out.files.len(), out.skipped);
                walk_dir(path, &mut out);
                if out.files.len() == before {
                    let skipped = out.skipped - skipped_before;
                    let other = if skipped > 0 {
                        format!("; {skipped} other files skipped")
                    } else {
                        String::new()
                    };
                    out.failures.push(format!(
                        "{shown}: no articles found (.txt .html .htm, or .gz of either){other}"
                    ));
                }
            }
            Ok(_) => out.files.push(Input::File {
                path: path.clone(),
                source: shown,
            }),
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.failures.push(format!(
                "{}: cannot read folder: {}",
                dir.display(),
                io_reason(&e)
            ));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        // Symlinked folders are not followed, so a link loop cannot make the walk endless.
        if file_type.is_dir() {
            if !hidden {
                walk_dir(&path, out);
            }
        } else if std::fs::metadata(&path)
            .map(|m| m.is_file())
            .unwrap_or(false)
            && !hidden
            && is_article_name(&path)
        {
            out.files.push(Input::File {
                source: path.display().to_string(),
                path,
            });
        } else if !file_type.is_dir() {
            out.skipped += 1;
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What happened to one input on a worker.
enum Outcome {
    /// Read, analysed (unless analysis is off) and prepared for the store.
    Analysed {
        doc: Box<PreparedDocument>,
        bytes: usize,
        timing: Timing,
    },
    /// Its content hash is already in the store: not analysed again.
    AlreadyStored {
        bytes: usize,
    },
    Failed {
        message: String,
        bytes: usize,
    },
}

/// Time spent per phase, summed over workers.
#[derive(Clone, Copy, Default, Debug)]
pub struct Timing {
    pub read: Duration,
    pub ingest: Duration,
    pub analyse: Duration,
    /// Preparing for the store on the worker (JSON, entity name forms, keys).
    pub prepare: Duration,
    pub store: Duration,
}

impl std::ops::AddAssign for Timing {
    fn add_assign(&mut self, other: Timing) {
        self.read += other.read;
        self.ingest += other.ingest;
        self.analyse += other.analyse;
        self.prepare += other.prepare;
        self.store += other.store;
    }
}

/// The tally of an ingest run.
#[derive(Default, Debug)]
pub struct Summary {
    pub inputs: usize,
    pub stored: usize,
    pub duplicates: usize,
    pub failed: usize,
    pub skipped: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub timing: Timing,
}

pub fn run(db: &str, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("corroborate: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let walked = walk(paths);
    for failure in &walked.failures {
        eprintln!("corroborate: {failure}");
    }
    let progress = std::io::stderr().is_terminal();
    let mut summary = ingest_inputs(&store, walked.files, progress, true)?;
    summary.failed += walked.failures.len();
    summary.skipped += walked.skipped;
    eprintln!("{}", summary_line(&summary, store.count_documents().ok()));
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary_line(s: &Summary, total: Option<usize>) -> String {
    let secs = s.elapsed.as_secs_f64().max(1e-9);
    let mb = s.bytes as f64 / 1e6;
    let total = total
        .map(|n| format!("; the store holds {n} documents"))
        .unwrap_or_default();
    format!(
        "ingested {} files: {} stored, {} already stored, {} failed, {} skipped (not articles) — {:.1} MB in {:.1} s ({:.0} files/s, {:.2} MB/s){}",
        s.inputs,
        s.stored,
        s.duplicates,
        s.failed,
        s.skipped,
        mb,
        secs,
        s.inputs as f64 / secs,
        mb / secs,
        total
    )
}

/// Analyses `inputs` on all cores and stores them through one writer. Failures are printed to
/// stderr as they happen. With `analyse` false the documents are stored with only the layers
/// `ingest` makes (text, furniture, metadata): for measuring ingest alone.
pub fn ingest_inputs(
    store: &Store,
    inputs: Vec<Input>,
    progress: bool,
    analyse: bool,
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let known = store.hashes()?;
    let bar = if progress {
        let bar =
            ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{bar:40}] {pos}/{len} files  {per_sec}  eta {eta}  {msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut summary = Summary {
        inputs: inputs.len(),
        ..Summary::default()
    };
    install_quiet_panic_hook();

    // Documents are indexed for full-text search in batches (each document still stored in its
    // own transaction); the last batch is indexed when the loop ends.
    store.set_search_index_batch(SEARCH_INDEX_BATCH);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(WORKER_STACK_BYTES)
        .build()?;
    // A bounded channel keeps at most a few analysed documents waiting for the writer.
    let (sender, receiver) = mpsc::sync_channel::<Outcome>(threads * 4);
    std::thread::scope(|scope| {
        let known = &known;
        scope.spawn(move || {
            pool.install(|| {
                inputs
                    .into_par_iter()
                    .for_each_with(sender, |sender, input| {
                        let _ = sender.send(process(input, known, analyse));
                    });
            });
        });
        for outcome in receiver {
            match outcome {
                Outcome::Analysed {
                    doc,
                    bytes,
                    mut timing,
                } => {
                    summary.bytes += bytes as u64;
                    let store_started = Instant::now();
                    // Storing runs the cross-document entity matcher; a panic there loses this
                    // document only (its transaction rolls back), not the batch.
                    let put = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        store.put_prepared(&doc)
                    }));
                    match put {
                        Ok(Ok(Put::Inserted)) => summary.stored += 1,
                        Ok(Ok(Put::Duplicate { .. })) => summary.duplicates += 1,
                        Ok(Err(e)) => {
                            summary.failed += 1;
                            bar.suspend(|| {
                                eprintln!("corroborate: {}: not stored: {e}", doc.document().source)
                            });
                        }
                        Err(payload) => {
                            summary.failed += 1;
                            let why = panic_message(&*payload);
                            let source = &doc.document().source;
                            bar.suspend(|| eprintln!("corroborate: {source}: not stored: internal error ({why}); please report it"));
                        }
                    }
                    timing.store = store_started.elapsed();
                    summary.timing += timing;
                }
                Outcome::AlreadyStored { bytes } => {
                    summary.bytes += bytes as u64;
                    summary.duplicates += 1;
                }
                Outcome::Failed { message, bytes } => {
                    summary.bytes += bytes as u64;
                    summary.failed += 1;
                    bar.suspend(|| eprintln!("corroborate: {message}"));
                }
            }
            bar.inc(1);
        }
    });
    bar.finish_and_clear();
    store.flush_search_index()?;
    store.set_search_index_batch(1);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Reads, decodes, analyses (if `analyse`) and prepares one input for the store. Never panics: a
/// panic in analysis becomes a failure.
fn process(input: Input, known: &HashSet<String>, analyse: bool) -> Outcome {
    let source = input.source().to_string();
    let read_started = Instant::now();
    let bytes = match input {
        Input::Bytes { bytes, .. } => bytes,
        Input::File { path, .. } => match read_limited(&path) {
            Ok(bytes) => bytes,
            Err(reason) => {
                return Outcome::Failed {
                    message: format!("{source}: {reason}"),
                    bytes: 0,
                }
            }
        },
    };
    let n_bytes = bytes.len();
    let sha256 = content_hash(&bytes);
    if known.contains(&sha256) {
        return Outcome::AlreadyStored { bytes: n_bytes };
    }
    let mut timing = Timing {
        read: read_started.elapsed(),
        ..Timing::default()
    };
    let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let started = Instant::now();
        let mut doc =
            ingest::read_document_hashed(&source, &bytes, sha256, &ingest::ReadOptions::default())
                .map_err(|e| e.to_string())?;
        timing.ingest = started.elapsed();
        if analyse {
            let started = Instant::now();
            pipeline::analyse(&mut doc).map_err(|e| e.to_string())?;
            timing.analyse = started.elapsed();
        }
        let started = Instant::now();
        let source = doc.source.clone();
        let prepared =
            PreparedDocument::new(doc).map_err(|e| format!("{source}: not stored: {e}"))?;
        timing.prepare = started.elapsed();
        Ok::<_, String>(prepared)
    }));
    match analysed {
        Ok(Ok(doc)) => Outcome::Analysed {
            doc: Box::new(doc),
            bytes: n_bytes,
            timing,
        },
        Ok(Err(message)) => Outcome::Failed {
            message,
            bytes: n_bytes,
        },
        Err(payload) => Outcome::Failed {
            message: format!(
                "{source}: internal error while analysing ({}); please report it",
                panic_message(&*payload)
            ),
            bytes: n_bytes,
        },
    }
}

/// Reads a file, refusing one over [`MAX_INPUT_BYTES`] without reading it all.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_INPUT_BYTES {
        return Err(format!(
            "too large ({len} bytes; the limit is {MAX_INPUT_BYTES})"
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` guards against a file that grows while being read (a log, a pipe).
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("too large (over {MAX_INPUT_BYTES} bytes)"));
    }
    Ok(bytes)
}

thread_local! {
    static PANIC_LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the default panic output (a message and maybe a backtrace on stderr) with a note
/// of where it happened, which the caught failure then reports in one line.
pub fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_LOCATION.with(|cell| *cell.borrow_mut() = location);
    }));
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    match PANIC_LOCATION.with(|cell| cell.borrow_mut().take()) {
        Some(location) => format!("{message} at {location}"),
        None => message,
    }
}

/// Which passes `corroborate bench` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchMode {
    /// Clean + metadata + store: `ingest::read_document`, then the store, no analysis stages.
    IngestOnly,
    /// Clean + metadata + analyse + store: what `corroborate ingest` does.
    Full,
    /// Both, one after the other, each into a fresh store.
    Both,
}

/// `corroborate bench PATH`: ingest throughput on a `.jsonl.gz` of articles (`{"id", "title",
/// "text"}` per line, like `../shared/eval/bbc-news/bbc-2225.jsonl.gz`), each pass into a fresh
/// store in a temporary file. For each pass: articles/s and MB/s of wall time, MB per CPU-second
/// (all threads: the workers' and the single writer's), each side's share, and the peak RSS.
pub fn bench(path: &Path, limit: Option<usize>, mode: BenchMode) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .read_to_string(&mut text)
        .with_context(|| format!("{}: not a gzipped UTF-8 file", path.display()))?;
    let mut articles: Vec<(String, Vec<u8>)> = Vec::new();
    for (line_no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", path.display(), line_no + 1))?;
        let field = |name: &str| {
            value
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        // The article file as it was before the data set was turned into JSON lines: the title
        // on the first line, then the text.
        let article = format!("{}\n\n{}\n", field("title"), field("text"));
        articles.push((
            format!("{}#{}", path.display(), field("id")),
            article.into_bytes(),
        ));
        if limit.is_some_and(|limit| articles.len() >= limit) {
            break;
        }
    }
    drop(text);
    drop(raw);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mb = articles.iter().map(|a| a.1.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "data        {} ({} articles, {mb:.2} MB), {threads} worker threads + 1 writer thread",
        path.display(),
        articles.len()
    );
    let passes: &[(bool, &str)] = match mode {
        BenchMode::IngestOnly => &[(false, "clean + metadata + store (no analysis stages)")],
        BenchMode::Full => &[(true, "clean + metadata + analyse + store (full pipeline)")],
        BenchMode::Both => &[
            (false, "clean + metadata + store (no analysis stages)"),
            (true, "clean + metadata + analyse + store (full pipeline)"),
        ],
    };
    let mut last = 0.0;
    for (n, (analyse, label)) in passes.iter().enumerate() {
        let inputs = articles
            .iter()
            .map(|(source, bytes)| Input::Bytes {
                source: source.clone(),
                bytes: bytes.clone(),
            })
            .collect();
        println!();
        println!("({}) {label}", (b'a' + n as u8) as char);
        last = bench_pass(inputs, *analyse)?;
    }
    println!();
    println!("MB per CPU-second {last:.2}");
    Ok(ExitCode::SUCCESS)
}

/// One bench pass into a fresh temporary store; returns MB per CPU-second.
fn bench_pass(inputs: Vec<Input>, analyse: bool) -> anyhow::Result<f64> {
    let db = std::env::temp_dir().join(format!(
        "corroborate-bench-{}-{}.db",
        std::process::id(),
        u8::from(analyse)
    ));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    // Peak RSS per pass: writing 5 to clear_refs resets VmHWM (Linux 4.0 and later).
    let rss_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let store = Store::open(&db)?;
    let cpu_before = (
        cpu_seconds("/proc/self/stat"),
        cpu_seconds("/proc/thread-self/stat"),
    );
    let summary = ingest_inputs(&store, inputs, false, analyse);
    // The calling thread is the writer; the rest of the process's CPU time is the workers'.
    let cpu_after = (
        cpu_seconds("/proc/self/stat"),
        cpu_seconds("/proc/thread-self/stat"),
    );
    let stats = store.stats();
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let summary = summary?;
    let stats = stats?;
    let secs = summary.elapsed.as_secs_f64().max(1e-9);
    let mb = summary.bytes as f64 / 1e6;
    let t = summary.timing;
    println!(
        "  stored      {} documents ({} duplicates, {} failed), {} claims, {} quotes, {} entities, {} mentions",
        summary.stored, summary.duplicates, summary.failed, stats.claims, stats.quotes, stats.entities, stats.mentions
    );
    println!(
        "  wall        {secs:.2} s: {:.0} articles/s, {:.2} MB/s",
        summary.inputs as f64 / secs,
        mb / secs
    );
    println!(
        "  phases      read+clean+metadata {:.2} s, analyse {:.2} s, prepare for store {:.2} s (wall, summed over workers); store {:.2} s (wall, writer)",
        (t.read + t.ingest).as_secs_f64(),
        t.analyse.as_secs_f64(),
        t.prepare.as_secs_f64(),
        t.store.as_secs_f64()
    );
    let mut per_cpu = 0.0;
    if let ((Some(p0), Some(w0)), (Some(p1), Some(w1))) = (cpu_before, cpu_after) {
        let (process, writer) = (p1 - p0, w1 - w0);
        let workers = process - writer;
        per_cpu = mb / process.max(1e-9);
        let what = if analyse {
            "read+clean+metadata+analyse+prepare"
        } else {
            "read+clean+metadata+prepare"
        };
        println!(
            "  CPU         {process:.2} s: workers {workers:.2} s ({:.2} MB per CPU-second of {what}), writer {writer:.2} s ({:.2} MB per CPU-second of SQLite writes + entity merging)",
            mb / workers.max(1e-9),
            mb / writer.max(1e-9)
        );
        println!(
            "  per core    {per_cpu:.2} MB per CPU-second, {:.0} articles per CPU-second (all threads, whole pass)",
            summary.inputs as f64 / process.max(1e-9)
        );
    }
    match peak_rss_kb() {
        Some(kb) if rss_reset => println!("  peak RSS    {:.1} MB (this pass)", kb as f64 / 1024.0),
        Some(kb) => println!(
            "  peak RSS    {:.1} MB (process so far: could not reset between passes)",
            kb as f64 / 1024.0
        ),
        None => println!("  peak RSS    unknown (no /proc/self/status)"),
    }
    Ok(per_cpu)
}

/// User + system CPU seconds from a `/proc/.../stat` file (fields 14 and 15, in clock ticks of
/// 1/100 s, the value of `sysconf(_SC_CLK_TCK)` on Linux).
fn cpu_seconds(stat_path: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(stat_path).ok()?;
    // The command name in field 2 may contain spaces; fields are counted after its ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// The process's peak resident set size (`VmHWM`), in kB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
