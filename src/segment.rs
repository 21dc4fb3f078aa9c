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
    /// Jieba's built-in dictionary plus every catalogue name that contains Chinese characters
    /// and no separator (jieba cannot hold a word with a space).
    pub fn new(catalogue: &Catalogue) -> Self {
        Self::with_base(Jieba::new(), catalogue)
    }

    /// The same, from a `Jieba::new()` made beforehand: jieba's own dictionary is most of a
    /// run's start-up and needs nothing of ours, so it can be built while the catalogue loads.
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
