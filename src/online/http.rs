//! One URL over HTTP: what a careful browser would see, told in an [`Outcome`].
//!
//! The client is ureq with rustls: blocking HTTP/1.1 on a few threads is all a link
//! checker needs, and it builds with 25 crates in 47 s of CPU where reqwest with
//! HTTP/2 (hyper, h2, tokio) takes 122 crates and 113 s, and 1.7 MB more binary
//! (README, "HTTP/1.1 only"). HTTP/2 is not spoken; a server that speaks it over TLS
//! also answers HTTP/1.1 to a client that does not offer it.

use std::io::Read;
use std::time::Duration;

use ureq::Agent;
use ureq::http::{HeaderMap, Response, StatusCode};

use super::calendar::parse_http_date;
use super::history::{Clock, SystemClock};
use super::{OnlineSettings, Outcome, USER_AGENT};

/// What a browser sends: HTML first, anything else accepted. Some servers answer 406
/// or a different page to a client that asks for nothing in particular.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// Redirects followed before giving up on a chain.
const MAX_HOPS: usize = 10;

/// How much of an answer is read: enough to recognise a bot wall, and more than the
/// GitHub API's answers take (a repository; a GraphQL batch of them, ~250 bytes each).
const PAGE_PREFIX: u64 = 64 * 1024;

/// Text of the challenge pages bot walls serve instead of the site (Cloudflare,
/// DDoS-Guard, Sucuri, AWS WAF captcha), compared in lowercase.
const CHALLENGE_MARKS: &[&str] = &[
    "cf-chl",
    "challenge-platform",
    "just a moment...",
    "checking your browser",
    "ddos-guard",
    "sucuri website firewall",
    "captcha",
];

/// An HTTP client configured for checking links.
pub struct Client {
    agent: Agent,
    retries: u32,
    backoff: Duration,
    max_retry_after: Duration,
}

/// One request's answer, reduced to what the checks read.
#[derive(Debug)]
pub(super) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The first [`PAGE_PREFIX`] bytes of the body (empty for HEAD).
    pub page: String,
}

/// Why no answer came.
#[derive(Debug)]
pub(super) enum NoReply {
    /// The link is dead: the host does not exist or refuses connections.
    Dead(String),
    /// Worth another try: a timeout, a reset.
    Transient(String),
}

impl Client {
    pub fn new(settings: &OnlineSettings) -> Self {
        let agent = Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build()
            .into();
        Self {
            agent,
            retries: settings.retries,
            backoff: settings.backoff,
            max_retry_after: settings.max_retry_after,
        }
    }

    /// Follows `url` to its end and says what it found.
    pub fn probe(&self, url: &str) -> Outcome {
        let mut current = url.to_owned();
        let mut permanent = true;
        for _ in 0..MAX_HOPS {
            let reply = match self.fetch(&current, &[], true) {
                Ok(reply) => reply,
                Err(NoReply::Dead(reason)) => return Outcome::Dead { reason },
                Err(NoReply::Transient(reason)) => return Outcome::Unreachable { reason },
            };
            let status = reply.status;
            if status.is_redirection() {
                let Some(next) = location(&reply.headers, &current) else {
                    return Outcome::Unreachable {
                        reason: format!("{} without a usable Location", status.as_u16()),
                    };
                };
                permanent &= matches!(status.as_u16(), 301 | 308);
                current = next;
                continue;
            }
            return classify(url, &current, permanent, &reply);
        }
        Outcome::Unreachable {
            reason: format!("more than {MAX_HOPS} redirects"),
        }
    }

    /// One URL's answer, retried on timeouts, resets, 429 and 5xx with a doubling
    /// backoff or the `Retry-After` asked for (seconds or a date). With `head_first`,
    /// HEAD and then GET when HEAD is refused or fails (many servers answer HEAD with
    /// 403, 404 or 405 and GET with the page); otherwise GET alone.
    pub(super) fn fetch(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        head_first: bool,
    ) -> Result<Reply, NoReply> {
        self.retrying(|| {
            if head_first {
                self.request(url, headers, Method::Head).and_then(|head| {
                    match head.status.as_u16() {
                        200..=399 | 429 => Ok(head),
                        _ => self.request(url, headers, Method::Get),
                    }
                })
            } else {
                self.request(url, headers, Method::Get)
            }
        })
    }

    /// `body` POSTed to `url` (a GraphQL query: reading, so safe to repeat), retried
    /// as [`Client::fetch`] retries.
    pub(super) fn post(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Reply, NoReply> {
        self.retrying(|| self.request(url, headers, Method::Post(body)))
    }

    /// Tries `once` until it answers with something other than a timeout, a reset, a
    /// 429 or a 5xx, or the retries are spent.
    fn retrying(&self, once: impl Fn() -> Result<Reply, NoReply>) -> Result<Reply, NoReply> {
        let mut attempt = 0;
        loop {
            let result = once();
            let wait = match &result {
                Err(NoReply::Transient(_)) => Some(self.backoff_for(attempt)),
                Ok(reply) if is_bot_wall(reply) => None,
                Ok(reply) if matches!(reply.status.as_u16(), 429 | 500..=599) => {
                    match retry_after(&reply.headers, SystemClock.now()) {
                        Some(asked) if asked > self.max_retry_after => None,
                        Some(asked) => Some(asked),
                        None => Some(self.backoff_for(attempt)),
                    }
                }
                _ => None,
            };
            match wait {
                Some(wait) if attempt < self.retries => {
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                _ => return result,
            }
        }
    }

    fn backoff_for(&self, attempt: u32) -> Duration {
        self.backoff.saturating_mul(1 << attempt.min(10))
    }

    /// One request; the browser-like `Accept` unless `headers` name another.
    fn request(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        method: Method,
    ) -> Result<Reply, NoReply> {
        fn with<B>(
            mut request: ureq::RequestBuilder<B>,
            headers: &[(&str, &str)],
        ) -> ureq::RequestBuilder<B> {
            if !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
            {
                request = request.header("Accept", ACCEPT);
            }
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request
        }
        let response = match method {
            Method::Head => with(self.agent.head(url), headers).call(),
            Method::Get => with(self.agent.get(url), headers).call(),
            Method::Post(body) => with(self.agent.post(url), headers).send(body),
        };
        match response {
            Ok(response) => Ok(reply(response, !matches!(method, Method::Head))),
            Err(err) => Err(no_reply(err)),
        }
    }
}

/// How a request is made: HEAD reads no body.
#[derive(Clone, Copy)]
enum Method<'a> {
    Head,
    Get,
    Post(&'a str),
}

fn reply(mut response: Response<ureq::Body>, with_body: bool) -> Reply {
    let mut page = Vec::new();
    if with_body {
        // A page cut short still says whether it is a challenge.
        let _ = response
            .body_mut()
            .as_reader()
            .take(PAGE_PREFIX)
            .read_to_end(&mut page);
    }
    Reply {
        status: response.status(),
        headers: response.headers().clone(),
        page: String::from_utf8_lossy(&page).into_owned(),
    }
}

/// Sorts a failed request: a missing host or a refused connection is the link's
/// fault; anything else may pass.
fn no_reply(err: ureq::Error) -> NoReply {
    match err {
        ureq::Error::HostNotFound => NoReply::Dead("no such host".to_owned()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            NoReply::Dead("connection refused".to_owned())
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            NoReply::Dead("no such host".to_owned())
        }
        ureq::Error::Timeout(_) => NoReply::Transient("timed out".to_owned()),
        other => NoReply::Transient(other.to_string()),
    }
}

/// What the last answer of a chain means for the link `url`, now at `last`.
fn classify(url: &str, last: &str, permanent: bool, reply: &Reply) -> Outcome {
    let code = reply.status.as_u16();
    if is_bot_wall(reply) {
        return Outcome::Blocked {
            reason: format!("{code} with a bot-wall challenge"),
        };
    }
    match code {
        200..=299 if permanent && last != url && !is_landing_page(url, last) => Outcome::Moved {
            to: last.to_owned(),
        },
        200..=299 => Outcome::Alive,
        404 | 410 => Outcome::Dead {
            reason: format!("{code} {}", reply.status.canonical_reason().unwrap_or("")),
        },
        429 => Outcome::Blocked {
            reason: "429 Too Many Requests".to_owned(),
        },
        _ => Outcome::Unreachable {
            reason: format!("{code} {}", reply.status.canonical_reason().unwrap_or("")),
        },
    }
}

/// Whether a redirect from `from` lands on a login or home page: the site sends
/// everything it does not know there, so following it would lose the link.
fn is_landing_page(from: &str, to: &str) -> bool {
    let (Ok(from), Ok(to)) = (url::Url::parse(from), url::Url::parse(to)) else {
        return true;
    };
    let path = to.path().to_ascii_lowercase();
    let home = path == "/" && from.path() != "/";
    let login = ["login", "signin", "sign-in", "sign_in", "auth", "sso"]
        .iter()
        .any(|word| path.split('/').any(|segment| segment == *word));
    home || login
}

/// A bot wall: 403, 429 or 503 carrying Cloudflare's `cf-mitigated: challenge` or a
/// challenge page.
fn is_bot_wall(reply: &Reply) -> bool {
    if !matches!(reply.status.as_u16(), 403 | 429 | 503) {
        return false;
    }
    let mitigated = reply
        .headers
        .get("cf-mitigated")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("challenge"));
    let page = reply.page.to_ascii_lowercase();
    mitigated || CHALLENGE_MARKS.iter().any(|mark| page.contains(mark))
}

/// The absolute URL a redirect points at.
fn location(headers: &HeaderMap, base: &str) -> Option<String> {
    let target = headers.get("location")?.to_str().ok()?;
    let base = url::Url::parse(base).ok()?;
    Some(base.join(target).ok()?.to_string())
}

/// How long `Retry-After` asks to wait at `now` (seconds since the epoch): a number of
/// seconds, or an HTTP date (a date already past asks for no wait).
fn retry_after(headers: &HeaderMap, now: u64) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    let seconds = match value.parse() {
        Ok(seconds) => seconds,
        Err(_) => parse_http_date(value)?.saturating_sub(now),
    };
    Some(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_in_seconds_or_as_a_date() {
        let now = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
        let wait = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", value.parse().unwrap());
            retry_after(&headers, now)
        };
        assert_eq!(wait("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            wait("Sun, 06 Nov 1994 08:50:07 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(wait("Sat, 05 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(wait("soon"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
