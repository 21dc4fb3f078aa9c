//! Finding the transcripts under a folder.
//!
//! The folder is walked recursively with `walkdir` (users sort episodes into sub-folders), in
//! name order so runs are reproducible. Symbolic links are followed; a link back to a folder
//! above it (walkdir's loop check), or a second link to a folder already read, is reported and
//! not read again, so the walk always ends. Hidden entries (`.x`) are skipped silently:
//! editors' and our own temp files live there. Anything named like a transcript that is not a
//! regular file (a FIFO, a device, a dangling link) is reported instead of being opened:
//! reading a FIFO would hang. Any other file (an image, a Word document, audio) is listed in
//! [`Scan::skipped`] with the reason, for the user to see; it is not an error.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// File extensions taken as transcripts (compared case-insensitively). Which format a file is
/// in is then decided from its content as well ([`super::InputFormat::detect`]).
pub const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt", "srt", "vtt", "json", "bcc", "tsv"];

/// Deepest folder nesting walked (a guard; loops are caught before this).
const MAX_DEPTH: usize = 32;

/// What a walk found: the transcripts, sorted by path; every entry that could not be taken
/// (one error each, naming the path); and the files that are not transcripts, with why.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<PathBuf>,
    pub errors: Vec<Error>,
    pub skipped: Vec<Skipped>,
}

/// A file in the transcripts folder that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: &'static str,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", self.path.display(), self.reason)
    }
}

/// Kinds of files users keep beside their transcripts, by extension, and what to say about
/// them. Anything else without a transcript extension gets [`OTHER_FILE`].
const NOT_TRANSCRIPTS: &[(&[&str], &str)] = &[
    (
        &[
            "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "svg",
        ],
        "an image, not a transcript",
    ),
    (
        &["doc", "docx", "odt", "rtf", "pages", "wps"],
        "a word-processor document; save its text as .txt to have it read",
    ),
    (&["pdf"], "a PDF; save its text as .txt to have it read"),
    (
        &[
            "mp3", "m4a", "aac", "wav", "flac", "ogg", "opus", "mp4", "mkv", "webm", "mov", "flv",
            "avi",
        ],
        "audio or video; transcribe it first (Whisper's .srt, .vtt, .json and .tsv are read)",
    ),
    (
        &["ass", "ssa", "lrc", "sbv", "ttml", "xml"],
        "subtitles in a format not read; convert them to .srt",
    ),
    (
        &["zip", "rar", "7z", "gz", "tar", "xz"],
        "an archive; unpack it into the folder",
    ),
];

/// Metadata that video downloaders write beside the media (yt-dlp's `.info.json` and
/// `.live_chat.json`): JSON that is not a transcript, named by the
/// end of the file name, so a downloader's folder can be dropped in as it is.
const DOWNLOADER_METADATA: &[&str] = &[".info.json", ".live_chat.json"];

/// The reason given for downloader metadata.
const METADATA_FILE: &str = "a video downloader's metadata (yt-dlp), not a transcript";

fn is_downloader_metadata(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        let name = n.to_string_lossy().to_ascii_lowercase();
        DOWNLOADER_METADATA.iter().any(|end| name.ends_with(end))
    })
}

/// The reason given for a file of any other kind.
pub const OTHER_FILE: &str = "not a transcript format (read: .txt, .srt, .vtt, .json, .bcc, .tsv)";

fn lowercase_extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Whether `path` is a sidecar (`<stem>.meta.json`), read with its transcript.
fn is_sidecar_name(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        n.to_string_lossy()
            .to_ascii_lowercase()
            .ends_with(".meta.json")
    })
}

/// Whether `path` names a transcript by its extension (sidecars excluded).
pub fn is_transcript_name(path: &Path) -> bool {
    if path.file_name().is_none_or(is_hidden)
        || is_sidecar_name(path)
        || is_downloader_metadata(path)
    {
        return false;
    }
    lowercase_extension(path).is_some_and(|x| TRANSCRIPT_EXTENSIONS.contains(&x.as_str()))
}

/// Why a file that is not named like a transcript is not read.
pub fn skip_reason(path: &Path) -> &'static str {
    if is_downloader_metadata(path) {
        return METADATA_FILE;
    }
    let Some(ext) = lowercase_extension(path) else {
        return "no file extension; name it .txt if it is a transcript";
    };
    NOT_TRANSCRIPTS
        .iter()
        .find(|(exts, _)| exts.contains(&ext.as_str()))
        .map_or(OTHER_FILE, |(_, reason)| reason)
}

/// Walk `dir`. Only a `dir` that can't be read at all is an error; problems below it are
/// collected in [`Scan::errors`] and the rest is still listed.
pub fn scan_transcripts(dir: &Path) -> Result<Scan> {
    let meta = std::fs::metadata(dir)
        .map_err(|e| Error::in_file(dir, format!("cannot read the transcripts folder: {e}")))?;
    if !meta.is_dir() {
        return Err(Error::in_file(
            dir,
            "the transcripts folder is not a folder",
        ));
    }
    let mut scan = Scan::default();
    let mut visited = HashSet::new();
    let mut walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                scan.errors.push(walk_error(&e));
                continue;
            }
        };
        let path = entry.path();
        if entry.depth() > 0 && is_hidden(entry.file_name()) {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            // walkdir catches links to a folder above; a second link to a folder read
            // elsewhere is caught here.
            let skip = match std::fs::canonicalize(path) {
                Ok(canonical) if !visited.insert(canonical.clone()) => Some(Error::in_file(
                    path,
                    format!(
                        "symlink loop: leads to {}, a folder already read; skipped",
                        canonical.display()
                    ),
                )),
                Ok(_) if entry.depth() > MAX_DEPTH => Some(Error::in_file(
                    path,
                    format!("folders nested deeper than {MAX_DEPTH}; skipped"),
                )),
                Ok(_) => None,
                Err(e) => Some(Error::in_file(path, format!("cannot read the folder: {e}"))),
            };
            if let Some(error) = skip {
                scan.errors.push(error);
                walk.skip_current_dir();
            }
        } else if is_transcript_name(path) {
            if entry.file_type().is_file() {
                scan.files.push(entry.into_path());
            } else {
                scan.errors.push(Error::in_file(
                    path,
                    "not a regular file (a FIFO, socket or device); skipped",
                ));
            }
        } else if !is_sidecar_name(path) {
            let reason = skip_reason(path);
            scan.skipped.push(Skipped {
                path: entry.into_path(),
                reason,
            });
        }
    }
    scan.files.sort();
    Ok(scan)
}

/// A walk error in our words: what went wrong, at the path it went wrong at.
fn walk_error(e: &walkdir::Error) -> Error {
    let Some(path) = e.path() else {
        return Error::Other(format!("cannot walk the transcripts folder: {e}"));
    };
    if let Some(ancestor) = e.loop_ancestor() {
        return Error::in_file(
            path,
            format!(
                "symlink loop: leads to {}, a folder already read; skipped",
                ancestor.display()
            ),
        );
    }
    let io = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        Error::in_file(path, format!("broken symbolic link or symlink loop: {io}"))
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        Error::in_file(path, format!("cannot read the folder: {io}"))
    } else {
        Error::in_file(path, format!("cannot read the file: {io}"))
    }
}

/// The transcripts under `dir`, sorted; the first problem found is returned as an error.
pub fn list_transcripts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut scan = scan_transcripts(dir)?;
    if scan.errors.is_empty() {
        Ok(scan.files)
    } else {
        Err(scan.errors.swap_remove(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_names() {
        assert!(is_transcript_name(Path::new("a/x.txt")));
        assert!(is_transcript_name(Path::new("x.SRT")));
        assert!(is_transcript_name(Path::new("x.vtt")));
        assert!(!is_transcript_name(Path::new("x.meta.json")));
        assert!(!is_transcript_name(Path::new(".x.txt")));
        assert!(!is_transcript_name(Path::new("x.csv")));
        for name in ["x.json", "x.BCC", "x.tsv"] {
            assert!(is_transcript_name(Path::new(name)), "{name}");
        }
        assert!(!is_transcript_name(Path::new("x.META.JSON")));
        for name in ["ep [abc].info.json", "Ep.Info.JSON", "ep.live_chat.json"] {
            assert!(!is_transcript_name(Path::new(name)), "{name}");
            assert_eq!(skip_reason(Path::new(name)), METADATA_FILE);
        }
    }

    #[test]
    fn skip_reasons_say_what_the_file_is() {
        assert_eq!(
            skip_reason(Path::new("cover.PNG")),
            "an image, not a transcript"
        );
        assert!(skip_reason(Path::new("notes.docx")).contains("save its text as .txt"));
        assert!(skip_reason(Path::new("ep.m4a")).contains("transcribe it first"));
        assert!(skip_reason(Path::new("ep.ass")).contains("convert them to .srt"));
        assert_eq!(skip_reason(Path::new("README.md")), OTHER_FILE);
        assert!(skip_reason(Path::new("notes")).starts_with("no file extension"));
    }

    #[cfg(unix)]
    #[test]
    fn walks_subfolders_and_reports_loops() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("transcripts");
        std::fs::create_dir_all(root.join("2024")).unwrap();
        std::fs::write(root.join("b.txt"), "乙").unwrap();
        std::fs::write(root.join("2024/a.srt"), "甲").unwrap();
        std::fs::write(root.join("b.meta.json"), "{}").unwrap();
        std::fs::write(root.join("cover.jpg"), "x").unwrap();
        std::fs::create_dir_all(root.join(".cache")).unwrap();
        std::fs::write(root.join(".cache/c.txt"), "丙").unwrap();
        std::os::unix::fs::symlink(&root, root.join("2024/loop")).unwrap();
        std::os::unix::fs::symlink("self", root.join("self")).unwrap();
        // Two links to one folder outside: read once.
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("d.txt"), "丁").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("x1")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("x2")).unwrap();
        let scan = scan_transcripts(&root).unwrap();
        assert_eq!(
            scan.files,
            [
                root.join("2024/a.srt"),
                root.join("b.txt"),
                root.join("x1/d.txt")
            ]
        );
        let errors: Vec<String> = scan.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].contains("2024/loop: symlink loop"), "{errors:?}");
        assert!(
            errors[1].contains("self: broken symbolic link or symlink loop"),
            "{errors:?}"
        );
        assert!(
            errors[2].contains("x2: symlink loop: leads to") && errors[2].contains("outside"),
            "{errors:?}"
        );
        let skipped: Vec<String> = scan.skipped.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            skipped,
            [format!(
                "{}: skipped: an image, not a transcript",
                root.join("cover.jpg").display()
            )]
        );
    }
}
