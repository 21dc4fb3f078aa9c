//! The layout of `dataset.json`: pretty-printed at the top levels, one line a record (each
//! entity, each mention, each fact), and nothing but whitespace different from serde_json's
//! own serialization of the dataset it holds.

use crate::support;

use serde::de::DeserializeOwned;
use support::{EPISODE, Project, repo};
use transcript_facts::model::{Dataset, EntitySummary, Fact, Mention};

/// `json` without the whitespace between tokens (strings kept as they are).
fn squeeze(json: &[u8]) -> Vec<u8> {
    let (mut out, mut in_str, mut escaped) = (Vec::new(), false, false);
    for &b in json {
        if in_str {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
        } else if !b" \n\t\r".contains(&b) {
            out.push(b);
            in_str = b == b'"';
        }
    }
    out
}

/// The lines of the array that `key` opens on the line `lines[*at]` (`"key": [` or
/// `"key": []`), from `*at` on; `*at` is left after the array.
fn array_lines<'a>(lines: &[&'a str], at: &mut usize, key: &str, indent: usize) -> Vec<&'a str> {
    let pad = " ".repeat(indent);
    let open = format!("{pad}\"{key}\": [");
    while !lines[*at].starts_with(&open) {
        *at += 1;
    }
    let line = lines[*at];
    *at += 1;
    if line.trim_end().ends_with("[]") || line.trim_end().ends_with("[],") {
        return Vec::new();
    }
    assert_eq!(line, open, "an array's opening line");
    let mut out = Vec::new();
    let close = format!("{pad}]");
    while !lines[*at].starts_with(&close) {
        out.push(lines[*at]);
        *at += 1;
    }
    out
}

/// Each line is one record, indented by `indent`, that parses to `records[i]`: as the typed
/// record and as the same JSON value serde_json makes of it.
fn one_record_a_line<T>(lines: &[&str], records: &[T], indent: usize, what: &str)
where
    T: DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    assert_eq!(lines.len(), records.len(), "one line per {what}");
    for (i, (line, record)) in lines.iter().zip(records).enumerate() {
        let last = i + 1 == records.len();
        let body = line
            .strip_prefix(&" ".repeat(indent))
            .unwrap_or_else(|| panic!("{what} {i} not indented by {indent}: {line}"));
        assert!(body.starts_with("{\"id\": \""), "{what} {i}: {line}");
        let body = if last {
            body
        } else {
            body.strip_suffix(',')
                .expect("a comma after all but the last")
        };
        assert!(body.ends_with('}'), "{what} {i}: {line}");
        let parsed: T = serde_json::from_str(body).unwrap();
        assert_eq!(&parsed, record, "{what} {i}");
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(value, serde_json::to_value(record).unwrap(), "{what} {i}");
        // The contract's style: `": "` after keys, `", "` between members.
        assert_eq!(
            squeeze(body.as_bytes()),
            serde_json::to_vec(record).unwrap()
        );
        assert!(body.contains("\"id\": \""), "{what} {i}: {line}");
    }
}

#[test]
fn dataset_json_is_pretty_above_the_records_and_one_record_a_line() {
    let p = Project::new();
    // A subtitle file too, so mentions and facts carry times.
    std::fs::copy(
        repo().join("tests/fixtures/inputs/styled.srt"),
        p.path().join("transcripts/2025-02-01_styled.srt"),
    )
    .unwrap();
    assert!(p.tfacts(&["run"]).status.success());
    // A corrected fact carries its corrections and originals (nested objects) inline.
    let first: Dataset = serde_json::from_slice(&p.read("output/dataset.json")).unwrap();
    let ep = first.episodes.iter().find(|e| e.id == EPISODE).unwrap();
    let fact = &ep.facts[0].id;
    let out = p.tfacts(&[
        "audit",
        "correct",
        fact,
        "--set",
        "date=2019-07",
        "--reviewer",
        "li",
        "--note",
        "said \"July\", \\ not June",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(p.tfacts(&["run"]).status.success());

    let bytes = p.read("output/dataset.json");
    // The whole file parses, and is serde_json's serialization of what it holds but for
    // whitespace between tokens.
    let dataset: Dataset = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(dataset.episodes.len(), 2);
    assert_eq!(squeeze(&bytes), serde_json::to_vec(&dataset).unwrap());
    let corrected = dataset
        .episodes
        .iter()
        .flat_map(|e| &e.facts)
        .find(|f| &f.id == fact)
        .unwrap();
    assert!(!corrected.audit.corrections.is_empty());
    assert!(dataset.episodes.iter().any(|e| {
        e.mentions.iter().any(|m| m.start_ms.is_some())
            && e.facts.iter().any(|f| f.evidence.start_ms.is_some())
    }));

    let text = std::str::from_utf8(&bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "{");
    assert_eq!(lines[1], "  \"schema_version\": 1,");
    assert!(text.ends_with("\n  ]\n}\n"));
    let mut at = 0;
    let entities = array_lines(&lines, &mut at, "entities", 2);
    assert!(!dataset.entities.is_empty());
    one_record_a_line::<EntitySummary>(&entities, &dataset.entities, 4, "entity");
    at = lines
        .iter()
        .position(|l| *l == "  \"episodes\": [")
        .unwrap();
    for (n, ep) in dataset.episodes.iter().enumerate() {
        // The episode's own fields, one a line, as pretty JSON has them.
        at += 1;
        assert_eq!(lines[at], "    {", "episode {n}");
        assert_eq!(lines[at + 1], format!("      \"id\": \"{}\",", ep.id));
        let mentions = array_lines(&lines, &mut at, "mentions", 6);
        one_record_a_line::<Mention>(&mentions, &ep.mentions, 8, "mention");
        let facts = array_lines(&lines, &mut at, "facts", 6);
        one_record_a_line::<Fact>(&facts, &ep.facts, 8, "fact");
        if !ep.facts.is_empty() {
            assert_eq!(lines[at], "      ]");
            at += 1;
        }
        let close = if n + 1 == dataset.episodes.len() {
            "    }"
        } else {
            "    },"
        };
        assert_eq!(lines[at], close, "episode {n}");
    }
    assert_eq!(&lines[at + 1..], ["  ]", "}"]);
}
