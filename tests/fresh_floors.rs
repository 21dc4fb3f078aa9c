//! The fresh set (`tests/fixtures/fresh/`, three episodes written for issue 19 by a hand that
//! had tuned no rule, with invented companies): `tfacts eval` over its gold folder, held a
//! little below the score reached when it was last raised, so a change that only helps the
//! development set shows here as a drop on text nobody taught the program from.

use crate::support;

#[test]
fn the_fresh_set_keeps_its_floors() {
    let scores = support::SetScores::of("fresh");
    let shown = &scores.shown;
    let score = |name: &str, column: &str| scores.score(name, column);
    assert_eq!(
        shown.lines().filter(|l| l.starts_with('f')).count(),
        3 + 2,
        "three episodes and the two facts lines:\n{shown}"
    );
    // Floors: a little below the scores of the last change that raised them (see the entries
    // on the fresh set in tests/fixtures/dev/NOTES.md). Before any fix the set scored entities
    // R 0.667, facts key F1 0.435, strict F1 0.174; after NOTES 43-52 key 0.722, strict 0.500;
    // after NOTES 53-61 entities R 1.000 P 0.889, values R 0.972 P 0.886, key 0.864, strict
    // 0.741.
    assert!(score("entities", " R ") >= 0.97, "{shown}");
    assert!(score("entities", " P ") >= 0.86, "{shown}");
    assert!(score("values", " R ") >= 0.95, "{shown}");
    assert!(score("values", " P ") >= 0.86, "{shown}");
    assert!(score("facts (key)", " F1 ") >= 0.84, "{shown}");
    assert!(score("facts (strict)", " F1 ") >= 0.72, "{shown}");
}
