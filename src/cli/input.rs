//! Finding the files to lint and reading them safely.

use std::path::{Path, PathBuf};

use miette::{Report, miette};

use crate::document::MAX_SOURCE_BYTES;

/// Files larger than this are refused rather than read into memory (standard input
/// too, once read).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

// The document model holds offsets as `u32`: whatever is read must fit.
const _: () = assert!(MAX_FILE_BYTES <= MAX_SOURCE_BYTES as u64);

const BOM: &str = "\u{FEFF}";

/// The files named by `paths`: files as given, directories walked for Markdown
/// (honouring .gitignore), each once (`f ./f`, `. README.md`: the first name a file
/// is found by is kept). With no paths, the README of the current directory.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Report> {
    if paths.is_empty() {
        return default_readme();
    }
    let mut files = named(paths)?;
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(std::fs::canonicalize(file).unwrap_or_else(|_| file.clone())));
    Ok(files)
}

/// Every file `paths` name, in order, with repeats.
fn named(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Report> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            for entry in ignore::WalkBuilder::new(path)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build()
            {
                let entry =
                    entry.map_err(|err| miette!("cannot walk {}: {err}", path.display()))?;
                if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            if files.len() == before {
                return Err(miette!(
                    "no Markdown files (*.md, *.markdown) in {}",
                    path.display()
                ));
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(miette!("{}: no such file or directory", path.display()));
        }
    }
    Ok(files)
}

fn default_readme() -> Result<Vec<PathBuf>, Report> {
    let entries = std::fs::read_dir(".")
        .map_err(|err| miette!("cannot read the current directory: {err}"))?;
    let mut readmes: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().eq_ignore_ascii_case("readme.md") && e.path().is_file())
        .map(|e| PathBuf::from(e.file_name()))
        .collect();
    readmes.sort();
    readmes.truncate(1);
    if readmes.is_empty() {
        return Err(miette!(
            "no README.md in the current directory; name the files to check"
        ));
    }
    Ok(readmes)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A Markdown file read from disk, ready to lint.
#[derive(Debug)]
pub struct SourceFile {
    /// The text without a leading byte order mark.
    pub text: String,
    /// Whether the file started with a UTF-8 byte order mark.
    pub bom: bool,
}

impl SourceFile {
    /// Reads `path`, refusing what is not UTF-8 text with a message that says where.
    pub fn read(path: &Path) -> Result<Self, Report> {
        let shown = path.display();
        let size = std::fs::metadata(path)
            .map_err(|err| miette!("{shown}: {err}"))?
            .len();
        within_limit(size, MAX_FILE_BYTES, &shown)?;
        let bytes = read_bytes(path, size).map_err(|err| miette!("{shown}: {err}"))?;
        Self::decode(bytes, &shown)
    }

    /// The file's text from its bytes, refusing binary and non-UTF-8 content with a
    /// message that names the file as `shown` and says where.
    pub fn decode(bytes: Vec<u8>, shown: &dyn std::fmt::Display) -> Result<Self, Report> {
        within_limit(bytes.len() as u64, MAX_FILE_BYTES, shown)?;
        // The memchr crate's SIMD search: std's byte search was a fifth of the decode.
        if let Some(nul) = memchr::memchr(0, &bytes) {
            return Err(miette!(
                "{shown}: binary file (NUL byte at byte {nul}), not Markdown"
            ));
        }
        // std's check in place, not simdutf8's into a copy: freeing the file's buffer
        // (mapped memory) raised glibc's mmap threshold, and the model's large lists then
        // grew by copying inside the heap instead of remapping (memcpy in realloc 20 -> 34
        // M instructions on the corpus concatenation, more than the faster check saved).
        let mut text = String::from_utf8(bytes).map_err(|err| {
            let at = err.utf8_error().valid_up_to();
            let line = memchr::memchr_iter(b'\n', &err.as_bytes()[..at]).count() + 1;
            miette!("{shown}: not valid UTF-8 at byte {at} (line {line})")
        })?;
        let bom = text.starts_with(BOM);
        if bom {
            // Shifted down in place: no second buffer, for the same reason.
            text.drain(..BOM.len());
        }
        Ok(Self { text, bom })
    }

    /// Bytes before `text` in the file.
    pub fn offset(&self) -> usize {
        if self.bom { BOM.len() } else { 0 }
    }

    /// The file's bytes for fixed `text`: BOM restored, line endings and the final
    /// newline kept as the original had them.
    pub fn render(&self, fixed: &str) -> String {
        let crlf = self.text.contains("\r\n") && !has_lone_lf(&self.text);
        let mut out = String::with_capacity(fixed.len() + 8);
        if self.bom {
            out.push_str(BOM);
        }
        if crlf {
            let mut previous = '\0';
            for c in fixed.chars() {
                if c == '\n' && previous != '\r' {
                    out.push('\r');
                }
                out.push(c);
                previous = c;
            }
        } else {
            out.push_str(fixed);
        }
        let newline = if crlf { "\r\n" } else { "\n" };
        if self.text.ends_with('\n') && !out.ends_with('\n') {
            out.push_str(newline);
        }
        out
    }
}

/// Files at least this large are read in parts side by side on the thread pool.
/// Reading the 10 MB list took 8 ms in the one `read` call, more than the UTF-8 check
/// after it: most of it the kernel faulting in the 2,500 fresh pages of the buffer,
/// which each thread then does for its own part.
const PARALLEL_READ_BYTES: u64 = 1 << 20;

/// A part read by one thread.
const READ_PART_BYTES: usize = 1 << 20;

/// The bytes of `path`, whose size was `size` when asked: a large file is read in parts
/// on every thread of the pool ([`PARALLEL_READ_BYTES`]). A file whose size changed
/// since is read again in one piece, as it is now.
fn read_bytes(path: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    if size >= PARALLEL_READ_BYTES
        && rayon::current_num_threads() > 1
        && let Some(bytes) = read_in_parts(path, size)?
    {
        return Ok(bytes);
    }
    std::fs::read(path)
}

/// The `size` bytes of `path` read in parts at their offsets side by side, or `None`
/// when the file no longer has that size (it ends sooner, or goes on after).
#[cfg(unix)]
fn read_in_parts(path: &Path, size: u64) -> std::io::Result<Option<Vec<u8>>> {
    use rayon::prelude::*;
    use std::os::unix::fs::FileExt;

    let file = std::fs::File::open(path)?;
    let Ok(len) = usize::try_from(size) else {
        return Ok(None);
    };
    let mut bytes = vec![0; len];
    let read = bytes
        .par_chunks_mut(READ_PART_BYTES)
        .enumerate()
        .try_for_each(|(i, part)| file.read_exact_at(part, (i * READ_PART_BYTES) as u64));
    match read {
        Ok(()) if file.read_at(&mut [0], size)? == 0 => Ok(Some(bytes)),
        Ok(()) => Ok(None),
        Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(err) => Err(err),
    }
}

/// Refuses a text of `size` bytes above `limit`, naming the file as `shown`.
fn within_limit(size: u64, limit: u64, shown: &dyn std::fmt::Display) -> Result<(), Report> {
    if size > limit {
        return Err(miette!(
            "{shown}: file is {size} bytes, more than the {limit} pocketlint reads"
        ));
    }
    Ok(())
}

fn has_lone_lf(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
}

/// Refuses a file that `--fix` could not write, before anything is written.
pub fn ensure_writable(path: &Path) -> Result<(), Report> {
    let metadata = std::fs::metadata(path).map_err(|err| miette!("{}: {err}", path.display()))?;
    if metadata.permissions().readonly() {
        return Err(miette!(
            "{}: file is read-only; cannot fix it",
            path.display()
        ));
    }
    Ok(())
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, the
/// original permissions, then a rename over the original.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Report> {
    let shown = path.display();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    ensure_writable(path)?;
    let permissions = std::fs::metadata(path)
        .map_err(|err| miette!("{shown}: {err}"))?
        .permissions();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.pocketlint-{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, contents)
        .and_then(|()| std::fs::set_permissions(&temp, permissions))
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(err) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(miette!("{shown}: cannot write the fixed file: {err}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_keeps_crlf_bom_and_final_newline() {
        let file = SourceFile {
            text: "a\r\nb\r\n".into(),
            bom: true,
        };
        assert_eq!(file.render("a\nc\r\nd"), "\u{FEFF}a\r\nc\r\nd\r\n");
        let plain = SourceFile {
            text: "a\nb".into(),
            bom: false,
        };
        assert_eq!(plain.render("a\nb"), "a\nb");
    }

    #[test]
    fn decode_strips_the_bom_and_says_where_text_is_invalid() {
        let file = SourceFile::decode("\u{FEFF}# 标题\n".into(), &"a.md").unwrap();
        assert_eq!((file.text.as_str(), file.bom), ("# 标题\n", true));
        let mut bytes = "中\n文\n".as_bytes().to_vec();
        bytes.insert(8, 0xE4);
        let err = SourceFile::decode(bytes, &"b.md").unwrap_err().to_string();
        assert_eq!(err, "b.md: not valid UTF-8 at byte 8 (line 3)");
        let err = SourceFile::decode(b"ab\0".to_vec(), &"c.md").unwrap_err();
        assert!(err.to_string().contains("NUL byte at byte 2"), "{err}");
    }

    /// A file read in parts holds the bytes one read gives, parts cut inside
    /// characters included; a size that is no longer the file's reads it in one piece.
    #[test]
    fn a_large_file_reads_the_same_in_parts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.md");
        let line = "- [中文 entry](https://example.com) 说明\n";
        let text = line.repeat((3 * READ_PART_BYTES) / line.len() + 7);
        std::fs::write(&path, &text).unwrap();
        let size = text.len() as u64;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        pool.install(|| {
            assert_eq!(read_bytes(&path, size).unwrap(), text.as_bytes());
            assert_eq!(read_bytes(&path, size - 1).unwrap(), text.as_bytes());
            assert_eq!(read_bytes(&path, size + 1).unwrap(), text.as_bytes());
            #[cfg(unix)]
            {
                assert!(read_in_parts(&path, size).unwrap().is_some());
                assert!(read_in_parts(&path, size - 1).unwrap().is_none());
                assert!(read_in_parts(&path, size + 1).unwrap().is_none());
            }
        });
    }

    #[test]
    fn a_text_over_the_limit_is_refused_by_name() {
        assert!(within_limit(10, 10, &"a.md").is_ok());
        let err = within_limit(11, 10, &"a.md").unwrap_err().to_string();
        assert_eq!(
            err,
            "a.md: file is 11 bytes, more than the 10 pocketlint reads"
        );
    }
}
