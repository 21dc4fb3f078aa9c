//! Names the catalogue lacks, found by the suggester, so a fact about a new company, person or
//! product is kept (its entity unlinked: no id, the name as said) rather than lost or given to
//! whoever was in topic.
//!
//! The suggester finds a name where a line gives a signal (a title, quotes, 一家叫X的公司, a
//! product-like Latin token); once found, the name is looked for in every later line of the
//! episode too, on word boundaries, since a host names it plainly after introducing it.

use crate::model::{EntityRef, MentionKind};
use crate::normalize::is_cjk;
use crate::recognize::AnnotatedLine;
use crate::suggest::{Candidate, CandidateFinder, LineInput};

use super::clause::EntityItem;

/// The unlinked names of each line, in line order.
pub fn find(lines: &[AnnotatedLine], finder: &CandidateFinder) -> Vec<Vec<EntityItem>> {
    let mut known: Vec<(String, MentionKind)> = Vec::new();
    let mut found: Vec<Candidate> = Vec::new();
    lines
        .iter()
        .map(|line| {
            let text = line.norm.text.as_str();
            finder.find(
                &LineInput {
                    text,
                    word_ends: &line.word_ends,
                    tags: None,
                    taken: &line.norm_spans,
                },
                &mut found,
            );
            let mut items: Vec<EntityItem> = found
                .iter()
                .map(|c| item(c.start, c.end, c.kind, &c.name))
                .collect();
            for c in &found {
                if !known.iter().any(|(n, _)| *n == c.name) {
                    known.push((c.name.clone(), c.kind));
                }
            }
            // Later plain mentions of names introduced before.
            if !known.is_empty() {
                let chars: Vec<char> = text.chars().collect();
                for (name, kind) in &known {
                    for (start, end) in occurrences(&chars, name, &line.word_ends) {
                        let free = |s: usize, e: usize| !(start < e && s < end);
                        if line.norm_spans.iter().all(|&(s, e)| free(s, e))
                            && items.iter().all(|i| free(i.start, i.end))
                        {
                            items.push(item(start, end, *kind, name));
                        }
                    }
                }
            }
            items.sort_by_key(|i| (i.start, i.end));
            items
        })
        .collect()
}

fn item(start: usize, end: usize, kind: MentionKind, name: &str) -> EntityItem {
    EntityItem {
        start,
        end,
        kind,
        entity: EntityRef {
            entity_id: None,
            name: name.to_string(),
        },
        owner: None,
        affiliation: None,
    }
}

/// Where `name` stands in `chars` without cutting a word: Chinese edges on jieba word
/// boundaries, Latin edges not inside a Latin word.
fn occurrences(chars: &[char], name: &str, word_ends: &[usize]) -> Vec<(usize, usize)> {
    let needle: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > chars.len() {
        return out;
    }
    let on_boundary = |pos: usize| pos == 0 || word_ends.binary_search(&pos).is_ok();
    let latin = |c: char| c.is_ascii_alphanumeric();
    for start in 0..=chars.len() - needle.len() {
        let end = start + needle.len();
        if chars[start..end] != needle[..] {
            continue;
        }
        let (first, last) = (needle[0], needle[needle.len() - 1]);
        let cjk_ok = (!is_cjk(first) || on_boundary(start)) && (!is_cjk(last) || on_boundary(end));
        let cuts_before = latin(first) && start > 0 && latin(chars[start - 1]);
        let cuts_after = latin(last) && end < chars.len() && latin(chars[end]);
        let latin_ok = !cuts_before && !cuts_after;
        if cjk_ok && latin_ok {
            out.push((start, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_respect_words() {
        let chars: Vec<char> = "Nimbus-2和Nimbus-20".chars().collect();
        assert_eq!(occurrences(&chars, "Nimbus-2", &[]), [(0, 8)]);
        let chars: Vec<char> = "云岫科技成立".chars().collect();
        assert_eq!(occurrences(&chars, "云岫科技", &[4, 6]), [(0, 4)]);
        assert!(occurrences(&chars, "云岫科技", &[2, 6]).is_empty());
    }
}
