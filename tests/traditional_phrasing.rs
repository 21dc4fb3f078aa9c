//! The first episode as Taiwan and Hong Kong write it (OpenCC `s2twp`: 使用者 for 用户, 軟體,
//! 釋出, 百川智慧; `s2hk`): the facts of the Simplified text are still found, matched by
//! entity (id, or the name's match key for a name the catalogue lacks), predicate and value.

use crate::support;

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use transcript_facts::Annotator;
use transcript_facts::dictionary::match_key;
use transcript_facts::model::{EntityRef, Fact};

static ANNOTATOR: LazyLock<Annotator> =
    LazyLock::new(|| Annotator::load(&support::repo().join("dictionaries")).unwrap());

fn first_episode() -> String {
    let path = support::repo()
        .join("transcripts")
        .join(format!("{}.txt", support::EPISODE));
    std::fs::read_to_string(path).unwrap()
}

fn entity_key(r: &EntityRef) -> String {
    r.entity_id.clone().unwrap_or_else(|| match_key(&r.name))
}

fn fact_key(f: &Fact) -> String {
    format!(
        "{} {} {} {} {:?}",
        f.predicate,
        entity_key(&f.subject),
        f.object.as_ref().map(entity_key).unwrap_or_default(),
        f.metric.as_deref().unwrap_or(""),
        f.value
    )
}

/// The share of the Simplified text's facts found again in the text converted by `config`.
fn kept(config: BuiltinConfig) -> (f64, Vec<String>) {
    let text = first_episode();
    let converted = OpenCC::from_config(config).unwrap().convert(&text);
    assert_ne!(text, converted);
    let a = &*ANNOTATOR;
    let before = a.annotate_text("ep", &text, Some("2025-01-10"));
    let after = a.annotate_text("ep", &converted, Some("2025-01-10"));
    let after_keys: Vec<String> = after.facts.iter().map(fact_key).collect();
    let lost: Vec<String> = before
        .facts
        .iter()
        .map(fact_key)
        .filter(|k| !after_keys.contains(k))
        .collect();
    let share = 1.0 - lost.len() as f64 / before.facts.len() as f64;
    eprintln!(
        "{config:?}: kept {share:.3} of {} facts",
        before.facts.len()
    );
    (share, lost)
}

#[test]
fn taiwan_phrasing_keeps_the_facts() {
    let (share, lost) = kept(BuiltinConfig::S2twp);
    assert!(share >= 0.95, "kept {share:.3}; lost {lost:#?}");
}

#[test]
fn hong_kong_phrasing_keeps_the_facts() {
    let (share, lost) = kept(BuiltinConfig::S2hk);
    assert!(share >= 0.95, "kept {share:.3}; lost {lost:#?}");
}
