//! The verdict ledger, `audit/verdicts.csv`.
//!
//! ```text
//! fact_id,verdict,reviewer,date,note,corrections
//! cac260cdd235233d,accepted,li,2025-02-01,,
//! 599530171a5f0833,corrected,li,2025-02-01,said 2023 on line 52,"{""date"":""2023""}"
//! 22b6fa48f4840daa,rejected,wang,2025-02-02,OpenAI is not in scope,
//! ```
//!
//! - `verdict` is `accepted`, `rejected` or `corrected` (a `corrected` row needs corrections,
//!   see [`super::fields`]).
//! - The file belongs to its users: the tool only ever appends rows, and never rewrites, sorts
//!   or drops one. Rows may be added by hand; lines starting with `#` are comments.
//! - The latest row for a fact (the one furthest down the file) wins.
//! - A row whose fact is no longer in the dataset stays in the file and is reported as an
//!   orphan.

use std::io::Write;
use std::path::Path;

use super::fields::{Claim, Corrections};
use crate::error::{Error, Result};

pub const HEADER: [&str; 7] = [
    "fact_id",
    "verdict",
    "reviewer",
    "date",
    "note",
    "corrections",
    "claim",
];

pub use crate::model::Verdict;

/// One row of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub fact_id: String,
    pub verdict: Verdict,
    pub reviewer: String,
    pub date: String,
    pub note: String,
    pub corrections: Corrections,
    /// The claim the reviewer judged (the machine's, before any correction); `None` for a row
    /// written before claims were recorded, or by hand without one.
    pub claim: Option<Claim>,
    /// 1-based line in the ledger file (0 for a row not yet written).
    pub line: usize,
}

/// Read the ledger; a missing file is an empty ledger. A bad row is an error naming its line.
pub fn read(path: &Path) -> Result<Vec<Entry>> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::in_file(path, "the ledger must be UTF-8"))?;
            parse(path, &text)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Parse ledger text (`path` only names the file in messages).
pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>> {
    parse_with_header(path, text).map(|(_, entries)| entries)
}

/// The header's column names (empty for an empty file) and the rows.
fn parse_with_header(path: &Path, text: &str) -> Result<(Vec<String>, Vec<Entry>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::at_line(path, 1, format!("unreadable header: {e}")))?
        .clone();
    if header.iter().all(|h| h.is_empty()) {
        return Ok((Vec::new(), Vec::new()));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(c_id), Some(c_verdict)) = (col("fact_id"), col("verdict")) else {
        return Err(Error::at_line(
            path,
            1,
            format!("header must name the columns {}", HEADER.join(",")),
        ));
    };
    let (c_reviewer, c_date, c_note, c_corr) = (
        col("reviewer"),
        col("date"),
        col("note"),
        col("corrections"),
    );
    // A ledger started before claims were recorded has no `claim` header: the claim is then
    // the one cell past the last named column.
    let c_claim = col("claim").or(Some(header.len()));
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Error::at_line(path, line, format!("bad CSV row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_string();
        let fact_id = cell(Some(c_id));
        if fact_id.is_empty() {
            return Err(Error::at_line(path, line, "a row needs a fact_id"));
        }
        let verdict_text = cell(Some(c_verdict));
        let verdict = Verdict::parse(&verdict_text).ok_or_else(|| {
            Error::at_line(
                path,
                line,
                format!("verdict {verdict_text:?} is not accepted, rejected or corrected"),
            )
        })?;
        let corrections =
            Corrections::from_cell(&cell(c_corr)).map_err(|e| Error::at_line(path, line, e))?;
        if verdict == Verdict::Corrected && corrections.is_empty() {
            return Err(Error::at_line(
                path,
                line,
                "a corrected verdict needs corrections, e.g. {\"date\":\"2019-07\"}",
            ));
        }
        let claim = Claim::from_cell(&cell(c_claim)).map_err(|e| Error::at_line(path, line, e))?;
        entries.push(Entry {
            fact_id,
            verdict,
            reviewer: cell(c_reviewer),
            date: cell(c_date),
            note: cell(c_note),
            corrections,
            claim,
            line,
        });
    }
    Ok((header.iter().map(str::to_string).collect(), entries))
}

/// Append rows to the ledger, creating it (with its header) if missing. The bytes already in
/// the file are never touched: only new bytes go after them (a newline first if the last line
/// was unterminated; CRLF rows if the file uses CRLF; cells in the file's own column order).
pub fn append(path: &Path, entries: &[Entry]) -> Result<()> {
    let existing = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(path, e)),
    };
    // Refuse to append to a ledger we cannot read back: it would bury the problem.
    let mut columns = Vec::new();
    if let Some(bytes) = &existing {
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| Error::in_file(path, "the ledger must be UTF-8"))?;
        columns = parse_with_header(path, &text)?.0;
    }
    let write_header = columns.is_empty();
    if write_header {
        columns = HEADER.iter().map(|c| c.to_string()).collect();
    }
    let crlf = existing
        .as_ref()
        .is_some_and(|b| b.windows(2).any(|w| w == b"\r\n"));
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::Other(format!("cannot write the ledger row: {e}"));
    let mut out = Vec::new();
    if let Some(b) = &existing
        && !b.is_empty()
        && !b.ends_with(b"\n")
    {
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    if write_header {
        writer.write_record(HEADER).map_err(csv_err)?;
    }
    for e in entries {
        let corrections = e.corrections.to_cell();
        let claim = e.claim.as_ref().map(Claim::to_cell).unwrap_or_default();
        let cells = [
            ("fact_id", e.fact_id.as_str()),
            ("verdict", e.verdict.as_str()),
            ("reviewer", e.reviewer.as_str()),
            ("date", e.date.as_str()),
            ("note", e.note.as_str()),
            ("corrections", corrections.as_str()),
            ("claim", claim.as_str()),
        ];
        let has_claim_column = columns.iter().any(|c| c == "claim");
        for (name, value) in cells {
            if !value.is_empty() && name != "claim" && !columns.iter().any(|c| c == name) {
                return Err(Error::at_line(
                    path,
                    1,
                    format!(
                        "the ledger has no {name} column to record {value:?}; add it to the header"
                    ),
                ));
            }
        }
        let mut row: Vec<&str> = columns
            .iter()
            .map(|c| {
                cells
                    .iter()
                    .find(|(name, _)| name == c)
                    .map_or("", |(_, v)| v)
            })
            .collect();
        if !has_claim_column && !claim.is_empty() {
            // An older ledger without a `claim` header: one cell past the named ones.
            row.push(&claim);
        }
        writer.write_record(row).map_err(csv_err)?;
    }
    out.extend(
        writer
            .into_inner()
            .map_err(|e| Error::Other(format!("cannot write the ledger row: {e}")))?,
    );
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(&out).map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, verdict: Verdict) -> Entry {
        Entry {
            fact_id: id.into(),
            verdict,
            reviewer: "li".into(),
            date: "2025-02-01".into(),
            note: "a, \"quoted\" note".into(),
            corrections: Corrections::default(),
            claim: None,
            line: 0,
        }
    }

    #[test]
    fn append_keeps_bytes_and_parses_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit/verdicts.csv");
        append(&path, &[entry("aaaa", Verdict::Accepted)]).unwrap();
        let first = std::fs::read(&path).unwrap();
        assert!(first.starts_with(b"fact_id,verdict,reviewer,date,note,corrections,claim\n"));
        let mut c = entry("bbbb", Verdict::Corrected);
        c.corrections = Corrections::from_assignments(&["date=2020".into()]).unwrap();
        c.claim =
            Claim::from_cell(r#"{"predicate":"founded","subject":"智谱","date":"2019"}"#).unwrap();
        append(&path, &[c.clone()]).unwrap();
        let second = std::fs::read(&path).unwrap();
        assert_eq!(&second[..first.len()], &first[..]);
        let rows = read(&path).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].note, "a, \"quoted\" note");
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].corrections.to_cell(), r#"{"date":"2020"}"#);
        // The claim reads back as written (keys sorted), and a row without one has none.
        assert_eq!(rows[1].claim, c.claim);
        assert_eq!(
            rows[1].claim.as_ref().unwrap().to_cell(),
            r#"{"date":"2019","predicate":"founded","subject":"智谱"}"#
        );
        assert_eq!(rows[0].claim, None);
    }

    #[test]
    fn unterminated_and_crlf_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.csv");
        let hand =
            b"verdict,fact_id,date,reviewer,note,corrections,mine\r\n# mine\r\nrejected,abcd";
        std::fs::write(&path, hand).unwrap();
        append(&path, &[entry("ef01", Verdict::Accepted)]).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..hand.len()], hand);
        assert_eq!(
            &bytes[hand.len()..],
            b"\r\naccepted,ef01,2025-02-01,li,\"a, \"\"quoted\"\" note\",,\r\n"
        );
        let rows = read(&path).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].verdict, Verdict::Rejected);
        assert_eq!(rows[0].reviewer, "");
        assert_eq!(rows[1].reviewer, "li");
    }

    #[test]
    fn a_missing_column_is_an_error_not_a_lost_cell() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.csv");
        std::fs::write(&path, "fact_id,verdict,date\n").unwrap();
        let e = append(&path, &[entry("ef01", Verdict::Accepted)]).unwrap_err();
        assert!(e.to_string().contains("no reviewer column"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"fact_id,verdict,date\n");
    }

    #[test]
    fn bad_rows_name_their_line() {
        let p = Path::new("v.csv");
        let e = parse(p, "fact_id,verdict\nabc,maybe\n").unwrap_err();
        assert!(e.to_string().contains("v.csv:2"), "{e}");
        let e = parse(p, "fact_id,verdict,corrections\nabc,corrected,\n").unwrap_err();
        assert!(e.to_string().contains("needs corrections"), "{e}");
        assert!(parse(p, "").unwrap().is_empty());
        assert!(parse(p, "id,what\n").is_err());
    }

    #[test]
    fn missing_ledger_is_empty() {
        assert!(
            read(Path::new("/nonexistent/verdicts.csv"))
                .unwrap()
                .is_empty()
        );
    }
}
