//! The fresh set (`tests/fixtures/fresh/`, three episodes written for issue 19 by a hand that
//! had tuned no rule, with invented companies): `tfacts eval` over its gold folder, held a
//! little below the score reached when it was last raised, so a change that only helps the
//! development set shows here as a drop on text nobody taught the program from.

use crate::support;

#[test]
fn the_fresh_set_keeps_its_floors() {
    let project = support::Project::new();
    let fresh = support::repo().join("tests/fixtures/fresh");
    let out = project.path().join("fresh-out");
    let run = project.tfacts(&[
        "run",
        "--transcripts",
        fresh.join("transcripts").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let eval = project.tfacts(&[
        "eval",
        "--gold",
        fresh.join("gold").to_str().unwrap(),
        "--dataset",
        out.join("dataset.json").to_str().unwrap(),
    ]);
    assert!(
        eval.status.success(),
        "{}",
        String::from_utf8_lossy(&eval.stderr)
    );
    let shown = String::from_utf8(eval.stdout).unwrap();
    assert_eq!(
        shown.lines().filter(|l| l.starts_with('f')).count(),
        3 + 2,
        "three episodes and the two facts lines:\n{shown}"
    );
    let score = |name: &str, column: &str| -> f64 {
        let line = shown
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line in\n{shown}"));
        let at = line.find(column).unwrap_or_else(|| panic!("{line}")) + column.len();
        line[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // Floors: a little below the scores of the last change that raised them (see the entries
    // on the fresh set in tests/fixtures/dev/NOTES.md). Before any fix the set scored entities
    // R 0.667, facts key F1 0.435, strict F1 0.174.
    assert!(score("entities", " R ") >= 0.93, "{shown}");
    assert!(score("entities", " P ") >= 0.82, "{shown}");
    assert!(score("values", " R ") >= 0.91, "{shown}");
    assert!(score("values", " P ") >= 0.85, "{shown}");
    assert!(score("facts (key)", " F1 ") >= 0.70, "{shown}");
    assert!(score("facts (strict)", " F1 ") >= 0.48, "{shown}");
}
