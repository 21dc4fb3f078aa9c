//! `tfacts audit accept|reject|correct|status`: validation, and a ledger that is only ever
//! appended to.

use crate::support;

use predicates::str::contains;
use support::*;

fn first_ids(n: usize) -> (tempfile::TempDir, Vec<String>) {
    let dir = project();
    run(dir.path(), "output");
    let ids = fact_ids(&dataset(dir.path(), "output"));
    assert!(!ids.is_empty(), "the episode should give at least one fact");
    let mut picked: Vec<String> = ids.into_iter().take(n).collect();
    while picked.len() < n {
        picked.push(picked[0].clone());
    }
    (dir, picked)
}

#[test]
fn verdicts_are_validated_and_appended() {
    let (dir, ids) = first_ids(2);
    let d = dir.path();
    tfacts(d)
        .args([
            "audit",
            "accept",
            &ids[0],
            "--reviewer",
            "li",
            "--date",
            "2025-02-01",
        ])
        .assert()
        .success();
    tfacts(d)
        .args([
            "audit",
            "correct",
            &ids[1],
            "--set",
            "date=2019-07",
            "--note",
            "see line 2",
        ])
        .args(["--date", "2025-02-02"])
        .assert()
        .success();
    let ledger = std::fs::read_to_string(d.join("audit/verdicts.csv")).unwrap();
    let lines: Vec<&str> = ledger.lines().collect();
    assert_eq!(lines.len(), 3, "{ledger}");
    assert_eq!(
        lines[0],
        "fact_id,verdict,reviewer,date,note,corrections,claim"
    );
    // Each row records the claim the reviewer judged, last.
    assert!(
        lines[1].starts_with(&format!("{},accepted,li,2025-02-01,,,\"{{\"\"", ids[0])),
        "{ledger}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{},corrected,tester,2025-02-02,see line 2,\"{{\"\"date\"\":\"\"2019-07\"\"}}\",\"{{\"\"",
            ids[1]
        )),
        "{ledger}"
    );
    assert!(
        lines[1].ends_with("}\"") && lines[2].ends_with("}\""),
        "{ledger}"
    );

    // Unknown fact: a clear error, nothing appended.
    tfacts(d)
        .args(["audit", "reject", "0123456789abcdef"])
        .assert()
        .code(2)
        .stderr(contains("no fact with id \"0123456789abcdef\""));
    // Bad corrections: named field and why.
    tfacts(d)
        .args(["audit", "correct", &ids[0], "--set", "date=July 2019"])
        .assert()
        .code(2)
        .stderr(contains("not an ISO date prefix"));
    tfacts(d)
        .args(["audit", "correct", &ids[0], "--set", "value=lots"])
        .assert()
        .code(2)
        .stderr(contains("not a number"));
    tfacts(d)
        .args(["audit", "correct", &ids[0], "--set", "colour=red"])
        .assert()
        .code(2)
        .stderr(contains("unknown field"));
    tfacts(d)
        .args(["audit", "correct", &ids[0]])
        .assert()
        .code(2)
        .stderr(contains("needs at least one --set"));
    tfacts(d)
        .args(["audit", "accept", &ids[0], "--set", "date=2020"])
        .assert()
        .code(2);
    tfacts(d)
        .args(["audit", "accept", &ids[0], "--date", "yesterday"])
        .assert()
        .code(2);
    let after = std::fs::read_to_string(d.join("audit/verdicts.csv")).unwrap();
    assert_eq!(after, ledger, "failed commands must not touch the ledger");

    // Without --date the system date is recorded.
    tfacts(d)
        .args(["audit", "reject", &ids[0]])
        .assert()
        .success();
    let last = std::fs::read_to_string(d.join("audit/verdicts.csv")).unwrap();
    let row = last.lines().last().unwrap();
    let date = row.split(',').nth(3).unwrap();
    assert_eq!(date.len(), 10, "{row}");
    assert!(date.starts_with("20"), "{row}");
}

#[test]
fn hand_written_bytes_are_preserved_exactly() {
    let (dir, ids) = first_ids(2);
    let d = dir.path();
    std::fs::create_dir_all(d.join("audit")).unwrap();
    // A user's own file: CRLF, a comment, rows without note or corrections, columns with
    // spaces, and no newline at the end.
    let hand = format!(
        "fact_id,verdict,reviewer,date,note,corrections\r\n# checked against the video\r\n{},accepted,wang,2025-01-31\r\n{} , rejected ,wang,2025-01-31,,",
        ids[0], ids[1]
    );
    std::fs::write(d.join("audit/verdicts.csv"), &hand).unwrap();
    tfacts(d)
        .args([
            "audit",
            "accept",
            &ids[1],
            "--date",
            "2025-02-03",
            "--note",
            "a, \"b\"",
        ])
        .assert()
        .success();
    let bytes = std::fs::read(d.join("audit/verdicts.csv")).unwrap();
    assert!(bytes.starts_with(hand.as_bytes()), "existing bytes changed");
    let tail = String::from_utf8(bytes[hand.len()..].to_vec()).unwrap();
    // The named columns in the file's order, then the claim judged (this header has no
    // `claim` column, so it is the cell past the last one).
    assert!(
        tail.starts_with(&format!(
            "\r\n{},accepted,tester,2025-02-03,\"a, \"\"b\"\"\",,\"{{",
            ids[1]
        )),
        "{tail}"
    );
    assert!(tail.ends_with("}\"\r\n"), "{tail}");
    assert_eq!(tail.matches("\r\n").count(), 2, "{tail}");
    // The latest verdict wins in a rerun, and the run leaves the ledger alone.
    run(d, "output");
    let data = dataset(d, "output");
    assert_eq!(status(&data, &ids[1]), "accepted");
    assert_eq!(std::fs::read(d.join("audit/verdicts.csv")).unwrap(), bytes);
}

#[test]
fn status_summarizes_and_lists_orphans() {
    let (dir, ids) = first_ids(1);
    let d = dir.path();
    tfacts(d)
        .args(["audit", "accept", &ids[0], "--date", "2025-02-01"])
        .assert()
        .success();
    let mut ledger = std::fs::read_to_string(d.join("audit/verdicts.csv")).unwrap();
    ledger.push_str("ffffffffffffffff,rejected,old,2024-12-01,from an older run,\n");
    std::fs::write(d.join("audit/verdicts.csv"), &ledger).unwrap();
    let n = fact_ids(&dataset(d, "output")).len();
    let out = tfacts(d).args(["audit", "status"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let row = text.lines().find(|l| l.starts_with(EPISODE)).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[1], n.to_string(), "{text}");
    assert_eq!(cells[2], "1", "{text}");
    assert_eq!(cells[5], (n - 1).to_string(), "{text}");
    assert!(text.contains("orphaned verdicts: 1"), "{text}");
    assert!(text.contains("line 3: rejected ffffffffffffffff"), "{text}");

    // A run reports the orphan on stderr and in the output, and keeps it in the ledger.
    tfacts(d).args(["run"]).assert().success().stderr(contains(
        "orphaned verdict on ledger line 3: rejected ffffffffffffffff",
    ));
    let orphans = csv_rows(&d.join("output/audit_orphans.csv"));
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0]["fact_id"], "ffffffffffffffff");
    assert_eq!(orphans[0]["ledger_line"], "3");
    let data = dataset(d, "output");
    assert_eq!(data["audit"]["orphans"][0]["fact_id"], "ffffffffffffffff");
    assert_eq!(
        std::fs::read_to_string(d.join("audit/verdicts.csv")).unwrap(),
        ledger
    );
}

#[test]
fn a_broken_ledger_row_is_an_error_naming_its_line() {
    let (dir, ids) = first_ids(1);
    let d = dir.path();
    std::fs::create_dir_all(d.join("audit")).unwrap();
    std::fs::write(
        d.join("audit/verdicts.csv"),
        format!(
            "fact_id,verdict,reviewer,date,note,corrections\n{},maybe,li,2025-01-01,,\n",
            ids[0]
        ),
    )
    .unwrap();
    tfacts(d)
        .args(["run"])
        .assert()
        .code(2)
        .stderr(contains("verdicts.csv:2"));
    tfacts(d)
        .args(["audit", "accept", &ids[0]])
        .assert()
        .code(2)
        .stderr(contains("verdicts.csv:2"));
}
