//! Output: the dataset as `dataset.json` and flattened CSVs, written atomically.
//!
//! Every file is written to a temporary file in the output folder and renamed into place, so an
//! interrupted run leaves the previous dataset whole. Rows are in a stable order, so the same
//! inputs give byte-identical files.

pub mod csv_rows;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::dictionary::Catalogue;
use crate::error::{Error, Result};
use crate::model::{Dataset, EntitySummary, EpisodeDoc};

pub const SCHEMA_VERSION: u32 = 1;

/// Assemble the dataset from episode documents (sorted by id) and the catalogue. Only entities
/// mentioned in some episode are listed.
pub fn build_dataset(catalogue: &Catalogue, mut episodes: Vec<EpisodeDoc>) -> Dataset {
    episodes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen: BTreeMap<&str, (Vec<String>, usize)> = BTreeMap::new();
    for ep in &episodes {
        for m in &ep.mentions {
            if let Some(id) = &m.entity_id {
                let entry = seen.entry(id.as_str()).or_default();
                if entry.0.last() != Some(&ep.id) {
                    entry.0.push(ep.id.clone());
                }
                entry.1 += 1;
            }
        }
    }
    let entities = seen
        .into_iter()
        .filter_map(|(id, (episodes, mentions))| {
            let e = catalogue.get(id)?;
            Some(EntitySummary {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                owner: e.owner.clone(),
                affiliation: e.affiliation.clone(),
                episodes,
                mentions,
            })
        })
        .collect();
    Dataset {
        schema_version: SCHEMA_VERSION,
        entities,
        episodes,
        audit: Default::default(),
    }
}

/// Write `dataset.json` and the CSVs into `dir` (created if missing).
pub fn write_dataset(dir: &Path, dataset: &Dataset) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut json = serde_json::to_vec_pretty(dataset)
        .map_err(|e| Error::Other(format!("cannot serialize the dataset: {e}")))?;
    json.push(b'\n');
    write_atomic(dir, "dataset.json", &json)?;
    write_atomic(dir, "mentions.csv", &csv_rows::mentions_csv(dataset)?)?;
    write_atomic(dir, "facts.csv", &csv_rows::facts_csv(dataset)?)?;
    write_atomic(dir, "entities.csv", &csv_rows::entities_csv(dataset)?)?;
    write_atomic(
        dir,
        "facts.reviewed.csv",
        &csv_rows::reviewed_facts_csv(dataset)?,
    )?;
    write_atomic(
        dir,
        "audit_orphans.csv",
        &csv_rows::audit_orphans_csv(dataset)?,
    )?;
    Ok(())
}

/// Write `report.html` (the audit page) into `dir`; `texts` gives each episode's lines.
pub fn write_report(
    dir: &Path,
    dataset: &Dataset,
    texts: &crate::audit::report::EpisodeTexts,
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let html = crate::audit::report::render(dataset, texts)?;
    write_atomic(dir, "report.html", html.as_bytes())
}

/// The path of `name` inside `dir`, refusing names that would leave it.
pub fn output_path(dir: &Path, name: &str) -> Result<PathBuf> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\', '\0'])
        || name.chars().any(char::is_control);
    if bad {
        return Err(Error::Other(format!("refusing output file name {name:?}")));
    }
    Ok(dir.join(name))
}

/// Write `bytes` to `dir/name` through a temporary file and a rename.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let target = output_path(dir, name)?;
    let tmp = output_path(dir, &format!(".{name}.{}.tmp", std::process::id()))?;
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(&target, e)
    })
}
