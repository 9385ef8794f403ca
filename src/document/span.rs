//! Byte spans of the model, in half the memory of `Range<usize>`.
//!
//! A 13 MB list holds about a million spans in its headings, blocks, links and sorted
//! range lists; as two `u32` each they take 8 bytes instead of 16, and a span is `Copy`.
//! Sources are refused above [`MAX_SOURCE_BYTES`] before they are parsed, so every
//! offset fits. Diagnostics and fixes keep `Range<usize>`: there are few of them.

use std::fmt;
use std::ops::Range;

/// The largest source the model holds: a quarter of what `u32` offsets reach, as the
/// texts of its blocks, of its links and their destinations (each kind at most the
/// source's length in all) are kept in one buffer of their own addressed the same way;
/// and `u32::MAX` is never an offset, so it can stand for "none" ([`Span::NONE`],
/// [`NO_INDEX`]).
pub const MAX_SOURCE_BYTES: usize = (u32::MAX / 4) as usize;

/// An index that stands for no heading or block (a parent that is not there): an index
/// never reaches it, as every heading and block takes at least one byte.
pub(crate) const NO_INDEX: u32 = u32::MAX;

/// A half-open range of byte offsets into the source.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Stands for a span that is not there (an optional span without the extra word
    /// of an `Option`); read through accessors that return `Option<Span>`.
    pub(crate) const NONE: Self = Self {
        start: u32::MAX,
        end: u32::MAX,
    };

    /// The span `start..end`. Offsets into a source the model accepts always fit
    /// ([`MAX_SOURCE_BYTES`]); a larger one is a bug in the caller.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: offset(start),
            end: offset(end),
        }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    pub fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, offset: usize) -> bool {
        self.range().contains(&offset)
    }

    /// The same span ending at `end`.
    pub fn with_end(self, end: usize) -> Self {
        Self {
            end: self::offset(end),
            ..self
        }
    }

    /// The span `by` bytes further on (a part's texts appended after another's).
    pub(crate) fn shifted(self, by: usize) -> Self {
        Self::new(self.start() + by, self.end() + by)
    }

    /// `Some(self)` unless it is [`Span::NONE`].
    pub(crate) fn present(self) -> Option<Self> {
        (self != Self::NONE).then_some(self)
    }
}

/// An offset as stored; see [`Span::new`].
fn offset(offset: usize) -> u32 {
    u32::try_from(offset).expect("sources over MAX_SOURCE_BYTES are refused before parsing")
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

impl From<&Range<usize>> for Span {
    fn from(range: &Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

impl From<&Span> for Span {
    fn from(span: &Span) -> Self {
        *span
    }
}

/// Indices of headings and blocks as stored (a parent, a heading's block).
pub(crate) fn index(index: usize) -> u32 {
    u32::try_from(index).expect("a source the model accepts has fewer items than bytes")
}

/// An optional index as stored: [`NO_INDEX`] for none.
pub(crate) fn optional_index(index: Option<usize>) -> u32 {
    index.map_or(NO_INDEX, self::index)
}

/// An optional index as read.
pub(crate) fn read_index(index: u32) -> Option<usize> {
    (index != NO_INDEX).then_some(index as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways() {
        let span = Span::from(3..7);
        assert_eq!(span.range(), 3..7);
        assert_eq!((span.start(), span.end(), span.len()), (3, 7, 4));
        assert!(span.contains(6) && !span.contains(7));
        assert_eq!(span.with_end(9).range(), 3..9);
        assert_eq!(format!("{span:?}"), "3..7");
    }

    #[test]
    fn none_is_no_span_of_a_source() {
        assert_eq!(Span::NONE.present(), None);
        assert_eq!(Span::new(0, 0).present(), Some(Span::new(0, 0)));
        let last = Span::new(MAX_SOURCE_BYTES, MAX_SOURCE_BYTES);
        assert_eq!(last.present(), Some(last));
        assert_eq!(read_index(optional_index(None)), None);
        assert_eq!(read_index(optional_index(Some(5))), Some(5));
    }
}
