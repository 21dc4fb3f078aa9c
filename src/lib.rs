//! transcript-facts: Chinese video transcripts -> an auditable dataset of entities, values and
//! facts.
//!
//! The stages, one module each, plain data types ([`model`]) between them:
//!
//! ```text
//! ingest -> normalize -> segment -> recognize -> link -> output
//!                      (jieba)    (entities,   (facts)  (dataset.json, CSV)
//!                                  values)
//! ```
//!
//! [`run`] is the main job; the `tfacts` binary is a thin command line over this library.

pub mod dictionary;
pub mod error;
pub mod eval;
pub mod ids;
pub mod ingest;
pub mod link;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod recognize;
pub mod segment;
pub mod suggest;

use std::path::PathBuf;

use rayon::prelude::*;

pub use error::{Error, Result};
pub use pipeline::Annotator;

/// What `tfacts run` works on.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub transcripts: PathBuf,
    pub dictionaries: PathBuf,
    pub out: PathBuf,
}

/// What a run did: how many episodes were written and every input that failed.
#[derive(Debug, Default)]
pub struct RunReport {
    pub episodes: usize,
    pub facts: usize,
    pub mentions: usize,
    /// One line per bad input, naming the file (and line).
    pub errors: Vec<String>,
}

/// The main job: every transcript under `config.transcripts` through the pipeline, the dataset
/// written to `config.out`. A bad transcript is reported and skipped; the others are written.
/// An error here (dictionary or output) means nothing was written.
pub fn run(config: &RunConfig) -> Result<RunReport> {
    let annotator = Annotator::load(&config.dictionaries)?;
    let files = ingest::list_transcripts(&config.transcripts)?;
    let results: Vec<Result<model::EpisodeDoc>> = files
        .par_iter()
        .map(|path| {
            let transcript = ingest::read_transcript(path, None)?;
            Ok(annotator.annotate(&transcript))
        })
        .collect();
    let mut report = RunReport::default();
    let mut episodes = Vec::new();
    for r in results {
        match r {
            Ok(doc) => episodes.push(doc),
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    report.episodes = episodes.len();
    report.facts = episodes.iter().map(|e| e.facts.len()).sum();
    report.mentions = episodes.iter().map(|e| e.mentions.len()).sum();
    let catalogue = annotator.dataset_catalogue(&episodes);
    let dataset = output::build_dataset(&catalogue, episodes);
    output::write_dataset(&config.out, &dataset)?;
    Ok(report)
}
