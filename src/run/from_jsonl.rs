//! `tfacts run --from-jsonl`: the dataset `tfacts run` writes, from the episode documents
//! `annotate --jsonl` wrote (on a cluster, say), byte for byte.

use std::io::{BufRead, Read, Seek};
use std::path::{Path, PathBuf};

use super::{Episode, RunConfig, RunOptions, RunReport, RunSink, refuse_empty};
use crate::error::{Error, Result};
use crate::model::{EpisodeDoc, SourceLine};
use crate::pipeline::Annotator;
use crate::pipeline::driver::{Window, ordered_map, thread_pool};
use crate::pipeline::jsonl::{find_id, parse_line};
use crate::{audit, ingest, output};

/// The files of `path`: itself, or the files directly in the folder in name order, leaving
/// out the `_SUCCESS` markers and `.crc` checksums that Spark and Hadoop write beside their
/// part files (names starting with `_` or `.`).
fn input_files(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::in_file(path, format!("cannot read the JSON Lines: {e}")))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with(['_', '.']);
        if !hidden && entry.path().is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// Where one annotated episode is: its id, file (index), line number, byte range.
struct Located {
    id: String,
    file: usize,
    number: usize,
    offset: u64,
    len: usize,
}

/// Every non-blank line of `files` with the episode id it names; a line without one is an
/// error.
fn locate_lines(files: &[PathBuf], errors: &mut Vec<String>) -> Result<Vec<Located>> {
    let mut found = Vec::new();
    let mut line = Vec::new();
    for (file, path) in files.iter().enumerate() {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, f);
        let (mut number, mut offset) = (0usize, 0u64);
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Error::io(path, e))?;
            if n == 0 {
                break;
            }
            number += 1;
            offset += n as u64;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match find_id(&line) {
                Some(id) => found.push(Located {
                    id: ingest::episode_id(&id),
                    file,
                    number,
                    offset: offset - n as u64,
                    len: n,
                }),
                None => errors.push(format!(
                    "{}:{number}: byte {}: not an episode document (no \"id\"); skipped",
                    path.display(),
                    offset - n as u64
                )),
            }
        }
    }
    Ok(found)
}

/// Read back what `annotate --jsonl` wrote (a file, or a folder of part files as Spark's
/// `saveAsTextFile` or Hadoop Streaming leave them) and write the dataset `tfacts run` writes
/// from the same episodes into `config.out`, byte for byte: episodes in id order, the ledger
/// applied, the entity list, the CSVs and the report's pages. `texts` (the episodes' input
/// JSON Lines) gives the episode pages their transcript lines; without it a page shows the
/// facts but not the lines. A line that is not an episode document, or a second document for one id,
/// is an error in the report and skipped.
pub fn run_from_jsonl(
    config: &RunConfig,
    options: &RunOptions,
    annotated: &Path,
    texts: Option<&Path>,
) -> Result<RunReport> {
    let pool = thread_pool(config.threads)?;
    let annotator = pool.install(|| Annotator::load(&config.dictionaries))?;
    output::remove_stale_temp_files(&config.out);
    let mut report = RunReport::default();
    let files = input_files(annotated)?;
    let mut located = locate_lines(&files, &mut report.errors)?;
    located.sort_by(|a, b| (&a.id, a.file, a.offset).cmp(&(&b.id, b.file, b.offset)));
    let mut unique: Vec<Located> = Vec::with_capacity(located.len());
    for l in located {
        match unique.last() {
            Some(first) if first.id == l.id => report.errors.push(format!(
                "{}:{}: episode {:?} is already at {}:{}; skipped",
                files[l.file].display(),
                l.number,
                l.id,
                files[first.file].display(),
                first.number
            )),
            _ => unique.push(l),
        }
    }
    // Where each episode's line of the texts is, read again when its page is written, so
    // no episode's lines are held longer than its page takes.
    let wanted: std::collections::HashSet<&str> = unique.iter().map(|l| l.id.as_str()).collect();
    let (text_files, places) = match texts {
        Some(path) => text_places(path, &wanted)?,
        None => Default::default(),
    };
    if let Some(path) = texts {
        for l in unique.iter().filter(|l| !places.contains_key(&l.id)) {
            report.warnings.push(format!(
                "episode {:?} is not in {}: its report page shows its facts without its lines",
                l.id,
                path.display()
            ));
        }
    }
    let ledger = match &options.ledger {
        Some(path) => audit::ledger::read(path)?,
        None => Vec::new(),
    };
    let verdicts = audit::apply::latest(&ledger);
    let pages = output::PageDir::create(&config.out, output::REPORT_PAGES)?;
    let mut sink = RunSink::create(&config.out, &verdicts, &pages)?;
    let encode = |l: &Located| -> Result<Episode> {
        let path = &files[l.file];
        let at = |message: String| Error::at_line(path, l.number, message);
        let mut bytes = vec![0; l.len];
        let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        f.seek(std::io::SeekFrom::Start(l.offset))
            .and_then(|_| f.read_exact(&mut bytes))
            .map_err(|e| Error::io(path, e))?;
        let doc: EpisodeDoc = serde_json::from_slice(&bytes)
            .map_err(|e| at(format!("episode {:?}: not an episode document: {e}", l.id)))?;
        if doc.id != l.id {
            return Err(at(format!(
                "episode {:?}: the id is not a clean episode id",
                doc.id
            )));
        }
        let text = match places.get(&doc.id) {
            Some(&(file, offset, len)) => read_text(&text_files[file], offset, len)?,
            None => Vec::new(),
        };
        Episode::new(&annotator, doc, text, &verdicts, &pages)
    };
    let write = |r: Result<Episode>| sink.push(r, &mut report);
    let window = Window::of(&pool);
    ordered_map(&pool, window, unique.iter().map(Ok), |_| 0, encode, write)?;
    refuse_empty(config, options, &report, annotated, "annotated episode")?;
    sink.finish(&annotator, &pool, pages, &mut report)?;
    Ok(report)
}

/// Where the episodes in `wanted` are in the input JSON Lines at `path` (a file or a folder
/// of them; the first line of an id counts); bad lines there are left to `annotate --jsonl`
/// to report.
fn text_places(
    path: &Path,
    wanted: &std::collections::HashSet<&str>,
) -> Result<(Vec<PathBuf>, TextPlaces)> {
    let files = input_files(path)?;
    let mut found = TextPlaces::new();
    let mut line = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, f);
        let mut offset = 0u64;
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Error::io(file, e))?;
            if n == 0 {
                break;
            }
            let at = offset;
            offset += n as u64;
            let Some(id) = find_id(&line).map(|id| ingest::episode_id(&id)) else {
                continue;
            };
            if wanted.contains(id.as_str())
                && !found.contains_key(&id)
                && let Ok(t) = parse_line("", 0, 0, &line)
            {
                found.insert(t.id, (i, at, n));
            }
        }
    }
    Ok((files, found))
}

/// Where an episode's line of the texts is: file (index), byte offset, length.
type TextPlaces = std::collections::HashMap<String, (usize, u64, usize)>;

/// The lines of the episode whose texts line is at `offset` of `file`.
fn read_text(file: &Path, offset: u64, len: usize) -> Result<Vec<SourceLine>> {
    let mut bytes = vec![0; len];
    let mut f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    f.seek(std::io::SeekFrom::Start(offset))
        .and_then(|_| f.read_exact(&mut bytes))
        .map_err(|e| Error::io(file, e))?;
    let t = parse_line("", 0, 0, &bytes)
        .map_err(|e| Error::Other(format!("{}: {e}", file.display())))?;
    Ok(t.lines)
}
