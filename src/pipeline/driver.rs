//! The one driver of a run: inputs in, results out in input order, the work on a pool.
//!
//! Every way episodes come in is annotated through [`annotate_each`]: the transcripts of a
//! folder (`tfacts run`), one transcript (`tfacts annotate FILE`) and JSON Lines
//! (`tfacts annotate --jsonl -`). Reading annotated JSON Lines back (`run --from-jsonl`)
//! annotates nothing and uses the [`ordered_map`] under it. What is done with each episode
//! (encoded for the dataset, printed as a JSON line) is the caller's: the driver knows
//! nothing of the layers above the pipeline.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::BufRead;
use std::path::PathBuf;

use super::Annotator;
use super::jsonl;
use crate::error::{Error, Result, one_line};
use crate::ingest;
use crate::model::{EpisodeDoc, Transcript};

/// Where the episodes come from.
pub enum Source<'a> {
    /// Transcript files, each read on a worker, taken in the order given.
    Files {
        paths: &'a [PathBuf],
        read: &'a ingest::ReadOptions<'a>,
    },
    /// JSON Lines, one episode a line ([`super::jsonl`]), read on the calling thread as the
    /// window lets them in; `name` is how messages name the input (`stdin`).
    JsonLines {
        input: &'a mut dyn BufRead,
        name: &'a str,
    },
}

/// Input bytes of JSON Lines in flight at once (besides the episode count of the window), so
/// memory is bounded however long the lines are.
const JSONL_WINDOW_BYTES: usize = 32 << 20;

/// Annotate every episode of `source` and hand each to `finish` (on a worker, with the
/// transcript it came from), then the results to `write` (on the calling thread, in input
/// order). An input that cannot be read or parsed reaches `write` as an error naming it; an
/// error from `write`, or an I/O error reading JSON Lines, stops the run.
pub fn annotate_each<R: Send>(
    annotator: &Annotator,
    pool: &rayon::ThreadPool,
    source: Source<'_>,
    finish: impl Fn(Transcript, EpisodeDoc) -> Result<R> + Sync,
    write: impl FnMut(Result<R>) -> Result<()>,
) -> Result<()> {
    let annotate = |transcript: Result<Transcript>| -> Result<R> {
        let transcript = transcript?;
        let doc = annotator.annotate(&transcript);
        finish(transcript, doc)
    };
    let window = Window::of(pool);
    match source {
        Source::Files { paths, read } => ordered_map(
            pool,
            window,
            paths.iter().map(Ok),
            |_| 0,
            |path| annotate(ingest::read_transcript_with(path, read)),
            write,
        ),
        Source::JsonLines { input, name } => ordered_map(
            pool,
            Window {
                bytes: JSONL_WINDOW_BYTES,
                ..window
            },
            jsonl::Lines::new(input, name),
            |line| line.bytes.len(),
            |line| {
                annotate(jsonl::parse_line(
                    name,
                    line.number,
                    line.offset,
                    &line.bytes,
                ))
            },
            write,
        ),
    }
}

/// How much may be in flight at once: items started and not yet written, and the sum of
/// their weights (bytes); one item always may.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub items: usize,
    pub bytes: usize,
}

impl Window {
    /// [`chunk_len`] items for the pool, of any size.
    pub fn of(pool: &rayon::ThreadPool) -> Self {
        Window {
            items: chunk_len(pool.current_num_threads()),
            bytes: usize::MAX,
        }
    }
}

/// `write(work(item))` for every item, in order, with `work` running on `pool`: items are
/// taken from `items` as the window lets them in (at most `window.items` in flight, and more
/// only while their `weight`s sum to less than `window.bytes`), and as each result is written
/// in turn the next item is started, so no worker waits on a batch barrier and memory does not
/// grow with the input. With one thread everything runs in turn on the calling thread (what
/// "one thread" means in the benchmarks). The first error from `items` or `write` stops the
/// run (items in flight finish, their results are dropped).
pub fn ordered_map<T: Send, R: Send>(
    pool: &rayon::ThreadPool,
    window: Window,
    items: impl IntoIterator<Item = Result<T>>,
    weight: impl Fn(&T) -> usize,
    work: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    let mut items = items.into_iter();
    if pool.current_num_threads() == 1 {
        return items.try_for_each(|item| write(work(item?)));
    }
    let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
    let work = &work;
    pool.in_place_scope(|scope| {
        let submit = |i: usize, item: T| {
            let tx = tx.clone();
            scope.spawn(move |_| {
                // The receiver is gone only after an error: the result is not wanted.
                let _ = tx.send((i, work(item)));
            });
        };
        // The weights of the items in flight, oldest first.
        let mut weights: VecDeque<usize> = VecDeque::new();
        let mut in_flight = 0usize;
        let (mut submitted, mut written, mut exhausted) = (0usize, 0usize, false);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        loop {
            while !exhausted
                && weights.len() < window.items.max(1)
                && (weights.is_empty() || in_flight < window.bytes)
            {
                match items.next() {
                    None => exhausted = true,
                    Some(item) => {
                        let item = item?;
                        let w = weight(&item);
                        weights.push_back(w);
                        in_flight += w;
                        submit(submitted, item);
                        submitted += 1;
                    }
                }
            }
            if written == submitted {
                return Ok(());
            }
            let r = loop {
                if let Some(r) = pending.remove(&written) {
                    break r;
                }
                let (i, r) = rx
                    .recv()
                    .map_err(|_| Error::Other("a worker thread died".into()))?;
                pending.insert(i, r);
            };
            write(r)?;
            in_flight -= weights.pop_front().unwrap_or(0);
            written += 1;
        }
    })
}

/// The transcripts a run reads, in the order `dataset.json` lists their episodes (by episode
/// id, ties by path): of the files sharing an episode id (`a.txt` and `a.srt`) the first in
/// path order is kept and each other one is an error in `errors`, never a silent overwrite.
pub fn episode_files(files: &[PathBuf], errors: &mut Vec<String>) -> Vec<PathBuf> {
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
                out.push(path.clone());
            }
        }
    }
    out.sort();
    out.sort_by_cached_key(|p| ingest::episode_id(&ingest::file_stem(p)));
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_writes_in_order_and_stops_at_the_first_error() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3] {
            let pool = thread_pool(threads).unwrap();
            // Uneven work, so results come back out of order.
            let work = |&i: &u64| {
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                i * 2
            };
            let all = || items.iter().map(Ok);
            let window = Window::of(&pool);
            let mut seen = Vec::new();
            ordered_map(
                &pool,
                window,
                all(),
                |_| 0,
                work,
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());

            let mut written = 0;
            let err = ordered_map(
                &pool,
                window,
                all(),
                |_| 0,
                work,
                |r| {
                    if r == 20 {
                        return Err(Error::Other("disk full".into()));
                    }
                    written += 1;
                    Ok(())
                },
            )
            .unwrap_err();
            assert_eq!(err.to_string(), "disk full");
            assert_eq!(written, 10, "{threads} threads");

            // An input that fails stops the run after the items before it are written.
            let failing = items.iter().map(|i| match i {
                30 => Err(Error::Other("read error".into())),
                i => Ok(i),
            });
            let mut written = 0;
            let err = ordered_map(
                &pool,
                window,
                failing,
                |_| 0,
                work,
                |_| {
                    written += 1;
                    Ok(())
                },
            )
            .unwrap_err();
            assert_eq!(err.to_string(), "read error");
            assert!(written <= 30, "{threads} threads");
        }
    }

    #[test]
    fn the_byte_window_bounds_what_is_in_flight() {
        let pool = thread_pool(3).unwrap();
        let items: Vec<usize> = (0..200).collect();
        let in_flight = std::sync::atomic::AtomicUsize::new(0);
        let most = std::sync::atomic::AtomicUsize::new(0);
        let window = Window {
            items: 100,
            bytes: 25,
        };
        let taken = items.iter().map(|&i| {
            let now = in_flight.fetch_add(10, std::sync::atomic::Ordering::SeqCst) + 10;
            most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
            Ok(i)
        });
        let mut seen = Vec::new();
        ordered_map(
            &pool,
            window,
            taken,
            |_| 10,
            |i| i,
            |i| {
                in_flight.fetch_sub(10, std::sync::atomic::Ordering::SeqCst);
                seen.push(i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, items);
        // Items of 10 bytes under a 25-byte window: at most three in flight (the third
        // starts while 20 < 25).
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 30);
    }

    #[test]
    fn episode_files_keep_the_first_of_an_id_in_id_order() {
        let files: Vec<PathBuf> = ["b.txt", "a.txt", "a.srt", "c/d.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let mut sorted = files.clone();
        sorted.sort();
        let mut errors = Vec::new();
        let kept = episode_files(&sorted, &mut errors);
        let kept: Vec<&str> = kept.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(kept, ["a.srt", "b.txt", "c/d.txt"]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("a.txt: episode id \"a\""),
            "{errors:?}"
        );
    }
}
