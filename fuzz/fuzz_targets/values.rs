//! Feeds arbitrary UTF-8 to the value recognizer, line by line as one episode, and checks the
//! span invariants: inside the line, not overlapping each other or a blocked span, finite
//! numbers, no empty dates. Text between `[` and `]` is passed as blocked (a name).
//!
//! Run with `cargo +nightly fuzz run values` from the repository root. Without cargo-fuzz the
//! same build is (nightly, from the root):
//! `RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4
//! -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table
//! -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions
//! -Coverflow-checks" cargo +nightly build --release --manifest-path fuzz/Cargo.toml
//! --target x86_64-unknown-linux-gnu --bin values`, then run the binary on a corpus folder.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use transcript_facts::model::Value;
use transcript_facts::recognize::values::{CalendarDate, DateContext, ValueRecognizer};

fn blocked(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in line.chars().enumerate() {
        match c {
            '[' => open = Some(i + 1),
            ']' => {
                if let Some(s) = open.take() {
                    if s < i {
                        out.push((s, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    static RECOGNIZER: OnceLock<ValueRecognizer> = OnceLock::new();
    let recognizer = RECOGNIZER.get_or_init(ValueRecognizer::new);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut ctx = DateContext::new(CalendarDate::parse("2025-01-10"));
    let mut out = Vec::new();
    for line in text.lines() {
        let blocked = blocked(line);
        out.clear();
        recognizer.find(line, &mut ctx, &blocked, &mut out);
        let n = line.chars().count();
        let mut prev_end = 0;
        for m in &out {
            assert!(m.start < m.end && m.end <= n, "{m:?} outside {n} chars");
            assert!(m.start >= prev_end, "overlapping spans {out:?}");
            prev_end = m.end;
            for &(a, b) in &blocked {
                assert!(!(m.start < b && a < m.end), "{m:?} overlaps blocked {a}..{b}");
            }
            match &m.value {
                Value::Number(v) => assert!(v.is_finite()),
                Value::Date(d) => assert!(!d.is_empty()),
            }
            assert!(m.value_max.is_none_or(f64::is_finite));
        }
    }
});
