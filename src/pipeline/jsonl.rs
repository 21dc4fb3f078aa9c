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
//! Lines are read as the driver's window lets them in ([`super::driver`]: a window of
//! episodes and at most 32 MB of input in flight), annotated in parallel and written in
//! order, so memory is bounded by the window, not the input. A bad line (not JSON,
//! no id, no text, a bad date) is reported and skipped; blank lines are skipped silently. In
//! a cluster a line number means little (it counts within one task's share of the input), so
//! the message names the episode id when the line has one, else the line's byte offset in
//! this input and the start of its SHA-256, which find it in the archive wherever it went.
//!
//! Around it: [`export_jsonl`] writes a transcripts folder as this input (what `tfacts run`
//! would read, provenance included), and `tfacts run --from-jsonl` (`crate::run::from_jsonl`)
//! turns annotated JSON Lines back into the dataset `tfacts run` writes, byte for byte.

use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Annotator;
use super::driver::{self, Source};
use crate::error::{Error, Result, one_line};
use crate::model::{EpisodeMeta, SourceLine, Transcript};
use crate::recognize::values::CalendarDate;
use crate::{ids, ingest};

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
    let pool = driver::thread_pool(threads)?;
    // Written out (and the reader downstream fed) a window's worth of episodes at a time.
    let flush_every = driver::chunk_len(pool.current_num_threads());
    let mut report = JsonlReport::default();
    let mut seen = 0usize;
    let out_err = |e: std::io::Error| Error::io("standard output", e);
    let encode = |_: Transcript, doc: crate::model::EpisodeDoc| -> Result<Vec<u8>> {
        // About the bench corpus's compact record sizes, so most episodes are written
        // without regrowing (and copying) the buffer.
        let (m, f) = (doc.mentions.len(), doc.facts.len());
        let mut json = Vec::with_capacity(512 + 220 * m + 560 * f);
        serde_json::to_writer(&mut json, &doc).map_err(|e| Error::Other(e.to_string()))?;
        json.push(b'\n');
        Ok(json)
    };
    let write = |r: Result<Vec<u8>>| -> Result<()> {
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
        seen += 1;
        if seen.is_multiple_of(flush_every) {
            output.flush().map_err(out_err)?;
        }
        Ok(())
    };
    let source = Source::JsonLines {
        input: &mut input,
        name,
    };
    driver::annotate_each(annotator, &pool, source, encode, write)?;
    output.flush().map_err(out_err)?;
    Ok(report)
}

/// One non-blank input line, where it is in the input.
pub(crate) struct Line {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's start.
    pub offset: usize,
    pub bytes: Vec<u8>,
}

/// The non-blank lines of a JSON Lines input, in order; a read error ends them.
pub(crate) struct Lines<'a> {
    input: &'a mut dyn BufRead,
    name: &'a str,
    number: usize,
    offset: usize,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(input: &'a mut dyn BufRead, name: &'a str) -> Self {
        Lines {
            input,
            name,
            number: 0,
            offset: 0,
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = Result<Line>;

    fn next(&mut self) -> Option<Result<Line>> {
        loop {
            let mut bytes = Vec::new();
            let n = match self.input.read_until(b'\n', &mut bytes) {
                Ok(n) => n,
                Err(e) => return Some(Err(Error::io(self.name, e))),
            };
            if n == 0 {
                return None;
            }
            self.number += 1;
            self.offset += n;
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                return Some(Ok(Line {
                    number: self.number,
                    offset: self.offset - n,
                    bytes,
                }));
            }
        }
    }
}

/// One input line -> a transcript, or an error naming the line, and the episode id when the
/// line gets that far (else its byte offset and hash).
pub(crate) fn parse_line(
    name: &str,
    number: usize,
    offset: usize,
    line: &[u8],
) -> Result<Transcript> {
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
pub(crate) fn find_id(line: &[u8]) -> Option<String> {
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
    let files = driver::episode_files(&scan.files, &mut report.errors);
    report.errors.iter().for_each(|e| on_error(e));
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
