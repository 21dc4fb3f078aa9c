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

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
/// Episodes stream through in id order: a window of them is annotated and serialized in
/// parallel on a pool of `config.threads` while this thread appends finished ones to the
/// output files in order, so memory stays flat however large the archive (at most a window
/// of episodes is held) and no worker waits for a batch to finish.
pub fn run(config: &RunConfig) -> Result<RunReport> {
    let annotator = Annotator::load(&config.dictionaries)?;
    let files = episode_order(ingest::list_transcripts(&config.transcripts)?);
    let pool = thread_pool(config.threads)?;
    let progress = progress_bar(config.progress && files.len() >= PROGRESS_MIN, files.len());
    let mut writer = output::stream::DatasetWriter::create(&config.out)?;
    let mut report = RunReport::default();
    let encode = |path: &PathBuf| -> Result<EncodedEpisode> {
        let transcript = ingest::read_transcript(path, None)?;
        let doc = annotator.annotate(&transcript);
        EncodedEpisode::new(&doc)
    };
    let write = |r: Result<EncodedEpisode>| -> Result<()> {
        progress.inc(1);
        match r {
            Ok(ep) => {
                report.episodes += 1;
                report.mentions += ep.mentions;
                report.facts += ep.facts;
                writer.push(&ep)
            }
            Err(e) => {
                report.errors.push(e.to_string());
                Ok(())
            }
        }
    };
    ordered_map(&pool, &files, encode, write)?;
    writer.finish(&annotator.catalogue)?;
    progress.finish_and_clear();
    Ok(report)
}

/// `write(work(item))` for every item, in order, with `work` running on `pool`: at most a
/// window of items ([`chunk_len`]) is in flight, and as each result is written in turn the
/// next item is started, so no worker waits on a batch barrier. With one thread everything
/// runs in turn on the calling thread (what "one thread" means in the benchmarks). The first
/// error from `write` stops the run (items in flight finish, their results are dropped).
pub fn ordered_map<T: Sync, R: Send>(
    pool: &rayon::ThreadPool,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    if pool.current_num_threads() == 1 {
        return items.iter().try_for_each(|item| write(work(item)));
    }
    let window = chunk_len(pool.current_num_threads()).min(items.len());
    let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
    let work = &work;
    pool.in_place_scope(|scope| {
        let submit = |i: usize| {
            let tx = tx.clone();
            scope.spawn(move |_| {
                // The receiver is gone only after a write error: the result is not wanted.
                let _ = tx.send((i, work(&items[i])));
            });
        };
        (0..window).for_each(submit);
        let mut next_submit = window;
        let mut pending: std::collections::BTreeMap<usize, R> = Default::default();
        for next_write in 0..items.len() {
            let r = loop {
                if let Some(r) = pending.remove(&next_write) {
                    break r;
                }
                let (i, r) = rx
                    .recv()
                    .map_err(|_| Error::Other("a worker thread died".into()))?;
                pending.insert(i, r);
            };
            write(r)?;
            if next_submit < items.len() {
                submit(next_submit);
                next_submit += 1;
            }
        }
        Ok(())
    })
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

/// Episodes (or JSON lines) in flight at once: enough to keep every worker busy past the
/// stragglers, few enough that memory does not grow with the input.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_writes_in_order_and_stops_at_the_first_write_error() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3] {
            let pool = thread_pool(threads).unwrap();
            // Uneven work, so results come back out of order.
            let work = |&i: &u64| {
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                i * 2
            };
            let mut seen = Vec::new();
            ordered_map(&pool, &items, work, |r| {
                seen.push(r);
                Ok(())
            })
            .unwrap();
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());

            let mut written = 0;
            let err = ordered_map(&pool, &items, work, |r| {
                if r == 20 {
                    return Err(Error::Other("disk full".into()));
                }
                written += 1;
                Ok(())
            })
            .unwrap_err();
            assert_eq!(err.to_string(), "disk full");
            assert_eq!(written, 10, "{threads} threads");
        }
    }
}
