//! Names the catalogue lacks, followed through an episode: a name the finder found on one
//! line (by a title, quotes, a speech verb, the shape of an organisation's name, …) is looked
//! for on every later line too, on word boundaries, since a host names it plainly after
//! introducing it; each occurrence is the same name, of the same kind.

use crate::model::MentionKind;
use crate::segment::{SpanEdges, keeps_words};

use super::finder::Candidate;

/// The names met so far in one episode. One per episode, fed its lines in order.
#[derive(Debug, Default)]
pub struct EpisodeNames {
    /// Each name with its kind and the signature of its chars.
    known: Vec<(String, MentionKind, u64)>,
}

impl EpisodeNames {
    /// Add to `found` (a line's candidates, names filled in, in order) the later plain
    /// mentions of names met before, and remember the new ones. `taken` are the spans the
    /// line's other mentions hold.
    pub fn line(
        &mut self,
        text: &str,
        chars: &[char],
        word_ends: &[usize],
        taken: &[(usize, usize)],
        found: &mut Vec<Candidate>,
    ) {
        for c in found.iter() {
            if !self.known.iter().any(|(n, _, _)| *n == c.name) {
                self.known
                    .push((c.name.clone(), c.kind, signature(c.name.chars())));
            }
        }
        if self.known.is_empty() {
            return;
        }
        // Every known name is looked for on every later line, and most lines lack some char
        // of it: the signatures rule those out before any search.
        let line_signature = signature(chars.iter().copied());
        let before = found.len();
        for (name, kind, name_signature) in &self.known {
            if name_signature & !line_signature != 0 {
                continue;
            }
            for (start, end) in occurrences(text, name, word_ends) {
                let free = |s: usize, e: usize| !(start < e && s < end);
                if taken.iter().all(|&(s, e)| free(s, e))
                    && found.iter().all(|c| free(c.start, c.end))
                {
                    found.push(Candidate {
                        start,
                        end,
                        kind: *kind,
                        name: name.clone(),
                        signal: super::finder::Signal::Named,
                        encloses: false,
                    });
                }
            }
        }
        if found.len() > before {
            found.sort_by_key(|c| (c.start, c.end));
        }
    }
}

/// One bit for each char (hashed to 0..64): a text holds a name only if its signature has
/// every bit of the name's.
fn signature(chars: impl IntoIterator<Item = char>) -> u64 {
    // Fibonacci hashing: the top 6 bits of the code times 2^32 / phi.
    chars.into_iter().fold(0, |s, c| {
        s | 1 << (u32::from(c).wrapping_mul(0x9E37_79B9) >> 26)
    })
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
