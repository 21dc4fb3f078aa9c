//! JSON transcripts: Bilibili's BCC subtitles and Whisper's JSON output. Each cue (BCC) or
//! segment (Whisper) becomes one transcript line with its times, as an SRT cue does.
//!
//! - BCC (`.json` or `.bcc`, as Bilibili serves CC subtitles):
//!   `{"body": [{"from": 1.5, "to": 3.8, "content": "…"}, …]}`, times in seconds;
//! - openai-whisper (`--output_format json`) and the tools that copy its shape (WhisperX,
//!   stable-ts): `{"segments": [{"start": 1.5, "end": 3.8, "text": "…"}, …]}`, seconds;
//! - whisper.cpp (`-oj`): `{"transcription": [{"offsets": {"from": 1500, "to": 3800},
//!   "text": "…"}, …]}`, milliseconds.
//!
//! Which one a file is comes from the key it has, in that order; a JSON object with none of
//! them is an error naming the file, never a silent skip. Other fields (BCC's styling,
//! Whisper's tokens and word list) are ignored.
//!
//! A JSON transcript has no lines of its own (it is often all on one line), so a line number
//! here is the cue's position in its list, from 1, and the transcript's line count is the
//! list's length. A cue's text is its string as decoded, trimmed (Whisper starts segments
//! with a space); a line break or other control char inside it becomes a space, one char for
//! one, so the line stays one line and offsets stay exact.

use std::path::Path;

use serde::Deserialize;

use super::decode::MAX_LINE_BYTES;
use crate::error::{Error, Result};
use crate::model::SourceLine;

/// Which JSON shape a transcript is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Bcc,
    Whisper,
    WhisperCpp,
}

/// The top level of every JSON transcript: one of the lists is there.
#[derive(Deserialize)]
#[serde(
    expecting = "a JSON object with a `body` (Bilibili), `segments` (Whisper) or \
                     `transcription` (whisper.cpp) list"
)]
struct Document {
    body: Option<Vec<BccCue>>,
    segments: Option<Vec<WhisperSegment>>,
    transcription: Option<Vec<WhisperCppSegment>>,
}

/// A cue in milliseconds, checked while it is deserialized, so that the error carries
/// serde_json's position: just past the bad cue (the line after it when the JSON has a cue a
/// line).
struct Cue {
    start_ms: u64,
    end_ms: u64,
    text: String,
}

impl Cue {
    fn new(start_ms: u64, end_ms: u64, text: String) -> std::result::Result<Cue, String> {
        if end_ms < start_ms {
            // serde_json gives the line where the cue ends: its text helps find it.
            let head: String = text.trim().chars().take(20).collect();
            return Err(format!(
                "the cue {head:?} ends ({end_ms} ms) before it starts ({start_ms} ms)"
            ));
        }
        Ok(Cue {
            start_ms,
            end_ms,
            text,
        })
    }
}

#[derive(Deserialize)]
#[serde(try_from = "RawBccCue")]
struct BccCue(Cue);

#[derive(Deserialize)]
struct RawBccCue {
    from: f64,
    to: f64,
    content: String,
}

impl TryFrom<RawBccCue> for BccCue {
    type Error = String;
    fn try_from(c: RawBccCue) -> std::result::Result<Self, String> {
        Cue::new(seconds(c.from, "from")?, seconds(c.to, "to")?, c.content).map(BccCue)
    }
}

#[derive(Deserialize)]
#[serde(try_from = "RawWhisperSegment")]
struct WhisperSegment(Cue);

#[derive(Deserialize)]
struct RawWhisperSegment {
    start: f64,
    end: f64,
    text: String,
}

impl TryFrom<RawWhisperSegment> for WhisperSegment {
    type Error = String;
    fn try_from(s: RawWhisperSegment) -> std::result::Result<Self, String> {
        Cue::new(seconds(s.start, "start")?, seconds(s.end, "end")?, s.text).map(WhisperSegment)
    }
}

#[derive(Deserialize)]
#[serde(try_from = "RawWhisperCppSegment")]
struct WhisperCppSegment(Cue);

#[derive(Deserialize)]
struct RawWhisperCppSegment {
    offsets: Offsets,
    text: String,
}

#[derive(Deserialize)]
struct Offsets {
    from: u64,
    to: u64,
}

impl TryFrom<RawWhisperCppSegment> for WhisperCppSegment {
    type Error = String;
    fn try_from(s: RawWhisperCppSegment) -> std::result::Result<Self, String> {
        Cue::new(s.offsets.from, s.offsets.to, s.text).map(WhisperCppSegment)
    }
}

/// Seconds as JSON gives them -> whole milliseconds; an error for a negative or absurd time.
fn seconds(seconds: f64, field: &str) -> std::result::Result<u64, String> {
    // Up to a thousand hours: anything beyond is not a recording's time.
    if seconds.is_finite() && (0.0..3.6e6).contains(&seconds) {
        Ok((seconds * 1000.0).round() as u64)
    } else {
        Err(format!(
            "`{field}` is {seconds}, not a time in seconds (a number from 0)"
        ))
    }
}

/// The transcript lines of a JSON transcript, the kind it was, and its line count (the
/// number of cues).
pub fn parse(path: &Path, text: &str) -> Result<(Vec<SourceLine>, JsonKind, usize)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // serde would take an array for the object, field by field: refused first, plainly.
    let body = text.trim_start();
    if !body.starts_with('{') {
        let line = text[..text.len() - body.len()].matches('\n').count() + 1;
        return Err(Error::at_line(
            path,
            line,
            "not a JSON transcript: expected a JSON object with a `body` (Bilibili), \
             `segments` (Whisper) or `transcription` (whisper.cpp) list",
        ));
    }
    let doc: Document = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    let (kind, cues): (JsonKind, Vec<Cue>) = if let Some(body) = doc.body {
        (JsonKind::Bcc, body.into_iter().map(|c| c.0).collect())
    } else if let Some(segments) = doc.segments {
        (
            JsonKind::Whisper,
            segments.into_iter().map(|c| c.0).collect(),
        )
    } else if let Some(segments) = doc.transcription {
        (
            JsonKind::WhisperCpp,
            segments.into_iter().map(|c| c.0).collect(),
        )
    } else {
        return Err(Error::in_file(
            path,
            "a JSON file that is neither Bilibili subtitles (a `body` list of \
             `from`/`to`/`content`) nor Whisper output (a `segments` list of \
             `start`/`end`/`text`, or whisper.cpp's `transcription`); not a transcript",
        ));
    };
    let count = cues.len();
    let mut lines = Vec::with_capacity(count);
    for (i, cue) in cues.into_iter().enumerate() {
        let number = i + 1;
        let text = cue.text.trim();
        if text.is_empty() {
            continue;
        }
        if text.len() > MAX_LINE_BYTES {
            return Err(Error::in_file(
                path,
                format!(
                    "cue {number}: the text is {} bytes long; lines over {MAX_LINE_BYTES} \
                     bytes are refused",
                    text.len()
                ),
            ));
        }
        lines.push(SourceLine {
            number,
            text: one_line(text),
            start_ms: Some(cue.start_ms),
            end_ms: Some(cue.end_ms),
        });
    }
    Ok((lines, kind, count))
}

/// Line breaks and other control chars inside a cue's text become spaces, one for one.
fn one_line(text: &str) -> String {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    } else {
        text.to_string()
    }
}

/// A serde_json error as ours: the file and line, what is wrong, and the column.
fn json_error(path: &Path, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let what = match e.classify() {
        Category::Syntax | Category::Eof => "invalid JSON",
        Category::Data | Category::Io => "bad JSON transcript",
    };
    Error::at_line(
        path,
        e.line().max(1),
        format!("{what}: {message} (column {})", e.column()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    type Line = (usize, String, u64, u64);

    fn parse_ok(text: &str) -> (Vec<Line>, JsonKind, usize) {
        let (lines, kind, count) = parse(Path::new("x.json"), text).unwrap();
        let lines = lines
            .into_iter()
            .map(|l| (l.number, l.text, l.start_ms.unwrap(), l.end_ms.unwrap()))
            .collect();
        (lines, kind, count)
    }

    fn err(text: &str) -> String {
        parse(Path::new("x.json"), text).unwrap_err().to_string()
    }

    #[test]
    fn bcc_cues_become_lines_with_times() {
        let text = r#"{"font_size":0.4,"type":"AIsubtitle","lang":"zh","body":[
            {"from":0.5,"to":2.25,"sid":1,"location":2,"content":"大家好"},
            {"from":2.25,"to":4,"content":"  "},
            {"from":4.0,"to":6.5,"content":"深度求索\n发布了新模型"}]}"#;
        let (lines, kind, count) = parse_ok(text);
        assert_eq!(kind, JsonKind::Bcc);
        assert_eq!(count, 3);
        assert_eq!(
            lines,
            [
                (1, "大家好".to_string(), 500, 2250),
                (3, "深度求索 发布了新模型".to_string(), 4000, 6500),
            ]
        );
    }

    #[test]
    fn whisper_and_whisper_cpp_segments() {
        let text = "\u{FEFF}{\"text\":\"…\",\"segments\":[{\"id\":0,\"seek\":0,\"start\":0.0,\
                    \"end\":1.84,\"text\":\" 今天聊聊机器人\",\"tokens\":[1,2],\
                    \"words\":[{\"word\":\"今天\",\"start\":0.0,\"end\":0.4}]}],\"language\":\"zh\"}";
        let (lines, kind, _) = parse_ok(text);
        assert_eq!(kind, JsonKind::Whisper);
        assert_eq!(lines, [(1, "今天聊聊机器人".to_string(), 0, 1840)]);
        let text = r#"{"systeminfo":"AVX = 1","result":{"language":"zh"},"transcription":[
            {"timestamps":{"from":"00:00:00,000","to":"00:00:02,120"},
             "offsets":{"from":0,"to":2120},"text":" 宇树发布了人形机器人"}]}"#;
        let (lines, kind, count) = parse_ok(text);
        assert_eq!((kind, count), (JsonKind::WhisperCpp, 1));
        assert_eq!(lines, [(1, "宇树发布了人形机器人".to_string(), 0, 2120)]);
    }

    #[test]
    fn bad_json_names_file_line_and_what() {
        let e = err(
            "{\"body\": [\n  {\"from\": 1, \"to\": 2, \"content\": \"甲\"},\n  {\"from\": 3, \"content\": \"乙\"}\n]}",
        );
        assert!(
            e.starts_with("x.json:3: bad JSON transcript: missing field `to`"),
            "{e}"
        );
        let e = err("{\"segments\": [\n  {\"start\": 1, \"end\": 2, \"text\": \"甲\"},\n");
        assert!(e.starts_with("x.json:3: invalid JSON: EOF"), "{e}");
        let e = err("{\"title\": \"x\", \"chapters\": []}");
        assert!(
            e.starts_with("x.json: a JSON file that is neither Bilibili subtitles"),
            "{e}"
        );
        let e = err("\n[1, 2]");
        assert!(
            e.starts_with("x.json:2: not a JSON transcript: expected a JSON object"),
            "{e}"
        );
        let e = err(
            "{\"body\":[\n{\"from\":1,\"to\":2,\"content\":\"甲\"},\n{\"from\":5,\"to\":4,\"content\":\"乙\"}]}",
        );
        assert_eq!(
            e,
            "x.json:3: bad JSON transcript: the cue \"乙\" ends (4000 ms) before it starts (5000 ms) \
             (column 34)"
        );
        let e = err(r#"{"segments":[{"start":-1,"end":2,"text":"甲"}]}"#);
        assert!(
            e.starts_with(
                "x.json:1: bad JSON transcript: `start` is -1, not a time in seconds (a number \
                 from 0)"
            ),
            "{e}"
        );
    }
}
