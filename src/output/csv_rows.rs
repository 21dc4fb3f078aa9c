//! The flattened CSV views of the dataset: one row a mention, a fact, an entity.
//!
//! Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! tab, CR or NUL) get a leading `'`, as OWASP recommends; numeric columns are written as
//! numbers and left alone. Such a cell then differs from the text by that `'` (a mention
//! `-12%` reads `'-12%`); `dataset.json` always holds the exact text, and
//! [`set_formula_guard`]`(false)` (`tfacts run --csv-guard none`) writes the CSVs exact too,
//! for programs that read them.

use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use super::ascii::{csv_needs_quotes, push_int, push_uint};
use crate::error::{Error, Result};
use crate::model::{Dataset, EntitySummary, EpisodeDoc, Qualifier, Value, number};

/// Neutralize a text cell that a spreadsheet would evaluate.
pub fn safe_text(cell: &str) -> String {
    text(cell).into_owned()
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

/// [`safe_text`] without a copy when the cell is safe.
fn text(cell: &str) -> Cow<'_, str> {
    if needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `HH:MM:SS` of a time in milliseconds (the CSV's time code).
pub fn time_code(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

pub(crate) fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| Error::Other(format!("cannot write CSV: {e}")))
}

pub(crate) fn csv_err(e: csv::Error) -> Error {
    Error::Other(format!("cannot write CSV: {e}"))
}

/// A header row, written by the csv crate.
pub(crate) fn header(fields: &[&str]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).map_err(csv_err)?;
    finish(w)
}

/// One CSV row appended to a buffer, byte for byte what `csv::Writer` (default settings:
/// `,`, `"`, `\n`, `QuoteStyle::Necessary`) writes for the same cells, without a `String`
/// a cell: a cell is quoted when it holds `,` `"` `\r` or `\n`, a `"` inside doubled; numbers
/// are written straight into the buffer. (The csv crate's one other rule, `""` for a record
/// of a single empty cell, cannot arise: every row here has many cells.)
pub(crate) struct Row<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Row<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>) -> Self {
        Row { out, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A cell, after a `'` when `guard`; quoted when needed (the `'` needs no quoting).
    fn cell(&mut self, guard: bool, cell: &str) {
        self.sep();
        let bytes = cell.as_bytes();
        if !csv_needs_quotes(bytes) {
            if guard {
                self.out.push(b'\'');
            }
            self.out.extend_from_slice(bytes);
            return;
        }
        self.out.push(b'"');
        if guard {
            self.out.push(b'\'');
        }
        let mut rest = bytes;
        while let Some(i) = rest.iter().position(|&b| b == b'"') {
            self.out.extend_from_slice(&rest[..=i]);
            self.out.push(b'"');
            rest = &rest[i + 1..];
        }
        self.out.extend_from_slice(rest);
        self.out.push(b'"');
    }

    /// A text cell as it is (ids, enum names, dates).
    pub(crate) fn plain(&mut self, cell: &str) {
        self.cell(false, cell);
    }

    /// A text cell, neutralized like [`safe_text`].
    pub(crate) fn text(&mut self, cell: &str) {
        self.cell(needs_guard(cell), cell);
    }

    pub(crate) fn opt_text(&mut self, cell: Option<&str>) {
        match cell {
            Some(cell) => self.text(cell),
            None => self.empty(),
        }
    }

    /// An enum's name (lowercase ASCII, nothing to quote or guard).
    pub(crate) fn name(&mut self, name: &'static str) {
        debug_assert!(!needs_guard(name) && !csv_needs_quotes(name.as_bytes()));
        self.sep();
        self.out.extend_from_slice(name.as_bytes());
    }

    /// A cell already written by [`encoded_text`] (the same cell on every row of an episode).
    pub(crate) fn encoded(&mut self, cell: &[u8]) {
        self.sep();
        self.out.extend_from_slice(cell);
    }

    pub(crate) fn empty(&mut self) {
        self.sep();
    }

    pub(crate) fn uint(&mut self, n: u64) {
        self.sep();
        push_uint(self.out, n);
    }

    pub(crate) fn opt_uint(&mut self, n: Option<u64>) {
        match n {
            Some(n) => self.uint(n),
            None => self.empty(),
        }
    }

    /// A number as [`crate::model::number::format`] writes it.
    pub(crate) fn number(&mut self, n: f64) {
        self.sep();
        match number::whole(n) {
            Some(i) => push_int(self.out, i),
            None => {
                let _ = write!(self.out, "{n}");
            }
        }
    }

    pub(crate) fn opt_number(&mut self, n: Option<f64>) {
        match n {
            Some(n) => self.number(n),
            None => self.empty(),
        }
    }

    /// `0.95`: two decimals, as `format!("{c:.2}")` writes them.
    pub(crate) fn confidence(&mut self, c: f64) {
        self.sep();
        // `{:.2}` rounds the exact value of `c` (half to even), which took the formatter's
        // exact decimal expansion: a thousand instructions a row. Below 100 (a confidence is
        // at most 1), `c * 100` is off the exact product by under 1e-12, so unless it falls
        // within 1e-9 of a half-way point it rounds as the exact product does.
        let hundredths = c * 100.0;
        let off_half = (hundredths - hundredths.trunc() - 0.5).abs();
        if (0.0..1e4).contains(&hundredths) && c.is_sign_positive() && off_half > 1e-9 {
            let n = hundredths.round() as u64;
            push_uint(self.out, n / 100);
            let cents = (n % 100) as u8;
            self.out
                .extend_from_slice(&[b'.', b'0' + cents / 10, b'0' + cents % 10]);
        } else {
            let _ = write!(self.out, "{c:.2}");
        }
    }

    /// `HH:MM:SS` ([`time_code`]).
    pub(crate) fn opt_time(&mut self, ms: Option<u64>) {
        self.sep();
        if let Some(ms) = ms {
            let s = ms / 1000;
            for (i, part) in [s / 3600, (s / 60) % 60, s % 60].into_iter().enumerate() {
                if i > 0 {
                    self.out.push(b':');
                }
                if part < 10 {
                    self.out.push(b'0');
                }
                push_uint(self.out, part);
            }
        }
    }

    pub(crate) fn end(self) {
        self.out.push(b'\n');
    }
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
    let mut out = header(MENTIONS_HEADER)?;
    for ep in &dataset.episodes {
        mention_rows(&mut out, ep);
    }
    Ok(out)
}

/// A text cell as [`Row::text`] writes it, for [`Row::encoded`].
fn encoded_text(cell: &str) -> Vec<u8> {
    let mut out = Vec::new();
    Row::new(&mut out).text(cell);
    out
}

/// The rows of one episode (no header), so episodes can be written as they are done.
pub fn mention_rows(out: &mut Vec<u8>, ep: &EpisodeDoc) {
    let episode = encoded_text(&ep.id);
    for m in &ep.mentions {
        let mut row = Row::new(out);
        row.encoded(&episode);
        row.plain(&m.id);
        row.name(m.kind.as_str());
        row.uint(m.line as u64);
        row.uint(m.start as u64);
        row.uint(m.end as u64);
        row.text(&m.text);
        row.opt_text(m.entity_id.as_deref());
        row.opt_text(m.name.as_deref());
        match &m.value {
            Some(Value::Number(n)) => row.number(*n),
            Some(Value::Date(d)) => row.plain(d),
            None => row.empty(),
        }
        row.opt_number(m.value_max);
        row.opt_text(m.unit.as_deref());
        row.opt_text(m.currency.as_deref());
        row.name(m.qualifier.map_or("", Qualifier::as_str));
        row.opt_uint(m.start_ms);
        row.opt_uint(m.end_ms);
        row.opt_time(m.start_ms);
        row.end();
    }
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
    let mut out = header(FACTS_HEADER)?;
    for ep in &dataset.episodes {
        fact_rows(&mut out, ep, reviewed_only);
    }
    Ok(out)
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
pub fn fact_rows(out: &mut Vec<u8>, ep: &EpisodeDoc, reviewed_only: bool) {
    let episode = encoded_text(&ep.id);
    for f in &ep.facts {
        let audit = &f.audit;
        if reviewed_only && !audit.status.is_kept() {
            continue;
        }
        let ev = &f.evidence;
        let mut row = Row::new(out);
        row.encoded(&episode);
        row.plain(&f.id);
        row.plain(&f.predicate);
        row.opt_text(f.subject.entity_id.as_deref());
        row.text(&f.subject.name);
        row.opt_text(f.object.as_ref().and_then(|o| o.entity_id.as_deref()));
        row.opt_text(f.object.as_ref().map(|o| o.name.as_str()));
        row.opt_text(f.metric.as_deref());
        row.opt_number(f.value);
        row.opt_number(f.value_max);
        row.opt_text(f.unit.as_deref());
        row.opt_text(f.currency.as_deref());
        row.name(f.qualifier.map_or("", Qualifier::as_str));
        row.opt_text(f.date.as_deref());
        row.opt_text(f.as_of.as_deref());
        row.opt_text(f.round.as_deref());
        row.name(if f.forecast { "true" } else { "false" });
        row.uint(ev.line_start as u64);
        row.uint(ev.line_end as u64);
        row.text(&ev.text);
        row.confidence(f.confidence);
        row.text(&f.rule);
        row.opt_uint(ev.start_ms);
        row.opt_uint(ev.end_ms);
        row.opt_time(ev.start_ms);
        row.name(audit.status.as_str());
        row.opt_text(audit.reviewer.as_deref());
        row.opt_text(audit.date.as_deref());
        row.opt_text(audit.note.as_deref());
        if audit.original.is_empty() {
            row.empty();
        } else {
            row.text(&serde_json::to_string(&audit.original).unwrap_or_default());
        }
        row.end();
    }
}

pub fn entities_csv(dataset: &Dataset) -> Result<Vec<u8>> {
    entity_rows(&dataset.entities)
}

/// `entities.csv` for a list of entity summaries (header included).
pub fn entity_rows(entities: &[EntitySummary]) -> Result<Vec<u8>> {
    let mut out = header(ENTITIES_HEADER)?;
    for e in entities {
        entity_row(&mut out, e);
    }
    Ok(out)
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
pub fn entity_row(out: &mut Vec<u8>, e: &EntitySummary) {
    let mut row = Row::new(out);
    row.plain(&e.id);
    row.name(e.kind.as_str());
    row.text(&e.name);
    row.text(&e.aliases.join("|"));
    row.opt_text(e.owner.as_deref());
    row.opt_text(e.affiliation.as_deref());
    row.text(&e.episodes.join("|"));
    row.uint(e.mentions as u64);
    row.end();
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

    /// What the csv crate writes for these cells.
    fn csv_crate(cells: &[String]) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(cells).unwrap();
        finish(w).unwrap()
    }

    fn row(f: impl FnOnce(&mut Row)) -> String {
        let mut out = Vec::new();
        let mut r = Row::new(&mut out);
        f(&mut r);
        r.end();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_are_what_the_csv_crate_writes() {
        let cells: Vec<String> = [
            "",
            "智谱",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "cr\r",
            "=1+1",
            "-5",
            "+86",
            "@x",
            "\tx",
            "\0",
            " lead",
            "trail ",
            "'q",
            "#c",
            ";",
            "a\r\nb,\"c\"",
        ]
        .map(String::from)
        .to_vec();
        for pair in cells.windows(2) {
            assert_eq!(
                row(|r| pair.iter().for_each(|c| r.plain(c))),
                String::from_utf8(csv_crate(pair)).unwrap()
            );
            let safe: Vec<String> = pair.iter().map(|c| safe_text(c)).collect();
            assert_eq!(
                row(|r| pair.iter().for_each(|c| r.text(c))),
                String::from_utf8(csv_crate(&safe)).unwrap()
            );
        }
        assert_eq!(row(|r| r.plain("x")), "x\n");
        assert_eq!(row(|r| (r.empty(), r.empty()).1), ",\n");
    }

    #[test]
    fn numbers_are_written_as_the_model_formats_them() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            2.5,
            -0.125,
            0.1 + 0.2,
            36_000_000.0,
            1e15,
            1e16,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_993.0,
            1e300,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(
                row(|r| r.number(n)),
                format!("{}\n", crate::model::number::format(n)),
                "{n}"
            );
        }
        for n in [0, 7, 10, 99, 100, 12_345, u64::MAX] {
            assert_eq!(row(|r| r.uint(n)), format!("{n}\n"));
        }
        for c in [
            0.0,
            -0.0,
            0.5,
            0.954,
            0.955,
            0.125,
            0.135,
            0.005,
            0.015,
            1.0,
            0.123456,
            0.999,
            0.995,
            99.995,
            12345.675,
            999_999.994,
            1e6,
            1e300,
            -0.95,
            f64::NAN,
        ] {
            assert_eq!(row(|r| r.confidence(c)), format!("{c:.2}\n"), "{c}");
        }
        for ms in [
            0,
            999,
            1_000,
            59_999,
            3_723_456,
            359_999_999,
            360_000_000,
            u64::MAX,
        ] {
            assert_eq!(
                row(|r| r.opt_time(Some(ms))),
                format!("{}\n", time_code(ms))
            );
        }
        assert_eq!(row(|r| r.opt_time(None)), "\n");
    }

    proptest::proptest! {
        #[test]
        fn any_confidence_has_two_decimals_as_format_writes_them(
            c in 0.0f64..200.0, hundredths in 0u64..20_000, bits in proptest::num::u64::ANY
        ) {
            // Any value; hundredths and half-way points (`x.xx5`) and their neighbours.
            let half = (hundredths as f64 + 0.5) / 100.0;
            for c in [c, f64::from_bits(bits), hundredths as f64 / 100.0, half,
                      half.next_up(), half.next_down()] {
                proptest::prop_assert_eq!(row(|r| r.confidence(c)), format!("{c:.2}\n"));
            }
        }

        #[test]
        fn any_cells_are_written_as_the_csv_crate_writes_them(
            cells in proptest::collection::vec("[a,\"\r\n =+@'\t\0智-]{0,6}", 2..6)
        ) {
            proptest::prop_assert_eq!(
                row(|r| cells.iter().for_each(|c| r.plain(c))).into_bytes(),
                csv_crate(&cells)
            );
            let safe: Vec<String> = cells.iter().map(|c| safe_text(c)).collect();
            proptest::prop_assert_eq!(
                row(|r| cells.iter().for_each(|c| r.text(c))).into_bytes(),
                csv_crate(&safe)
            );
            // Text cells encoded once and copied into the row.
            proptest::prop_assert_eq!(
                row(|r| cells.iter().for_each(|c| r.encoded(&encoded_text(c)))).into_bytes(),
                csv_crate(&safe)
            );
        }
    }
}
