//! Arbitrary bytes behind 33k CJK characters on one line: never a panic in any output
//! format, and human output names the place the others do (see
//! `pocketlint::fuzz::render_bytes`).
fn main() {
    afl::fuzz!(|data: &[u8]| pocketlint::fuzz::render_bytes(data));
}
