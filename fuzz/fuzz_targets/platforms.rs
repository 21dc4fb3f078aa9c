//! Fuzz the readers of platform and recognizer formats (Bilibili BCC and Whisper JSON,
//! Whisper TSV, YouTube's rolling WebVTT) and the format detection in front of them: no
//! input may panic; every line returned is one line of text with its times in order, a JSON
//! line's number is its cue's position, a TSV or WebVTT line's number is a line of the input
//! holding its text.
//!
//! `cargo +nightly fuzz run platforms` (from the repository root). The first byte picks the
//! reader, so the fuzzer explores all of them; seeds worth giving it are a BCC file, a
//! Whisper JSON, a Whisper TSV and a YouTube caption file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use transcript_facts::ingest::subtitles::{self, SubtitleFormat};
use transcript_facts::ingest::{InputFormat, json, tsv};
use transcript_facts::model::SourceLine;

fn check_line(line: &SourceLine) {
    assert!(!line.text.contains('\n'));
    assert!(!line.text.trim().is_empty());
    assert!(line.number >= 1);
    assert!(line.start_ms <= line.end_ms);
    assert!(line.start_ms.is_some() && line.end_ms.is_some());
}

fn check_numbers_increase(lines: &[SourceLine]) {
    for pair in lines.windows(2) {
        assert!(pair[0].number < pair[1].number, "line numbers increase");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((mode, body)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let file_lines: Vec<&str> = text.split('\n').collect();
    let _ = InputFormat::detect(Path::new("fuzz.json"), text);
    match mode % 3 {
        0 => {
            if let Ok((lines, _kind, count)) = json::parse(Path::new("fuzz.json"), text) {
                check_numbers_increase(&lines);
                for line in &lines {
                    check_line(line);
                    assert!(line.number <= count);
                    assert!(!line.text.chars().any(char::is_control));
                }
            }
        }
        1 => {
            if let Ok(lines) = tsv::parse(Path::new("fuzz.tsv"), text) {
                check_numbers_increase(&lines);
                for line in &lines {
                    check_line(line);
                    // The header is line 1; a row's text is in its own line of the file.
                    assert!(line.number >= 2);
                    assert!(file_lines[line.number - 1].contains(line.text.as_str()));
                }
            }
        }
        _ => {
            if let Ok(lines) = subtitles::parse(Path::new("fuzz.vtt"), text, SubtitleFormat::Vtt)
            {
                check_numbers_increase(&lines);
                for line in &lines {
                    check_line(line);
                    let raw = file_lines[line.number - 1];
                    assert_eq!(raw.strip_suffix('\r').unwrap_or(raw), line.text);
                }
            }
        }
    }
});
