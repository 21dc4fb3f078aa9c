//! `tfacts eval`: score a dataset against a hand-written gold file (`gold-format.md`).
//!
//! Three scores, each precision / recall / F1 over one-to-one matches:
//! - entities: the distinct entities an episode names; a system entity matches a gold one of
//!   the same type when its canonical name or an alias equals one of the gold names
//!   (case-insensitive, spaces and hyphens ignored);
//! - values: number / money / percent / date mentions on the same line with the same type, an
//!   equal value, and the gold currency and qualifier where the gold gives them;
//! - facts: `key` counts predicate, subject and object (and the metric); `strict` also needs the
//!   date, value, qualifier, currency, round and as_of the gold gives. A system fact is on the
//!   gold line when any of its evidence ranges is within 2 lines of it; gold and system facts
//!   are paired by best match (right on every attribute first, then nearest), not first come.
//!
//! Gold items marked `optional` count neither for nor against.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::dictionary::match_key;
use crate::error::{Error, Result};
use crate::model::{Dataset, EpisodeDoc, Fact, MentionKind, Value};

#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub transcript: String,
    #[serde(default)]
    pub reference_date: Option<String>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub values: Vec<GoldValue>,
    #[serde(default)]
    pub facts: Vec<GoldFact>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    #[serde(rename = "type")]
    pub kind: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub lines: Vec<usize>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldValue {
    #[serde(rename = "type")]
    pub kind: String,
    pub line: usize,
    pub text: String,
    pub value: serde_json::Value,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldFact {
    pub predicate: String,
    pub subject: Vec<String>,
    #[serde(default)]
    pub object: Option<Vec<String>>,
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub round: Option<String>,
    pub line: usize,
    #[serde(default)]
    pub optional: bool,
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The scores and every miss and false hit, as lines a person reads.
#[derive(Debug, Clone, Default)]
pub struct EvalReport {
    pub episode: String,
    pub entities: Score,
    pub values: Score,
    pub facts_key: Score,
    pub facts_strict: Score,
    pub misses: Vec<String>,
    pub false_hits: Vec<String>,
    /// Key matches whose attributes differ (they count against the strict score).
    pub mismatches: Vec<String>,
}

impl EvalReport {
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "episode {}", self.episode);
        for (name, sc) in [
            ("entities", self.entities),
            ("values", self.values),
            ("facts (key)", self.facts_key),
            ("facts (strict)", self.facts_strict),
        ] {
            let _ = writeln!(
                s,
                "{name:<15} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
                sc.precision(),
                sc.recall(),
                sc.f1(),
                sc.tp,
                sc.fp,
                sc.fn_
            );
        }
        for (title, items) in [
            ("misses", &self.misses),
            ("false hits", &self.false_hits),
            ("attribute mismatches", &self.mismatches),
        ] {
            let _ = writeln!(s, "{title} ({}):", items.len());
            for i in items {
                let _ = writeln!(s, "  {i}");
            }
        }
        s
    }
}

/// The gold files named on the command line: each path a gold file or a folder whose
/// `*.gold.json` files are taken in name order.
pub fn gold_files(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".gold.json"))
            })
            .collect();
        if found.is_empty() {
            return Err(Error::Other(format!(
                "{}: no *.gold.json files in this folder",
                path.display()
            )));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

pub fn load_gold(path: &Path) -> Result<Gold> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::at_line(path, e.line(), format!("bad gold file: {e}")))
}

pub fn load_dataset(path: &Path) -> Result<Dataset> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::at_line(path, e.line(), format!("bad dataset file: {e}")))
}

/// The episode a gold file is about: by `--episode`, by the transcript's file name (current or
/// original), or the only episode of the dataset.
pub fn find_episode<'a>(
    dataset: &'a Dataset,
    gold: &Gold,
    episode: Option<&str>,
) -> Result<&'a EpisodeDoc> {
    if let Some(id) = episode {
        return dataset
            .episodes
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Error::Other(format!("no episode {id:?} in the dataset")));
    }
    let wanted = gold.transcript.as_str();
    let by_name = dataset.episodes.iter().find(|e| {
        e.source.rsplit('/').next() == Some(wanted) || e.original_file.as_deref() == Some(wanted)
    });
    match by_name {
        Some(e) => Ok(e),
        None if dataset.episodes.len() == 1 => Ok(&dataset.episodes[0]),
        None => Err(Error::Other(format!(
            "no episode of the dataset comes from {wanted:?}; name one with --episode"
        ))),
    }
}

/// The scores of several episodes added up (micro-averaged: counts summed, then the ratios).
pub fn total(reports: &[EvalReport]) -> EvalReport {
    let mut sum = EvalReport {
        episode: format!("total of {} episodes", reports.len()),
        ..Default::default()
    };
    for r in reports {
        for (into, from) in [
            (&mut sum.entities, r.entities),
            (&mut sum.values, r.values),
            (&mut sum.facts_key, r.facts_key),
            (&mut sum.facts_strict, r.facts_strict),
        ] {
            into.tp += from.tp;
            into.fp += from.fp;
            into.fn_ += from.fn_;
        }
    }
    sum
}

/// One line per episode (F1 of each score, entity and value recall) and the total below them:
/// what `tfacts eval` prints for several gold files.
pub fn render_summary(reports: &[EvalReport]) -> String {
    let mut s = String::new();
    let width = reports
        .iter()
        .map(|r| r.episode.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    let _ = writeln!(
        s,
        "{:<width$}  ent P  ent R  val P  val R  key F1  strict F1",
        "episode"
    );
    let row = |s: &mut String, name: &str, r: &EvalReport| {
        let _ = writeln!(
            s,
            "{name:<width$}  {:.3}  {:.3}  {:.3}  {:.3}  {:.3}   {:.3}",
            r.entities.precision(),
            r.entities.recall(),
            r.values.precision(),
            r.values.recall(),
            r.facts_key.f1(),
            r.facts_strict.f1()
        );
    };
    for r in reports {
        row(&mut s, &r.episode, r);
    }
    let sum = total(reports);
    row(&mut s, "TOTAL", &sum);
    let _ = writeln!(s);
    let rendered = sum.render();
    // The total's score lines, without its title and the empty miss lists (those are per episode).
    for line in rendered.lines().skip(1).take(4) {
        let _ = writeln!(s, "{line}");
    }
    s
}

/// Score one episode against its gold.
pub fn evaluate(dataset: &Dataset, episode: &EpisodeDoc, gold: &Gold) -> EvalReport {
    let names = EntityNames::new(dataset);
    let mut report = EvalReport {
        episode: episode.id.clone(),
        ..Default::default()
    };
    score_entities(&names, episode, gold, &mut report);
    score_values(episode, gold, &mut report);
    score_facts(&names, episode, gold, &mut report);
    report
}

/// Match keys of every spelling of each entity of the dataset.
struct EntityNames<'a> {
    keys: BTreeMap<&'a str, BTreeSet<String>>,
}

impl<'a> EntityNames<'a> {
    fn new(dataset: &'a Dataset) -> Self {
        let mut keys = BTreeMap::new();
        for e in &dataset.entities {
            let set: BTreeSet<String> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| gold_key(n))
                .collect();
            keys.insert(e.id.as_str(), set);
        }
        EntityNames { keys }
    }

    /// Does the entity (by id, or by its name when unlinked) carry one of the gold names?
    fn matches(&self, id: Option<&str>, name: &str, gold_names: &[String]) -> bool {
        let gold: BTreeSet<String> = gold_names.iter().map(|n| gold_key(n)).collect();
        if gold.contains(&gold_key(name)) {
            return true;
        }
        id.and_then(|id| self.keys.get(id))
            .is_some_and(|set| set.iter().any(|k| gold.contains(k)))
    }
}

/// The gold comparison: case-insensitive, spaces and hyphens ignored.
fn gold_key(name: &str) -> String {
    match_key(name)
}

fn score_entities(names: &EntityNames, ep: &EpisodeDoc, gold: &Gold, r: &mut EvalReport) {
    // Distinct system entities of the episode, with their first line.
    let mut system: BTreeMap<(String, String), (MentionKind, usize)> = BTreeMap::new();
    for m in ep.mentions.iter().filter(|m| m.kind.is_entity()) {
        let key = (
            m.entity_id.clone().unwrap_or_default(),
            m.name.clone().unwrap_or_else(|| m.text.clone()),
        );
        system.entry(key).or_insert((m.kind, m.line));
    }
    let mut matched_gold = vec![false; gold.entities.len()];
    for ((id, name), (kind, line)) in &system {
        let id = (!id.is_empty()).then_some(id.as_str());
        let hit = gold.entities.iter().enumerate().find(|(i, g)| {
            !matched_gold[*i] && g.kind == kind.as_str() && names.matches(id, name, &g.names)
        });
        match hit {
            Some((i, g)) => {
                matched_gold[i] = true;
                if !g.optional {
                    r.entities.tp += 1;
                }
            }
            None => {
                r.entities.fp += 1;
                r.false_hits
                    .push(format!("entity {} {name} (line {line})", kind.as_str()));
            }
        }
    }
    for (g, hit) in gold.entities.iter().zip(matched_gold) {
        if !hit && !g.optional {
            r.entities.fn_ += 1;
            r.misses.push(format!(
                "entity {} {} (lines {:?})",
                g.kind, g.names[0], g.lines
            ));
        }
    }
}

fn value_equal(gold: &serde_json::Value, system: Option<&Value>) -> bool {
    match (gold, system) {
        (serde_json::Value::String(g), Some(Value::Date(s))) => g == s,
        (serde_json::Value::Number(g), Some(Value::Number(s))) => g
            .as_f64()
            .is_some_and(|g| (g - s).abs() <= 1e-6 * g.abs().max(1.0)),
        _ => false,
    }
}

fn score_values(ep: &EpisodeDoc, gold: &Gold, r: &mut EvalReport) {
    let system: Vec<_> = ep.mentions.iter().filter(|m| !m.kind.is_entity()).collect();
    let mut used = vec![false; system.len()];
    for g in &gold.values {
        let found = system.iter().enumerate().find(|(i, m)| {
            !used[*i]
                && m.line == g.line
                && m.kind.as_str() == g.kind
                && value_equal(&g.value, m.value.as_ref())
                && g.currency
                    .as_ref()
                    .is_none_or(|c| m.currency.as_ref() == Some(c))
                && g.qualifier
                    .as_deref()
                    .is_none_or(|q| m.qualifier.map(|x| x.as_str()) == Some(q))
        });
        match found {
            Some((i, _)) => {
                used[i] = true;
                if !g.optional {
                    r.values.tp += 1;
                }
            }
            None if g.optional => {}
            None => {
                r.values.fn_ += 1;
                r.misses.push(format!(
                    "value {} {:?} = {} (line {})",
                    g.kind, g.text, g.value, g.line
                ));
            }
        }
    }
    for (m, used) in system.iter().zip(used) {
        if !used {
            r.values.fp += 1;
            let v = match &m.value {
                Some(Value::Number(n)) => crate::model::number::format(*n),
                Some(Value::Date(d)) => d.clone(),
                None => "null".into(),
            };
            r.false_hits.push(format!(
                "value {} {:?} = {v} (line {})",
                m.kind.as_str(),
                m.text,
                m.line
            ));
        }
    }
}

fn near_line(f: &Fact, line: usize) -> bool {
    let within = |s: usize, e: usize| line + 2 >= s && line <= e + 2;
    within(f.evidence.line_start, f.evidence.line_end)
        || f.evidence
            .also
            .iter()
            .any(|a| within(a.line_start, a.line_end))
}

fn key_match(names: &EntityNames, f: &Fact, g: &GoldFact) -> bool {
    f.predicate == g.predicate
        && names.matches(f.subject.entity_id.as_deref(), &f.subject.name, &g.subject)
        && match (&g.object, &f.object) {
            (Some(go), Some(so)) => names.matches(so.entity_id.as_deref(), &so.name, go),
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(_), None) => false,
        }
        && g.metric
            .as_ref()
            .is_none_or(|m| f.metric.as_ref() == Some(m))
        && near_line(f, g.line)
}

/// The attributes the gold gives that the system fact gets wrong.
fn strict_diffs(f: &Fact, g: &GoldFact) -> Vec<String> {
    let mut d = Vec::new();
    if f.date != g.date && (g.date.is_some() || g.predicate != "metric") {
        d.push(format!("date {:?} != gold {:?}", f.date, g.date));
    }
    if let Some(v) = g.value
        && f.value
            .is_none_or(|x| (x - v).abs() > 1e-6 * v.abs().max(1.0))
    {
        d.push(format!("value {:?} != gold {v}", f.value));
    }
    if let Some(q) = &g.qualifier
        && f.qualifier.map(|x| x.as_str()) != Some(q.as_str())
    {
        d.push(format!(
            "qualifier {:?} != gold {q}",
            f.qualifier.map(|x| x.as_str())
        ));
    }
    for (name, gv, fv) in [
        ("currency", &g.currency, &f.currency),
        ("round", &g.round, &f.round),
        ("as_of", &g.as_of, &f.as_of),
    ] {
        if gv.is_some() && gv != fv {
            d.push(format!("{name} {fv:?} != gold {gv:?}"));
        }
    }
    d
}

fn describe_gold(g: &GoldFact) -> String {
    let obj = g
        .object
        .as_ref()
        .map(|o| format!(" -> {}", o[0]))
        .unwrap_or_default();
    let metric = g
        .metric
        .as_ref()
        .map(|m| format!(" [{m}]"))
        .unwrap_or_default();
    format!(
        "fact {}({}{obj}){metric} (line {})",
        g.predicate, g.subject[0], g.line
    )
}

fn describe_fact(f: &Fact) -> String {
    let obj = f
        .object
        .as_ref()
        .map(|o| format!(" -> {}", o.name))
        .unwrap_or_default();
    let metric = f
        .metric
        .as_ref()
        .map(|m| format!(" [{m}]"))
        .unwrap_or_default();
    format!(
        "fact {}({}{obj}){metric} (lines {}-{}, rule {})",
        f.predicate, f.subject.name, f.evidence.line_start, f.evidence.line_end, f.rule
    )
}

/// How far a fact's evidence is from a gold line (0 when a range holds it).
fn line_distance(f: &Fact, line: usize) -> usize {
    let dist = |s: usize, e: usize| {
        if line < s {
            s - line
        } else {
            line.saturating_sub(e)
        }
    };
    f.evidence
        .also
        .iter()
        .map(|a| dist(a.line_start, a.line_end))
        .fold(dist(f.evidence.line_start, f.evidence.line_end), usize::min)
}

/// Gold and system facts are paired by best match, not first come: every pair that matches
/// on the key is ranked (required gold before optional, right on every attribute before
/// not, fewer wrong attributes, nearer lines, gold order) and taken greedily, so a round
/// said right is never scored against the round before it.
fn score_facts(names: &EntityNames, ep: &EpisodeDoc, gold: &Gold, r: &mut EvalReport) {
    // (rank, gold index, fact index); the rank is (optional, wrong attributes, line
    // distance, gold index).
    type Rank = (bool, usize, usize, usize);
    let mut pairs: Vec<(Rank, usize, usize)> = Vec::new();
    for (gi, g) in gold.facts.iter().enumerate() {
        for (fi, f) in ep.facts.iter().enumerate() {
            if key_match(names, f, g) {
                let diffs = strict_diffs(f, g).len();
                pairs.push(((g.optional, diffs, line_distance(f, g.line), gi), gi, fi));
            }
        }
    }
    pairs.sort();
    let mut used = vec![false; ep.facts.len()];
    let mut paired: Vec<Option<usize>> = vec![None; gold.facts.len()];
    for (_, gi, fi) in pairs {
        if paired[gi].is_none() && !used[fi] {
            paired[gi] = Some(fi);
            used[fi] = true;
        }
    }
    for (g, best) in gold.facts.iter().zip(paired) {
        match best {
            Some(i) => {
                if g.optional {
                    continue;
                }
                r.facts_key.tp += 1;
                let diffs = strict_diffs(&ep.facts[i], g);
                if diffs.is_empty() {
                    r.facts_strict.tp += 1;
                } else {
                    r.facts_strict.fp += 1;
                    r.facts_strict.fn_ += 1;
                    r.mismatches
                        .push(format!("{}: {}", describe_gold(g), diffs.join("; ")));
                }
            }
            None if g.optional => {}
            None => {
                r.facts_key.fn_ += 1;
                r.facts_strict.fn_ += 1;
                r.misses.push(describe_gold(g));
            }
        }
    }
    for (f, used) in ep.facts.iter().zip(used) {
        if !used {
            r.facts_key.fp += 1;
            r.facts_strict.fp += 1;
            r.false_hits.push(describe_fact(f));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_ratios() {
        let s = Score {
            tp: 8,
            fp: 2,
            fn_: 0,
        };
        assert!((s.precision() - 0.8).abs() < 1e-9);
        assert!((s.recall() - 1.0).abs() < 1e-9);
        assert!((s.f1() - 0.888_888_9).abs() < 1e-6);
        assert_eq!(Score::default().f1(), 1.0);
    }

    /// A fact for the matcher tests: a funding round of the unlinked company 云岫 on `lines`.
    fn round(round: &str, value: f64, lines: (usize, usize)) -> Fact {
        serde_json::from_value(serde_json::json!({
            "id": format!("f-{round}"), "predicate": "funding",
            "subject": {"entity_id": null, "name": "云岫"}, "object": null, "metric": null,
            "value": value, "unit": null, "currency": "CNY", "qualifier": "exact",
            "date": null, "as_of": null, "round": round,
            "evidence": {"line_start": lines.0, "line_end": lines.1, "text": ""},
            "confidence": 0.9, "rule": "funding.verb"
        }))
        .expect("a fact")
    }

    fn gold_round(round: &str, value: f64, line: usize) -> GoldFact {
        serde_json::from_value(serde_json::json!({
            "predicate": "funding", "subject": ["云岫"], "value": value, "round": round,
            "line": line
        }))
        .expect("a gold fact")
    }

    fn score(facts: Vec<Fact>, gold: Vec<GoldFact>) -> EvalReport {
        let dataset = Dataset {
            schema_version: 1,
            entities: Vec::new(),
            episodes: Vec::new(),
            audit: Default::default(),
        };
        let mut ep: EpisodeDoc = serde_json::from_value(serde_json::json!({
            "id": "e", "source": "e", "title": null, "reference_date": null, "lines": 40,
            "mentions": [], "facts": []
        }))
        .expect("an episode");
        ep.facts = facts;
        let gold = Gold {
            transcript: "e.txt".into(),
            reference_date: None,
            entities: Vec::new(),
            values: Vec::new(),
            facts: gold,
        };
        let names = EntityNames::new(&dataset);
        let mut r = EvalReport::default();
        score_facts(&names, &ep, &gold, &mut r);
        r
    }

    #[test]
    fn a_right_round_is_not_scored_against_the_round_before_it() {
        // The A round (line 10) was missed; the B round (lines 11-12) was read right. First
        // come, the A round's gold took the B fact and the B round's gold had none.
        let r = score(
            vec![round("B", 8e8, (11, 12))],
            vec![gold_round("A", 2e8, 10), gold_round("B", 8e8, 12)],
        );
        assert_eq!((r.facts_key.tp, r.facts_key.fn_), (1, 1));
        assert_eq!((r.facts_strict.tp, r.facts_strict.fp), (1, 0));
        assert!(r.misses[0].contains("line 10"), "{:?}", r.misses);
    }

    #[test]
    fn nearer_of_two_equal_candidates_wins_and_both_pair() {
        let r = score(
            vec![round("A", 2e8, (10, 10)), round("A", 2e8, (13, 13))],
            vec![gold_round("A", 2e8, 13), gold_round("A", 2e8, 11)],
        );
        assert_eq!(
            (r.facts_strict.tp, r.facts_strict.fp, r.facts_strict.fn_),
            (2, 0, 0)
        );
    }

    #[test]
    fn gold_names_compare_without_case_space_or_hyphen() {
        assert_eq!(gold_key("Yi - Lightning"), gold_key("yi-lightning"));
        assert_eq!(gold_key("Hugging Face"), gold_key("HuggingFace"));
    }
}
