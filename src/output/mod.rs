//! Output: the dataset as `dataset.json` and flattened CSVs, written atomically.
//!
//! Every file is written to a temporary file in the output folder and renamed into place, so an
//! interrupted run leaves the previous dataset whole. Rows are in a stable order, so the same
//! inputs give byte-identical files.

pub mod csv_rows;
pub mod json;
pub mod spill;
pub mod stream;

use std::collections::hash_map::Entry;
use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

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
        audit: Default::default(),
    }
}

/// Which episodes name each entity and how often, gathered one episode at a time (episodes in
/// id order), so the entity list can be made without holding the episodes. Episode ids are
/// kept once and referred to by index, so the tally stays small next to the output. Entities
/// are hashed as they come (a few dozen an episode) and sorted by id once, at the end.
#[derive(Debug, Default)]
pub struct EntityTally {
    episodes: Vec<String>,
    seen: FxHashMap<String, (Vec<u32>, usize)>,
}

impl EntityTally {
    /// The mention count of each entity one episode names, in order of first mention.
    pub fn counts(ep: &EpisodeDoc) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        // Where each entity is in `out`: an episode names dozens of entities hundreds of times.
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        for id in ep.mentions.iter().filter_map(|m| m.entity_id.as_deref()) {
            match index.entry(id) {
                Entry::Occupied(at) => out[*at.get()].1 += 1,
                Entry::Vacant(slot) => {
                    slot.insert(out.len());
                    out.push((id.to_string(), 1));
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
        let mut by_id: Vec<_> = self.seen.iter().collect();
        by_id.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (id, (episodes, mentions)) in by_id {
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

/// The files a run writes into the output folder.
pub const OUTPUT_FILES: &[&str] = &[
    "dataset.json",
    "mentions.csv",
    "facts.csv",
    "entities.csv",
    "facts.reviewed.csv",
    "audit_orphans.csv",
    "report.html",
    "conflicts.csv",
];

/// The folder of the report's pages beside `report.html` (`report/episode/`, `report/entity/`).
pub const REPORT_PAGES: &str = "report";

/// Write `dataset.json` and the CSVs into `dir` (created if missing). Everything is serialized
/// first and written to temp files; only when all of them are on disk are they renamed into
/// place, one right after the other. A run killed before that leaves the previous dataset
/// untouched (and temp files that the next run removes).
pub fn write_dataset(dir: &Path, dataset: &Dataset) -> Result<()> {
    let files = [
        ("dataset.json", json::dataset(dataset)?),
        ("mentions.csv", csv_rows::mentions_csv(dataset)?),
        ("facts.csv", csv_rows::facts_csv(dataset)?),
        ("entities.csv", csv_rows::entities_csv(dataset)?),
        ("facts.reviewed.csv", csv_rows::reviewed_facts_csv(dataset)?),
        ("audit_orphans.csv", csv_rows::audit_orphans_csv(dataset)?),
    ];
    write_all_atomic(dir, &files)
}

/// Write several files into `dir` all at once: every temp file written and synced, then every
/// rename. On an error, the temp files are removed and no target has been replaced unless
/// the error came during the renames themselves.
pub fn write_all_atomic(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    write_all_atomic_with(dir, files, Vec::new())
}

/// [`write_all_atomic`], with files already written to their temp names (and synced) by
/// [`StagedFile`] renamed into place after `files`.
pub fn write_all_atomic_with(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    mut written: Vec<StagedFile>,
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len() + written.len());
    for f in &mut written {
        f.close()?; // on an error every staged file is dropped, so removed
    }
    let written: Vec<(PathBuf, PathBuf)> = written
        .into_iter()
        .map(|mut f| (std::mem::take(&mut f.tmp), std::mem::take(&mut f.target)))
        .collect();
    let remove_written = || {
        for (tmp, _) in &written {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (name, bytes) in files {
        let target = output_path(dir, name)?;
        let tmp = output_path(dir, &temp_name(name))?;
        if let Err(e) = write_synced(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            for (tmp, _) in &staged {
                let _ = std::fs::remove_file(tmp);
            }
            remove_written();
            return Err(Error::io(&target, e));
        }
        staged.push((tmp, target));
    }
    staged.extend(written);
    let mut failed = None;
    for (tmp, target) in &staged {
        if failed.is_some() {
            let _ = std::fs::remove_file(tmp);
        } else if let Err(e) = std::fs::rename(tmp, target) {
            let _ = std::fs::remove_file(tmp);
            failed = Some(Error::io(target, e));
        }
    }
    sync_dir(dir);
    failed.map_or(Ok(()), Err)
}

/// An output file written a piece at a time to its temp name (too large to hold whole),
/// renamed into place by [`write_all_atomic_with`]; dropped before that, it is removed.
pub struct StagedFile {
    tmp: PathBuf,
    target: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl StagedFile {
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        let target = output_path(dir, name)?;
        let tmp = temp_path(dir, name)?;
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(StagedFile {
            tmp,
            target,
            file: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(bytes).map_err(|e| Error::io(&self.tmp, e)),
            None => Err(Error::Other(format!(
                "{}: already closed",
                self.tmp.display()
            ))),
        }
    }

    /// Flush and sync: the file is whole on disk, ready to be renamed.
    pub fn close(&mut self) -> Result<()> {
        if let Some(f) = self.file.take() {
            let file = f
                .into_inner()
                .map_err(|e| Error::io(&self.tmp, e.into_error()))?;
            file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        }
        Ok(())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// A folder of pages written beside the output files under a temporary name
/// (`.NAME.PID.tmp/`) and swapped in whole by [`PageDir::commit`], so the folder holds
/// exactly one run's pages: nothing half-written, no page of an episode that is gone. Dropped
/// without a commit, it removes what it wrote.
pub struct PageDir {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl PageDir {
    /// Start the folder `dir/name` afresh (under its temporary name).
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        let target = output_path(dir, name)?;
        let tmp = output_path(dir, &temp_name(name))?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(PageDir {
            target,
            tmp,
            committed: false,
        })
    }

    /// Write `rel` (`sub/file`, one level of folder at most) inside the folder. Workers
    /// write their episodes' pages at once, each its own file.
    pub fn write(&self, sub: &str, file: &str, bytes: &[u8]) -> Result<()> {
        let path = self.file_path(sub, file)?;
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Write `sub/file` as `write` does, its bytes given to the writer `fill` is handed
    /// (buffered), for a page too large to hold whole.
    pub fn write_with(
        &self,
        sub: &str,
        file: &str,
        fill: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        let path = self.file_path(sub, file)?;
        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, f);
        fill(&mut out)?;
        out.flush().map_err(|e| Error::io(&path, e))
    }

    /// `sub/file` in the folder, `sub` created when missing.
    fn file_path(&self, sub: &str, file: &str) -> Result<PathBuf> {
        let folder = self.tmp.join(sub);
        if !folder.is_dir() {
            match std::fs::create_dir(&folder) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::io(&folder, e));
                }
                _ => {}
            }
        }
        Ok(folder.join(file))
    }

    /// A scratch file for this run inside the staging folder (`.spill/NAME`): removed when
    /// the spill is dropped, with the folder when the run fails, and before the folder is
    /// swapped in.
    pub fn spill(&self, name: &str) -> Result<spill::Spill> {
        let folder = self.tmp.join(SPILL);
        match std::fs::create_dir(&folder) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(Error::io(&folder, e));
            }
            _ => {}
        }
        spill::Spill::create(folder.join(name))
    }

    /// Swap the folder in: the old one (if any) is moved aside, the new one renamed into
    /// place, then the old one removed.
    pub fn commit(mut self) -> Result<()> {
        let scratch = self.tmp.join(SPILL);
        if scratch.exists() {
            std::fs::remove_dir_all(&scratch).map_err(|e| Error::io(&scratch, e))?;
        }
        let dir = self.target.parent().unwrap_or(Path::new("."));
        let name = self
            .target
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let old = dir.join(format!(".{name}.{}.old", std::process::id()));
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        let had = self.target.exists();
        if had {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.target) {
            if had {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        sync_dir(dir);
        if had {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for PageDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Make the renames durable where the platform allows syncing a folder.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The scratch folder inside a [`PageDir`]'s staging folder.
const SPILL: &str = ".spill";

/// `.<name>.<pid>.tmp`: hidden, so a transcripts walk over the same folder skips it.
fn temp_name(name: &str) -> String {
    format!(".{name}.{}.tmp", std::process::id())
}

/// How many episodes the `dataset.json` in `dir` holds, counted line by line without reading
/// it into memory (its top-level `episodes` array holds one episode object per line at depth
/// two); 0 when there is none.
pub fn existing_episodes(dir: &Path) -> usize {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(dir.join("dataset.json")) else {
        return 0;
    };
    let mut in_episodes = false;
    let mut n = 0;
    for line in std::io::BufReader::new(file).split(b'\n') {
        let Ok(line) = line else { return n };
        if in_episodes {
            if line.starts_with(b"    {") {
                n += 1;
            } else if line.starts_with(b"  ]") {
                break;
            }
        } else if line.starts_with(b"  \"episodes\": [") {
            if line.ends_with(b"[]") || line.ends_with(b"[],") {
                break;
            }
            in_episodes = true;
        }
    }
    n
}

/// Remove temp files that an interrupted run left in `dir` (`.<output file>.<pid>.tmp`).
/// Nothing else is touched; errors are ignored (there may be nothing to clean).
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_our_temp_name(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        } else if is_our_temp_folder(&name) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// `.report.PID.tmp` or `.report.PID.old`: a [`PageDir`] a killed run left behind.
fn is_our_temp_folder(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(".report.") else {
        return false;
    };
    let pid = rest
        .strip_suffix(".tmp")
        .or_else(|| rest.strip_suffix(".old"));
    pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_our_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    // The streamed episodes part of dataset.json (`stream::EPISODES_PART`) too.
    OUTPUT_FILES
        .iter()
        .chain(&["dataset.episodes.json"])
        .any(|f| {
            rest.strip_prefix(f)
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Device names Windows reserves whatever the extension (`nul.json` is the null device).
const RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The path of `name` inside `dir`, refusing names that would leave it or that some system
/// would read as something else: empty, `.`/`..`, separators, control chars, a Windows device
/// name, a trailing dot or space.
pub fn output_path(dir: &Path, name: &str) -> Result<PathBuf> {
    let base = name.split('.').next().unwrap_or("");
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\', '\0', ':'])
        || name.chars().any(char::is_control)
        || name.ends_with(['.', ' '])
        || RESERVED_NAMES
            .iter()
            .any(|r| r.eq_ignore_ascii_case(base.trim_end()));
    if bad {
        return Err(Error::Other(format!("refusing output file name {name:?}")));
    }
    let path = dir.join(name);
    // Belt and braces: the joined path must be `dir` plus exactly this one plain component.
    let mut components = Path::new(name).components();
    let one_plain = matches!(components.next(), Some(std::path::Component::Normal(_)))
        && components.next().is_none();
    if !one_plain || path.parent() != Some(dir) {
        return Err(Error::Other(format!(
            "refusing output file name {name:?}: it would leave {}",
            dir.display()
        )));
    }
    Ok(path)
}

/// The temporary file `dir/name` is written to before it is renamed into place.
pub fn temp_path(dir: &Path, name: &str) -> Result<PathBuf> {
    output_path(dir, &format!(".{name}.{}.tmp", std::process::id()))
}

/// Write `bytes` to `dir/name` through a temporary file and a rename.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    write_all_atomic(dir, &[(name, bytes.to_vec())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_stay_inside() {
        let dir = Path::new("out");
        assert_eq!(
            output_path(dir, "dataset.json").unwrap(),
            dir.join("dataset.json")
        );
        assert!(output_path(dir, ".dataset.json.12.tmp").is_ok());
        for bad in [
            "", ".", "..", "../x", "a/b", "a\\b", "x\0", "c:x", "CON", "nul.json", "Com1.csv",
            "x.", "x ", "a\nb",
        ] {
            assert!(output_path(dir, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn temp_names_are_recognized() {
        assert!(is_our_temp_name(&temp_name("facts.csv")));
        assert!(is_our_temp_name(".dataset.json.1.tmp"));
        assert!(!is_our_temp_name(".dataset.json..tmp"));
        assert!(!is_our_temp_name(".notes.txt.1.tmp"));
        assert!(!is_our_temp_name("dataset.json"));
    }

    #[test]
    fn writes_all_files_and_cleans_stale_temps() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".facts.csv.999999.tmp");
        std::fs::write(&stale, "half").unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        remove_stale_temp_files(dir.path());
        assert!(!stale.exists());
        write_all_atomic(
            dir.path(),
            &[("a.csv", b"1".to_vec()), ("b.csv", b"2".to_vec())],
        )
        .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.csv", "b.csv", "keep.txt"]);
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn scratch_files_never_reach_the_swapped_in_folder() {
        let dir = tempfile::tempdir().unwrap();
        // Committed with a spill still open: the folder holds the pages only.
        let pages = PageDir::create(dir.path(), "report").unwrap();
        let mut spill = pages.spill("rows").unwrap();
        let mut r = spill::Record::default();
        spill.append(r.str("row")).unwrap();
        pages.write("entity", "a.html", b"<p>").unwrap();
        pages.commit().unwrap();
        assert_eq!(names_in(&dir.path().join("report")), ["entity"]);
        drop(spill);
        assert_eq!(names_in(dir.path()), ["report"]);
        // A run that fails (its folder dropped uncommitted) leaves nothing, spills included.
        let pages = PageDir::create(dir.path(), "report").unwrap();
        let spill = pages.spill("rows").unwrap();
        let mut csv = StagedFile::create(dir.path(), "conflicts.csv").unwrap();
        csv.write(b"id\n").unwrap();
        drop(pages);
        drop(spill);
        drop(csv);
        assert_eq!(names_in(dir.path()), ["report"]);
        assert_eq!(names_in(&dir.path().join("report")), ["entity"]);
        // A staged file is renamed in with the others, whole.
        let mut csv = StagedFile::create(dir.path(), "conflicts.csv").unwrap();
        csv.write(b"id\n").unwrap();
        csv.write(b"x\n").unwrap();
        write_all_atomic_with(dir.path(), &[("report.html", b"<p>".to_vec())], vec![csv]).unwrap();
        assert_eq!(
            names_in(dir.path()),
            ["conflicts.csv", "report", "report.html"]
        );
        let written = std::fs::read(dir.path().join("conflicts.csv")).unwrap();
        assert_eq!(written, b"id\nx\n");
    }
}
