//! Entity recognition: catalogue names found in a line's normalized view.
//!
//! Matching runs over a "key view" of the line (the same folding as `dictionary::match_key`:
//! lower-case, no spaces, hyphens or middle dots) so `GPT - 4o`, `gpt-4o` and `ＧＰＴ－４ｏ` are
//! one name. Every candidate is then checked against the line itself:
//! - a name that starts or ends with a Latin letter or digit must not continue a Latin word
//!   (`K1` is not found inside `SK1x`);
//! - a name that starts or ends with a Chinese character must start or end on a jieba word
//!   boundary (a name never cuts a word in half);
//! - of overlapping names, the leftmost and then the longest wins.
//!
//! Versions of a model family (`dictionaries/families.csv`: `GLM-4.5`, `Qwen2.5-VL`) compete
//! with catalogue names under the same rules. A family version whose name is in the catalogue
//! is that catalogue entity: the automaton finds the same key over the same span (the key view
//! folds exactly as `match_key` does, and a family span starts and ends on a non-separator),
//! and on equal spans a catalogue entity sorts before a family version.
//!
//! The catalogue keys and the family prefixes are one automaton, walked once over the key
//! view: a prefix hit counts only where the line holds the prefix as is, no separator inside.
//!
//! The automaton and the family patterns are built once and shared across threads. It is a
//! char-wise double-array Aho-Corasick automaton (daachorse): one transition per char rather
//! than one per UTF-8 byte, which on Chinese text made the name search about three times
//! cheaper than a byte-wise NFA, and it builds in a few milliseconds (a byte-wise DFA was as
//! fast to search but took ~40 ms to build, a cost every small run would pay).

use daachorse::CharwiseDoubleArrayAhoCorasick;
use rustc_hash::FxHashMap;

use crate::dictionary::families::{Families, FamilyMatch, PrefixHit};
use crate::dictionary::{Catalogue, is_key_separator};
use crate::segment::{SpanEdges, keeps_words};

/// What a span names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// Index of the entity in the catalogue.
    Entity(usize),
    /// Index of the family in [`Families`]: a version the catalogue does not list.
    Family(usize),
}

/// A name found in a line; offsets are chars of the normalized line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMatch {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

/// The compiled name matcher.
pub struct EntityMatcher {
    /// Every match key and every family prefix free of separators, its value the pattern's
    /// index in `patterns`; `None` when there are neither.
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    patterns: Vec<Pattern>,
    /// The family prefixes that hold a separator: the key view drops separators, so these
    /// are searched apart, over every char of the line; `None` when there are none.
    spaced_prefixes: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    families: Families,
}

/// What a pattern of the automaton is (a match key, a family prefix, or both), and its
/// length: a match ending at a char of the key view starts that many chars earlier, with no
/// search for where.
struct Pattern {
    chars: usize,
    /// Its length in bytes (a prefix hit is this text, as is, in the line).
    bytes: usize,
    /// The entity whose match key it is.
    entity: Option<usize>,
    /// Its number among the family prefixes.
    prefix: Option<u32>,
}

/// Per-thread buffers reused from line to line.
#[derive(Default)]
pub struct MatchScratch {
    /// The chars of the line, for a caller of [`EntityMatcher::find`].
    chars: Vec<char>,
    /// For each char of the key view: the char of the line it is.
    key_norm: Vec<usize>,
    candidates: Vec<EntityMatch>,
    /// Byte offset of each char of the line, on a line where a family prefix occurs.
    char_starts: Vec<usize>,
    prefix_hits: Vec<PrefixHit>,
    family_matches: Vec<FamilyMatch>,
}

impl EntityMatcher {
    /// A matcher for the catalogue's names only.
    pub fn new(catalogue: &Catalogue) -> Self {
        Self::with_families(catalogue, Families::default())
    }

    /// A matcher for the catalogue's names and the versions of `families`.
    pub fn with_families(catalogue: &Catalogue, families: Families) -> Self {
        // Keys are unique (the catalogue refuses an alias claimed twice), and so are the
        // prefixes; a prefix that is also a key is one pattern, both. An empty key would
        // make daachorse match at every char and ignore the rest: never let one in.
        let (mut texts, mut patterns): (Vec<&str>, Vec<Pattern>) = catalogue
            .keys()
            .filter(|(key, _)| !key.is_empty())
            .map(|(key, entity)| {
                let chars = key.chars().count();
                let entity = Some(entity);
                (
                    key,
                    Pattern {
                        chars,
                        bytes: key.len(),
                        entity,
                        prefix: None,
                    },
                )
            })
            .unzip();
        let key_pattern: FxHashMap<&str, usize> =
            texts.iter().enumerate().map(|(i, &key)| (key, i)).collect();
        let mut spaced = Vec::new();
        for (prefix, text) in families.prefixes() {
            if text.chars().any(is_key_separator) {
                spaced.push((text, prefix));
            } else if let Some(&p) = key_pattern.get(text) {
                patterns[p].prefix = Some(prefix);
            } else {
                texts.push(text);
                let chars = text.chars().count();
                let prefix = Some(prefix);
                patterns.push(Pattern {
                    chars,
                    bytes: text.len(),
                    entity: None,
                    prefix,
                });
            }
        }
        let automaton = (!texts.is_empty()).then(|| {
            let values = (0..).map(|k| u32::try_from(k).expect("< 2^32 patterns"));
            CharwiseDoubleArrayAhoCorasick::with_values(texts.into_iter().zip(values))
                .expect("distinct non-empty patterns always build an automaton")
        });
        let spaced_prefixes = (!spaced.is_empty()).then(|| {
            CharwiseDoubleArrayAhoCorasick::with_values(spaced)
                .expect("distinct non-empty prefixes always build an automaton")
        });
        EntityMatcher {
            automaton,
            patterns,
            spaced_prefixes,
            families,
        }
    }

    pub fn families(&self) -> &Families {
        &self.families
    }

    /// Find the catalogue names in `text` (a normalized line) whose edges respect word
    /// boundaries. `word_ends` are the char ends of jieba's words over `text`, ascending.
    pub fn find(
        &self,
        text: &str,
        word_ends: &[usize],
        scratch: &mut MatchScratch,
        out: &mut Vec<EntityMatch>,
    ) {
        let mut chars = std::mem::take(&mut scratch.chars);
        chars.clear();
        chars.extend(text.chars());
        self.find_in_chars(text, &chars, word_ends, scratch, out);
        scratch.chars = chars;
    }

    /// [`EntityMatcher::find`] for a caller that has decoded the line already: `chars` are
    /// the chars of `text`.
    pub fn find_in_chars(
        &self,
        text: &str,
        chars: &[char],
        word_ends: &[usize],
        scratch: &mut MatchScratch,
        out: &mut Vec<EntityMatch>,
    ) {
        out.clear();
        let MatchScratch {
            chars: _,
            key_norm,
            candidates,
            char_starts,
            prefix_hits,
            family_matches,
        } = scratch;
        key_norm.clear();
        candidates.clear();
        prefix_hits.clear();
        // One walk over the line, one automaton: the catalogue keys and the family prefixes
        // are searched together in the key view (separators skipped, ASCII lower-cased), so
        // no folded copy of the line is built and each char costs one transition.
        let mut patterns = self
            .automaton
            .as_ref()
            .map(|a| a.find_overlapping_stepper());
        let mut spaced_prefixes = self
            .spaced_prefixes
            .as_ref()
            .map(|a| a.find_overlapping_stepper());
        // Byte offset of the end of the char read.
        let mut end_byte = 0;
        for (i, &c) in chars.iter().enumerate() {
            end_byte += c.len_utf8();
            if let Some(spaced) = &mut spaced_prefixes {
                spaced.consume(c.to_ascii_lowercase());
                prefix_hits.extend(
                    spaced
                        .matches()
                        .map(|m| PrefixHit::new(m.start(), m.value())),
                );
            }
            if separates_key(c) {
                continue;
            }
            key_norm.push(i);
            let Some(patterns) = &mut patterns else {
                continue;
            };
            patterns.consume(c.to_ascii_lowercase());
            for m in patterns.matches() {
                let pattern = &self.patterns[m.value() as usize];
                // The pattern ends at this char, the `chars`-th key char back is its first.
                let start = key_norm[key_norm.len() - pattern.chars];
                if let Some(entity) = pattern.entity {
                    // Its edges are checked once the whole line is read (the char after it).
                    candidates.push(EntityMatch {
                        start,
                        end: i + 1,
                        target: Target::Entity(entity),
                    });
                }
                // A prefix is literal text of the line: one with a separator inside is not
                // there. One that is there is the pattern's bytes (ASCII lower-casing keeps
                // byte lengths), so it starts that many bytes before this char's end.
                if let Some(prefix) = pattern.prefix
                    && i + 1 - start == pattern.chars
                {
                    let byte = end_byte - pattern.bytes;
                    prefix_hits.push(PrefixHit::new(byte, prefix));
                }
            }
        }
        candidates.retain(|m| {
            keeps_words(
                SpanEdges::of(chars, m.start, m.end),
                m.start,
                m.end,
                word_ends,
            ) && !numeral_run_continues(chars, m.start, m.end)
        });
        if !prefix_hits.is_empty() {
            // Byte offsets of the chars, for the version patterns: only on lines where a
            // prefix occurs.
            char_starts.clear();
            char_starts.extend(text.char_indices().map(|(b, _)| b));
            self.families
                .versions(text, prefix_hits, char_starts, family_matches);
            for m in family_matches.iter() {
                if !keeps_words(
                    SpanEdges::of(chars, m.start, m.end),
                    m.start,
                    m.end,
                    word_ends,
                ) {
                    continue;
                }
                candidates.push(EntityMatch {
                    start: m.start,
                    end: m.end,
                    target: Target::Family(m.family),
                });
            }
        }
        // Leftmost first, then longest; catalogue entities before family versions, then by
        // index, for determinism.
        candidates.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.target.cmp(&b.target))
        });
        let mut taken_until = 0;
        for c in candidates.iter() {
            if c.start >= taken_until {
                out.push(*c);
                taken_until = c.end;
            }
        }
    }
}

/// A name that starts or ends with a Chinese numeral is not found where the numeral run goes
/// on across that edge: `百度` is not in `一百度`, a `零一…` name not in `两亿零一…`.
fn numeral_run_continues(chars: &[char], start: usize, end: usize) -> bool {
    let num = |c: char| "零〇一二三四五六七八九十百千万亿两".contains(c);
    (num(chars[start]) && start > 0 && num(chars[start - 1]))
        || (num(chars[end - 1]) && chars.get(end).is_some_and(|&c| num(c)))
}

/// [`is_key_separator`], without its Unicode look-up for the chars past U+3000 (every Chinese
/// char): the last whitespace char is U+3000, and `-`, `_` and `·` come before it.
#[inline]
fn separates_key(c: char) -> bool {
    c <= '\u{3000}' && is_key_separator(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn catalogue() -> Catalogue {
        let mut c = Catalogue::default();
        c.add_csv(
            Path::new("t.csv"),
            "id,type,name,aliases,owner,affiliation\n\
             company/zhipu,company,智谱,智谱AI,,\n\
             product/gpt-4o,product,GPT-4o,,,\n\
             product/k1,product,K1,,,\n\
             product/yi-lightning,product,Yi-Lightning,,,\n\
             product/skywork-o1,product,Skywork o1,,,\n\
             product/o1,product,o1,,,\n\
             company/baichuan,company,百川智能,百川,,\n\
             person/dafei,person,大飞,,,\n",
        )
        .unwrap();
        c
    }

    /// Word ends as if every char were its own word, except the listed multi-char words.
    fn ends(text: &str, words: &[&str]) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        'outer: while i < chars.len() {
            for w in words {
                let wc: Vec<char> = w.chars().collect();
                if chars[i..].starts_with(&wc) {
                    i += wc.len();
                    out.push(i);
                    continue 'outer;
                }
            }
            i += 1;
            out.push(i);
        }
        out
    }

    fn found(text: &str, words: &[&str]) -> Vec<String> {
        let cat = catalogue();
        let m = EntityMatcher::new(&cat);
        let mut out = Vec::new();
        m.find(
            text,
            &ends(text, words),
            &mut MatchScratch::default(),
            &mut out,
        );
        out.iter()
            .map(|x| text.chars().skip(x.start).take(x.end - x.start).collect())
            .collect()
    }

    /// Names found with the families of `rows` (`glm` is a catalogue key too).
    fn found_with_families(text: &str, rows: &str) -> Vec<String> {
        let mut cat = catalogue();
        cat.add_csv(
            Path::new("u.csv"),
            "id,type,name,aliases,owner,affiliation\n\
             product/glm,product,GLM,,company/zhipu,\n",
        )
        .unwrap();
        let mut problems = Vec::new();
        let families = Families::parse_collecting(
            Path::new("families.csv"),
            &format!("family_id,owner,prefixes,version_pattern,example\n{rows}"),
            &cat,
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let m = EntityMatcher::with_families(&cat, families);
        let mut out = Vec::new();
        m.find(
            text,
            &ends(text, &[]),
            &mut MatchScratch::default(),
            &mut out,
        );
        out.iter()
            .map(|x| text.chars().skip(x.start).take(x.end - x.start).collect())
            .collect()
    }

    #[test]
    fn family_prefixes_share_the_name_automaton() {
        let glm = "glm,company/zhipu,glm|chat glm,(?:chat )?g~lm~\\d+(?:\\.\\d+)?,GLM-4.5\n";
        // A prefix that is also a catalogue key.
        assert_eq!(found_with_families("新的GLM-4.5发布", glm), ["GLM-4.5"]);
        assert_eq!(found_with_families("新的GLM发布", glm), ["GLM"]);
        // The key view drops separators, but a prefix must be in the line as is.
        assert!(found_with_families("新的g lm4发布", glm).is_empty());
        // A prefix holding a separator is searched over the line itself.
        assert_eq!(found_with_families("用chat glm3了", glm), ["chat glm3"]);
    }

    #[test]
    fn no_key_separator_past_u3000() {
        assert!(separates_key('\u{3000}'));
        assert!(('\u{3001}'..=char::MAX).all(|c| !is_key_separator(c)));
    }

    #[test]
    fn spaced_and_cased_latin_names_match_whole() {
        assert_eq!(found("可以比肩GPT - 4o了", &[]), ["GPT - 4o"]);
        assert_eq!(found("新模型Yi - Lightning", &[]), ["Yi - Lightning"]);
        assert_eq!(found("昆仑的 Skywork o1 等", &[]), ["Skywork o1"]);
        assert_eq!(found("视觉模型 k1 等等", &[]), ["k1"]);
    }

    #[test]
    fn latin_names_respect_word_boundaries() {
        assert!(found("型号SK1x发布", &[]).is_empty());
        assert!(found("Kimi K10", &[]).is_empty());
        assert_eq!(found("K1、o1", &[]), ["K1", "o1"]);
    }

    #[test]
    fn chinese_names_never_cut_a_word() {
        assert_eq!(found("智谱成立", &["智谱", "成立"]), ["智谱"]);
        assert!(found("大飞机", &["大飞机"]).is_empty());
    }

    #[test]
    fn names_with_numerals_stop_where_the_numeral_run_goes_on() {
        assert!(found("三百川菜馆", &["百川"]).is_empty());
        assert!(found("两千百川", &["百川"]).is_empty());
        assert_eq!(found("去百川开会", &["百川"]), ["百川"]);
        assert_eq!(found("三家百川", &["百川"]), ["百川"]);
    }

    #[test]
    fn longest_name_wins() {
        assert_eq!(found("百川智能的", &["百川智能"]), ["百川智能"]);
        assert_eq!(found("智谱AI公司", &["智谱"]), ["智谱AI"]);
    }
}
