//! The flattened CSV views of the dataset: one row a mention, a fact, an entity.
//!
//! Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! tab, CR or NUL) get a leading `'`, as OWASP recommends; numeric columns are written as
//! numbers and left alone.

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::model::{Dataset, EntitySummary, EpisodeDoc, Qualifier, Value, number};

/// Neutralize a text cell that a spreadsheet would evaluate.
pub fn safe_text(cell: &str) -> String {
    text(cell).into_owned()
}

/// [`safe_text`] without a copy when the cell is safe (the row writers run once a mention).
fn text(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn opt_cell(s: Option<&str>) -> Cow<'_, str> {
    s.map_or(Cow::Borrowed(""), text)
}

fn owned<'a>(s: String) -> Cow<'a, str> {
    Cow::Owned(s)
}

/// `HH:MM:SS` of a time in milliseconds (the CSV's time code).
pub fn time_code(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

fn opt_num(n: Option<f64>) -> String {
    n.map(number::format).unwrap_or_default()
}

fn opt_ms(ms: Option<u64>) -> String {
    ms.map(|m| m.to_string()).unwrap_or_default()
}

fn opt_time(ms: Option<u64>) -> String {
    ms.map(time_code).unwrap_or_default()
}

pub(crate) fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| Error::Other(format!("cannot write CSV: {e}")))
}

pub(crate) fn csv_err(e: csv::Error) -> Error {
    Error::Other(format!("cannot write CSV: {e}"))
}

pub const MENTIONS_HEADER: &[&str] = &[
    "episode",
    "id",
    "type",
    "line",
    "start",
    "end",
    "text",
    "entity_id",
    "name",
    "value",
    "value_max",
    "unit",
    "currency",
    "qualifier",
    "start_ms",
    "end_ms",
    "time",
];

pub fn mentions_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(MENTIONS_HEADER).map_err(csv_err)?;
    for ep in &dataset.episodes {
        mention_rows(&mut w, ep)?;
    }
    finish(w)
}

/// The rows of one episode (no header), so episodes can be written as they are done.
pub fn mention_rows<W: std::io::Write>(w: &mut csv::Writer<W>, ep: &EpisodeDoc) -> Result<()> {
    let episode = text(&ep.id);
    for m in &ep.mentions {
        let value = match &m.value {
            Some(Value::Number(n)) => owned(number::format(*n)),
            Some(Value::Date(d)) => Cow::Borrowed(d.as_str()),
            None => Cow::Borrowed(""),
        };
        let row = [
            episode.clone(),
            Cow::Borrowed(m.id.as_str()),
            Cow::Borrowed(m.kind.as_str()),
            owned(m.line.to_string()),
            owned(m.start.to_string()),
            owned(m.end.to_string()),
            text(&m.text),
            opt_cell(m.entity_id.as_deref()),
            opt_cell(m.name.as_deref()),
            value,
            owned(opt_num(m.value_max)),
            opt_cell(m.unit.as_deref()),
            opt_cell(m.currency.as_deref()),
            Cow::Borrowed(m.qualifier.map_or("", Qualifier::as_str)),
            owned(opt_ms(m.start_ms)),
            owned(opt_ms(m.end_ms)),
            owned(opt_time(m.start_ms)),
        ];
        w.write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(csv_err)?;
    }
    Ok(())
}

pub const FACTS_HEADER: &[&str] = &[
    "episode",
    "id",
    "predicate",
    "subject_id",
    "subject_name",
    "object_id",
    "object_name",
    "metric",
    "value",
    "value_max",
    "unit",
    "currency",
    "qualifier",
    "date",
    "as_of",
    "round",
    "forecast",
    "line_start",
    "line_end",
    "evidence",
    "confidence",
    "rule",
    "start_ms",
    "end_ms",
    "time",
    "audit_status",
    "audit_reviewer",
    "audit_date",
    "audit_note",
    "audit_original",
];

pub fn facts_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    facts_rows(dataset, false)
}

/// `facts.reviewed.csv`: only the facts a reviewer accepted or corrected.
pub fn reviewed_facts_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    facts_rows(dataset, true)
}

fn facts_rows(dataset: &Dataset, reviewed_only: bool) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(FACTS_HEADER).map_err(csv_err)?;
    for ep in &dataset.episodes {
        fact_rows(&mut w, ep, reviewed_only)?;
    }
    finish(w)
}

/// `audit_orphans.csv`: ledger verdicts whose fact is not in this dataset.
pub fn audit_orphans_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    orphan_rows(&dataset.audit)
}

/// The orphan rows (with their header) of an audit section.
pub fn orphan_rows(audit: &crate::audit::DatasetAudit) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "fact_id",
        "verdict",
        "reviewer",
        "date",
        "note",
        "ledger_line",
    ])
    .map_err(csv_err)?;
    for o in &audit.orphans {
        w.write_record([
            safe_text(&o.fact_id),
            o.verdict.as_str().to_string(),
            safe_text(&o.reviewer),
            safe_text(&o.date),
            safe_text(&o.note),
            o.ledger_line.to_string(),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// The rows of one episode (no header), so episodes can be written as they are done.
///
/// With `reviewed_only`, only the facts a reviewer accepted or corrected (`facts.reviewed.csv`).
pub fn fact_rows<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    ep: &EpisodeDoc,
    reviewed_only: bool,
) -> Result<()> {
    let episode = text(&ep.id);
    for f in &ep.facts {
        let audit = &f.audit;
        if reviewed_only && !audit.status.is_kept() {
            continue;
        }
        let original = if audit.original.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&audit.original).unwrap_or_default()
        };
        let ev = &f.evidence;
        let row = [
            episode.clone(),
            Cow::Borrowed(f.id.as_str()),
            Cow::Borrowed(f.predicate.as_str()),
            opt_cell(f.subject.entity_id.as_deref()),
            text(&f.subject.name),
            opt_cell(f.object.as_ref().and_then(|o| o.entity_id.as_deref())),
            opt_cell(f.object.as_ref().map(|o| o.name.as_str())),
            opt_cell(f.metric.as_deref()),
            owned(opt_num(f.value)),
            owned(opt_num(f.value_max)),
            opt_cell(f.unit.as_deref()),
            opt_cell(f.currency.as_deref()),
            Cow::Borrowed(f.qualifier.map_or("", Qualifier::as_str)),
            opt_cell(f.date.as_deref()),
            opt_cell(f.as_of.as_deref()),
            opt_cell(f.round.as_deref()),
            Cow::Borrowed(if f.forecast { "true" } else { "false" }),
            owned(ev.line_start.to_string()),
            owned(ev.line_end.to_string()),
            text(&ev.text),
            owned(format!("{:.2}", f.confidence)),
            text(&f.rule),
            owned(opt_ms(ev.start_ms)),
            owned(opt_ms(ev.end_ms)),
            owned(opt_time(ev.start_ms)),
            Cow::Borrowed(audit.status.as_str()),
            opt_cell(audit.reviewer.as_deref()),
            opt_cell(audit.date.as_deref()),
            opt_cell(audit.note.as_deref()),
            text(&original),
        ];
        w.write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(csv_err)?;
    }
    Ok(())
}

pub fn entities_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    entity_rows(&dataset.entities)
}

/// `entities.csv` for a list of entity summaries (header included).
pub fn entity_rows(entities: &[EntitySummary]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(ENTITIES_HEADER).map_err(csv_err)?;
    for e in entities {
        entity_row(&mut w, e)?;
    }
    finish(w)
}

pub const ENTITIES_HEADER: &[&str] = &[
    "id",
    "type",
    "name",
    "aliases",
    "owner",
    "affiliation",
    "episodes",
    "mentions",
];

/// One row of `entities.csv`.
pub fn entity_row<W: std::io::Write>(w: &mut csv::Writer<W>, e: &EntitySummary) -> Result<()> {
    w.write_record([
        e.id.clone(),
        e.kind.as_str().to_string(),
        safe_text(&e.name),
        safe_text(&e.aliases.join("|")),
        opt_cell(e.owner.as_deref()).into_owned(),
        opt_cell(e.affiliation.as_deref()).into_owned(),
        safe_text(&e.episodes.join("|")),
        e.mentions.to_string(),
    ])
    .map_err(csv_err)
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

    #[test]
    fn time_codes() {
        assert_eq!(time_code(3_723_456), "01:02:03");
        assert_eq!(time_code(0), "00:00:00");
    }
}
