//! `jieba-baseline`: bare jieba-rs as the yardstick for `tfacts` (see `bench/compare.sh`).
//!
//! Loads jieba-rs's built-in dictionary (no catalogue names), reads every `.txt` file of a
//! folder (or one file) and `cut`s each file's text with HMM on, the same mode our segmenter
//! uses. Prints the bytes cut, the load and cut seconds, and MB/s once loaded and end to end.
//!
//! ```text
//! jieba-baseline DIR_OR_FILE [--threads N]
//! ```
//!
//! With `--threads N` (N > 1) the files are cut in parallel on a rayon pool of N threads, all
//! sharing one `&Jieba`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use jieba_rs::Jieba;
use rayon::prelude::*;

fn usage() -> ExitCode {
    eprintln!("usage: jieba-baseline DIR_OR_FILE [--threads N]");
    ExitCode::from(2)
}

fn files_of(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// Cut one file; the number of bytes and of words (so the work is not optimized away).
fn cut_file(jieba: &Jieba, path: &Path) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let words = jieba.cut(&text, true).len();
    (text.len(), words)
}

fn main() -> ExitCode {
    let start = Instant::now();
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut threads = 1usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => threads = n,
                _ => return usage(),
            },
            _ if input.is_none() && !a.starts_with('-') => input = Some(PathBuf::from(a)),
            _ => return usage(),
        }
    }
    let Some(input) = input else {
        return usage();
    };
    let files = match files_of(&input) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("jieba-baseline: {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };

    let jieba = Jieba::new();
    let loaded = Instant::now();
    let (bytes, words) = if threads == 1 {
        files
            .iter()
            .map(|f| cut_file(&jieba, f))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| {
            files
                .par_iter()
                .map(|f| cut_file(&jieba, f))
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        })
    };
    let done = Instant::now();
    let load_s = (loaded - start).as_secs_f64();
    let cut_s = (done - loaded).as_secs_f64();
    let total_s = (done - start).as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "files {} bytes {bytes} words {words} threads {threads} load_s {load_s:.3} cut_s {cut_s:.3} total_s {total_s:.3} cut_mb_s {:.2} e2e_mb_s {:.2}",
        files.len(),
        mb / cut_s.max(1e-9),
        mb / total_s.max(1e-9),
    );
    ExitCode::SUCCESS
}
