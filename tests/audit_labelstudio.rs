//! Label Studio round trip: tasks out (offsets that point at the right text), verdicts back in
//! (from an export in the shape Label Studio writes).

use crate::support;

use std::collections::BTreeSet;

use predicates::str::contains;
use serde_json::{Value, json};
use support::*;

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/audit/labelstudio").join(name)
}

#[test]
fn export_offsets_and_ids() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    tfacts(d)
        .args([
            "export",
            "labelstudio",
            "--out",
            "tasks.json",
            "--config",
            "ls.xml",
        ])
        .assert()
        .success();
    let tasks: Value =
        serde_json::from_slice(&std::fs::read(d.join("tasks.json")).unwrap()).unwrap();
    let data = dataset(d, "output");
    let ep = &data["episodes"][0];
    assert_eq!(tasks.as_array().unwrap().len(), 1);
    let task = &tasks[0];
    assert_eq!(task["data"]["episode"], EPISODE);
    let text: Vec<char> = task["data"]["text"].as_str().unwrap().chars().collect();
    let original = std::fs::read_to_string(transcript_path(d)).unwrap();
    assert_eq!(
        task["data"]["text"].as_str().unwrap().lines().count(),
        original.lines().count()
    );
    let results = task["predictions"][0]["result"].as_array().unwrap();
    let mut regions = BTreeSet::new();
    for r in results.iter().filter(|r| r["type"] == "labels") {
        let (s, e) = (
            r["value"]["start"].as_u64().unwrap() as usize,
            r["value"]["end"].as_u64().unwrap() as usize,
        );
        let span: String = text[s..e].iter().collect();
        assert_eq!(span, r["value"]["text"].as_str().unwrap(), "offsets of {r}");
        let m = ep["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == r["id"])
            .expect("region id = mention id");
        assert_eq!(r["value"]["labels"][0], m["type"]);
        assert!(
            regions.insert(r["id"].as_str().unwrap().to_string()),
            "duplicate region id"
        );
    }
    assert_eq!(regions.len(), ep["mentions"].as_array().unwrap().len());
    let task_facts = task["data"]["facts"].as_array().unwrap();
    assert_eq!(task_facts.len(), ep["facts"].as_array().unwrap().len());
    let relations: Vec<&Value> = results.iter().filter(|r| r["type"] == "relation").collect();
    assert!(
        !relations.is_empty(),
        "some fact should be exported as a relation"
    );
    for r in &relations {
        assert!(regions.contains(r["from_id"].as_str().unwrap()));
        assert!(regions.contains(r["to_id"].as_str().unwrap()));
        let fid = r["id"].as_str().unwrap().strip_prefix("fact-").unwrap();
        let tf = task_facts.iter().find(|f| f["id"] == fid).unwrap();
        assert_eq!(tf["from_id"], r["from_id"]);
        assert_eq!(tf["to_id"], r["to_id"]);
        assert_eq!(r["labels"][0], tf["predicate"]);
    }
    let config = std::fs::read_to_string(d.join("ls.xml")).unwrap();
    assert!(config.contains("<Relation value=\"founded\"/>"));
    assert!(config.contains("<Label value=\"company\"/>"));
}

#[test]
fn import_from_a_label_studio_export() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ledger = d.join("verdicts.csv");
    let import = |d: &std::path::Path| {
        let mut cmd = tfacts(d);
        cmd.args(["audit", "import"])
            .arg(fixture("export.json"))
            .arg("--dataset")
            .arg(fixture("dataset.json"))
            .arg("--ledger")
            .arg(&ledger)
            .args(["--reviewer", "ann", "--date", "2025-03-02"]);
        cmd
    };
    // 2222 was relabelled `renamed`, which does not join a company to a product: reported,
    // not recorded. Task 2's only annotation was cancelled: it says nothing, and says so.
    import(d)
        .assert()
        .success()
        .stderr(contains(
            "imported 1 accepted, 1 rejected, 0 corrected (0 unchanged, 3 without a verdict)",
        ))
        .stderr(contains(
            "no verdict from 1 skipped or cancelled task(s) and 0 task(s) with an empty result",
        ))
        .stderr(contains(
            "not recorded: 2222222222222222 released relabelled released -> renamed in task 1 \
             annotation 7: renamed does not join a company to a product",
        ));
    let text = std::fs::read_to_string(&ledger).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        "fact_id,verdict,reviewer,date,note,corrections,claim"
    );
    // Each row ends with the claim the reviewer saw.
    for (line, start) in lines[1..].iter().zip([
        "1111111111111111,accepted,ann,2025-03-02,label studio task 1 annotation 7,,\"{",
        "3333333333333333,rejected,ann,2025-03-02,label studio task 1 annotation 7,,\"{",
    ]) {
        assert!(line.starts_with(start), "{line}");
    }
    // The same export again adds nothing.
    import(d)
        .assert()
        .success()
        .stderr(contains("(2 unchanged, 3 without a verdict)"));
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), text);
}

/// Export a real run, review it "in Label Studio" (predictions turned into an annotation, one
/// relation deleted), import, rerun: the verdicts are in the dataset.
#[test]
fn round_trip_with_a_real_run() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    tfacts(d)
        .args(["export", "labelstudio", "--out", "tasks.json"])
        .assert()
        .success();
    let mut tasks: Value =
        serde_json::from_slice(&std::fs::read(d.join("tasks.json")).unwrap()).unwrap();
    let mut deleted = None;
    let mut kept = Vec::new();
    for (i, task) in tasks.as_array_mut().unwrap().iter_mut().enumerate() {
        let mut result = task["predictions"][0]["result"].as_array().unwrap().clone();
        // Label Studio drops our ids from relations; keep only what it keeps.
        for r in result.iter_mut().filter(|r| r["type"] == "relation") {
            let id = r["id"]
                .as_str()
                .unwrap()
                .strip_prefix("fact-")
                .unwrap()
                .to_string();
            if deleted.is_none() {
                deleted = Some(id);
                r["type"] = json!("deleted");
            } else {
                kept.push(id);
            }
            r.as_object_mut().unwrap().remove("id");
        }
        result.retain(|r| r["type"] != "deleted");
        task["id"] = json!(i + 1);
        task["annotations"] =
            json!([{"id": 100 + i, "completed_by": 1, "result": result, "was_cancelled": false}]);
    }
    std::fs::write(d.join("export.json"), serde_json::to_vec(&tasks).unwrap()).unwrap();
    tfacts(d)
        .args(["audit", "import", "export.json", "--date", "2025-03-02"])
        .assert()
        .success();
    run(d, "output");
    let data = dataset(d, "output");
    let deleted = deleted.expect("some fact should be exported as a relation");
    assert_eq!(status(&data, &deleted), "rejected");
    for id in &kept {
        assert_eq!(status(&data, id), "accepted", "{id}");
    }
}

/// The real run's tasks with one annotation each, whose result `edit` makes from the
/// predictions (relations without ids, as Label Studio exports them).
fn export_with(d: &std::path::Path, name: &str, annotation: impl Fn(Vec<Value>) -> Value) {
    let mut tasks: Value =
        serde_json::from_slice(&std::fs::read(d.join("tasks.json")).unwrap()).unwrap();
    for (i, task) in tasks.as_array_mut().unwrap().iter_mut().enumerate() {
        let mut result = task["predictions"][0]["result"].as_array().unwrap().clone();
        for r in result.iter_mut().filter(|r| r["type"] == "relation") {
            r.as_object_mut().unwrap().remove("id");
        }
        task["id"] = json!(i + 1);
        let mut a = annotation(result);
        a["id"] = json!(200 + i);
        task["annotations"] = json!([a]);
    }
    std::fs::write(d.join(name), serde_json::to_vec(&tasks).unwrap()).unwrap();
}

fn import_out(d: &std::path::Path, file: &str, extra: &[&str]) -> String {
    let out = tfacts(d)
        .args(["audit", "import", file, "--date", "2025-03-02"])
        .args(extra)
        .assert()
        .success();
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn an_import_says_only_what_the_reviewer_did() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    tfacts(d)
        .args(["export", "labelstudio", "--out", "tasks.json"])
        .assert()
        .success();
    let data = dataset(d, "output");
    let find = |pred: &str, date: Value| {
        facts(&data)
            .into_iter()
            .find(|f| f["predicate"] == pred && f["date"] == date)
            .map(|f| f["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (founded, funding) = (
        find("founded", json!("2019-06")),
        find("funding", Value::Null),
    );

    // Submitted as predicted: every relation accepted, by the annotation's `completed_by`.
    export_with(
        d,
        "all.json",
        |result| json!({"completed_by": {"id": 3, "email": "li@example.com"}, "result": result, "was_cancelled": false}),
    );
    import_out(d, "all.json", &[]);
    run(d, "output");
    let data = dataset(d, "output");
    assert_eq!(status(&data, &founded), "accepted");
    assert_eq!(fact_audit(&data, &founded)["reviewer"], "li@example.com");
    let ledger = std::fs::read(d.join("audit/verdicts.csv")).unwrap();

    // An empty result and a cancelled task say nothing, and the summary says so.
    export_with(
        d,
        "empty.json",
        |_| json!({"completed_by": 3, "result": [], "was_cancelled": false}),
    );
    let text = import_out(d, "empty.json", &[]);
    assert!(
        text.contains("imported 0 accepted, 0 rejected, 0 corrected"),
        "{text}"
    );
    assert!(
        text.contains("0 skipped or cancelled task(s) and 1 task(s) with an empty result"),
        "{text}"
    );
    export_with(
        d,
        "skipped.json",
        |result| json!({"completed_by": 3, "result": result, "was_cancelled": true}),
    );
    let text = import_out(d, "skipped.json", &[]);
    assert!(
        text.contains("1 skipped or cancelled task(s) and 0 task(s) with an empty result"),
        "{text}"
    );
    assert_eq!(std::fs::read(d.join("audit/verdicts.csv")).unwrap(), ledger);

    // Relabels: one that does not fit its ends (reported), one that does (a correction);
    // a region removed and one relabelled are listed.
    export_with(d, "edited.json", |mut result| {
        let predicted: Vec<Value> = result.clone();
        let region = |id: &Value| predicted.iter().find(|r| r["id"] == *id).unwrap().clone();
        let mut removed = None;
        for r in result.iter_mut().filter(|r| r["type"] == "relation") {
            let to = region(&r["to_id"]);
            if r["labels"][0] == "founded" && to["value"]["labels"][0] == "date" {
                r["labels"] = json!(["released"]);
            } else if r["labels"][0] == "funding" {
                r["labels"] = json!(["metric"]);
            }
        }
        let used: Vec<Value> = result
            .iter()
            .filter(|r| r["type"] == "relation")
            .flat_map(|r| [r["from_id"].clone(), r["to_id"].clone()])
            .collect();
        // Remove a region no relation uses; relabel another.
        if let Some(i) = result
            .iter()
            .position(|r| r["type"] == "labels" && !used.contains(&r["id"]))
        {
            removed = Some(result.remove(i));
        }
        let relabel = result
            .iter_mut()
            .find(|r| {
                r["type"] == "labels"
                    && r["value"]["labels"][0] == "product"
                    && !used.contains(&r["id"])
            })
            .unwrap();
        relabel["value"]["labels"] = json!(["company"]);
        assert!(removed.is_some());
        json!({"completed_by": 3, "result": result, "was_cancelled": false})
    });
    let text = import_out(d, "edited.json", &["--reviewer", "wang"]);
    assert!(
        text.contains("imported 0 accepted, 0 rejected, 1 corrected"),
        "{text}"
    );
    assert!(
        text.contains(&format!("not recorded: {founded} founded relabelled founded -> released in task 1 annotation 200: released does not join a company to a date")),
        "{text}"
    );
    assert!(
        text.contains("mention regions the reviewer changed (2;"),
        "{text}"
    );
    assert!(text.contains("task 1 annotation 200: removed "), "{text}");
    assert!(text.contains(" product -> company (region "), "{text}");
    run(d, "output");
    let data = dataset(d, "output");
    assert_eq!(status(&data, &founded), "accepted");
    assert_eq!(status(&data, &funding), "corrected");
    assert_eq!(fact_audit(&data, &funding)["reviewer"], "wang");
    let funding_fact = facts(&data)
        .into_iter()
        .find(|f| f["id"] == funding.as_str())
        .unwrap();
    assert_eq!(funding_fact["predicate"], "metric");

    // --reviewer says what it does.
    tfacts(d)
        .args(["audit", "import", "--help"])
        .assert()
        .success()
        .stdout(contains("completed_by"));
}
