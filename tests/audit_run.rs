//! Verdicts across regenerations: ids that stay put when the transcript and the dictionary are
//! edited elsewhere, byte-identical outputs, and the whole review loop end to end.

use crate::support;

use std::collections::BTreeSet;

use predicates::prelude::PredicateBooleanExt;
use support::*;
fn mention_ids(data: &serde_json::Value) -> BTreeSet<String> {
    data["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap().clone())
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ids_survive_edits_elsewhere() {
    let dir = project();
    let d = dir.path();
    run(d, "out1");
    let before = dataset(d, "out1");
    let ids: BTreeSet<String> = fact_ids(&before).into_iter().collect();
    assert!(!ids.is_empty(), "the episode should give at least one fact");
    edit_elsewhere(d);
    run(d, "out2");
    let after = dataset(d, "out2");
    let ids_after: BTreeSet<String> = fact_ids(&after).into_iter().collect();
    assert_eq!(ids, ids_after, "fact ids changed although no fact did");
    // The same facts, three lines further down.
    for f in facts(&before) {
        let g = facts(&after)
            .into_iter()
            .find(|g| g["id"] == f["id"])
            .unwrap();
        assert_eq!(
            g["evidence"]["line_start"].as_u64().unwrap(),
            f["evidence"]["line_start"].as_u64().unwrap() + 3
        );
    }
    let missing: Vec<String> = mention_ids(&before)
        .difference(&mention_ids(&after))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "mention ids changed: {missing:?}");
}

#[test]
fn outputs_are_byte_identical_for_the_same_inputs() {
    let dir = project();
    let d = dir.path();
    let ids = {
        run(d, "out0");
        fact_ids(&dataset(d, "out0"))
    };
    tfacts(d)
        .args([
            "audit",
            "accept",
            &ids[0],
            "--date",
            "2025-02-01",
            "--note",
            "ok",
        ])
        .args(["--dataset", "out0"])
        .assert()
        .success();
    run(d, "out1");
    run(d, "out2");
    let mut names: Vec<String> = std::fs::read_dir(d.join("out1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in [
        "dataset.json",
        "facts.csv",
        "facts.reviewed.csv",
        "audit_orphans.csv",
        "report.html",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} not written: {names:?}"
        );
    }
    for name in &names {
        let (a, b) = (d.join("out1").join(name), d.join("out2").join(name));
        if a.is_dir() {
            // The report's pages: the same files with the same bytes.
            for sub in ["episode", "entity"] {
                let list = |p: &std::path::Path| -> Vec<_> {
                    let mut v: Vec<_> = std::fs::read_dir(p.join(sub))
                        .unwrap()
                        .map(|e| e.unwrap().file_name())
                        .collect();
                    v.sort();
                    v
                };
                assert_eq!(list(&a), list(&b), "{name}/{sub} differs");
                for f in list(&a) {
                    assert_eq!(
                        std::fs::read(a.join(sub).join(&f)).unwrap(),
                        std::fs::read(b.join(sub).join(&f)).unwrap(),
                        "{name}/{sub}/{f:?} differs between two runs"
                    );
                }
            }
            continue;
        }
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{name} differs between two runs"
        );
    }
}

#[test]
fn review_loop_end_to_end() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    let first = dataset(d, "output");
    let ids = fact_ids(&first);
    assert!(!ids.is_empty(), "the episode should give at least one fact");
    for id in &ids {
        assert_eq!(status(&first, id), "unreviewed");
    }
    let accepted = ids[0].clone();
    let rejected = ids.get(1).cloned();
    let corrected = ids.get(2).cloned();
    tfacts(d)
        .args([
            "audit",
            "accept",
            &accepted,
            "--reviewer",
            "li",
            "--date",
            "2025-02-01",
        ])
        .assert()
        .success();
    if let Some(id) = &rejected {
        tfacts(d)
            .args([
                "audit",
                "reject",
                id,
                "--note",
                "not said",
                "--date",
                "2025-02-01",
            ])
            .assert()
            .success();
    }
    let original_date = corrected.as_ref().map(|id| {
        let f = facts(&first)
            .into_iter()
            .find(|f| f["id"] == id.as_str())
            .unwrap();
        f["date"].clone()
    });
    if let Some(id) = &corrected {
        tfacts(d)
            .args([
                "audit",
                "correct",
                id,
                "--set",
                "date=1999-01",
                "--date",
                "2025-02-01",
            ])
            .assert()
            .success();
    }
    let ledger = std::fs::read(d.join("audit/verdicts.csv")).unwrap();

    let check =
        |out: &str| {
            let data = dataset(d, out);
            assert_eq!(status(&data, &accepted), "accepted");
            assert_eq!(fact_audit(&data, &accepted)["reviewer"], "li");
            if let Some(id) = &rejected {
                assert_eq!(status(&data, id), "rejected");
                assert!(
                    fact_ids(&data).contains(id),
                    "a rejected fact stays in the dataset"
                );
            }
            if let Some(id) = &corrected {
                assert_eq!(status(&data, id), "corrected");
                let f = facts(&data)
                    .into_iter()
                    .find(|f| f["id"] == id.as_str())
                    .unwrap();
                assert_eq!(f["date"], "1999-01", "the corrected value is shown");
                assert_eq!(
                    fact_audit(&data, id)["original"]["date"],
                    *original_date.as_ref().unwrap(),
                    "the machine's value is kept"
                );
            }
            for id in ids.iter().skip(3) {
                assert_eq!(status(&data, id), "unreviewed");
            }
            assert!(
                data["audit"]["orphans"]
                    .as_array()
                    .is_none_or(Vec::is_empty)
            );

            let rows = csv_rows(&d.join(out).join("facts.csv"));
            assert_eq!(rows.len(), ids.len());
            let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
            assert_eq!(row(&accepted)["audit_status"], "accepted");
            assert_eq!(row(&accepted)["audit_reviewer"], "li");
            if let Some(id) = &rejected {
                assert_eq!(row(id)["audit_status"], "rejected");
                assert_eq!(row(id)["audit_note"], "not said");
            }
            if let Some(id) = &corrected {
                assert_eq!(row(id)["audit_status"], "corrected");
                assert_eq!(row(id)["date"], "1999-01");
                assert!(row(id)["audit_original"].contains("\"date\""));
            }
            let reviewed: BTreeSet<String> = csv_rows(&d.join(out).join("facts.reviewed.csv"))
                .into_iter()
                .map(|r| r["id"].clone())
                .collect();
            let mut expected: BTreeSet<String> = [accepted.clone()].into();
            expected.extend(corrected.clone());
            if let Some(id) = &rejected {
                expected.remove(id);
            }
            assert_eq!(
                reviewed, expected,
                "facts.reviewed.csv holds accepted and corrected facts"
            );
            // The header keeps the original columns first.
            let header = std::fs::read_to_string(d.join(out).join("facts.csv")).unwrap();
            assert!(header.starts_with("episode,id,predicate,subject_id,subject_name,"));
            assert!(header.lines().next().unwrap().ends_with(
                ",time,audit_status,audit_reviewer,audit_date,audit_note,audit_original"
            ));
        };

    run(d, "output");
    check("output");
    assert_eq!(std::fs::read(d.join("audit/verdicts.csv")).unwrap(), ledger);

    edit_elsewhere(d);
    tfacts(d)
        .args(["run"])
        .assert()
        .success()
        .stderr(predicates::str::contains("orphaned").not());
    check("output");
    assert_eq!(
        std::fs::read(d.join("audit/verdicts.csv")).unwrap(),
        ledger,
        "a run never writes the ledger"
    );

    // A later verdict on the edited transcript is appended; the earlier bytes stay.
    tfacts(d)
        .args(["audit", "accept", &accepted, "--date", "2025-03-01"])
        .assert()
        .success();
    let now = std::fs::read(d.join("audit/verdicts.csv")).unwrap();
    assert!(now.starts_with(&ledger));
    assert_eq!(
        now[ledger.len()..].iter().filter(|&&b| b == b'\n').count(),
        1
    );
}
