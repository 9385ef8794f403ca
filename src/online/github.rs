//! GitHub repositories through the REST API: `GET /repos/{owner}/{name}` says whether a
//! repository is archived and, by redirecting to its new home, whether it was renamed
//! or transferred, which the web page (a redirect to the new name, a banner) does not
//! say reliably. Without a token the API allows 60 requests an hour; `GITHUB_TOKEN`
//! raises that to 5,000.

use serde::Deserialize;

use super::http::{Client, NoReply};
use super::{OnlineSettings, Outcome};

/// First path segments of github.com that are pages of GitHub, not owners.
const NOT_OWNERS: &[&str] = &[
    "about",
    "apps",
    "collections",
    "contact",
    "customer-stories",
    "enterprise",
    "events",
    "explore",
    "features",
    "login",
    "marketplace",
    "new",
    "notifications",
    "orgs",
    "organizations",
    "pricing",
    "pulls",
    "search",
    "settings",
    "site",
    "sponsors",
    "topics",
    "trending",
    "users",
];

/// A repository a link points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    pub owner: String,
    pub name: String,
}

impl Repo {
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }
}

/// The repository of a `github.com/owner/name[/…]` link, or `None` for any other link.
pub fn repo_of(url: &str) -> Option<Repo> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    if !matches!(parsed.scheme(), "http" | "https")
        || !matches!(host.as_str(), "github.com" | "www.github.com")
    {
        return None;
    }
    let mut segments = parsed.path_segments()?.filter(|s| !s.is_empty());
    let owner = segments.next()?;
    let name = segments.next()?;
    let name = name.strip_suffix(".git").unwrap_or(name);
    if NOT_OWNERS.contains(&owner.to_ascii_lowercase().as_str()) || name.is_empty() {
        return None;
    }
    Some(Repo {
        owner: owner.to_owned(),
        name: name.to_owned(),
    })
}

/// The REST API at a base URL, reached through the checking client (its timeouts,
/// retries and `Retry-After`).
pub struct Api<'a> {
    base: String,
    token: Option<String>,
    client: &'a Client,
}

/// The fields of a repository the checks read.
#[derive(Deserialize)]
struct RepoJson {
    full_name: String,
    #[serde(default)]
    archived: bool,
}

/// Redirects the API may answer with before a repository is found (a rename).
const MAX_HOPS: usize = 5;

impl<'a> Api<'a> {
    pub fn new(settings: &OnlineSettings, client: &'a Client) -> Self {
        Self {
            base: settings.github_api.trim_end_matches('/').to_owned(),
            token: settings.github_token.clone(),
            client,
        }
    }

    /// What the API says of `repo`: its current full name and whether it is
    /// archived, or dead when it does not exist (or is private).
    pub fn repository(&self, repo: &Repo) -> Outcome {
        let authorization = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let mut url = format!("{}/repos/{}/{}", self.base, repo.owner, repo.name);
        for _ in 0..MAX_HOPS {
            let mut headers = vec![
                ("Accept", "application/vnd.github+json"),
                ("X-GitHub-Api-Version", "2022-11-28"),
            ];
            // The token goes to the API only, not wherever it redirects.
            if let Some(value) = &authorization
                && url.starts_with(&format!("{}/", self.base))
            {
                headers.push(("Authorization", value));
            }
            let reply = match self.client.fetch(&url, &headers, false) {
                Ok(reply) => reply,
                Err(NoReply::Dead(reason) | NoReply::Transient(reason)) => {
                    return Outcome::Unreachable {
                        reason: format!("GitHub API: {reason}"),
                    };
                }
            };
            match reply.status.as_u16() {
                200 => {
                    return match serde_json::from_str::<RepoJson>(&reply.page) {
                        Ok(json) => Outcome::Repo {
                            full_name: json.full_name,
                            archived: json.archived,
                        },
                        Err(err) => Outcome::Unreachable {
                            reason: format!("GitHub API: unexpected answer: {err}"),
                        },
                    };
                }
                301 | 302 | 307 | 308 => {
                    let Some(next) = reply.headers.get("location").and_then(|v| v.to_str().ok())
                    else {
                        break;
                    };
                    url = next.to_owned();
                }
                404 | 451 => {
                    return Outcome::Dead {
                        reason: format!("repository {} not found", repo.full_name()),
                    };
                }
                403 | 429 => {
                    return Outcome::Blocked {
                        reason: "GitHub API rate limit (set GITHUB_TOKEN)".to_owned(),
                    };
                }
                code => {
                    return Outcome::Unreachable {
                        reason: format!("GitHub API: {code}"),
                    };
                }
            }
        }
        Outcome::Unreachable {
            reason: "GitHub API: too many redirects".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_are_read_from_github_links_only() {
        let repo = |owner: &str, name: &str| {
            Some(Repo {
                owner: owner.into(),
                name: name.into(),
            })
        };
        assert_eq!(repo_of("https://github.com/a/b"), repo("a", "b"));
        assert_eq!(repo_of("https://www.github.com/a/b.git"), repo("a", "b"));
        assert_eq!(
            repo_of("https://github.com/a/b/tree/main/x"),
            repo("a", "b")
        );
        assert_eq!(repo_of("https://github.com/a"), None);
        assert_eq!(repo_of("https://github.com/topics/llm"), None);
        assert_eq!(repo_of("https://gitlab.com/a/b"), None);
        assert_eq!(repo_of("https://api.github.com/repos/a/b"), None);
    }
}
