//! Applying the ledger to a freshly built dataset (every `tfacts run` does this).
//!
//! The latest ledger row for a fact decides its status; a `corrected` fact takes the corrected
//! values (what the machine said is kept in the fact's `audit.original`); a `rejected` fact
//! stays in the dataset, marked. Rows whose fact is not in the dataset become orphans.
//!
//! A verdict covers only the claim it judged: a row that recorded its claim is compared with
//! what the fact claims now (before corrections), and when any field differs the fact is
//! `stale` (the verdict and its corrections are not applied; `audit.changed` says what
//! changed). A row without a recorded claim (written before claims were recorded, or by hand)
//! covers the fact its id names, as before.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::{Claim, describe_changes};
use super::{DatasetAudit, FactAudit, Orphan, Status, ledger::Entry};
use crate::model::{Dataset, EpisodeDoc};

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
/// `dataset.audit`. Returns one warning line per stale fact and per orphaned verdict.
pub fn apply(dataset: &mut Dataset, entries: &[Entry]) -> Vec<String> {
    let latest = latest(entries);
    let mut present = BTreeSet::new();
    let mut warnings = Vec::new();
    for ep in &mut dataset.episodes {
        warnings.extend(apply_episode(ep, &latest));
        present.extend(ep.facts.iter().map(|f| f.id.clone()));
    }
    let orphans = orphans(&latest, |id| present.contains(id));
    warnings.extend(orphans.iter().map(orphan_warning));
    dataset.audit = DatasetAudit { orphans };
    warnings
}

/// Set the `audit` of one episode's facts from the latest verdicts, applying corrections
/// (a run applies the ledger episode by episode as they stream through). Returns one warning
/// line per fact whose claim changed under its verdict (see [`stale_warning`]).
pub fn apply_episode(ep: &mut EpisodeDoc, latest: &BTreeMap<&str, &Entry>) -> Vec<String> {
    let mut warnings = Vec::new();
    for fact in &mut ep.facts {
        // A fact read back from a written dataset shows its corrections: put the machine's
        // values back first, so applying the ledger again gives the same result.
        if !fact.audit.original.is_empty() {
            super::Corrections(std::mem::take(&mut fact.audit.original)).apply(fact);
        }
        fact.audit = match latest.get(fact.id.as_str()) {
            None => FactAudit::unreviewed(),
            Some(e) if e.claim.as_ref().is_some_and(|c| *c != Claim::of(fact)) => {
                let judged = e.claim.as_ref().expect("checked above");
                let changed = judged.changes(&Claim::of(fact));
                let audit = FactAudit {
                    status: Status::Stale,
                    reviewer: non_empty(&e.reviewer),
                    date: non_empty(&e.date),
                    note: non_empty(&e.note),
                    corrections: BTreeMap::new(),
                    original: BTreeMap::new(),
                    ledger_line: Some(e.line),
                    verdict: Some(e.verdict),
                    changed,
                };
                warnings.push(stale_warning(&fact.id, &audit));
                audit
            }
            Some(e) => {
                let corrected = e.verdict == super::Verdict::Corrected;
                let original = if corrected {
                    e.corrections.apply(fact)
                } else {
                    BTreeMap::new()
                };
                FactAudit {
                    status: Status::from(e.verdict),
                    reviewer: non_empty(&e.reviewer),
                    date: non_empty(&e.date),
                    note: non_empty(&e.note),
                    corrections: if corrected {
                        e.corrections.0.clone()
                    } else {
                        BTreeMap::new()
                    },
                    original,
                    ledger_line: Some(e.line),
                    verdict: None,
                    changed: BTreeMap::new(),
                }
            }
        };
    }
    warnings
}

/// The line a run prints about a fact whose claim changed since its verdict.
pub fn stale_warning(fact_id: &str, audit: &FactAudit) -> String {
    format!(
        "stale verdict on ledger line {}: {} {} was judged on another claim ({}); \
         left out of facts.reviewed.csv until re-judged: tfacts audit accept|reject|correct {}",
        audit.ledger_line.unwrap_or(0),
        audit.verdict.map_or("?", |v| v.as_str()),
        fact_id,
        describe_changes(&audit.changed),
        fact_id
    )
}

/// The latest verdicts whose fact is not in the run (in fact id order).
pub fn orphans(latest: &BTreeMap<&str, &Entry>, present: impl Fn(&str) -> bool) -> Vec<Orphan> {
    latest
        .iter()
        .filter(|(id, _)| !present(id))
        .map(|(id, e)| Orphan {
            fact_id: id.to_string(),
            verdict: e.verdict,
            reviewer: e.reviewer.clone(),
            date: e.date.clone(),
            note: e.note.clone(),
            ledger_line: e.line,
        })
        .collect()
}

/// The line a run prints about an orphaned verdict.
pub fn orphan_warning(o: &Orphan) -> String {
    format!(
        "orphaned verdict on ledger line {}: {} {} (no fact with that id in this run; the row is kept)",
        o.ledger_line,
        o.verdict.as_str(),
        o.fact_id
    )
}
