//! The Markdown documents the client has open, kept in step with its edits.

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::position::{Encoding, LineMap};
use crate::cli::input::MAX_FILE_BYTES;
use crate::diagnostic::Diagnostic;

const BOM: char = '\u{FEFF}';

/// One open document.
pub struct OpenDocument {
    pub uri: Url,
    /// The file it was opened from; `None` for an unsaved buffer.
    pub path: Option<PathBuf>,
    pub version: i32,
    /// The text as the client has it.
    pub text: String,
    /// Findings in `text`, computed when first asked for after a change.
    pub findings: Option<Arc<Vec<Diagnostic>>>,
}

impl OpenDocument {
    pub fn new(uri: Url, version: i32, text: String) -> Self {
        let path = uri.to_file_path().ok();
        Self {
            uri,
            path,
            version,
            text,
            findings: None,
        }
    }

    /// Applies the client's changes in order; a change without a range replaces the text.
    pub fn edit(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = LineMap::new(&self.text, encoding).span(&self.text, range);
                    self.text.replace_range(span, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
        self.findings = None;
    }

    /// Bytes before the text the engine lints: a byte order mark, which `check` strips too.
    pub fn offset(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        }
    }

    /// The text the engine lints.
    pub fn body(&self) -> &str {
        &self.text[self.offset()..]
    }

    /// Whether the body is small enough to lint: what `check` refuses to read
    /// ([`MAX_FILE_BYTES`]) is not linted either, and the document model holds
    /// offsets as `u32`.
    pub fn fits(&self) -> bool {
        self.body().len() as u64 <= MAX_FILE_BYTES
    }
}

/// Whether the client's document is one pocketlint lints: Markdown by language or by
/// file name, as `check` finds files in a folder.
pub fn is_markdown(language: &str, uri: &Url) -> bool {
    let extension = uri
        .path()
        .rsplit_once('.')
        .map_or("", |(_, extension)| extension);
    language == "markdown"
        || extension.eq_ignore_ascii_case("md")
        || extension.eq_ignore_ascii_case("markdown")
}
