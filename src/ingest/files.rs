//! Finding the transcripts under a folder.
//!
//! The folder is walked recursively (users sort episodes into sub-folders), in name order so
//! runs are reproducible. Symbolic links are followed, but a folder that leads back to one
//! already read (a symlink loop, or two links to one folder) is reported and not read again,
//! so the walk always ends. Hidden entries (`.x`) are skipped: editors' and our own temp
//! files live there. Anything named like a transcript that is not a regular file (a FIFO, a
//! device, a dangling link) is reported instead of being opened: reading a FIFO would hang.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File extensions taken as transcripts (compared case-insensitively).
pub const TRANSCRIPT_EXTENSIONS: &[&str] = &["txt", "srt", "vtt"];

/// Deepest folder nesting walked (a guard; loops are caught before this).
const MAX_DEPTH: usize = 32;

/// What a walk found: the transcripts, sorted by path, and every entry that could not be
/// taken (one error each, naming the path).
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<PathBuf>,
    pub errors: Vec<Error>,
}

/// Whether `path` names a transcript by its extension (sidecars excluded).
pub fn is_transcript_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.to_ascii_lowercase().ends_with(".meta.json") {
        return false;
    }
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| TRANSCRIPT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
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
    walk(dir, 0, &mut visited, &mut scan);
    scan.files.sort();
    Ok(scan)
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

fn walk(dir: &Path, depth: usize, visited: &mut HashSet<PathBuf>, scan: &mut Scan) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            scan.errors
                .push(Error::in_file(dir, format!("cannot read the folder: {e}")));
            return;
        }
    };
    if !visited.insert(canonical.clone()) {
        scan.errors.push(Error::in_file(
            dir,
            format!(
                "symlink loop: leads to {}, a folder already read; skipped",
                canonical.display()
            ),
        ));
        return;
    }
    if depth > MAX_DEPTH {
        scan.errors.push(Error::in_file(
            dir,
            format!("folders nested deeper than {MAX_DEPTH}; skipped"),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            scan.errors
                .push(Error::in_file(dir, format!("cannot read the folder: {e}")));
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => scan
                .errors
                .push(Error::in_file(dir, format!("cannot list the folder: {e}"))),
        }
    }
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // `metadata` follows symbolic links: a loop or a dangling link fails here.
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
                if is_link {
                    scan.errors.push(Error::in_file(
                        &path,
                        format!("broken symbolic link or symlink loop: {e}"),
                    ));
                } else if is_transcript_name(&path) {
                    scan.errors
                        .push(Error::in_file(&path, format!("cannot read the file: {e}")));
                }
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, depth + 1, visited, scan);
        } else if is_transcript_name(&path) {
            if meta.is_file() {
                scan.files.push(path);
            } else {
                scan.errors.push(Error::in_file(
                    &path,
                    "not a regular file (a FIFO, socket or device); skipped",
                ));
            }
        }
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
        std::os::unix::fs::symlink(&root, root.join("2024/loop")).unwrap();
        std::os::unix::fs::symlink("self", root.join("self")).unwrap();
        let scan = scan_transcripts(&root).unwrap();
        assert_eq!(scan.files, [root.join("2024/a.srt"), root.join("b.txt")]);
        let errors: Vec<String> = scan.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("2024/loop: symlink loop"), "{errors:?}");
        assert!(
            errors[1].contains("self: broken symbolic link or symlink loop"),
            "{errors:?}"
        );
    }
}
