//! The real binary on the first episode, in a temp project.

use crate::support;

use support::{EPISODE, Project};
use transcript_facts::model::Dataset;

#[test]
fn run_writes_the_dataset_and_is_byte_identical_on_rerun() {
    let p = Project::new();
    let out = p.tfacts(&["run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every file under output/, the report's pages in output/report/ too.
    let first = tree(&p.path().join("output"));
    for f in ["dataset.json", "facts.csv", "report.html"] {
        assert!(first.iter().any(|(n, _)| n == f), "{f} not written");
    }
    assert!(
        first.iter().any(|(n, _)| n.starts_with("report/episode/")),
        "no episode page"
    );
    assert!(
        first.iter().any(|(n, _)| n.starts_with("report/entity/")),
        "no entity page"
    );
    let out = p.tfacts(&["run"]);
    assert!(out.status.success());
    let second = tree(&p.path().join("output"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&first), names(&second), "other files on rerun");
    for ((f, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{f} changed on rerun");
    }
}

/// Every file under `dir` (relative path with `/`, bytes), in path order.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.push((rel.replace('\\', "/"), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_mention_text_equals_the_chars_at_its_offsets() {
    let p = Project::new();
    assert!(p.tfacts(&["run"]).status.success());
    let dataset: Dataset = serde_json::from_slice(&p.read("output/dataset.json")).unwrap();
    let source = String::from_utf8(p.read(&format!("transcripts/{EPISODE}.txt"))).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let ep = &dataset.episodes[0];
    assert!(ep.mentions.len() > 100);
    for m in &ep.mentions {
        let line = lines[m.line - 1];
        let at: String = line.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(at, m.text, "mention {m:?}");
    }
}

#[test]
fn annotate_prints_one_episode_document() {
    let p = Project::new();
    let out = p.tfacts(&["annotate", &format!("transcripts/{EPISODE}.txt")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: transcript_facts::model::EpisodeDoc = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc.id, EPISODE);
    assert_eq!(doc.reference_date.as_deref(), Some("2025-01-10"));
    assert!(doc.facts.iter().any(|f| f.predicate == "founded"));
}

#[test]
fn eval_prints_scores_for_the_gold() {
    let p = Project::new();
    assert!(p.tfacts(&["run"]).status.success());
    let gold = support::repo().join(support::GOLD);
    let out = p.tfacts(&["eval", "--gold", gold.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for section in [
        "entities",
        "values",
        "facts (key)",
        "facts (strict)",
        "misses",
        "false hits",
    ] {
        assert!(text.contains(section), "{section} missing from:\n{text}");
    }
}

#[test]
fn a_bad_dictionary_row_names_file_and_line_and_writes_nothing() {
    let p = Project::new();
    let file = p.path().join("dictionaries/entities/companies.csv");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("company/broken,company,,,,\n");
    let line = text.lines().count();
    std::fs::write(&file, text).unwrap();
    let out = p.tfacts(&["run"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("companies.csv:{line}")), "{err}");
    assert!(!p.path().join("output").exists());
}

/// A reader that stops early (`tfacts annotate FILE | head`) closes the pipe: the command ends
/// quietly with success, not with a panic's backtrace.
#[test]
fn a_closed_pipe_ends_annotate_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let transcript = support::repo()
        .join("transcripts")
        .join(format!("{EPISODE}.txt"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tfacts"))
        .arg("annotate")
        .arg(&transcript)
        .current_dir(support::repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The document is larger than a pipe's buffer, so the rest is written to a closed pipe.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}
