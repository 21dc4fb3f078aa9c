//! `tfacts diff OLD NEW`: added, removed and changed facts between two runs.

use crate::support;

use predicates::str::contains;
use serde_json::{Value, json};
use support::*;

#[test]
fn a_rerun_after_edits_elsewhere_has_no_differences() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    edit_elsewhere(d);
    run(d, "new");
    tfacts(d)
        .args(["diff", "output", "new", "--exit-code"])
        .assert()
        .code(0)
        .stdout(contains("no differences"));
}

/// Edit a copy of a real dataset the way a changed linker or transcript would.
#[test]
fn added_removed_and_changed_facts_are_reported() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    let old = dataset(d, "output");
    let n = fact_ids(&old).len();
    assert!(n >= 1, "the episode should give at least one fact");
    let mut new = old.clone();
    let facts: &mut Vec<Value> = new["episodes"][0]["facts"].as_array_mut().unwrap();
    let changed_old_id = facts[0]["id"].as_str().unwrap().to_string();
    // Changed: same predicate, subject and object; new date, so a new id; one line lower.
    facts[0]["id"] = json!("c0ffee0000000001");
    facts[0]["date"] = json!("1999-01");
    let line = facts[0]["evidence"]["line_start"].as_u64().unwrap();
    facts[0]["evidence"]["line_start"] = json!(line + 1);
    facts[0]["evidence"]["line_end"] = json!(line + 1);
    // Added: a fact of another predicate.
    let mut added = facts[0].clone();
    added["id"] = json!("add0000000000001");
    added["predicate"] = json!("zz_test_predicate");
    facts.push(added);
    // Removed: the second fact, if there is one.
    let removed_id = (n >= 2).then(|| facts.remove(1)["id"].as_str().unwrap().to_string());
    std::fs::create_dir_all(d.join("edited")).unwrap();
    std::fs::write(
        d.join("edited/dataset.json"),
        serde_json::to_vec_pretty(&new).unwrap(),
    )
    .unwrap();

    // Human-readable; a dataset.json path works as well as a folder.
    let out = tfacts(d)
        .args(["diff", "output/dataset.json", "edited"])
        .assert()
        .code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains(&format!("episode {EPISODE}")), "{text}");
    assert!(
        text.contains("+ add0000000000001 zz_test_predicate"),
        "{text}"
    );
    assert!(
        text.contains(&format!("~ {changed_old_id} -> c0ffee0000000001")),
        "{text}"
    );
    assert!(text.contains("date: "), "{text}");
    assert!(text.contains("-> \"1999-01\""), "{text}");
    if let Some(id) = &removed_id {
        assert!(text.contains(&format!("- {id}")), "{text}");
    }

    // Machine-readable.
    let out = tfacts(d)
        .args(["diff", "output", "edited", "--json"])
        .assert()
        .code(0);
    let j: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let ep = &j["episodes"][0];
    assert_eq!(ep["id"], EPISODE);
    assert_eq!(ep["added"][0]["id"], "add0000000000001");
    assert_eq!(ep["changed"][0]["old_id"], changed_old_id.as_str());
    assert_eq!(ep["changed"][0]["new_id"], "c0ffee0000000001");
    let changes = ep["changed"][0]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "only the date changed: {changes:?}");
    assert_eq!(changes[0]["field"], "date");
    assert_eq!(changes[0]["new"], "1999-01");
    assert_eq!(j["summary"]["added"], 1);
    assert_eq!(j["summary"]["changed"], 1);
    assert_eq!(j["summary"]["removed"], u64::from(removed_id.is_some()));
    assert_eq!(
        j["summary"]["unchanged"],
        (n - 1 - usize::from(removed_id.is_some())) as u64
    );

    tfacts(d)
        .args(["diff", "output", "edited", "--exit-code"])
        .assert()
        .code(1);
    tfacts(d)
        .args(["diff", "output", "output", "--exit-code"])
        .assert()
        .code(0);
}

#[test]
fn unreadable_inputs_fail() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    tfacts(d)
        .args(["diff", "output", "nowhere"])
        .assert()
        .code(2)
        .stderr(contains("nowhere"));
    std::fs::write(d.join("bad.json"), "{not json").unwrap();
    tfacts(d)
        .args(["diff", "bad.json", "output"])
        .assert()
        .code(2)
        .stderr(contains("bad.json"));
}
