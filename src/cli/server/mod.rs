//! `pocketlint server`: the Language Server Protocol over stdio.
//!
//! Editors get the findings of `check` while the contributor types, with the same
//! engine and the same configuration: diagnostics on open, change (debounced) and
//! save; each finding's fix as a quick fix, all safe fixes as
//! `source.fixAll.pocketlint`, and a "disable RULE for this line" action; formatting
//! as `pocketlint fmt` does it; a finding's rule explained on hover.
//!
//! The server is one loop on one thread over an [`lsp_server::Connection`], so tests
//! drive it over an in-memory connection exactly as an editor does over stdio. A
//! whole document is re-linted after each change: the engine lints a 250 kB list in a
//! few milliseconds, so incremental linting would buy nothing worth its bugs.

mod actions;
mod configs;
mod diagnostics;
mod documents;
mod edits;
mod hover;
pub mod position;
mod requests;
mod session;

use lsp_server::{Connection, ProtocolError};

pub use session::DEBOUNCE;

/// Serves the client on stdin and stdout until it exits.
pub fn stdio() -> Result<(), Box<dyn std::error::Error>> {
    let (connection, io_threads) = Connection::stdio();
    let served = serve(&connection);
    drop(connection);
    match served {
        // The reader still waits on stdin: joining it would hang.
        Err(err) if !err.channel_is_disconnected() => Err(err.into()),
        // The reader has ended, at the end of the input or on a message that is not
        // JSON-RPC: joining it says which.
        served => {
            io_threads.join()?;
            Ok(served?)
        }
    }
}

/// Serves one client over `connection`: the initialize handshake, then every request
/// and notification until `shutdown` and `exit` (or the client hangs up).
pub fn serve(connection: &Connection) -> Result<(), ProtocolError> {
    session::Session::start(connection, requests::capabilities)?.run(requests::respond)
}
