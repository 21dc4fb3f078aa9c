//! SRT and WebVTT: the cue text lines become the transcript lines, each keeping its line
//! number in the original file and the times of its cue.
//!
//! Cue numbers, identifiers, timing lines and cue settings are not text. Styling tags inside
//! cue text (`<i>`, `<c.yellow>`, `<v Speaker>`, `{\an8}`) are left in the line, so offsets
//! keep pointing at the original file's chars; the normalized view blanks them out
//! ([`crate::normalize`]). WebVTT header, `NOTE`, `STYLE` and `REGION` blocks are skipped.
//!
//! The parser is forgiving where files in the wild differ harmlessly (`,` or `.` before the
//! milliseconds, one-digit hours, text continuing after a blank line inside a cue) and strict
//! where guessing would misplace text or times: a block that looks like a cue but has no valid
//! timing line is an error naming the line.
//!
//! YouTube's automatic captions are WebVTT with the time of each word inline
//! (`大家好<00:00:01.000><c> 这里</c>`) and rolling lines: each cue shows the line before it
//! again, plain, above the line being spoken. In a WebVTT file with inline word times, a
//! line without them that repeats the last line kept (tags and spaces aside) is such a
//! repeat, so each spoken line is read once, with the times of the cue where it is spoken.
//! Its text is taken from its first plain repeat when there is one (that line's number and
//! chars): word times inside a name or a number (`6000<00:00:03.100><c>亿</c>`) would
//! otherwise stand between its parts. (A one-word line said twice in a row is read once: the
//! cost of telling repeats apart by their text.)

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::SourceLine;

/// Which subtitle format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubtitleFormat {
    Srt,
    Vtt,
}

/// Cue text lines of a subtitle file (`text` already decoded), with their cue times.
pub fn parse(path: &Path, text: &str, format: SubtitleFormat) -> Result<Vec<SourceLine>> {
    let lines: Vec<(usize, &str)> = super::split_lines(text)
        .into_iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let mut blocks = lines
        .split(|(_, l)| l.trim().is_empty())
        .filter(|b| !b.is_empty());
    if format == SubtitleFormat::Vtt {
        check_vtt_header(path, &lines)?;
        blocks.next(); // the header block: `WEBVTT` and its header lines
    }
    let mut out = Vec::new();
    let mut last_cue: Option<(u64, u64)> = None;
    for block in blocks {
        let (first_number, first) = block[0];
        if format == SubtitleFormat::Vtt && is_vtt_meta_block(first) {
            continue;
        }
        let timing_at = if first.contains("-->") {
            Some(0)
        } else if block.len() > 1 && block[1].1.contains("-->") {
            Some(1)
        } else {
            None
        };
        let Some(timing_at) = timing_at else {
            if looks_like_cue_start(first) {
                let (number, message) = match block.get(1) {
                    Some(&(n, l)) if looks_like_timestamp_line(l) => {
                        (n, "missing `-->` between the cue's start and end times")
                    }
                    Some(&(n, _)) => (
                        n,
                        "expected a timing line (`00:00:01,000 --> 00:00:02,000`) after the cue number",
                    ),
                    None if looks_like_timestamp_line(first) => (
                        first_number,
                        "missing `-->` between the cue's start and end times",
                    ),
                    None => (first_number, "a cue number with no timing line and no text"),
                };
                return Err(Error::at_line(
                    path,
                    number,
                    format!("malformed cue: {message}"),
                ));
            }
            // Text after a blank line inside a cue: it belongs to the cue before.
            let Some((start, end)) = last_cue else {
                return Err(Error::at_line(
                    path,
                    first_number,
                    "text before the first cue (expected a cue number or a timing line)",
                ));
            };
            out.extend(block.iter().map(|&(n, l)| source_line(n, l, start, end)));
            continue;
        };
        let (timing_number, timing) = block[timing_at];
        let (start, end) = parse_timing(timing, format)
            .map_err(|m| Error::at_line(path, timing_number, format!("malformed cue: {m}")))?;
        last_cue = Some((start, end));
        for &(n, l) in &block[timing_at + 1..] {
            if l.contains("-->") {
                return Err(Error::at_line(
                    path,
                    n,
                    "malformed cue: a second timing line in one cue (missing blank line?)",
                ));
            }
            out.push(source_line(n, l, start, end));
        }
    }
    if format == SubtitleFormat::Vtt && out.iter().any(|l| has_inline_timestamp(&l.text)) {
        out = drop_rolling_repeats(out);
    }
    Ok(out)
}

/// Whether a cue text line carries a word time (`<00:00:01.000>`).
fn has_inline_timestamp(line: &str) -> bool {
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(close) = rest.find('>')
            && parse_timestamp(&rest[..close], SubtitleFormat::Vtt).is_ok()
        {
            return true;
        }
    }
    false
}

/// A line's text without tags and white space: what is said, to compare lines by.
fn spoken_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        out.extend(rest[..at].chars().filter(|c| !c.is_whitespace()));
        let after = &rest[at..];
        match after.find('>') {
            Some(close) if !after[1..close].contains('<') => rest = &after[close + 1..],
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.extend(rest.chars().filter(|c| !c.is_whitespace()));
    out
}

/// Drop the rolling repeats of a YouTube caption file, a spoken line taking the number and
/// text of its first plain repeat (see the module doc).
fn drop_rolling_repeats(lines: Vec<SourceLine>) -> Vec<SourceLine> {
    let mut out: Vec<SourceLine> = Vec::with_capacity(lines.len() / 2);
    let mut last = String::new();
    // Whether the last line kept still has its word times (no plain repeat seen yet).
    let mut last_timed = false;
    for line in lines {
        let said = spoken_text(&line.text);
        if said.is_empty() {
            continue;
        }
        let timed = has_inline_timestamp(&line.text);
        if !timed && said == last {
            if last_timed && let Some(kept) = out.last_mut() {
                kept.number = line.number;
                kept.text = line.text;
                last_timed = false;
            }
            continue;
        }
        last = said;
        last_timed = timed;
        out.push(line);
    }
    out
}

fn source_line(number: usize, text: &str, start: u64, end: u64) -> SourceLine {
    SourceLine {
        number,
        text: text.to_string(),
        start_ms: Some(start),
        end_ms: Some(end),
    }
}

fn check_vtt_header(path: &Path, lines: &[(usize, &str)]) -> Result<()> {
    let first = lines.first().map_or("", |(_, l)| *l);
    let first = first.strip_prefix('\u{FEFF}').unwrap_or(first);
    let ok = first
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if ok {
        Ok(())
    } else {
        Err(Error::at_line(
            path,
            1,
            "not a WebVTT file: the first line must be `WEBVTT`",
        ))
    }
}

/// `NOTE`, `STYLE` and `REGION` blocks carry no cue text.
fn is_vtt_meta_block(first: &str) -> bool {
    ["NOTE", "STYLE", "REGION"].iter().any(|kw| {
        first
            .strip_prefix(kw)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// A cue number (`12`) or something that starts like a timing line (`00:00:01,000 ...`).
fn looks_like_cue_start(line: &str) -> bool {
    let t = line.trim();
    (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())) || looks_like_timestamp_line(t)
}

fn looks_like_timestamp_line(line: &str) -> bool {
    let t = line.trim();
    let head: String = t.chars().take(5).collect();
    head.len() == 5
        && head.chars().filter(|c| c.is_ascii_digit()).count() >= 3
        && head.contains(':')
}

/// `start --> end [settings]` in milliseconds.
pub fn parse_timing(line: &str, format: SubtitleFormat) -> std::result::Result<(u64, u64), String> {
    let (left, right) = line
        .split_once("-->")
        .ok_or_else(|| "missing `-->` in the timing line".to_string())?;
    let start = parse_timestamp(left.trim(), format)?;
    // After the end time, WebVTT has cue settings (`align:start position:10%`) and some SRT
    // files have `X1:.. Y1:..` coordinates: ignored.
    let end_text = right.split_whitespace().next().unwrap_or("");
    let end = parse_timestamp(end_text, format)?;
    if end < start {
        return Err(format!(
            "the cue ends ({end_text}) before it starts ({})",
            left.trim()
        ));
    }
    Ok((start, end))
}

/// `HH:MM:SS,mmm` (SRT), `HH:MM:SS.mmm` or `MM:SS.mmm` (WebVTT), in milliseconds. Either
/// separator is taken in either format; hours may have any number of digits.
pub fn parse_timestamp(s: &str, format: SubtitleFormat) -> std::result::Result<u64, String> {
    let bad = || {
        let example = match format {
            SubtitleFormat::Srt => "00:01:02,345",
            SubtitleFormat::Vtt => "00:01:02.345",
        };
        if s.is_empty() {
            format!("missing time (expected a time like {example})")
        } else {
            format!("bad time {s:?} (expected a time like {example})")
        }
    };
    let (clock, millis) = s.rsplit_once([',', '.']).ok_or_else(bad)?;
    if millis.is_empty() || millis.len() > 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // `,5` is 500 ms, `,05` 50 ms.
    let millis: u64 = format!("{millis:0<3}").parse().map_err(|_| bad())?;
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return Err(bad()),
    };
    let field = |f: &str, two: bool| -> Option<u64> {
        let ok = !f.is_empty()
            && f.len() <= 6
            && f.bytes().all(|b| b.is_ascii_digit())
            && (!two || f.len() == 2);
        if ok { f.parse().ok() } else { None }
    };
    let h = field(h, false).ok_or_else(bad)?;
    let m = field(m, true).filter(|&m| m < 60).ok_or_else(bad)?;
    let sec = field(sec, true).filter(|&s| s < 60).ok_or_else(bad)?;
    Ok(((h * 60 + m) * 60 + sec) * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn srt(text: &str) -> Result<Vec<SourceLine>> {
        parse(Path::new("x.srt"), text, SubtitleFormat::Srt)
    }
    fn vtt(text: &str) -> Result<Vec<SourceLine>> {
        parse(Path::new("x.vtt"), text, SubtitleFormat::Vtt)
    }
    fn summary(lines: &[SourceLine]) -> Vec<(usize, &str, u64, u64)> {
        lines
            .iter()
            .map(|l| {
                (
                    l.number,
                    l.text.as_str(),
                    l.start_ms.unwrap(),
                    l.end_ms.unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn timestamps() {
        use SubtitleFormat::*;
        assert_eq!(parse_timestamp("00:01:02,345", Srt), Ok(62_345));
        assert_eq!(parse_timestamp("00:01:02.345", Vtt), Ok(62_345));
        assert_eq!(parse_timestamp("01:02.345", Vtt), Ok(62_345));
        assert_eq!(parse_timestamp("1:00:00,000", Srt), Ok(3_600_000));
        assert_eq!(parse_timestamp("00:00:01,5", Srt), Ok(1_500));
        for bad in [
            "",
            "00:61:00,000",
            "00:00:00",
            "aa:bb:cc,ddd",
            "00:00:00,1234",
            "0:0:0,000",
        ] {
            assert!(parse_timestamp(bad, Srt).is_err(), "{bad}");
        }
    }

    #[test]
    fn srt_cues_keep_file_line_numbers_and_times() {
        let text = "1\r\n00:00:01,000 --> 00:00:02,500\r\n智谱成立于 2019 年\r\n\r\n\
                    2\n00:00:03,000 --> 00:00:05,000 X1:10 X2:20\n<i>第一行</i>\n{\\an8}第二行\n\n\n";
        let lines = srt(text).unwrap();
        assert_eq!(
            summary(&lines),
            [
                (3, "智谱成立于 2019 年", 1000, 2500),
                (7, "<i>第一行</i>", 3000, 5000),
                (8, "{\\an8}第二行", 3000, 5000),
            ]
        );
    }

    #[test]
    fn vtt_skips_header_notes_styles_and_regions() {
        let text = "WEBVTT - 标题\nKind: captions\n\nNOTE 这是注释\n跨两行\n\n\
                    STYLE\n::cue { color: yellow }\n\nREGION\nid:fred\n\n\
                    intro\n00:01.000 --> 00:02.000 align:start position:10%\n\
                    <v 大飞>大家好</v>\n\n00:00:03.000 --> 00:00:04.000\n<c.yellow>月之暗面</c>\n";
        let lines = vtt(text).unwrap();
        assert_eq!(
            summary(&lines),
            [
                (15, "<v 大飞>大家好</v>", 1000, 2000),
                (18, "<c.yellow>月之暗面</c>", 3000, 4000),
            ]
        );
    }

    #[test]
    fn text_after_a_blank_line_in_a_cue_stays_with_the_cue() {
        let lines = srt("1\n00:00:01,000 --> 00:00:02,000\n甲\n\n乙\n").unwrap();
        assert_eq!(
            summary(&lines),
            [(3, "甲", 1000, 2000), (5, "乙", 1000, 2000)]
        );
    }

    #[test]
    fn youtube_rolling_captions_give_each_line_once() {
        let text = "WEBVTT\nKind: captions\nLanguage: zh-Hans\n\n\
            00:00:00.320 --> 00:00:02.390 align:start position:0%\n \n\
            大家好<00:00:00.800><c> 今天</c><00:00:01.200><c> 聊聊</c>\n\n\
            00:00:02.390 --> 00:00:02.400 align:start position:0%\n大家好 今天 聊聊\n \n\n\
            00:00:02.400 --> 00:00:04.870 align:start position:0%\n大家好 今天 聊聊\n\
            宇树<00:00:02.900><c> 发布了</c><00:00:03.500><c> 机器人</c>\n\n\
            00:00:04.870 --> 00:00:04.880 align:start position:0%\n宇树 发布了 机器人\n \n\n\
            00:00:04.880 --> 00:00:06.000 align:start position:0%\n宇树 发布了 机器人\n好\n\n\
            00:00:06.000 --> 00:00:07.000 align:start position:0%\n好\n \n";
        let lines = vtt(text).unwrap();
        assert_eq!(
            summary(&lines),
            [
                (10, "大家好 今天 聊聊", 320, 2390),
                (18, "宇树 发布了 机器人", 2400, 4870),
                (23, "好", 4880, 6000),
            ]
        );
        // Without word times, a repeated line is a line said again, and kept.
        // A spoken line with no plain repeat keeps its own text.
        let last = "WEBVTT\n\n00:01.000 --> 00:02.000\n甲<00:01.500><c>乙</c>\n";
        assert_eq!(vtt(last).unwrap()[0].text, "甲<00:01.500><c>乙</c>");
        let plain = "WEBVTT\n\n00:01.000 --> 00:02.000\n对\n\n00:02.000 --> 00:03.000\n对\n";
        assert_eq!(vtt(plain).unwrap().len(), 2);
        assert_eq!(spoken_text("a <b>c</b> <1:00.000>d<e"), "acd<e");
    }

    #[test]
    fn malformed_cues_name_the_line() {
        let e = srt("1\n00:00:01,000 --> 00:00:0x,000\n甲\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.srt:2: malformed cue: bad time \"00:00:0x,000\" (expected a time like 00:01:02,345)"
        );
        let e = srt("1\n00:00:01,000 --> 00:00:02,000\n甲\n\n2\n00:00:03,000 00:00:04,000\n乙\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.srt:6: malformed cue: missing `-->` between the cue's start and end times"
        );
        let e = srt("1\n00:00:05,000 --> 00:00:04,000\n甲\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.srt:2: malformed cue: the cue ends"),
            "{e}"
        );
        let e = srt("开头的字\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.srt:1: text before the first cue"),
            "{e}"
        );
        let e = vtt("1\n00:00:01.000 --> 00:00:02.000\n甲\n").unwrap_err();
        assert!(
            e.to_string().starts_with("x.vtt:1: not a WebVTT file"),
            "{e}"
        );
        let e = vtt("WEBVTT\n\n00:00:01.000 --> \n甲\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.vtt:3: malformed cue: missing time"),
            "{e}"
        );
    }
}
