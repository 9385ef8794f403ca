//! `pocketlint check --online` as users run it: the real binary, a list in a temporary
//! folder, its links on a server on 127.0.0.1, the GitHub API behind
//! `POCKETLINT_GITHUB_API_URL`; and `check` without `--online` opening no socket.

use std::net::TcpListener;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

use crate::server::{Server, fixed};

const PROXY_VARS: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The binary in `dir`, with no proxy and the GitHub API at `api`.
fn pocketlint(dir: &Path, api: &Server) -> Command {
    let mut cmd = Command::cargo_bin("pocketlint").expect("binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("POCKETLINT_GITHUB_API_URL", api.url(""))
        .env_remove("GITHUB_TOKEN");
    for var in PROXY_VARS {
        cmd.env_remove(var);
    }
    cmd
}

fn sites() -> Server {
    Server::start(vec![
        ("/ok", fixed(200, &[], "")),
        ("/old", fixed(301, &[("Location", "/ok")], "")),
        (
            "/repos/owner/old",
            fixed(200, &[], r#"{"full_name":"owner/old","archived":true}"#),
        ),
    ])
}

fn list(server: &Server) -> String {
    format!(
        "# List\n\n- [Fine]({ok}) - Fine.\n- [Gone]({gone}) - Gone.\n- [Moved]({old}) - Moved.\n- [Repo](https://github.com/owner/old) - Old.\n",
        ok = server.url("/ok"),
        gone = server.url("/gone"),
        old = server.url("/old")
    )
}

#[test]
fn check_without_online_opens_no_socket() {
    let server = sites();
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("README.md"), list(&server)).unwrap();
    // Every request would go through this proxy, or straight to the server.
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let mut cmd = pocketlint(dir.path(), &server);
    for var in &PROXY_VARS[..6] {
        cmd.env(var, &proxy_url);
    }
    cmd.arg("check").assert().success();
    assert!(proxy.accept().is_err(), "a connection reached the proxy");
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    assert!(!dir.path().join(".pocketlint-cache").exists());
}

#[test]
fn online_findings_a_cache_and_exit_codes() {
    let server = sites();
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("README.md"), list(&server)).unwrap();
    let output = pocketlint(dir.path(), &server)
        .args([
            "check",
            "--online",
            "--format",
            "concise",
            "--summary",
            "summary.md",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    // The job summary lists the links to act on in a table of their own.
    let summary = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    let table = summary
        .split("Dead, moved and archived links:\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no link table:\n{summary}"));
    assert_eq!(table.lines().count(), 2 + 3, "{table}");
    for rule in ["url-dead", "url-redirect", "repo-archived"] {
        assert!(table.contains(&format!("`{rule}`")), "{table}");
    }
    let gone = server.url("/gone");
    for expected in [
        format!("url-dead {gone} may be dead: 404 Not Found, failing since "),
        format!(
            "url-redirect {} redirects permanently to {}",
            server.url("/old"),
            server.url("/ok")
        ),
        "repo-archived repository owner/old is archived".to_owned(),
    ] {
        assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    }
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    let cache = std::fs::read_to_string(dir.path().join(".pocketlint-cache/links.json")).unwrap();
    assert!(cache.contains("\"failures\""), "{cache}");
    // A dead link not yet persistent is a warning: `--fail-on error` passes. The
    // second run reuses the cache: no new request.
    let before = server.requests().len();
    pocketlint(dir.path(), &server)
        .args(["check", "--online", "--fail-on", "error"])
        .assert()
        .success();
    assert_eq!(server.requests().len(), before);
}

#[test]
fn online_in_config_and_a_corrupt_cache() {
    let server = sites();
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        format!("# List\n\n- [Gone]({}) - Gone.\n", server.url("/gone")),
    )
    .unwrap();
    std::fs::write(dir.path().join(".pocketlint.yaml"), "online: true\n").unwrap();
    std::fs::write(dir.path().join("links.json"), "garbage").unwrap();
    let output = pocketlint(dir.path(), &server)
        .args(["check", "--link-cache", "links.json", "--format", "concise"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("links.json: the link cache is corrupt") && stderr.contains("rebuilt"),
        "{stderr}"
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("warning url-dead ")
    );
    let cache = std::fs::read_to_string(dir.path().join("links.json")).unwrap();
    assert!(cache.starts_with('{') && cache.contains("/gone"), "{cache}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_pull_request_checks_only_the_links_it_adds() {
    let server = sites();
    let dir = TempDir::new().unwrap();
    let old = format!("# List\n\n- [Rot]({}) - Old rot.\n", server.url("/rot"));
    std::fs::write(dir.path().join("README.md"), &old).unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "README.md"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    let new = format!("{old}- [New]({}) - New.\n", server.url("/new-dead"));
    std::fs::write(dir.path().join("README.md"), new).unwrap();
    let output = pocketlint(dir.path(), &server)
        .args([
            "check",
            "--online",
            "--changed-since",
            "main",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("/new-dead may be dead"), "{stdout}");
    assert!(!stdout.contains("/rot"), "{stdout}");
    assert_eq!(server.count("/rot"), 0);
}

/// A list with a link that moved for good and a repository that was renamed; the
/// server answers for both the sites and the REST API.
fn moved_sites() -> Server {
    Server::start(vec![
        ("/old", fixed(301, &[("Location", "/new")], "")),
        ("/new", fixed(200, &[], "")),
        (
            "/repos/owner/renamed",
            Box::new(|seen: &crate::server::Seen, _| {
                let host = &seen.headers["host"];
                Some(
                    crate::server::answer(301)
                        .header("Location", &format!("http://{host}/repos/neworg/new-name")),
                )
            }),
        ),
        (
            "/repos/neworg/new-name",
            fixed(
                200,
                &[],
                r#"{"full_name":"neworg/new-name","archived":false}"#,
            ),
        ),
    ])
}

fn moved_list(server: &Server) -> String {
    format!(
        "# List\n\n- [Old]({}) - Moved.\n- [Repo](https://github.com/owner/renamed/tree/main) - Renamed.\n",
        server.url("/old")
    )
}

#[test]
fn online_fixes_go_through_the_fix_engine() {
    let server = moved_sites();
    let dir = TempDir::new().unwrap();
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, moved_list(&server)).unwrap();
    // --diff shows the safe fix only; with --unsafe-fixes also the redirect's.
    let diff = pocketlint(dir.path(), &server)
        .args(["check", "--online", "--diff"])
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(
        diff.contains("+- [Repo](https://github.com/neworg/new-name/tree/main) - Renamed."),
        "{diff}"
    );
    assert!(
        !diff.contains(&format!("+- [Old]({})", server.url("/new"))),
        "{diff}"
    );
    let diff = pocketlint(dir.path(), &server)
        .args(["check", "--online", "--diff", "--unsafe-fixes"])
        .output()
        .unwrap();
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(
        diff.contains(&format!("+- [Old]({}) - Moved.", server.url("/new"))),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&readme).unwrap(),
        moved_list(&server)
    );
    // --fix writes the safe fix and reports the redirect it left.
    let fix = pocketlint(dir.path(), &server)
        .args(["check", "--online", "--fix", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(fix.stdout).unwrap();
    let stderr = String::from_utf8(fix.stderr).unwrap();
    assert!(
        stderr.contains("Fixed 1 finding in 1 file (1 remaining)"),
        "{stderr}"
    );
    assert!(stdout.contains("url-redirect"), "{stdout}");
    let fixed = std::fs::read_to_string(&readme).unwrap();
    assert_eq!(
        fixed,
        moved_list(&server).replace("owner/renamed", "neworg/new-name")
    );
    // The fixed file, checked again, has nothing left to fix safely.
    let again = pocketlint(dir.path(), &server)
        .args(["check", "--online", "--fix", "--format", "concise"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(
        stderr.contains("Fixed 0 findings in 0 files (1 remaining)"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&readme).unwrap(), fixed);
    assert_eq!(
        server.count("/repos/neworg/new-name"),
        2,
        "the rename found through a redirect, then the fixed link checked"
    );
}
