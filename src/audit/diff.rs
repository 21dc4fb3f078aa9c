//! `tfacts diff OLD NEW`: facts added, removed and changed between two datasets, per episode.
//!
//! Fact ids are content digests, so a fact whose date changed has a new id. Removed and added
//! facts with the same episode, predicate, subject and object are therefore paired (nearest
//! evidence line first) and reported as one *changed* fact with field-level differences. A
//! fact with the same id in both whose fields differ (confidence, rule, evidence text, audit
//! status) is changed too; evidence line numbers alone are not a change (lines added above a
//! fact move it without changing it).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use serde_json::Value as Json;

use super::commands::load_dataset;
use crate::error::Result;
use crate::model::{Dataset, Fact};

#[derive(Debug, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub episodes: Vec<EpisodeDiff>,
    pub summary: Summary,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Facts in NEW whose claim changed under their verdict (`audit.status` `stale`).
    pub stale: usize,
}

#[derive(Debug, Serialize)]
pub struct EpisodeDiff {
    pub id: String,
    /// `both`, or `added` / `removed` for an episode only in NEW / OLD.
    pub presence: &'static str,
    pub added: Vec<FactBrief>,
    pub removed: Vec<FactBrief>,
    pub changed: Vec<Changed>,
    /// Facts in NEW whose verdict was given to another claim: they need a new verdict.
    pub stale: Vec<StaleFact>,
}

/// A fact of NEW whose claim changed since its verdict.
#[derive(Debug, Serialize)]
pub struct StaleFact {
    pub id: String,
    pub predicate: String,
    pub subject: String,
    pub object: Option<String>,
    pub line_start: usize,
    /// The verdict given to the claim as it was.
    pub verdict: Option<&'static str>,
    pub ledger_line: Option<usize>,
    /// Field -> `{"judged": .., "now": ..}`.
    pub changed: BTreeMap<String, Json>,
}

/// Enough of a fact to recognize it.
#[derive(Debug, Serialize)]
pub struct FactBrief {
    pub id: String,
    pub predicate: String,
    pub subject: String,
    pub object: Option<String>,
    pub line_start: usize,
    pub line_end: usize,
    /// The fact's attributes (`date 2019-06, value 100`).
    pub attributes: String,
    pub audit_status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Changed {
    pub old_id: String,
    pub new_id: String,
    pub predicate: String,
    pub subject: String,
    pub object: Option<String>,
    pub old_line: usize,
    pub new_line: usize,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Json,
    pub new: Json,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.summary.added + self.summary.removed + self.summary.changed == 0
    }

    /// The human-readable form.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "--- {}\n+++ {}", self.old, self.new);
        for ep in &self.episodes {
            if ep.added.is_empty()
                && ep.removed.is_empty()
                && ep.changed.is_empty()
                && ep.stale.is_empty()
            {
                continue;
            }
            let presence = match ep.presence {
                "added" => " (new episode)",
                "removed" => " (episode gone)",
                _ => "",
            };
            let _ = writeln!(
                out,
                "\nepisode {}{presence}: {} added, {} removed, {} changed",
                ep.id,
                ep.added.len(),
                ep.removed.len(),
                ep.changed.len()
            );
            for f in &ep.added {
                let _ = writeln!(out, "  + {}", brief_line(f));
            }
            for f in &ep.removed {
                let _ = writeln!(out, "  - {}", brief_line(f));
            }
            for c in &ep.changed {
                let ids = if c.old_id == c.new_id {
                    c.old_id.clone()
                } else {
                    format!("{} -> {}", c.old_id, c.new_id)
                };
                let lines = if c.old_line == c.new_line {
                    format!("L{}", c.old_line)
                } else {
                    format!("L{} -> L{}", c.old_line, c.new_line)
                };
                let _ = writeln!(
                    out,
                    "  ~ {ids} {} {}{} {lines}",
                    c.predicate,
                    c.subject,
                    c.object
                        .as_ref()
                        .map_or(String::new(), |o| format!(" -> {o}"))
                );
                for ch in &c.changes {
                    let _ = writeln!(
                        out,
                        "      {}: {} -> {}",
                        ch.field,
                        show(&ch.old),
                        show(&ch.new)
                    );
                }
            }
            for f in &ep.stale {
                let _ = writeln!(
                    out,
                    "  ! {} {} {}{} L{}: stale {} verdict (ledger line {}): {}",
                    f.id,
                    f.predicate,
                    f.subject,
                    f.object
                        .as_ref()
                        .map_or(String::new(), |o| format!(" -> {o}")),
                    f.line_start,
                    f.verdict.unwrap_or("?"),
                    f.ledger_line.unwrap_or(0),
                    super::fields::describe_changes(&f.changed)
                );
            }
        }
        let s = &self.summary;
        if s.stale > 0 {
            let _ = writeln!(
                out,
                "\n{} stale verdict(s) in {}: the claim changed since it was judged; \
                 re-judge with `tfacts audit accept|reject|correct ID`",
                s.stale, self.new
            );
        }
        if self.is_empty() {
            let _ = writeln!(out, "\nno differences ({} facts in both)", s.unchanged);
        } else {
            let _ = writeln!(
                out,
                "\ntotal: {} added, {} removed, {} changed, {} unchanged",
                s.added, s.removed, s.changed, s.unchanged
            );
        }
        out
    }
}

fn show(v: &Json) -> String {
    match v {
        Json::Null => "(none)".into(),
        Json::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

fn brief_line(f: &FactBrief) -> String {
    let mut s = format!("{} {} {}", f.id, f.predicate, f.subject);
    if let Some(o) = &f.object {
        s.push_str(&format!(" -> {o}"));
    }
    if !f.attributes.is_empty() {
        s.push_str(&format!(" ({})", f.attributes));
    }
    if f.line_start == f.line_end {
        s.push_str(&format!(" L{}", f.line_start));
    } else {
        s.push_str(&format!(" L{}-{}", f.line_start, f.line_end));
    }
    if f.audit_status != "unreviewed" {
        s.push_str(&format!(" [{}]", f.audit_status));
    }
    s
}

/// Diff two datasets given as output folders or `dataset.json` paths.
pub fn diff_paths(old: &Path, new: &Path) -> Result<Diff> {
    let a = load_dataset(old)?;
    let b = load_dataset(new)?;
    Ok(diff(
        &a,
        &b,
        &old.display().to_string(),
        &new.display().to_string(),
    ))
}

fn entity_key(e: &crate::model::EntityRef) -> &str {
    e.entity_id.as_deref().unwrap_or(&e.name)
}

/// What pairs a removed fact with an added one.
fn pair_key(f: &Fact) -> (String, String, String) {
    (
        f.predicate.clone(),
        entity_key(&f.subject).to_string(),
        f.object.as_ref().map_or("", entity_key).to_string(),
    )
}

fn brief(f: &Fact) -> FactBrief {
    FactBrief {
        id: f.id.clone(),
        predicate: f.predicate.clone(),
        subject: f.subject.name.clone(),
        object: f.object.as_ref().map(|o| o.name.clone()),
        line_start: f.evidence.line_start,
        line_end: f.evidence.line_end,
        attributes: attributes(f),
        audit_status: f.audit.status.as_str(),
    }
}

fn attributes(f: &Fact) -> String {
    super::fact_attributes(f)
        .into_iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields compared, flattened (`evidence.text`, `audit.status`); ids and evidence line
/// numbers are left out.
fn comparable(f: &Fact) -> BTreeMap<String, Json> {
    let mut out = BTreeMap::new();
    if let Ok(Json::Object(map)) = serde_json::to_value(f) {
        for (k, v) in map {
            match k.as_str() {
                "id" => {}
                "evidence" => {
                    out.insert(
                        "evidence.text".into(),
                        v.get("text").cloned().unwrap_or_default(),
                    );
                }
                _ => {
                    out.insert(k, v);
                }
            }
        }
    }
    out.insert(
        "audit.status".into(),
        Json::String(f.audit.status.as_str().into()),
    );
    out
}

fn field_changes(a: &Fact, b: &Fact) -> Vec<FieldChange> {
    let fa = comparable(a);
    let fb = comparable(b);
    let keys: BTreeSet<&String> = fa.keys().chain(fb.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let old = fa.get(k).cloned().unwrap_or(Json::Null);
            let new = fb.get(k).cloned().unwrap_or(Json::Null);
            (old != new).then(|| FieldChange {
                field: k.clone(),
                old,
                new,
            })
        })
        .collect()
}

/// Compare two datasets.
pub fn diff(old: &Dataset, new: &Dataset, old_name: &str, new_name: &str) -> Diff {
    let old_eps: BTreeMap<&str, &crate::model::EpisodeDoc> =
        old.episodes.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_eps: BTreeMap<&str, &crate::model::EpisodeDoc> =
        new.episodes.iter().map(|e| (e.id.as_str(), e)).collect();
    let ids: BTreeSet<&str> = old_eps.keys().chain(new_eps.keys()).copied().collect();
    let mut summary = Summary::default();
    let mut episodes = Vec::new();
    for id in ids {
        let a: Vec<&Fact> = old_eps.get(id).map_or(vec![], |e| e.facts.iter().collect());
        let b: Vec<&Fact> = new_eps.get(id).map_or(vec![], |e| e.facts.iter().collect());
        let presence = match (old_eps.contains_key(id), new_eps.contains_key(id)) {
            (true, true) => "both",
            (false, true) => "added",
            _ => "removed",
        };
        let a_ids: BTreeMap<&str, &Fact> = a.iter().map(|f| (f.id.as_str(), *f)).collect();
        let b_ids: BTreeMap<&str, &Fact> = b.iter().map(|f| (f.id.as_str(), *f)).collect();
        let mut changed = Vec::new();
        // Same id in both: changed only if some compared field differs.
        for (fid, fa) in &a_ids {
            if let Some(fb) = b_ids.get(fid) {
                let changes = field_changes(fa, fb);
                if changes.is_empty() {
                    summary.unchanged += 1;
                } else {
                    changed.push(changed_entry(fa, fb, changes));
                }
            }
        }
        let removed: Vec<&Fact> = a_ids
            .iter()
            .filter(|(k, _)| !b_ids.contains_key(*k))
            .map(|(_, f)| *f)
            .collect();
        let added: Vec<&Fact> = b_ids
            .iter()
            .filter(|(k, _)| !a_ids.contains_key(*k))
            .map(|(_, f)| *f)
            .collect();
        // Pair removed and added facts with the same key, nearest evidence first.
        let mut candidates = Vec::new();
        for (i, r) in removed.iter().enumerate() {
            for (j, n) in added.iter().enumerate() {
                if pair_key(r) == pair_key(n) {
                    let distance = r.evidence.line_start.abs_diff(n.evidence.line_start);
                    candidates.push((distance, r.id.clone(), n.id.clone(), i, j));
                }
            }
        }
        candidates.sort();
        let mut used_r = BTreeSet::new();
        let mut used_a = BTreeSet::new();
        let mut paired = Vec::new();
        for (_, _, _, i, j) in candidates {
            if used_r.contains(&i) || used_a.contains(&j) {
                continue;
            }
            used_r.insert(i);
            used_a.insert(j);
            paired.push((i, j));
        }
        for (i, j) in paired {
            let changes = field_changes(removed[i], added[j]);
            changed.push(changed_entry(removed[i], added[j], changes));
        }
        changed.sort_by(|x, y| (x.new_line, &x.new_id).cmp(&(y.new_line, &y.new_id)));
        let mut removed_list: Vec<FactBrief> = removed
            .iter()
            .enumerate()
            .filter(|(i, _)| !used_r.contains(i))
            .map(|(_, f)| brief(f))
            .collect();
        let mut added_list: Vec<FactBrief> = added
            .iter()
            .enumerate()
            .filter(|(j, _)| !used_a.contains(j))
            .map(|(_, f)| brief(f))
            .collect();
        removed_list.sort_by(|x, y| (x.line_start, &x.id).cmp(&(y.line_start, &y.id)));
        added_list.sort_by(|x, y| (x.line_start, &x.id).cmp(&(y.line_start, &y.id)));
        summary.added += added_list.len();
        summary.removed += removed_list.len();
        summary.changed += changed.len();
        let mut stale: Vec<StaleFact> = b
            .iter()
            .filter(|f| f.audit.status == super::Status::Stale)
            .map(|f| StaleFact {
                id: f.id.clone(),
                predicate: f.predicate.clone(),
                subject: f.subject.name.clone(),
                object: f.object.as_ref().map(|o| o.name.clone()),
                line_start: f.evidence.line_start,
                verdict: f.audit.verdict.map(super::Verdict::as_str),
                ledger_line: f.audit.ledger_line,
                changed: f.audit.changed.clone(),
            })
            .collect();
        stale.sort_by(|x, y| (x.line_start, &x.id).cmp(&(y.line_start, &y.id)));
        summary.stale += stale.len();
        episodes.push(EpisodeDiff {
            id: id.to_string(),
            presence,
            added: added_list,
            removed: removed_list,
            changed,
            stale,
        });
    }
    Diff {
        old: old_name.to_string(),
        new: new_name.to_string(),
        episodes,
        summary,
    }
}

fn changed_entry(a: &Fact, b: &Fact, changes: Vec<FieldChange>) -> Changed {
    Changed {
        old_id: a.id.clone(),
        new_id: b.id.clone(),
        predicate: b.predicate.clone(),
        subject: b.subject.name.clone(),
        object: b.object.as_ref().map(|o| o.name.clone()),
        old_line: a.evidence.line_start,
        new_line: b.evidence.line_start,
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Built from JSON, as datasets are read, so fields added to the model later need no edit.
    fn fact(id: &str, line: usize, date: &str) -> Json {
        json!({
            "id": id, "predicate": "founded",
            "subject": {"entity_id": "company/x", "name": "X"}, "object": null,
            "metric": null, "value": null, "unit": null, "currency": null, "qualifier": null,
            "date": date, "as_of": null, "round": null,
            "evidence": {"line_start": line, "line_end": line, "text": "X"},
            "confidence": 0.9, "rule": "r"
        })
    }

    fn dataset(facts: Vec<Json>) -> Dataset {
        serde_json::from_value(json!({
            "schema_version": 1, "entities": [],
            "episodes": [{"id": "ep", "source": "transcripts/ep.txt", "title": null,
                          "reference_date": null, "lines": 100, "mentions": [], "facts": facts}]
        }))
        .unwrap()
    }

    #[test]
    fn changed_facts_pair_with_the_nearest_removed_one() {
        let old = dataset(vec![fact("a", 10, "2019"), fact("b", 50, "2020")]);
        let new = dataset(vec![fact("d", 52, "2020-05"), fact("c", 12, "2019-01")]);
        let d = diff(&old, &new, "old", "new");
        let ep = &d.episodes[0];
        assert!(ep.added.is_empty() && ep.removed.is_empty());
        let pairs: Vec<(&str, &str)> = ep
            .changed
            .iter()
            .map(|c| (c.old_id.as_str(), c.new_id.as_str()))
            .collect();
        assert_eq!(pairs, [("a", "c"), ("b", "d")]);
        assert_eq!(ep.changed[0].changes.len(), 1);
        assert_eq!(ep.changed[0].changes[0].field, "date");
    }

    #[test]
    fn a_moved_fact_is_not_a_change() {
        let old = dataset(vec![fact("a", 10, "2019")]);
        let new = dataset(vec![fact("a", 13, "2019")]);
        let d = diff(&old, &new, "old", "new");
        assert!(d.is_empty());
        assert_eq!(d.summary.unchanged, 1);
    }
}
