//! Linking: the entities and values of annotated lines -> [`Fact`] records.
//!
//! - [`triggers`]: the cue words, from `dictionaries/triggers.csv`;
//! - [`clause`]: a line as the rules see it, with the subject of its first clause;
//! - [`discourse`]: the topic carried across lines (pronouns, zero subjects);
//! - [`rules`]: one file per predicate, each a table of rules with their examples;
//! - here: lines in order through the rules, then the same fact stated twice merged into one
//!   that keeps every piece of evidence, confidence and stable ids.

pub mod clause;
pub mod discourse;
pub mod rules;
pub mod triggers;

use rustc_hash::FxHashSet;

use crate::dictionary::Catalogue;
use crate::dictionary::families::Families;
use crate::ids;
use crate::model::{Evidence, EvidenceSpan, Fact};
use crate::recognize::AnnotatedLine;
use clause::LineView;
use discourse::Discourse;
use rules::{Context, Draft, Predicate, RuleId};
pub use triggers::Triggers;

/// What linking an episode gives: its facts. (The names the catalogue lacks are mentions
/// already: recognition finds them, `crate::recognize::unknown`.)
#[derive(Debug, Default)]
pub struct Linked {
    pub facts: Vec<Fact>,
    /// Numbers said without a money word that a fact reads as money (`亏了 3000 多万`): the
    /// line's index, the number's start (chars of the normalized line) and the currency.
    pub money: Vec<(usize, usize, Option<String>)>,
}

/// Links facts; built once, shared across threads.
pub struct Linker {
    triggers: Triggers,
}

impl Linker {
    pub fn new(triggers: Triggers) -> Self {
        Linker { triggers }
    }

    pub fn triggers(&self) -> &Triggers {
        &self.triggers
    }

    /// The facts of one episode, in order of their first evidence line.
    pub fn link(
        &self,
        episode_id: &str,
        lines: &[AnnotatedLine],
        catalogue: &Catalogue,
        families: &Families,
    ) -> Linked {
        // The chars of every line in one buffer: one allocation an episode, not one a line.
        let mut chars: Vec<char> =
            Vec::with_capacity(lines.iter().map(|l| l.norm.text.len()).sum());
        let mut ends: Vec<usize> = Vec::with_capacity(lines.len());
        for l in lines {
            chars.extend(l.norm.text.chars());
            ends.push(chars.len());
        }
        let line_chars: Vec<&[char]> = ends
            .iter()
            .scan(0, |start, &end| {
                Some(&chars[std::mem::replace(start, end)..end])
            })
            .collect();
        let views: Vec<LineView> = lines
            .iter()
            .zip(&line_chars)
            .enumerate()
            .map(|(i, (l, chars))| LineView::new(i, l, chars, catalogue, families, &self.triggers))
            .collect();
        let mut discourse = Discourse::default();
        discourse.ordered = rules::metric::ordered_figures(&views);
        let mut drafts: Vec<Draft> = Vec::new();
        for (i, view) in views.iter().enumerate() {
            let cx = Context {
                catalogue,
                view,
                previous: i.checked_sub(1).map(|p| &views[p]),
                next: views.get(i + 1),
                lines: &views,
                discourse: &discourse,
            };
            let before = drafts.len();
            for rule in rules::all() {
                (rule.apply)(&cx, &mut drafts);
            }
            rules::remember_founding(&mut discourse, &drafts[before..]);
            rules::funding::remember(&mut discourse, view, &drafts[before..]);
            // The metric this line gave figures of, for a series going on in the next line.
            if let Some(d) = drafts[before..]
                .iter()
                .rfind(|d| d.predicate == Predicate::Metric && d.last_line == view.index)
            {
                discourse.metric_series = d.metric.clone().map(|metric| discourse::MetricSeries {
                    metric,
                    loss: d.value.is_some_and(|v| v < 0.0),
                    line: view.index,
                });
            }
            for d in &drafts[before..] {
                if d.predicate == Predicate::Released
                    && let Some(product) = &d.object
                {
                    discourse.note_release(product, view.index);
                }
            }
            let mut subjects = discourse.line_subjects(view);
            // 成立了新的 Google DeepMind: a company founded here is what follows is about.
            if subjects.is_empty()
                && let Some(d) = drafts[before..]
                    .iter()
                    .find(|d| d.predicate == Predicate::Founded && d.rule == RuleId::FoundedObject)
            {
                subjects.push(d.subject);
            }
            discourse.update(view, subjects);
        }
        let mut money: Vec<(usize, usize, Option<String>)> = drafts
            .iter()
            .filter_map(|d| d.money_at.map(|(l, s)| (l, s, d.currency.clone())))
            .collect();
        money.dedup();
        Linked {
            facts: finish(episode_id, lines, drafts),
            money,
        }
    }
}

/// Key of "the same fact": predicate, subject, object, metric and the amount.
fn same_key(a: &Draft, b: &Draft) -> bool {
    // Borrowed: this runs for every pair of drafts with the same predicate and subject.
    fn obj<'a>(d: &Draft<'a>) -> Option<&'a str> {
        d.object.as_ref().map(|o| o.id_or_name())
    }
    a.predicate == b.predicate
        && a.subject.id_or_name() == b.subject.id_or_name()
        && obj(a) == obj(b)
        && a.metric == b.metric
        && a.value == b.value
        && a.value_max == b.value_max
}

/// Attributes that do not contradict each other (one may be missing).
fn compatible(a: &Option<String>, b: &Option<String>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn fill(into: &mut Option<String>, from: &Option<String>) {
    if into.is_none() {
        into.clone_from(from);
    }
}

/// A merged draft, the other evidence ranges (first, last line index) and its best confidence.
type Merged<'a> = (Draft<'a>, Vec<(usize, usize)>, f64);

/// Merge drafts stating the same fact, then build facts with evidence, confidence and ids.
fn finish(episode_id: &str, lines: &[AnnotatedLine], drafts: Vec<Draft>) -> Vec<Fact> {
    let mut merged: Vec<Merged> = Vec::with_capacity(drafts.len());
    for d in drafts {
        let conf = confidence(&d);
        let existing = merged.iter_mut().find(|(m, _, _)| {
            same_key(m, &d)
                && compatible(&m.date, &d.date)
                && compatible(&m.as_of, &d.as_of)
                && compatible(&m.round, &d.round)
                && compatible(&m.currency, &d.currency)
                // A plan or a round in talks is not the round achieved.
                && m.forecast == d.forecast
        });
        match existing {
            Some((m, also, best)) => {
                // The statement that gives the date is the one a reviewer should read first.
                let d = if m.date.is_none() && d.date.is_some() {
                    let mut d = d;
                    std::mem::swap(m, &mut d);
                    fill(&mut m.as_of, &d.as_of);
                    d
                } else {
                    d
                };
                fill(&mut m.date, &d.date);
                fill(&mut m.as_of, &d.as_of);
                fill(&mut m.round, &d.round);
                fill(&mut m.currency, &d.currency);
                fill(&mut m.unit, &d.unit);
                m.qualifier = m.qualifier.or(d.qualifier);
                m.forecast |= d.forecast;
                let range = (d.first_line, d.last_line);
                if range != (m.first_line, m.last_line) && !also.contains(&range) {
                    also.push(range);
                }
                *best = best.max(conf);
            }
            None => merged.push((d, Vec::new(), conf)),
        }
    }
    // Fx: one look-up a fact, and the ids are our own digests.
    let mut used_ids: FxHashSet<String> = FxHashSet::default();
    used_ids.reserve(merged.len());
    merged
        .into_iter()
        .map(|(d, also, conf)| {
            let id = fact_id(episode_id, &d, &mut used_ids, lines);
            let evidence = evidence(lines, d.first_line, d.last_line, &also);
            Fact {
                id,
                predicate: d.predicate.as_str().to_string(),
                subject: d.subject.entity_ref(),
                object: d.object.as_ref().map(discourse::Referent::entity_ref),
                metric: d.metric.clone(),
                value: d.value,
                value_max: d.value_max,
                unit: d.unit.clone(),
                currency: d.currency.clone(),
                qualifier: d.qualifier,
                date: d.date.clone(),
                as_of: d.as_of.clone(),
                round: d.round.clone(),
                forecast: d.forecast,
                evidence,
                confidence: conf,
                rule: d.rule.as_str().to_string(),
                audit: Default::default(),
            }
        })
        .collect()
}

/// Confidence falls with the lines the evidence spans and with each resolution step.
fn confidence(d: &Draft) -> f64 {
    let span = (d.last_line - d.first_line) as f64;
    let hedge = if d.hedged { 0.2 } else { 0.0 };
    let c = 0.95 - 0.05 * span - 0.1 * f64::from(d.steps()) - hedge;
    (c.clamp(0.2, 0.95) * 100.0).round() / 100.0
}

/// A digest of what the fact says, never of where: lines added elsewhere keep the id. Two
/// facts that say the same but differ in date get the date (and then the text) mixed in.
fn fact_id(
    episode: &str,
    d: &Draft,
    used: &mut FxHashSet<String>,
    lines: &[AnnotatedLine],
) -> String {
    let object = d.object.as_ref().map_or("", |o| o.id_or_name());
    let value = rules::value_key(d.value);
    let base = [
        episode,
        d.predicate.as_str(),
        d.subject.id_or_name(),
        object,
        d.metric.as_deref().unwrap_or(""),
        &value,
        d.as_of.as_deref().unwrap_or(""),
    ];
    let mut id = ids::digest(&base);
    if used.contains(&id) {
        id = ids::digest(&[&id, d.date.as_deref().unwrap_or("")]);
    }
    if used.contains(&id) {
        id = ids::digest(&[&id, &lines[d.last_line].line.text]);
    }
    used.insert(id.clone());
    id
}

fn span(lines: &[AnnotatedLine], first: usize, last: usize) -> EvidenceSpan {
    let slice = &lines[first..=last];
    EvidenceSpan {
        line_start: slice[0].line.number,
        line_end: slice[slice.len() - 1].line.number,
        text: slice
            .iter()
            .map(|l| l.line.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        start_ms: slice.iter().find_map(|l| l.line.start_ms),
        end_ms: slice.iter().rev().find_map(|l| l.line.end_ms),
    }
}

fn evidence(
    lines: &[AnnotatedLine],
    first: usize,
    last: usize,
    also: &[(usize, usize)],
) -> Evidence {
    let main = span(lines, first, last);
    Evidence {
        line_start: main.line_start,
        line_end: main.line_end,
        text: main.text,
        start_ms: main.start_ms,
        end_ms: main.end_ms,
        also: also.iter().map(|&(f, l)| span(lines, f, l)).collect(),
    }
}
