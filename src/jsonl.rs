//! Streaming mode for cluster pipes (`tfacts annotate --jsonl -`): episodes as JSON Lines in,
//! episode documents as JSON Lines out, in input order.
//!
//! Input, one episode a line: `{"id": "...", "text": "...", "published": "YYYY-MM-DD"}`
//! (`published` optional, as are `title`, `channel`, `url`, `original_file`). `text` is split
//! into lines on `\n` like a `.txt` transcript (a trailing `\r` dropped, blank lines skipped,
//! line numbers kept). Output, one line an episode: the document `tfacts annotate FILE` prints,
//! compact.
//!
//! Lines are read a chunk at a time, annotated in parallel and written in order before the
//! next chunk is read, so memory is bounded by a chunk, not the input. A bad line (not JSON,
//! no id, no text, a bad date) is reported with its line number and skipped; blank lines are
//! skipped silently.

use std::io::{BufRead, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{EpisodeMeta, Transcript};
use crate::recognize::values::CalendarDate;
use crate::{Annotator, chunk_len, ids, ingest, output, thread_pool};

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
    let mut done = false;
    let out_err = |e: std::io::Error| Error::io("standard output", e);
    while !done {
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(per_chunk);
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
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += n;
            chunk.push((number, line));
        }
        let results: Vec<Result<Vec<u8>>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(number, line)| {
                    let transcript = parse_line(name, *number, line)?;
                    let doc = annotator.annotate(&transcript);
                    // About the bench corpus's compact record sizes, so most episodes are
                    // written without regrowing (and copying) the buffer.
                    let (m, f) = (doc.mentions.len(), doc.facts.len());
                    let mut json = Vec::with_capacity(512 + 220 * m + 560 * f);
                    output::json::compact_episode(&mut json, &doc);
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

/// One input line -> a transcript, or an error naming the line.
fn parse_line(name: &str, number: usize, line: &[u8]) -> Result<Transcript> {
    let bad = |message: String| Error::at_line(name, number, message);
    let input: InputEpisode =
        serde_json::from_slice(line).map_err(|e| bad(format!("bad JSON line: {e}")))?;
    if input.id.trim().is_empty() {
        return Err(bad("the episode has an empty \"id\"".into()));
    }
    // Split exactly as a .txt transcript is, so the two give the same episode.
    let line_count = ingest::split_lines(&input.text).len();
    let lines = ingest::text_lines(&input.text);
    if lines.is_empty() {
        return Err(bad(format!("episode {:?} has no text", input.id)));
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
        source: input.id.clone(),
        sha256: ids::sha256_hex(input.text.as_bytes()),
        meta: EpisodeMeta {
            title: input.title,
            published: input.published,
            url: input.url,
            channel: input.channel,
            original_file: input.original_file,
        },
        reference_date,
        encoding: "UTF-8".to_string(),
        lines,
        line_count,
    })
}

/// Split on `\n`, dropping a trailing `\r`, keeping every line (numbers are positions); the
/// same rule as a `.txt` transcript.
/// Open `-` as standard input or else a file, for [`annotate_jsonl`].
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        Ok(Box::new(std::io::stdin().lock()))
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_a_transcript_with_file_line_numbers() {
        let t = parse_line(
            "stdin",
            1,
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
    fn bad_lines_name_the_line() {
        let e = parse_line("stdin", 7, b"{not json").unwrap_err();
        assert!(e.to_string().starts_with("stdin:7: bad JSON line"), "{e}");
        let e = parse_line(
            "stdin",
            2,
            br#"{"id": "x", "text": "a", "published": "2025-02-30"}"#,
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("stdin:2: "), "{e}");
        let e = parse_line("stdin", 3, br#"{"id": "x", "text": " \n"}"#).unwrap_err();
        assert!(e.to_string().contains("no text"), "{e}");
    }
}
