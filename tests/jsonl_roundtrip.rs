//! The cluster path end to end, without the cluster: `export jsonl` -> `annotate --jsonl` on
//! separate "partitions" -> part files as Spark and Hadoop leave them -> `run --from-jsonl`
//! gives the `output/` that `tfacts run` writes over the same transcripts, byte for byte.

use crate::support;

use std::path::Path;

use support::{Project, copy_dir, repo};

/// The first episode, the dev episodes, a GBK file (its encoding and hash are provenance that
/// must survive) and a name with a space (its id is cleaned).
fn project() -> Project {
    let p = Project::new();
    let t = p.path().join("transcripts");
    copy_dir(&repo().join("tests/fixtures/dev/transcripts"), &t);
    std::fs::copy(
        repo().join("tests/fixtures/inputs/gbk.txt"),
        t.join("2024-05-01_gbk episode.txt"),
    )
    .unwrap();
    p
}

fn ok(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The same files with the same bytes, the report's pages (`report/`) too.
fn same_dirs(a: &Path, b: &Path) {
    assert_eq!(files(a), files(b));
    for name in files(a) {
        if a.join(&name).is_dir() {
            same_dirs(&a.join(&name), &b.join(&name));
            continue;
        }
        assert!(
            std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap(),
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

#[test]
fn annotated_part_files_read_back_give_what_run_writes() {
    let p = project();
    ok(&p.tfacts(&["run"]));
    // A verdict on a real fact, and one whose fact is gone (an orphan): both must come
    // through the read-back as they come through `run`.
    let dataset: serde_json::Value =
        serde_json::from_slice(&p.read("output/dataset.json")).unwrap();
    let fact = dataset["episodes"][1]["facts"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(&p.tfacts(&[
        "audit",
        "accept",
        &fact,
        "--reviewer",
        "t",
        "--date",
        "2026-01-02",
    ]));
    let ledger = p.path().join("audit/verdicts.csv");
    let mut rows = std::fs::read_to_string(&ledger).unwrap();
    rows += "00000000deadbeef,rejected,t,2026-01-02,gone,\n";
    std::fs::write(&ledger, rows).unwrap();
    let stderr = ok(&p.tfacts(&["run", "--out", "local"]));
    assert!(stderr.contains("orphaned verdict"), "{stderr}");

    ok(&p.tfacts(&["export", "jsonl", "--out", "episodes.jsonl"]));
    let episodes = String::from_utf8(p.read("episodes.jsonl")).unwrap();
    let lines: Vec<&str> = episodes.lines().collect();
    let transcripts = files(&p.path().join("transcripts"));
    assert_eq!(
        lines.len(),
        transcripts.iter().filter(|f| f.ends_with(".txt")).count()
    );
    assert!(episodes.contains(
        r#""id":"2024-05-01_gbk-episode","source":"transcripts/2024-05-01_gbk episode.txt""#
    ));
    assert!(
        episodes.contains(r#""encoding":"GBK""#) || episodes.contains(r#""encoding":"gb18030""#)
    );

    // Two partitions, the later episodes first, a bad line in one; what each task wrote is a
    // part file, beside Spark's _SUCCESS and a checksum file.
    let half = lines.len() / 2;
    let parts = [
        lines[half..].join("\n") + "\n{\"id\": \"2025-09-09_cut\", \"text\": \"abc\n",
        lines[..half].join("\n") + "\n",
    ];
    let annotated = p.path().join("annotated");
    std::fs::create_dir_all(&annotated).unwrap();
    for (i, part) in parts.iter().enumerate() {
        let input = format!("input-{i}.jsonl");
        std::fs::write(p.path().join(&input), part).unwrap();
        let out = p.tfacts(&["annotate", "--jsonl", &input, "--threads", "1"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut docs = String::from_utf8(out.stdout).unwrap();
        if i == 0 {
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(
                stderr.contains(r#"episode "2025-09-09_cut": bad JSON line"#),
                "{stderr}"
            );
        } else {
            assert!(out.status.success(), "{stderr}");
            // Hadoop Streaming's map-only output: each line ends in a tab (key, no value).
            docs = docs.lines().map(|l| format!("{l}\t\n")).collect();
        }
        std::fs::write(annotated.join(format!("part-0000{i}")), docs).unwrap();
    }
    std::fs::write(annotated.join("_SUCCESS"), "").unwrap();
    std::fs::write(annotated.join(".part-00000.crc"), "crc").unwrap();

    let stderr = ok(&p.tfacts(&[
        "run",
        "--from-jsonl",
        "annotated",
        "--texts",
        "episodes.jsonl",
        "--out",
        "back",
    ]));
    assert!(stderr.contains("orphaned verdict"), "{stderr}");
    same_dirs(&p.path().join("local"), &p.path().join("back"));
    let facts = String::from_utf8(p.read("back/facts.csv")).unwrap();
    assert!(
        facts
            .lines()
            .any(|l| l.contains(&fact) && l.contains(",accepted,t,"))
    );

    // An episode twice (a task retried into another file) is named and written once.
    let first = String::from_utf8(p.read("annotated/part-00001")).unwrap();
    let first = first.lines().next().unwrap().to_string();
    std::fs::write(annotated.join("part-00002"), first + "\n").unwrap();
    let out = p.tfacts(&[
        "run",
        "--from-jsonl",
        "annotated",
        "--texts",
        "episodes.jsonl",
        "--out",
        "again",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("part-00002:1: episode") && stderr.contains("is already at"),
        "{stderr}"
    );
    same_dirs(&p.path().join("local"), &p.path().join("again"));

    // Without the texts the dataset files are the same; the page lacks the lines.
    let stderr = ok(&p.tfacts(&[
        "run",
        "--from-jsonl",
        "annotated/part-00001",
        "--out",
        "bare",
    ]));
    assert!(stderr.contains("written to bare"), "{stderr}");

    // Part files that hold no episode do not replace a dataset that has some.
    std::fs::create_dir_all(p.path().join("empty")).unwrap();
    std::fs::write(p.path().join("empty/part-00000"), "").unwrap();
    let out = p.tfacts(&["run", "--from-jsonl", "empty", "--out", "back"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not replacing"), "{stderr}");
    same_dirs(&p.path().join("local"), &p.path().join("back"));
}

#[test]
fn export_refuses_subtitles_and_names_them() {
    let p = Project::new();
    std::fs::copy(
        repo().join("tests/fixtures/inputs/captions.vtt"),
        p.path().join("transcripts/2025-02-02_captions.vtt"),
    )
    .unwrap();
    let out = p.tfacts(&["export", "jsonl"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("captions.vtt: a subtitle file"), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}
