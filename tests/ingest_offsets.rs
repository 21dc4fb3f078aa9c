//! Property: whatever a line holds (Traditional chars and phrases, full-width chars,
//! ideographic spaces, emoji, CR, subtitle tags, entities), every span of the normalized view
//! maps back to a valid, char-aligned span of the original line that covers the chars it came
//! from; and ingest keeps every line's text and number.

use proptest::prelude::*;
use transcript_facts::ingest;
use transcript_facts::normalize::{NormalizedLine, T2S, char_slice};

/// Pieces lines are made of: plain and Traditional Chinese (including phrases OpenCC converts
/// as a whole), full-width and wide spaces, emoji (4-byte UTF-8, 2 UTF-16 units), CR, markup.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "智谱",
            "智譜",
            "月之暗面",
            "兩億",
            "萬",
            "億元",
            "乾隆",
            "乾淨",
            "著名",
            "顯著",
            "頭髮",
            "發展",
            "後來",
            "裡面",
            "於",
            "為",
            "爲",
            "衆",
            "台灣",
            "臺灣",
            "鬱",
            "瞭解",
            "ＧＰＴ－４ｏ",
            "２０２４",
            "\u{3000}",
            "\u{00A0}",
            "😀",
            "👨‍👩‍👧",
            "\r",
            "\t",
            "<i>",
            "</i>",
            "<c.yellow>",
            "<v 大飞>",
            "{\\an8}",
            "&amp;",
            "&lt;",
            "<5%",
            "{",
            "<",
            "&",
            "a",
            " ",
            "2019",
            "年",
            "，",
            "。",
            "e\u{301}",
        ])
        .prop_map(str::to_string),
        "[\\u{4e00}-\\u{9fff}]{1,4}",
        "[\\u{3400}-\\u{4dbf}\\u{f900}-\\u{faff}\\u{20000}-\\u{2a6df}]{1,2}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_span_maps_back_exactly(original in line()) {
        let n = NormalizedLine::new(&original);
        let len = n.text.chars().count();
        let original_len = original.chars().count();
        prop_assert_eq!(len, n.to_original.len());
        prop_assert_eq!(n.original_len, original_len);
        prop_assert!(n.to_original.windows(2).all(|w| w[0] <= w[1]), "monotonic");
        prop_assert!(n.to_original.iter().all(|&o| o < original_len));
        let boundaries: Vec<usize> = original
            .char_indices()
            .map(|(b, _)| b)
            .chain([original.len()])
            .collect();
        for s in 0..len {
            for e in (s + 1)..=len.min(s + 12) {
                let (a, b) = n.original_span(s, e);
                prop_assert!(a < b && b <= original_len, "{}..{} -> {}..{}", s, e, a, b);
                // Char-aligned: both ends are char boundaries of the original's bytes.
                let (ba, bb) = (boundaries[a], boundaries[b]);
                prop_assert!(original.is_char_boundary(ba) && original.is_char_boundary(bb));
                prop_assert_eq!(&original[ba..bb], char_slice(&original, a, b));
                // Covering: every char of the span came from inside the original span.
                for j in s..e {
                    prop_assert!((a..b).contains(&n.to_original[j]));
                }
            }
        }
    }

    #[test]
    fn fast_t2s_equals_opencc(text in line()) {
        prop_assert_eq!(T2S.convert(&text), T2S.convert_opencc(&text));
    }

    #[test]
    fn ingest_keeps_lines_and_numbers(lines in prop::collection::vec(line(), 1..12), crlf in any::<bool>()) {
        let lines: Vec<String> = lines
            .into_iter()
            // Control chars are refused in bulk and a leading U+FEFF is a byte-order mark.
            .map(|l| l.chars().filter(|&c| c == '\t' || !(c.is_control() || c == '\u{FEFF}')).collect())
            .collect();
        prop_assume!(lines.iter().any(|l| !l.trim().is_empty()));
        let eol = if crlf { "\r\n" } else { "\n" };
        let text: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
        // Content detection reads a file opening with `{"` or `{}` as JSON (Whisper's output
        // under any extension, src/ingest/README.md); a plain transcript never opens so.
        prop_assume!(!text
            .trim_start()
            .strip_prefix('{')
            .is_some_and(|rest| rest.trim_start().starts_with(['"', '}'])));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt");
        std::fs::write(&path, &text).unwrap();
        let t = ingest::read_transcript(&path, None).unwrap();
        let expected: Vec<(usize, &str)> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i + 1, l.as_str()))
            .collect();
        let got: Vec<(usize, &str)> = t.lines.iter().map(|l| (l.number, l.text.as_str())).collect();
        prop_assert_eq!(got, expected);
        prop_assert_eq!(t.line_count, lines.len());
    }

    #[test]
    fn srt_cue_text_survives_with_numbers(texts in prop::collection::vec(line(), 1..8)) {
        let texts: Vec<String> = texts
            .into_iter()
            .map(|l| l.replace("-->", "->").chars().filter(|&c| !(c.is_control() || c == '\u{FEFF}')).collect::<String>())
            .filter(|l| !l.trim().is_empty())
            .collect();
        prop_assume!(!texts.is_empty());
        let mut srt = String::new();
        for (i, t) in texts.iter().enumerate() {
            srt.push_str(&format!("{}\n00:00:{:02},000 --> 00:00:{:02},500\n{t}\n\n", i + 1, i, i));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.srt");
        std::fs::write(&path, &srt).unwrap();
        let t = ingest::read_transcript(&path, None).unwrap();
        let got: Vec<(usize, &str, Option<u64>)> =
            t.lines.iter().map(|l| (l.number, l.text.as_str(), l.start_ms)).collect();
        let expected: Vec<(usize, &str, Option<u64>)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (4 * i + 3, t.as_str(), Some(i as u64 * 1000)))
            .collect();
        prop_assert_eq!(got, expected);
    }
}

/// Pieces the platform formats are made of, to throw at their readers in any order: JSON
/// punctuation and keys, numbers good and bad, escapes, WebVTT timings and inline word times,
/// tabs and line breaks, and text.
fn format_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\"body\"",
        "\"segments\"",
        "\"transcription\"",
        "\"from\"",
        "\"to\"",
        "\"content\"",
        "\"start\"",
        "\"end\"",
        "\"text\"",
        "\"offsets\"",
        "0",
        "1.5",
        "-1",
        "1e400",
        "3600000",
        "\"智谱\"",
        "\"\\n\"",
        "\"\\u0000\"",
        " ",
        "\n",
        "\r\n",
        "\t",
        "start\tend\ttext",
        "WEBVTT",
        "00:00:01.000 --> 00:00:02.000",
        "<00:00:01.500>",
        "<c>",
        "</c>",
        "月之暗面",
        "6000",
        "亿",
        "1",
        "-->",
        "\u{FEFF}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// What the fuzz target `platforms` checks, on inputs built from the formats' pieces.
    #[test]
    fn platform_readers_never_panic_and_give_clean_lines(
        pieces in prop::collection::vec(format_piece(), 0..60)
    ) {
        use transcript_facts::ingest::subtitles::{self, SubtitleFormat};
        use transcript_facts::ingest::{json, tsv};
        let text: String = pieces.concat();
        let file_lines: Vec<&str> = text.split('\n').collect();
        let _ = ingest::InputFormat::detect(std::path::Path::new("p.json"), &text);
        let clean = |l: &transcript_facts::model::SourceLine| {
            !l.text.contains('\n') && !l.text.trim().is_empty() && l.start_ms <= l.end_ms
        };
        if let Ok((lines, _, count)) = json::parse(std::path::Path::new("p.json"), &text) {
            prop_assert!(lines.iter().all(|l| clean(l) && l.number <= count));
            prop_assert!(lines.windows(2).all(|w| w[0].number < w[1].number));
        }
        if let Ok(lines) = tsv::parse(std::path::Path::new("p.tsv"), &text) {
            for l in &lines {
                prop_assert!(clean(l) && l.number >= 2);
                prop_assert!(file_lines[l.number - 1].contains(l.text.as_str()));
            }
        }
        if let Ok(lines) = subtitles::parse(std::path::Path::new("p.vtt"), &text, SubtitleFormat::Vtt) {
            for l in &lines {
                prop_assert!(clean(l));
                let raw = file_lines[l.number - 1];
                prop_assert_eq!(raw.strip_suffix('\r').unwrap_or(raw), l.text.as_str());
            }
            prop_assert!(lines.windows(2).all(|w| w[0].number < w[1].number));
        }
    }
}
