//! The optional sidecar `<stem>.meta.json` beside a transcript, and the reference date.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::EpisodeMeta;

/// `<dir>/<stem>.meta.json` for a transcript at `<dir>/<stem>.<ext>`.
pub fn sidecar_path(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}.meta.json", super::file_stem(path)))
}

/// The sidecar's metadata (empty when there is none). A sidecar that is there but broken is an
/// error: guessing around it would silently change reference dates.
pub fn read_sidecar(path: &Path) -> Result<EpisodeMeta> {
    let sidecar = sidecar_path(path);
    let bytes = match std::fs::read(&sidecar) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(EpisodeMeta::default()),
        Err(e) => {
            return Err(Error::in_file(
                &sidecar,
                format!("cannot read the sidecar: {e}"),
            ));
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let meta: EpisodeMeta = serde_json::from_slice(bytes).map_err(|e| {
        Error::at_line(
            &sidecar,
            e.line().max(1),
            format!("broken sidecar JSON: {e}"),
        )
    })?;
    if let Some(published) = meta.published.as_deref().filter(|d| !is_calendar_date(d)) {
        let line = line_of_key(bytes, "published");
        return Err(Error::at_line(
            &sidecar,
            line,
            format!("\"published\": {published:?} is not a real YYYY-MM-DD date"),
        ));
    }
    Ok(meta)
}

/// The 1-based line where `"key"` first appears (1 when it can't be found).
fn line_of_key(bytes: &[u8], key: &str) -> usize {
    let needle = format!("\"{key}\"");
    let text = String::from_utf8_lossy(bytes);
    text.find(&needle)
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
}

/// `YYYY-MM-DD` naming a day that exists (`2025-02-30` does not).
pub fn is_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return false;
    }
    let year: u32 = s[..4].parse().unwrap_or(0);
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..].parse().unwrap_or(0);
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A `YYYY-MM-DD` prefix of a file stem, when it is a real date.
pub fn date_prefix(stem: &str) -> Option<String> {
    let prefix = stem.get(..10)?;
    is_calendar_date(prefix).then(|| prefix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date("2025-01-10"));
        assert!(is_calendar_date("2024-02-29"));
        assert!(!is_calendar_date("2025-02-29"));
        assert!(!is_calendar_date("2025-02-30"));
        assert!(!is_calendar_date("2025-13-01"));
        assert!(!is_calendar_date("2025-1-10"));
        assert!(!is_calendar_date("２０２５-01-10"));
    }

    #[test]
    fn date_prefix_must_be_a_real_date() {
        assert_eq!(date_prefix("2025-01-10_x"), Some("2025-01-10".into()));
        assert_eq!(date_prefix("2025-02-30_x"), None);
        assert_eq!(date_prefix("智谱"), None);
    }

    #[test]
    fn sidecar_errors_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("ep.txt");
        assert_eq!(read_sidecar(&t).unwrap(), EpisodeMeta::default());
        std::fs::write(
            dir.path().join("ep.meta.json"),
            "{\n  \"title\": \"x\",\n  \"published\": \"2025-02-30\"\n}",
        )
        .unwrap();
        let e = read_sidecar(&t).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "ep.meta.json:3: \"published\": \"2025-02-30\" is not a real YYYY-MM-DD date"
            ),
            "{e}"
        );
        std::fs::write(dir.path().join("ep.meta.json"), "{\n  \"title\": \"x\",\n").unwrap();
        let e = read_sidecar(&t).unwrap_err().to_string();
        assert!(e.contains("ep.meta.json:3: broken sidecar JSON"), "{e}");
    }
}
