//! The dataset written episode by episode, so a run over the whole archive holds one chunk of
//! episodes at a time, never the dataset.
//!
//! Each episode is encoded on the worker that annotated it ([`EncodedEpisode`]: its slice of
//! `dataset.json`, its CSV rows and its entity counts); the [`DatasetWriter`] appends those, in
//! the order it is given them, to temporary files in the output folder, each buffer in one
//! write (they are tens to hundreds of kilobytes: copying them through a `BufWriter` first
//! would only copy every output byte once more). `finish` writes the entity list (known only
//! at the end), assembles `dataset.json` by copying the streamed episodes after it, and
//! renames every file into place. The files are byte-identical to
//! [`super::write_dataset`] of [`super::build_dataset`] over the same episodes, provided the
//! episodes are pushed in id order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::csv_rows::{self, EntityRow, FactRow, MentionRow, header};
use super::json;
use super::{EntityTally, output_path, temp_path};
use crate::dictionary::Catalogue;
use crate::error::{Error, Result};
use crate::model::{DatasetAudit, EpisodeDoc};

/// One episode, serialized and ready to append.
#[derive(Debug, Clone)]
pub struct EncodedEpisode {
    pub id: String,
    pub mentions: usize,
    pub facts: usize,
    /// The episode object as it stands in `dataset.json`'s `episodes` array (indented, a
    /// mention or fact a line), after the separator that goes before it: `,\n`, which
    /// [`DatasetWriter::push`] turns into the array's `[\n` for the first episode.
    json: Vec<u8>,
    mention_rows: Vec<u8>,
    fact_rows: Vec<u8>,
    /// The accepted and corrected facts' rows (`facts.reviewed.csv`).
    reviewed_rows: Vec<u8>,
    entity_counts: Vec<(String, usize)>,
}

impl EncodedEpisode {
    /// Serialize one episode document (the expensive part; runs on any thread).
    pub fn new(doc: &EpisodeDoc) -> Result<Self> {
        // Sized a little above the bench corpus's average record (a mention 226 bytes of JSON
        // and 98 of CSV, a fact 541 and 241), so most episodes need no regrowing and copying.
        let (m, f) = (doc.mentions.len(), doc.facts.len());
        let mut json = Vec::with_capacity(1024 + 240 * m + 580 * f);
        json.extend_from_slice(json::element_sep(1));
        json::episode(&mut json, doc)?;
        let mut mention_rows = Vec::with_capacity(105 * m);
        csv_rows::mention_rows(&mut mention_rows, doc)?;
        let mut fact_rows = Vec::with_capacity(260 * f);
        csv_rows::fact_rows(&mut fact_rows, doc, false)?;
        let mut reviewed_rows = Vec::new();
        csv_rows::fact_rows(&mut reviewed_rows, doc, true)?;
        Ok(EncodedEpisode {
            id: doc.id.clone(),
            mentions: doc.mentions.len(),
            facts: doc.facts.len(),
            json,
            mention_rows,
            fact_rows,
            reviewed_rows,
            entity_counts: EntityTally::counts(doc),
        })
    }
}

const FILES: [&str; 6] = [
    "dataset.json",
    "mentions.csv",
    "facts.csv",
    "entities.csv",
    "facts.reviewed.csv",
    "audit_orphans.csv",
];
/// Index of the streamed `episodes` part among the temp files (after `FILES`).
const PART: usize = FILES.len();
/// Where the `episodes` array is streamed before `dataset.json` is assembled.
pub const EPISODES_PART: &str = "dataset.episodes.json";

/// Appends encoded episodes to temporary files in the output folder; `finish` puts the
/// dataset in place. Dropped without `finish` (an error), it removes its temporary files and
/// leaves the previous dataset whole.
pub struct DatasetWriter {
    dir: PathBuf,
    /// `None` only while `finish` assembles `dataset.json`.
    episodes: Option<File>,
    mentions: File,
    facts: File,
    reviewed: File,
    tally: EntityTally,
    count: usize,
    temps: Vec<PathBuf>,
}

fn create(path: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

impl DatasetWriter {
    /// Create `dir` if missing and open the temporary files.
    pub fn create(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let temps = FILES
            .iter()
            .chain([&EPISODES_PART])
            .map(|name| temp_path(dir, name))
            .collect::<Result<Vec<_>>>()?;
        let mut writer = DatasetWriter {
            dir: dir.to_path_buf(),
            episodes: Some(create(&temps[PART])?),
            mentions: create(&temps[1])?,
            facts: create(&temps[2])?,
            reviewed: create(&temps[4])?,
            tally: EntityTally::default(),
            count: 0,
            temps,
        };
        let (m, f) = (header::<MentionRow>()?, header::<FactRow>()?);
        writer.write(1, &m)?;
        writer.write(2, &f)?;
        writer.write(4, &f)?;
        Ok(writer)
    }

    fn write(&mut self, file: usize, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let w = match file {
            1 => Some(&mut self.mentions),
            2 => Some(&mut self.facts),
            4 => Some(&mut self.reviewed),
            _ => self.episodes.as_mut(),
        };
        w.map_or(Ok(()), |w| w.write_all(bytes))
            .map_err(|e| Error::io(&self.temps[file], e))
    }

    /// Append one episode (episodes must come in id order for the files to be what
    /// `build_dataset` + `write_dataset` would write).
    pub fn push(&mut self, mut ep: EncodedEpisode) -> Result<()> {
        ep.json[..2].copy_from_slice(json::element_sep(self.count));
        self.write(PART, &ep.json)?;
        self.write(1, &ep.mention_rows)?;
        self.write(2, &ep.fact_rows)?;
        self.write(4, &ep.reviewed_rows)?;
        self.tally.add(&ep.id, &ep.entity_counts);
        self.count += 1;
        Ok(())
    }

    /// Episodes pushed so far.
    pub fn episodes(&self) -> usize {
        self.count
    }

    /// Write the entity list, assemble `dataset.json`, and rename every file into place.
    /// Entities are written one at a time, so memory stays flat here too.
    pub fn finish(mut self, catalogue: &Catalogue, audit: &DatasetAudit) -> Result<()> {
        // The CSVs of mentions and facts are complete: their sync (waiting on the disk, not
        // computing) runs on its own thread, on duplicated handles, while dataset.json is
        // assembled.
        let mut csvs = Vec::with_capacity(3);
        for (i, file) in [(1, &self.mentions), (2, &self.facts), (4, &self.reviewed)] {
            let path = &self.temps[i];
            let file = file.try_clone().map_err(|e| Error::io(path, e))?;
            csvs.push((path.clone(), file));
        }
        let (assembled, synced) = std::thread::scope(|scope| {
            let syncing = scope.spawn(move || -> Result<()> {
                for (path, file) in csvs {
                    file.sync_all().map_err(|e| Error::io(&path, e))?;
                }
                Ok(())
            });
            (
                self.assemble(catalogue, audit),
                syncing.join().expect("syncing the CSVs does not panic"),
            )
        });
        assembled?;
        synced?;
        for (i, name) in FILES.iter().enumerate() {
            let target = output_path(&self.dir, name)?;
            std::fs::rename(&self.temps[i], &target).map_err(|e| Error::io(&target, e))?;
        }
        self.temps.clear();
        Ok(())
    }

    /// `dataset.json` (the head, the entities, then the streamed episodes copied after),
    /// `entities.csv` (both synced) and `audit_orphans.csv`; nothing renamed yet.
    fn assemble(&mut self, catalogue: &Catalogue, audit: &DatasetAudit) -> Result<()> {
        self.write(PART, json::array_end(self.count))?;
        let episodes_path = self.temps[PART].clone();
        let mut part = self.episodes.take().expect("finish runs once");

        // dataset.json: the head, the entities, then the streamed episodes copied after.
        let dataset_path = self.temps[0].clone();
        let entities_path = self.temps[3].clone();
        let mut out = BufWriter::with_capacity(1 << 20, create(&dataset_path)?);
        let mut csv = BufWriter::new(create(&entities_path)?);
        let csv_io = |e| Error::io(&entities_path, e);
        csv.write_all(&header::<EntityRow>()?).map_err(csv_io)?;
        let io = |e| Error::io(&dataset_path, e);
        let mut buf = Vec::new();
        json::head(&mut buf);
        out.write_all(&buf).map_err(io)?;
        let mut entities = 0usize;
        self.tally.for_each_summary(catalogue, |e| {
            buf.clear();
            buf.extend_from_slice(json::element_sep(entities));
            json::entity(&mut buf, &e)?;
            out.write_all(&buf).map_err(io)?;
            buf.clear();
            csv_rows::entity_row(&mut buf, &e)?;
            csv.write_all(&buf).map_err(csv_io)?;
            entities += 1;
            Ok(())
        })?;
        // The orphaned verdicts, when there are any, and the end.
        let mut tail = Vec::new();
        json::audit(&mut tail, audit)?;
        tail.extend_from_slice(json::TAIL);
        let mut assemble = |out: &mut BufWriter<File>| -> std::io::Result<()> {
            use std::io::Seek;
            out.write_all(json::array_end(entities))?;
            out.write_all(json::EPISODES_KEY)?;
            part.rewind()?;
            out.flush()?;
            copy_syncing(&mut part, out.get_mut(), SYNC_EVERY)?;
            out.write_all(&tail)?;
            out.flush()?;
            out.get_ref().sync_all()
        };
        assemble(&mut out).map_err(io)?;
        drop(part);
        let _ = std::fs::remove_file(&episodes_path);
        csv.flush()
            .and_then(|_| csv.get_ref().sync_all())
            .map_err(|e| Error::io(&entities_path, e))?;

        let orphans_path = self.temps[5].clone();
        let orphans = csv_rows::orphan_rows(audit)?;
        std::fs::write(&orphans_path, orphans).map_err(|e| Error::io(&orphans_path, e))?;
        Ok(())
    }
}

/// Bytes copied between syncs in [`copy_syncing`].
const SYNC_EVERY: u64 = 16 << 20;

/// Copy the rest of `from` to the end of `to` (`every` bytes at a time), syncing what is already copied while the
/// copy goes on. `dataset.json` is synced before it is renamed into place; syncing its
/// episodes (over a hundred megabytes on a large archive) only after copying them all left
/// the disk idle during the copy and the CPU idle during the sync, both at the very end of
/// a run, where no other work overlaps them.
fn copy_syncing(from: &mut File, to: &mut File, every: u64) -> std::io::Result<u64> {
    use std::io::Read;
    let syncer = to.try_clone()?;
    std::thread::scope(|scope| {
        let (copied, synced) = std::sync::mpsc::channel::<()>();
        let syncing = scope.spawn(move || -> std::io::Result<()> {
            // One sync per message; messages that queued up while a sync ran share the next.
            while synced.recv().is_ok() {
                while synced.try_recv().is_ok() {}
                syncer.sync_data()?;
            }
            Ok(())
        });
        let mut total = 0;
        let result = loop {
            // `io::copy` of a `Take<&mut File>` into a `File` is still `copy_file_range`.
            match std::io::copy(&mut Read::by_ref(from).take(every), to) {
                Ok(0) => break Ok(total),
                Ok(n) => {
                    total += n;
                    let _ = copied.send(());
                }
                Err(e) => break Err(e),
            }
        };
        drop(copied);
        let synced = syncing.join().expect("syncing does not panic");
        let total = result?;
        synced?;
        Ok(total)
    })
}

impl Drop for DatasetWriter {
    fn drop(&mut self) {
        for t in &self.temps {
            let _ = std::fs::remove_file(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, MentionKind};

    #[test]
    fn copy_syncing_appends_every_byte() {
        use std::io::{Read, Seek};
        let dir = std::env::temp_dir().join(format!("tfacts-copy-syncing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let content: Vec<u8> = (0..10_007u32).map(|i| (i * 31 % 251) as u8).collect();
        std::fs::write(dir.join("from"), &content).unwrap();
        let mut from = File::open(dir.join("from")).unwrap();
        let mut to = std::fs::OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(dir.join("to"))
            .unwrap();
        to.write_all(b"head").unwrap();
        from.seek(std::io::SeekFrom::Start(7)).unwrap();
        // Chunks smaller than the file, the last one short: several syncs, nothing lost.
        assert_eq!(copy_syncing(&mut from, &mut to, 1000).unwrap(), 10_000);
        let mut written = Vec::new();
        to.rewind().unwrap();
        to.read_to_end(&mut written).unwrap();
        assert_eq!(&written[..4], b"head");
        assert_eq!(&written[4..], &content[7..]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn mention(entity: Option<&str>) -> Mention {
        Mention {
            id: "m".into(),
            kind: MentionKind::Company,
            line: 1,
            start: 0,
            end: 2,
            text: "智谱".into(),
            entity_id: entity.map(str::to_string),
            name: entity.map(|_| "智谱".to_string()),
            value: None,
            value_max: None,
            unit: None,
            currency: None,
            qualifier: None,
            start_ms: None,
            end_ms: None,
        }
    }

    fn episode(id: &str, entities: &[Option<&str>]) -> EpisodeDoc {
        EpisodeDoc {
            id: id.into(),
            source: format!("transcripts/{id}.txt"),
            title: Some("t \"q\"\nx".into()),
            reference_date: None,
            lines: 3,
            channel: None,
            original_file: None,
            encoding: Some("UTF-8".into()),
            sha256: None,
            mentions: entities.iter().map(|e| mention(*e)).collect(),
            facts: Vec::new(),
        }
    }

    fn catalogue() -> Catalogue {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("entities")).unwrap();
        std::fs::write(
            dir.path().join("entities/companies.csv"),
            "id,type,name,aliases,owner,affiliation\ncompany/zhipu,company,智谱,,,\ncompany/minimax,company,MiniMax,,,\n",
        )
        .unwrap();
        Catalogue::load_dir(dir.path()).unwrap()
    }

    fn streamed(
        catalogue: &Catalogue,
        episodes: &[EpisodeDoc],
        audit: &DatasetAudit,
    ) -> Vec<Vec<u8>> {
        let dir = tempfile::tempdir().unwrap();
        let mut w = DatasetWriter::create(dir.path()).unwrap();
        for ep in episodes {
            w.push(EncodedEpisode::new(ep).unwrap()).unwrap();
        }
        w.finish(catalogue, audit).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), FILES.len(), "temporary files left: {names:?}");
        FILES
            .iter()
            .map(|f| std::fs::read(dir.path().join(f)).unwrap())
            .collect()
    }

    fn whole(catalogue: &Catalogue, episodes: &[EpisodeDoc], audit: &DatasetAudit) -> Vec<Vec<u8>> {
        let dir = tempfile::tempdir().unwrap();
        let mut dataset = super::super::build_dataset(catalogue, episodes.to_vec());
        dataset.audit = audit.clone();
        super::super::write_dataset(dir.path(), &dataset).unwrap();
        FILES
            .iter()
            .map(|f| std::fs::read(dir.path().join(f)).unwrap())
            .collect()
    }

    #[test]
    fn streamed_files_equal_the_whole_dataset_written_at_once() {
        let c = catalogue();
        let cases: Vec<Vec<EpisodeDoc>> = vec![
            vec![],
            vec![episode("a", &[])],
            vec![episode("a", &[Some("company/zhipu"), None])],
            vec![
                episode("a", &[Some("company/zhipu"), Some("company/unknown")]),
                episode("b", &[]),
                episode(
                    "c",
                    &[
                        Some("company/minimax"),
                        Some("company/zhipu"),
                        Some("company/minimax"),
                    ],
                ),
            ],
        ];
        // An orphaned verdict goes into dataset.json's audit section and audit_orphans.csv.
        let orphaned = DatasetAudit {
            orphans: vec![crate::model::Orphan {
                fact_id: "00ff00ff00ff00ff".into(),
                verdict: crate::model::Verdict::Rejected,
                reviewer: "li".into(),
                date: "2025-02-01".into(),
                note: "=not said".into(),
                ledger_line: 3,
            }],
        };
        for (n, episodes) in cases.into_iter().enumerate() {
            let audit = if n % 2 == 0 {
                orphaned.clone()
            } else {
                DatasetAudit::default()
            };
            let (s, w) = (
                streamed(&c, &episodes, &audit),
                whole(&c, &episodes, &audit),
            );
            for (i, f) in FILES.iter().enumerate() {
                assert_eq!(
                    String::from_utf8_lossy(&s[i]),
                    String::from_utf8_lossy(&w[i]),
                    "{f} with {} episodes",
                    episodes.len()
                );
            }
            // Both are serde_json's serialization of the dataset but for whitespace.
            let mut dataset = super::super::build_dataset(&c, episodes.clone());
            dataset.audit = audit.clone();
            assert_eq!(
                String::from_utf8(json::tests::squeeze(&s[0])).unwrap(),
                serde_json::to_string(&dataset).unwrap()
            );
            let parsed: crate::model::Dataset = serde_json::from_slice(&s[0]).unwrap();
            assert_eq!(parsed, dataset);
        }
    }

    #[test]
    fn dropping_an_unfinished_writer_leaves_no_files() {
        let dir = tempfile::tempdir().unwrap();
        let w = DatasetWriter::create(dir.path()).unwrap();
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
