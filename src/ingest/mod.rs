//! Ingest: transcript files on disk -> [`Transcript`] (decoded lines with their original line
//! numbers, sidecar metadata, reference date, provenance).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ids;
use crate::model::{EpisodeMeta, SourceLine, Transcript};
use crate::recognize::values::CalendarDate;

/// File extensions taken as transcripts.
pub const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt"];

/// The transcripts under `dir`, sorted by path (sidecars and other files are skipped).
pub fn list_transcripts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let is_transcript = path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| TRANSCRIPT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()));
        if is_transcript && !path.to_string_lossy().ends_with(".meta.json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Read one transcript and its sidecar. `source` is how the path is shown in the output.
pub fn read_transcript(path: &Path, reference_override: Option<&str>) -> Result<Transcript> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = decode(path, &bytes)?;
    let lines = split_lines(&text);
    let line_count = lines.len();
    let lines: Vec<SourceLine> = lines
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| SourceLine {
            number: i + 1,
            text: l.to_string(),
            start_ms: None,
            end_ms: None,
        })
        .collect();
    if lines.is_empty() {
        return Err(Error::in_file(path, "the transcript has no text"));
    }
    let meta = read_sidecar(path)?;
    let stem = file_stem(path);
    let reference_date = match reference_override {
        Some(d) => Some(checked_date(path, d)?),
        None => match &meta.published {
            Some(d) => Some(checked_date(&sidecar_path(path), d)?),
            None => date_prefix(&stem),
        },
    };
    Ok(Transcript {
        id: episode_id(&stem),
        source: display_source(path),
        meta,
        reference_date,
        encoding: "UTF-8".to_string(),
        sha256: ids::sha256_hex(&bytes),
        lines,
        line_count,
    })
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.is_empty() {
        return Err(Error::in_file(path, "the file is empty"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(Error::at_line(path, line, "invalid UTF-8 byte sequence"))
        }
    }
}

/// Split on `\n`, dropping a trailing `\r`, keeping every line (numbers are positions).
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

pub fn sidecar_path(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}.meta.json", file_stem(path)))
}

fn read_sidecar(path: &Path) -> Result<EpisodeMeta> {
    let sidecar = sidecar_path(path);
    match std::fs::read(&sidecar) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Error::at_line(&sidecar, e.line(), format!("broken sidecar JSON: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(EpisodeMeta::default()),
        Err(e) => Err(Error::io(&sidecar, e)),
    }
}

fn checked_date(path: &Path, d: &str) -> Result<String> {
    CalendarDate::parse(d)
        .map(|_| d.to_string())
        .ok_or_else(|| Error::in_file(path, format!("{d:?} is not a valid YYYY-MM-DD date")))
}

/// A `YYYY-MM-DD` prefix of a file stem, when it is a real date.
fn date_prefix(stem: &str) -> Option<String> {
    let prefix = stem.get(..10)?;
    CalendarDate::parse(prefix).map(|_| prefix.to_string())
}

pub fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An episode id from a file stem: ASCII letters, digits, `-`, `_` and `.` kept, anything else
/// (separators, control chars, spaces) replaced by `-`; never empty, never `.` or `..`.
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
    while id.starts_with('.') {
        id.remove(0);
    }
    if id.is_empty() {
        id = format!("episode-{}", &ids::digest(&[stem])[..8]);
    }
    id
}

/// The path as shown in the output: `<folder name>/<file name>`.
fn display_source(path: &Path) -> String {
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
    }

    #[test]
    fn episode_ids_are_sanitized() {
        assert_eq!(episode_id("2025-01-10_ep"), "2025-01-10_ep");
        assert_eq!(episode_id("../x/y"), "-x-y");
        assert_eq!(episode_id("a b\u{1}c"), "a-b-c");
        assert!(!episode_id("..").is_empty());
    }

    #[test]
    fn date_prefix_must_be_a_real_date() {
        assert_eq!(date_prefix("2025-01-10_x"), Some("2025-01-10".into()));
        assert_eq!(date_prefix("2025-02-30_x"), None);
    }
}
