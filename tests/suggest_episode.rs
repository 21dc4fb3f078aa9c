//! The second episode (tests/fixtures/episodes/2025-03-14_big-tech-models.*): how much of it
//! the catalogue and the families recognize, and how much of the rest `suggest` proposes.
//!
//! `cargo test --release --test tests suggest_episode -- --nocapture` prints the figures.

use crate::support;

use std::collections::BTreeSet;

use transcript_facts::dictionary::match_key;
use transcript_facts::model::MentionKind;
use transcript_facts::{Annotator, eval, ingest, output, suggest};

const EPISODE: &str = "tests/fixtures/episodes/2025-03-14_big-tech-models";

struct GoldEntity {
    kind: String,
    names: Vec<String>,
    made_up: bool,
}

fn gold_entities() -> Vec<GoldEntity> {
    let path = support::repo().join(format!("{EPISODE}.gold.json"));
    let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    gold["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["optional"].as_bool().unwrap_or(false))
        .map(|e| GoldEntity {
            kind: e["type"].as_str().unwrap().to_string(),
            names: e["names"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string())
                .collect(),
            made_up: e["made_up"].as_bool().unwrap_or(false),
        })
        .collect()
}

fn keys(names: &[String]) -> BTreeSet<String> {
    names.iter().map(|n| match_key(n)).collect()
}

#[test]
fn second_episode_recall_and_suggest_coverage() {
    let repo = support::repo();
    let annotator = Annotator::load(&repo.join("dictionaries")).unwrap();
    let path = repo.join(format!("{EPISODE}.txt"));
    let transcript = ingest::read_transcript(&path, None).unwrap();
    let doc = annotator.annotate(&transcript);
    let catalogue = annotator.dataset_catalogue(std::slice::from_ref(&doc));

    // Every (type, spelling) the catalogue put on the episode: the mention's name and all the
    // catalogue names of its entity. Unlinked names (no id: the suggester's, kept because a
    // fact is about them) are not the catalogue's finding.
    let mut recognized: BTreeSet<(MentionKind, String)> = BTreeSet::new();
    for m in doc
        .mentions
        .iter()
        .filter(|m| m.kind.is_entity() && m.entity_id.is_some())
    {
        if let Some(name) = &m.name {
            recognized.insert((m.kind, match_key(name)));
        }
        if let Some(e) = m.entity_id.as_deref().and_then(|id| catalogue.get(id)) {
            for n in e.names() {
                recognized.insert((m.kind, match_key(n)));
            }
        }
    }
    let found = |g: &GoldEntity| {
        let k = keys(&g.names);
        recognized
            .iter()
            .any(|(kind, name)| kind.as_str() == g.kind && k.contains(name))
    };

    let gold = gold_entities();
    let real: Vec<&GoldEntity> = gold.iter().filter(|g| !g.made_up).collect();
    let real_found = real.iter().filter(|g| found(g)).count();
    let all_found = gold.iter().filter(|g| found(g)).count();
    let catalogue_recall = real_found as f64 / real.len() as f64;
    let overall_recall = all_found as f64 / gold.len() as f64;

    let proposals = suggest::suggest(
        &annotator,
        &[("episode".to_string(), transcript)],
        &suggest::SuggestOptions::default(),
    );
    let missed: Vec<&GoldEntity> = gold.iter().filter(|g| !found(g)).collect();
    let proposed = |g: &GoldEntity| {
        let k = keys(&g.names);
        proposals.iter().find(|s| k.contains(&match_key(&s.name)))
    };
    let covered = missed.iter().filter(|g| proposed(g).is_some()).count();
    let typed = missed
        .iter()
        .filter(|g| proposed(g).is_some_and(|s| s.kind.as_str() == g.kind))
        .count();
    let coverage = covered as f64 / missed.len().max(1) as f64;

    // The eval's own figure for the same episode (all non-optional gold entities).
    let dataset = output::build_dataset(&catalogue, vec![doc]);
    let gold_doc = eval::load_gold(&repo.join(format!("{EPISODE}.gold.json"))).unwrap();
    let ep = eval::find_episode(&dataset, &gold_doc, None).unwrap();
    let report = eval::evaluate(&dataset, ep, &gold_doc);

    println!(
        "second episode: {} gold entities ({} made up)",
        gold.len(),
        gold.len() - real.len()
    );
    println!(
        "entity recall of the catalogue (real entities found): {catalogue_recall:.3} ({real_found}/{})",
        real.len()
    );
    println!(
        "entity recall, all gold entities: {overall_recall:.3} ({all_found}/{}); eval: P {:.3} R {:.3}",
        gold.len(),
        report.entities.precision(),
        report.entities.recall()
    );
    println!(
        "suggest coverage of the missed entities: {coverage:.3} ({covered}/{}, {typed} with the right type)",
        missed.len()
    );
    for g in &missed {
        let verdict = match proposed(g) {
            Some(s) => format!("proposed as {} {}", s.kind.as_str(), s.csv_row()),
            None => "not proposed".to_string(),
        };
        println!("  missed {} {}: {verdict}", g.kind, g.names[0]);
    }
    println!("suggestions: {}", proposals.len());

    assert!(
        catalogue_recall >= 0.90,
        "catalogue recall {catalogue_recall:.3}"
    );
    assert!(overall_recall >= 0.90, "overall recall {overall_recall:.3}");
    assert!(coverage >= 0.5, "suggest coverage {coverage:.3}");
    // Made-up names stay out of the catalogue: all of them are misses.
    assert!(gold.iter().filter(|g| g.made_up).all(|g| !found(g)));
}
