//! Word segmentation with jieba-rs, built once per run and shared by reference across threads.
//!
//! The catalogue's Chinese names are added to jieba's dictionary so it never splits them. The
//! segmentation is then used to reject entity matches that would cut a jieba word in half (a
//! name inside a longer ordinary word), not to find the names: names with spaces or `·` can
//! never be a single jieba token.
//!
//! Fixed choice, for reproducible output: `cut` with HMM on (the same mode the benchmarks use).

use jieba_rs::Jieba;

use crate::dictionary::Catalogue;
use crate::normalize::is_cjk;

/// A shared, immutable segmenter.
pub struct Segmenter {
    jieba: Jieba,
}

/// Whether `cut` runs jieba's HMM over unknown runs of single chars.
pub const USE_HMM: bool = true;

impl Segmenter {
    /// `jieba` (a `Jieba::new()`: its built-in dictionary) plus every catalogue name that
    /// contains Chinese characters and no separator (jieba cannot hold a word with a space).
    /// The caller builds `jieba` itself: its dictionary is most of a run's start-up and needs
    /// nothing of ours, so it is built while the catalogue loads.
    pub fn with_base(mut jieba: Jieba, catalogue: &Catalogue) -> Self {
        let t2s = &*crate::normalize::T2S;
        for entity in catalogue.entities() {
            for name in entity.names() {
                if name.chars().any(is_cjk) && !name.chars().any(|c| c.is_whitespace()) {
                    // Lines are segmented in their Simplified form: add the name in that form.
                    let name = if t2s.needed(name) {
                        std::borrow::Cow::Owned(t2s.convert(name))
                    } else {
                        std::borrow::Cow::Borrowed(name)
                    };
                    let freq = jieba.suggest_freq(&name);
                    jieba.add_word(&name, Some(freq), None);
                }
            }
        }
        Segmenter { jieba }
    }

    /// Segment `text`, writing each word's end (in chars) into `ends` (cleared first). Word
    /// starts are 0 and the previous ends.
    pub fn word_ends(&self, text: &str, ends: &mut Vec<usize>) {
        ends.clear();
        ends.extend(self.jieba.cut(text, USE_HMM).iter().map(|t| t.end));
    }

    /// The words of `text` with their char spans.
    pub fn words<'a>(&self, text: &'a str) -> Vec<jieba_rs::Token<'a>> {
        self.jieba.cut(text, USE_HMM)
    }

    /// Words with part-of-speech tags (used by `suggest`).
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<jieba_rs::Tag<'a>> {
        self.jieba.tag(text, USE_HMM)
    }

    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

/// The chars at and just outside a span's edges: all [`keeps_words`] needs to know of the line.
#[derive(Debug, Clone, Copy)]
pub struct SpanEdges {
    pub before: Option<char>,
    pub first: char,
    pub last: char,
    pub after: Option<char>,
}

impl SpanEdges {
    /// The edges of the non-empty span `start..end` of `chars`.
    pub fn of(chars: &[char], start: usize, end: usize) -> Self {
        SpanEdges {
            before: start.checked_sub(1).map(|i| chars[i]),
            first: chars[start],
            last: chars[end - 1],
            after: chars.get(end).copied(),
        }
    }
}

/// True when the span `start..end` (chars) cuts neither a Latin word nor a jieba word: an
/// edge that is a Latin letter or digit does not continue a Latin word (`K1` is not inside
/// `SK1x`), and an edge that is a Chinese char falls on a jieba word boundary (a name never
/// cuts a word in half). `word_ends` are jieba's word ends over the line, ascending. Names,
/// cue words and names found later all obey this one rule.
pub fn keeps_words(edges: SpanEdges, start: usize, end: usize, word_ends: &[usize]) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let on_boundary = |pos: usize| pos == 0 || word_ends.binary_search(&pos).is_ok();
    let cuts_latin_word = latin(edges.first) && edges.before.is_some_and(latin)
        || latin(edges.last) && edges.after.is_some_and(latin);
    let cuts_jieba_word =
        is_cjk(edges.first) && !on_boundary(start) || is_cjk(edges.last) && !on_boundary(end);
    !cuts_latin_word && !cuts_jieba_word
}
