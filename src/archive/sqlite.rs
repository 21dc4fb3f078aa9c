//! `tfacts export sqlite FILE`: the dataset as one SQLite database (SQLite is compiled into
//! the binary through rusqlite's `bundled` feature, so nothing is needed on the machine).
//!
//! Tables `episodes`, `entities`, `aliases`, `mentions`, `facts`, `verdicts`,
//! `orphaned_verdicts`, `conflicts`; views `facts_reviewed` and `entity_timeline`. The facts
//! are as `dataset.json` holds them (corrections applied, rejected ones marked); the schema
//! is [`SCHEMA`].
//!
//! The file is written beside its target under a temporary name and renamed into place, so a
//! failed export leaves no half file. The same dataset gives the same bytes: rows go in one
//! transaction in the dataset's order, and SQLite's header holds no clock (only counters that
//! the same statements set the same way).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::conflicts::Conflict;
use crate::error::{Error, Result};
use crate::model::{Dataset, Value};

/// The database's tables, indexes and views.
pub const SCHEMA: &str = r#"
CREATE TABLE episodes (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  title TEXT,
  reference_date TEXT,          -- YYYY-MM-DD: the date 今年 / 去年 resolve against
  lines INTEGER NOT NULL,
  channel TEXT,
  encoding TEXT,
  sha256 TEXT
);
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  owner TEXT,                   -- catalogue id (the owner may be named in no episode)
  affiliation TEXT,
  episodes INTEGER NOT NULL,    -- how many episodes name it
  mentions INTEGER NOT NULL
);
CREATE TABLE aliases (
  entity_id TEXT NOT NULL REFERENCES entities(id),
  alias TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (entity_id, alias)
);
CREATE TABLE mentions (
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  line INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  entity_id TEXT REFERENCES entities(id),
  name TEXT,
  value REAL,                   -- number, money, percent
  value_date TEXT,              -- an ISO date prefix, for a date mention
  value_max REAL,
  unit TEXT,
  currency TEXT,
  qualifier TEXT,
  start_ms INTEGER,
  end_ms INTEGER,
  PRIMARY KEY (episode_id, id)
);
CREATE TABLE facts (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  predicate TEXT NOT NULL,
  subject_id TEXT REFERENCES entities(id),
  subject_name TEXT NOT NULL,
  object_id TEXT REFERENCES entities(id),
  object_name TEXT,
  metric TEXT,
  value REAL,
  value_max REAL,
  unit TEXT,
  currency TEXT,
  qualifier TEXT,
  date TEXT,
  as_of TEXT,
  round TEXT,
  forecast INTEGER NOT NULL,
  line_start INTEGER NOT NULL,
  line_end INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  confidence REAL NOT NULL,
  rule TEXT NOT NULL,
  start_ms INTEGER,
  end_ms INTEGER,
  audit_status TEXT NOT NULL    -- unreviewed accepted corrected rejected stale
);
CREATE TABLE verdicts (
  fact_id TEXT PRIMARY KEY REFERENCES facts(id),
  verdict TEXT NOT NULL,        -- accepted rejected corrected
  status TEXT NOT NULL,         -- the fact's status (stale: the verdict judged another claim)
  reviewer TEXT,
  date TEXT,
  note TEXT,
  corrections TEXT,             -- JSON object of the corrected fields
  original TEXT,                -- JSON object: what the machine had said for them
  ledger_line INTEGER
);
CREATE TABLE orphaned_verdicts (
  fact_id TEXT PRIMARY KEY,
  verdict TEXT NOT NULL,
  reviewer TEXT,
  date TEXT,
  note TEXT,
  ledger_line INTEGER NOT NULL
);
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  predicate TEXT NOT NULL,
  subject_id TEXT REFERENCES entities(id),
  differs TEXT NOT NULL,
  fact_a TEXT NOT NULL REFERENCES facts(id),
  fact_b TEXT NOT NULL REFERENCES facts(id),
  open INTEGER NOT NULL         -- 0 once either fact is rejected or corrected
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX facts_subject ON facts(subject_id);
CREATE INDEX facts_object ON facts(object_id);
CREATE INDEX facts_predicate ON facts(predicate);
CREATE INDEX facts_episode ON facts(episode_id);
CREATE INDEX aliases_alias ON aliases(alias);
CREATE VIEW facts_reviewed AS
  SELECT * FROM facts WHERE audit_status IN ('accepted', 'corrected');
CREATE VIEW entity_timeline AS
  SELECT f.subject_id AS entity_id, e.name AS entity_name, f.metric,
         COALESCE(f.as_of, ep.reference_date) AS "when",
         f.value, f.value_max, f.qualifier, f.unit, f.currency,
         f.audit_status, f.episode_id, f.line_start AS line, f.id AS fact_id
  FROM facts f
  JOIN entities e ON e.id = f.subject_id
  JOIN episodes ep ON ep.id = f.episode_id
  WHERE f.predicate = 'metric' AND f.forecast = 0 AND f.audit_status <> 'rejected'
  ORDER BY f.subject_id, f.metric, "when", f.episode_id, f.line_start;
"#;

/// Write `dataset` (with its `conflicts`) to a SQLite file at `path`, atomically.
pub fn export(dataset: &Dataset, conflicts: &[Conflict], path: &Path) -> Result<()> {
    let tmp = temp_path(path);
    let _ = std::fs::remove_file(&tmp);
    let result = write(dataset, conflicts, &tmp);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn write(data: &Dataset, conflicts: &[Conflict], path: &Path) -> Result<()> {
    let err = |e: rusqlite::Error| Error::in_file(path, format!("SQLite: {e}"));
    let mut db = Connection::open(path).map_err(err)?;
    db.execute_batch(
        "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;",
    )
    .map_err(err)?;
    let tx = db.transaction().map_err(err)?;
    tx.execute_batch(SCHEMA).map_err(err)?;
    insert(&tx, data, conflicts).map_err(err)?;
    tx.commit().map_err(err)?;
    db.execute_batch("PRAGMA foreign_keys = ON;").map_err(err)?;
    check_foreign_keys(&db).map_err(|m| Error::in_file(path, m))?;
    db.close().map_err(|(_, e)| err(e))?;
    // The pages are on disk once the connection is closed with synchronous off only after
    // an explicit sync.
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Every foreign key holds, or a message naming the first that does not.
pub fn check_foreign_keys(db: &Connection) -> std::result::Result<(), String> {
    let mut stmt = db
        .prepare("PRAGMA foreign_key_check")
        .map_err(|e| e.to_string())?;
    let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
    if let Some(row) = rows.next().map_err(|e| e.to_string())? {
        let table: String = row.get(0).map_err(|e| e.to_string())?;
        let parent: String = row.get(2).map_err(|e| e.to_string())?;
        return Err(format!(
            "a row of {table} names a row of {parent} that is not exported"
        ));
    }
    Ok(())
}

fn json_or_null(m: &std::collections::BTreeMap<String, serde_json::Value>) -> Option<String> {
    (!m.is_empty()).then(|| serde_json::to_string(m).unwrap_or_default())
}

fn insert(
    tx: &rusqlite::Transaction,
    data: &Dataset,
    conflicts: &[Conflict],
) -> rusqlite::Result<()> {
    let mut ep_stmt = tx.prepare("INSERT INTO episodes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    for ep in &data.episodes {
        ep_stmt.execute(params![
            ep.id,
            ep.source,
            ep.title,
            ep.reference_date,
            ep.lines as i64,
            ep.channel,
            ep.encoding,
            ep.sha256
        ])?;
    }
    let mut ent = tx.prepare("INSERT INTO entities VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    let mut alias = tx.prepare("INSERT OR IGNORE INTO aliases VALUES (?1, ?2, ?3)")?;
    for e in &data.entities {
        ent.execute(params![
            e.id,
            e.kind.as_str(),
            e.name,
            e.owner,
            e.affiliation,
            e.episodes.len() as i64,
            e.mentions as i64
        ])?;
        for (i, a) in e.aliases.iter().enumerate() {
            alias.execute(params![e.id, a, i as i64])?;
        }
    }
    let mut men = tx.prepare(
        "INSERT INTO mentions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
         ?14, ?15, ?16, ?17)",
    )?;
    let mut fact = tx.prepare(
        "INSERT INTO facts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, \
         ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?;
    let mut verdict =
        tx.prepare("INSERT INTO verdicts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    for ep in &data.episodes {
        for m in &ep.mentions {
            let (num, date) = match &m.value {
                Some(Value::Number(n)) => (Some(*n), None),
                Some(Value::Date(d)) => (None, Some(d.as_str())),
                None => (None, None),
            };
            men.execute(params![
                ep.id,
                m.id,
                m.kind.as_str(),
                m.line as i64,
                m.start as i64,
                m.end as i64,
                m.text,
                m.entity_id,
                m.name,
                num,
                date,
                m.value_max,
                m.unit,
                m.currency,
                m.qualifier.map(|q| q.as_str()),
                m.start_ms.map(|v| v as i64),
                m.end_ms.map(|v| v as i64)
            ])?;
        }
        for f in &ep.facts {
            let ev = &f.evidence;
            fact.execute(params![
                f.id,
                ep.id,
                f.predicate,
                f.subject.entity_id,
                f.subject.name,
                f.object.as_ref().and_then(|o| o.entity_id.clone()),
                f.object.as_ref().map(|o| o.name.clone()),
                f.metric,
                f.value,
                f.value_max,
                f.unit,
                f.currency,
                f.qualifier.map(|q| q.as_str()),
                f.date,
                f.as_of,
                f.round,
                i64::from(f.forecast),
                ev.line_start as i64,
                ev.line_end as i64,
                ev.text,
                f.confidence,
                f.rule,
                ev.start_ms.map(|v| v as i64),
                ev.end_ms.map(|v| v as i64),
                f.audit.status.as_str()
            ])?;
            let a = &f.audit;
            let v = match (a.status, a.verdict) {
                (crate::audit::Status::Unreviewed, _) => None,
                (crate::audit::Status::Accepted, _) => Some("accepted"),
                (crate::audit::Status::Corrected, _) => Some("corrected"),
                (crate::audit::Status::Rejected, _) => Some("rejected"),
                (crate::audit::Status::Stale, v) => v.map(|v| v.as_str()),
            };
            if let Some(v) = v {
                verdict.execute(params![
                    f.id,
                    v,
                    a.status.as_str(),
                    a.reviewer,
                    a.date,
                    a.note,
                    json_or_null(&a.corrections),
                    json_or_null(&a.original),
                    a.ledger_line.map(|l| l as i64)
                ])?;
            }
        }
    }
    let mut orphan = tx.prepare("INSERT INTO orphaned_verdicts VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for o in &data.audit.orphans {
        orphan.execute(params![
            o.fact_id,
            o.verdict.as_str(),
            o.reviewer,
            o.date,
            o.note,
            o.ledger_line as i64
        ])?;
    }
    let mut conflict = tx.prepare("INSERT INTO conflicts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for c in conflicts {
        conflict.execute(params![
            c.id,
            c.predicate,
            c.subject_id,
            c.differs,
            c.a.id,
            c.b.id,
            i64::from(c.is_open())
        ])?;
    }
    Ok(())
}
