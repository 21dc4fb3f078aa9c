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
use crate::error::{Error, Result};
use crate::model::time_code;
use crate::model::{EpisodeDoc, Fact, Qualifier, number};
use crate::output::csv_rows::{Text, append_rows, header};
use crate::output::spill::{Place, Reader, Record, Spill};

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
/// A run keeps every comparable and metric fact of the archive until its end, so what stays
/// in memory is small and fixed in size: each fact's [`Claim`] is written to a [`Spill`] (a
/// file in the report's staging folder during a run) and kept as its place there, 8 bytes;
/// the groups and the metrics are lists of indices. A claim is read back only while its
/// group is compared, its series charted or its conflict written.
pub struct Collector {
    /// Each kept fact's place in the spill; the groups and the metrics index into it.
    kept: Vec<Place>,
    spill: Spill,
    record: Record,
    groups: BTreeMap<String, Vec<u32>>,
    /// Every metric fact, for the report's timelines (also those not compared).
    metrics: Vec<u32>,
}

impl Default for Collector {
    fn default() -> Self {
        Self::spilled(Spill::memory())
    }
}

/// Strings many conflicts share (subjects, predicates, episodes), stored once.
#[derive(Debug, Default)]
struct Pool {
    index: std::collections::HashMap<std::sync::Arc<str>, u32>,
    strings: Vec<std::sync::Arc<str>>,
}

impl Pool {
    fn put(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = u32::try_from(self.strings.len()).expect("fewer than 2^32 distinct strings");
        let shared: std::sync::Arc<str> = s.into();
        self.strings.push(shared.clone());
        self.index.insert(shared, i);
        i
    }

    fn get(&self, i: u32) -> &str {
        &self.strings[i as usize]
    }
}

/// A review state as one byte of a spilled record, and back.
pub(crate) fn status_code(s: Status) -> u8 {
    match s {
        Status::Unreviewed => 0,
        Status::Accepted => 1,
        Status::Corrected => 2,
        Status::Rejected => 3,
        Status::Stale => 4,
    }
}

pub(crate) fn status_of(code: u8) -> Result<Status> {
    Ok(match code {
        0 => Status::Unreviewed,
        1 => Status::Accepted,
        2 => Status::Corrected,
        3 => Status::Rejected,
        4 => Status::Stale,
        _ => return Err(Error::Other(format!("scratch record: no status {code}"))),
    })
}

fn qualifier_code(q: Option<Qualifier>) -> u8 {
    match q {
        None => 0,
        Some(Qualifier::Exact) => 1,
        Some(Qualifier::About) => 2,
        Some(Qualifier::Near) => 3,
        Some(Qualifier::Over) => 4,
        Some(Qualifier::Under) => 5,
        Some(Qualifier::Several) => 6,
        Some(Qualifier::Range) => 7,
    }
}

fn qualifier_of(code: u8) -> Result<Option<Qualifier>> {
    Ok(Some(match code {
        0 => return Ok(None),
        1 => Qualifier::Exact,
        2 => Qualifier::About,
        3 => Qualifier::Near,
        4 => Qualifier::Over,
        5 => Qualifier::Under,
        6 => Qualifier::Several,
        7 => Qualifier::Range,
        _ => return Err(Error::Other(format!("scratch record: no qualifier {code}"))),
    }))
}

impl Claim {
    /// As a spilled record (read back by [`Claim::read`]).
    fn write(&self, r: &mut Record) {
        r.clear()
            .str(&self.episode)
            .opt_str(self.episode_date.as_deref())
            .str(&self.id)
            .str(&self.predicate)
            .opt_str(self.subject_id.as_deref())
            .str(&self.subject_name)
            .opt_str(self.object_id.as_deref())
            .opt_str(self.object_name.as_deref())
            .opt_str(self.metric.as_deref())
            .opt_f64(self.value)
            .opt_f64(self.value_max)
            .opt_str(self.unit.as_deref())
            .opt_str(self.currency.as_deref())
            .u8(qualifier_code(self.qualifier))
            .opt_str(self.date.as_deref())
            .opt_str(self.as_of.as_deref())
            .opt_str(self.round.as_deref())
            .u8(u8::from(self.forecast))
            .u64(self.line as u64)
            .opt_u64(self.start_ms)
            .str(&self.evidence)
            .u8(status_code(self.status));
    }

    fn read(bytes: &[u8]) -> Result<Claim> {
        let mut r = Reader::new(bytes);
        Ok(Claim {
            episode: r.string()?,
            episode_date: r.opt_string()?,
            id: r.string()?,
            predicate: r.string()?,
            subject_id: r.opt_string()?,
            subject_name: r.string()?,
            object_id: r.opt_string()?,
            object_name: r.opt_string()?,
            metric: r.opt_string()?,
            value: r.opt_f64()?,
            value_max: r.opt_f64()?,
            unit: r.opt_string()?,
            currency: r.opt_string()?,
            qualifier: qualifier_of(r.u8()?)?,
            date: r.opt_string()?,
            as_of: r.opt_string()?,
            round: r.opt_string()?,
            forecast: r.u8()? != 0,
            line: usize::try_from(r.u64()?).map_err(|_| Error::Other("line".into()))?,
            start_ms: r.opt_u64()?,
            evidence: r.string()?,
            status: status_of(r.u8()?)?,
        })
    }
}

/// A conflict by its two kept facts: what is held of each open conflict until
/// `conflicts.csv` is written (the claims are read back for each row).
#[derive(Debug)]
struct Pair {
    a: u32,
    b: u32,
    id: Box<str>,
    /// [`Pool`] indices: subject id, predicate, the episodes of `a` and `b`.
    subject: u32,
    predicate: u32,
    a_episode: u32,
    b_episode: u32,
    a_line: usize,
}

impl Collector {
    /// A collector keeping its facts in memory (a dataset read back, tests).
    pub fn new() -> Self {
        Self::default()
    }

    /// A collector keeping its facts' claims in `spill` (a run: a file in its staging folder).
    pub fn spilled(spill: Spill) -> Self {
        Collector {
            kept: Vec::new(),
            spill,
            record: Record::default(),
            groups: BTreeMap::new(),
            metrics: Vec::new(),
        }
    }

    /// Keep what the comparisons and timelines need of one episode's facts.
    pub fn add_episode(&mut self, ep: &EpisodeDoc) -> Result<()> {
        let rules = rules();
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
            claim.write(&mut self.record);
            let place = self.spill.append(&self.record)?;
            self.kept.push(place);
        }
        Ok(())
    }

    /// The kept fact `at`, as a claim again (`buf`: scratch for its bytes).
    fn claim(&self, at: u32, buf: &mut Vec<u8>) -> Result<Claim> {
        self.spill.read(self.kept[at as usize], buf)?;
        Claim::read(buf)
    }

    /// The kept fact `at` (an index from [`Collector::metric_indices`]), as a claim again.
    pub fn claim_at(&self, at: u32) -> Result<Claim> {
        self.claim(at, &mut Vec::new())
    }

    /// Each fact that contradicts an earlier one, with the earliest it contradicts
    /// (`earliest_contradicted`), every contradicted statement listed once, so that a
    /// verdict on one side brings up the next pair when one is left; `open_only`: only the
    /// pairs neither of whose facts has a closing verdict. In a stable order: by subject,
    /// predicate, then the facts' places.
    fn pairs(&self, open_only: bool, pool: &mut Pool) -> Result<Vec<Pair>> {
        let rules = rules();
        let mut out = Vec::new();
        let mut buf = Vec::new();
        for group in self.groups.values() {
            let claims = group
                .iter()
                .map(|&i| Ok((i, self.claim(i, &mut buf)?)))
                .collect::<Result<Vec<(u32, Claim)>>>()?;
            let mut sorted: Vec<&(u32, Claim)> = claims.iter().collect();
            sorted.sort_by(|(_, a), (_, b)| {
                (&a.episode, a.line, &a.id).cmp(&(&b.episode, b.line, &b.id))
            });
            let Some(rule) = sorted.first().and_then(|c| rules.rule(&c.1.predicate)) else {
                continue;
            };
            let axes: Vec<Option<Axis>> = sorted.iter().map(|c| rules.axis(rule, &c.1)).collect();
            let open: Vec<bool> = sorted.iter().map(|c| !closes(c.1.status)).collect();
            for (i, earlier) in earliest_contradicted(&axes, &open).into_iter().enumerate() {
                let Some(j) = earlier else { continue };
                let ((ai, a), (bi, b)) = (sorted[j], sorted[i]);
                // Same group, contradicting axes: `compare` agrees, and says what differs.
                if rules.compare(a, b).is_none() {
                    continue;
                }
                if open_only && (closes(a.status) || closes(b.status)) {
                    continue;
                }
                let (x, y) = if a.id < b.id { (a, b) } else { (b, a) };
                out.push(Pair {
                    a: *ai,
                    b: *bi,
                    id: crate::ids::digest(&["conflict", &x.id, &y.id]).into(),
                    subject: pool.put(a.subject_id.as_deref().unwrap_or_default()),
                    predicate: pool.put(&a.predicate),
                    a_episode: pool.put(&a.episode),
                    b_episode: pool.put(&b.episode),
                    a_line: a.line,
                });
            }
        }
        out.sort_by(|x, y| {
            let key = |p: &Pair| {
                let s = |i| pool.get(i);
                (s(p.subject), s(p.predicate), s(p.a_episode), p.a_line)
            };
            key(x).cmp(&key(y)).then_with(|| x.id.cmp(&y.id))
        });
        Ok(out)
    }

    /// A pair's conflict, its claims read back.
    fn conflict(&self, p: &Pair, buf: &mut Vec<u8>) -> Result<Conflict> {
        let a = self.claim(p.a, buf)?;
        let b = self.claim(p.b, buf)?;
        let differs = rules()
            .compare(&a, &b)
            .ok_or_else(|| Error::Other(format!("conflict {}: claims read back differ", p.id)))?;
        Ok(Conflict {
            id: p.id.to_string(),
            predicate: a.predicate.clone(),
            subject_id: a.subject_id.clone().unwrap_or_default(),
            subject_name: a.subject_name.clone(),
            differs,
            a,
            b,
        })
    }

    /// Every conflict (open and resolved), in a stable order: by subject, predicate, then
    /// the facts' places. Each fact that contradicts an earlier one is set against the
    /// earliest of them (`earliest_contradicted`), so every contradicted statement is listed
    /// once, and a verdict on one side brings up the next pair when one is left.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut buf = Vec::new();
        let pairs = self.pairs(false, &mut Pool::default())?;
        pairs.iter().map(|p| self.conflict(p, &mut buf)).collect()
    }

    /// The open conflicts, in the order of [`Collector::conflicts`], held as pairs of kept
    /// facts (a run's archive may have hundreds of thousands).
    pub fn open_conflicts(&self) -> Result<OpenConflicts<'_>> {
        let mut pool = Pool::default();
        let pairs = self.pairs(true, &mut pool)?;
        Ok(OpenConflicts {
            collector: self,
            pairs,
            pool,
        })
    }

    /// The indices of the metric facts gathered (for timelines), each read back with
    /// [`Collector::claim_at`].
    pub fn metric_indices(&self) -> &[u32] {
        &self.metrics
    }

    /// The metric facts gathered (for timelines).
    pub fn metrics(&self) -> impl Iterator<Item = Result<Claim>> + '_ {
        let mut buf = Vec::new();
        self.metrics.iter().map(move |&i| self.claim(i, &mut buf))
    }
}

/// The open conflicts of a [`Collector`], each read back when it is listed.
pub struct OpenConflicts<'c> {
    collector: &'c Collector,
    pairs: Vec<Pair>,
    pool: Pool,
}

/// Conflicts are read back and written this many at a time.
const CSV_BATCH: usize = 512;

impl OpenConflicts<'_> {
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The first `n` open conflicts.
    pub fn first(&self, n: usize) -> Result<Vec<Conflict>> {
        let mut buf = Vec::new();
        self.pairs
            .iter()
            .take(n)
            .map(|p| self.collector.conflict(p, &mut buf))
            .collect()
    }

    /// How many open conflicts each episode has a fact in (a conflict within one episode
    /// counts once).
    pub fn per_episode(&self) -> BTreeMap<&str, usize> {
        let mut out: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &self.pairs {
            *out.entry(self.pool.get(p.a_episode)).or_default() += 1;
            if p.b_episode != p.a_episode {
                *out.entry(self.pool.get(p.b_episode)).or_default() += 1;
            }
        }
        out
    }

    /// `conflicts.csv` (as [`conflicts_csv`] writes it), a batch of rows at a time to `out`.
    pub fn write_csv(&self, mut out: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        out(&header::<ConflictRow>()?)?;
        let mut buf = Vec::new();
        let mut bytes = Vec::new();
        for batch in self.pairs.chunks(CSV_BATCH) {
            let conflicts = batch
                .iter()
                .map(|p| self.collector.conflict(p, &mut buf))
                .collect::<Result<Vec<Conflict>>>()?;
            bytes.clear();
            append_conflict_rows(&mut bytes, &conflicts)?;
            out(&bytes)?;
        }
        Ok(())
    }
}

/// The conflicts of a whole dataset.
pub fn find(dataset: &crate::model::Dataset) -> Result<Vec<Conflict>> {
    let mut c = Collector::new();
    for ep in &dataset.episodes {
        c.add_episode(ep)?;
    }
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
pub fn conflicts_csv(conflicts: &[Conflict]) -> Result<Vec<u8>> {
    let open: Vec<Conflict> = conflicts.iter().filter(|c| c.is_open()).cloned().collect();
    let mut out = header::<ConflictRow>()?;
    append_conflict_rows(&mut out, &open)?;
    Ok(out)
}

/// The rows of `conflicts` (no header).
fn append_conflict_rows(out: &mut Vec<u8>, conflicts: &[Conflict]) -> Result<()> {
    let time = |c: &Claim| c.start_ms.map(time_code).unwrap_or_default();
    let summaries: Vec<(String, String)> = conflicts
        .iter()
        .map(|c| (c.a.summary(), c.b.summary()))
        .collect();
    let rows = conflicts
        .iter()
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
    append_rows(out, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_reads_back_as_written() {
        let full = Claim {
            episode: "2025-01-10_ep".into(),
            episode_date: Some("2025-01-10".into()),
            id: "f1".into(),
            predicate: "metric".into(),
            subject_id: Some("product/kimi".into()),
            subject_name: "Kimi".into(),
            object_id: Some("company/moonshot".into()),
            object_name: Some("月之暗面".into()),
            metric: Some("users".into()),
            value: Some(36_000_000.0),
            value_max: Some(0.1 + 0.2),
            unit: Some("people".into()),
            currency: Some("CNY".into()),
            qualifier: Some(Qualifier::Over),
            date: Some("2024-Q3".into()),
            as_of: Some("2024-10".into()),
            round: Some("B".into()),
            forecast: true,
            line: 42,
            start_ms: Some(61_500),
            evidence: "用户超过3600万\n第二行".into(),
            status: Status::Corrected,
        };
        let bare = Claim {
            episode_date: None,
            subject_id: None,
            object_id: None,
            object_name: None,
            metric: None,
            value: None,
            value_max: None,
            unit: None,
            currency: None,
            qualifier: None,
            date: None,
            as_of: None,
            round: None,
            forecast: false,
            start_ms: None,
            evidence: String::new(),
            status: Status::Unreviewed,
            ..full.clone()
        };
        let mut r = Record::default();
        let mut spill = Spill::memory();
        for c in [full, bare] {
            c.write(&mut r);
            let place = spill.append(&r).unwrap();
            let mut buf = Vec::new();
            spill.read(place, &mut buf).unwrap();
            assert_eq!(Claim::read(&buf).unwrap(), c);
        }
        for q in [None, Some(Qualifier::Exact), Some(Qualifier::Range)] {
            assert_eq!(qualifier_of(qualifier_code(q)).unwrap(), q);
        }
        for s in [Status::Accepted, Status::Rejected, Status::Stale] {
            assert_eq!(status_of(status_code(s)).unwrap(), s);
        }
    }
}
