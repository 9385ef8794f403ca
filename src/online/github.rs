//! GitHub repositories through the API, which says whether a repository is archived
//! and, following a rename or transfer to its new home, what it is called now: the web
//! page (a redirect, a banner) does not say that reliably.
//!
//! Without a token, REST: `GET /repos/{owner}/{name}` per repository, 60 requests an
//! hour. With `GITHUB_TOKEN`, GraphQL (which requires one): up to [`GRAPHQL_BATCH`]
//! repositories a request, as aliased `repository` fields, out of 5,000 points an hour.

use std::collections::HashMap;

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

/// The API at a REST base URL, reached through the checking client (its timeouts,
/// retries and `Retry-After`).
pub struct Api<'a> {
    base: String,
    graphql: String,
    token: Option<String>,
    client: &'a Client,
}

/// Repositories asked in one GraphQL request. GitHub takes more aliases, but a request
/// of 50 stays well inside its node and time limits, and its answer small.
pub const GRAPHQL_BATCH: usize = 50;

/// The GraphQL endpoint of a REST base URL: `https://api.github.com` answers GraphQL at
/// `/graphql`; GitHub Enterprise Server, whose REST base is `https://HOST/api/v3`, at
/// `https://HOST/api/graphql`.
pub fn graphql_endpoint(rest: &str) -> String {
    let rest = rest.trim_end_matches('/');
    match rest.strip_suffix("/api/v3") {
        Some(host) => format!("{host}/api/graphql"),
        None => format!("{rest}/graphql"),
    }
}

/// A GraphQL answer: each alias (`r0`, `r1`…) holds a repository, or null with an
/// error whose path names the alias.
#[derive(Deserialize)]
struct GraphAnswer {
    data: Option<HashMap<String, Option<RepoNode>>>,
    #[serde(default)]
    errors: Vec<GraphError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepoNode {
    name_with_owner: String,
    is_archived: bool,
}

#[derive(Deserialize)]
struct GraphError {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    path: Vec<serde_json::Value>,
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
            graphql: graphql_endpoint(&settings.github_api),
            token: settings.github_token.clone(),
            client,
        }
    }

    /// The host requests to the API are limited under.
    pub fn host(&self) -> String {
        super::pool::host_of(&self.base)
    }

    /// What the API says of each of `repos`: one GraphQL request with a token, a REST
    /// request each without.
    pub fn repositories(&self, repos: &[Repo]) -> Vec<Outcome> {
        match &self.token {
            Some(token) => self.graphql(repos, token),
            None => repos.iter().map(|repo| self.repository(repo)).collect(),
        }
    }

    /// `repos` in one GraphQL query, each an aliased `repository(owner:, name:)` with
    /// its names passed as variables (never spliced into the query text).
    fn graphql(&self, repos: &[Repo], token: &str) -> Vec<Outcome> {
        let mut query = String::from("query(");
        let mut fields = String::new();
        let mut variables = serde_json::Map::new();
        for (i, repo) in repos.iter().enumerate() {
            query.push_str(&format!("$o{i}:String!,$n{i}:String!,"));
            fields.push_str(&format!(
                "r{i}:repository(owner:$o{i},name:$n{i}){{nameWithOwner isArchived}} "
            ));
            variables.insert(format!("o{i}"), repo.owner.clone().into());
            variables.insert(format!("n{i}"), repo.name.clone().into());
        }
        query.pop();
        query.push_str(&format!("){{{}}}", fields.trim_end()));
        let body = serde_json::json!({ "query": query, "variables": variables }).to_string();
        let authorization = format!("Bearer {token}");
        let headers = [
            ("Accept", "application/json"),
            ("Content-Type", "application/json"),
            ("Authorization", authorization.as_str()),
        ];
        let everyone = |outcome: Outcome| vec![outcome; repos.len()];
        let reply = match self.client.post(&self.graphql, &headers, &body) {
            Ok(reply) => reply,
            Err(NoReply::Dead(reason) | NoReply::Transient(reason)) => {
                return everyone(Outcome::Unreachable {
                    reason: format!("GitHub API: {reason}"),
                });
            }
        };
        match reply.status.as_u16() {
            200 => {}
            403 | 429 => return everyone(rate_limited(true)),
            code => {
                return everyone(Outcome::Unreachable {
                    reason: format!("GitHub API: {code}"),
                });
            }
        }
        let answer = match serde_json::from_str::<GraphAnswer>(&reply.page) {
            Ok(answer) => answer,
            Err(err) => {
                return everyone(Outcome::Unreachable {
                    reason: format!("GitHub API: unexpected answer: {err}"),
                });
            }
        };
        let Some(mut data) = answer.data else {
            // The whole query failed: a rate limit, a bad token.
            let limited = answer
                .errors
                .iter()
                .any(|e| e.kind.as_deref() == Some("RATE_LIMITED"));
            let message = answer.errors.first().map_or("no data", |e| &e.message);
            return everyone(if limited {
                rate_limited(true)
            } else {
                Outcome::Unreachable {
                    reason: format!("GitHub API: {message}"),
                }
            });
        };
        repos
            .iter()
            .enumerate()
            .map(|(i, repo)| {
                let alias = format!("r{i}");
                if let Some(Some(node)) = data.remove(&alias) {
                    return Outcome::Repo {
                        full_name: node.name_with_owner,
                        archived: node.is_archived,
                    };
                }
                let error = answer
                    .errors
                    .iter()
                    .find(|e| e.path.first().and_then(|p| p.as_str()) == Some(alias.as_str()));
                match error {
                    Some(e) if e.kind.as_deref() == Some("NOT_FOUND") => not_found(repo),
                    Some(e) => Outcome::Unreachable {
                        reason: format!("GitHub API: {}", e.message),
                    },
                    None => Outcome::Unreachable {
                        reason: format!("GitHub API: no answer for {}", repo.full_name()),
                    },
                }
            })
            .collect()
    }

    /// What the REST API says of `repo`, without a token: its current full name
    /// and whether it is archived, or dead when it does not exist (or is private).
    fn repository(&self, repo: &Repo) -> Outcome {
        let mut url = format!("{}/repos/{}/{}", self.base, repo.owner, repo.name);
        let headers = [
            ("Accept", "application/vnd.github+json"),
            ("X-GitHub-Api-Version", "2022-11-28"),
        ];
        for _ in 0..MAX_HOPS {
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
                404 | 451 => return not_found(repo),
                403 | 429 => return rate_limited(false),
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

/// A repository the API does not know (or will not show: private, taken down).
fn not_found(repo: &Repo) -> Outcome {
    Outcome::Dead {
        reason: format!("repository {} not found", repo.full_name()),
    }
}

/// The API refused to answer for now; without a token, one would lift the limit.
fn rate_limited(with_token: bool) -> Outcome {
    let hint = if with_token {
        ""
    } else {
        " (set GITHUB_TOKEN)"
    };
    Outcome::Blocked {
        reason: format!("GitHub API rate limit{hint}"),
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

    #[test]
    fn graphql_lives_beside_the_rest_api() {
        assert_eq!(
            graphql_endpoint("https://api.github.com"),
            "https://api.github.com/graphql"
        );
        assert_eq!(
            graphql_endpoint("https://ghe.corp.test/api/v3/"),
            "https://ghe.corp.test/api/graphql"
        );
        assert_eq!(
            graphql_endpoint("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/graphql"
        );
    }
}
