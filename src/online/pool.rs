//! A bounded set of workers that never has more than `per_host` requests in flight to
//! one host, nor starts two on one host closer than `spacing`: a list of 2,000 links
//! to one site must not look like an attack on it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::OnlineSettings;

/// Runs `check` on every item with `settings.workers` threads, under the limits of
/// the host `host` names for it; the results come back in the order of `items`.
pub fn run<I, T>(
    items: &[I],
    settings: &OnlineSettings,
    host: impl Fn(&I) -> String + Sync,
    check: impl Fn(&I) -> T + Sync,
) -> Vec<T>
where
    I: Sync,
    T: Send,
{
    let gate = HostGate::new(settings.per_host.max(1), settings.spacing);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(items.iter().map(|_| None).collect());
    let workers = settings.workers.clamp(1, items.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let host = host(item);
                    gate.enter(&host);
                    let result = check(item);
                    gate.leave(&host);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every index is taken by exactly one worker"))
        .collect()
}

/// The host a URL is limited under (the whole URL when it has none).
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| url.to_owned())
}

/// Per-host admission: how many requests are in flight and when the last started.
struct HostGate {
    per_host: usize,
    spacing: Duration,
    hosts: Mutex<HashMap<String, HostState>>,
    changed: Condvar,
}

#[derive(Default)]
struct HostState {
    active: usize,
    last_start: Option<Instant>,
}

impl HostGate {
    fn new(per_host: usize, spacing: Duration) -> Self {
        Self {
            per_host,
            spacing,
            hosts: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        }
    }

    /// Waits until `host` has a free slot and its spacing has passed, then takes it.
    fn enter(&self, host: &str) {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let state = hosts.entry(host.to_owned()).or_default();
            let ready_at = state.last_start.map(|t| t + self.spacing);
            let now = Instant::now();
            if state.active < self.per_host && ready_at.is_none_or(|t| t <= now) {
                state.active += 1;
                state.last_start = Some(now);
                return;
            }
            // Woken when a slot frees; otherwise when the spacing has passed.
            let wait = ready_at
                .filter(|_| state.active < self.per_host)
                .map_or(Duration::from_secs(1), |t| t.saturating_duration_since(now));
            hosts = self
                .changed
                .wait_timeout(hosts, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn leave(&self, host: &str) {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(state) = hosts.get_mut(host) {
            state.active -= 1;
        }
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_host_has_more_than_its_limit_in_flight() {
        let urls: Vec<String> = (0..60)
            .map(|i| format!("http://host{}.test/{i}", i % 3))
            .collect();
        let settings = OnlineSettings {
            workers: 12,
            per_host: 2,
            spacing: Duration::ZERO,
            ..OnlineSettings::default()
        };
        let in_flight: Mutex<HashMap<String, (usize, usize)>> = Mutex::new(HashMap::new());
        let results = run(
            &urls,
            &settings,
            |url| host_of(url),
            |url| {
                let host = host_of(url);
                {
                    let mut map = in_flight.lock().unwrap();
                    let (now, most) = map.entry(host.clone()).or_default();
                    *now += 1;
                    *most = (*most).max(*now);
                }
                std::thread::sleep(Duration::from_millis(2));
                in_flight.lock().unwrap().get_mut(&host).unwrap().0 -= 1;
                url.len()
            },
        );
        assert_eq!(results, urls.iter().map(String::len).collect::<Vec<_>>());
        let map = in_flight.into_inner().unwrap();
        assert_eq!(map.len(), 3);
        // Twelve workers on three hosts: without the gate each host would see four.
        assert!(
            map.values().all(|&(_, most)| most <= 2),
            "{:?}",
            map.values()
        );
        assert!(
            map.values().any(|&(_, most)| most == 2),
            "{:?}",
            map.values()
        );
    }
}
