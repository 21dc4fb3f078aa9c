//! `tfacts suggest`: the names the transcripts use that the catalogue lacks, with a row ready
//! to paste into `dictionaries/entities/*.csv`.
//!
//! Every line is normalized, tagged with jieba (this is a batch tool, so every line pays for
//! the part-of-speech tags) and read by the [`CandidateFinder`] with the catalogue's and the
//! families' matches as spans already taken. Candidates are grouped by match key; a Chinese
//! name jieba's dictionary knows as an ordinary word (frequency at or above
//! [`check::COMMON_WORD_FREQ`]) is dropped unless a title introduced it.
//!
//! Proposed ids: a Latin name gets a readable slug (`product/vidu-2-0`); a Chinese name,
//! which cannot be romanized offline, gets `<type>/xin-<first 8 hex digits of the SHA-256 of
//! the name>` (`person/xin-1a2b3c4d`, `xin` for 新, new): stable and unique, to be replaced by
//! a pinyin slug when the row is reviewed. A product's proposed owner (a person's
//! affiliation) is the catalogue company named most often on the same lines; a product with
//! none there gets `?` (owner to be found), which `tfacts check` reports as a note.

pub use crate::recognize::unknown::finder;

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasickBuilder, MatchKind};

pub use crate::recognize::unknown::{Candidate, CandidateFinder, LineInput, Signal, StopList};

use crate::dictionary::check::{self, jieba_frequency};
use crate::dictionary::match_key;
use crate::ids;
use crate::model::{MentionKind, Transcript};
use crate::normalize::{NormalizedLine, is_cjk};
use crate::pipeline::Annotator;
use crate::recognize::entities::{MatchScratch, Target};

/// What `suggest` proposes for one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The spelling met most often (ties: the first met).
    pub name: String,
    pub kind: MentionKind,
    pub count: usize,
    pub signals: BTreeSet<Signal>,
    /// `file:line` of every occurrence, in reading order (a line once).
    pub lines: Vec<String>,
    /// Proposed catalogue row.
    pub id: String,
    pub owner: Option<String>,
    pub affiliation: Option<String>,
}

impl Suggestion {
    /// The catalogue row: `id,type,name,aliases,owner,affiliation`, CSV-quoted as needed.
    pub fn csv_row(&self) -> String {
        let fields = [
            self.id.as_str(),
            self.kind.as_str(),
            self.name.as_str(),
            "",
            self.owner.as_deref().unwrap_or(""),
            self.affiliation.as_deref().unwrap_or(""),
        ];
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        w.write_record(fields).expect("writing to memory");
        let bytes = w.into_inner().expect("writing to memory");
        String::from_utf8(bytes)
            .expect("fields are UTF-8")
            .trim_end()
            .to_string()
    }
}

/// Options of a suggestion run.
#[derive(Debug, Clone)]
pub struct SuggestOptions {
    /// Names met fewer times are left out.
    pub min_count: usize,
    /// Chinese names jieba knows at least this often are ordinary words.
    pub common_word_freq: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            min_count: 1,
            common_word_freq: check::COMMON_WORD_FREQ,
        }
    }
}

#[derive(Default)]
struct Group {
    spellings: Vec<(String, usize)>,
    kinds: BTreeMap<MentionKind, usize>,
    signals: BTreeSet<Signal>,
    count: usize,
    lines: Vec<String>,
    companies: Vec<(String, usize)>,
}

fn bump(list: &mut Vec<(String, usize)>, key: &str) {
    match list.iter_mut().find(|(k, _)| k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key.to_string(), 1)),
    }
}

/// The most counted entry; the first met on ties.
fn top(list: &[(String, usize)]) -> Option<&str> {
    let best = list.iter().map(|(_, n)| *n).max()?;
    list.iter()
        .find(|(_, n)| *n == best)
        .map(|(k, _)| k.as_str())
}

/// How much a signal's say about the kind weighs.
fn weight(signal: Signal) -> usize {
    match signal {
        Signal::Title => 3,
        Signal::Quote | Signal::Latin | Signal::Named => 2,
        Signal::Speech | Signal::Suffix | Signal::Cue => 2,
        Signal::Pos => 1,
    }
}

/// The proposed id of a new name (see the module docs).
pub fn proposed_id(kind: MentionKind, name: &str) -> String {
    if name.is_ascii() {
        let mut slug = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        if !slug.is_empty() {
            return format!("{}/{slug}", kind.as_str());
        }
    }
    let hex = ids::sha256_hex(name.as_bytes());
    format!("{}/xin-{}", kind.as_str(), &hex[..8])
}

/// A line read in the first pass, kept for counting in the second.
struct ReadLine {
    at: String,
    text: String,
    taken: Vec<(usize, usize)>,
    companies: Vec<String>,
}

/// Read every line of `transcripts` (each named by `label`, for `file:line`) and propose the
/// names the catalogue lacks, count descending, then name.
///
/// Two passes: the first finds the candidates (where a cue introduces them); the second
/// counts every occurrence of their spellings outside recognized names, so a name introduced
/// once (`一家叫云岫科技的公司`) and then used bare (`云岫科技成立于…`) is counted and located
/// everywhere.
pub fn suggest(
    annotator: &Annotator,
    transcripts: &[(String, Transcript)],
    options: &SuggestOptions,
) -> Vec<Suggestion> {
    let finder = &annotator.candidates;
    let jieba = annotator.segmenter.jieba();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut read: Vec<ReadLine> = Vec::new();
    let mut scratch = MatchScratch::default();
    let mut matches = Vec::new();
    let mut found = Vec::new();
    let mut word_ends = Vec::new();
    for (label, transcript) in transcripts {
        for line in &transcript.lines {
            let norm = NormalizedLine::new(&line.text);
            let tags = annotator.segmenter.tag(&norm.text);
            word_ends.clear();
            word_ends.extend(tags.iter().map(|t| t.end));
            annotator
                .entities
                .find(&norm.text, &word_ends, &mut scratch, &mut matches);
            let taken: Vec<(usize, usize)> = matches.iter().map(|m| (m.start, m.end)).collect();
            let companies: Vec<String> = matches
                .iter()
                .filter_map(|m| match m.target {
                    Target::Entity(i) => {
                        let e = &annotator.catalogue.entities()[i];
                        (e.kind == MentionKind::Company).then(|| e.id.clone())
                    }
                    Target::Family(_) => None,
                })
                .collect();
            let input = LineInput {
                text: &norm.text,
                word_ends: &word_ends,
                tags: Some(&tags),
                taken: &taken,
                common: None,
                named: &[],
                after_title: false,
                after_org_noun: false,
            };
            finder.find(&input, &mut found);
            for c in &found {
                let ordinary = c.signal != Signal::Title
                    && c.name.chars().all(is_cjk)
                    && jieba_frequency(jieba, &c.name) >= options.common_word_freq;
                if ordinary {
                    continue;
                }
                let g = groups.entry(match_key(&c.name)).or_default();
                bump(&mut g.spellings, &c.name);
                *g.kinds.entry(c.kind).or_default() += weight(c.signal);
                g.signals.insert(c.signal);
            }
            read.push(ReadLine {
                at: format!("{label}:{}", line.number),
                text: norm.text,
                taken,
                companies,
            });
        }
    }
    count_occurrences(&mut groups, &read);
    let mut out: Vec<Suggestion> = groups
        .into_values()
        .filter(|g| g.count >= options.min_count.max(1))
        .map(|g| into_suggestion(annotator, g))
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The second pass: every occurrence of a candidate's spellings (leftmost-longest, outside
/// recognized names, not inside a Latin word).
fn count_occurrences(groups: &mut BTreeMap<String, Group>, read: &[ReadLine]) {
    let mut patterns: Vec<String> = Vec::new();
    let mut owner: Vec<String> = Vec::new();
    for (key, g) in groups.iter() {
        for (spelling, _) in &g.spellings {
            patterns.push(spelling.clone());
            owner.push(key.clone());
        }
    }
    let Ok(automaton) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
    else {
        return;
    };
    for line in read {
        let chars: Vec<char> = line.text.chars().collect();
        let mut char_starts: Vec<usize> = line.text.char_indices().map(|(b, _)| b).collect();
        char_starts.push(line.text.len());
        for m in automaton.find_iter(&line.text) {
            let start = char_starts.partition_point(|&b| b < m.start());
            let end = char_starts.partition_point(|&b| b < m.end());
            let inside_latin = |a: usize, b: usize| {
                chars[a].is_ascii_alphanumeric() && chars[b].is_ascii_alphanumeric()
            };
            if (start > 0 && inside_latin(start - 1, start))
                || (end < chars.len() && inside_latin(end - 1, end))
                || line.taken.iter().any(|&(s, e)| start < e && s < end)
            {
                continue;
            }
            let g = groups
                .get_mut(&owner[m.pattern().as_usize()])
                .expect("every pattern has its group");
            g.count += 1;
            if g.lines.last() != Some(&line.at) {
                g.lines.push(line.at.clone());
            }
            for company in &line.companies {
                bump(&mut g.companies, company);
            }
        }
    }
}

fn into_suggestion(annotator: &Annotator, g: Group) -> Suggestion {
    let name = top(&g.spellings).unwrap_or_default().to_string();
    let best = g.kinds.values().copied().max().unwrap_or(0);
    // Ties: person, then company, then product.
    let kind = g
        .kinds
        .iter()
        .filter(|(_, w)| **w == best)
        .map(|(k, _)| *k)
        .min_by_key(|k| match k {
            MentionKind::Person => 0,
            MentionKind::Company => 1,
            _ => 2,
        })
        .unwrap_or(MentionKind::Product);
    let company = top(&g.companies).map(str::to_string);
    let mut id = proposed_id(kind, &name);
    if annotator.catalogue.get(&id).is_some() {
        id.push_str("-new");
    }
    Suggestion {
        id,
        // A product needs an owner: with no company on its lines the row says `?`, which
        // `tfacts check` reports as a note to fill in (not an error after pasting).
        owner: if kind == MentionKind::Product {
            Some(
                company
                    .clone()
                    .unwrap_or_else(|| crate::dictionary::OWNER_WANTED.to_string()),
            )
        } else {
            None
        },
        affiliation: if kind == MentionKind::Person {
            company
        } else {
            None
        },
        name,
        kind,
        count: g.count,
        signals: g.signals,
        lines: g.lines,
    }
}

fn signals_text(s: &Suggestion) -> String {
    s.signals
        .iter()
        .map(|x| x.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// Aligned text: count, type, name, signals, the row to paste, the lines.
pub fn render_table(suggestions: &[Suggestion]) -> String {
    let mut out = String::from("count  type     signals         name | row to paste | lines\n");
    for s in suggestions {
        out.push_str(&format!(
            "{:>5}  {:<7}  {:<14}  {} | {} | {}\n",
            s.count,
            s.kind.as_str(),
            signals_text(s),
            s.name,
            s.csv_row(),
            s.lines.join(" ")
        ));
    }
    out.push_str(&format!(
        "{} names the catalogue lacks\n",
        suggestions.len()
    ));
    out
}

/// CSV: `count,signals,lines,id,type,name,aliases,owner,affiliation`; the last six columns
/// are the catalogue row.
pub fn render_csv(suggestions: &[Suggestion]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "count",
        "signals",
        "lines",
        "id",
        "type",
        "name",
        "aliases",
        "owner",
        "affiliation",
    ])
    .expect("writing to memory");
    for s in suggestions {
        w.write_record([
            s.count.to_string().as_str(),
            &signals_text(s),
            &s.lines.join(" "),
            &s.id,
            s.kind.as_str(),
            &s.name,
            "",
            s.owner.as_deref().unwrap_or(""),
            s.affiliation.as_deref().unwrap_or(""),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("fields are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposed_ids_are_slugs_or_stable_digests() {
        assert_eq!(
            proposed_id(MentionKind::Product, "Vidu 2.0"),
            "product/vidu-2-0"
        );
        let id = proposed_id(MentionKind::Person, "林知远");
        assert!(id.starts_with("person/xin-") && id.len() == "person/xin-".len() + 8);
        assert_eq!(id, proposed_id(MentionKind::Person, "林知远"));
    }
}
