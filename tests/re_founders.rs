//! Founder and founding sentences in the written style of a public relation-extraction
//! benchmark (`X成立于2015年3月`, `张三，X创始人`, `由李四于2008年创办的X`), about organisations
//! and people the catalogue lacks (`tests/fixtures/re_founders/`, invented for these tests).
//! `re-founders` was read while the shapes were taught; `re-founders-2` was written after and
//! scored before any change made for it (0.705 of its facts then). `re-founders-3` was written
//! blind a stop later, in shapes neither uses (`一手创办`, `缔造者`, `创办X的是Y`, `携手创建`),
//! with negatives (`首任总经理`, `现任…并不是创始人`); before any change for it: facts key
//! P 0.667 R 0.444, entities R 0.663; after its shapes were taught in general (NOTES 81-88):
//! facts key P 0.981 R 0.981, entities P 1.000 R 0.952. The floors hold the three together
//! (then facts key P 0.994 R 0.988, entities R 0.957).

use crate::support;

#[test]
fn written_founder_sentences_keep_their_floors() {
    let scores = support::SetScores::of("re_founders");
    let shown = &scores.shown;
    let score = |name: &str, column: &str| scores.score(name, column);
    // The aim is 60% of such facts found.
    assert!(score("facts (key)", " R ") >= 0.96, "{shown}");
    assert!(score("facts (key)", " P ") >= 0.97, "{shown}");
    assert!(score("entities", " R ") >= 0.94, "{shown}");
}
