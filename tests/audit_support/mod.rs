//! Shared by the `audit_*` tests: a small temporary project (one real episode, a dictionary)
//! and the real `tfacts` binary run inside it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

// The repository's place, the episode and `copy_dir` are the other integration tests'.
pub use crate::common::{EPISODE, copy_dir, repo};

/// The dictionaries the tests run with: the repository's own.
pub fn dictionaries() -> PathBuf {
    repo().join("dictionaries")
}

/// A temporary project: `transcripts/` with the one episode and its sidecar, `dictionaries/`.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let transcripts = dir.path().join("transcripts");
    std::fs::create_dir_all(&transcripts).unwrap();
    for ext in ["txt", "meta.json"] {
        let name = format!("{EPISODE}.{ext}");
        std::fs::copy(
            repo().join("transcripts").join(&name),
            transcripts.join(&name),
        )
        .unwrap();
    }
    copy_dir(&dictionaries(), &dir.path().join("dictionaries"));
    dir
}

pub fn transcript_path(dir: &Path) -> PathBuf {
    dir.join("transcripts").join(format!("{EPISODE}.txt"))
}

/// The binary, run in `dir`.
pub fn tfacts(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tfacts"));
    cmd.current_dir(dir).env("USER", "tester");
    cmd
}

/// `tfacts run` with the defaults (so the ledger is `audit/verdicts.csv`), into `out`.
pub fn run(dir: &Path, out: &str) {
    tfacts(dir).args(["run", "--out", out]).assert().success();
}

pub fn dataset(dir: &Path, out: &str) -> Value {
    let bytes = std::fs::read(dir.join(out).join("dataset.json")).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// Every fact of the dataset (all episodes).
pub fn facts(data: &Value) -> Vec<Value> {
    data["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["facts"].as_array().unwrap().clone())
        .collect()
}

pub fn fact_ids(data: &Value) -> Vec<String> {
    facts(data)
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

/// The `audit` object a fact carries.
pub fn fact_audit(data: &Value, id: &str) -> Value {
    facts(data)
        .into_iter()
        .find(|f| f["id"] == id)
        .map_or(Value::Null, |f| f["audit"].clone())
}

pub fn status(data: &Value, id: &str) -> String {
    fact_audit(data, id)["status"]
        .as_str()
        .unwrap_or("missing")
        .to_string()
}

/// Rows of a CSV file as maps from header to cell.
pub fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Lines added at the top of the transcript, and an unrelated dictionary entry: edits that
/// must not change the ids of facts they did not touch.
pub fn edit_elsewhere(dir: &Path) {
    let path = transcript_path(dir);
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("开场白：这是新加的第一行\n感谢收看，今天天气不错\n\n{old}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("dictionaries/entities/zz_audit_test_extra.csv"),
        "id,type,name,aliases,owner,affiliation\ncompany/audit-test-unrelated,company,测试专用无关公司甲,,,\n",
    )
    .unwrap();
}
