//! The same episode delivered as TXT, SRT, WebVTT, GBK, Big5, UTF-16 with full-width chars and
//! CRLF, and Traditional Chinese gives the same entities per line and the same facts; and
//! every mention's text is exactly the original line's chars at its offsets.

use crate::support;

use std::collections::HashMap;
use std::path::Path;

use encoding_rs::{BIG5, GBK};
use support::*;
use transcript_facts::ingest::{self, ReadOptions};
use transcript_facts::model::{EpisodeDoc, Transcript};
use transcript_facts::normalize::char_slice;

/// Read `bytes` saved as `name` and annotate it. Every variant is the same episode, published
/// on the same day: that date resolves 去年 / 今年 whatever the variant's file name.
fn annotate(name: &str, bytes: &[u8], options: &ReadOptions) -> (Transcript, EpisodeDoc) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let options = ReadOptions {
        reference_date: options.reference_date.or(Some("2025-01-10")),
        encoding: options.encoding,
        root: options.root,
    };
    let transcript = ingest::read_transcript_with(&path, &options).unwrap();
    let doc = annotator().annotate(&transcript);
    (transcript, doc)
}

/// A mention: (ordinal of its line among the text lines, entity or value kind, entity id,
/// value as text).
type MentionKey = (usize, String, Option<String>, Option<String>);
/// A fact: predicate, subject, object, date, value, evidence lines as ordinals.
type FactKey = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    usize,
    usize,
);

struct Summary {
    mentions: Vec<MentionKey>,
    spans: Vec<(usize, usize, usize)>,
    facts: Vec<FactKey>,
}

/// What must be equal across formats, with file line numbers replaced by the ordinal of the
/// line among the transcript's text lines (an SRT's line 7 is the TXT's line 2).
fn summarize(t: &Transcript, doc: &EpisodeDoc) -> Summary {
    let ordinal: HashMap<usize, usize> = t
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.number, i))
        .collect();
    let text_of: HashMap<usize, &str> = t
        .lines
        .iter()
        .map(|l| (l.number, l.text.as_str()))
        .collect();
    for m in &doc.mentions {
        let line = text_of[&m.line];
        assert_eq!(
            m.text,
            char_slice(line, m.start, m.end),
            "mention text must be the original chars at its offsets ({}:{})",
            t.source,
            m.line
        );
        assert!(m.start < m.end && m.end <= line.chars().count());
    }
    let mentions = doc
        .mentions
        .iter()
        .map(|m| {
            (
                ordinal[&m.line],
                m.kind.as_str().to_string(),
                m.entity_id.clone(),
                m.value.as_ref().map(|v| format!("{v:?}")),
            )
        })
        .collect();
    let spans = doc
        .mentions
        .iter()
        .map(|m| (ordinal[&m.line], m.start, m.end))
        .collect();
    let facts = doc
        .facts
        .iter()
        .map(|f| {
            (
                f.predicate.clone(),
                f.subject.entity_id.clone(),
                f.object.as_ref().and_then(|o| o.entity_id.clone()),
                f.date.clone(),
                f.value.map(|v| v.to_string()),
                ordinal[&f.evidence.line_start],
                ordinal[&f.evidence.line_end],
            )
        })
        .collect();
    Summary {
        mentions,
        spans,
        facts,
    }
}

fn baseline() -> (Transcript, EpisodeDoc) {
    annotate(
        &format!("{EPISODE}.txt"),
        episode().as_bytes(),
        &ReadOptions::default(),
    )
}

fn assert_same(name: &str, base: &Summary, other: &Summary, same_spans: bool) {
    assert_eq!(base.mentions, other.mentions, "{name}: mentions differ");
    assert_eq!(base.facts, other.facts, "{name}: facts differ");
    if same_spans {
        assert_eq!(base.spans, other.spans, "{name}: offsets differ");
    }
}

#[test]
fn baseline_finds_entities_values_and_facts() {
    let (t, doc) = baseline();
    let s = summarize(&t, &doc);
    assert_eq!(t.encoding, "UTF-8");
    assert_eq!(t.reference_date.as_deref(), Some("2025-01-10"));
    let has = |id: &str| s.mentions.iter().any(|m| m.2.as_deref() == Some(id));
    for id in [
        "company/zhipu",
        "company/moonshot",
        "person/yang-zhilin",
        "product/kimi",
    ] {
        assert!(has(id), "{id} not found");
    }
    assert!(s.mentions.iter().any(|m| m.1 == "date"));
    assert!(!doc.facts.is_empty());
}

#[test]
fn srt_and_vtt_give_the_same_facts_with_cue_times() {
    let (bt, bdoc) = baseline();
    let base = summarize(&bt, &bdoc);

    let (t, doc) = annotate(
        "ep.srt",
        to_srt(episode(), false).as_bytes(),
        &ReadOptions::default(),
    );
    assert_same("SRT", &base, &summarize(&t, &doc), true);
    // Cue k's text is on file line 4k - 1 and runs from 2(k-1) s to 2k s - 1 ms.
    for (k, line) in t.lines.iter().enumerate() {
        let k = k as u64 + 1;
        assert_eq!(line.number as u64, 4 * k - 1);
        assert_eq!(
            (line.start_ms, line.end_ms),
            (Some((k - 1) * 2000), Some(k * 2000 - 1))
        );
    }
    for m in &doc.mentions {
        let line = t.lines.iter().find(|l| l.number == m.line).unwrap();
        assert_eq!((m.start_ms, m.end_ms), (line.start_ms, line.end_ms));
    }
    for f in &doc.facts {
        assert!(f.evidence.start_ms.is_some(), "fact {} has no time", f.id);
    }

    // Styling tags shift offsets but not what is found, and mentions still point at the
    // original chars (checked in `summarize`).
    let (t, doc) = annotate(
        "ep.srt",
        to_srt(episode(), true).as_bytes(),
        &ReadOptions::default(),
    );
    assert_same("styled SRT", &base, &summarize(&t, &doc), false);
    let (t, doc) = annotate(
        "ep.vtt",
        to_vtt(episode()).as_bytes(),
        &ReadOptions::default(),
    );
    assert_same("WebVTT", &base, &summarize(&t, &doc), false);
    assert!(t.lines.iter().all(|l| l.start_ms.is_some()));
}

#[test]
fn legacy_encodings_and_utf16_give_the_same_facts() {
    let (bt, bdoc) = baseline();
    let base = summarize(&bt, &bdoc);
    let name = format!("{EPISODE}.txt");

    let (t, doc) = annotate(&name, &encode(GBK, episode()), &ReadOptions::default());
    assert_eq!(t.encoding, "GBK");
    assert_same("GBK", &base, &summarize(&t, &doc), true);
    assert_eq!(doc.reference_date.as_deref(), Some("2025-01-10"));

    let forced = ReadOptions {
        encoding: Some(encoding_rs::GB18030),
        ..ReadOptions::default()
    };
    let (t, doc) = annotate(&name, &encode(GBK, episode()), &forced);
    assert_eq!(t.encoding, "gb18030");
    assert_same("forced GB18030", &base, &summarize(&t, &doc), true);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(episode().as_bytes());
    let (t, doc) = annotate(&name, &bom, &ReadOptions::default());
    assert_same("UTF-8 with BOM", &base, &summarize(&t, &doc), true);

    // UTF-16LE + CRLF + full-width digits/letters + ideographic spaces: one char for one char,
    // so even the offsets are the same.
    let wide = to_full_width_crlf(episode());
    let (t, doc) = annotate(&name, &utf16le_bom(&wide), &ReadOptions::default());
    assert_eq!(t.encoding, "UTF-16LE");
    assert!(t.lines.iter().all(|l| !l.text.ends_with('\r')));
    assert_same(
        "UTF-16LE full-width CRLF",
        &base,
        &summarize(&t, &doc),
        true,
    );
}

#[test]
fn traditional_chinese_gives_the_same_entities_and_facts() {
    let (bt, bdoc) = baseline();
    let base = summarize(&bt, &bdoc);
    let traditional = to_traditional(episode());
    assert_ne!(traditional, episode());
    let name = format!("{EPISODE}.txt");

    let (t, doc) = annotate(&name, traditional.as_bytes(), &ReadOptions::default());
    let s = summarize(&t, &doc);
    assert_same("Traditional", &base, &s, false);
    // Mentions keep the Traditional text of the file.
    let trad_mentions: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(trad_mentions.contains(&"智譜"), "{trad_mentions:?}");

    // The same in Big5, detected, and as SRT. OpenCC writes the standard forms 爲 衆 羣 麪,
    // which Big5 lacks; Taiwanese text (and Big5) uses 為 眾 群 麵.
    let big5_forms: String = traditional
        .chars()
        .map(|c| match c {
            '爲' => '為',
            '衆' => '眾',
            '羣' => '群',
            '麪' => '麵',
            c => c,
        })
        .collect();
    let (t, doc) = annotate(&name, &encode(BIG5, &big5_forms), &ReadOptions::default());
    assert_eq!(t.encoding, "Big5");
    assert_same("Big5 Traditional", &base, &summarize(&t, &doc), false);
    let (t, doc) = annotate(
        "ep.srt",
        to_srt(&traditional, true).as_bytes(),
        &ReadOptions::default(),
    );
    assert_same("Traditional SRT", &base, &summarize(&t, &doc), false);
}

#[test]
fn real_dictionary_when_present() {
    // The real catalogue is kept in the main branch; run against it when it is here.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    if !dir.join("entities").is_dir() {
        eprintln!("skipped: no dictionaries/ in this checkout");
        return;
    }
    let annotator = transcript_facts::Annotator::load(&dir).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, bytes: &[u8]| {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let t = ingest::read_transcript(&path, Some("2025-01-10")).unwrap();
        let doc = annotator.annotate(&t);
        summarize(&t, &doc)
    };
    let base = run("a.txt", episode().as_bytes());
    assert_same(
        "real dictionary, GBK",
        &base,
        &run("b.txt", &encode(GBK, episode())),
        true,
    );
    assert_same(
        "real dictionary, SRT",
        &base,
        &run("c.srt", to_srt(episode(), true).as_bytes()),
        false,
    );
    let trad = run("d.txt", to_traditional(episode()).as_bytes());
    assert_same("real dictionary, Traditional", &base, &trad, false);
}

/// The times of every line read, in order.
fn times(t: &Transcript) -> Vec<(Option<u64>, Option<u64>)> {
    t.lines.iter().map(|l| (l.start_ms, l.end_ms)).collect()
}

#[test]
fn platform_and_recognizer_formats_give_the_same_facts_with_times() {
    let (bt, bdoc) = baseline();
    let base = summarize(&bt, &bdoc);
    // Line k (from 0) of the episode runs from 2k s to 2(k+1) s - 1 ms in every generated
    // format.
    let expected: Vec<(Option<u64>, Option<u64>)> = (0..bt.lines.len() as u64)
        .map(|k| (Some(k * 2000), Some((k + 1) * 2000 - 1)))
        .collect();
    let cases: [(&str, String, bool); 6] = [
        ("ep.json", to_bcc_json(episode()), true),
        ("ep.bcc", to_bcc_json(episode()), true),
        ("ep.json", to_whisper_json(episode()), true),
        ("ep.json", to_whisper_cpp_json(episode()), true),
        ("ep.tsv", to_whisper_tsv(episode()), true),
        // Saved under another name, a file is still read by what it holds.
        ("ep.txt", to_bcc_json(episode()), true),
    ];
    for (name, text, same_spans) in &cases {
        let (t, doc) = annotate(name, text.as_bytes(), &ReadOptions::default());
        let s = summarize(&t, &doc);
        let label = format!("{name} ({}…)", &text[..20]);
        assert_same(&label, &base, &s, *same_spans);
        assert_eq!(times(&t), expected, "{label}: times");
        for m in &doc.mentions {
            let line = t.lines.iter().find(|l| l.number == m.line).unwrap();
            assert_eq!(
                (m.start_ms, m.end_ms),
                (line.start_ms, line.end_ms),
                "{label}"
            );
        }
        assert!(doc.facts.iter().all(|f| f.evidence.start_ms.is_some()));
    }
    // JSON: a line number is the cue's position in its list; TSV: the row's line in the file.
    let (t, _) = annotate(
        "ep.json",
        to_bcc_json(episode()).as_bytes(),
        &Default::default(),
    );
    assert_eq!(t.line_count, bt.lines.len());
    assert!(t.lines.iter().enumerate().all(|(i, l)| l.number == i + 1));
    let (t, _) = annotate(
        "ep.tsv",
        to_whisper_tsv(episode()).as_bytes(),
        &Default::default(),
    );
    assert!(t.lines.iter().enumerate().all(|(i, l)| l.number == i + 2));
}

#[test]
fn youtube_rolling_captions_give_each_line_once_with_its_times() {
    let (bt, bdoc) = baseline();
    let base = summarize(&bt, &bdoc);
    let vtt = to_youtube_vtt(episode());
    // Every line is in the file three times, and carries inline word times once.
    assert!(vtt.contains("<c>"));
    let (t, doc) = annotate("ep.vtt", vtt.as_bytes(), &ReadOptions::default());
    assert_eq!(t.lines.len(), bt.lines.len(), "one line per spoken line");
    // Read from the plain repeat of each line: no word times inside names and numbers.
    assert!(t.lines.iter().all(|l| !l.text.contains('<')));
    assert_same("YouTube VTT", &base, &summarize(&t, &doc), false);
    // Each line is read from the cue it is spoken in, which ends 10 ms before the line is
    // complete on screen.
    let expected: Vec<(Option<u64>, Option<u64>)> = (0..bt.lines.len() as u64)
        .map(|k| (Some(k * 2000), Some((k + 1) * 2000 - 10)))
        .collect();
    assert_eq!(times(&t), expected);
}
