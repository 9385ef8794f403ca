//! The online checks (`check --online`): whether the web links of a list still lead
//! somewhere, and whether the GitHub repositories it links are archived or renamed.
//!
//! This layer sits beside the rules, not inside them: a run collects the URLs of
//! every file, checks each canonical URL once ([`check_urls`]), keeps the results and
//! the dates of consecutive failures in a cache ([`history`]) so that one bad night
//! of a server never fails CI, and only then turns results into findings
//! ([`findings`]). Without `--online` nothing here runs and no socket is opened.
//!
//! - [`http`]: one URL through HEAD then GET, redirects followed by hand (a chain of
//!   permanent redirects is a move, a temporary one is not), retries with backoff
//!   that honour `Retry-After`, and bot walls told apart from dead pages.
//! - [`github`]: `github.com/owner/name` through the GitHub API (REST, or GraphQL in
//!   batches with a token), which knows what a page cannot tell: archived, renamed,
//!   missing.
//! - [`pool`]: a bounded set of workers with a per-host limit and spacing.

mod calendar;
pub mod findings;
pub mod github;
pub mod history;
pub mod http;
pub mod pool;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use self::findings::{Checked, Results};
use self::history::{Clock, History, Policy};

/// What checking one URL found. Stored in the cache, so its shape is part of the
/// cache format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// The page answers (2xx), perhaps after temporary redirects.
    Alive,
    /// Every hop was a permanent redirect (301, 308) and `to` answers.
    Moved { to: String },
    /// The page or host is gone: 404, 410, no such host, connection refused, a
    /// repository the GitHub API does not know.
    Dead { reason: String },
    /// The site refused to show the page to a program (a bot wall, a rate limit):
    /// nothing is known about the link.
    Blocked { reason: String },
    /// Timeouts, resets, server errors that outlived the retries: nothing is known
    /// either, and it is not a failure of the link.
    Unreachable { reason: String },
    /// A GitHub repository as the API describes it.
    Repo { full_name: String, archived: bool },
}

impl Outcome {
    /// Whether the result counts as one failure in the link's history.
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Dead { .. })
    }
}

/// How the online checks run; `pocketlint check` fills it from flags, config and
/// the environment.
#[derive(Debug, Clone)]
pub struct OnlineSettings {
    /// Workers checking at once, over every host.
    pub workers: usize,
    /// Requests in flight to one host at once.
    pub per_host: usize,
    /// The least time between two requests starting on one host.
    pub spacing: Duration,
    /// How long one request may take, connecting and reading included.
    pub timeout: Duration,
    /// Tries after the first for a timeout, a reset, a 429 or a 5xx.
    pub retries: u32,
    /// The first wait before a retry; doubled each time.
    pub backoff: Duration,
    /// The longest `Retry-After` honoured; a site asking for more is reported as
    /// rate limiting, not waited for.
    pub max_retry_after: Duration,
    /// The GitHub REST API (`POCKETLINT_GITHUB_API_URL`: GitHub Enterprise, tests);
    /// GraphQL is found beside it ([`github::graphql_endpoint`]).
    pub github_api: String,
    /// `GITHUB_TOKEN`, sent to the GitHub GraphQL API only.
    pub github_token: Option<String>,
}

impl Default for OnlineSettings {
    fn default() -> Self {
        Self {
            workers: 16,
            per_host: 2,
            spacing: Duration::from_millis(100),
            timeout: Duration::from_secs(20),
            retries: 2,
            backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            github_api: "https://api.github.com".to_owned(),
            github_token: None,
        }
    }
}

impl OnlineSettings {
    /// The defaults with the GitHub API address and token from the environment.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        let defaults = Self::default();
        Self {
            github_api: var("POCKETLINT_GITHUB_API_URL").unwrap_or(defaults.github_api.clone()),
            github_token: var("GITHUB_TOKEN"),
            ..defaults
        }
    }
}

/// The `User-Agent` of every request: names pocketlint and where to read about it, so
/// a site owner seeing it in their logs knows what it is.
pub const USER_AGENT: &str = concat!(
    "pocketlint/",
    env!("CARGO_PKG_VERSION"),
    " (link checker; +https://github.com/pocketlint/pocketlint)"
);

/// Checks every URL of `urls` once (each is expected distinct), GitHub repositories
/// through the API and the rest over HTTP, and returns the outcomes in the same order.
/// Links into one repository ask the API once; with a token, [`github::GRAPHQL_BATCH`]
/// repositories share a request.
pub fn check_urls(urls: &[String], settings: &OnlineSettings) -> Vec<Outcome> {
    let client = http::Client::new(settings);
    let api = github::Api::new(settings, &client);
    let mut pages = Vec::new();
    let mut repos: Vec<(github::Repo, Vec<usize>)> = Vec::new();
    let mut repo_index: HashMap<String, usize> = HashMap::new();
    for (i, url) in urls.iter().enumerate() {
        let Some(repo) = github::repo_of(url) else {
            pages.push(Task::Page(i));
            continue;
        };
        let slot = *repo_index
            .entry(repo.full_name().to_ascii_lowercase())
            .or_insert_with(|| {
                repos.push((repo, Vec::new()));
                repos.len() - 1
            });
        repos[slot].1.push(i);
    }
    let batch = if settings.github_token.is_some() {
        github::GRAPHQL_BATCH
    } else {
        1
    };
    let mut tasks: Vec<Task> = repos.chunks(batch).map(Task::Repos).collect();
    tasks.append(&mut pages);
    let api_host = api.host();
    let host = |task: &Task| match task {
        Task::Page(i) => pool::host_of(&urls[*i]),
        Task::Repos(_) => api_host.clone(),
    };
    let done = pool::run(&tasks, settings, host, |task| match task {
        Task::Page(i) => vec![(*i, client.probe(&urls[*i]))],
        Task::Repos(chunk) => {
            let asked: Vec<github::Repo> = chunk.iter().map(|(repo, _)| repo.clone()).collect();
            let outcomes = api.repositories(&asked);
            chunk
                .iter()
                .zip(outcomes)
                .flat_map(|((_, at), outcome)| at.iter().map(move |&i| (i, outcome.clone())))
                .collect()
        }
    });
    let mut outcomes: Vec<Option<Outcome>> = vec![None; urls.len()];
    for (i, outcome) in done.into_iter().flatten() {
        outcomes[i] = Some(outcome);
    }
    outcomes
        .into_iter()
        .map(|o| o.expect("every URL is in exactly one task"))
        .collect()
}

/// One piece of the pool's work.
enum Task<'a> {
    /// The page at an index of the URLs, over HTTP.
    Page(usize),
    /// Repositories asked of the API together, each with the indices of its links.
    Repos(&'a [(github::Repo, Vec<usize>)]),
}

/// Checks each canonical URL of `urls` (`(key, url)` pairs, the first spelling of a key
/// is the one fetched) unless `history` has a fresh result, records what was checked,
/// and returns what is known of every key.
pub fn check_with_history(
    urls: &[(String, String)],
    settings: &OnlineSettings,
    policy: &Policy,
    history: &mut History,
    clock: &dyn Clock,
) -> Results {
    let now = clock.now();
    let mut seen = HashSet::new();
    let unique: Vec<&(String, String)> = urls.iter().filter(|(k, _)| seen.insert(k)).collect();
    let (stale_keys, stale_urls): (Vec<&String>, Vec<String>) = unique
        .iter()
        .filter(|(key, _)| history.fresh(key, now, policy).is_none())
        .map(|(key, url)| (key, url.clone()))
        .unzip();
    let outcomes = check_urls(&stale_urls, settings);
    for (key, outcome) in stale_keys.into_iter().zip(outcomes) {
        history.record(key, outcome, now);
    }
    unique
        .into_iter()
        .filter_map(|(key, _)| {
            let entry = history.get(key)?;
            let checked = Checked {
                outcome: entry.outcome.clone(),
                failing: policy.failing(entry),
            };
            Some((key.clone(), checked))
        })
        .collect()
}
