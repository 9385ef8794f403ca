//! The online checks against a server on 127.0.0.1 started by each test (never the
//! internet): status codes, redirect chains, retries, bot walls, timeouts, resets,
//! the GitHub API, and the failure history under an injected clock.

mod cli;
mod server;

use std::cell::Cell;
use std::time::Duration;

use pocketlint::config::Settings;
use pocketlint::document::Document;
use pocketlint::online::findings::{Results, findings, web_urls};
use pocketlint::online::history::{Clock, DAY, History, Policy};
use pocketlint::online::{OnlineSettings, Outcome, check_urls, check_with_history};
use server::{Server, answer, fixed};

/// Quick settings for a local server: short timeout and backoff.
fn settings(server: &Server) -> OnlineSettings {
    OnlineSettings {
        spacing: Duration::ZERO,
        timeout: Duration::from_millis(800),
        retries: 2,
        backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
        github_api: server.url(""),
        ..OnlineSettings::default()
    }
}

fn probe(server: &Server, path: &str) -> Outcome {
    check_urls(&[server.url(path)], &settings(server)).remove(0)
}

#[test]
fn live_gone_and_missing_pages() {
    let server = Server::start(vec![
        ("/ok", fixed(200, &[], "hello")),
        ("/gone", fixed(410, &[], "")),
    ]);
    assert_eq!(probe(&server, "/ok"), Outcome::Alive);
    assert_eq!(server.count("/ok"), 1, "a live page costs one HEAD");
    assert!(
        matches!(probe(&server, "/gone"), Outcome::Dead { reason } if reason.starts_with("410"))
    );
    assert!(
        matches!(probe(&server, "/missing"), Outcome::Dead { reason } if reason.starts_with("404"))
    );
    // A failing HEAD is confirmed by GET before the link is called dead.
    let methods: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|s| s.path == "/gone")
        .map(|s| s.method)
        .collect();
    assert_eq!(methods, ["HEAD", "GET"]);
}

#[test]
fn requests_say_who_they_are_and_accept_html() {
    let server = Server::start(vec![("/ok", fixed(200, &[], ""))]);
    probe(&server, "/ok");
    let seen = &server.requests()[0];
    assert!(
        seen.headers["user-agent"].starts_with("pocketlint/"),
        "{seen:?}"
    );
    assert!(seen.headers["accept"].starts_with("text/html"), "{seen:?}");
}

#[test]
fn head_refused_falls_back_to_get() {
    let server = Server::start(vec![(
        "/no-head",
        Box::new(|seen: &server::Seen, _| {
            Some(answer(if seen.method == "HEAD" { 405 } else { 200 }))
        }),
    )]);
    assert_eq!(probe(&server, "/no-head"), Outcome::Alive);
    assert_eq!(server.count("/no-head"), 2);
}

#[test]
fn permanent_chains_move_temporary_and_landing_redirects_do_not() {
    let server = Server::start(vec![
        ("/old", fixed(301, &[("Location", "/older")], "")),
        ("/older", fixed(308, &[("Location", "/new")], "")),
        ("/new", fixed(200, &[], "")),
        ("/temp", fixed(302, &[("Location", "/new")], "")),
        ("/mixed", fixed(301, &[("Location", "/temp")], "")),
        ("/to-home", fixed(301, &[("Location", "/")], "")),
        (
            "/to-login",
            fixed(301, &[("Location", "/account/login?next=x")], ""),
        ),
        ("/", fixed(200, &[], "")),
        ("/account/login", fixed(200, &[], "")),
        ("/to-nothing", fixed(301, &[("Location", "/missing")], "")),
    ]);
    assert_eq!(
        probe(&server, "/old"),
        Outcome::Moved {
            to: server.url("/new")
        }
    );
    assert_eq!(probe(&server, "/temp"), Outcome::Alive);
    assert_eq!(probe(&server, "/mixed"), Outcome::Alive);
    assert_eq!(probe(&server, "/to-home"), Outcome::Alive);
    assert_eq!(probe(&server, "/to-login"), Outcome::Alive);
    assert!(matches!(
        probe(&server, "/to-nothing"),
        Outcome::Dead { .. }
    ));
}

#[test]
fn rate_limits_are_waited_out_as_retry_after_asks() {
    let server = Server::start(vec![(
        "/busy",
        Box::new(|_: &server::Seen, count| {
            Some(if count == 1 {
                answer(429).header("Retry-After", "1")
            } else {
                answer(200)
            })
        }),
    )]);
    assert_eq!(probe(&server, "/busy"), Outcome::Alive);
    assert_eq!(server.count("/busy"), 2);
}

#[test]
fn a_long_retry_after_is_not_waited_for_and_never_dead() {
    let server = Server::start(vec![("/busy", fixed(429, &[("Retry-After", "3600")], ""))]);
    assert!(matches!(probe(&server, "/busy"), Outcome::Blocked { .. }));
    assert_eq!(server.count("/busy"), 1);
}

#[test]
fn retry_after_as_an_http_date() {
    // A date far ahead is not waited for (with the date unread, the backoff would
    // retry); a date already past is retried at once.
    let server = Server::start(vec![
        (
            "/closed",
            fixed(503, &[("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")], ""),
        ),
        (
            "/reopened",
            Box::new(|_: &server::Seen, count| {
                Some(if count == 1 {
                    answer(429).header("Retry-After", "Thu, 01 Jan 1970 00:00:00 GMT")
                } else {
                    answer(200)
                })
            }),
        ),
    ]);
    assert!(matches!(
        probe(&server, "/closed"),
        Outcome::Unreachable { .. }
    ));
    assert_eq!(server.count("/closed"), 2, "HEAD, then GET, no retry");
    assert_eq!(probe(&server, "/reopened"), Outcome::Alive);
    assert_eq!(server.count("/reopened"), 2);
}

#[test]
fn server_errors_are_retried_then_unknown() {
    let server = Server::start(vec![("/down", fixed(503, &[], "maintenance"))]);
    assert!(matches!(
        probe(&server, "/down"),
        Outcome::Unreachable { .. }
    ));
    // Three tries (retries: 2), each a HEAD and a GET.
    assert_eq!(server.count("/down"), 6);
}

#[test]
fn bot_walls_are_unverified_not_dead() {
    let server = Server::start(vec![
        ("/cf", fixed(403, &[("cf-mitigated", "challenge")], "")),
        (
            "/page",
            fixed(
                503,
                &[],
                "<html><title>Just a moment...</title><script src=/cdn-cgi/challenge-platform/x>",
            ),
        ),
        ("/forbidden", fixed(403, &[], "no")),
    ]);
    assert!(matches!(probe(&server, "/cf"), Outcome::Blocked { .. }));
    assert_eq!(
        server.count("/cf"),
        2,
        "HEAD, then GET; a challenge is not retried"
    );
    assert!(matches!(probe(&server, "/page"), Outcome::Blocked { .. }));
    // A plain 403 is neither a wall nor a dead page.
    assert!(matches!(
        probe(&server, "/forbidden"),
        Outcome::Unreachable { .. }
    ));
}

#[test]
fn timeouts_resets_and_refused_connections() {
    let server = Server::start(vec![
        (
            "/slow",
            Box::new(|_: &server::Seen, _| Some(answer(200).delay(Duration::from_secs(2)))),
        ),
        ("/reset", Box::new(|_: &server::Seen, _| None)),
    ]);
    let quick = OnlineSettings {
        timeout: Duration::from_millis(200),
        retries: 1,
        ..settings(&server)
    };
    let outcomes = check_urls(&[server.url("/slow"), server.url("/reset")], &quick);
    assert!(
        matches!(&outcomes[0], Outcome::Unreachable { reason } if reason.contains("timed out")),
        "{outcomes:?}"
    );
    assert!(
        matches!(&outcomes[1], Outcome::Unreachable { .. }),
        "{outcomes:?}"
    );
    assert_eq!(server.count("/slow"), 2, "one retry");
    // A port nobody listens on refuses the connection: the link is dead.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    assert!(matches!(
        &check_urls(&[url], &quick)[0],
        Outcome::Dead { reason } if reason == "connection refused"
    ));
}

fn github_server() -> Server {
    Server::start(vec![
        (
            "/repos/owner/live",
            fixed(200, &[], r#"{"full_name":"owner/live","archived":false}"#),
        ),
        (
            "/repos/owner/old",
            fixed(200, &[], r#"{"full_name":"owner/old","archived":true}"#),
        ),
        (
            "/repos/owner/renamed",
            Box::new(|seen: &server::Seen, _| {
                let host = &seen.headers["host"];
                Some(answer(301).header("Location", &format!("http://{host}/repositories/7")))
            }),
        ),
        (
            "/repositories/7",
            fixed(
                200,
                &[],
                r#"{"full_name":"neworg/new-name","archived":false}"#,
            ),
        ),
    ])
}

#[test]
fn github_repositories_are_asked_of_the_api() {
    let server = github_server();
    let urls: Vec<String> = ["live", "old", "renamed", "deleted"]
        .iter()
        .map(|name| format!("https://github.com/owner/{name}"))
        .collect();
    let outcomes = check_urls(&urls, &settings(&server));
    let repo = |full_name: &str, archived| Outcome::Repo {
        full_name: full_name.to_owned(),
        archived,
    };
    assert_eq!(outcomes[0], repo("owner/live", false));
    assert_eq!(outcomes[1], repo("owner/old", true));
    assert_eq!(outcomes[2], repo("neworg/new-name", false));
    assert!(matches!(&outcomes[3], Outcome::Dead { reason } if reason.contains("owner/deleted")));
    let seen = server.requests();
    assert!(seen.iter().all(|s| s.method == "GET"));
    assert!(
        seen.iter()
            .all(|s| s.headers["accept"] == "application/vnd.github+json")
    );
    assert!(
        seen.iter()
            .all(|s| !s.headers.contains_key("authorization"))
    );
}

/// A GraphQL endpoint answering as GitHub does for the repositories of a query: by
/// name, `archived-*` archived, `renamed-*` now `neworg/*`, `missing-*` null with a
/// `NOT_FOUND` error, any other live.
fn graphql_server() -> Server {
    Server::start(vec![(
        "/graphql",
        Box::new(|seen: &server::Seen, _| {
            let request: serde_json::Value = serde_json::from_str(&seen.body).ok()?;
            let query = request["query"].as_str()?;
            let mut data = serde_json::Map::new();
            let mut errors = Vec::new();
            for (alias, owner, name) in aliased_repositories(query, &request["variables"]) {
                let node = if name.starts_with("missing") {
                    errors.push(serde_json::json!({
                        "type": "NOT_FOUND",
                        "path": [alias],
                        "message": format!("Could not resolve to a Repository with the name '{owner}/{name}'."),
                    }));
                    serde_json::Value::Null
                } else {
                    let full_name = match name.strip_prefix("renamed-") {
                        Some(rest) => format!("neworg/{rest}"),
                        None => format!("{owner}/{name}"),
                    };
                    serde_json::json!({
                        "nameWithOwner": full_name,
                        "isArchived": name.starts_with("archived"),
                    })
                };
                data.insert(alias, node);
            }
            let body = serde_json::json!({ "data": data, "errors": errors }).to_string();
            Some(answer(200).body(&body))
        }),
    )])
}

/// The `alias:repository(owner:$o,name:$n)` fields of a query, with their variables.
fn aliased_repositories(
    query: &str,
    variables: &serde_json::Value,
) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut rest = query;
    while let Some(at) = rest.find(":repository(") {
        let alias = rest[..at]
            .rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or_default();
        let args_start = at + ":repository(".len();
        let args_end = args_start + rest[args_start..].find(')').expect("closed arguments");
        let mut owner = String::new();
        let mut name = String::new();
        for arg in rest[args_start..args_end].split(',') {
            let (key, variable) = arg.split_once(":$").expect("a variable argument");
            let value = variables[variable].as_str().unwrap_or_default().to_owned();
            match key {
                "owner" => owner = value,
                "name" => name = value,
                other => panic!("unexpected argument {other}"),
            }
        }
        found.push((alias.to_owned(), owner, name));
        rest = &rest[args_end..];
    }
    found
}

#[test]
fn with_a_token_repositories_are_asked_fifty_at_a_time_through_graphql() {
    let server = graphql_server();
    let kinds = ["live", "archived", "renamed", "missing"];
    let mut urls: Vec<String> = (0..120)
        .map(|i| format!("https://github.com/owner/{}-{i}", kinds[i % 4]))
        .collect();
    // Two more links into repositories already asked: no more questions.
    urls.push("https://github.com/owner/live-0/issues".to_owned());
    urls.push("https://github.com/OWNER/Archived-1/tree/main".to_owned());
    let with_token = OnlineSettings {
        github_token: Some("secret".to_owned()),
        ..settings(&server)
    };
    let outcomes = check_urls(&urls, &with_token);
    let repo = |full_name: String, archived| Outcome::Repo {
        full_name,
        archived,
    };
    for (i, outcome) in outcomes.iter().take(120).enumerate() {
        let expected = match kinds[i % 4] {
            "live" => repo(format!("owner/live-{i}"), false),
            "archived" => repo(format!("owner/archived-{i}"), true),
            "renamed" => repo(format!("neworg/{i}"), false),
            _ => Outcome::Dead {
                reason: format!("repository owner/missing-{i} not found"),
            },
        };
        assert_eq!(*outcome, expected, "{}", urls[i]);
    }
    assert_eq!(outcomes[120], repo("owner/live-0".to_owned(), false));
    assert_eq!(outcomes[121], repo("owner/archived-1".to_owned(), true));
    let seen = server.requests();
    assert_eq!(seen.len(), 3, "120 repositories, 50 a request");
    let mut asked = 0;
    for request in &seen {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("POST", "/graphql")
        );
        assert_eq!(request.headers["authorization"], "Bearer secret");
        let query: serde_json::Value = serde_json::from_str(&request.body).unwrap();
        let fields = aliased_repositories(query["query"].as_str().unwrap(), &query["variables"]);
        assert!(fields.len() <= 50, "{} in one request", fields.len());
        asked += fields.len();
    }
    assert_eq!(asked, 120);
}

#[test]
fn graphql_failures_say_nothing_of_the_repositories() {
    let server = Server::start(vec![(
        "/graphql",
        fixed(
            200,
            &[],
            r#"{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded"}]}"#,
        ),
    )]);
    let with_token = OnlineSettings {
        github_token: Some("secret".to_owned()),
        ..settings(&server)
    };
    let urls = ["a/b", "c/d"].map(|r| format!("https://github.com/{r}"));
    let outcomes = check_urls(&urls, &with_token);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Blocked { reason } if reason == "GitHub API rate limit")),
        "{outcomes:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

/// A clock the test moves.
struct FakeClock(Cell<u64>);

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.get()
    }
}

const README: &str =
    "# List\n\n- [Gone](URL/gone) a page that was removed\n- [Fine](URL/ok) still here\n";

fn readme(server: &Server) -> String {
    README.replace("URL", &server.url(""))
}

/// One run at the clock's time: what `check --online` reports on `text`.
fn run(
    text: &str,
    server: &Server,
    history: &mut History,
    clock: &FakeClock,
) -> Vec<(String, String)> {
    let doc = Document::parse(text);
    let results: Results = check_with_history(
        &web_urls(&doc),
        &settings(server),
        &Policy::default(),
        history,
        clock,
    );
    findings(&doc, &results, &Settings::default())
        .into_iter()
        .map(|d| (d.severity.to_string(), d.message))
        .collect()
}

#[test]
fn a_dead_link_is_an_error_only_after_failures_on_two_days() {
    let server = Server::start(vec![("/ok", fixed(200, &[], ""))]);
    let dir = tempfile::tempdir().unwrap();
    let (mut history, problem) = History::load(&dir.path().join("links.json"));
    assert_eq!(problem, None);
    let day = 20_423 * DAY; // 2025-12-01
    let clock = FakeClock(Cell::new(day + 3600));
    let text = readme(&server);
    let gone = server.url("/gone");

    let first = run(&text, &server, &mut history, &clock);
    assert_eq!(
        first,
        [(
            "warning".to_owned(),
            format!("{gone} may be dead: 404 Not Found, failing since 2025-12-01 (1 check)")
        )]
    );
    // Within a day the result is reused: no request.
    let before = server.count("/gone");
    clock.0.set(day + 7200);
    assert_eq!(run(&text, &server, &mut history, &clock), first);
    assert_eq!(server.count("/gone"), before);
    // Three failures, but all on one day, then a second day: an error.
    let policy_one_day = Policy {
        max_age: 0,
        ..Policy::default()
    };
    let doc = Document::parse(&text);
    for hour in [3, 4] {
        clock.0.set(day + hour * 3600);
        check_with_history(
            &web_urls(&doc),
            &settings(&server),
            &policy_one_day,
            &mut history,
            &clock,
        );
    }
    let entry = history
        .get(
            pocketlint::rules::canonical::canonicalize(&gone)
                .unwrap()
                .key(),
        )
        .unwrap();
    assert_eq!(entry.failures.len(), 3);
    assert!(
        !Policy::default().failing(entry).unwrap().persistent,
        "one day only"
    );
    clock.0.set(day + DAY + 6 * 3600);
    let later = run(&text, &server, &mut history, &clock);
    assert_eq!(
        later,
        [(
            "error".to_owned(),
            format!("{gone} is dead: 404 Not Found, failing since 2025-12-01 (4 checks)")
        )]
    );
    // Saved and loaded again, the history goes on.
    history.save().unwrap();
    let (reloaded, problem) = History::load(&dir.path().join("links.json"));
    assert_eq!(problem, None);
    assert_eq!(reloaded.get(&entry_key(&gone)).unwrap().failures.len(), 4);
}

fn entry_key(url: &str) -> String {
    pocketlint::rules::canonical::canonicalize(url)
        .unwrap()
        .into_key()
}

#[test]
fn a_link_that_answers_again_starts_over() {
    let server = Server::start(vec![(
        "/flaky",
        Box::new(|_: &server::Seen, count| Some(answer(if count <= 2 { 404 } else { 200 }))),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let (mut history, _) = History::load(&dir.path().join("links.json"));
    let clock = FakeClock(Cell::new(20_000 * DAY));
    let url = server.url("/flaky");
    let urls = [(entry_key(&url), url.clone())];
    let policy = Policy::default();
    check_with_history(&urls, &settings(&server), &policy, &mut history, &clock);
    assert_eq!(history.get(&entry_key(&url)).unwrap().failures.len(), 1);
    clock.0.set(21_000 * DAY);
    let results = check_with_history(&urls, &settings(&server), &policy, &mut history, &clock);
    assert_eq!(results[&entry_key(&url)].outcome, Outcome::Alive);
    assert!(history.get(&entry_key(&url)).unwrap().failures.is_empty());
}

#[test]
fn a_corrupt_cache_is_reported_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache/links.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "{ not json").unwrap();
    let (mut history, problem) = History::load(&path);
    let problem = problem.expect("the corruption is reported");
    assert!(
        problem.contains("links.json") && problem.contains("corrupt"),
        "{problem}"
    );
    history.record("example.com/x", Outcome::Alive, 5);
    history.save().unwrap();
    let (again, problem) = History::load(&path);
    assert_eq!(problem, None);
    assert_eq!(again.get("example.com/x").unwrap().outcome, Outcome::Alive);
}

#[test]
fn two_runs_saving_at_once_keep_each_others_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.json");
    let (mut one, _) = History::load(&path);
    let (mut two, _) = History::load(&path);
    one.record("a.test/1", Outcome::Alive, 10);
    two.record("b.test/2", Outcome::Alive, 11);
    one.record("c.test/3", Outcome::Alive, 10);
    two.record(
        "c.test/3",
        Outcome::Dead {
            reason: "404".into(),
        },
        12,
    );
    two.save().unwrap();
    one.save().unwrap();
    let (merged, _) = History::load(&path);
    assert!(merged.get("a.test/1").is_some() && merged.get("b.test/2").is_some());
    assert_eq!(
        merged.get("c.test/3").unwrap().checked,
        12,
        "the later check wins"
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left");
}

#[test]
fn findings_carry_fixes_where_sure() {
    let server = Server::start(vec![
        ("/old", fixed(301, &[("Location", "/new")], "")),
        ("/new", fixed(200, &[], "")),
        ("/wall", fixed(403, &[("cf-mitigated", "challenge")], "")),
    ]);
    let api = github_server();
    let text = format!(
        "# List\n\n- [Old]({}#usage) moved\n- [Wall]({}) walled\n- [Repo](https://github.com/owner/renamed/tree/main) renamed\n- [Archive](https://github.com/owner/old) archived\n",
        server.url("/old"),
        server.url("/wall")
    );
    let doc = Document::parse(&text);
    let dir = tempfile::tempdir().unwrap();
    let (mut history, _) = History::load(&dir.path().join("links.json"));
    let clock = FakeClock(Cell::new(20_000 * DAY));
    let online = OnlineSettings {
        github_api: api.url(""),
        ..settings(&server)
    };
    let results = check_with_history(
        &web_urls(&doc),
        &online,
        &Policy::default(),
        &mut history,
        &clock,
    );
    let found = findings(&doc, &results, &Settings::default());
    let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        [
            "url-redirect",
            "url-unverified",
            "repo-moved",
            "repo-archived"
        ]
    );
    let fixed = pocketlint::fix::apply_fixes(&text, found.iter().filter_map(|d| d.fix.as_ref()));
    assert!(
        fixed
            .0
            .contains(&format!("[Old]({}#usage)", server.url("/new"))),
        "{}",
        fixed.0
    );
    assert!(
        fixed
            .0
            .contains("(https://github.com/neworg/new-name/tree/main)"),
        "{}",
        fixed.0
    );
    assert_eq!(found[1].severity.to_string(), "info");
    assert!(found[1].fix.is_none());
}

#[test]
fn one_host_never_has_more_than_two_requests_at_once() {
    let server = Server::start(vec![(
        "/page",
        Box::new(|_: &server::Seen, _| Some(answer(200).delay(Duration::from_millis(20)))),
    )]);
    let urls: Vec<String> = (0..24).map(|i| server.url(&format!("/page?{i}"))).collect();
    let busy = OnlineSettings {
        workers: 8,
        ..settings(&server)
    };
    let outcomes = check_urls(&urls, &busy);
    assert!(
        outcomes.iter().all(|o| *o == Outcome::Alive),
        "{outcomes:?}"
    );
    assert_eq!(server.requests().len(), 24, "one request a URL");
    let most = server.open.1.load(std::sync::atomic::Ordering::SeqCst);
    assert!((1..=2).contains(&most), "{most} requests at once");
}

#[test]
fn findings_follow_the_rules_settings() {
    let server = Server::start(vec![
        ("/old", fixed(301, &[("Location", "/new")], "")),
        ("/new", fixed(200, &[], "")),
    ]);
    let text = format!("- [Old]({})\n", server.url("/old"));
    let doc = Document::parse(&text);
    let results: Results = web_urls(&doc)
        .into_iter()
        .zip(check_urls(&[server.url("/old")], &settings(&server)))
        .map(|((key, _), outcome)| {
            let failing = None;
            (
                key,
                pocketlint::online::findings::Checked { outcome, failing },
            )
        })
        .collect();
    let found = findings(&doc, &results, &Settings::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity.to_string(), "warning");
    let config = "rules:\n  url-redirect: error\n";
    let file = pocketlint::config::ConfigFile::parse(
        config,
        std::path::Path::new("c.yaml"),
        &pocketlint::rules::SCHEMA,
    )
    .unwrap();
    let found = findings(&doc, &results, &file.settings());
    assert_eq!(found[0].severity.to_string(), "error");
    let mut ignoring = Settings::default();
    ignoring.restrict(&[], &["url-redirect".to_owned()]);
    assert!(findings(&doc, &results, &ignoring).is_empty());
    let silenced = format!("<!-- pocketlint-disable-next-line url-redirect -->\n{text}");
    let doc = Document::parse(&silenced);
    assert!(findings(&doc, &results, &Settings::default()).is_empty());
}
