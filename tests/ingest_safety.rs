//! What a run must never do: overwrite a good dataset with nothing or with half a dataset (a
//! broken dictionary, a killed run), leave its temp files behind for good, or write CSV cells a
//! spreadsheet would execute.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use support::*;

/// Every file under `dir` by its path there (`report/episode/x.html`), with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn run_in(root: &Path, dictionaries: &Path) -> std::process::Output {
    bin()
        .current_dir(root)
        .arg("run")
        .arg("--dictionaries")
        .arg(dictionaries)
        .output()
        .unwrap()
}

/// A folder with one good transcript and its dataset already written.
fn project_with_dataset() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("transcripts")).unwrap();
    std::fs::write(root.join(format!("transcripts/{EPISODE}.txt")), episode()).unwrap();
    write_dictionary(&root.join("dictionaries"));
    let out = run_in(root, &root.join("dictionaries"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = snapshot(&root.join("output"));
    let top = files.keys().filter(|k| !k.contains('/')).count();
    assert_eq!(top, transcript_facts::output::OUTPUT_FILES.len());
    assert!(files.keys().any(|k| k.starts_with("report/episode/")));
    tmp
}

#[test]
fn a_broken_dictionary_is_named_and_leaves_the_dataset_alone() {
    let tmp = project_with_dataset();
    let root = tmp.path();
    let before = snapshot(&root.join("output"));
    let companies = root.join("dictionaries/entities/companies.csv");
    let cases = [
        (
            format!("{COMPANIES}company/nameless,company,,,,\n"),
            "companies.csv:15: a row needs an id, a type and a name",
        ),
        (
            format!("{COMPANIES}company/zhipu,company,智谱二号,,,\n"),
            "companies.csv:15: duplicate id company/zhipu (first defined at ",
        ),
        (
            format!("{COMPANIES}company/other,company,另一家,月之暗面,,\n"),
            "companies.csv:15: alias \"月之暗面\" of company/other is already claimed by company/moonshot",
        ),
    ];
    for (csv, expected) in cases {
        std::fs::write(&companies, csv).unwrap();
        let out = run_in(root, &root.join("dictionaries"));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("tfacts: "), "{err}");
        assert!(err.contains(expected), "expected {expected:?} in {err:?}");
        assert_eq!(
            snapshot(&root.join("output")),
            before,
            "the dataset must be untouched"
        );
    }
}

#[test]
fn a_killed_run_leaves_the_previous_dataset_intact() {
    let tmp = project_with_dataset();
    let root = tmp.path();
    let before = snapshot(&root.join("output"));
    // A corpus big enough that the run is still working when it is killed.
    let copies = 3000;
    for i in 0..copies {
        std::fs::write(root.join(format!("transcripts/copy-{i:04}.txt")), episode()).unwrap();
    }
    let mut child = bin()
        .current_dir(root)
        .arg("run")
        .arg("--dictionaries")
        .arg(root.join("dictionaries"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    if child.try_wait().unwrap().is_some() {
        eprintln!(
            "skipped: the run of {copies} episodes finished in {:?}, before it could be killed",
            started.elapsed()
        );
        return;
    }
    child.kill().unwrap();
    // The run may still have finished between the look above and the kill.
    if child.wait().unwrap().success() {
        eprintln!("skipped: the run of {copies} episodes finished before it was killed");
        return;
    }
    let after = snapshot(&root.join("output"));
    for (name, bytes) in &before {
        assert!(after.get(name) == Some(bytes), "{name} changed");
    }
    for name in after.keys() {
        // A temp file, or a page in the report's temporary folder (`.report.PID.tmp/`).
        let first = name.split('/').next().unwrap();
        assert!(
            before.contains_key(name) || (first.starts_with('.') && first.ends_with(".tmp")),
            "unexpected file {name} after a killed run"
        );
    }

    // A run killed while writing leaves temp files: the next run removes them.
    std::fs::write(root.join("output/.dataset.json.999999.tmp"), "half").unwrap();
    std::fs::write(root.join("output/.facts.csv.999999.tmp"), "half").unwrap();
    std::fs::create_dir_all(root.join("output/.report.999999.tmp/episode")).unwrap();
    std::fs::write(
        root.join("output/.report.999999.tmp/episode/x.html"),
        "half",
    )
    .unwrap();
    std::fs::write(root.join("output/notes.txt"), "the user's own file").unwrap();
    for i in 0..copies {
        std::fs::remove_file(root.join(format!("transcripts/copy-{i:04}.txt"))).unwrap();
    }
    let out = run_in(root, &root.join("dictionaries"));
    assert!(out.status.success());
    let mut expected = before.clone();
    expected.insert("notes.txt".into(), b"the user's own file".to_vec());
    assert_eq!(snapshot(&root.join("output")), expected);
}

#[test]
fn formula_text_is_neutralized_in_csv_but_kept_in_json() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("transcripts")).unwrap();
    let line = "=HYPERLINK(\"http://example.invalid\",\"点我\")智谱成立于 2019 年 6 月";
    std::fs::write(root.join("transcripts/=cmd.txt"), format!("{line}\n")).unwrap();
    let out = run_in(root, dictionary_dir());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut facts = csv::Reader::from_path(root.join("output/facts.csv")).unwrap();
    let headers = facts.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = facts.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty(), "the founded fact is found");
    for row in &rows {
        assert_eq!(&row[col("evidence")], format!("'{line}"));
        // The episode id comes from the file name `=cmd`: sanitized, then neutralized.
        assert_eq!(&row[col("episode")], "'-cmd");
    }
    let mut mentions = csv::Reader::from_path(root.join("output/mentions.csv")).unwrap();
    for row in mentions.records() {
        let row = row.unwrap();
        assert!(!row[0].starts_with('='), "{row:?}");
    }
    let json = std::fs::read_to_string(root.join("output/dataset.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["episodes"][0]["facts"][0]["evidence"]["text"], line);
}
