//! The flattened CSV views of the dataset: one row a mention, a fact, an entity, an orphaned
//! verdict.
//!
//! Each CSV is one row type here, written by the csv crate's `Writer` through its
//! `#[derive(Serialize)]`: the header is the row type's field names ([`header`]), so a new
//! column is one field of its row type and the line in its constructor that fills it.
//!
//! Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! tab, CR or NUL) get a leading `'`, as OWASP recommends ([`Text`]); numeric columns are
//! written as numbers and left alone. Such a cell then differs from the text by that `'` (a
//! mention `-12%` reads `'-12%`); `dataset.json` always holds the exact text, and
//! [`set_formula_guard`]`(false)` (`tfacts run --csv-guard none`) writes the CSVs exact too,
//! for programs that read them.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Serialize, Serializer};

use crate::error::{Error, Result};
use crate::model::{
    Dataset, DatasetAudit, EntitySummary, EpisodeDoc, Fact, Mention, Orphan, Qualifier, Value,
};
use crate::model::{number, time_code};

/// Neutralize a text cell that a spreadsheet would evaluate.
pub fn safe_text(cell: &str) -> String {
    if needs_guard(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Whether text cells that look like formulas get their `'` (on unless switched off).
static FORMULA_GUARD: AtomicBool = AtomicBool::new(true);

/// Switch the formula guard for the CSVs this process writes: on (the default) for files a
/// spreadsheet opens, off for programs that need every text cell exact. Set it once, before
/// writing.
pub fn set_formula_guard(on: bool) {
    FORMULA_GUARD.store(on, Ordering::Relaxed);
}

/// Whether a spreadsheet would evaluate the cell (and the guard is on).
fn needs_guard(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\0')
    ) && FORMULA_GUARD.load(Ordering::Relaxed)
}

/// A text cell, neutralized like [`safe_text`] (the formula guard). Ids, enum names and
/// dates that the code makes are written as plain `&str`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Text<'a>(pub &'a str);

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if needs_guard(self.0) {
            s.collect_str(&format_args!("'{}", self.0))
        } else {
            s.serialize_str(self.0)
        }
    }
}

/// A number as [`number::format`] writes it: whole numbers as integers, others in full
/// decimals (`0.0001`, never `1e-4` as the csv crate's own float cells would read).
#[derive(Debug, Default, Clone, Copy)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match number::whole(self.0) {
            Some(i) => s.serialize_i64(i),
            None => s.collect_str(&self.0),
        }
    }
}

/// A confidence with two decimals (`0.95`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Confidence(pub f64);

impl Serialize for Confidence {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{:.2}", self.0))
    }
}

/// `HH:MM:SS` of a time in milliseconds ([`time_code`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct TimeCode(pub u64);

impl Serialize for TimeCode {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&time_code(self.0))
    }
}

/// A mention's value: a number ([`Number`]) or a date as it is.
#[derive(Debug, Clone, Copy)]
pub struct ValueCell<'a>(pub &'a Value);

impl Serialize for ValueCell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Value::Number(n) => Number(*n).serialize(s),
            Value::Date(d) => s.serialize_str(d),
        }
    }
}

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Other(format!("cannot write CSV: {e}"))
}

/// The header row of the CSV whose rows are `R`: its field names, as the csv crate writes
/// them before the first row (the bytes a writer with headers adds to a default row).
pub fn header<R: Serialize + Default>() -> Result<Vec<u8>> {
    let row = |headers: bool| -> Result<Vec<u8>> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(headers)
            .from_writer(Vec::new());
        w.serialize(R::default()).map_err(csv_err)?;
        w.into_inner().map_err(csv_err)
    };
    let (with, without) = (row(true)?, row(false)?);
    Ok(with[..with.len() - without.len()].to_vec())
}

/// Append `rows` to `out` (no header), as the csv crate writes them with its default
/// settings (`,`, `"`, `\n`, quoted only when needed).
pub fn append_rows<R: Serialize>(
    out: &mut Vec<u8>,
    rows: impl IntoIterator<Item = R>,
) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(std::mem::take(out));
    for row in rows {
        w.serialize(row).map_err(csv_err)?;
    }
    *out = w.into_inner().map_err(csv_err)?;
    Ok(())
}

/// A whole CSV: the header of `R`, then `rows`.
fn csv_file<R: Serialize + Default>(rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>> {
    let mut out = header::<R>()?;
    append_rows(&mut out, rows)?;
    Ok(out)
}

/// A row of `mentions.csv`.
#[derive(Debug, Default, Serialize)]
pub struct MentionRow<'a> {
    pub episode: Text<'a>,
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub text: Text<'a>,
    pub entity_id: Option<Text<'a>>,
    pub name: Option<Text<'a>>,
    pub value: Option<ValueCell<'a>>,
    pub value_max: Option<Number>,
    pub unit: Option<Text<'a>>,
    pub currency: Option<Text<'a>>,
    pub qualifier: Option<&'static str>,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// `start_ms` as `HH:MM:SS`.
    pub time: Option<TimeCode>,
}

impl<'a> MentionRow<'a> {
    pub fn new(episode: &'a str, m: &'a Mention) -> Self {
        MentionRow {
            episode: Text(episode),
            id: &m.id,
            kind: m.kind.as_str(),
            line: m.line,
            start: m.start,
            end: m.end,
            text: Text(&m.text),
            entity_id: m.entity_id.as_deref().map(Text),
            name: m.name.as_deref().map(Text),
            value: m.value.as_ref().map(ValueCell),
            value_max: m.value_max.map(Number),
            unit: m.unit.as_deref().map(Text),
            currency: m.currency.as_deref().map(Text),
            qualifier: m.qualifier.map(Qualifier::as_str),
            start_ms: m.start_ms,
            end_ms: m.end_ms,
            time: m.start_ms.map(TimeCode),
        }
    }
}

pub fn mentions_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    csv_file(
        dataset
            .episodes
            .iter()
            .flat_map(|ep| ep.mentions.iter().map(move |m| MentionRow::new(&ep.id, m))),
    )
}

/// The rows of one episode (no header), so episodes can be written as they are done.
pub fn mention_rows(out: &mut Vec<u8>, ep: &EpisodeDoc) -> Result<()> {
    append_rows(out, ep.mentions.iter().map(|m| MentionRow::new(&ep.id, m)))
}

/// A row of `facts.csv` and `facts.reviewed.csv`.
#[derive(Debug, Default, Serialize)]
pub struct FactRow<'a> {
    pub episode: Text<'a>,
    pub id: &'a str,
    pub predicate: &'a str,
    pub subject_id: Option<Text<'a>>,
    pub subject_name: Text<'a>,
    pub object_id: Option<Text<'a>>,
    pub object_name: Option<Text<'a>>,
    pub metric: Option<Text<'a>>,
    pub value: Option<Number>,
    pub value_max: Option<Number>,
    pub unit: Option<Text<'a>>,
    pub currency: Option<Text<'a>>,
    pub qualifier: Option<&'static str>,
    pub date: Option<Text<'a>>,
    pub as_of: Option<Text<'a>>,
    pub round: Option<Text<'a>>,
    pub forecast: bool,
    pub line_start: usize,
    pub line_end: usize,
    /// The evidence text.
    pub evidence: Text<'a>,
    pub confidence: Confidence,
    pub rule: Text<'a>,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// The evidence's `start_ms` as `HH:MM:SS`.
    pub time: Option<TimeCode>,
    pub audit_status: &'static str,
    pub audit_reviewer: Option<Text<'a>>,
    pub audit_date: Option<Text<'a>>,
    pub audit_note: Option<Text<'a>>,
    /// The corrected fields' values before correction, as a JSON object.
    pub audit_original: Option<Text<'a>>,
}

impl<'a> FactRow<'a> {
    /// `original` is `audit.original` as JSON ([`original_json`]).
    pub fn new(episode: &'a str, f: &'a Fact, original: Option<&'a str>) -> Self {
        let (ev, audit) = (&f.evidence, &f.audit);
        FactRow {
            episode: Text(episode),
            id: &f.id,
            predicate: &f.predicate,
            subject_id: f.subject.entity_id.as_deref().map(Text),
            subject_name: Text(&f.subject.name),
            object_id: f
                .object
                .as_ref()
                .and_then(|o| o.entity_id.as_deref().map(Text)),
            object_name: f.object.as_ref().map(|o| Text(&o.name)),
            metric: f.metric.as_deref().map(Text),
            value: f.value.map(Number),
            value_max: f.value_max.map(Number),
            unit: f.unit.as_deref().map(Text),
            currency: f.currency.as_deref().map(Text),
            qualifier: f.qualifier.map(Qualifier::as_str),
            date: f.date.as_deref().map(Text),
            as_of: f.as_of.as_deref().map(Text),
            round: f.round.as_deref().map(Text),
            forecast: f.forecast,
            line_start: ev.line_start,
            line_end: ev.line_end,
            evidence: Text(&ev.text),
            confidence: Confidence(f.confidence),
            rule: Text(&f.rule),
            start_ms: ev.start_ms,
            end_ms: ev.end_ms,
            time: ev.start_ms.map(TimeCode),
            audit_status: audit.status.as_str(),
            audit_reviewer: audit.reviewer.as_deref().map(Text),
            audit_date: audit.date.as_deref().map(Text),
            audit_note: audit.note.as_deref().map(Text),
            audit_original: original.map(Text),
        }
    }
}

/// A fact's `audit.original` as the JSON object of its `audit_original` cell, `None` when
/// nothing was corrected.
pub fn original_json(f: &Fact) -> Option<String> {
    let original = &f.audit.original;
    (!original.is_empty()).then(|| serde_json::to_string(original).unwrap_or_default())
}

pub fn facts_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    facts_rows(dataset, false)
}

/// `facts.reviewed.csv`: only the facts a reviewer accepted or corrected.
pub fn reviewed_facts_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    facts_rows(dataset, true)
}

fn facts_rows(dataset: &Dataset, reviewed_only: bool) -> Result<Vec<u8>> {
    let mut out = header::<FactRow>()?;
    for ep in &dataset.episodes {
        fact_rows(&mut out, ep, reviewed_only)?;
    }
    Ok(out)
}

/// The rows of one episode (no header), so episodes can be written as they are done.
///
/// With `reviewed_only`, only the facts a reviewer accepted or corrected (`facts.reviewed.csv`).
pub fn fact_rows(out: &mut Vec<u8>, ep: &EpisodeDoc, reviewed_only: bool) -> Result<()> {
    let facts: Vec<(&Fact, Option<String>)> = ep
        .facts
        .iter()
        .filter(|f| !reviewed_only || f.audit.status.is_kept())
        .map(|f| (f, original_json(f)))
        .collect();
    append_rows(
        out,
        facts
            .iter()
            .map(|(f, original)| FactRow::new(&ep.id, f, original.as_deref())),
    )
}

/// A row of `entities.csv`.
#[derive(Debug, Default, Serialize)]
pub struct EntityRow<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: Text<'a>,
    /// The aliases joined with `|`.
    pub aliases: Text<'a>,
    pub owner: Option<Text<'a>>,
    pub affiliation: Option<Text<'a>>,
    /// The episode ids joined with `|`.
    pub episodes: Text<'a>,
    pub mentions: usize,
}

pub fn entities_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    entity_rows(&dataset.entities)
}

/// `entities.csv` for a list of entity summaries (header included).
pub fn entity_rows(entities: &[EntitySummary]) -> Result<Vec<u8>> {
    let mut out = header::<EntityRow>()?;
    for e in entities {
        entity_row(&mut out, e)?;
    }
    Ok(out)
}

/// One row of `entities.csv`.
pub fn entity_row(out: &mut Vec<u8>, e: &EntitySummary) -> Result<()> {
    let (aliases, episodes) = (e.aliases.join("|"), e.episodes.join("|"));
    let row = EntityRow {
        id: &e.id,
        kind: e.kind.as_str(),
        name: Text(&e.name),
        aliases: Text(&aliases),
        owner: e.owner.as_deref().map(Text),
        affiliation: e.affiliation.as_deref().map(Text),
        episodes: Text(&episodes),
        mentions: e.mentions,
    };
    append_rows(out, [row])
}

/// A row of `audit_orphans.csv`: a ledger verdict whose fact is not in the dataset.
#[derive(Debug, Default, Serialize)]
pub struct OrphanRow<'a> {
    pub fact_id: Text<'a>,
    pub verdict: &'static str,
    pub reviewer: Text<'a>,
    pub date: Text<'a>,
    pub note: Text<'a>,
    pub ledger_line: usize,
}

impl<'a> OrphanRow<'a> {
    pub fn new(o: &'a Orphan) -> Self {
        OrphanRow {
            fact_id: Text(&o.fact_id),
            verdict: o.verdict.as_str(),
            reviewer: Text(&o.reviewer),
            date: Text(&o.date),
            note: Text(&o.note),
            ledger_line: o.ledger_line,
        }
    }
}

/// `audit_orphans.csv`: ledger verdicts whose fact is not in this dataset.
pub fn audit_orphans_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    orphan_rows(&dataset.audit)
}

/// The orphan rows (with their header) of an audit section.
pub fn orphan_rows(audit: &DatasetAudit) -> Result<Vec<u8>> {
    csv_file(audit.orphans.iter().map(OrphanRow::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralized() {
        for bad in ["=1+1", "+86", "-x", "@SUM(A1)", "\tx", "\rx", "\0x"] {
            assert!(safe_text(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(safe_text("智谱"), "智谱");
    }

    fn cells(f: impl Fn(&str) -> Option<Text<'_>>) -> String {
        #[derive(Default, Serialize)]
        struct Row<'a> {
            a: Option<Text<'a>>,
            b: &'a str,
        }
        let mut out = Vec::new();
        for cell in ["智谱", "=1+1", "-12%", "a,\"b\"", "", "'q", "-1,\n2"] {
            append_rows(
                &mut out,
                [Row {
                    a: f(cell),
                    b: cell,
                }],
            )
            .unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_cells_are_guarded_and_quoted_plain_cells_only_quoted() {
        assert_eq!(
            cells(|c| Some(Text(c))),
            "智谱,智谱\n'=1+1,=1+1\n'-12%,-12%\n\"a,\"\"b\"\"\",\"a,\"\"b\"\"\"\n,\n'q,'q\n\
             \"'-1,\n2\",\"-1,\n2\"\n"
        );
        assert_eq!(cells(|_| None).lines().next(), Some(",智谱"));
    }

    #[test]
    fn headers_are_the_row_types_fields() {
        let of = |h: Result<Vec<u8>>| String::from_utf8(h.unwrap()).unwrap();
        assert_eq!(
            of(header::<EntityRow>()),
            "id,type,name,aliases,owner,affiliation,episodes,mentions\n"
        );
        assert_eq!(
            of(header::<OrphanRow>()),
            "fact_id,verdict,reviewer,date,note,ledger_line\n"
        );
        assert!(of(header::<MentionRow>()).starts_with("episode,id,type,line,"));
    }

    #[test]
    fn numbers_are_written_as_the_model_formats_them() {
        #[derive(Default, Serialize)]
        struct Row {
            n: Number,
            c: Confidence,
            t: Option<TimeCode>,
        }
        for (n, c, ms, want) in [
            (
                36_000_000.0,
                0.955,
                Some(3_723_456),
                "36000000,0.95,01:02:03",
            ),
            (-2.5, 1.0, None, "-2.5,1.00,"),
            (
                0.1 + 0.2,
                0.125,
                Some(0),
                "0.30000000000000004,0.12,00:00:00",
            ),
            (1e-7, 0.5, None, "0.0000001,0.50,"),
            (1e300, 0.0, None, &format!("{},0.00,", 1e300)),
        ] {
            let mut out = Vec::new();
            append_rows(
                &mut out,
                [Row {
                    n: Number(n),
                    c: Confidence(c),
                    t: ms.map(TimeCode),
                }],
            )
            .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("{want}\n"));
            assert_eq!(
                format!("{}", crate::model::number::format(n)),
                want.split(',').next().unwrap()
            );
        }
    }
}
