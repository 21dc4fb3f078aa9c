//! The fresh set (`tests/fixtures/fresh/`, six episodes written for issue 19 by hands that had
//! tuned no rule, with invented companies): `tfacts eval` over its gold folder, held a
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
        6 + 2,
        "six episodes and the two facts lines:\n{shown}"
    );
    // Floors: a little below the scores of the last change that raised them (see the entries
    // on the fresh set in tests/fixtures/dev/NOTES.md). Before any fix the set scored entities
    // R 0.667, facts key F1 0.435, strict F1 0.174; after NOTES 43-52 key 0.722, strict 0.500.
    // With f04-f06 added (written later, again before reading any rule) the six scored
    // entities R 0.836 P 0.823, values R 0.886 P 0.791, facts key F1 0.444, strict F1 0.327:
    // the floors were lowered to that first, then raised to what the later entries reach.
    assert!(score("entities", " R ") >= 0.84, "{shown}");
    assert!(score("entities", " P ") >= 0.84, "{shown}");
    assert!(score("values", " R ") >= 0.90, "{shown}");
    assert!(score("values", " P ") >= 0.81, "{shown}");
    assert!(score("facts (key)", " F1 ") >= 0.67, "{shown}");
    assert!(score("facts (strict)", " F1 ") >= 0.49, "{shown}");
}
