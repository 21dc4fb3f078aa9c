//! The integration tests, one binary (as ripgrep and aho-corasick keep theirs): each file
//! beside this one is a module, and `support` holds the helpers they share. A new test file
//! is a module here; `every_test_file_is_a_module` fails when one is not (Cargo's own
//! discovery is off: `autotests = false`).

mod support;

mod archive_conflicts;
mod archive_e2e;
mod audit_cli;
mod audit_diff;
mod audit_labelstudio;
mod audit_ledger;
mod audit_no_quiet_loss;
mod audit_report;
mod audit_run;
mod audit_stale;
mod catalogue_check;
mod catalogue_families;
mod eval_floors;
mod fresh_floors;
mod funding_episodes;
mod ingest_bad_inputs;
mod ingest_fixtures;
mod ingest_formats;
mod ingest_offsets;
mod ingest_perf;
mod ingest_safety;
mod jsonl_roundtrip;
mod layers;
mod link_rules;
mod output_layout;
mod pipeline_e2e;
mod re_founders;
mod recognize_entities;
mod streaming;
mod suggest_episode;
mod suggest_finder;
mod traditional_phrasing;
mod values_constructions;
mod values_dictionaries;
mod values_gold;
mod values_perf;
mod values_props;
mod values_suites;
mod values_table;

#[test]
fn every_test_file_is_a_module() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let listed = include_str!("tests.rs");
    for entry in std::fs::read_dir(&here).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".rs"))
        else {
            continue;
        };
        if stem == "tests" {
            continue;
        }
        assert!(
            listed.contains(&format!("\nmod {stem};\n")),
            "tests/{stem}.rs is not a module of tests/tests.rs, so it would never run"
        );
    }
}
