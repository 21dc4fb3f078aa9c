//! No run quietly loses or misreads data: an empty run does not replace a dataset, a broken
//! dictionary quote is reported where it opens, a run outside the project says what it looked
//! for, and the CSVs' formula guard can be switched off for programs.

use crate::support;

use predicates::prelude::*;
use predicates::str::contains;
use support::*;

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn an_empty_or_unreadable_transcripts_folder_does_not_replace_a_dataset() {
    let dir = project();
    let d = dir.path();
    run(d, "output");
    let before = std::fs::read(d.join("output/dataset.json")).unwrap();
    let facts_before = std::fs::read(d.join("output/facts.csv")).unwrap();

    std::fs::create_dir_all(d.join("empty")).unwrap();
    let out = tfacts(d)
        .args(["run", "--transcripts", "empty"])
        .assert()
        .code(2);
    let text = stderr(&out);
    assert!(
        text.contains("not replacing output/dataset.json (1 episodes) with an empty dataset: no transcript found in empty; pass --allow-empty"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "one line: {text}");
    assert_eq!(
        std::fs::read(d.join("output/dataset.json")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read(d.join("output/facts.csv")).unwrap(),
        facts_before
    );

    // Every file bad: the same refusal, naming the first problem.
    std::fs::create_dir_all(d.join("bad")).unwrap();
    std::fs::write(
        d.join("bad/binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00",
    )
    .unwrap();
    std::fs::write(
        d.join("bad/no-arrow.srt"),
        "1\n00:00:01,000 --> 00:00:02,000\n甲\n\n2\n00:00:03,000 00:00:04,000\n乙\n",
    )
    .unwrap();
    tfacts(d)
        .args(["run", "--transcripts", "bad"])
        .assert()
        .code(2)
        .stderr(contains(
            "none of the 2 transcript file(s) could be read (first: ",
        ))
        .stderr(contains("--allow-empty"));
    assert_eq!(
        std::fs::read(d.join("output/dataset.json")).unwrap(),
        before
    );

    // Said on purpose: written.
    tfacts(d)
        .args(["run", "--transcripts", "empty", "--allow-empty"])
        .assert()
        .success();
    assert!(fact_ids(&dataset(d, "output")).is_empty());
    // An empty run into an empty or new folder needs no flag.
    tfacts(d)
        .args(["run", "--transcripts", "empty", "--out", "fresh"])
        .assert()
        .success();
}

/// Rows after the broken one, and a person pointing at a company after it.
fn break_a_quote(d: &std::path::Path) -> usize {
    let path = d.join("dictionaries/entities/companies.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().count() + 1;
    text.push_str("company/zz-quote-test,company,\"某某引号公司,,,\n");
    text.push_str("company/zz-after-quote,company,某某之后公司,,,\n");
    std::fs::write(&path, text).unwrap();
    let people = d.join("dictionaries/entities/people.csv");
    let mut text = std::fs::read_to_string(&people).unwrap();
    text.push_str("person/zz-quote-test,person,某某测试人,,,company/zz-after-quote\n");
    std::fs::write(&people, text).unwrap();
    line
}

#[test]
fn an_unclosed_dictionary_quote_is_reported_where_it_opens() {
    let dir = project();
    let d = dir.path();
    let line = break_a_quote(d);
    let expected = format!(
        "companies.csv:{line}: the quote opened at column 31 is not closed on this line (a dictionary field cannot span lines)"
    );
    let out = tfacts(d).args(["check"]).assert().code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains(&expected), "{text}");
    // The rows after it are read as themselves: nothing else is blamed.
    assert!(!text.contains("not in the catalogue"), "{text}");
    assert!(!text.contains("bad CSV row"), "{text}");
    tfacts(d)
        .args(["run"])
        .assert()
        .code(2)
        .stderr(contains(expected.as_str()));

    // A field that spans lines is refused too, in any dictionary file.
    let dir = project();
    let d = dir.path();
    let path = d.join("dictionaries/triggers.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().count() + 1;
    text.push_str("founded,\"创立\n之时\"\n");
    std::fs::write(&path, text).unwrap();
    tfacts(d)
        .args(["run"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "triggers.csv:{line}: the quote opened at column 9 is not closed on this line"
        )));
}

#[test]
fn outside_the_project_folder_the_error_says_once_what_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["run"][..], &["check"][..]] {
        let out = tfacts(dir.path()).args(args).assert().code(2);
        let text = stderr(&out);
        assert_eq!(text.lines().count(), 1, "{text}");
        assert_eq!(text.matches("dictionaries/entities").count(), 1, "{text}");
        assert!(
            text.contains("looked for the entity catalogue dictionaries/entities/*.csv in "),
            "{text}"
        );
        assert!(text.contains("--dictionaries DIR"), "{text}");
        assert!(!text.contains("No such file"), "{text}");
    }
}

#[test]
fn the_csv_formula_guard_is_for_spreadsheets_and_none_keeps_text_exact() {
    let dir = project();
    let d = dir.path();
    let t = d.join("transcripts/zz-guard.txt");
    std::fs::write(&t, "智谱去年的营收增长率为-12%\n月之暗面的毛利率为-3%\n").unwrap();
    run(d, "output");
    let minus: Vec<String> = facts_or_mentions(d, "output")
        .into_iter()
        .filter(|t| t.starts_with('-'))
        .collect();
    assert!(
        !minus.is_empty(),
        "the test needs a mention starting with -"
    );
    let rows = csv_rows(&d.join("output/mentions.csv"));
    for m in &minus {
        assert!(rows.iter().any(|r| r["text"] == format!("'{m}")), "{m}");
    }
    tfacts(d)
        .args(["run", "--out", "exact", "--csv-guard", "none"])
        .assert()
        .success();
    let rows = csv_rows(&d.join("exact/mentions.csv"));
    for m in &minus {
        assert!(rows.iter().any(|r| &r["text"] == m), "{m}");
    }
    assert!(rows.iter().all(|r| !r["text"].starts_with('\'')));
    tfacts(d)
        .args(["run", "--csv-guard", "nope"])
        .assert()
        .code(2)
        .stderr(contains("spreadsheet").and(contains("none")));
}

/// The texts of every mention in the dataset.
fn facts_or_mentions(d: &std::path::Path, out: &str) -> Vec<String> {
    let data = dataset(d, out);
    data["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap().clone())
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}
