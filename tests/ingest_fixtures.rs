//! Small hand-made files in the shapes users deliver (tests/fixtures/inputs/): what ingest
//! reads from each, and what the pipeline finds in it.

use crate::support;

use std::path::{Path, PathBuf};

use support::*;
use transcript_facts::ingest;
use transcript_facts::model::Transcript;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inputs")
        .join(name)
}

fn read(name: &str) -> Transcript {
    ingest::read_transcript(&fixture(name), None).unwrap()
}

fn lines(t: &Transcript) -> Vec<(usize, &str, Option<u64>, Option<u64>)> {
    t.lines
        .iter()
        .map(|l| (l.number, l.text.as_str(), l.start_ms, l.end_ms))
        .collect()
}

/// (line, text, entity id or value) of every mention.
fn mentions(t: &Transcript) -> Vec<(usize, String, String)> {
    annotator()
        .annotate(t)
        .mentions
        .into_iter()
        .map(|m| {
            let what = m
                .entity_id
                .clone()
                .or_else(|| m.value.as_ref().map(|v| format!("{v:?}")))
                .unwrap_or_default();
            (m.line, m.text, what)
        })
        .collect()
}

fn has(ms: &[(usize, String, String)], line: usize, text: &str, what: &str) -> bool {
    ms.iter()
        .any(|m| m.0 == line && m.1 == text && m.2.contains(what))
}

#[test]
fn styled_srt_with_bom_and_crlf() {
    let t = read("styled.srt");
    assert_eq!(t.encoding, "UTF-8");
    assert_eq!(t.line_count, 12);
    assert_eq!(
        lines(&t),
        [
            (
                3,
                "{\\an8}<font color=\"#ffff00\">智谱</font>成立于 2019 年 6 月",
                Some(1000),
                Some(3500)
            ),
            (7, "<b>月之暗面</b>的Kimi", Some(3500), Some(6000)),
            (8, "<i>融资超过 10 亿美元</i>", Some(3500), Some(6000)),
            (
                12,
                "ＯｐｅｎＡＩ　发布了ＧＰＴ－３",
                Some(3_600_000),
                Some(3_602_250)
            ),
        ]
    );
    let ms = mentions(&t);
    assert!(has(&ms, 3, "智谱", "company/zhipu"), "{ms:?}");
    assert!(has(&ms, 7, "月之暗面", "company/moonshot"), "{ms:?}");
    assert!(has(&ms, 7, "Kimi", "product/kimi"), "{ms:?}");
    assert!(has(&ms, 12, "ＯｐｅｎＡＩ", "company/openai"), "{ms:?}");
    assert!(has(&ms, 12, "ＧＰＴ－３", "product/gpt-3"), "{ms:?}");
    // Tag text never becomes a mention.
    assert!(
        ms.iter().all(|m| !m.1.contains('<') && !m.1.contains('{')),
        "{ms:?}"
    );
}

#[test]
fn webvtt_with_every_kind_of_block() {
    let t = read("captions.vtt");
    assert_eq!(
        lines(&t),
        [
            (
                17,
                "<v 大飞>大家好，这里是最佳拍档</v>",
                Some(1000),
                Some(3500)
            ),
            (
                20,
                "<c.yellow>智谱</c>成立于 <00:00:04.500>2019 年 6 月",
                Some(3500),
                Some(6000)
            ),
            (21, "月之暗面 &amp; 阶跃星辰", Some(3500), Some(6000)),
            (
                25,
                "零一萬物融資超過 2 億美元",
                Some(3_600_000),
                Some(3_602_250)
            ),
        ]
    );
    let ms = mentions(&t);
    assert!(has(&ms, 20, "智谱", "company/zhipu"), "{ms:?}");
    assert!(has(&ms, 21, "阶跃星辰", "company/stepfun"), "{ms:?}");
    // Traditional text: the entity is found, the mention keeps the file's chars.
    assert!(has(&ms, 25, "零一萬物", "company/01-ai"), "{ms:?}");
    assert!(has(&ms, 25, "超過 2 億美元", "200000000"), "{ms:?}");
}

#[test]
fn legacy_encodings() {
    let gbk = read("gbk.txt");
    assert_eq!(gbk.encoding, "GBK");
    assert_eq!(gbk.lines[1].text, "月之暗面的Kimi融资超过 10 亿美元");
    let big5 = read("big5.txt");
    assert_eq!(big5.encoding, "Big5");
    assert_eq!(big5.lines[1].text, "月之暗面的Kimi融資超過 10 億美元");
    let be = read("utf16be.txt");
    assert_eq!(be.encoding, "UTF-16BE");
    assert_eq!(be.lines[0].text, "智谱成立于 2019 年 6 月");
    // The same things are found in all three, at the same places.
    let g = mentions(&gbk);
    assert!(!g.is_empty());
    assert_eq!(g, mentions(&be));
    let b: Vec<(usize, String)> = mentions(&big5).into_iter().map(|m| (m.0, m.2)).collect();
    let g: Vec<(usize, String)> = g.into_iter().map(|m| (m.0, m.2)).collect();
    assert_eq!(g, b);
}

#[test]
fn malformed_subtitle_fixtures() {
    let e = ingest::read_transcript(&fixture("bad-arrow.srt"), None).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "bad-arrow.srt:6: malformed cue: missing `-->` between the cue's start and end times"
        ),
        "{e}"
    );
    let e = ingest::read_transcript(&fixture("bad-time.vtt"), None).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "bad-time.vtt:6: malformed cue: bad time \"00:04\" (expected a time like 00:01:02.345)"
        ),
        "{e}"
    );
}
