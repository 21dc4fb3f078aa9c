//! The flattened CSV views of the dataset: one row a mention, a fact, an entity.
//!
//! Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! tab, CR or NUL) get a leading `'`, as OWASP recommends; numeric columns are written as
//! numbers and left alone.

use crate::error::{Error, Result};
use crate::model::{Dataset, EntitySummary, EpisodeDoc, Qualifier, Value, number};

/// Neutralize a text cell that a spreadsheet would evaluate.
pub fn safe_text(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// `HH:MM:SS` of a time in milliseconds (the CSV's time code).
pub fn time_code(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

fn opt_num(n: Option<f64>) -> String {
    n.map(number::format).unwrap_or_default()
}

fn opt_text(s: Option<&str>) -> String {
    s.map(safe_text).unwrap_or_default()
}

fn opt_ms(ms: Option<u64>) -> String {
    ms.map(|m| m.to_string()).unwrap_or_default()
}

fn opt_time(ms: Option<u64>) -> String {
    ms.map(time_code).unwrap_or_default()
}

fn qualifier(q: Option<Qualifier>) -> String {
    q.map(|q| q.as_str().to_string()).unwrap_or_default()
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
    for m in &ep.mentions {
        let value = match &m.value {
            Some(Value::Number(n)) => number::format(*n),
            Some(Value::Date(d)) => d.clone(),
            None => String::new(),
        };
        w.write_record([
            safe_text(&ep.id),
            m.id.clone(),
            m.kind.as_str().to_string(),
            m.line.to_string(),
            m.start.to_string(),
            m.end.to_string(),
            safe_text(&m.text),
            opt_text(m.entity_id.as_deref()),
            opt_text(m.name.as_deref()),
            value,
            opt_num(m.value_max),
            opt_text(m.unit.as_deref()),
            opt_text(m.currency.as_deref()),
            qualifier(m.qualifier),
            opt_ms(m.start_ms),
            opt_ms(m.end_ms),
            opt_time(m.start_ms),
        ])
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
];

pub fn facts_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(FACTS_HEADER).map_err(csv_err)?;
    for ep in &dataset.episodes {
        fact_rows(&mut w, ep)?;
    }
    finish(w)
}

/// The rows of one episode (no header), so episodes can be written as they are done.
pub fn fact_rows<W: std::io::Write>(w: &mut csv::Writer<W>, ep: &EpisodeDoc) -> Result<()> {
    for f in &ep.facts {
        let ev = &f.evidence;
        w.write_record([
            safe_text(&ep.id),
            f.id.clone(),
            f.predicate.clone(),
            opt_text(f.subject.entity_id.as_deref()),
            safe_text(&f.subject.name),
            opt_text(f.object.as_ref().and_then(|o| o.entity_id.as_deref())),
            opt_text(f.object.as_ref().map(|o| o.name.as_str())),
            opt_text(f.metric.as_deref()),
            opt_num(f.value),
            opt_num(f.value_max),
            opt_text(f.unit.as_deref()),
            opt_text(f.currency.as_deref()),
            qualifier(f.qualifier),
            opt_text(f.date.as_deref()),
            opt_text(f.as_of.as_deref()),
            opt_text(f.round.as_deref()),
            f.forecast.to_string(),
            ev.line_start.to_string(),
            ev.line_end.to_string(),
            safe_text(&ev.text),
            format!("{:.2}", f.confidence),
            safe_text(&f.rule),
            opt_ms(ev.start_ms),
            opt_ms(ev.end_ms),
            opt_time(ev.start_ms),
        ])
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
    w.write_record([
        "id",
        "type",
        "name",
        "aliases",
        "owner",
        "affiliation",
        "episodes",
        "mentions",
    ])
    .map_err(csv_err)?;
    for e in entities {
        w.write_record([
            e.id.clone(),
            e.kind.as_str().to_string(),
            safe_text(&e.name),
            safe_text(&e.aliases.join("|")),
            opt_text(e.owner.as_deref()),
            opt_text(e.affiliation.as_deref()),
            safe_text(&e.episodes.join("|")),
            e.mentions.to_string(),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
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
