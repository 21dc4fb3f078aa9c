//! Facts of the archive that contradict each other.
//!
//! The comparisons are a small table, `dictionaries/conflicts/rules.csv` (compiled in, like
//! the value words): per predicate, the fields two facts must share to be compared and how
//! their claims are compared (`date`, `sole_founder`, `amount`). How far a qualified amount
//! reaches is `dictionaries/conflicts/qualifiers.csv`; the words that make a founder the only
//! one are `dictionaries/conflicts/sole_founder_cues.txt`.
//!
//! A conflict is open while neither fact has a `rejected` or `corrected` verdict: a reviewer
//! who decides which side is wrong (or corrects it) closes it. Facts compare as they stand in
//! the dataset, that is with corrections applied.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::audit::Status;
use crate::model::time_code;
use crate::model::{EpisodeDoc, Fact, Qualifier, number};
use crate::output::csv_rows::{Text, append_rows, header};

/// One fact, reduced to what comparing, listing and charting it need (a run keeps one of
/// these per comparable fact of the whole archive, so it holds no more than that).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub episode: String,
    /// The episode's reference date (published), when known.
    pub episode_date: Option<String>,
    pub id: String,
    pub predicate: String,
    pub subject_id: Option<String>,
    pub subject_name: String,
    pub object_id: Option<String>,
    pub object_name: Option<String>,
    pub metric: Option<String>,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub date: Option<String>,
    pub as_of: Option<String>,
    pub round: Option<String>,
    pub forecast: bool,
    pub line: usize,
    pub start_ms: Option<u64>,
    /// The evidence lines (the first statement of the fact).
    pub evidence: String,
    pub status: Status,
}

impl Claim {
    pub fn of(ep: &EpisodeDoc, f: &Fact) -> Claim {
        Claim {
            episode: ep.id.clone(),
            episode_date: ep.reference_date.clone(),
            id: f.id.clone(),
            predicate: f.predicate.clone(),
            subject_id: f.subject.entity_id.clone(),
            subject_name: f.subject.name.clone(),
            object_id: f.object.as_ref().and_then(|o| o.entity_id.clone()),
            object_name: f.object.as_ref().map(|o| o.name.clone()),
            metric: f.metric.clone(),
            value: f.value,
            value_max: f.value_max,
            unit: f.unit.clone(),
            currency: f.currency.clone(),
            qualifier: f.qualifier,
            date: f.date.clone(),
            as_of: f.as_of.clone(),
            round: f.round.clone(),
            forecast: f.forecast,
            line: f.evidence.line_start,
            start_ms: f.evidence.start_ms,
            evidence: f.evidence.text.clone(),
            status: f.audit.status,
        }
    }

    /// A field by its name in `rules.csv` (`forecast` as `yes`/`no`).
    fn field(&self, name: Field) -> Option<String> {
        match name {
            Field::Subject => self.subject_id.clone(),
            Field::Object => self.object_id.clone(),
            Field::Metric => self.metric.clone(),
            Field::Unit => self.unit.clone(),
            Field::Currency => self.currency.clone(),
            Field::AsOf => self.as_of.clone(),
            Field::Round => self.round.clone(),
            Field::Date => self.date.clone(),
            Field::Forecast => Some(if self.forecast { "yes" } else { "no" }.into()),
        }
    }

    /// The amount as said: `over 36000000`, `20..30` for a range.
    pub fn amount_text(&self) -> String {
        let Some(v) = self.value else {
            return "(no value)".into();
        };
        let mut s = String::new();
        if let Some(q) = self.qualifier.filter(|q| *q != Qualifier::Exact) {
            s.push_str(q.as_str());
            s.push(' ');
        }
        s.push_str(&number::format(v));
        if let Some(m) = self.value_max {
            s.push_str("..");
            s.push_str(&number::format(m));
        }
        if let Some(c) = &self.currency {
            s.push(' ');
            s.push_str(c);
        }
        if let Some(u) = &self.unit {
            s.push(' ');
            s.push_str(u);
        }
        s
    }

    /// What the fact says, briefly (for a conflict row).
    pub fn summary(&self) -> String {
        match self.predicate.as_str() {
            "founded" => format!("founded {}", self.date.as_deref().unwrap_or("?")),
            "founder" => format!("founder {}", self.subject_name),
            _ => self.amount_text(),
        }
    }

    /// When the fact is about: its `as_of`, else its `date`, else the episode's date.
    pub fn when(&self) -> Option<&str> {
        self.as_of
            .as_deref()
            .or(self.date.as_deref())
            .or(self.episode_date.as_deref())
    }
}

/// A field two facts must share (`rules.csv`, column `same`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Subject,
    Object,
    Metric,
    Unit,
    Currency,
    AsOf,
    Round,
    Date,
    Forecast,
}

impl Field {
    fn parse(s: &str) -> Option<Field> {
        Some(match s {
            "subject" => Field::Subject,
            "object" => Field::Object,
            "metric" => Field::Metric,
            "unit" => Field::Unit,
            "currency" => Field::Currency,
            "as_of" => Field::AsOf,
            "round" => Field::Round,
            "date" => Field::Date,
            "forecast" => Field::Forecast,
            _ => return None,
        })
    }
}

/// How two facts' claims are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compare {
    Date,
    SoleFounder,
    Amount,
}

#[derive(Debug, Clone)]
struct Rule {
    predicate: String,
    /// Fields both facts must hold equal; `true`: may be unset on both (`unit?`).
    same: Vec<(Field, bool)>,
    compare: Compare,
}

/// The comparison table and its tunables.
#[derive(Debug, Clone)]
pub struct Rules {
    rules: Vec<Rule>,
    /// (below, above) as fractions of the value, per qualifier (`None`: exact).
    reach: BTreeMap<Option<Qualifier>, (f64, f64)>,
    sole_cues: Vec<String>,
}

const RULES_CSV: &str = include_str!("../../dictionaries/conflicts/rules.csv");
const QUALIFIERS_CSV: &str = include_str!("../../dictionaries/conflicts/qualifiers.csv");
const SOLE_CUES: &str = include_str!("../../dictionaries/conflicts/sole_founder_cues.txt");

/// The compiled-in tables (checked by a test, so a bad edit fails the build's tests).
pub fn rules() -> &'static Rules {
    static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(|| {
        Rules::parse(RULES_CSV, QUALIFIERS_CSV, SOLE_CUES)
            .unwrap_or_else(|e| panic!("dictionaries/conflicts: {e}"))
    });
    &RULES
}

fn qualifier(s: &str) -> Option<Option<Qualifier>> {
    Some(Some(match s {
        "exact" => Qualifier::Exact,
        "about" => Qualifier::About,
        "near" => Qualifier::Near,
        "over" => Qualifier::Over,
        "under" => Qualifier::Under,
        "several" => Qualifier::Several,
        "range" => Qualifier::Range,
        _ => return None,
    }))
}

/// Data lines of a small table: `#` comments and blank lines dropped, the header skipped.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(i, l)| (i + 1, l.split(',').map(str::trim).collect()))
}

impl Rules {
    /// Parse the three tables; an error names the file and line.
    pub fn parse(rules: &str, qualifiers: &str, sole: &str) -> Result<Rules, String> {
        let mut out = Vec::new();
        for (line, cells) in rows(rules) {
            let at = |m: String| format!("rules.csv:{line}: {m}");
            let [predicate, same, compare, ..] = cells[..] else {
                return Err(at("expected predicate,same,compare,example".into()));
            };
            let same = same
                .split('|')
                .map(|f| {
                    let (name, optional) = match f.strip_suffix('?') {
                        Some(name) => (name, true),
                        None => (f, false),
                    };
                    Field::parse(name)
                        .map(|field| (field, optional))
                        .ok_or_else(|| at(format!("unknown field {f:?}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let compare = match compare {
                "date" => Compare::Date,
                "sole_founder" => Compare::SoleFounder,
                "amount" => Compare::Amount,
                other => return Err(at(format!("unknown comparison {other:?}"))),
            };
            out.push(Rule {
                predicate: predicate.to_string(),
                same,
                compare,
            });
        }
        let mut reach = BTreeMap::new();
        for (line, cells) in rows(qualifiers) {
            let at = |m: String| format!("qualifiers.csv:{line}: {m}");
            let [q, below, above, ..] = cells[..] else {
                return Err(at("expected qualifier,below,above,example".into()));
            };
            let q = qualifier(q).ok_or_else(|| at(format!("unknown qualifier {q:?}")))?;
            let frac = |s: &str| -> Result<f64, String> {
                match s {
                    "inf" => Ok(f64::INFINITY),
                    _ => s
                        .parse::<f64>()
                        .ok()
                        .filter(|f| (0.0..1.0).contains(f))
                        .ok_or_else(|| at(format!("{s:?} is not a fraction in 0..1 or inf"))),
                }
            };
            reach.insert(q, (frac(below)?, frac(above)?));
        }
        let exact = *reach
            .get(&Some(Qualifier::Exact))
            .ok_or("qualifiers.csv: no row for exact")?;
        reach.insert(None, exact);
        let sole_cues = sole
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(crate::dictionary::match_key)
            .collect();
        Ok(Rules {
            rules: out,
            reach,
            sole_cues,
        })
    }

    /// Whether facts of this predicate are compared at all.
    pub fn compares(&self, predicate: &str) -> bool {
        self.rules.iter().any(|r| r.predicate == predicate)
    }

    fn rule(&self, predicate: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.predicate == predicate)
    }

    /// The key two facts must share to be compared (`None`: a field is missing, the fact is
    /// not compared).
    fn key(&self, c: &Claim) -> Option<String> {
        let rule = self.rule(&c.predicate)?;
        let mut key = c.predicate.clone();
        for &(f, optional) in &rule.same {
            key.push('\u{1f}');
            match c.field(f) {
                Some(v) => key.push_str(&v),
                None if optional => key.push('\u{0}'),
                None => return None,
            }
        }
        Some(key)
    }

    /// What differs between two facts when they contradict each other, else `None`.
    pub fn compare(&self, a: &Claim, b: &Claim) -> Option<String> {
        if a.predicate != b.predicate || a.id == b.id {
            return None;
        }
        let rule = self.rule(&a.predicate)?;
        if self.key(a)? != self.key(b)? {
            return None;
        }
        if !self.axis(rule, a)?.contradicts(&self.axis(rule, b)?) {
            return None;
        }
        Some(match rule.compare {
            Compare::Date => format!("date: {} vs {}", a.date.as_deref()?, b.date.as_deref()?),
            Compare::SoleFounder => format!(
                "founder: {} vs {} (said to be the only founder)",
                a.subject_name, b.subject_name
            ),
            Compare::Amount => format!(
                "{}: {} vs {}",
                a.metric.as_deref().unwrap_or("amount"),
                a.amount_text(),
                b.amount_text()
            ),
        })
    }

    /// Where a fact's claim lies for its rule's comparison (`None`: it cannot be compared).
    fn axis<'c>(&self, rule: &Rule, c: &'c Claim) -> Option<Axis<'c>> {
        Some(match rule.compare {
            Compare::Date => {
                let (first, last) = date_span(c.date.as_deref()?)?;
                Axis::Span(first as f64, last as f64)
            }
            Compare::Amount => {
                let (lo, hi) = self.reach(c)?;
                Axis::Span(lo, hi)
            }
            Compare::SoleFounder => Axis::Founder {
                person: c.subject_id.as_deref()?,
                sole: self.is_sole(c),
            },
        })
    }

    fn is_sole(&self, c: &Claim) -> bool {
        let text = crate::dictionary::match_key(&c.evidence);
        self.sole_cues.iter().any(|cue| text.contains(cue.as_str()))
    }

    /// The values a stated amount covers, widened by its qualifier.
    fn reach(&self, c: &Claim) -> Option<(f64, f64)> {
        let v = c.value?;
        let (below, above) = *self.reach.get(&c.qualifier)?;
        let (lo, hi) = match (c.qualifier, c.value_max) {
            (_, Some(max)) => (v.min(max), v.max(max)),
            _ => (v, v),
        };
        // A bounded qualifier with an upper word (`5000多`: 5000..6000) reaches no further
        // than it says; one without reaches as far as its table row allows.
        let above = if c.value_max.is_some() && above.is_infinite() {
            0.0
        } else {
            above
        };
        let widen = |x: f64, frac: f64, down: bool| -> f64 {
            if frac.is_infinite() {
                if down {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                }
            } else if down {
                x - x.abs() * frac
            } else {
                x + x.abs() * frac
            }
        };
        Some((widen(lo, below, true), widen(hi, above, false)))
    }
}

/// The first and last day a date prefix covers, as days since 0000-03-01 (`2019`,
/// `2019-06`, `2019-06-30`, `2019-H2`, `2019-Q3`, `2025-W03`).
pub fn date_span(d: &str) -> Option<(i64, i64)> {
    let (year, rest) = d.split_at_checked(4)?;
    let y: i64 = year.parse().ok()?;
    let month_span = |m1: u32, m2: u32| -> Option<(i64, i64)> {
        Some((days(y, m1, 1)?, days(y, m2, month_len(y, m2))?))
    };
    let rest = match rest.strip_prefix('-') {
        None if rest.is_empty() => return month_span(1, 12),
        None => return None,
        Some(r) => r,
    };
    if let Some(h) = rest.strip_prefix('H') {
        return match h {
            "1" => month_span(1, 6),
            "2" => month_span(7, 12),
            _ => None,
        };
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return month_span(3 * q - 2, 3 * q);
    }
    if let Some(w) = rest.strip_prefix('W') {
        let w: i64 = w.parse().ok().filter(|w| (1..=53).contains(w))?;
        // ISO week 1 holds 4 January; weeks start on Monday.
        let jan4 = days(y, 1, 4)?;
        let weekday = (jan4 + 2).rem_euclid(7); // 0 = Monday (0000-03-01 was a Wednesday)
        let start = jan4 - weekday + 7 * (w - 1);
        return Some((start, start + 6));
    }
    let mut parts = rest.split('-');
    let m: u32 = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    match parts.next() {
        None => month_span(m, m),
        Some(day) => {
            let day: u32 = day.parse().ok()?;
            (parts.next().is_none() && (1..=month_len(y, m)).contains(&day))
                .then(|| days(y, m, day))
                .flatten()
                .map(|x| (x, x))
        }
    }
}

fn month_len(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 0000-03-01 (any fixed origin serves: only differences matter).
fn days(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 || d > month_len(y, m) {
        return None;
    }
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let m = i64::from(m);
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + i64::from(d) - 1)
}

/// A claim reduced to what its comparison reads: two claims of one group contradict each
/// other exactly when their axes do, so claims with equal axes are interchangeable.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Axis<'c> {
    /// The period or the values a claim covers (days, or the amount widened by its qualifier).
    Span(f64, f64),
    Founder {
        person: &'c str,
        sole: bool,
    },
}

impl Axis<'_> {
    fn contradicts(&self, other: &Axis) -> bool {
        match (*self, *other) {
            (Axis::Span(lo_a, hi_a), Axis::Span(lo_b, hi_b)) => hi_a < lo_b || hi_b < lo_a,
            (
                Axis::Founder { person, sole },
                Axis::Founder {
                    person: other,
                    sole: other_sole,
                },
            ) => person != other && (sole || other_sole),
            _ => false,
        }
    }
}

/// For each claim of a group (in the order said), the earliest earlier claim it contradicts:
/// an open one when the claim itself is open and there is one, so that a verdict on the
/// first statement brings up the next open pair; `None` when it contradicts nothing said
/// before it.
///
/// Each claim is one row at most, so the list grows with the archive, not with its square:
/// a figure repeated in a thousand episodes with a hundred different values (a run of noisy
/// captions, or the benchmark's corpus) is a thousand rows, not half a million pairs. Claims
/// with equal axes are one class, compared once; classes are few in real archives.
fn earliest_contradicted(axes: &[Option<Axis>], open: &[bool]) -> Vec<Option<usize>> {
    struct Class<'c> {
        axis: Axis<'c>,
        first: usize,
        first_open: Option<usize>,
    }
    let mut classes: Vec<Class> = Vec::new();
    let mut out = Vec::with_capacity(axes.len());
    for (i, axis) in axes.iter().enumerate() {
        let Some(axis) = *axis else {
            out.push(None);
            continue;
        };
        let (mut first, mut first_open) = (None::<usize>, None::<usize>);
        let mut own = None;
        for (k, class) in classes.iter().enumerate() {
            if class.axis == axis {
                own = Some(k);
            } else if class.axis.contradicts(&axis) {
                // Classes are kept in the order they were first said: the first found is
                // the earliest.
                first.get_or_insert(class.first);
                if let Some(o) = class.first_open {
                    first_open = Some(first_open.map_or(o, |f| f.min(o)));
                }
            }
        }
        out.push(if open[i] { first_open.or(first) } else { first });
        match own {
            Some(k) => {
                let class = &mut classes[k];
                if open[i] && class.first_open.is_none() {
                    class.first_open = Some(i);
                }
            }
            None => classes.push(Class {
                axis,
                first: i,
                first_open: open[i].then_some(i),
            }),
        }
    }
    out
}

/// Two facts that contradict each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub id: String,
    pub predicate: String,
    pub subject_id: String,
    pub subject_name: String,
    /// What differs (`date: 2019-06 vs 2019-07`).
    pub differs: String,
    /// The earlier statement (by episode, then line) first.
    pub a: Claim,
    pub b: Claim,
}

impl Conflict {
    /// Open until either fact is rejected or corrected.
    pub fn is_open(&self) -> bool {
        !closes(self.a.status) && !closes(self.b.status)
    }
}

/// A verdict that settles which side of a conflict is wrong.
fn closes(s: Status) -> bool {
    matches!(s, Status::Rejected | Status::Corrected)
}

/// Gathers the comparable facts of an archive, episode by episode, and finds the conflicts.
///
/// A run keeps every comparable and metric fact of the archive until its end, so each is kept
/// small: the strings facts share (names, ids, metrics, units, dates) once in a pool, a fact
/// as indices into it, its own id and evidence, and its numbers. A [`Claim`] is rebuilt from
/// that when a group is compared or a series charted.
#[derive(Debug, Default)]
pub struct Collector {
    /// Each kept fact once; the groups and the metrics index into it.
    kept: Vec<Kept>,
    /// (id, reference date) of each episode added.
    episodes: Vec<(Box<str>, Option<Box<str>>)>,
    pool: Pool,
    groups: BTreeMap<String, Vec<u32>>,
    /// Every metric fact, for the report's timelines (also those not compared).
    metrics: Vec<u32>,
}

/// Strings many facts share, stored once.
#[derive(Debug, Default)]
struct Pool {
    index: std::collections::HashMap<std::sync::Arc<str>, u32>,
    strings: Vec<std::sync::Arc<str>>,
}

impl Pool {
    const NONE: u32 = u32::MAX;

    fn put(&mut self, s: Option<&str>) -> u32 {
        let Some(s) = s else { return Self::NONE };
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = u32::try_from(self.strings.len()).expect("fewer than 2^32 distinct strings");
        let shared: std::sync::Arc<str> = s.into();
        self.strings.push(shared.clone());
        self.index.insert(shared, i);
        i
    }

    fn get(&self, i: u32) -> Option<String> {
        (i != Self::NONE).then(|| self.strings[i as usize].to_string())
    }
}

/// A kept fact: the fields of a [`Claim`], shared strings as [`Pool`] indices.
#[derive(Debug)]
struct Kept {
    episode: u32,
    id: Box<str>,
    evidence: Box<str>,
    /// predicate, subject id and name, object id and name, metric, unit, currency, date,
    /// as_of, round.
    strings: [u32; 11],
    value: Option<f64>,
    value_max: Option<f64>,
    start_ms: Option<u64>,
    line: usize,
    qualifier: Option<Qualifier>,
    forecast: bool,
    status: Status,
}

impl Collector {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keep what the comparisons and timelines need of one episode's facts.
    pub fn add_episode(&mut self, ep: &EpisodeDoc) {
        let rules = rules();
        let episode = u32::try_from(self.episodes.len()).expect("fewer than 2^32 episodes");
        let mut any = false;
        for f in &ep.facts {
            let metric = f.predicate == "metric";
            if !metric && !rules.compares(&f.predicate) {
                continue;
            }
            let claim = Claim::of(ep, f);
            let key = rules.key(&claim);
            if !metric && key.is_none() {
                continue;
            }
            let at = u32::try_from(self.kept.len()).expect("fewer than 2^32 facts");
            if metric {
                self.metrics.push(at);
            }
            if let Some(key) = key {
                self.groups.entry(key).or_default().push(at);
            }
            let kept = self.keep(episode, claim);
            self.kept.push(kept);
            any = true;
        }
        if any {
            let date = ep.reference_date.as_deref().map(Box::from);
            self.episodes.push((ep.id.as_str().into(), date));
        }
    }

    fn keep(&mut self, episode: u32, c: Claim) -> Kept {
        let p = &mut self.pool;
        let strings = [
            p.put(Some(&c.predicate)),
            p.put(c.subject_id.as_deref()),
            p.put(Some(&c.subject_name)),
            p.put(c.object_id.as_deref()),
            p.put(c.object_name.as_deref()),
            p.put(c.metric.as_deref()),
            p.put(c.unit.as_deref()),
            p.put(c.currency.as_deref()),
            p.put(c.date.as_deref()),
            p.put(c.as_of.as_deref()),
            p.put(c.round.as_deref()),
        ];
        Kept {
            episode,
            id: c.id.into(),
            evidence: c.evidence.into(),
            strings,
            value: c.value,
            value_max: c.value_max,
            start_ms: c.start_ms,
            line: c.line,
            qualifier: c.qualifier,
            forecast: c.forecast,
            status: c.status,
        }
    }

    /// The kept fact `at`, as a claim again.
    fn claim(&self, at: u32) -> Claim {
        let k = &self.kept[at as usize];
        let s = |i: usize| self.pool.get(k.strings[i]);
        let (episode, episode_date) = &self.episodes[k.episode as usize];
        Claim {
            episode: episode.to_string(),
            episode_date: episode_date.as_deref().map(str::to_string),
            id: k.id.to_string(),
            predicate: s(0).unwrap_or_default(),
            subject_id: s(1),
            subject_name: s(2).unwrap_or_default(),
            object_id: s(3),
            object_name: s(4),
            metric: s(5),
            value: k.value,
            value_max: k.value_max,
            unit: s(6),
            currency: s(7),
            qualifier: k.qualifier,
            date: s(8),
            as_of: s(9),
            round: s(10),
            forecast: k.forecast,
            line: k.line,
            start_ms: k.start_ms,
            evidence: k.evidence.to_string(),
            status: k.status,
        }
    }

    /// Every conflict (open and resolved), in a stable order: by subject, predicate, then
    /// the facts' places. Each fact that contradicts an earlier one is set against the
    /// earliest of them (`earliest_contradicted`), so every contradicted statement is listed
    /// once, and a verdict on one side brings up the next pair when one is left.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let rules = rules();
        let mut out = Vec::new();
        for group in self.groups.values() {
            let claims: Vec<Claim> = group.iter().map(|&i| self.claim(i)).collect();
            let mut sorted: Vec<&Claim> = claims.iter().collect();
            sorted.sort_by(|a, b| (&a.episode, a.line, &a.id).cmp(&(&b.episode, b.line, &b.id)));
            let Some(rule) = sorted.first().and_then(|c| rules.rule(&c.predicate)) else {
                continue;
            };
            let axes: Vec<Option<Axis>> = sorted.iter().map(|c| rules.axis(rule, c)).collect();
            let open: Vec<bool> = sorted.iter().map(|c| !closes(c.status)).collect();
            for (i, earlier) in earliest_contradicted(&axes, &open).into_iter().enumerate() {
                let Some(j) = earlier else { continue };
                let (a, b) = (sorted[j], sorted[i]);
                // Same group, contradicting axes: `compare` agrees, and says what differs.
                let Some(differs) = rules.compare(a, b) else {
                    continue;
                };
                let (x, y) = if a.id < b.id { (a, b) } else { (b, a) };
                out.push(Conflict {
                    id: crate::ids::digest(&["conflict", &x.id, &y.id]),
                    predicate: a.predicate.clone(),
                    subject_id: a.subject_id.clone().unwrap_or_default(),
                    subject_name: a.subject_name.clone(),
                    differs,
                    a: a.clone(),
                    b: b.clone(),
                });
            }
        }
        out.sort_by(|x, y| {
            (&x.subject_id, &x.predicate, &x.a.episode, x.a.line, &x.id).cmp(&(
                &y.subject_id,
                &y.predicate,
                &y.a.episode,
                y.a.line,
                &y.id,
            ))
        });
        out
    }

    /// The metric facts gathered (for timelines).
    pub fn metrics(&self) -> impl Iterator<Item = Claim> + '_ {
        self.metrics.iter().map(|&i| self.claim(i))
    }
}

/// The conflicts of a whole dataset.
pub fn find(dataset: &crate::model::Dataset) -> Vec<Conflict> {
    let mut c = Collector::new();
    dataset.episodes.iter().for_each(|ep| c.add_episode(ep));
    c.conflicts()
}

/// A row of `conflicts.csv`: the header is these fields' names.
#[derive(Debug, Default, serde::Serialize)]
pub struct ConflictRow<'a> {
    id: &'a str,
    predicate: &'a str,
    subject_id: &'a str,
    subject_name: Text<'a>,
    differs: Text<'a>,
    fact_a: &'a str,
    episode_a: &'a str,
    line_a: usize,
    time_a: String,
    claim_a: Text<'a>,
    evidence_a: Text<'a>,
    fact_b: &'a str,
    episode_b: &'a str,
    line_b: usize,
    time_b: String,
    claim_b: Text<'a>,
    evidence_b: Text<'a>,
}

/// `conflicts.csv`: each open conflict once, with both facts and their evidence.
pub fn conflicts_csv(conflicts: &[Conflict]) -> crate::error::Result<Vec<u8>> {
    let time = |c: &Claim| c.start_ms.map(time_code).unwrap_or_default();
    let summaries: Vec<(String, String)> = conflicts
        .iter()
        .filter(|c| c.is_open())
        .map(|c| (c.a.summary(), c.b.summary()))
        .collect();
    let rows = conflicts
        .iter()
        .filter(|c| c.is_open())
        .zip(&summaries)
        .map(|(c, (claim_a, claim_b))| ConflictRow {
            id: &c.id,
            predicate: &c.predicate,
            subject_id: &c.subject_id,
            subject_name: Text(&c.subject_name),
            differs: Text(&c.differs),
            fact_a: &c.a.id,
            episode_a: &c.a.episode,
            line_a: c.a.line,
            time_a: time(&c.a),
            claim_a: Text(claim_a),
            evidence_a: Text(&c.a.evidence),
            fact_b: &c.b.id,
            episode_b: &c.b.episode,
            line_b: c.b.line,
            time_b: time(&c.b),
            claim_b: Text(claim_b),
            evidence_b: Text(&c.b.evidence),
        });
    let mut out = header::<ConflictRow>()?;
    append_rows(&mut out, rows)?;
    Ok(out)
}
