//! Prints the sentences of a file, one a line (development helper).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (_, sents, _) = segment::segment(&text);
    for s in sents {
        println!("[{}]", &text[s.start()..s.end()]);
    }
}
