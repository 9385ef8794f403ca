//! `cargo bench --bench online`: 2,000 links checked against a server on 127.0.0.1
//! (never the internet), each answer held 2 ms, at the default per-host limit of 2
//! and with the limit lifted to 16, showing the time taken and the most requests the
//! server ever had in flight at once.

#[path = "../tests/online/server.rs"]
#[allow(dead_code)]
mod server;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use pocketlint::online::{OnlineSettings, Outcome, check_urls};
use server::{Server, answer};

const LINKS: usize = 2_000;

fn main() {
    for per_host in [2, 16] {
        let server = Server::start(vec![(
            "/page",
            Box::new(|_: &server::Seen, _| Some(answer(200).delay(Duration::from_millis(2)))),
        )]);
        let urls: Vec<String> = (0..LINKS)
            .map(|i| server.url(&format!("/page?{i}")))
            .collect();
        let settings = OnlineSettings {
            per_host,
            spacing: Duration::ZERO,
            ..OnlineSettings::default()
        };
        let start = Instant::now();
        let outcomes = check_urls(&urls, &settings);
        let took = start.elapsed();
        let alive = outcomes.iter().filter(|o| **o == Outcome::Alive).count();
        println!(
            "{LINKS} links, {} workers, per-host limit {per_host}: {took:.2?}, {alive} alive, \
             {} requests, at most {} in flight",
            settings.workers,
            server.requests().len(),
            server.open.1.load(Ordering::SeqCst)
        );
    }
}
