//! Output: the dataset as `dataset.json` and flattened CSVs, written atomically.
//!
//! Every file is written to a temporary file in the output folder and renamed into place, so an
//! interrupted run leaves the previous dataset whole. Rows are in a stable order, so the same
//! inputs give byte-identical files.

pub mod csv_rows;
pub mod stream;

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
    let mut tally = EntityTally::default();
    for ep in &episodes {
        tally.add(&ep.id, &EntityTally::counts(ep));
    }
    Dataset {
        schema_version: SCHEMA_VERSION,
        entities: tally.summaries(catalogue),
        episodes,
    }
}

/// Which episodes name each entity and how often, gathered one episode at a time (episodes in
/// id order), so the entity list can be made without holding the episodes. Episode ids are
/// kept once and referred to by index, so the tally stays small next to the output.
#[derive(Debug, Default)]
pub struct EntityTally {
    episodes: Vec<String>,
    seen: BTreeMap<String, (Vec<u32>, usize)>,
}

impl EntityTally {
    /// The mention count of each entity one episode names, in order of first mention.
    pub fn counts(ep: &EpisodeDoc) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for m in &ep.mentions {
            if let Some(id) = &m.entity_id {
                match out.iter_mut().find(|(e, _)| e == id) {
                    Some((_, n)) => *n += 1,
                    None => out.push((id.clone(), 1)),
                }
            }
        }
        out
    }

    /// Count one episode's entities (from [`EntityTally::counts`]).
    pub fn add(&mut self, episode_id: &str, counts: &[(String, usize)]) {
        if counts.is_empty() {
            return;
        }
        if self.episodes.last().map(String::as_str) != Some(episode_id) {
            self.episodes.push(episode_id.to_string());
        }
        let episode = (self.episodes.len() - 1) as u32;
        for (id, n) in counts {
            let entry = match self.seen.get_mut(id.as_str()) {
                Some(entry) => entry,
                None => self.seen.entry(id.clone()).or_default(),
            };
            if entry.0.last() != Some(&episode) {
                entry.0.push(episode);
            }
            entry.1 += n;
        }
    }

    /// The entity rows one at a time, by id; ids the catalogue does not know are left out.
    pub fn for_each_summary(
        &self,
        catalogue: &Catalogue,
        mut f: impl FnMut(EntitySummary) -> Result<()>,
    ) -> Result<()> {
        for (id, (episodes, mentions)) in &self.seen {
            let Some(e) = catalogue.get(id) else {
                continue;
            };
            f(EntitySummary {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                owner: e.owner.clone(),
                affiliation: e.affiliation.clone(),
                episodes: episodes
                    .iter()
                    .map(|&i| self.episodes[i as usize].clone())
                    .collect(),
                mentions: *mentions,
            })?;
        }
        Ok(())
    }

    /// Every entity row, by id.
    pub fn summaries(self, catalogue: &Catalogue) -> Vec<EntitySummary> {
        let mut out = Vec::new();
        let _ = self.for_each_summary(catalogue, |e| {
            out.push(e);
            Ok(())
        });
        out
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
    Ok(())
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

/// The temporary file `dir/name` is written to before it is renamed into place.
pub fn temp_path(dir: &Path, name: &str) -> Result<PathBuf> {
    output_path(dir, &format!(".{name}.{}.tmp", std::process::id()))
}

/// Write `bytes` to `dir/name` through a temporary file and a rename.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let target = output_path(dir, name)?;
    let tmp = temp_path(dir, name)?;
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
