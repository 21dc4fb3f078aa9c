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
pub mod jsonl;
pub mod link;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod recognize;
pub mod segment;

use std::path::PathBuf;

use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

pub use error::{Error, Result};
use output::stream::EncodedEpisode;
pub use pipeline::Annotator;

/// What `tfacts run` works on. (`Default` gives empty paths, every core, no progress bar:
/// set the paths.)
#[derive(Debug, Clone, Default)]
pub struct RunConfig {
    pub transcripts: PathBuf,
    pub dictionaries: PathBuf,
    pub out: PathBuf,
    /// Worker threads; 0 means one per core (or `RAYON_NUM_THREADS`).
    pub threads: usize,
    /// Draw a progress bar on standard error (the binary sets it when stderr is a terminal).
    pub progress: bool,
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
///
/// Episodes stream through in id order, a chunk at a time: each chunk is annotated and
/// serialized in parallel on a pool of `config.threads`, then appended to the output files
/// (with several threads, while the next chunk is being annotated), so memory stays flat
/// however large the archive: at most three chunks are held at once.
pub fn run(config: &RunConfig) -> Result<RunReport> {
    let annotator = Annotator::load(&config.dictionaries)?;
    let files = episode_order(ingest::list_transcripts(&config.transcripts)?);
    let pool = thread_pool(config.threads)?;
    let progress = progress_bar(config.progress && files.len() >= PROGRESS_MIN, files.len());
    let mut writer = output::stream::DatasetWriter::create(&config.out)?;
    let mut report = RunReport::default();
    let annotate_chunk = |chunk: &[PathBuf]| -> Vec<Result<EncodedEpisode>> {
        pool.install(|| {
            chunk
                .par_iter()
                .progress_with(progress.clone())
                .map(|path| {
                    let transcript = ingest::read_transcript(path, None)?;
                    let doc = annotator.annotate(&transcript);
                    EncodedEpisode::new(&doc)
                })
                .collect()
        })
    };
    let mut write_chunk = |encoded: Vec<Result<EncodedEpisode>>| -> Result<()> {
        for r in encoded {
            match r {
                Ok(ep) => {
                    report.episodes += 1;
                    report.mentions += ep.mentions;
                    report.facts += ep.facts;
                    writer.push(&ep)?;
                }
                Err(e) => report.errors.push(e.to_string()),
            }
        }
        Ok(())
    };
    let chunks = files.chunks(chunk_len(pool.current_num_threads()));
    if pool.current_num_threads() == 1 {
        // One thread does everything, in turn (what "one thread" means in the benchmarks).
        for chunk in chunks {
            write_chunk(annotate_chunk(chunk))?;
        }
    } else {
        // The pool annotates chunk k+1 while this thread writes chunk k.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        std::thread::scope(|scope| -> Result<()> {
            scope.spawn(move || {
                for chunk in chunks {
                    // A closed channel means the writer failed: stop.
                    if tx.send(annotate_chunk(chunk)).is_err() {
                        break;
                    }
                }
            });
            // On an error `rx` is dropped on return, which stops the producer.
            for encoded in rx {
                write_chunk(encoded)?;
            }
            Ok(())
        })?;
    }
    writer.finish(&annotator.catalogue)?;
    progress.finish_and_clear();
    Ok(report)
}

/// Below this many episodes a run is too short for a progress bar.
const PROGRESS_MIN: usize = 20;

/// Transcripts in the order `dataset.json` lists their episodes: by episode id, ties by path
/// (what [`output::build_dataset`]'s stable sort gives).
pub fn episode_order(mut files: Vec<PathBuf>) -> Vec<PathBuf> {
    files.sort();
    files.sort_by_cached_key(|p| ingest::episode_id(&ingest::file_stem(p)));
    files
}

/// A local pool of `threads` workers (0: one per core), so a library caller's global pool is
/// left alone.
pub fn thread_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Other(format!("cannot start {threads} worker threads: {e}")))
}

/// Episodes (or JSON lines) annotated between two writes: enough to keep every worker busy
/// past the stragglers, few enough that memory does not grow with the input.
pub fn chunk_len(threads: usize) -> usize {
    threads.max(1) * 16
}

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} episodes, eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
