//! Writes a synthetic curated list to stdout, for `scripts/bench-peers.sh`:
//! `cargo run --release --example gen_list -- SECTIONS [ENTRIES]`.

#[path = "../benches/synth/mod.rs"]
mod synth;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let sections = args.next().and_then(Result::ok).unwrap_or(2_000);
    let entries = args.next().and_then(Result::ok).unwrap_or(5);
    print!("{}", synth::list(sections, entries));
}
