//! Applying the ledger to a freshly built dataset (every `tfacts run` does this).
//!
//! The latest ledger row for a fact decides its status; a `corrected` fact takes the corrected
//! values (what the machine said is kept in the fact's `audit.original`); a `rejected` fact
//! stays in the dataset, marked. Rows whose fact is not in the dataset become orphans.

use std::collections::{BTreeMap, BTreeSet};

use super::{DatasetAudit, FactAudit, Orphan, Status, ledger::Entry};
use crate::model::Dataset;

/// The latest entry per fact id (the one furthest down the ledger).
pub fn latest(entries: &[Entry]) -> BTreeMap<&str, &Entry> {
    let mut out = BTreeMap::new();
    for e in entries {
        out.insert(e.fact_id.as_str(), e);
    }
    out
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Set each fact's `audit` from the ledger, apply corrections, and list orphans in
/// `dataset.audit`. Returns one warning
/// line per orphaned verdict.
pub fn apply(dataset: &mut Dataset, entries: &[Entry]) -> Vec<String> {
    let latest = latest(entries);
    let mut audit = DatasetAudit::default();
    let mut present = BTreeSet::new();
    for ep in &mut dataset.episodes {
        for fact in &mut ep.facts {
            present.insert(fact.id.clone());
            let status = match latest.get(fact.id.as_str()) {
                None => FactAudit::unreviewed(),
                Some(e) => {
                    let original = if e.verdict == super::Verdict::Corrected {
                        e.corrections.apply(fact)
                    } else {
                        BTreeMap::new()
                    };
                    FactAudit {
                        status: Status::from(e.verdict),
                        reviewer: non_empty(&e.reviewer),
                        date: non_empty(&e.date),
                        note: non_empty(&e.note),
                        corrections: if e.verdict == super::Verdict::Corrected {
                            e.corrections.0.clone()
                        } else {
                            BTreeMap::new()
                        },
                        original,
                        ledger_line: Some(e.line),
                    }
                }
            };
            fact.audit = status;
        }
    }
    let mut warnings = Vec::new();
    for (id, e) in &latest {
        if present.contains(*id) {
            continue;
        }
        warnings.push(format!(
            "orphaned verdict on ledger line {}: {} {id} (no fact with that id in this run; the row is kept)",
            e.line,
            e.verdict.as_str()
        ));
        audit.orphans.push(Orphan {
            fact_id: id.to_string(),
            verdict: e.verdict,
            reviewer: e.reviewer.clone(),
            date: e.date.clone(),
            note: e.note.clone(),
            ledger_line: e.line,
        });
    }
    dataset.audit = audit;
    warnings
}
