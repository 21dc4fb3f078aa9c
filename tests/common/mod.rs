//! Helpers shared by the integration tests: a temp project laid out like the repository.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const EPISODE: &str = "2025-01-10_china-llm-startups-six-tigers";
pub const GOLD: &str = "tests/fixtures/000_e880ad362505cfaf.gold.json";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temp dir holding `transcripts/` (the first episode and its sidecar) and a copy of
/// `dictionaries/`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = Project { dir };
        std::fs::create_dir_all(p.path().join("transcripts")).unwrap();
        for ext in ["txt", "meta.json"] {
            let name = format!("{EPISODE}.{ext}");
            std::fs::copy(
                repo().join("transcripts").join(&name),
                p.path().join("transcripts").join(&name),
            )
            .unwrap();
        }
        copy_dir(&repo().join("dictionaries"), &p.path().join("dictionaries"));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Run the real binary in the project folder.
    pub fn tfacts(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tfacts"))
            .args(args)
            .current_dir(self.path())
            .output()
            .unwrap()
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path().join(rel)).unwrap()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
