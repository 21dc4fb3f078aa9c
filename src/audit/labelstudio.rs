//! Label Studio round trip: `tfacts export labelstudio` writes tasks with our mentions and facts
//! as predictions; `tfacts audit import` reads Label Studio's JSON export back as verdicts.
//!
//! Export, one task per episode:
//! - `data.text`: the transcript's lines (all of them, blank ones too) joined with `\n`, so
//!   line N of the file is the N-th line of the text; offsets are chars (Unicode scalar
//!   values) of that text, end exclusive.
//! - `predictions[0].result`: a `labels` region per mention (result `id` = the mention id,
//!   label = the mention type) and a `relation` per fact (`from_id` = the subject's mention,
//!   `to_id` = the object's mention, else the date or value mention that states it; `labels` =
//!   the predicate; `id` = `fact-<fact id>`).
//! - `data.facts`: every fact of the episode with the two region ids it was exported as, so a
//!   relation found in the export can be traced back to its fact.
//!
//! Import convention (on the latest annotation of a task that was not skipped):
//! - the relation kept (same `from_id`/`to_id`, same label) -> `accepted`;
//! - the relation kept with another label -> `corrected` with `{"predicate": label}`;
//! - the relation deleted -> `rejected`;
//! - a fact that could not be exported as a relation (no region for one end) gets no verdict,
//!   and a task with no annotation gives none either.
//!
//! A verdict equal to the fact's latest one in the ledger is not appended again, so importing
//! the same export twice adds nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};

use super::apply::latest;
use super::fields::Corrections;
use super::ledger::{self, Entry, Verdict};
use crate::error::{Error, Result};
use crate::model::{Dataset, EpisodeDoc, Fact, Mention, MentionKind, Value};

/// Our record of a fact in a task (`data.facts[]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskFact {
    pub id: String,
    pub predicate: String,
    pub from_id: Option<String>,
    pub to_id: Option<String>,
    #[serde(default)]
    pub summary: String,
}

/// Write the tasks (and, if asked, the labeling config) for every episode. `root` is where the
/// episodes' `source` paths are found. Returns the number of tasks.
pub fn export(dataset: &Dataset, root: &Path, out: &Path, config: Option<&Path>) -> Result<usize> {
    let mut tasks = Vec::new();
    for ep in &dataset.episodes {
        let path = root.join(&ep.source);
        let transcript = crate::ingest::read_transcript(&path, ep.reference_date.as_deref())?;
        if let Some(sha) = &ep.sha256
            && *sha != transcript.sha256
        {
            return Err(Error::in_file(
                &path,
                "the transcript changed since the dataset was written; rerun `tfacts run` first",
            ));
        }
        let mut lines = vec![String::new(); transcript.line_count];
        for l in &transcript.lines {
            if let Some(slot) = lines.get_mut(l.number - 1) {
                slot.clone_from(&l.text);
            }
        }
        tasks.push(task(ep, &lines));
    }
    let mut bytes = serde_json::to_vec_pretty(&tasks)
        .map_err(|e| Error::Other(format!("cannot serialize the tasks: {e}")))?;
    bytes.push(b'\n');
    std::fs::write(out, bytes).map_err(|e| Error::io(out, e))?;
    if let Some(config) = config {
        std::fs::write(config, labeling_config(dataset)).map_err(|e| Error::io(config, e))?;
    }
    Ok(tasks.len())
}

/// One episode's task; `lines[i]` is line `i + 1` of the transcript.
pub fn task(ep: &EpisodeDoc, lines: &[String]) -> Json {
    let text = lines.join("\n");
    // Char offset at which each line starts.
    let mut line_start = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in lines {
        line_start.push(at);
        at += l.chars().count() + 1;
    }
    let mut result = Vec::new();
    let mut regions = BTreeSet::new();
    for m in &ep.mentions {
        let Some(&base) = m.line.checked_sub(1).and_then(|i| line_start.get(i)) else {
            continue;
        };
        let line_chars: Vec<char> = lines[m.line - 1].chars().collect();
        if m.end > line_chars.len() || m.start >= m.end {
            continue;
        }
        regions.insert(m.id.clone());
        result.push(json!({
            "id": m.id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {
                "start": base + m.start,
                "end": base + m.end,
                "text": line_chars[m.start..m.end].iter().collect::<String>(),
                "labels": [m.kind.as_str()],
            },
        }));
    }
    let mut facts = Vec::new();
    for f in &ep.facts {
        let (from, to) = ends(f, &ep.mentions);
        let from = from.filter(|id| regions.contains(id));
        let to = to.filter(|id| regions.contains(id));
        if let (Some(from), Some(to)) = (&from, &to) {
            result.push(json!({
                "id": format!("fact-{}", f.id),
                "from_id": from,
                "to_id": to,
                "type": "relation",
                "direction": "right",
                "labels": [f.predicate],
            }));
        }
        facts.push(TaskFact {
            id: f.id.clone(),
            predicate: f.predicate.clone(),
            from_id: from,
            to_id: to,
            summary: format!(
                "{} {}{} (line {})",
                f.predicate,
                f.subject.name,
                f.object
                    .as_ref()
                    .map_or(String::new(), |o| format!(" -> {}", o.name)),
                f.evidence.line_start
            ),
        });
    }
    json!({
        "data": {
            "text": text,
            "episode": ep.id,
            "source": ep.source,
            "title": ep.title,
            "facts": facts,
        },
        "predictions": [{
            "model_version": concat!("tfacts-", env!("CARGO_PKG_VERSION")),
            "result": result,
        }],
    })
}

/// The mentions a fact's relation runs between: its subject, and its object (else the date or
/// value mention that states it), found on its evidence lines.
fn ends(f: &Fact, mentions: &[Mention]) -> (Option<String>, Option<String>) {
    let mut spans = vec![(f.evidence.line_start, f.evidence.line_end)];
    spans.extend(f.evidence.also.iter().map(|s| (s.line_start, s.line_end)));
    let on_lines = |m: &&Mention| spans.iter().any(|&(a, b)| (a..=b).contains(&m.line));
    let names = |m: &Mention, e: &crate::model::EntityRef| match &e.entity_id {
        Some(id) => m.entity_id.as_deref() == Some(id.as_str()),
        None => m.name.as_deref() == Some(e.name.as_str()) || m.text == e.name,
    };
    let candidates: Vec<&Mention> = mentions.iter().filter(on_lines).collect();
    let subject = candidates
        .iter()
        .find(|m| m.kind.is_entity() && names(m, &f.subject))
        .copied();
    let object = match &f.object {
        Some(o) => candidates
            .iter()
            .find(|m| {
                m.kind.is_entity()
                    && names(m, o)
                    && Some(m.id.as_str()) != subject.map(|s| s.id.as_str())
            })
            .copied(),
        None => candidates
            .iter()
            .find(|m| {
                (m.kind == MentionKind::Date
                    && f.date.is_some()
                    && m.value.as_ref().and_then(Value::as_date) == f.date.as_deref())
                    || (f.value.is_some() && m.value.as_ref().and_then(Value::as_number) == f.value)
            })
            .copied(),
    };
    (subject.map(|m| m.id.clone()), object.map(|m| m.id.clone()))
}

/// The labeling config that matches the exported tasks.
pub fn labeling_config(dataset: &Dataset) -> String {
    let mut predicates: BTreeSet<String> = [
        "founded", "founder", "released", "renamed", "metric", "funding",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for f in dataset.episodes.iter().flat_map(|e| &e.facts) {
        predicates.insert(f.predicate.clone());
    }
    let mut xml = String::from("<View>\n  <Relations>\n");
    for p in &predicates {
        xml.push_str(&format!("    <Relation value=\"{}\"/>\n", xml_escape(p)));
    }
    xml.push_str("  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n");
    for k in [
        "company", "person", "product", "number", "money", "percent", "date",
    ] {
        xml.push_str(&format!("    <Label value=\"{k}\"/>\n"));
    }
    xml.push_str(
        "  </Labels>\n  <Text name=\"text\" value=\"$text\" granularity=\"symbol\"/>\n</View>\n",
    );
    xml
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub accepted: usize,
    pub rejected: usize,
    pub corrected: usize,
    /// Verdicts equal to the ledger's latest for the fact (not appended again).
    pub unchanged: usize,
    /// Facts without a verdict: not exportable as a relation, no annotation, or not in the
    /// dataset.
    pub skipped: usize,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "imported {} accepted, {} rejected, {} corrected ({} unchanged, {} without a verdict)",
            self.accepted, self.rejected, self.corrected, self.unchanged, self.skipped
        )
    }
}

/// The verdicts a Label Studio export states, fact id -> (verdict, corrections, note).
pub fn verdicts(export: &Json) -> Result<Vec<(String, Verdict, Corrections, String)>> {
    let tasks = export
        .as_array()
        .ok_or_else(|| Error::Other("a Label Studio JSON export is a list of tasks".into()))?;
    let mut out = Vec::new();
    for task in tasks {
        let facts: Vec<TaskFact> = task
            .pointer("/data/facts")
            .cloned()
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| Error::Other(format!("data.facts of a task is not ours: {e}")))?
            .unwrap_or_default();
        let annotation = task
            .get("annotations")
            .and_then(Json::as_array)
            .and_then(|list| {
                list.iter().rfind(|a| {
                    !a.get("was_cancelled")
                        .and_then(Json::as_bool)
                        .unwrap_or(false)
                })
            });
        let Some(annotation) = annotation else {
            continue;
        };
        let task_id = task.get("id").map(|v| v.to_string()).unwrap_or_default();
        let annotation_id = annotation
            .get("id")
            .map(|v| v.to_string())
            .unwrap_or_default();
        let mut relations: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for r in annotation
            .get("result")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            if r.get("type").and_then(Json::as_str) != Some("relation") {
                continue;
            }
            let (Some(from), Some(to)) = (
                r.get("from_id").and_then(Json::as_str),
                r.get("to_id").and_then(Json::as_str),
            ) else {
                continue;
            };
            let labels: Vec<String> = r
                .get("labels")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect();
            relations
                .entry((from.to_string(), to.to_string()))
                .or_default()
                .extend(labels);
        }
        let note = format!("label studio task {task_id} annotation {annotation_id}");
        for f in facts {
            let (Some(from), Some(to)) = (&f.from_id, &f.to_id) else {
                continue;
            };
            let (verdict, corrections) = match relations.get(&(from.clone(), to.clone())) {
                None => (Verdict::Rejected, Corrections::default()),
                Some(labels) if labels.is_empty() || labels.contains(&f.predicate) => {
                    (Verdict::Accepted, Corrections::default())
                }
                Some(labels) => {
                    let c = Corrections::from_assignments(&[format!("predicate={}", labels[0])])
                        .map_err(Error::Other)?;
                    (Verdict::Corrected, c)
                }
            };
            out.push((f.id, verdict, corrections, note.clone()));
        }
    }
    Ok(out)
}

/// Read a Label Studio export and append its verdicts to the ledger.
pub fn import(
    export: &Path,
    dataset: &Path,
    ledger_path: &Path,
    reviewer: Option<&str>,
    date: Option<&str>,
) -> Result<ImportSummary> {
    let bytes = std::fs::read(export).map_err(|e| Error::io(export, e))?;
    let json: Json = serde_json::from_slice(&bytes)
        .map_err(|e| Error::in_file(export, format!("not JSON: {e}")))?;
    let found = verdicts(&json).map_err(|e| Error::in_file(export, e.to_string()))?;
    let data = super::commands::load_dataset(dataset)?;
    let known: BTreeSet<&str> = data
        .episodes
        .iter()
        .flat_map(|e| &e.facts)
        .map(|f| f.id.as_str())
        .collect();
    let existing = ledger::read(ledger_path)?;
    let current = latest(&existing);
    let date = match date {
        Some(d) if super::fields::is_iso_prefix(d) && d.len() == 10 => d.to_string(),
        Some(d) => return Err(Error::Other(format!("--date {d:?}: expected YYYY-MM-DD"))),
        None => super::today(),
    };
    let reviewer = reviewer.map_or_else(super::commands::default_reviewer, str::to_string);
    let mut summary = ImportSummary::default();
    let mut rows = Vec::new();
    let total: usize = json
        .as_array()
        .map(|tasks| {
            tasks
                .iter()
                .filter_map(|t| t.pointer("/data/facts").and_then(Json::as_array))
                .map(Vec::len)
                .sum()
        })
        .unwrap_or(0);
    for (id, verdict, corrections, note) in found {
        if !known.contains(id.as_str()) {
            continue;
        }
        if current
            .get(id.as_str())
            .is_some_and(|e| e.verdict == verdict && e.corrections == corrections)
        {
            summary.unchanged += 1;
            continue;
        }
        match verdict {
            Verdict::Accepted => summary.accepted += 1,
            Verdict::Rejected => summary.rejected += 1,
            Verdict::Corrected => summary.corrected += 1,
        }
        rows.push(Entry {
            fact_id: id,
            verdict,
            reviewer: reviewer.clone(),
            date: date.clone(),
            note,
            corrections,
            line: 0,
        });
    }
    summary.skipped = total.saturating_sub(
        summary.accepted + summary.rejected + summary.corrected + summary.unchanged,
    );
    if !rows.is_empty() {
        ledger::append(ledger_path, &rows)?;
    }
    Ok(summary)
}
