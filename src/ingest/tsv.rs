//! Whisper's TSV output (`--output_format tsv`): a header row `start<TAB>end<TAB>text`, then
//! one segment a row, its times in whole milliseconds. Each row with text becomes one
//! transcript line, numbered by its line in the file (the header is line 1), with its times.
//!
//! Whisper writes the text unquoted (tabs inside it replaced by spaces), so the reader takes
//! quotes as text; a row with more than three fields keeps the rest of the row, tabs included,
//! as its text.

use std::path::Path;

use super::decode::MAX_LINE_BYTES;
use crate::error::{Error, Result};
use crate::model::SourceLine;

/// The header a Whisper TSV starts with (compared without case and surrounding spaces).
pub const HEADER: [&str; 3] = ["start", "end", "text"];

/// Whether `line` (the first line of a file) is the Whisper TSV header.
pub fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    fields.len() == HEADER.len()
        && fields
            .iter()
            .zip(HEADER)
            .all(|(f, h)| f.eq_ignore_ascii_case(h))
}

/// The transcript lines of a Whisper TSV.
pub fn parse(path: &Path, text: &str) -> Result<Vec<SourceLine>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    let mut record = csv::StringRecord::new();
    // The line a record starts on, counted forward from the last record's. csv gives the
    // offset where it started reading the record, which may be before the line break (and
    // the blank lines) that end the row before.
    let (mut counted_to, mut line) = (0, 1);
    let mut line_at = |byte: usize| {
        let byte = byte.min(text.len());
        let byte = text[byte..]
            .find(|c| c != '\r' && c != '\n')
            .map_or(text.len(), |skip| byte + skip);
        line += text.as_bytes()[counted_to..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = byte;
        line
    };
    let mut first = true;
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| Error::in_file(path, format!("unreadable TSV row: {e}")))?;
        if !more {
            break;
        }
        let number = line_at(record.position().map_or(0, |p| p.byte() as usize));
        if first {
            first = false;
            let header: Vec<&str> = record.iter().collect();
            if !is_header(&header.join("\t")) {
                return Err(Error::at_line(
                    path,
                    number,
                    "not a Whisper TSV: the first row must be the header `start<TAB>end<TAB>text`",
                ));
            }
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() < 3 {
            return Err(Error::at_line(
                path,
                number,
                format!(
                    "a row needs three tab-separated fields (start, end, text); this one has {}",
                    record.len()
                ),
            ));
        }
        let ms = |i: usize, name: &str| -> Result<u64> {
            let field = record[i].trim();
            field.parse().map_err(|_| {
                Error::at_line(
                    path,
                    number,
                    format!("`{name}` is {field:?}, not a whole number of milliseconds"),
                )
            })
        };
        let (start, end) = (ms(0, "start")?, ms(1, "end")?);
        if end < start {
            return Err(Error::at_line(
                path,
                number,
                format!("the segment ends ({end} ms) before it starts ({start} ms)"),
            ));
        }
        let rest: Vec<&str> = record.iter().skip(2).collect();
        let line_text = rest.join("\t");
        let line_text = line_text.trim();
        if line_text.is_empty() {
            continue;
        }
        if line_text.len() > MAX_LINE_BYTES {
            return Err(Error::at_line(
                path,
                number,
                format!("line is longer than {MAX_LINE_BYTES} bytes; refused"),
            ));
        }
        lines.push(SourceLine {
            number,
            text: line_text.to_string(),
            start_ms: Some(start),
            end_ms: Some(end),
        });
    }
    if first {
        return Err(Error::in_file(path, "the file is empty"));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Vec<(usize, String, u64, u64)> {
        parse(Path::new("x.tsv"), text)
            .unwrap()
            .into_iter()
            .map(|l| (l.number, l.text, l.start_ms.unwrap(), l.end_ms.unwrap()))
            .collect()
    }

    #[test]
    fn rows_become_lines_numbered_by_file_line() {
        let text = "start\tend\ttext\r\n0\t1840\t今天聊聊\"机器人\"\r\n\r\n1840\t3200\t \r\n\
                    3200\t5000\t宇树\t发布了新品\n";
        assert_eq!(
            parse_ok(text),
            [
                (2, "今天聊聊\"机器人\"".to_string(), 0, 1840),
                (5, "宇树\t发布了新品".to_string(), 3200, 5000),
            ]
        );
        assert!(is_header(" Start\tEND\ttext "));
        assert!(!is_header("start,end,text"));
    }

    #[test]
    fn bad_rows_name_the_line() {
        let e = |text: &str| parse(Path::new("x.tsv"), text).unwrap_err().to_string();
        assert_eq!(
            e("from\tto\tcontent\n0\t1\t甲\n"),
            "x.tsv:1: not a Whisper TSV: the first row must be the header `start<TAB>end<TAB>text`"
        );
        assert_eq!(
            e("start\tend\ttext\n0\t1000\t甲\n1.5\t2.5\t乙\n"),
            "x.tsv:3: `start` is \"1.5\", not a whole number of milliseconds"
        );
        assert_eq!(
            e("start\tend\ttext\n0\t1000\t甲\n2000\t1000\t乙\n"),
            "x.tsv:3: the segment ends (1000 ms) before it starts (2000 ms)"
        );
        assert!(
            e("start\tend\ttext\n0 1000 甲\n").starts_with("x.tsv:2: a row needs three"),
            "{}",
            e("start\tend\ttext\n0 1000 甲\n")
        );
    }
}
