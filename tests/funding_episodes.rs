//! Mini-episodes written for the funding rules (`tests/fixtures/funding/`, spoken subtitle lines
//! in the channel's style, the funded companies made up): ways of saying a round that the
//! development set does not show. A round over three lines with its lead investor between,
//! co-investors and cornerstone investors who are never the funded company, a valuation said
//! after the investors, a round in talks kept as a forecast, a listing whose money is an IPO
//! dated by the listing, a round taken by its name, the investor as agent (`X 向 Y 注资`), a
//! list of rounds.

use transcript_facts::{Annotator, eval, ingest, output};

use crate::support;

#[test]
fn every_funding_mini_episode_keeps_its_facts() {
    let repo = support::repo();
    let annotator = Annotator::load(&repo.join("dictionaries")).unwrap();
    let dir = repo.join("tests/fixtures/funding");
    let mut names: Vec<String> = std::fs::read_dir(dir.join("transcripts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    for name in names {
        let transcript =
            ingest::read_transcript(&dir.join("transcripts").join(&name), None).unwrap();
        let doc = annotator.annotate(&transcript);
        // Plans and talks are kept, as forecasts at a lower confidence.
        for f in doc
            .facts
            .iter()
            .filter(|f| f.predicate == "funding" && f.forecast)
        {
            assert!(f.confidence < 0.8, "{name}: {f:?}");
        }
        let catalogue = annotator.dataset_catalogue(std::slice::from_ref(&doc));
        let dataset = output::build_dataset(&catalogue, vec![doc]);
        let stem = name.trim_end_matches(".txt");
        let gold = eval::load_gold(&dir.join("gold").join(format!("{stem}.gold.json"))).unwrap();
        let ep = eval::find_episode(&dataset, &gold, None).unwrap();
        let r = eval::evaluate(&dataset, ep, &gold);
        let shown = r.render();
        // Every round found, none on an investor or another wrong company.
        assert_eq!(r.facts_key.recall(), 1.0, "{name}\n{shown}");
        assert_eq!(r.facts_key.precision(), 1.0, "{name}\n{shown}");
        assert!(r.facts_strict.f1() >= 0.75, "{name}\n{shown}");
    }
}
