//! A normalized view of a line for matching, with an exact map back to the original chars.
//!
//! Full-width ASCII (U+FF01..U+FF5E) folds to ASCII and the ideographic space to a space, one
//! char for one char, so every later stage can match against a clean view while mentions keep
//! pointing into the original line. NFKC is deliberately not used: it changes lengths.

/// Fold one char to its matching form: full-width ASCII to ASCII, ideographic space to space,
/// dash variants to `-`. Returns the char itself when nothing applies.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{30FB}' | '\u{FF65}' | '\u{2027}' => '·',
        _ => c,
    }
}

/// A line in matching form: `text` has one char for each char of the original line, so a char
/// offset into `text` is a char offset into the original. `to_original` is kept explicit so a
/// later conversion that changes lengths (traditional -> simplified phrases) can still map back.
#[derive(Debug, Clone, Default)]
pub struct NormalizedLine {
    pub text: String,
    /// For each char of `text`, the char offset in the original line it came from.
    pub to_original: Vec<usize>,
    /// Length of the original line in chars.
    pub original_len: usize,
}

impl NormalizedLine {
    pub fn new(original: &str) -> Self {
        let mut out = NormalizedLine::default();
        out.fill(original);
        out
    }

    /// Refill from another line, reusing the buffers.
    pub fn fill(&mut self, original: &str) {
        // Sized up front: growing both buffers char by char was ~10% of recognition
        // (bench/NOTES.md). Folding maps one char to one char, so the map is the identity.
        self.text.clear();
        self.text.reserve(original.len());
        self.text.extend(original.chars().map(fold_char));
        let n = original.chars().count();
        self.to_original.clear();
        self.to_original.extend(0..n);
        self.original_len = n;
    }

    /// Map a char span of the normalized text back to a char span of the original line.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.to_original.len());
        let s = self.to_original[start];
        let e = self
            .to_original
            .get(end)
            .copied()
            .unwrap_or(self.original_len);
        (s, e.max(s + 1))
    }
}

/// The chars `start..end` of `line` (char offsets), as a new string.
pub fn char_slice(line: &str, start: usize, end: usize) -> String {
    line.chars().skip(start).take(end - start).collect()
}

/// True for the CJK ideographs a Chinese name is written in.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_letters_and_space() {
        let n = NormalizedLine::new("２０２４年　ＧＰＴ－４ｏ");
        assert_eq!(n.text, "2024年 GPT-4o");
        assert_eq!(n.text.chars().count(), n.to_original.len());
    }

    #[test]
    fn original_span_maps_back_exactly() {
        let line = "用　ＧＰＴ－４ｏ做";
        let n = NormalizedLine::new(line);
        let (s, e) = n.original_span(2, 8);
        assert_eq!(char_slice(line, s, e), "ＧＰＴ－４ｏ");
    }

    #[test]
    fn leaves_cjk_and_ascii_alone() {
        let n = NormalizedLine::new("智谱 AI 2019");
        assert_eq!(n.text, "智谱 AI 2019");
    }
}
