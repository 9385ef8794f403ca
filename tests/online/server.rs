//! A small HTTP/1.1 server on 127.0.0.1 for the online tests: each path answers as a
//! kind of site does, every request is counted, and dropping the server stops it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    /// The body, as long as `Content-Length` says (a GraphQL query).
    pub body: String,
}

/// What a path answers: `(status, headers, body)`; `None` drops the connection
/// without an answer (a reset). The request count of the path so far is passed in.
pub type Route = Box<dyn Fn(&Seen, usize) -> Option<Answer> + Send + Sync>;

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Waits this long before answering (a slow server).
    pub delay: Duration,
}

pub fn answer(status: u16) -> Answer {
    Answer {
        status,
        headers: Vec::new(),
        body: String::new(),
        delay: Duration::ZERO,
    }
}

impl Answer {
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.to_owned();
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

pub struct Server {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    /// Requests being answered at once, and the most there ever were.
    pub open: Arc<(AtomicUsize, AtomicUsize)>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `routes` by path; an unknown path is 404.
    pub fn start(routes: Vec<(&str, Route)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let routes: Arc<HashMap<String, Route>> = Arc::new(
            routes
                .into_iter()
                .map(|(path, route)| (path.to_owned(), route))
                .collect(),
        );
        let seen = Arc::new(Mutex::new(Vec::new()));
        let open = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (seen, open, stop) = (seen.clone(), open.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (routes, seen, open) = (routes.clone(), seen.clone(), open.clone());
                    std::thread::spawn(move || serve(stream, &routes, &seen, &open));
                }
            })
        };
        Self {
            addr,
            seen,
            open,
            stop,
            accept: Some(accept),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Requests made to `path`.
    pub fn count(&self, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .count()
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    routes: &HashMap<String, Route>,
    seen: &Mutex<Vec<Seen>>,
    open: &(AtomicUsize, AtomicUsize),
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) > 0 {
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let path = parts.next().unwrap_or_default().to_owned();
        let mut headers = HashMap::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        let length = headers
            .get("content-length")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let request = Seen {
            method,
            path,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        };
        // In flight from a whole request read to just before its answer is written:
        // never more than the client has in flight.
        let now = open.0.fetch_add(1, Ordering::SeqCst) + 1;
        open.1.fetch_max(now, Ordering::SeqCst);
        let count = {
            let mut seen = seen.lock().unwrap();
            seen.push(request.clone());
            seen.iter().filter(|s| s.path == request.path).count()
        };
        let route = request.path.split('?').next().unwrap_or_default();
        let reply = match routes.get(route) {
            Some(route) => route(&request, count),
            None => Some(answer(404)),
        };
        if let Some(reply) = &reply {
            std::thread::sleep(reply.delay);
        }
        open.0.fetch_sub(1, Ordering::SeqCst);
        if let Some(reply) = reply {
            let mut text = format!(
                "HTTP/1.1 {} X\r\nConnection: close\r\nContent-Length: {}\r\n",
                reply.status,
                reply.body.len()
            );
            for (name, value) in &reply.headers {
                text.push_str(&format!("{name}: {value}\r\n"));
            }
            text.push_str("\r\n");
            if request.method != "HEAD" {
                text.push_str(&reply.body);
            }
            let mut stream = stream;
            let _ = stream.write_all(text.as_bytes());
            let _ = stream.flush();
        }
    }
}

/// A route that always answers the same.
pub fn fixed(status: u16, headers: &[(&str, &str)], body: &str) -> Route {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let body = body.to_owned();
    Box::new(move |_, _| {
        let mut reply = answer(status).body(&body);
        reply.headers = headers.clone();
        Some(reply)
    })
}
