//! Fuzz the SRT/WebVTT parser and the normalized view of what it returns: no input may panic,
//! every line returned must be a line of the input with its number, and every normalized span
//! must map back to a valid span of the original line.
//!
//! `cargo +nightly fuzz run subtitles` (from the repository root).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use transcript_facts::ingest::subtitles::{self, SubtitleFormat};
use transcript_facts::normalize::NormalizedLine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file_lines: Vec<&str> = text.split('\n').collect();
    for format in [SubtitleFormat::Srt, SubtitleFormat::Vtt] {
        let Ok(lines) = subtitles::parse(Path::new("fuzz.srt"), text, format) else {
            continue;
        };
        let mut previous = 0;
        for line in &lines {
            assert!(line.number > previous, "line numbers increase");
            previous = line.number;
            let raw = file_lines[line.number - 1];
            assert_eq!(raw.strip_suffix('\r').unwrap_or(raw), line.text);
            assert!(line.start_ms <= line.end_ms);
            let norm = NormalizedLine::new(&line.text);
            let len = norm.to_original.len();
            for s in 0..len.min(16) {
                for e in s + 1..=len.min(s + 16) {
                    let (a, b) = norm.original_span(s, e);
                    assert!(a < b && b <= norm.original_len);
                }
            }
        }
    }
});
