//! Measurements, not checks: what Traditional -> Simplified costs in the normalized view, next
//! to jieba's segmentation of the same text. Run in release:
//!
//! ```text
//! cargo test --release --test tests ingest_perf -- --ignored --nocapture
//! ```

use std::time::Instant;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use transcript_facts::normalize::{NormalizedLine, T2S};

const EPISODE: &str = include_str!("../transcripts/2025-01-10_china-llm-startups-six-tigers.txt");

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / secs / 1e6
}

#[test]
#[ignore = "a measurement; run in release with --ignored --nocapture"]
fn t2s_cost_per_line() {
    let t = Instant::now();
    let table = T2S.table_len();
    println!(
        "T2S table built in {:?} ({table} chars change)",
        t.elapsed()
    );

    let s2t = OpenCC::from_config(BuiltinConfig::S2t).unwrap();
    let simplified: Vec<&str> = EPISODE.lines().collect();
    let traditional: Vec<String> = simplified.iter().map(|l| s2t.convert(l)).collect();
    let triggered = simplified.iter().filter(|l| T2S.needed(l)).count();
    println!(
        "simplified lines that would be converted: {triggered} of {}",
        simplified.len()
    );
    let reps = 40;
    let bytes: usize = EPISODE.len() * reps;

    let mut n = NormalizedLine::default();
    let t = Instant::now();
    for _ in 0..reps {
        for l in &simplified {
            n.fill(l);
        }
    }
    let simp = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..reps {
        for l in &traditional {
            n.fill(l);
        }
    }
    let trad = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..reps {
        for l in &traditional {
            std::hint::black_box(T2S.convert_opencc(l));
        }
    }
    let raw = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..reps {
        for l in &traditional {
            std::hint::black_box(T2S.convert(l));
        }
    }
    let fast = t.elapsed().as_secs_f64();
    let lines = (simplified.len() * reps) as f64;
    println!(
        "table t2s of whole lines: {:.1} MB/s ({:.2} µs/line)",
        mb_per_s(bytes, fast),
        fast / lines * 1e6
    );
    let opencc_lines = traditional
        .iter()
        .filter(|l| {
            l.chars()
                .any(|c| "么乾俱吒噁彷徵於昇沈濛牴畫瞭薹藉衹覆鉅鍊鍾麼麽".contains(c))
        })
        .count();
    println!("traditional lines with a context-sensitive char: {opencc_lines}");
    let jieba = jieba_rs::Jieba::new();
    let t = Instant::now();
    for _ in 0..reps {
        for l in &simplified {
            std::hint::black_box(jieba.cut(l, true));
        }
    }
    let cut = t.elapsed().as_secs_f64();
    println!(
        "normalize simplified: {:.1} MB/s ({:.2} µs/line)",
        mb_per_s(bytes, simp),
        simp / lines * 1e6
    );
    println!(
        "normalize traditional (t2s): {:.1} MB/s ({:.2} µs/line)",
        mb_per_s(bytes, trad),
        trad / lines * 1e6
    );
    println!(
        "raw OpenCC t2s of whole lines: {:.1} MB/s ({:.2} µs/line)",
        mb_per_s(bytes, raw),
        raw / lines * 1e6
    );
    println!(
        "jieba cut (HMM) simplified: {:.1} MB/s ({:.2} µs/line)",
        mb_per_s(bytes, cut),
        cut / lines * 1e6
    );
}

#[test]
#[ignore = "a measurement; run in release with --ignored --nocapture"]
fn pipeline_simplified_vs_traditional() {
    use transcript_facts::model::{SourceLine, Transcript};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    if !dir.join("entities").is_dir() {
        eprintln!("skipped: no dictionaries/ in this checkout");
        return;
    }
    let annotator = transcript_facts::Annotator::load(&dir).unwrap();
    let s2t = OpenCC::from_config(BuiltinConfig::S2t).unwrap();
    let reps = 40;
    let make = |text: &str| Transcript {
        id: "perf".into(),
        source: "perf.txt".into(),
        meta: Default::default(),
        reference_date: Some("2025-01-10".into()),
        encoding: "UTF-8".into(),
        sha256: String::new(),
        lines: (0..reps)
            .flat_map(|_| text.lines())
            .enumerate()
            .map(|(i, l)| SourceLine {
                number: i + 1,
                text: l.to_string(),
                start_ms: None,
                end_ms: None,
            })
            .collect(),
        line_count: 0,
    };
    let simplified = make(EPISODE);
    let traditional = make(&s2t.convert(EPISODE));
    for (name, t) in [("simplified", &simplified), ("traditional", &traditional)] {
        let bytes: usize = t.lines.iter().map(|l| l.text.len() + 1).sum();
        let start = Instant::now();
        let doc = annotator.annotate(t);
        let secs = start.elapsed().as_secs_f64();
        println!(
            "pipeline {name}: {:.1} MB/s on one thread ({} mentions)",
            mb_per_s(bytes, secs),
            doc.mentions.len()
        );
    }
}
