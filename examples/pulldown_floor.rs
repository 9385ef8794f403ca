//! The floor a whole pocketlint process is measured against: read each file and run a
//! bare pulldown-cmark pass over it, with offsets, building nothing.
//! `cargo run --release --example pulldown_floor -- FILE...`

fn main() -> std::io::Result<()> {
    let options = pocketlint::document::markdown_options();
    let mut events = 0;
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(path)?;
        events += pulldown_cmark::Parser::new_ext(&text, options)
            .into_offset_iter()
            .count();
    }
    println!("{events} events");
    Ok(())
}
