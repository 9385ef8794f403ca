//! Byte offsets ↔ LSP positions.
//!
//! The engine speaks byte offsets; an LSP position is a line and a character offset
//! counted in the encoding the client negotiated: UTF-8 bytes when it offers them,
//! otherwise UTF-16 code units (an astral character such as an emoji is two, a CJK
//! character one). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use std::ops::Range;

use lsp_types::{Position, PositionEncodingKind};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (the engine's own unit, no conversion cost),
    /// otherwise UTF-16, which every client supports.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of one text starts, for converting in both directions.
#[derive(Debug, Clone)]
pub struct LineMap {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineMap {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Self { starts, encoding }
    }

    /// The position of byte `offset` (clamped to the text, floored to a character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].encode_utf16().count(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, text: &str, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position`. A line past the end means the end of the text; a
    /// character past the end of its line means the line's end, and one inside a
    /// character (half a surrogate pair, a byte inside UTF-8) the start of it.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next);
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let wanted = position.character as usize;
        let mut counted = 0;
        for (i, c) in line.char_indices() {
            counted += self.encoding.width(c);
            if counted > wanted {
                return start + i;
            }
        }
        start + line.len()
    }

    pub fn span(&self, text: &str, range: lsp_types::Range) -> Range<usize> {
        let start = self.offset(text, range.start);
        start..self.offset(text, range.end).max(start)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_emoji_and_astral_characters_count_in_the_negotiated_unit() {
        let text = "中文😀x\r\n𝒜b\rc";
        let x = text.find('x').unwrap();
        let utf16 = LineMap::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, x), Position::new(0, 4));
        assert_eq!(utf16.offset(text, Position::new(0, 4)), x);
        let utf8 = LineMap::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, x), Position::new(0, 10));
        assert_eq!(utf8.offset(text, Position::new(0, 10)), x);
        let b = text.find('b').unwrap();
        assert_eq!(utf16.position(text, b), Position::new(1, 2));
        let c = text.find('c').unwrap();
        assert_eq!(utf16.position(text, c), Position::new(2, 0));
    }

    #[test]
    fn positions_out_of_place_are_clamped() {
        let text = "😀\nab";
        let map = LineMap::new(text, Encoding::Utf16);
        assert_eq!(map.offset(text, Position::new(0, 1)), 0, "inside a pair");
        assert_eq!(map.offset(text, Position::new(0, 9)), 4, "past the line");
        assert_eq!(map.offset(text, Position::new(7, 0)), text.len());
        assert_eq!(map.position(text, 2), Position::new(0, 0), "inside a char");
    }
}
