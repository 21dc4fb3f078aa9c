//! Streaming mode for cluster pipes (`tfacts annotate --jsonl -`): episodes as JSON Lines in,
//! episode documents as JSON Lines out, in input order.
//!
//! Input, one episode a line: `{"id": "...", "text": "...", "published": "YYYY-MM-DD"}`
//! (`published` optional, as are `title`, `channel`, `url`, `original_file`, and the
//! provenance of a file the text was read from: `source`, `encoding`, `sha256`). `text` is
//! split into lines on `\n` like a `.txt` transcript (a trailing `\r` dropped, blank lines
//! skipped, line numbers kept). Output, one line an episode: the document `tfacts annotate
//! FILE` prints, compact.
//!
//! Lines are read a chunk at a time, annotated in parallel and written in order before the
//! next chunk is read, so memory is bounded by a chunk, not the input. A bad line (not JSON,
//! no id, no text, a bad date) is reported and skipped; blank lines are skipped silently. In
//! a cluster a line number means little (it counts within one task's share of the input), so
//! the message names the episode id when the line has one, else the line's byte offset in
//! this input and the start of its SHA-256, which find it in the archive wherever it went.
//!
//! Around it: [`export_jsonl`] writes a transcripts folder as this input (what `tfacts run`
//! would read, provenance included), and [`run_from_jsonl`] turns annotated JSON Lines back
//! into the dataset `tfacts run` writes, byte for byte.

use std::io::{BufRead, Read, Seek, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{EpisodeDoc, EpisodeMeta, SourceLine, Transcript};
use crate::recognize::values::CalendarDate;
use crate::{
    Annotator, Episode, RunConfig, RunOptions, RunReport, RunSink, audit, chunk_len, ids, ingest,
    one_line, ordered_map, output, thread_pool,
};

/// One input line.
#[derive(Debug, Deserialize)]
struct InputEpisode {
    id: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    original_file: Option<String>,
    /// Where the text came from (`transcripts/x.txt`); the id when absent.
    #[serde(default)]
    source: Option<String>,
    /// The encoding the source file was decoded with; `UTF-8` when absent.
    #[serde(default)]
    encoding: Option<String>,
    /// The SHA-256 of the source file's bytes; that of `text` when absent.
    #[serde(default)]
    sha256: Option<String>,
}

/// What a JSON Lines run did.
#[derive(Debug, Default)]
pub struct JsonlReport {
    /// Episode documents written.
    pub episodes: usize,
    /// One message per skipped input line, naming the input and the line.
    pub errors: Vec<String>,
}

/// Input bytes read before a chunk is annotated even when it has fewer lines than a chunk.
const CHUNK_BYTES: usize = 32 << 20;

/// Annotate every episode of `input` (JSON Lines) onto `output`, in input order. `name` is
/// how the input is named in messages (`stdin`); `on_error` hears each bad line as it is
/// skipped. An error here is an I/O error on `output` (or a thread pool that cannot start).
pub fn annotate_jsonl<R: BufRead, W: Write>(
    annotator: &Annotator,
    mut input: R,
    mut output: W,
    name: &str,
    threads: usize,
    mut on_error: impl FnMut(&str),
) -> Result<JsonlReport> {
    let pool = thread_pool(threads)?;
    let per_chunk = chunk_len(pool.current_num_threads());
    let mut report = JsonlReport::default();
    let mut number = 0usize;
    let mut offset = 0usize;
    let mut done = false;
    let out_err = |e: std::io::Error| Error::io("standard output", e);
    while !done {
        let mut chunk: Vec<(usize, usize, Vec<u8>)> = Vec::with_capacity(per_chunk);
        let mut bytes = 0;
        while chunk.len() < per_chunk && bytes < CHUNK_BYTES {
            let mut line = Vec::new();
            let n = input
                .read_until(b'\n', &mut line)
                .map_err(|e| Error::io(name, e))?;
            if n == 0 {
                done = true;
                break;
            }
            number += 1;
            offset += n;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += n;
            chunk.push((number, offset - n, line));
        }
        let results: Vec<Result<Vec<u8>>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(number, offset, line)| {
                    let transcript = parse_line(name, *number, *offset, line)?;
                    let doc = annotator.annotate(&transcript);
                    // About the bench corpus's compact record sizes, so most episodes are
                    // written without regrowing (and copying) the buffer.
                    let (m, f) = (doc.mentions.len(), doc.facts.len());
                    let mut json = Vec::with_capacity(512 + 220 * m + 560 * f);
                    serde_json::to_writer(&mut json, &doc)
                        .map_err(|e| Error::Other(e.to_string()))?;
                    json.push(b'\n');
                    Ok(json)
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(json) => {
                    output.write_all(&json).map_err(out_err)?;
                    report.episodes += 1;
                }
                Err(e) => {
                    let message = e.to_string();
                    on_error(&message);
                    report.errors.push(message);
                }
            }
        }
        output.flush().map_err(out_err)?;
    }
    Ok(report)
}

/// One input line -> a transcript, or an error naming the line, and the episode id when the
/// line gets that far (else its byte offset and hash).
fn parse_line(name: &str, number: usize, offset: usize, line: &[u8]) -> Result<Transcript> {
    let bad = |message: String| {
        let place = match find_id(line) {
            Some(id) => format!("episode {id:?}"),
            None => format!(
                "byte {offset}, line sha256 {}",
                &ids::sha256_hex(trim_line_end(line))[..16]
            ),
        };
        Error::at_line(name, number, format!("{place}: {message}"))
    };
    let input: InputEpisode =
        serde_json::from_slice(line).map_err(|e| bad(format!("bad JSON line: {e}")))?;
    if input.id.trim().is_empty() {
        return Err(bad("the episode has an empty \"id\"".into()));
    }
    // Split exactly as a .txt transcript is, so the two give the same episode.
    let line_count = ingest::split_lines(&input.text).len();
    let lines = ingest::text_lines(&input.text);
    if lines.is_empty() {
        return Err(bad("the episode has no text".into()));
    }
    let reference_date = match &input.published {
        Some(d) if CalendarDate::parse(d).is_some() => Some(d.clone()),
        Some(d) => return Err(bad(format!("\"published\" {d:?} is not a YYYY-MM-DD date"))),
        None => input
            .id
            .get(..10)
            .filter(|p| CalendarDate::parse(p).is_some())
            .map(str::to_string),
    };
    Ok(Transcript {
        id: ingest::episode_id(&input.id),
        sha256: input
            .sha256
            .unwrap_or_else(|| ids::sha256_hex(input.text.as_bytes())),
        source: input.source.unwrap_or_else(|| input.id.clone()),
        meta: EpisodeMeta {
            title: input.title,
            published: input.published,
            url: input.url,
            channel: input.channel,
            original_file: input.original_file,
        },
        reference_date,
        encoding: input.encoding.unwrap_or_else(|| "UTF-8".to_string()),
        lines,
        line_count,
    })
}

/// The line without its `\n` or `\r\n`: what the hash in a message is of, so `sha256sum` of
/// the line as a file without its newline finds it.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The value of the first `"id"` key of a JSON object line, read even when the rest of the
/// line is broken (cut short, a missing field): the way to name a bad line in a cluster.
/// Inside a JSON string a quote is escaped, so an unescaped `"id"` followed by `:` is a key.
fn find_id(line: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(at) = find(&line[from..], b"\"id\"") {
        let rest = &line[from + at + 4..];
        let rest = rest.trim_ascii_start();
        if let Some(value) = rest.strip_prefix(b":") {
            let mut values = serde_json::Deserializer::from_slice(value).into_iter::<String>();
            return match values.next() {
                Some(Ok(id)) if !id.trim().is_empty() => Some(id),
                _ => None,
            };
        }
        from += at + 4;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Open `-` as standard input or else a file, for [`annotate_jsonl`].
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        Ok(Box::new(std::io::stdin().lock()))
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, f)))
    }
}

/// One input line as [`export_jsonl`] writes it.
#[derive(Serialize)]
struct ExportedEpisode<'a> {
    id: &'a str,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_file: Option<&'a str>,
    encoding: &'a str,
    sha256: &'a str,
    text: &'a str,
}

/// Every transcript under `transcripts` (the files `tfacts run` would read, in its order) as
/// one JSON line each on `out`, with the reference date and the provenance `tfacts run`
/// writes (`source`, `encoding`, `sha256`), so `annotate --jsonl` of the lines gives the
/// episode documents `tfacts run` gives. Subtitle files are refused (their cue times cannot
/// travel in `text`); each bad file is named through `on_error` and left out.
pub fn export_jsonl<W: Write>(
    transcripts: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    mut out: W,
    mut on_error: impl FnMut(&str),
) -> Result<JsonlReport> {
    let scan = ingest::scan_transcripts(transcripts)?;
    let mut report = JsonlReport::default();
    report
        .errors
        .extend(scan.errors.iter().map(|e| one_line(&e.to_string())));
    let unique = crate::unique_episodes(&scan.files, &mut report.errors);
    report.errors.iter().for_each(|e| on_error(e));
    let files = crate::episode_order(unique.into_iter().cloned().collect());
    let read = ingest::ReadOptions {
        reference_date: None,
        encoding,
        root: Some(transcripts),
    };
    let out_err = |e: std::io::Error| Error::io("the JSON Lines output", e);
    let mut line = Vec::new();
    for path in &files {
        let t = match ingest::read_transcript_with(path, &read) {
            Ok(t) if t.lines.iter().any(|l| l.start_ms.is_some()) => {
                let message = format!(
                    "{}: a subtitle file: its cue times cannot travel in a JSON line's text; \
                     left out (annotate it with `tfacts run`)",
                    path.display()
                );
                on_error(&message);
                report.errors.push(message);
                continue;
            }
            Ok(t) => t,
            Err(e) => {
                let message = one_line(&e.to_string());
                on_error(&message);
                report.errors.push(message);
                continue;
            }
        };
        let text = joined_text(&t.lines, t.line_count);
        line.clear();
        let episode = ExportedEpisode {
            id: &t.id,
            source: &t.source,
            published: t.reference_date.as_deref(),
            title: t.meta.title.as_deref(),
            channel: t.meta.channel.as_deref(),
            url: t.meta.url.as_deref(),
            original_file: t.meta.original_file.as_deref(),
            encoding: &t.encoding,
            sha256: &t.sha256,
            text: &text,
        };
        serde_json::to_writer(&mut line, &episode).map_err(|e| Error::Other(e.to_string()))?;
        line.push(b'\n');
        out.write_all(&line).map_err(out_err)?;
        report.episodes += 1;
    }
    out.flush().map_err(out_err)?;
    Ok(report)
}

/// The text whose lines (split as a `.txt` transcript is) are `lines` at their numbers, blank
/// lines between them, `line_count` lines in all.
fn joined_text(lines: &[SourceLine], line_count: usize) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    let mut lines = lines.iter().peekable();
    for number in 1..=line_count {
        if let Some(line) = lines.next_if(|l| l.number == number) {
            text.push_str(&line.text);
        }
        text.push('\n');
    }
    text
}

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
    let mut sink = RunSink::create(&config.out, &verdicts)?;
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
        Episode::new(&annotator, doc, text, &verdicts)
    };
    let write = |r: Result<Episode>| sink.push(r, &mut report);
    ordered_map(&pool, &unique, encode, write)?;
    crate::refuse_empty(config, options, &report, annotated, "annotated episode")?;
    sink.finish(&annotator, &pool, &mut report)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_a_transcript_with_file_line_numbers() {
        let t = parse_line(
            "stdin",
            1,
            0,
            br#"{"id": "2025-01-10_x", "text": "a\r\n\nb\n"}"#,
        )
        .unwrap();
        assert_eq!(t.id, "2025-01-10_x");
        assert_eq!(t.reference_date.as_deref(), Some("2025-01-10"));
        let numbers: Vec<_> = t
            .lines
            .iter()
            .map(|l| (l.number, l.text.as_str()))
            .collect();
        assert_eq!(numbers, [(1, "a"), (3, "b")]);
        assert_eq!(t.line_count, 3);
    }

    #[test]
    fn bad_lines_name_the_episode_or_else_the_offset_and_hash() {
        // Cut short after the id: the id still names it.
        let e = parse_line("stdin", 7, 0, br#"{"id": "2025-03-01_cut", "text": "#).unwrap_err();
        let e = e.to_string();
        assert!(
            e.starts_with(r#"stdin:7: episode "2025-03-01_cut": bad JSON line"#),
            "{e}"
        );
        // Valid JSON, a field missing, the id not first.
        let e = parse_line("stdin", 2, 0, br#"{"title": "t", "id": "ep-9"}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains(r#"episode "ep-9": bad JSON line: missing field `text`"#),
            "{e}"
        );
        let e = parse_line(
            "stdin",
            2,
            0,
            br#"{"id": "x", "text": "a", "published": "2025-02-30"}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with(r#"stdin:2: episode "x": "published""#),
            "{e}"
        );
        let e = parse_line("stdin", 3, 0, br#"{"id": "x", "text": " \n"}"#).unwrap_err();
        assert!(e.to_string().contains("no text"), "{e}");
        // No id to name: the byte offset, and the hash of the line without its newline.
        let line = b"{not json, \"text\": \"\\\"id\\\": 1\"}\r\n";
        let e = parse_line("stdin", 4, 1234, line).unwrap_err().to_string();
        let hash = ids::sha256_hex(&line[..line.len() - 2]);
        let expected = format!(
            "stdin:4: byte 1234, line sha256 {}: bad JSON line",
            &hash[..16]
        );
        assert!(e.starts_with(&expected), "{e}");
    }

    #[test]
    fn an_id_is_found_only_as_a_key() {
        assert_eq!(
            find_id(br#"{"id" : "a\"b", "text": 1"#).as_deref(),
            Some("a\"b")
        );
        // An escaped "id" inside a string is text, not a key; an empty id names nothing.
        assert_eq!(
            find_id(br#"{"text": "say \"id\": \"no\"", "id": "yes"}"#).as_deref(),
            Some("yes")
        );
        assert_eq!(find_id(br#"{"text": "\"id\": \"no\""}"#), None);
        assert_eq!(find_id(br#"{"id": "  ", "text": "a"}"#), None);
        assert_eq!(find_id(br#"{"id": 12}"#), None);
    }

    #[test]
    fn joined_text_gives_back_the_lines_at_their_numbers() {
        let text = "\n第一行\n  \n第四行 \n\n";
        let lines = ingest::text_lines(text);
        let joined = joined_text(&lines, ingest::split_lines(text).len());
        assert_eq!(ingest::text_lines(&joined), lines);
        assert_eq!(ingest::split_lines(&joined).len(), 5);
    }
}
