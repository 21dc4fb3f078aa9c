//! `report.html` and the pages beside it: a static site to audit the dataset in a browser.
//!
//! `report.html` is the index: open conflicts first, the timelines, every episode with its
//! fact, unreviewed and open-conflict counts, every entity with its fact count, each linking
//! to its own page under `report/` (`report/episode/ID.html`, `report/entity/ID.html`, ids
//! made safe by [`page_file`]). An episode page shows the transcript with every mention
//! highlighted by type and the facts beside it; clicking a fact marks and scrolls to its
//! evidence lines. Each fact shows its rule, confidence, time code and audit status, and its
//! `tfacts audit accept`, `reject` and `correct` commands to copy; the legend toggles
//! highlights per type and a search box filters. An entity page lists its facts across
//! episodes in time order and its timeline charts. Every list is capped, so every page's size
//! is bounded whatever the archive's size. The pages are self-contained (inline CSS and JS, no
//! network). All text goes through askama's HTML escaping: nothing from a transcript is ever
//! marked safe.

use std::collections::BTreeMap;

use askama::Template;

use super::Status;
use crate::error::{Error, Result};
use crate::model::{EpisodeDoc, Fact, MentionKind, SourceLine, number, time_code};

/// At most this many episode and entity rows on the index (the rest: `dataset.json`).
pub const MAX_INDEX_ROWS: usize = 5000;

/// Mention types in legend order.
const KINDS: [MentionKind; 7] = [
    MentionKind::Company,
    MentionKind::Person,
    MentionKind::Product,
    MentionKind::Number,
    MentionKind::Money,
    MentionKind::Percent,
    MentionKind::Date,
];

#[derive(Template)]
#[template(path = "report.html", config = "src/audit/askama.toml")]
struct IndexPage<'a> {
    archive: &'a ArchiveSections,
    orphans: Vec<OrphanView>,
}

#[derive(Template)]
#[template(path = "report_episode.html", config = "src/audit/askama.toml")]
struct EpisodePage {
    kinds: Vec<&'static str>,
    /// The metric names a `metric` fact may carry.
    metrics: &'static [&'static str],
    ep: EpisodeView,
}

#[derive(Template)]
#[template(path = "report_entity.html", config = "src/audit/askama.toml")]
struct EntityPage<'a> {
    e: &'a EntityView,
}

struct EpisodeView {
    anchor: String,
    id: String,
    title: String,
    source: String,
    lines: Vec<LineView>,
    facts: Vec<FactView>,
    counts: String,
}

struct LineView {
    dom_id: String,
    number: usize,
    time: String,
    segments: Vec<Segment>,
}

/// A run of a line's text: plain (`kind` empty) or one highlighted mention.
struct Segment {
    text: String,
    kind: &'static str,
    tip: String,
}

struct FactView {
    id: String,
    predicate: String,
    subject: String,
    object: String,
    details: String,
    rule: String,
    confidence: String,
    time: String,
    status: &'static str,
    verdict: String,
    /// Evidence ranges as `start-end` pairs separated by spaces (read by the page's script).
    lines: String,
    where_: String,
    evidence: String,
    original: String,
    /// The `tfacts audit` commands to copy: accept, reject, and correct with the fact's
    /// fields filled in (the reviewer edits what is wrong).
    commands: Vec<String>,
}

struct OrphanView {
    fact_id: String,
    verdict: &'static str,
    reviewer: String,
    date: String,
    note: String,
    line: usize,
}

/// What the layer above (`crate::archive`) adds to the page, first: the conflicts between
/// episodes and the metric timelines, as text ready to show (the page escapes all of it).
#[derive(Debug, Default)]
pub struct ArchiveSections {
    pub conflicts: Vec<ConflictView>,
    /// Open conflicts left off the page (they are all in `conflicts.csv`).
    pub conflicts_left_out: usize,
    /// The timelines' index: (link under `report/`, title).
    pub chart_links: Vec<(String, String)>,
    /// Series left out of the index.
    pub charts_left_out: usize,
    pub episodes: Vec<EpisodeRow>,
    pub episodes_left_out: usize,
    pub entities: Vec<EntityRow>,
    pub entities_left_out: usize,
    /// Episodes, facts and unreviewed facts of the whole run.
    pub episodes_total: usize,
    pub facts_total: usize,
    pub unreviewed_total: usize,
}

/// One episode of the index.
#[derive(Debug, Clone)]
pub struct EpisodeRow {
    pub id: String,
    pub title: String,
    /// Its page under `report/`.
    pub href: String,
    pub facts: usize,
    pub unreviewed: usize,
    /// Open conflicts one of its facts is in.
    pub conflicts: usize,
}

impl EpisodeRow {
    pub fn of(ep: &EpisodeDoc) -> EpisodeRow {
        EpisodeRow {
            id: ep.id.clone(),
            title: ep.title.clone().unwrap_or_default(),
            href: format!("episode/{}", page_file(&ep.id)),
            facts: ep.facts.len(),
            unreviewed: ep
                .facts
                .iter()
                .filter(|f| f.audit.status == Status::Unreviewed)
                .count(),
            conflicts: 0,
        }
    }
}

/// One entity of the index.
#[derive(Debug, Clone)]
pub struct EntityRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Its page under `report/`.
    pub href: String,
    pub facts: usize,
    pub episodes: usize,
}

/// An entity's page: its facts across episodes in time order and its charts.
#[derive(Debug)]
pub struct EntityView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub facts: Vec<EntityFact>,
    pub facts_total: usize,
    pub facts_left_out: usize,
    pub charts: Vec<ChartView>,
    pub charts_left_out: usize,
}

/// One fact on an entity's page.
#[derive(Debug, Clone)]
pub struct EntityFact {
    pub when: String,
    pub predicate: String,
    pub subject: String,
    pub object: String,
    pub claim: String,
    pub status: &'static str,
    pub fact_id: String,
    pub episode: String,
    pub line: usize,
    pub evidence: String,
}

impl EntityFact {
    /// `episode/FILE#fact-ID`, under `report/` (made as the page is rendered, not kept: an
    /// archive keeps up to 500 of these an entity).
    pub fn href(&self) -> String {
        format!("episode/{}#fact-{}", page_file(&self.episode), self.fact_id)
    }
}

/// The file name of the page of an episode or entity id: stable, distinct for distinct ids,
/// safe on every file system (case-insensitive ones too) and in a URL. ASCII lower-case
/// letters, digits, `-`, `_` and (not first) `.` stay; every other byte is `~` and two hex
/// digits (`company/moonshot` -> `company~2fmoonshot.html`); a name that would be longer
/// than 120 bytes keeps its first 100 and adds a digest of the whole id.
pub fn page_file(id: &str) -> String {
    let mut name = String::with_capacity(id.len());
    for (i, b) in id.bytes().enumerate() {
        let keep = b.is_ascii_lowercase()
            || b.is_ascii_digit()
            || b == b'-'
            || b == b'_'
            || (b == b'.' && i > 0);
        if keep {
            name.push(b as char);
        } else {
            name.push_str(&format!("~{b:02x}"));
        }
    }
    if name.len() > 120 {
        let mut cut = 100;
        while name.as_bytes()[cut - 1] == b'~' || name.as_bytes()[cut - 2] == b'~' {
            cut -= 1;
        }
        name.truncate(cut);
        name.push('~');
        name.push_str(&crate::ids::digest(&["page", id]));
    }
    name.push_str(".html");
    name
}

#[derive(Debug)]
pub struct ConflictView {
    pub id: String,
    pub predicate: String,
    pub subject: String,
    pub differs: String,
    pub sides: [SideView; 2],
}

/// One fact of a conflict, or one point of a chart: where it is said and what.
#[derive(Debug)]
pub struct SideView {
    pub fact_id: String,
    pub episode: String,
    pub line: usize,
    pub time: String,
    pub claim: String,
    pub evidence: String,
    pub status: &'static str,
    /// `episode/FILE#fact-ID`: its fact on its episode's page, under `report/`.
    pub href: String,
}

#[derive(Debug)]
pub struct ChartView {
    pub entity_id: String,
    pub anchor: String,
    pub title: String,
    pub width: u32,
    pub height: u32,
    /// The SVG polyline's `points` attribute.
    pub line: String,
    pub points: Vec<ChartPoint>,
    /// Axis labels: (x, y, text).
    pub labels: Vec<(String, String, String)>,
}

#[derive(Debug)]
pub struct ChartPoint {
    pub x: String,
    pub y: String,
    pub when: String,
    pub value: String,
    pub side: SideView,
}

/// Render the index page, `report.html`.
pub fn render_index(audit: &super::DatasetAudit, archive: &ArchiveSections) -> Result<String> {
    let page = IndexPage {
        archive,
        orphans: audit
            .orphans
            .iter()
            .map(|o| OrphanView {
                fact_id: o.fact_id.clone(),
                verdict: o.verdict.as_str(),
                reviewer: o.reviewer.clone(),
                date: o.date.clone(),
                note: o.note.clone(),
                line: o.ledger_line,
            })
            .collect(),
    };
    page.render()
        .map_err(|e| Error::Other(format!("cannot render report.html: {e}")))
}

/// Render an episode's page, `report/episode/FILE`, from its lines when they are known.
pub fn render_episode(ep: &EpisodeDoc, lines: Option<&Vec<SourceLine>>) -> Result<String> {
    let page = EpisodePage {
        kinds: KINDS.iter().map(|k| k.as_str()).collect(),
        metrics: &crate::model::METRICS,
        ep: episode_view(ep, lines),
    };
    page.render()
        .map_err(|e| Error::Other(format!("cannot render the page of {}: {e}", ep.id)))
}

/// Render an entity's page, `report/entity/FILE`.
pub fn write_entity(e: &EntityView, out: &mut dyn std::io::Write) -> Result<()> {
    EntityPage { e }
        .write_into(out)
        .map_err(|e| Error::Other(format!("cannot render an entity's page: {e}")))
}

fn episode_view(ep: &EpisodeDoc, lines: Option<&Vec<SourceLine>>) -> EpisodeView {
    let anchor = "ep".to_string();
    let mut by_line: BTreeMap<usize, Vec<&crate::model::Mention>> = BTreeMap::new();
    for m in &ep.mentions {
        by_line.entry(m.line).or_default().push(m);
    }
    let line_views = lines
        .map(|ls| {
            ls.iter()
                .map(|l| LineView {
                    dom_id: format!("{anchor}-L{}", l.number),
                    number: l.number,
                    time: l.start_ms.map(time_code).unwrap_or_default(),
                    segments: segments(&l.text, by_line.get(&l.number).map_or(&[][..], |v| v)),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut facts: Vec<&Fact> = ep.facts.iter().collect();
    facts.sort_by(|a, b| (a.evidence.line_start, &a.id).cmp(&(b.evidence.line_start, &b.id)));
    let facts: Vec<FactView> = facts.into_iter().map(fact_view).collect();
    let mut by_status: BTreeMap<Status, usize> = BTreeMap::new();
    for f in &ep.facts {
        *by_status.entry(f.audit.status).or_default() += 1;
    }
    let counts = by_status
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    EpisodeView {
        anchor,
        id: ep.id.clone(),
        title: ep.title.clone().unwrap_or_default(),
        source: ep.source.clone(),
        lines: line_views,
        facts,
        counts,
    }
}

/// Split a line into plain and highlighted runs. Mentions are taken by start (longest first);
/// one that overlaps an earlier one, or does not match the line's text, is left plain.
fn segments(text: &str, mentions: &[&crate::model::Mention]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut ms: Vec<&&crate::model::Mention> = mentions.iter().collect();
    ms.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out = Vec::new();
    let mut pos = 0;
    for m in ms {
        if m.start < pos || m.end > chars.len() || m.start >= m.end {
            continue;
        }
        let span: String = chars[m.start..m.end].iter().collect();
        if span != m.text {
            continue;
        }
        if m.start > pos {
            out.push(plain(&chars[pos..m.start]));
        }
        out.push(Segment {
            text: span,
            kind: m.kind.as_str(),
            tip: mention_tip(m),
        });
        pos = m.end;
    }
    if pos < chars.len() {
        out.push(plain(&chars[pos..]));
    }
    out
}

fn plain(chars: &[char]) -> Segment {
    Segment {
        text: chars.iter().collect(),
        kind: "",
        tip: String::new(),
    }
}

fn mention_tip(m: &crate::model::Mention) -> String {
    let mut tip = m.kind.as_str().to_string();
    if let Some(name) = &m.name {
        tip.push_str(&format!(": {name}"));
    }
    if let Some(id) = &m.entity_id {
        tip.push_str(&format!(" ({id})"));
    }
    match &m.value {
        Some(crate::model::Value::Number(n)) => tip.push_str(&format!(" = {}", number::format(*n))),
        Some(crate::model::Value::Date(d)) => tip.push_str(&format!(" = {d}")),
        None => {}
    }
    if let Some(c) = &m.currency {
        tip.push_str(&format!(" {c}"));
    }
    tip
}

fn fact_view(f: &Fact) -> FactView {
    let a = Some(&f.audit);
    let status = f.audit.status;
    let mut details: Vec<String> = super::fact_attributes(f)
        .into_iter()
        .map(|(k, v)| format!("{}: {v}", if k == "as_of" { "as of" } else { k }))
        .collect();
    if f.forecast {
        details.push("forecast".into());
    }
    let ev = &f.evidence;
    let mut ranges = vec![(ev.line_start, ev.line_end)];
    ranges.extend(ev.also.iter().map(|s| (s.line_start, s.line_end)));
    let lines = ranges
        .iter()
        .map(|(a, b)| format!("{a}-{b}"))
        .collect::<Vec<_>>()
        .join(" ");
    let where_ = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                format!("L{a}")
            } else {
                format!("L{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let verdict = a
        .map(|a| {
            [a.reviewer.as_deref(), a.date.as_deref(), a.note.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default();
    let original = a
        .filter(|a| !a.original.is_empty())
        .map(|a| {
            a.original
                .iter()
                .map(|(k, v)| format!("{k}: {}", json_text(v)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    FactView {
        id: f.id.clone(),
        predicate: f.predicate.clone(),
        subject: f.subject.name.clone(),
        object: f
            .object
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        details: details.join(", "),
        rule: f.rule.clone(),
        confidence: format!("{:.2}", f.confidence),
        time: ev.start_ms.map(time_code).unwrap_or_default(),
        status: status.as_str(),
        verdict,
        lines,
        where_,
        evidence: ev.text.clone(),
        original,
        commands: commands(f),
    }
}

/// `accept`, `reject` and `correct` for a fact; `correct` sets every field the fact has.
fn commands(f: &Fact) -> Vec<String> {
    let mut correct = format!("tfacts audit correct {}", f.id);
    for (k, v) in super::fact_attributes(f) {
        let field = if k == "max" { "value_max" } else { k };
        correct.push_str(&format!(" --set {}", shell_word(&format!("{field}={v}"))));
    }
    vec![
        format!("tfacts audit accept {}", f.id),
        format!("tfacts audit reject {}", f.id),
        correct,
    ]
}

/// `s` as one shell word: as it is when it holds only safe chars, else in single quotes.
fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "=-_.:/+%".contains(c);
    if s.chars().all(safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "(none)".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::page_file;

    #[test]
    fn page_files_are_safe_stable_and_distinct() {
        assert_eq!(page_file("company/moonshot"), "company~2fmoonshot.html");
        assert_eq!(
            page_file("2024-11-05_moonshot-kimi-growth"),
            "2024-11-05_moonshot-kimi-growth.html"
        );
        // Case, separators, a leading dot and non-ASCII are escaped, so ids that differ only
        // there still get different files (case-insensitive file systems too).
        let ids = [
            "Kimi",
            "kimi",
            "a/b",
            "a~2fb",
            ".hidden",
            "月之暗面",
            "a b",
            "a\\b",
        ];
        let files: std::collections::BTreeSet<String> = ids.iter().map(|i| page_file(i)).collect();
        assert_eq!(files.len(), ids.len());
        for f in &files {
            let stem = f.strip_suffix(".html").unwrap();
            assert!(!f.starts_with('.'), "{f}");
            assert!(
                stem.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.~".contains(&b)),
                "{f}"
            );
        }
        // A long id keeps a bounded name, still distinct.
        let long_a = "月".repeat(60);
        let long_b = format!("{}日", "月".repeat(59));
        assert!(page_file(&long_a).len() <= 130);
        assert_ne!(page_file(&long_a), page_file(&long_b));
        assert_eq!(page_file(&long_a), page_file(&long_a));
    }
}
