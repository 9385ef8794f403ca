//! Arbitrary text fixed safely and unsafely: only the edited bytes change, the fixes
//! converge and a second pass is a no-op (see `pocketlint::fuzz::fix_bytes`).
fn main() {
    afl::fuzz!(|data: &[u8]| pocketlint::fuzz::fix_bytes(data));
}
