//! Ingest: transcript files on disk -> [`Transcript`] (decoded lines with their original line
//! numbers and subtitle times, sidecar metadata, reference date, provenance).
//!
//! - [`files`]: which files under the transcripts folder are transcripts;
//! - [`decode`]: bytes -> text (BOM, strict UTF-8, GBK/Big5 detection, `--encoding`), and the
//!   checks that refuse binary data and runaway lines;
//! - [`subtitles`]: SRT and WebVTT cues (YouTube's rolling captions too) -> lines with times;
//! - [`json`]: Bilibili BCC subtitles and Whisper JSON -> lines with times;
//! - [`tsv`]: Whisper TSV -> lines with times;
//! - [`sidecar`]: `<stem>.meta.json` and the reference date.
//!
//! Which reader a file goes to is [`InputFormat::detect`]'s call, from the content first and
//! the extension second (README.md in this folder has the order and how to add a format).
//!
//! Every error names the file, and the line where there is one.

pub mod decode;
pub mod files;
pub mod json;
pub mod sidecar;
pub mod subtitles;
pub mod tsv;

use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{Error, Result};
use crate::ids;
use crate::model::{SourceLine, Transcript};

pub use decode::{Decoded, MAX_LINE_BYTES, encoding_for_label};
pub use files::{Scan, Skipped, TRANSCRIPT_EXTENSIONS, list_transcripts, scan_transcripts};
pub use sidecar::sidecar_path;
use subtitles::SubtitleFormat;

/// Largest transcript file read (a guard against reading a disk image by mistake).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How a transcript is read beyond its path.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    /// `YYYY-MM-DD`, overriding the sidecar's `published` and the file name's date.
    pub reference_date: Option<&'a str>,
    /// Decode with this encoding instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// The transcripts folder the file was found in: `source` is then the path from that
    /// folder's name down (`transcripts/2024/x.srt`); without it, `<parent>/<file name>`.
    pub root: Option<&'a Path>,
}

/// How a file's lines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Subtitles(SubtitleFormat),
    /// Bilibili BCC or Whisper JSON ([`json`] tells which from the keys).
    Json,
    /// Whisper's TSV.
    WhisperTsv,
}

impl InputFormat {
    /// The format of a file, from its content first, then from its extension: a file that
    /// starts with `WEBVTT` is WebVTT, one that starts with an SRT cue (a number, then a
    /// timing line) is SRT, a JSON object (`{"…`) is a JSON transcript, and a first line
    /// `start<TAB>end<TAB>text` is a Whisper TSV, whatever the extension says; otherwise the
    /// extension decides (`.srt`, `.vtt`, `.json`/`.bcc`, `.tsv`, and then the reader names
    /// what is wrong), and anything else is plain text. So a `.txt` holding subtitles never
    /// turns cue numbers and times into transcript text.
    pub fn detect(path: &Path, text: &str) -> Self {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut first = text.lines().map(str::trim).skip_while(|l| l.is_empty());
        let (a, b) = (first.next().unwrap_or(""), first.next().unwrap_or(""));
        if a == "WEBVTT" || a.starts_with("WEBVTT ") || a.starts_with("WEBVTT\t") {
            return InputFormat::Subtitles(SubtitleFormat::Vtt);
        }
        if !a.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.contains("-->")
            && subtitles::parse_timing(b, SubtitleFormat::Srt).is_ok()
        {
            return InputFormat::Subtitles(SubtitleFormat::Srt);
        }
        if let Some(rest) = text.trim_start().strip_prefix('{')
            && rest.trim_start().starts_with(['"', '}'])
        {
            return InputFormat::Json;
        }
        if tsv::is_header(text.lines().next().unwrap_or("")) {
            return InputFormat::WhisperTsv;
        }
        Self::of(path)
    }

    /// The format a file's extension names.
    pub fn of(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("srt") => InputFormat::Subtitles(SubtitleFormat::Srt),
            Some("vtt") => InputFormat::Subtitles(SubtitleFormat::Vtt),
            Some("json" | "bcc") => InputFormat::Json,
            Some("tsv") => InputFormat::WhisperTsv,
            _ => InputFormat::Text,
        }
    }
}

/// Read one transcript and its sidecar, detecting the encoding.
pub fn read_transcript(path: &Path, reference_override: Option<&str>) -> Result<Transcript> {
    read_transcript_with(
        path,
        &ReadOptions {
            reference_date: reference_override,
            ..ReadOptions::default()
        },
    )
}

/// Read one transcript and its sidecar.
pub fn read_transcript_with(path: &Path, options: &ReadOptions) -> Result<Transcript> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::in_file(path, format!("cannot read the file: {e}")))?;
    if meta.is_dir() {
        return Err(Error::in_file(path, "is a folder, not a transcript file"));
    }
    if !meta.is_file() {
        return Err(Error::in_file(
            path,
            "not a regular file (a FIFO, socket or device)",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::in_file(
            path,
            format!(
                "the file is {} bytes; transcripts over {MAX_FILE_BYTES} bytes are refused",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::in_file(path, format!("cannot read the file: {e}")))?;
    // Hashed before decoding, which takes the bytes (a UTF-8 file becomes the text uncopied).
    let sha256 = ids::sha256_hex(&bytes);
    let decoded = decode::decode_only(path, bytes, options.encoding)?;
    let text = decoded.text.as_str();
    let format = InputFormat::detect(path, text);
    // A JSON transcript is often one line: its limit is on each cue's text ([`json`]).
    let max_line = if format == InputFormat::Json {
        usize::MAX
    } else {
        MAX_LINE_BYTES
    };
    decode::check_text_with(path, text, max_line)?;
    let (lines, line_count) = match format {
        InputFormat::Text => (text_lines(text), count_lines(text)),
        InputFormat::Subtitles(format) => {
            (subtitles::parse(path, text, format)?, count_lines(text))
        }
        InputFormat::Json => {
            let (lines, _kind, cues) = json::parse(path, text)?;
            (lines, cues)
        }
        InputFormat::WhisperTsv => (tsv::parse(path, text)?, count_lines(text)),
    };
    if !lines.iter().any(|l| !l.text.trim().is_empty()) {
        return Err(Error::in_file(path, "the transcript has no text"));
    }
    let meta = sidecar::read_sidecar(path)?;
    let stem = file_stem(path);
    let reference_date = match options.reference_date {
        Some(d) if sidecar::is_calendar_date(d) => Some(d.to_string()),
        Some(d) => {
            return Err(Error::Other(format!(
                "--reference-date {d:?} is not a real YYYY-MM-DD date"
            )));
        }
        None => meta
            .published
            .clone()
            .or_else(|| sidecar::date_prefix(&stem)),
    };
    Ok(Transcript {
        id: episode_id(&stem),
        source: display_source(path, options.root),
        meta,
        reference_date,
        encoding: decoded.encoding_name().to_string(),
        sha256,
        lines,
        line_count,
    })
}

/// The lines of a plain text transcript that carry text, with their 1-based numbers.
pub fn text_lines(text: &str) -> Vec<SourceLine> {
    split_lines(text)
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| SourceLine {
            number: i + 1,
            text: l.to_string(),
            start_ms: None,
            end_ms: None,
        })
        .collect()
}

/// How many lines [`split_lines`] gives, without collecting them: one a `\n`, plus an
/// unterminated last line.
pub(crate) fn count_lines(text: &str) -> usize {
    let breaks = text.bytes().filter(|&b| b == b'\n').count();
    if text.ends_with('\n') {
        breaks
    } else {
        breaks + 1
    }
}

/// Split on `\n`, dropping a trailing `\r`, keeping every line (numbers are positions). A
/// lone `\r` (old Mac line ends) is not a line break: such files are rare and `\r` stays
/// inside the line, where normalization treats it as a space.
pub(crate) fn split_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

pub fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Longest episode id kept whole, in chars.
const MAX_ID_CHARS: usize = 120;

/// Device names Windows reserves, whatever the extension (`con.txt` is the console).
const RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// An episode id from a file stem, safe as a file name on any system: ASCII letters, digits,
/// `-`, `_`, `.` and CJK kept, anything else (separators, control chars, spaces) replaced by
/// `-`; no leading or trailing dot, never empty, never a Windows device name (`CON` becomes
/// `CON_`), at most 120 chars (a longer stem is cut and a digest of the whole appended).
pub fn episode_id(stem: &str) -> String {
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.')
                || crate::normalize::is_cjk(c)
            {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = id.trim_matches('.');
    if trimmed.len() != id.len() {
        id = trimmed.to_string();
    }
    if id.is_empty() {
        id = format!("episode-{}", &ids::digest(&[stem])[..8]);
    }
    if id.chars().count() > MAX_ID_CHARS {
        let head: String = id.chars().take(MAX_ID_CHARS - 9).collect();
        id = format!(
            "{}-{}",
            head.trim_end_matches('.'),
            &ids::digest(&[stem])[..8]
        );
    }
    let base = id.split('.').next().unwrap_or("");
    if RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(base)) {
        id.insert(base.len(), '_');
    }
    id
}

/// The path as shown in the output: `<root folder name>/<path below it>` when the file is
/// under `root`, `<folder name>/<file name>` otherwise; always with `/`.
fn display_source(path: &Path, root: Option<&Path>) -> String {
    let under_root = root.and_then(|r| Some((path.strip_prefix(r).ok()?, r.file_name()?)));
    if let Some((below, name)) = under_root {
        let mut out = name.to_string_lossy().into_owned();
        for part in below.components() {
            out.push('/');
            out.push_str(&part.as_os_str().to_string_lossy());
        }
        return out;
    }
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    match path.parent().and_then(|p| p.file_name()) {
        Some(dir) => format!("{}/{}", dir.to_string_lossy(), file),
        None => file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_line_numbers_and_strips_crlf() {
        assert_eq!(split_lines("a\r\n\r\nb\n"), ["a", "", "b"]);
        for text in [
            "",
            "a",
            "a\n",
            "\n",
            "\n\n",
            "a\r\n\r\nb\n",
            "a\nb",
            "a\rb\r\n",
        ] {
            assert_eq!(count_lines(text), split_lines(text).len(), "{text:?}");
        }
    }

    #[test]
    fn episode_ids_are_sanitized() {
        assert_eq!(episode_id("2025-01-10_ep"), "2025-01-10_ep");
        assert_eq!(episode_id("../x/y"), "-x-y");
        assert_eq!(episode_id("a b\u{1}c"), "a-b-c");
        assert_eq!(episode_id("x\\y"), "x-y");
        assert!(!episode_id("..").is_empty());
        assert!(!episode_id("..").starts_with('.'));
        assert_eq!(episode_id("ep."), "ep");
        assert_eq!(episode_id("CON"), "CON_");
        assert_eq!(episode_id("nul.part1"), "nul_.part1");
        assert_eq!(episode_id("com1"), "com1_");
        assert_eq!(episode_id("console"), "console");
        let long = episode_id(&"长".repeat(500));
        assert_eq!(long.chars().count(), MAX_ID_CHARS);
        assert_ne!(long, episode_id(&"长".repeat(501)));
    }

    #[test]
    fn sources_are_shown_from_the_root_folder() {
        let root = Path::new("/data/transcripts");
        let nested = root.join("2024").join("x.srt");
        assert_eq!(
            display_source(&nested, Some(root)),
            "transcripts/2024/x.srt"
        );
        assert_eq!(display_source(&nested, None), "2024/x.srt");
        assert_eq!(display_source(Path::new("x.txt"), None), "x.txt");
    }

    #[test]
    fn subtitles_saved_as_txt_are_read_as_subtitles() {
        let srt = "\u{FEFF}1\n00:00:01,000 --> 00:00:02,000\n甲\n";
        let srt = srt.trim_start_matches('\u{FEFF}');
        let p = Path::new("a.txt");
        assert_eq!(
            InputFormat::detect(p, srt),
            InputFormat::Subtitles(SubtitleFormat::Srt)
        );
        assert_eq!(
            InputFormat::detect(p, "WEBVTT\n\n00:01.000 --> 00:02.000\n甲\n"),
            InputFormat::Subtitles(SubtitleFormat::Vtt)
        );
        for text in [
            "2024\n年是关键一年\n",
            "1\n2 --> 3\n",
            "大家好\n",
            "{\\an8}大家好\n",
            "start end text\n",
        ] {
            assert_eq!(InputFormat::detect(p, text), InputFormat::Text, "{text}");
        }
    }

    #[test]
    fn content_decides_before_the_extension() {
        let json = "\u{FEFF}\n  { \"body\": [] }";
        for name in ["a.txt", "a.json", "a.bcc", "a.srt"] {
            assert_eq!(
                InputFormat::detect(Path::new(name), json),
                InputFormat::Json
            );
        }
        let tsv = "start\tend\ttext\n0\t1000\t甲\n";
        assert_eq!(
            InputFormat::detect(Path::new("a.txt"), tsv),
            InputFormat::WhisperTsv
        );
        assert_eq!(
            InputFormat::detect(
                Path::new("a.srt"),
                "WEBVTT\n\n00:01.000 --> 00:02.000\n甲\n"
            ),
            InputFormat::Subtitles(SubtitleFormat::Vtt)
        );
        // Content that is none of them: the extension names the reader, which says what is
        // wrong.
        assert_eq!(
            InputFormat::detect(Path::new("a.json"), "甲"),
            InputFormat::Json
        );
        assert_eq!(
            InputFormat::detect(Path::new("a.TSV"), "甲"),
            InputFormat::WhisperTsv
        );
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(InputFormat::of(Path::new("a.txt")), InputFormat::Text);
        assert_eq!(
            InputFormat::of(Path::new("a.SRT")),
            InputFormat::Subtitles(SubtitleFormat::Srt)
        );
        assert_eq!(
            InputFormat::of(Path::new("a.vtt")),
            InputFormat::Subtitles(SubtitleFormat::Vtt)
        );
    }
}
