//! Label Studio round trip: tasks out (offsets that point at the right text), verdicts back in
//! (from an export in the shape Label Studio writes).

mod audit_support;

use std::collections::BTreeSet;

use audit_support::*;
use predicates::str::contains;
use serde_json::{Value, json};

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
    import(d).assert().success().stderr(contains(
        "imported 1 accepted, 1 rejected, 1 corrected (0 unchanged, 2 without a verdict)",
    ));
    let text = std::fs::read_to_string(&ledger).unwrap();
    assert_eq!(
        text,
        "fact_id,verdict,reviewer,date,note,corrections\n\
         1111111111111111,accepted,ann,2025-03-02,label studio task 1 annotation 7,\n\
         2222222222222222,corrected,ann,2025-03-02,label studio task 1 annotation 7,\"{\"\"predicate\"\":\"\"renamed\"\"}\"\n\
         3333333333333333,rejected,ann,2025-03-02,label studio task 1 annotation 7,\n"
    );
    // The same export again adds nothing.
    import(d)
        .assert()
        .success()
        .stderr(contains("(3 unchanged, 2 without a verdict)"));
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
