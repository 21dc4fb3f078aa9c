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
//! Import convention (on the latest annotation of a task that was not skipped or cancelled):
//! the annotation says only what the reviewer did.
//! - the relation kept (same `from_id`/`to_id`, same label) -> `accepted`;
//! - the relation kept with another label that fits its two ends' types -> `corrected` with
//!   `{"predicate": label}`; a label that does not fit is reported and not recorded;
//! - the relation deleted from a non-empty result -> `rejected`;
//! - an empty result, a task with only skipped or cancelled annotations, a task with no
//!   annotation, and a fact that could not be exported as a relation give no verdict (the
//!   summary counts the tasks);
//! - mention regions added, removed or relabelled are listed, not recorded;
//! - the reviewer is the annotation's `completed_by` unless `--reviewer` is given.
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
    /// Tasks whose annotations were all skipped or cancelled: they say nothing.
    pub cancelled_tasks: usize,
    /// Tasks whose latest annotation has an empty result: they say nothing either.
    pub empty_tasks: usize,
    /// Relabelled relations whose new predicate does not fit the two ends (not recorded).
    pub refused: Vec<String>,
    /// Mention regions the reviewer added, removed or relabelled (for a catalogue or rule fix).
    pub regions: Vec<String>,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "imported {} accepted, {} rejected, {} corrected ({} unchanged, {} without a verdict)",
            self.accepted, self.rejected, self.corrected, self.unchanged, self.skipped
        )?;
        if self.cancelled_tasks + self.empty_tasks > 0 {
            write!(
                f,
                "\nno verdict from {} skipped or cancelled task(s) and {} task(s) with an empty result",
                self.cancelled_tasks, self.empty_tasks
            )?;
        }
        for r in &self.refused {
            write!(f, "\nnot recorded: {r}")?;
        }
        if !self.regions.is_empty() {
            write!(
                f,
                "\nmention regions the reviewer changed ({}; not recorded: fix the catalogue or a rule):",
                self.regions.len()
            )?;
            for r in &self.regions {
                write!(f, "\n  {r}")?;
            }
        }
        Ok(())
    }
}

/// One verdict an export states.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub fact_id: String,
    pub verdict: Verdict,
    pub corrections: Corrections,
    pub note: String,
    /// The annotation's `completed_by` (an email, or the user id as exported).
    pub completed_by: Option<String>,
}

/// What an export says: verdicts, and what it says nothing about or could not say.
#[derive(Debug, Default)]
pub struct Reading {
    pub found: Vec<Found>,
    pub cancelled_tasks: usize,
    pub empty_tasks: usize,
    pub refused: Vec<String>,
    pub regions: Vec<String>,
}

/// The mention types a predicate's two relation ends may have (`from`, `to`), as exported:
/// the subject, then the object or the date or value that states the fact. `renamed` joins
/// two names of the same type.
fn fits(predicate: &str, from: &str, to: &str) -> bool {
    const VALUE: &[&str] = &["number", "money", "percent"];
    match predicate {
        "founded" => from == "company" && (to == "date" || VALUE.contains(&to)),
        "founder" => from == "person" && to == "company",
        "released" => from == "company" && to == "product",
        "renamed" => from == to && matches!(from, "company" | "product"),
        "metric" => matches!(from, "company" | "product") && VALUE.contains(&to),
        "funding" => from == "company" && VALUE.contains(&to),
        _ => false,
    }
}

/// A `labels` region: id -> (label, text).
fn regions(result: &[Json]) -> BTreeMap<String, (String, String)> {
    result
        .iter()
        .filter(|r| r.get("type").and_then(Json::as_str) == Some("labels"))
        .filter_map(|r| {
            let id = r.get("id")?.as_str()?.to_string();
            let label = r
                .pointer("/value/labels/0")
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string();
            let text = r
                .pointer("/value/text")
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string();
            Some((id, (label, text)))
        })
        .collect()
}

/// `completed_by` as Label Studio exports it: a user id, or a user object.
fn completed_by(annotation: &Json) -> Option<String> {
    match annotation.get("completed_by")? {
        Json::Object(user) => user
            .get("email")
            .and_then(Json::as_str)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .or_else(|| user.get("id").map(|v| v.to_string())),
        Json::Null => None,
        other => Some(
            other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string),
        ),
    }
}

/// Read an export. Per task, the latest annotation that was not skipped or cancelled decides:
/// a relation still there with the predicted label accepts its fact; a relation the reviewer
/// deleted from a non-empty result rejects it; a relation relabelled with a predicate that
/// fits its two ends corrects the predicate (another label is reported, not recorded). An
/// empty result, or a task with only skipped or cancelled annotations, says nothing.
pub fn read_export(export: &Json) -> Result<Reading> {
    let tasks = export
        .as_array()
        .ok_or_else(|| Error::Other("a Label Studio JSON export is a list of tasks".into()))?;
    let mut out = Reading::default();
    for task in tasks {
        let facts: Vec<TaskFact> = task
            .pointer("/data/facts")
            .cloned()
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| Error::Other(format!("data.facts of a task is not ours: {e}")))?
            .unwrap_or_default();
        let annotations = task
            .get("annotations")
            .and_then(Json::as_array)
            .map_or(&[][..], Vec::as_slice);
        let cancelled = |a: &Json| a.get("was_cancelled").and_then(Json::as_bool) == Some(true);
        let Some(annotation) = annotations.iter().rfind(|a| !cancelled(a)) else {
            if !annotations.is_empty() {
                out.cancelled_tasks += 1;
            }
            continue;
        };
        let result = annotation
            .get("result")
            .and_then(Json::as_array)
            .map_or(&[][..], Vec::as_slice);
        if result.is_empty() {
            out.empty_tasks += 1;
            continue;
        }
        let task_id = task.get("id").map(|v| v.to_string()).unwrap_or_default();
        let annotation_id = annotation
            .get("id")
            .map(|v| v.to_string())
            .unwrap_or_default();
        let reviewer = completed_by(annotation);
        let seen = regions(result);
        let predicted = task
            .pointer("/predictions/0/result")
            .and_then(Json::as_array)
            .map(|r| regions(r))
            .unwrap_or_default();
        let where_ = format!("task {task_id} annotation {annotation_id}");
        for (id, (label, text)) in &seen {
            match predicted.get(id) {
                None => out
                    .regions
                    .push(format!("{where_}: added {label} {text:?} (region {id})")),
                Some((old, _)) if old != label => out.regions.push(format!(
                    "{where_}: relabelled {text:?} {old} -> {label} (region {id})"
                )),
                Some(_) => {}
            }
        }
        for (id, (label, text)) in &predicted {
            if !seen.contains_key(id) {
                out.regions
                    .push(format!("{where_}: removed {label} {text:?} (region {id})"));
            }
        }
        let mut relations: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for r in result {
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
        let note = format!("label studio {where_}");
        let type_of = |id: &str| {
            seen.get(id)
                .or_else(|| predicted.get(id))
                .map_or("", |(label, _)| label.as_str())
                .to_string()
        };
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
                    let (a, b) = (type_of(from), type_of(to));
                    if !fits(&labels[0], &a, &b) {
                        out.refused.push(format!(
                            "{} {} relabelled {} -> {} in {where_}: {} does not join a {a} to a {b}",
                            f.id, f.predicate, f.predicate, labels[0], labels[0]
                        ));
                        continue;
                    }
                    let c = Corrections::from_assignments(&[format!("predicate={}", labels[0])])
                        .map_err(Error::Other)?;
                    (Verdict::Corrected, c)
                }
            };
            out.found.push(Found {
                fact_id: f.id,
                verdict,
                corrections,
                note: note.clone(),
                completed_by: reviewer.clone(),
            });
        }
    }
    Ok(out)
}

/// Read a Label Studio export and append its verdicts to the ledger. The reviewer recorded is
/// `reviewer` when given, else each annotation's `completed_by`, else `$USER`.
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
    let reading = read_export(&json).map_err(|e| Error::in_file(export, e.to_string()))?;
    let data = super::commands::load_dataset(dataset)?;
    let known: BTreeMap<&str, &Fact> = data
        .episodes
        .iter()
        .flat_map(|e| &e.facts)
        .map(|f| (f.id.as_str(), f))
        .collect();
    let existing = ledger::read(ledger_path)?;
    let current = latest(&existing);
    let date = match date {
        Some(d) if super::fields::is_iso_prefix(d) && d.len() == 10 => d.to_string(),
        Some(d) => return Err(Error::Other(format!("--date {d:?}: expected YYYY-MM-DD"))),
        None => super::today(),
    };
    let mut summary = ImportSummary {
        cancelled_tasks: reading.cancelled_tasks,
        empty_tasks: reading.empty_tasks,
        refused: reading.refused,
        regions: reading.regions,
        ..ImportSummary::default()
    };
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
    for found in reading.found {
        let Some(fact) = known.get(found.fact_id.as_str()) else {
            continue;
        };
        let claim = super::commands::machine_claim(fact);
        if current.get(found.fact_id.as_str()).is_some_and(|e| {
            e.verdict == found.verdict
                && e.corrections == found.corrections
                && e.claim.as_ref() == Some(&claim)
        }) {
            summary.unchanged += 1;
            continue;
        }
        match found.verdict {
            Verdict::Accepted => summary.accepted += 1,
            Verdict::Rejected => summary.rejected += 1,
            Verdict::Corrected => summary.corrected += 1,
        }
        let reviewer = reviewer
            .map(str::to_string)
            .or(found.completed_by)
            .unwrap_or_else(super::commands::default_reviewer);
        rows.push(Entry {
            fact_id: found.fact_id,
            verdict: found.verdict,
            reviewer,
            date: date.clone(),
            note: found.note,
            corrections: found.corrections,
            claim: Some(claim),
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
