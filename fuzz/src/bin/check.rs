//! Arbitrary bytes: never a panic, text is linted by every rule and rendered in every
//! format (see `pocketlint::fuzz::check_bytes`).
fn main() {
    afl::fuzz!(|data: &[u8]| pocketlint::fuzz::check_bytes(data));
}
