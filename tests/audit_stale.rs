//! A verdict covers only the claim it judged: every field of the claim is recorded with the
//! verdict, and a fact whose claim changed since shows `stale`, is left out of the reviewed
//! view, is counted by `audit status`, is listed by `tfacts diff`, and one command re-judges it.

use crate::support;

use predicates::str::contains;
use serde_json::{Value, json};
use support::*;

/// The fields a reviewer judges, each with a value no fact of the episode's funding round has.
const OTHER_VALUES: [(&str, &str); 13] = [
    ("predicate", r#""founded""#),
    ("subject", r#""某某科技""#),
    ("object", r#""某某产品""#),
    ("metric", r#""revenue""#),
    ("value", "7"),
    ("value_max", "9"),
    ("unit", r#""人""#),
    ("currency", r#""JPY""#),
    ("qualifier", r#""under""#),
    ("date", r#""2001-02""#),
    ("as_of", r#""2002""#),
    ("round", r#""天使""#),
    ("forecast", "true"),
];

fn fact_where(data: &Value, pred: impl Fn(&Value) -> bool) -> Value {
    facts(data).into_iter().find(|f| pred(f)).unwrap()
}

/// The claim recorded for the last ledger row (its `claim` cell).
fn last_claim(d: &std::path::Path) -> serde_json::Map<String, Value> {
    let rows = csv_rows(&d.join("audit/verdicts.csv"));
    let cell = &rows.last().unwrap()["claim"];
    serde_json::from_str::<Value>(cell)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn reviewed_ids(d: &std::path::Path) -> Vec<String> {
    csv_rows(&d.join("output/facts.reviewed.csv"))
        .into_iter()
        .map(|r| r["id"].clone())
        .collect()
}

fn status_text(d: &std::path::Path) -> String {
    let out = tfacts(d).args(["audit", "status"]).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn each_changed_field_makes_an_accepted_or_corrected_verdict_stale() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    let data = dataset(d, "output");
    // A fact with many fields set: the funding round (value, currency, round, qualifier).
    let fact = fact_where(&data, |f| {
        f["predicate"] == "funding" && !f["value"].is_null()
    });
    let id = fact["id"].as_str().unwrap().to_string();
    tfacts(d)
        .args(["audit", "accept", &id, "--date", "2025-02-01"])
        .assert()
        .success();
    let claim = last_claim(d);
    // Every field the reviewer saw is recorded (the ones set on this fact).
    for field in [
        "predicate",
        "subject",
        "value",
        "currency",
        "round",
        "qualifier",
    ] {
        let shown = match field {
            "subject" => fact["subject"]["name"].clone(),
            _ => fact[field].clone(),
        };
        assert_eq!(claim[field], shown, "{field}");
    }
    for verdict in ["accepted", "corrected"] {
        let corrections = if verdict == "corrected" {
            r#"{""date"":""2024-12""}"#
        } else {
            ""
        };
        // Unchanged claim: the verdict holds.
        write_ledger(d, &id, verdict, corrections, &Value::Object(claim.clone()));
        run(d, "output");
        let data = dataset(d, "output");
        assert_eq!(status(&data, &id), verdict);
        assert!(reviewed_ids(d).contains(&id));
        for (field, other) in OTHER_VALUES {
            let mut judged = claim.clone();
            judged.insert(field.to_string(), serde_json::from_str(other).unwrap());
            write_ledger(d, &id, verdict, corrections, &Value::Object(judged));
            let out = tfacts(d).args(["run"]).assert().success();
            let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
            assert!(
                stderr.contains(&format!("stale verdict on ledger line 2: {verdict} {id}")),
                "{field}: {stderr}"
            );
            let data = dataset(d, "output");
            let audit = fact_audit(&data, &id);
            assert_eq!(audit["status"], "stale", "{verdict} {field}: {audit}");
            assert_eq!(audit["verdict"], verdict);
            let changed = audit["changed"].as_object().unwrap();
            assert_eq!(
                changed.keys().collect::<Vec<_>>(),
                [field],
                "{verdict} {field}"
            );
            assert_eq!(
                changed[field]["judged"],
                serde_json::from_str::<Value>(other).unwrap()
            );
            // A stale corrected verdict's corrections are not applied either.
            let now = fact_where(&data, |f| f["id"] == id.as_str());
            assert_eq!(now["date"], fact["date"], "{verdict} {field}");
            assert!(!reviewed_ids(d).contains(&id), "{verdict} {field}");
            let text = status_text(d);
            assert!(
                text.contains("stale verdicts: 1"),
                "{verdict} {field}: {text}"
            );
            assert!(text.contains(&format!("line 2: {verdict} {id}: {field} ")));
        }
    }
}

fn write_ledger(d: &std::path::Path, id: &str, verdict: &str, corrections: &str, claim: &Value) {
    let claim = serde_json::to_string(claim).unwrap().replace('"', "\"\"");
    let corrections = if corrections.is_empty() {
        String::new()
    } else {
        format!("\"{corrections}\"")
    };
    std::fs::write(
        d.join("audit/verdicts.csv"),
        format!(
            "fact_id,verdict,reviewer,date,note,corrections,claim\n\
             {id},{verdict},li,2025-02-01,,{corrections},\"{claim}\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn an_edited_transcript_makes_the_verdict_stale_and_one_command_rejudges_it() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    let data = dataset(d, "output");
    let founded = fact_where(&data, |f| {
        f["predicate"] == "founded" && f["date"] == "2019-06"
    });
    let id = founded["id"].as_str().unwrap().to_string();
    let funding = fact_where(&data, |f| {
        f["predicate"] == "funding" && f["currency"] == "USD"
    });
    let fid = funding["id"].as_str().unwrap().to_string();
    tfacts(d).args(["audit", "accept", &id]).assert().success();
    tfacts(d)
        .args(["audit", "correct", &fid, "--set", "round=B+"])
        .assert()
        .success();
    run(d, "output");
    assert!(reviewed_ids(d).contains(&id));
    assert!(reviewed_ids(d).contains(&fid));

    // The month and the currency change in the transcript; the ids do not.
    let path = transcript_path(d);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = funding["evidence"]["text"].as_str().unwrap().to_string();
    assert!(line.contains("美元"), "{line}");
    let text = text
        .replace("2019 年 6 月", "2019 年 7 月")
        .replace(&line, &line.replace("美元", "人民币"));
    std::fs::write(&path, text).unwrap();
    tfacts(d)
        .args(["run", "--out", "new"])
        .assert()
        .success()
        .stderr(contains(format!(
            "stale verdict on ledger line 2: accepted {id} was judged on another claim (date 2019-06 -> 2019-07)"
        )))
        .stderr(contains(format!("corrected {fid} was judged on another claim (currency USD -> CNY)")));
    let new = dataset(d, "new");
    assert_eq!(status(&new, &id), "stale");
    assert_eq!(status(&new, &fid), "stale");
    let reviewed: Vec<String> = csv_rows(&d.join("new/facts.reviewed.csv"))
        .into_iter()
        .map(|r| r["id"].clone())
        .collect();
    assert!(!reviewed.contains(&id) && !reviewed.contains(&fid));
    tfacts(d)
        .args(["diff", "output", "new"])
        .assert()
        .stdout(contains(format!("! {id} founded 智谱")))
        .stdout(contains(
            "stale accepted verdict (ledger line 2): date 2019-06 -> 2019-07",
        ))
        .stdout(contains("2 stale verdict(s) in new"));
    let json = tfacts(d)
        .args(["diff", "output", "new", "--json"])
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(json["summary"]["stale"], 2);

    // One command re-judges each.
    tfacts(d)
        .args(["audit", "accept", &id, "--dataset", "new"])
        .assert()
        .success();
    tfacts(d)
        .args([
            "audit",
            "correct",
            &fid,
            "--set",
            "round=B+",
            "--dataset",
            "new",
        ])
        .assert()
        .success();
    run(d, "new");
    let new = dataset(d, "new");
    assert_eq!(status(&new, &id), "accepted");
    assert_eq!(status(&new, &fid), "corrected");
    assert_eq!(fact_audit(&new, &fid)["original"], json!({"round": "B"}));
}

#[test]
fn rows_without_a_recorded_claim_still_apply_and_new_rows_fit_an_old_header() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    let ids = fact_ids(&dataset(d, "output"));
    std::fs::create_dir_all(d.join("audit")).unwrap();
    let old = format!(
        "fact_id,verdict,reviewer,date,note,corrections\n{},accepted,wang,2025-01-31,,\n",
        ids[0]
    );
    std::fs::write(d.join("audit/verdicts.csv"), &old).unwrap();
    run(d, "output");
    assert_eq!(status(&dataset(d, "output"), &ids[0]), "accepted");
    // A new verdict on a ledger whose header has no `claim`: the old bytes stay, the claim is
    // the cell past the last named column, and it reads back.
    tfacts(d)
        .args(["audit", "reject", &ids[1], "--date", "2025-02-01"])
        .assert()
        .success();
    let bytes = std::fs::read_to_string(d.join("audit/verdicts.csv")).unwrap();
    assert!(bytes.starts_with(&old));
    let last = bytes.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("{},rejected,tester,2025-02-01,,,\"{{", ids[1])),
        "{last}"
    );
    assert!(last.contains("\"\"predicate\"\":"), "{last}");
    run(d, "output");
    let data = dataset(d, "output");
    assert_eq!(status(&data, &ids[0]), "accepted");
    assert_eq!(status(&data, &ids[1]), "rejected");
}
