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

pub mod audit;
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

use std::collections::HashMap;
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
    /// Things to tell the user that are not errors (orphaned verdicts).
    pub warnings: Vec<String>,
}

/// How `tfacts run` reads its inputs, beyond the folders.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Decode every transcript with this encoding instead of detecting each one's.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The verdict ledger to apply (`None`: every fact is unreviewed).
    pub ledger: Option<PathBuf>,
}

/// The main job: every transcript under `config.transcripts` through the pipeline, the dataset
/// written to `config.out`. A bad transcript is reported and skipped; the others are written.
/// An error here (dictionary or output) means nothing was written. No ledger is applied (every
/// fact is unreviewed); `tfacts run` uses [`run_audited`].
pub fn run(config: &RunConfig) -> Result<RunReport> {
    run_with(config, &RunOptions::default())
}

/// [`run`], with the verdicts of the ledger at `ledger` (a missing file is an empty ledger)
/// applied to the dataset before it is written.
pub fn run_audited(config: &RunConfig, ledger: Option<&std::path::Path>) -> Result<RunReport> {
    let options = RunOptions {
        ledger: ledger.map(PathBuf::from),
        ..RunOptions::default()
    };
    run_with(config, &options)
}

/// [`run`] with options: an encoding for every file, a verdict ledger to apply.
pub fn run_with(config: &RunConfig, options: &RunOptions) -> Result<RunReport> {
    let annotator = Annotator::load(&config.dictionaries)?;
    // Temp files a killed run left behind are removed before anything else is written.
    output::remove_stale_temp_files(&config.out);
    let scan = ingest::scan_transcripts(&config.transcripts)?;
    let mut report = RunReport::default();
    report
        .errors
        .extend(scan.errors.iter().map(|e| e.to_string()));
    let files = unique_episodes(&scan.files, &mut report.errors);
    let read = ingest::ReadOptions {
        reference_date: None,
        encoding: options.encoding,
        root: Some(&config.transcripts),
    };
    let results: Vec<Result<(model::EpisodeDoc, Vec<model::SourceLine>)>> = files
        .par_iter()
        .map(|path| {
            let transcript = ingest::read_transcript_with(path, &read)?;
            Ok((annotator.annotate(&transcript), transcript.lines))
        })
        .collect();
    let mut episodes = Vec::new();
    let mut texts = audit::report::EpisodeTexts::new();
    for r in results {
        match r {
            Ok((doc, lines)) => {
                texts.insert(doc.id.clone(), lines);
                episodes.push(doc);
            }
            Err(e) => report.errors.push(one_line(&e.to_string())),
        }
    }
    report.episodes = episodes.len();
    report.facts = episodes.iter().map(|e| e.facts.len()).sum();
    report.mentions = episodes.iter().map(|e| e.mentions.len()).sum();
    let catalogue = annotator.dataset_catalogue(&episodes);
    let mut dataset = output::build_dataset(&catalogue, episodes);
    let entries = match &options.ledger {
        Some(path) => audit::ledger::read(path)?,
        None => Vec::new(),
    };
    report.warnings = audit::apply::apply(&mut dataset, &entries);
    output::write_dataset(&config.out, &dataset)?;
    output::write_report(&config.out, &dataset, &texts)?;
    Ok(report)
}

/// The files whose episode id is not taken by an earlier file (in path order); each later
/// file with a taken id (`a.txt` and `a.srt`) is an error, never a silent overwrite.
fn unique_episodes<'a>(files: &'a [PathBuf], errors: &mut Vec<String>) -> Vec<&'a PathBuf> {
    let mut first: HashMap<String, &PathBuf> = HashMap::new();
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let id = ingest::episode_id(&ingest::file_stem(path));
        match first.get(&id) {
            Some(taken) => errors.push(one_line(&format!(
                "{}: episode id {id:?} is already taken by {}; skipped (rename one of them)",
                path.display(),
                taken.display()
            ))),
            None => {
                first.insert(id, path);
                out.push(path);
            }
        }
    }
    out
}

/// A message on one line: control chars (a newline in a file name, say) are escaped, so each
/// bad input stays exactly one line on standard error.
pub fn one_line(message: &str) -> String {
    if !message.chars().any(char::is_control) {
        return message.to_string();
    }
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
