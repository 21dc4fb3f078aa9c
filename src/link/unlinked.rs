//! Names the catalogue lacks, found by the suggester, so a fact about a new company, person or
//! product is kept (its entity unlinked: no id, the name as said) rather than lost or given to
//! whoever was in topic.
//!
//! The suggester finds a name where a line gives a signal (a title, quotes, 一家叫X的公司, a
//! product-like Latin token); once found, the name is looked for in every later line of the
//! episode too, on word boundaries, since a host names it plainly after introducing it.

use crate::model::MentionKind;
use crate::recognize::AnnotatedLine;
use crate::segment::{SpanEdges, keeps_words};
use crate::suggest::{Candidate, CandidateFinder, LineInput};

use super::clause::UnlinkedItem;

/// The unlinked names of each line, in line order. `chars` are those of each line's
/// normalized text.
pub fn find(
    lines: &[AnnotatedLine],
    chars: &[&[char]],
    finder: &CandidateFinder,
) -> Vec<Vec<UnlinkedItem>> {
    // Each name with the signature of its chars.
    let mut known: Vec<(String, MentionKind, u64)> = Vec::new();
    let mut found: Vec<Candidate> = Vec::new();
    lines
        .iter()
        .zip(chars)
        .map(|(line, chars)| {
            let text = line.norm.text.as_str();
            finder.find_chars(
                &LineInput {
                    text,
                    word_ends: &line.word_ends,
                    tags: None,
                    taken: &line.norm_spans,
                },
                chars,
                &mut found,
            );
            let mut items: Vec<UnlinkedItem> = found
                .iter()
                .map(|c| item(c.start, c.end, c.kind, &c.name))
                .collect();
            for c in &found {
                if !known.iter().any(|(n, _, _)| *n == c.name) {
                    known.push((c.name.clone(), c.kind, signature(c.name.chars())));
                }
            }
            // Later plain mentions of names introduced before. Every known name is looked
            // for on every later line, and most lines lack some char of it: the signatures
            // rule those out before any search.
            let line_signature = signature(chars.iter().copied());
            for (name, kind, name_signature) in &known {
                if name_signature & !line_signature != 0 {
                    continue;
                }
                for (start, end) in occurrences(text, name, &line.word_ends) {
                    let free = |s: usize, e: usize| !(start < e && s < end);
                    if line.norm_spans.iter().all(|&(s, e)| free(s, e))
                        && items.iter().all(|i| free(i.start, i.end))
                    {
                        items.push(item(start, end, *kind, name));
                    }
                }
            }
            items.sort_by_key(|i| (i.start, i.end));
            items
        })
        .collect()
}

/// One bit for each char (hashed to 0..64): a text holds a name only if its signature has
/// every bit of the name's.
fn signature(chars: impl IntoIterator<Item = char>) -> u64 {
    // Fibonacci hashing: the top 6 bits of the code times 2^32 / phi.
    chars.into_iter().fold(0, |s, c| {
        s | 1 << (u32::from(c).wrapping_mul(0x9E37_79B9) >> 26)
    })
}

fn item(start: usize, end: usize, kind: MentionKind, name: &str) -> UnlinkedItem {
    UnlinkedItem {
        start,
        end,
        kind,
        name: name.to_string(),
    }
}

/// Where `name` stands in `text` (char offsets) without cutting a word: Chinese edges on
/// jieba word boundaries, Latin edges not inside a Latin word. Overlapping occurrences are
/// all tried. This runs for every known name on every later line, so the search is
/// `str::find` on the bytes, and chars are counted only up to a hit.
fn occurrences(text: &str, name: &str, word_ends: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
        return out;
    };
    // Most lines hold none of the names: `contains` rejects them with a SIMD scan, cheaper
    // than setting up `find`'s two-way searcher.
    if !text.contains(name) {
        return out;
    }
    let len = name.chars().count();
    // Byte offset searched from, and the char offset of `counted`.
    let (mut from, mut counted, mut counted_chars) = (0, 0, 0);
    while let Some(found) = text[from..].find(name) {
        let at = from + found;
        let start = counted_chars + text[counted..at].chars().count();
        (counted, counted_chars) = (at, start);
        let end = start + len;
        let edges = SpanEdges {
            before: text[..at].chars().next_back(),
            first,
            last,
            after: text[at + name.len()..].chars().next(),
        };
        if keeps_words(edges, start, end, word_ends) {
            out.push((start, end));
        }
        // The next occurrence may overlap this one: search again from its second char.
        from = at + first.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_has_every_signature_bit_of_a_name_it_holds() {
        let text = signature("云岫科技今天发布了 Nimbus-2".chars());
        for name in ["云岫科技", "Nimbus-2", "发布"] {
            assert_eq!(signature(name.chars()) & !text, 0, "{name}");
        }
        assert_eq!(signature("".chars()), 0);
    }

    #[test]
    fn occurrences_respect_words() {
        assert_eq!(
            occurrences("Nimbus-2和Nimbus-20", "Nimbus-2", &[]),
            [(0, 8)]
        );
        assert_eq!(occurrences("云岫科技成立", "云岫科技", &[4, 6]), [(0, 4)]);
        assert!(occurrences("云岫科技成立", "云岫科技", &[2, 6]).is_empty());
        // Overlapping occurrences are all tried: the second `aa` of `aaa` is the one whole.
        assert_eq!(occurrences("aaa", "aa", &[]), []);
        assert_eq!(occurrences("云云云", "云云", &[1, 3]), [(1, 3)]);
    }
}
