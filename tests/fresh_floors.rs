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
    // the floors were lowered to that first, then raised to what the later entries reach
    // (stop 24, all branches merged: entities R 0.869 P 0.869, values R 0.952 P 0.850, key
    // 0.778, strict 0.656).
    assert!(score("entities", " R ") >= 0.85, "{shown}");
    assert!(score("entities", " P ") >= 0.85, "{shown}");
    assert!(score("values", " R ") >= 0.94, "{shown}");
    assert!(score("values", " P ") >= 0.83, "{shown}");
    assert!(score("facts (key)", " F1 ") >= 0.76, "{shown}");
    assert!(score("facts (strict)", " F1 ") >= 0.64, "{shown}");
}

/// The blind set (`tests/fixtures/blind/`): episodes no rule is taught from. Its floors only
/// keep a later change from undoing what carried over to it: as written it scored key 0.564,
/// strict 0.359, entities R 0.833; with stop 24's rules key 0.667, strict 0.619, entities R
/// 0.889. It annotates no values.
#[test]
fn the_blind_set_keeps_its_floors() {
    let scores = support::SetScores::of("blind");
    let shown = &scores.shown;
    let score = |name: &str, column: &str| scores.score(name, column);
    assert!(score("entities", " R ") >= 0.86, "{shown}");
    assert!(score("facts (key)", " F1 ") >= 0.64, "{shown}");
    assert!(score("facts (strict)", " F1 ") >= 0.59, "{shown}");
}
