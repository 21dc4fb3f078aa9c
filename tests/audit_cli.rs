//! A command line without surprises: what a command needs is said, a note may start with a
//! hyphen, a mistyped command gets a suggestion, `suggest` rows pass `check`, and `check`'s
//! ordinary-word warnings leave out names everybody writes as companies.

use crate::support;

use predicates::prelude::*;
use predicates::str::contains;
use support::*;

fn first_id(d: &std::path::Path) -> String {
    run(d, "output");
    fact_ids(&dataset(d, "output")).remove(0)
}

#[test]
fn set_on_accept_or_reject_says_to_use_correct() {
    let dir = project();
    let d = dir.path();
    let id = first_id(d);
    tfacts(d)
        .args(["audit", "accept", &id, "--set", "date=2020"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "`audit accept` records the fact as it stands; to change a field, \
             run `tfacts audit correct {id} --set date=2020`"
        )));
    tfacts(d)
        .args(["audit", "reject", &id, "--set", "date=2020"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "run `tfacts audit correct {id} --set date=2020`"
        )));
    assert!(!d.join("audit/verdicts.csv").exists());
}

#[test]
fn a_note_may_start_with_a_hyphen() {
    let dir = project();
    let d = dir.path();
    let id = first_id(d);
    tfacts(d)
        .args([
            "audit",
            "reject",
            &id,
            "--note",
            "-12% is not what was said",
        ])
        .assert()
        .success();
    let rows = csv_rows(&d.join("audit/verdicts.csv"));
    assert_eq!(rows[0]["note"], "-12% is not what was said");
}

#[test]
fn annotate_says_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    tfacts(dir.path())
        .args(["annotate"])
        .assert()
        .code(2)
        .stderr(contains(
            "annotate needs a transcript: `tfacts annotate FILE`, or `tfacts annotate --jsonl INPUT` (`-` for standard input)",
        ));
}

#[test]
fn a_mistyped_command_gets_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    tfacts(dir.path())
        .args(["audti", "status"])
        .assert()
        .code(2)
        .stderr(contains("'audit'"));
    tfacts(dir.path())
        .args(["audit", "acept", "x"])
        .assert()
        .code(2)
        .stderr(contains("'accept'"));
}

#[test]
fn suggested_product_rows_pass_check_with_a_note() {
    let dir = project();
    let d = dir.path();
    // A product named with no catalogue company on its lines.
    let t = d.join("transcripts/zz-suggest.txt");
    std::fs::write(
        &t,
        "最近大家都在用一款叫 Zorblax Studio 2 的新产品\n这款 Zorblax Studio 2 上线一周用户就破了百万\n",
    )
    .unwrap();
    let out = tfacts(d)
        .args(["suggest", "transcripts/zz-suggest.txt", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let row = text
        .lines()
        .find(|l| l.contains("Zorblax"))
        .unwrap_or_else(|| panic!("no Zorblax row: {text}"));
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells[4], "product", "{row}");
    assert_eq!(cells[7], "?", "{row}");
    // Pasted as it is: check passes, with a note that says what to fill in.
    let pasted = cells[3..].join(",");
    let products = d.join("dictionaries/entities/products.csv");
    let mut csv = std::fs::read_to_string(&products).unwrap();
    csv.push_str(&pasted);
    csv.push('\n');
    std::fs::write(&products, csv).unwrap();
    let out = tfacts(d).args(["check"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains(&format!(
            "info: dictionaries/entities/products.csv:{}: product {} needs an owner (the row says `?`)",
            std::fs::read_to_string(&products).unwrap().lines().count(),
            cells[3]
        )),
        "{text}"
    );
    // And the run loads it.
    tfacts(d).args(["run"]).assert().success();
}

#[test]
fn ordinary_word_warnings_leave_out_well_known_company_names() {
    let dir = project();
    let d = dir.path();
    let ordinary = |text: &str, name: &str| {
        text.lines()
            .any(|l| l.contains(&format!("name \"{name}\"")) && l.contains("ordinary word"))
    };
    let out = tfacts(d).args(["check"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for name in ["百度", "华为", "小米", "微软"] {
        assert!(!ordinary(&text, name), "{name}: {text}");
    }
    // Words that are ordinary in speech keep their warning.
    for name in ["苹果", "地平线"] {
        assert!(ordinary(&text, name), "{name}: {text}");
    }
    // The list is data: a name added to it loses its warning.
    let list = d.join("dictionaries/well_known_names.txt");
    let mut names = std::fs::read_to_string(&list).unwrap();
    names.push_str("地平线  # reviewed for this test\n");
    std::fs::write(&list, names).unwrap();
    tfacts(d)
        .args(["check"])
        .assert()
        .success()
        .stdout(contains("name \"地平线\"").not())
        .stdout(contains("name \"苹果\""));
}
