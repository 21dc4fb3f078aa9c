//! Fuzz the decoder: any bytes, detected or with a forced encoding, must give either text that
//! passed the text checks or an error naming the file, never a panic.
//!
//! `cargo +nightly fuzz run decode` (from the repository root).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use transcript_facts::ingest::decode::{self, MAX_LINE_BYTES};

fuzz_target!(|data: &[u8]| {
    let forced = [
        None,
        Some(encoding_rs::UTF_8),
        Some(encoding_rs::GBK),
        Some(encoding_rs::BIG5),
        Some(encoding_rs::UTF_16LE),
    ];
    // The first byte picks the mode, so the fuzzer explores all of them.
    let (mode, body) = match data.split_first() {
        Some((m, rest)) => (*m as usize % forced.len(), rest),
        None => (0, data),
    };
    match decode::decode(Path::new("fuzz.txt"), body, forced[mode]) {
        Ok(decoded) => {
            assert!(!decoded.text.contains('\0'));
            assert!(decoded.text.split('\n').all(|l| l.len() <= MAX_LINE_BYTES));
            if let Some(f) = forced[mode] {
                assert_eq!(decoded.encoding, f);
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.txt")),
    }
});
