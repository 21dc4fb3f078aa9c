//! Plain data types passed between the pipeline stages.
//!
//! `Transcript` (ingest) -> `Mention` (recognize) -> `Fact` (link) -> `EpisodeDoc` (output).
//! These are also the serialized shapes of the contract (`dataset.json`), so field names and
//! order here are part of the outside contract: add fields, never rename or drop them.
//! The review state of a fact (`FactAudit`, `Status`, `Verdict`, `DatasetAudit`) lives here
//! too: `audit/` decides it from the ledger and `output/` writes it, neither importing the other.
//!
//! `dataset.json` and `tfacts annotate --jsonl` are serde_json's output of these derives
//! (`dataset.json` only laid out by [`crate::output::json`]'s formatter), so a new field here
//! is one field and its doc comment: it is written and read back as soon as it is declared.
//! A CSV column is a field of its row type in [`crate::output::csv_rows`] (the header comes
//! from the row type), for the fields the flat views carry.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One line of a transcript as it stands in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line number in the original file.
    pub number: usize,
    /// The decoded text of the line, without its line terminator.
    pub text: String,
    /// Subtitle cue start and end in milliseconds, when the input is a subtitle file.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
}

/// Sidecar metadata (`<stem>.meta.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub channel: Option<String>,
    /// The file name the transcript had when it was delivered (gold files may name it).
    #[serde(default)]
    pub original_file: Option<String>,
}

/// A transcript read from disk: its lines and what we know about it.
#[derive(Debug, Clone)]
pub struct Transcript {
    /// Stable episode id derived from the file stem (sanitized).
    pub id: String,
    /// Path as given relative to the transcripts folder's parent, e.g. `transcripts/x.txt`.
    pub source: String,
    pub meta: EpisodeMeta,
    /// Reference date (`YYYY-MM-DD`) that resolves 今年 / 去年; from the sidecar or file name.
    pub reference_date: Option<String>,
    /// Name of the encoding the bytes were decoded with.
    pub encoding: String,
    /// Hex SHA-256 of the raw bytes, for provenance.
    pub sha256: String,
    /// Only the lines that carry text (blank lines and subtitle cue numbers are dropped, line
    /// numbers are kept).
    pub lines: Vec<SourceLine>,
    /// Number of lines in the original file.
    pub line_count: usize,
}

/// What kind of thing a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Company,
    Person,
    Product,
    Number,
    Money,
    Percent,
    Date,
}

/// The metrics a `metric` fact names (the contract's closed list, in its order).
pub const METRICS: [&str; 18] = [
    "users",
    "mau",
    "dau",
    "downloads",
    "revenue",
    "arr",
    "valuation",
    "traffic_share",
    "context_length",
    "parameters",
    "employees",
    "deliveries",
    "sales",
    "shipments",
    "orders",
    "profit",
    "gross_margin",
    "market_share",
];

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Company => "company",
            MentionKind::Person => "person",
            MentionKind::Product => "product",
            MentionKind::Number => "number",
            MentionKind::Money => "money",
            MentionKind::Percent => "percent",
            MentionKind::Date => "date",
        }
    }

    pub fn is_entity(self) -> bool {
        matches!(
            self,
            MentionKind::Company | MentionKind::Person | MentionKind::Product
        )
    }
}

/// How a stated quantity relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    Exact,
    About,
    Near,
    Over,
    Under,
    Several,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Near => "near",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Several => "several",
            Qualifier::Range => "range",
        }
    }
}

/// A normalized value: a number (number, money, percent) or an ISO date prefix.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Date(String),
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) => number::serialize_f64(*n, s),
            Value::Date(d) => s.serialize_str(d),
        }
    }
}

/// Whole numbers are written as integers (`36000000`, not `36000000.0`).
pub mod number {
    use serde::Serializer;

    /// Largest integer an f64 holds exactly.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    /// `n` as the integer it is written as, when it is a whole number held exactly.
    pub fn whole(n: f64) -> Option<i64> {
        (n.fract() == 0.0 && n.abs() < EXACT).then_some(n as i64)
    }

    pub fn serialize_f64<S: Serializer>(n: f64, s: S) -> Result<S::Ok, S::Error> {
        match whole(n) {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(n),
        }
    }

    pub fn serialize_opt<S: Serializer>(n: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match n {
            Some(n) => serialize_f64(*n, s),
            None => s.serialize_none(),
        }
    }

    /// The same rule as text, for CSV cells.
    pub fn format(n: f64) -> String {
        match whole(n) {
            Some(i) => i.to_string(),
            None => n.to_string(),
        }
    }
}

/// `HH:MM:SS` of a time in milliseconds (the time code of the CSVs and the report page).
pub fn time_code(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Date(_) => None,
        }
    }
    pub fn as_date(&self) -> Option<&str> {
        match self {
            Value::Date(d) => Some(d),
            Value::Number(_) => None,
        }
    }
}

/// A span of a line that names an entity or states a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: MentionKind,
    pub line: usize,
    /// Char offsets into the original line, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Exactly the chars `start..end` of the original line.
    pub text: String,
    pub entity_id: Option<String>,
    /// Canonical name of the entity; for a family member the full version name.
    pub name: Option<String>,
    pub value: Option<Value>,
    /// Upper bound of a range (`4 - 6 个月`: value 4, value_max 6).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::serialize_opt"
    )]
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// Subtitle cue times, when the input had them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
}

/// The entity a fact is about (or points at).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    /// `None` when the name is not in the dictionary (an unlinked entity).
    pub entity_id: Option<String>,
    pub name: String,
}

/// The lines a reviewer must read to check a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub line_start: usize,
    pub line_end: usize,
    /// The evidence lines joined with `\n`.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
    /// Further places the same fact is stated (the first is the fields above).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<EvidenceSpan>,
}

/// One more statement of a fact that was already found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSpan {
    pub line_start: usize,
    pub line_end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
}

/// A linked fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub predicate: String,
    pub subject: EntityRef,
    pub object: Option<EntityRef>,
    pub metric: Option<String>,
    #[serde(serialize_with = "number::serialize_opt")]
    pub value: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::serialize_opt"
    )]
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub date: Option<String>,
    pub as_of: Option<String>,
    pub round: Option<String>,
    /// True for a stated expectation (营收预期过亿) rather than an achieved figure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forecast: bool,
    pub evidence: Evidence,
    pub confidence: f64,
    pub rule: String,
    /// The reviewers' verdict from the ledger (`unreviewed` until there is one).
    #[serde(default)]
    pub audit: FactAudit,
}

/// One episode's document: what `tfacts annotate` prints and `dataset.json` lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeDoc {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub reference_date: Option<String>,
    pub lines: usize,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub original_file: Option<String>,
    #[serde(default)]
    pub encoding: Option<String>,
    #[serde(default)]
    pub sha256: Option<String>,
    pub mentions: Vec<Mention>,
    pub facts: Vec<Fact>,
}

/// An entity row of `dataset.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: MentionKind,
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    pub episodes: Vec<String>,
    pub mentions: usize,
}

/// The whole dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub schema_version: u32,
    pub entities: Vec<EntitySummary>,
    pub episodes: Vec<EpisodeDoc>,
    /// Reviewers' verdicts applied to this dataset: every fact's status by fact id, and the
    /// ledger rows whose fact is gone (`tfacts run` fills it from `audit/verdicts.csv`).
    #[serde(default, skip_serializing_if = "DatasetAudit::is_empty")]
    pub audit: DatasetAudit,
}

// Review state: what `audit/` decides from the ledger and the output writes for each fact.

/// A reviewer's decision on a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accepted,
    Rejected,
    Corrected,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Rejected => "rejected",
            Verdict::Corrected => "corrected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "accepted" | "accept" => Some(Verdict::Accepted),
            "rejected" | "reject" => Some(Verdict::Rejected),
            "corrected" | "correct" => Some(Verdict::Corrected),
            _ => None,
        }
    }
}

/// A fact's review state as shown in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unreviewed,
    Accepted,
    Corrected,
    Rejected,
    /// The claim changed since the reviewer judged it: the verdict no longer covers the fact.
    Stale,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::Accepted => "accepted",
            Status::Corrected => "corrected",
            Status::Rejected => "rejected",
            Status::Stale => "stale",
        }
    }

    /// Accepted and corrected facts make the reviewed-only view.
    pub fn is_kept(self) -> bool {
        matches!(self, Status::Accepted | Status::Corrected)
    }
}

impl From<Verdict> for Status {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Accepted => Status::Accepted,
            Verdict::Corrected => Status::Corrected,
            Verdict::Rejected => Status::Rejected,
        }
    }
}

/// The verdict that applies to one fact (the latest in the ledger), as written to the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactAudit {
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The values the reviewer set (a `corrected` verdict); the fact shows them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub corrections: BTreeMap<String, serde_json::Value>,
    /// What the machine had said for each corrected field, before the correction.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub original: BTreeMap<String, serde_json::Value>,
    /// 1-based line of the ledger row that decided this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger_line: Option<usize>,
    /// For a `stale` fact: the verdict given to the claim as it was then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// For a `stale` fact: each field that changed, `{"judged": .., "now": ..}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: BTreeMap<String, serde_json::Value>,
}

impl Default for FactAudit {
    fn default() -> Self {
        Self::unreviewed()
    }
}

impl FactAudit {
    pub fn unreviewed() -> Self {
        FactAudit {
            status: Status::Unreviewed,
            reviewer: None,
            date: None,
            note: None,
            corrections: BTreeMap::new(),
            original: BTreeMap::new(),
            ledger_line: None,
            verdict: None,
            changed: BTreeMap::new(),
        }
    }
}

/// A ledger verdict whose fact is not in the dataset (the fact changed or went away).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Orphan {
    pub fact_id: String,
    pub verdict: Verdict,
    pub reviewer: String,
    pub date: String,
    pub note: String,
    /// 1-based line of the (latest) ledger row for this fact.
    pub ledger_line: usize,
}

/// The `audit` section of `dataset.json`: every fact's status by fact id, and the orphans.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DatasetAudit {
    /// Ledger rows whose fact is not in the dataset (each fact carries its own status).
    #[serde(default)]
    pub orphans: Vec<Orphan>,
}

impl DatasetAudit {
    pub fn is_empty(&self) -> bool {
        self.orphans.is_empty()
    }
}
