//! Names the catalogue lacks, followed through an episode: a name the finder found on one
//! line (by a title, quotes, a speech verb, the shape of an organisation's name, …) is looked
//! for on every later line too, on word boundaries, since a host names it plainly after
//! introducing it; each occurrence is the same name, of the same kind.
//!
//! Two more ways a host goes on naming what they introduced:
//! - an organisation by its short form, its name without the suffix (`极光智能` … `极光的估值`,
//!   `鲸跃科技` … `不过鲸跃自己`): the same organisation, when the short form is no ordinary
//!   word;
//! - a product by the organisation's name and a model code (`极光 X3`, `鲸跃 S2`): one product
//!   name, not the code alone.

use crate::model::MentionKind;
use crate::segment::{SpanEdges, keeps_words};

use super::finder::{Candidate, CandidateFinder};

/// The names met so far in one episode. One per episode, fed its lines in order.
#[derive(Debug, Default)]
pub struct EpisodeNames {
    /// Each name with its kind and the signature of its chars.
    known: Vec<(String, MentionKind, u64)>,
    /// The short forms of the organisations met: short form, full name, signature.
    short: Vec<(String, String, u64)>,
}

impl EpisodeNames {
    /// Add to `found` (a line's candidates, names filled in, in order) the later plain
    /// mentions of names met before, and remember the new ones. `taken` are the spans the
    /// line's other mentions hold.
    /// `common` tells an ordinary word: a short form that is one names nothing.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        finder: &CandidateFinder,
        common: &dyn Fn(&str) -> bool,
        text: &str,
        chars: &[char],
        word_ends: &[usize],
        taken: &[(usize, usize)],
        found: &mut Vec<Candidate>,
    ) {
        self.brand_models(chars, word_ends, taken, found);
        for c in found.iter() {
            if !self.known.iter().any(|(n, _, _)| *n == c.name) {
                self.known
                    .push((c.name.clone(), c.kind, signature(c.name.chars())));
                if c.kind == MentionKind::Company
                    && let Some(s) = short_form(finder, &c.name)
                    && !common(s)
                    && !self.short.iter().any(|(x, _, _)| x == s)
                {
                    self.short
                        .push((s.to_string(), c.name.clone(), signature(s.chars())));
                }
            }
        }
        if self.known.is_empty() {
            return;
        }
        // Every known name is looked for on every later line, and most lines lack some char
        // of it: the signatures rule those out before any search.
        let line_signature = signature(chars.iter().copied());
        let before = found.len();
        // A known name, or a company's short form, said again: the candidate carries the name.
        let known = self
            .known
            .iter()
            .map(|(name, kind, sig)| (name, name, *kind, *sig));
        let short =
            (self.short.iter()).map(|(short, name, sig)| (short, name, MentionKind::Company, *sig));
        for (said, name, kind, said_signature) in known.chain(short) {
            if said_signature & !line_signature != 0 {
                continue;
            }
            for (start, end) in occurrences(text, said, word_ends) {
                let free = |s: usize, e: usize| !(start < e && s < end);
                if taken.iter().all(|&(s, e)| free(s, e))
                    && found.iter().all(|c| free(c.start, c.end))
                {
                    found.push(Candidate {
                        start,
                        end,
                        kind,
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

    /// A model code found alone (`X3`, a product by its Latin shape) right after an
    /// organisation met before, by its name or short form, and a space: the product is
    /// `极光 X3`. Candidates inside the longer name are dropped.
    fn brand_models(
        &self,
        chars: &[char],
        word_ends: &[usize],
        taken: &[(usize, usize)],
        found: &mut Vec<Candidate>,
    ) {
        let mut merged = None;
        for c in found.iter_mut() {
            if c.kind != MentionKind::Product || !is_model_code(&chars[c.start..c.end]) {
                continue;
            }
            let Some(space) = c.start.checked_sub(1).filter(|&s| chars[s] == ' ') else {
                continue;
            };
            let brands = self
                .known
                .iter()
                .filter(|(_, k, _)| *k == MentionKind::Company)
                .map(|(n, _, _)| n)
                .chain(self.short.iter().map(|(s, _, _)| s));
            let Some(start) = brands
                .filter_map(|b| {
                    let len = b.chars().count();
                    let s = space.checked_sub(len)?;
                    let on_word = s == 0 || word_ends.binary_search(&s).is_ok();
                    (on_word && chars[s..space].iter().copied().eq(b.chars())).then_some(s)
                })
                .min()
            else {
                continue;
            };
            if taken.iter().any(|&(s, e)| start < e && s < space) {
                continue;
            }
            c.start = start;
            c.name = chars[start..c.end].iter().collect();
            merged = Some((start, c.end));
        }
        if let Some((s, e)) = merged {
            found.retain(|c| !(s <= c.start && c.end <= e) || (c.start, c.end) == (s, e));
        }
    }
}

/// A model code: 2-6 ASCII letters and digits, a capital letter first and a digit in it
/// (`X3`, `S10`, `A1`).
fn is_model_code(code: &[char]) -> bool {
    (2..=6).contains(&code.len())
        && code[0].is_ascii_uppercase()
        && code.iter().all(|c| c.is_ascii_alphanumeric())
        && code.iter().any(|c| c.is_ascii_digit())
}

/// The short form of an organisation's name: without its suffix (`极光智能` -> `极光`), when
/// the name opens with no place and the rest is a new name of 2 chars or more.
fn short_form<'n>(finder: &CandidateFinder, name: &'n str) -> Option<&'n str> {
    let cores = finder.registered_cores(name);
    let short = *cores.last()?;
    (cores.len() >= 2
        && cores[0] == name
        && short.chars().count() >= 2
        && finder.is_new_name(short))
    .then_some(short)
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

    fn code(start: usize, end: usize, name: &str) -> Candidate {
        Candidate {
            start,
            end,
            kind: MentionKind::Product,
            name: name.into(),
            signal: crate::recognize::unknown::finder::Signal::Latin,
            encloses: false,
        }
    }

    #[test]
    fn a_model_code_after_an_organisation_met_before_is_one_product() {
        let mut names = EpisodeNames::default();
        names.known.push((
            "星河动力".into(),
            MentionKind::Company,
            signature("星河动力".chars()),
        ));
        names
            .short
            .push(("星河".into(), "星河动力".into(), signature("星河".chars())));
        // 星河 S2 上市 (short form), 星河动力 R10 发布 (whole name).
        for (text, ends, at, want) in [
            ("星河 S2 上市", vec![2, 3, 5, 6, 8], (3, 5), "星河 S2"),
            (
                "星河动力 R10 发布",
                vec![4, 5, 8, 9, 11],
                (5, 8),
                "星河动力 R10",
            ),
        ] {
            let chars: Vec<char> = text.chars().collect();
            let name: String = chars[at.0..at.1].iter().collect();
            let mut found = vec![code(at.0, at.1, &name)];
            names.brand_models(&chars, &ends, &[], &mut found);
            assert_eq!(found.len(), 1);
            assert_eq!((found[0].start, found[0].name.as_str()), (0, want));
        }
        // A code after an ordinary word stays alone: 发布 S2.
        let chars: Vec<char> = "发布 S2".chars().collect();
        let mut found = vec![code(3, 5, "S2")];
        names.brand_models(&chars, &[2, 3, 5], &[], &mut found);
        assert_eq!(found[0].name, "S2");
        // Not a model code: a word, a number.
        assert!(!is_model_code(&['P', 'r', 'o']));
        assert!(!is_model_code(&['2', '0']));
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
