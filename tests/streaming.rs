//! Streaming: `run` over several episodes (threads, chunks) writes what the whole-dataset
//! writer would, and `annotate --jsonl -` gives the same episode documents as `run`.

use crate::support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{EPISODE, Project};
use transcript_facts::model::{Dataset, EpisodeDoc};
use transcript_facts::{Annotator, RunConfig, ingest, output};

/// Two more episodes cut from the first one, so the run has several.
fn add_episodes(p: &Project) -> Vec<(String, String)> {
    let text = String::from_utf8(p.read(&format!("transcripts/{EPISODE}.txt"))).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let half = lines.len() / 2;
    let extra = vec![
        (
            "2024-06-01_second-half".to_string(),
            lines[half..].join("\n") + "\n",
        ),
        // A space: the path sorts before `a.txt`-like names but the id (`-`) does not.
        (
            "2025-01-10_china llm".to_string(),
            lines[..half].join("\r\n"),
        ),
    ];
    for (stem, body) in &extra {
        std::fs::write(p.path().join(format!("transcripts/{stem}.txt")), body).unwrap();
    }
    extra
}

#[test]
fn run_streams_the_same_bytes_as_the_whole_dataset_writer() {
    let p = Project::new();
    add_episodes(&p);
    // A bad transcript is reported and the others are still written.
    std::fs::write(p.path().join("transcripts/2025-02-01_empty.txt"), "").unwrap();
    let dictionaries = p.path().join("dictionaries");
    let annotator = Annotator::load(&dictionaries).unwrap();
    let files = ingest::list_transcripts(&p.path().join("transcripts")).unwrap();
    let docs: Vec<EpisodeDoc> = files
        .iter()
        .filter_map(|f| ingest::read_transcript(f, None).ok())
        .map(|t| annotator.annotate(&t))
        .collect();
    assert_eq!(docs.len(), 3);
    let whole = p.path().join("whole");
    let catalogue = annotator.dataset_catalogue(&docs);
    output::write_dataset(&whole, &output::build_dataset(&catalogue, docs)).unwrap();
    for threads in [1, 2] {
        let out = p.path().join(format!("streamed-{threads}"));
        let report = transcript_facts::run(&RunConfig {
            transcripts: p.path().join("transcripts"),
            dictionaries: dictionaries.clone(),
            out: out.clone(),
            threads,
            progress: false,
        })
        .unwrap();
        assert_eq!(report.episodes, 3);
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        assert!(report.errors[0].contains("2025-02-01_empty.txt"));
        for f in [
            "dataset.json",
            "mentions.csv",
            "facts.csv",
            "entities.csv",
            "facts.reviewed.csv",
            "audit_orphans.csv",
        ] {
            assert!(
                std::fs::read(whole.join(f)).unwrap() == std::fs::read(out.join(f)).unwrap(),
                "{f} differs with {threads} threads"
            );
        }
        // The output files and the report's pages folder, no temp file or folder.
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            output::OUTPUT_FILES.len() + 1,
            "temp files left"
        );
        assert!(out.join(output::REPORT_PAGES).is_dir());
    }
}

#[test]
fn annotate_jsonl_gives_what_run_gives() {
    let p = Project::new();
    let extra = add_episodes(&p);
    assert!(p.tfacts(&["run"]).status.success());
    let dataset: Dataset = serde_json::from_slice(&p.read("output/dataset.json")).unwrap();

    let first = String::from_utf8(p.read(&format!("transcripts/{EPISODE}.txt"))).unwrap();
    let mut input = String::new();
    let line = |id: &str, text: &str, published: Option<&str>| {
        let mut v = serde_json::json!({"id": id, "text": text});
        if let Some(d) = published {
            v["published"] = d.into();
        }
        v.to_string() + "\n"
    };
    input += &line(EPISODE, &first, Some("2025-01-10"));
    input += "{\"id\": \"broken\", \"text\": \n"; // line 2: bad JSON
    input += "\n"; // line 3: blank, skipped silently
    input += &line(&extra[0].0, &extra[0].1, None);
    input += &line(&extra[1].0, &extra[1].1, None);
    input += "{\"id\": \"x\", \"text\": \"a\", \"published\": \"2025-13-01\"}\n"; // line 6

    let mut child = Command::new(env!("CARGO_BIN_EXE_tfacts"))
        .args(["annotate", "--jsonl", "-", "--threads", "2"])
        .current_dir(p.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(r#"stdin:2: episode "broken": bad JSON line"#),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"stdin:6: episode "x": "published""#),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");

    let stdout = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<EpisodeDoc> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [EPISODE, "2024-06-01_second-half", "2025-01-10_china-llm"],
        "input order"
    );
    for doc in &docs {
        let expected = dataset
            .episodes
            .iter()
            .find(|e| e.id == doc.id)
            .unwrap_or_else(|| panic!("{} not in the dataset", doc.id));
        assert!(!doc.mentions.is_empty());
        assert_eq!(doc.mentions, expected.mentions, "mentions of {}", doc.id);
        assert_eq!(doc.facts, expected.facts, "facts of {}", doc.id);
        assert_eq!(doc.reference_date, expected.reference_date);
        assert_eq!(doc.lines, expected.lines);
    }
}
