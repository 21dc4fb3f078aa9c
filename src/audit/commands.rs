//! What `tfacts audit accept|reject|correct|status` do, as library functions (the binary only
//! parses flags).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::fields::{Claim, Corrections, describe_changes};
use super::ledger::{self, Entry, Verdict};
use super::{Status, apply};
use crate::error::{Error, Result};
use crate::model::Dataset;

/// Read a dataset: a `dataset.json` path or an output folder holding one.
pub fn load_dataset(path: &Path) -> Result<Dataset> {
    let file = if path.is_dir() {
        path.join("dataset.json")
    } else {
        path.to_path_buf()
    };
    let bytes = std::fs::read(&file).map_err(|e| {
        Error::in_file(
            &file,
            format!("cannot read the dataset ({e}); run `tfacts run` first"),
        )
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::in_file(&file, format!("not a dataset.json: {e}")))
}

/// The reviewer to record when none is given: `$USER`, else `unknown`.
pub fn default_reviewer() -> String {
    std::env::var("USER")
        .ok()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// One verdict to record.
#[derive(Debug, Clone)]
pub struct VerdictRequest {
    pub fact_id: String,
    pub verdict: Verdict,
    pub reviewer: Option<String>,
    pub note: Option<String>,
    /// `field=value` pairs (only for `corrected`).
    pub set: Vec<String>,
    /// `YYYY-MM-DD`; today (UTC) when absent.
    pub date: Option<String>,
}

/// Check a request against the dataset and append it to the ledger. Returns the row written.
pub fn record(dataset: &Path, ledger_path: &Path, req: &VerdictRequest) -> Result<Entry> {
    let data = load_dataset(dataset)?;
    let id = req.fact_id.trim();
    let fact = data
        .episodes
        .iter()
        .flat_map(|e| &e.facts)
        .find(|f| f.id == id);
    let Some(fact) = fact else {
        return Err(Error::Other(format!(
            "no fact with id {id:?} in {} (ids are listed in facts.csv and report.html; \
             rerun `tfacts run` if the dataset is stale)",
            dataset.display()
        )));
    };
    let corrections = Corrections::from_assignments(&req.set).map_err(Error::Other)?;
    match req.verdict {
        Verdict::Corrected if corrections.is_empty() => {
            return Err(Error::Other(
                "`audit correct` needs at least one --set field=value".into(),
            ));
        }
        Verdict::Accepted | Verdict::Rejected if !corrections.is_empty() => {
            let what = if req.verdict == Verdict::Accepted {
                "`audit accept` records the fact as it stands"
            } else {
                "`audit reject` records the fact as wrong as a whole"
            };
            let sets: Vec<String> = req.set.iter().map(|s| format!("--set {s}")).collect();
            return Err(Error::Other(format!(
                "{what}; to change a field, run `tfacts audit correct {id} {}`",
                sets.join(" ")
            )));
        }
        _ => {}
    }
    let date = match &req.date {
        Some(d) if super::fields::is_iso_prefix(d) && d.len() == 10 => d.clone(),
        Some(d) => return Err(Error::Other(format!("--date {d:?}: expected YYYY-MM-DD"))),
        None => super::today(),
    };
    let one_line = |s: &str| s.replace(['\r', '\n'], " ").trim().to_string();
    let entry = Entry {
        fact_id: id.to_string(),
        verdict: req.verdict,
        reviewer: one_line(&req.reviewer.clone().unwrap_or_else(default_reviewer)),
        date,
        note: one_line(req.note.as_deref().unwrap_or("")),
        corrections,
        claim: Some(machine_claim(fact)),
        line: 0,
    };
    ledger::append(ledger_path, std::slice::from_ref(&entry))?;
    Ok(entry)
}

/// What the machine claims for a fact of a written dataset: its fields, with the values a
/// correction replaced put back (`audit.original`). This is the claim a verdict judges.
pub fn machine_claim(fact: &crate::model::Fact) -> Claim {
    let mut machine = fact.clone();
    if !fact.audit.original.is_empty() {
        let original = Corrections(fact.audit.original.clone());
        original.apply(&mut machine);
    }
    Claim::of(&machine)
}

/// Review progress per episode, and the orphaned verdicts, as text.
pub fn status(dataset: &Path, ledger_path: &Path) -> Result<String> {
    let mut data = load_dataset(dataset)?;
    let entries = ledger::read(ledger_path)?;
    apply::apply(&mut data, &entries);
    let mut out = String::new();
    let width = data
        .episodes
        .iter()
        .map(|e| e.id.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let _ = writeln!(
        out,
        "{:<width$}  {:>5}  {:>8}  {:>9}  {:>8}  {:>10}  {:>8}",
        "episode", "facts", "accepted", "corrected", "rejected", "unreviewed", "reviewed"
    );
    let mut total: BTreeMap<Status, usize> = BTreeMap::new();
    let mut total_facts = 0;
    let row = |out: &mut String, name: &str, facts: usize, c: &BTreeMap<Status, usize>| {
        let n = |s| c.get(&s).copied().unwrap_or(0);
        let reviewed = facts - n(Status::Unreviewed) - n(Status::Stale);
        let pct = if facts == 0 {
            0.0
        } else {
            100.0 * reviewed as f64 / facts as f64
        };
        let _ = writeln!(
            out,
            "{:<width$}  {:>5}  {:>8}  {:>9}  {:>8}  {:>10}  {:>7.1}%",
            name,
            facts,
            n(Status::Accepted),
            n(Status::Corrected),
            n(Status::Rejected),
            n(Status::Unreviewed),
            pct
        );
    };
    for ep in &data.episodes {
        let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
        for f in &ep.facts {
            *counts.entry(f.audit.status).or_default() += 1;
        }
        for (s, n) in &counts {
            *total.entry(*s).or_default() += n;
        }
        total_facts += ep.facts.len();
        row(&mut out, &ep.id, ep.facts.len(), &counts);
    }
    row(&mut out, "total", total_facts, &total);
    let stale: Vec<&crate::model::Fact> = data
        .episodes
        .iter()
        .flat_map(|e| &e.facts)
        .filter(|f| f.audit.status == Status::Stale)
        .collect();
    if stale.is_empty() {
        let _ = writeln!(out, "stale verdicts: none");
    } else {
        let _ = writeln!(
            out,
            "stale verdicts: {} (the claim changed since it was judged; not in facts.reviewed.csv \
             until re-judged with `tfacts audit accept|reject|correct ID`)",
            stale.len()
        );
        for f in stale {
            let _ = writeln!(
                out,
                "  line {}: {} {}: {}",
                f.audit.ledger_line.unwrap_or(0),
                f.audit.verdict.map_or("?", |v| v.as_str()),
                f.id,
                describe_changes(&f.audit.changed)
            );
        }
    }
    if data.audit.orphans.is_empty() {
        let _ = writeln!(out, "orphaned verdicts: none");
    } else {
        let _ = writeln!(
            out,
            "orphaned verdicts: {} (kept in {}; their fact is not in this dataset)",
            data.audit.orphans.len(),
            ledger_path.display()
        );
        for o in &data.audit.orphans {
            let _ = writeln!(
                out,
                "  line {}: {} {} ({} {}){}",
                o.ledger_line,
                o.verdict.as_str(),
                o.fact_id,
                o.reviewer,
                o.date,
                if o.note.is_empty() {
                    String::new()
                } else {
                    format!(" {}", o.note)
                }
            );
        }
    }
    Ok(out)
}
