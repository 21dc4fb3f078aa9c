//! Recognition: entity names and values found in each line, as [`Mention`]s.
//!
//! Entity names win over values where they overlap (`GPT-3` is a product, not the number 3).

pub mod entities;
pub mod unknown;
pub mod values;

use rustc_hash::FxHashMap;

use crate::dictionary::Catalogue;
use crate::ids;
use crate::model::{Mention, SourceLine, Value};
use crate::normalize::{NormalizedLine, char_slice};
use crate::segment::Segmenter;
use entities::{EntityMatch, EntityMatcher, MatchScratch, Target};
use unknown::{Candidate, CandidateFinder, EpisodeNames, LineInput};
use values::{DateContext, ValueMatch, ValueRecognizer};

/// How many lines without a date a stated year carries over to a bare month or day.
pub const YEAR_CARRY_LINES: usize = 1;

/// How many lines without a date a timeline's year reaches a later month
/// (`DateContext::timeline`).
pub const TIMELINE_LINES: usize = 6;

/// Words that bring the talk back to the present, ending a timeline.
const PRESENT_WORDS: &[&str] = &["现在", "如今", "目前", "眼下", "而今", "最近"];

/// [`PRESENT_WORDS`] as one automaton: asked of every line without a date (six substring
/// searches a line were a percent of the run).
static PRESENT: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(PRESENT_WORDS).expect("the present words build an automaton")
});

/// The number mention starting at `start` (chars of the normalized line) is money: a fact
/// read it as an amount (`亏了 3000 多万`; the recognizer leaves a number without a money word
/// a number). Its id follows its new kind.
pub fn read_as_money(
    episode_id: &str,
    line: &mut AnnotatedLine,
    start: usize,
    currency: Option<String>,
) {
    let Some(k) = line.norm_spans.iter().position(|s| s.0 == start) else {
        return;
    };
    let m = &mut line.mentions[k];
    if m.kind != crate::model::MentionKind::Number || m.unit.is_some() {
        return;
    }
    m.kind = crate::model::MentionKind::Money;
    m.currency = currency;
    m.id = mention_id(
        episode_id,
        &line.line.text,
        line.occurrence,
        m.kind.as_str(),
        m.start,
    );
}

/// A line with its normalized view and what was recognized in it.
#[derive(Debug, Clone)]
pub struct AnnotatedLine {
    pub line: SourceLine,
    pub norm: NormalizedLine,
    /// Mentions in order of their start; offsets are into the original line.
    pub mentions: Vec<Mention>,
    /// For each mention, its span in the normalized line.
    pub norm_spans: Vec<(usize, usize)>,
    /// Ends (chars of the normalized line) of jieba's words, ascending.
    pub word_ends: Vec<usize>,
    /// How many lines up to this one (this one included) have the same text: part of the
    /// mention ids, so they do not depend on line numbers.
    pub occurrence: usize,
}

/// The id of a mention: what line text (and which occurrence of it), what kind, where.
pub fn mention_id(
    episode_id: &str,
    line_text: &str,
    occurrence: usize,
    kind: &str,
    start: usize,
) -> String {
    ids::digest(&[
        episode_id,
        line_text,
        Decimal::new(occurrence).as_str(),
        kind,
        Decimal::new(start).as_str(),
    ])
}

/// A number's decimal digits, formatted on the stack: ids hash an offset and an occurrence
/// for every mention, and `to_string` allocated a `String` for each.
struct Decimal {
    buf: [u8; 20],
    start: usize,
}

impl Decimal {
    fn new(mut n: usize) -> Self {
        let mut buf = [0u8; 20];
        let mut start = buf.len();
        loop {
            start -= 1;
            buf[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Decimal { buf, start }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).expect("ASCII digits")
    }
}

/// Per-thread buffers reused across lines.
#[derive(Default)]
pub struct RecognizeScratch {
    /// The chars of the normalized line.
    chars: Vec<char>,
    entity_scratch: MatchScratch,
    entity_matches: Vec<EntityMatch>,
    value_matches: Vec<ValueMatch>,
    blocked: Vec<(usize, usize)>,
    candidates: Vec<Candidate>,
    /// The names the catalogue lacks met so far in the episode.
    episode_names: EpisodeNames,
    /// The catalogue names of the line, with their kinds.
    named: Vec<(usize, usize, crate::model::MentionKind)>,
    /// The line before ended with a title: the names opening this one are people.
    after_title: bool,
    /// The line before ended with an organisation noun: a naming cue opening this one names
    /// that organisation.
    after_org_noun: bool,
    /// Lines since the last one that ended with an organisation noun (0: none in reach). The
    /// host may put one line between the noun and the name (`一家做刻蚀机的公司 / 前两天刚上市
    /// / 名字叫X`): the noun still holds over a line that named nothing.
    since_org_noun: u8,
    /// The line before ended with a founder title: its founders open this one.
    title_ended: bool,
}

/// Everything recognition needs, built once and shared.
pub struct Recognizer<'a> {
    pub catalogue: &'a Catalogue,
    pub segmenter: &'a Segmenter,
    pub entities: &'a EntityMatcher,
    pub values: &'a ValueRecognizer,
    /// Finds the names the catalogue lacks; `None`: catalogue names only.
    pub unknown: Option<&'a CandidateFinder>,
}

impl Recognizer<'_> {
    /// Recognize every line of one episode, in order (values need the lines before them).
    pub fn annotate_lines(
        &self,
        episode_id: &str,
        lines: &[SourceLine],
        ctx: &mut DateContext,
    ) -> Vec<AnnotatedLine> {
        let mut scratch = RecognizeScratch::default();
        // Identical line texts are told apart by their occurrence, not their line number,
        // so ids survive lines added elsewhere. (Fx: the keys are our own lines, and SipHash
        // over every line's text showed up in profiles.)
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        seen.reserve(lines.len());
        let mut lines_since_date = 0;
        let mut back_to_present = false;
        lines
            .iter()
            .map(|line| {
                // A month without a year takes the year just stated, not one from a story
                // told several lines earlier (2021年成立 ... 2月24号发布 is this year's).
                if lines_since_date > YEAR_CARRY_LINES {
                    if ctx.last_year.is_some() || ctx.last_month.is_some() {
                        ctx.timeline = if back_to_present {
                            None
                        } else {
                            ctx.last_month
                        };
                    }
                    ctx.last_year = None;
                    ctx.last_month = None;
                }
                // A quarter is talked about for a few lines (这个季度的营收, 比上个季度).
                if lines_since_date > TIMELINE_LINES {
                    ctx.last_quarter = None;
                }
                if lines_since_date > TIMELINE_LINES {
                    ctx.timeline = None;
                }
                let occurrence = seen.entry(line.text.as_str()).or_insert(0);
                *occurrence += 1;
                let annotated =
                    self.annotate_line(episode_id, line, *occurrence, ctx, &mut scratch);
                let dated = annotated
                    .mentions
                    .iter()
                    .any(|m| m.kind == crate::model::MentionKind::Date && m.value.is_some());
                lines_since_date = if dated { 0 } else { lines_since_date + 1 };
                // Talk back in the present ends a timeline (`从 2021 年 9 月以后 … 而现在 … /
                // 12 月 16 号` is this year's December).
                if dated {
                    back_to_present = false;
                } else if PRESENT.is_match(&annotated.norm.text) {
                    back_to_present = true;
                    ctx.timeline = None;
                }
                annotated
            })
            .collect()
    }

    fn annotate_line(
        &self,
        episode_id: &str,
        line: &SourceLine,
        occurrence: usize,
        ctx: &mut DateContext,
        s: &mut RecognizeScratch,
    ) -> AnnotatedLine {
        let norm = NormalizedLine::with_chars(&line.text, &mut s.chars);
        // Straight into the line's own vector (sized by jieba's word count): a scratch
        // vector would have to be copied into it.
        let mut word_ends = Vec::new();
        self.segmenter.word_ends(&norm.text, &mut word_ends);
        // Both searches read the chars the normalization decoded.
        self.entities.find_in_chars(
            &norm.text,
            &s.chars,
            &word_ends,
            &mut s.entity_scratch,
            &mut s.entity_matches,
        );
        // 哈啰大家好: a greeting, not the company the catalogue knows as 哈啰.
        if let Some(finder) = self.unknown {
            s.entity_matches
                .retain(|m| !finder.is_greeting(&s.chars, m.start, m.end));
        }
        s.blocked.clear();
        s.blocked
            .extend(s.entity_matches.iter().map(|m| (m.start, m.end)));
        s.value_matches.clear();
        self.values
            .find_in_chars(&norm.text, &s.chars, ctx, &s.blocked, &mut s.value_matches);

        let count = s.entity_matches.len() + s.value_matches.len();
        let mut mentions = Vec::with_capacity(count);
        let mut norm_spans = Vec::with_capacity(count);
        // Every id of the line starts with the same parts: hash them once.
        // (Lazily: most lines have no mention.)
        let prefix = std::cell::OnceCell::new();
        let make_id = |kind: &str, start: usize| {
            prefix
                .get_or_init(|| {
                    ids::Prefix::new(&[episode_id, &line.text, Decimal::new(occurrence).as_str()])
                })
                .digest(&[kind, Decimal::new(start).as_str()])
        };
        for m in &s.entity_matches {
            let (kind, entity_id, name) = match m.target {
                Target::Entity(i) => {
                    let entity = &self.catalogue.entities()[i];
                    (entity.kind, entity.id.clone(), entity.name.clone())
                }
                // A version the catalogue does not list: its full name, as written (folded).
                Target::Family(f) => {
                    let name = char_slice(&norm.text, m.start, m.end);
                    let member = self.entities.families().member(f, &name);
                    (member.kind, member.id, member.name)
                }
            };
            let (start, end) = norm.original_span(m.start, m.end);
            norm_spans.push((m.start, m.end));
            mentions.push(Mention {
                id: make_id(kind.as_str(), start),
                kind,
                line: line.number,
                start,
                end,
                text: char_slice(&line.text, start, end),
                entity_id: Some(entity_id),
                name: Some(name),
                value: None,
                value_max: None,
                unit: None,
                currency: None,
                qualifier: None,
                start_ms: line.start_ms,
                end_ms: line.end_ms,
            });
        }
        for v in &s.value_matches {
            let (start, end) = norm.original_span(v.start, v.end);
            norm_spans.push((v.start, v.end));
            mentions.push(Mention {
                id: make_id(v.kind.as_str(), start),
                kind: v.kind,
                line: line.number,
                start,
                end,
                text: char_slice(&line.text, start, end),
                entity_id: None,
                name: None,
                // An unresolved date (去年 without a reference date) keeps its text,
                // value null.
                value: (!v.unresolved).then(|| match &v.value {
                    Value::Number(n) => Value::Number(*n),
                    Value::Date(d) => Value::Date(d.clone()),
                }),
                value_max: v.value_max,
                unit: v.unit.clone(),
                currency: v.currency.clone(),
                qualifier: Some(v.qualifier),
                start_ms: line.start_ms,
                end_ms: line.end_ms,
            });
        }
        if let Some(finder) = self.unknown {
            self.add_unknown_names(finder, &norm, &word_ends, s, &mut norm_spans, &mut mentions);
            for m in mentions.iter_mut().filter(|m| m.id.is_empty()) {
                m.id = make_id(m.kind.as_str(), m.start);
                m.line = line.number;
                m.text = char_slice(&line.text, m.start, m.end);
                m.start_ms = line.start_ms;
                m.end_ms = line.end_ms;
            }
        }
        let order = |m: &Mention| (m.start, m.end, m.kind);
        // Names and values each come in order; pair and sort them only when the values
        // interleave with the names (a stable sort of what is sorted changes nothing).
        if !mentions.is_sorted_by_key(order) {
            let mut pairs: Vec<((usize, usize), Mention)> =
                norm_spans.into_iter().zip(mentions).collect();
            pairs.sort_by_key(|(_, m)| order(m));
            (norm_spans, mentions) = pairs.into_iter().unzip();
        }
        AnnotatedLine {
            line: line.clone(),
            norm,
            mentions,
            norm_spans,
            word_ends,
            occurrence,
        }
    }
}

impl Recognizer<'_> {
    /// The names the catalogue lacks in one line, as mentions without an entity id (ids
    /// left empty for the caller). A registered name that encloses catalogue names replaces
    /// their mentions.
    fn add_unknown_names(
        &self,
        finder: &CandidateFinder,
        norm: &NormalizedLine,
        word_ends: &[usize],
        s: &mut RecognizeScratch,
        norm_spans: &mut Vec<(usize, usize)>,
        mentions: &mut Vec<Mention>,
    ) {
        let RecognizeScratch {
            chars,
            candidates,
            episode_names,
            named,
            after_title,
            after_org_noun,
            title_ended,
            since_org_noun,
            ..
        } = s;
        named.clear();
        named.extend(
            norm_spans
                .iter()
                .zip(mentions.iter())
                .filter(|(_, m)| m.kind.is_entity())
                .map(|(&(a, b), m)| (a, b, m.kind)),
        );
        let jieba = self.segmenter.jieba();
        let common = |w: &str| {
            crate::dictionary::check::jieba_frequency(jieba, w)
                >= crate::dictionary::check::COMMON_WORD_FREQ
        };
        finder.find_chars_after(
            &LineInput {
                text: &norm.text,
                word_ends,
                tags: None,
                taken: norm_spans,
                common: Some(&common),
                named: named.as_slice(),
                after_title: *after_title,
                after_org_noun: *after_org_noun,
            },
            chars,
            *title_ended,
            candidates,
        );
        *after_title = finder.ends_with_title(&norm.text);
        if finder.ends_with_org_noun(&norm.text) {
            *since_org_noun = 1;
        } else if *since_org_noun == 1 && candidates.is_empty() {
            *since_org_noun = 2;
        } else {
            *since_org_noun = 0;
        }
        *after_org_noun = *since_org_noun > 0;
        *title_ended = finder.ends_with_founder_title(&norm.text);
        candidates.retain(|c| !unknown::is_common_word(jieba, c));
        episode_names.line(
            finder, &common, &norm.text, chars, word_ends, norm_spans, candidates,
        );
        if candidates.is_empty() {
            return;
        }
        for c in candidates.iter().filter(|c| c.encloses) {
            let mut k = 0;
            while k < norm_spans.len() {
                let (a, b) = norm_spans[k];
                if c.start <= a && b <= c.end && mentions[k].kind.is_entity() {
                    norm_spans.remove(k);
                    mentions.remove(k);
                } else {
                    k += 1;
                }
            }
        }
        for c in candidates.iter() {
            let (start, end) = norm.original_span(c.start, c.end);
            norm_spans.push((c.start, c.end));
            let mut m = unknown_mention(c, start, end);
            // A registered name of a catalogue company is that company.
            if c.encloses
                && finder.is_registered(&c.name)
                && let Some(e) = finder
                    .registered_cores(&c.name)
                    .into_iter()
                    .find_map(|core| self.catalogue.lookup(core))
                    .filter(|e| e.kind == crate::model::MentionKind::Company)
            {
                m.entity_id = Some(e.id.clone());
                m.name = Some(e.name.clone());
            }
            mentions.push(m);
        }
    }
}

/// A name the catalogue lacks as a mention (its line, text, times and id filled in by the
/// caller).
fn unknown_mention(c: &Candidate, start: usize, end: usize) -> Mention {
    Mention {
        id: String::new(),
        kind: c.kind,
        line: 0,
        start,
        end,
        text: String::new(),
        entity_id: None,
        name: Some(c.name.clone()),
        value: None,
        value_max: None,
        unit: None,
        currency: None,
        qualifier: None,
        start_ms: None,
        end_ms: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_formats_as_to_string() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(Decimal::new(n).as_str(), n.to_string());
        }
    }
}
