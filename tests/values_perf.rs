//! Throughput of the value recognizer, run by hand in release mode:
//! `cargo test --release --test tests values_perf -- --ignored --nocapture`.
//!
//! The whole pipeline must keep up with jieba's cut (about 40 MB/s); the value recognizer is
//! one stage of several, so it must be several times faster than that.

use transcript_facts::normalize::NormalizedLine;
use transcript_facts::recognize::values::{CalendarDate, DateContext, ValueRecognizer};

const TRANSCRIPT: &str =
    include_str!("../transcripts/2025-01-10_china-llm-startups-six-tigers.txt");

#[test]
#[ignore = "a benchmark: run in release mode by hand"]
fn values_throughput() {
    let recognizer = ValueRecognizer::new();
    let lines: Vec<String> = TRANSCRIPT
        .lines()
        .map(|l| NormalizedLine::new(l).text)
        .collect();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let reps = 400;
    let mut best = 0.0f64;
    let mut out = Vec::new();
    for _ in 0..8 {
        let t = std::time::Instant::now();
        for _ in 0..reps {
            let mut ctx = DateContext::new(CalendarDate::parse("2025-01-10"));
            for l in &lines {
                out.clear();
                recognizer.find(l, &mut ctx, &[], &mut out);
            }
        }
        best = best.max((bytes * reps) as f64 / t.elapsed().as_secs_f64() / 1e6);
    }
    println!("value recognizer: {best:.0} MB/s (best of 8)");
    assert!(
        best > 120.0,
        "{best:.0} MB/s: the value recognizer would slow the pipeline"
    );
}
