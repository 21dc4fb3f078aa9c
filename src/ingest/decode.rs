//! Bytes -> text: which encoding a transcript is in, decoded strictly, and the checks that
//! tell a text file from something else (binary data, a runaway line).
//!
//! Detection order, first match wins:
//! 1. an encoding forced by the user (`--encoding LABEL`, a WHATWG label as `encoding_rs`
//!    knows them); a byte-order mark of that same encoding is skipped;
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 3. strict UTF-8;
//! 4. chardetng's guess, accepted only when it is one of the encodings Chinese text comes in
//!    (GBK / GB18030, Big5), then the other of those; each decoded strictly.
//!
//! Nothing is ever decoded with replacement characters: a byte sequence that is not valid in
//! the chosen encoding is an error naming the line, so a wrong guess can't quietly turn a
//! transcript into mojibake.

use std::path::Path;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, DecoderResult, Encoding, GBK, UTF_8};

use crate::error::{Error, Result};

/// Longest line accepted, in bytes of UTF-8. Real subtitle lines are under a few hundred
/// bytes; a longer one means the file is not a transcript (a minified dump, a file without
/// line breaks), and processing it would only make one giant evidence string.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How many bytes chardetng looks at (enough to tell GBK from Big5 by a wide margin).
const DETECT_PREFIX: usize = 64 * 1024;

/// Text decoded from a file, and the encoding it was decoded with.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

impl Decoded {
    /// The encoding's canonical name (`UTF-8`, `UTF-16LE`, `GBK`, `Big5`, ...).
    pub fn encoding_name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// The encoding a `--encoding` label names, or a message saying why there is none.
pub fn encoding_for_label(label: &str) -> std::result::Result<&'static Encoding, String> {
    match Encoding::for_label_no_replacement(label.trim().as_bytes()) {
        Some(e) => Ok(e),
        None => Err(format!(
            "unknown encoding {label:?} (use a label such as utf-8, utf-16le, utf-16be, gbk, \
             gb18030 or big5)"
        )),
    }
}

/// Decode `bytes` read from `path` (only used in messages), then check that the result is
/// text. `forced` skips detection. The bytes are taken by value so that a UTF-8 file (the
/// common case) becomes the text as it is, without a copy.
pub fn decode(
    path: &Path,
    bytes: impl Into<Vec<u8>>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    let decoded = decode_only(path, bytes, forced)?;
    check_text(path, &decoded.text)?;
    Ok(decoded)
}

/// [`decode`] without [`check_text`], for a caller that checks the text itself (a JSON
/// transcript may be one long line: its limit is per cue, not per line of the file).
pub fn decode_only(
    path: &Path,
    bytes: impl Into<Vec<u8>>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    let bytes = bytes.into();
    if bytes.is_empty() {
        return Err(Error::in_file(path, "the file is empty"));
    }
    detect_and_decode(path, bytes, forced)
}

fn detect_and_decode(
    path: &Path,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded> {
    if let Some(encoding) = forced {
        let bytes = bytes.as_slice();
        let body = match Encoding::for_bom(bytes) {
            Some((bom, len)) if bom == encoding => &bytes[len..],
            _ => bytes,
        };
        return decode_as(encoding, body).map_err(|line| {
            Error::at_line(
                path,
                line,
                format!(
                    "invalid {} byte sequence (decoding with --encoding {})",
                    encoding.name(),
                    encoding.name()
                ),
            )
        });
    }
    if let Some((encoding, len)) = Encoding::for_bom(&bytes) {
        return decode_as(encoding, &bytes[len..]).map_err(|line| {
            Error::at_line(
                path,
                line,
                format!(
                    "invalid {} byte sequence after a {} byte-order mark",
                    encoding.name(),
                    encoding.name()
                ),
            )
        });
    }
    let (bytes, utf8_error_line) = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: UTF_8,
            });
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = line_of_offset(&bytes, offset);
            (bytes, line)
        }
    };
    let bytes = bytes.as_slice();
    for encoding in chinese_candidates(bytes) {
        if let Ok(text) = decode_strict(encoding, bytes) {
            return Ok(Decoded { text, encoding });
        }
    }
    Err(Error::at_line(
        path,
        utf8_error_line,
        "invalid UTF-8 byte sequence, and the file is not GBK/GB18030 or Big5 either \
         (a binary file? otherwise name its encoding with --encoding)",
    ))
}

fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> std::result::Result<Decoded, usize> {
    decode_strict(encoding, bytes).map(|text| Decoded { text, encoding })
}

/// The Chinese encodings to try, chardetng's pick first.
fn chinese_candidates(bytes: &[u8]) -> Vec<&'static Encoding> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECT_PREFIX)];
    detector.feed(prefix, prefix.len() == bytes.len());
    let guess = detector.guess(None, Utf8Detection::Deny);
    // encoding_rs decodes GBK and GB18030 alike (GBK's decoder accepts GB18030's four-byte
    // sequences), so GBK stands for both; it is the name users know.
    let mut out = Vec::with_capacity(2);
    if guess == BIG5 {
        out.extend([BIG5, GBK]);
    } else {
        out.extend([GBK, BIG5]);
    }
    out
}

/// Decode without replacement; on a malformed sequence, the 1-based line it is on.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, usize> {
    if encoding == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => Err(line_of_offset(bytes, e.valid_up_to())),
        };
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3).saturating_add(16));
    let mut text = String::with_capacity(capacity);
    let (result, _read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(_, _) | DecoderResult::OutputFull => {
            Err(text.bytes().filter(|&b| b == b'\n').count() + 1)
        }
    }
}

/// The 1-based line of a byte offset into ASCII-compatible bytes.
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A decoded file must look like text: no NUL, few control chars, no line over
/// [`MAX_LINE_BYTES`].
pub fn check_text(path: &Path, text: &str) -> Result<()> {
    check_text_with(path, text, MAX_LINE_BYTES)
}

/// [`check_text`] with a line limit of `max_line_bytes`.
pub fn check_text_with(path: &Path, text: &str, max_line_bytes: usize) -> Result<()> {
    let mut controls = 0usize;
    let mut chars = 0usize;
    for (number, line) in text.split('\n').enumerate() {
        let number = number + 1;
        if line.len() > max_line_bytes {
            return Err(Error::at_line(
                path,
                number,
                format!(
                    "line is {} bytes long; lines over {} bytes are refused (not a transcript?)",
                    line.len(),
                    max_line_bytes
                ),
            ));
        }
        if line.contains('\0') {
            return Err(Error::at_line(
                path,
                number,
                "NUL byte: a binary file, or UTF-16 without a byte-order mark \
                 (then pass --encoding utf-16le or utf-16be)",
            ));
        }
        for c in line.chars() {
            chars += 1;
            if c.is_control() && !matches!(c, '\t' | '\r' | '\u{c}') {
                controls += 1;
            }
        }
    }
    // A stray control char is tolerated; text where more than 1 char in 100 is one is not.
    if controls > 0 && controls * 100 > chars {
        return Err(Error::in_file(
            path,
            format!("{controls} control characters in {chars}: a binary file, not a transcript"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GB18030;

    fn p() -> &'static Path {
        Path::new("t.txt")
    }

    fn encode(encoding: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, bad) = encoding.encode(s);
        assert!(!bad);
        bytes.into_owned()
    }

    const SAMPLE: &str = "智谱成立于 2019 年 6 月\n是国内第一批探索大模型的公司之一\n\
                          它们分别是智谱、MiniMax、百川智能、月之暗面、阶跃星辰与零一万物\n";
    const SAMPLE_TRAD: &str = "智譜成立於 2019 年 6 月\n是國內第一批探索大模型的公司之一\n\
                               它們分別是智譜、MiniMax、百川智能、月之暗面、階躍星辰與零一萬物\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(p(), SAMPLE.as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding_name()), (SAMPLE, "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(p(), bom.as_slice(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding_name()), (SAMPLE, "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let d = decode(p(), le.as_slice(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding_name()), (SAMPLE, "UTF-16LE"));
        let d = decode(p(), be.as_slice(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding_name()), (SAMPLE, "UTF-16BE"));
    }

    #[test]
    fn detects_gbk_and_big5() {
        let d = decode(p(), encode(GBK, SAMPLE), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding_name()), (SAMPLE, "GBK"));
        let d = decode(p(), encode(GB18030, SAMPLE), None).unwrap();
        assert_eq!(d.text, SAMPLE);
        let d = decode(p(), encode(BIG5, SAMPLE_TRAD), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding_name()), (SAMPLE_TRAD, "Big5"));
    }

    #[test]
    fn forced_encoding_wins_and_is_strict() {
        let gbk = encode(GBK, SAMPLE);
        let d = decode(p(), gbk.as_slice(), Some(GBK)).unwrap();
        assert_eq!(d.text, SAMPLE);
        let e = decode(p(), gbk.as_slice(), Some(UTF_8))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "t.txt:1: invalid UTF-8 byte sequence (decoding with --encoding UTF-8)"
        );
        let mut bad = "第一行\n第二行\n".as_bytes().to_vec();
        bad.extend_from_slice(b"\xFF\xFE\xFD\n");
        let e = decode(p(), bad.as_slice(), Some(UTF_8))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.txt:3: "), "{e}");
    }

    #[test]
    fn labels() {
        assert_eq!(encoding_for_label("gb2312").unwrap(), GBK);
        assert_eq!(encoding_for_label(" Big5 ").unwrap(), BIG5);
        assert_eq!(encoding_for_label("utf-16").unwrap().name(), "UTF-16LE");
        assert!(
            encoding_for_label("klingon")
                .unwrap_err()
                .contains("klingon")
        );
    }

    #[test]
    fn rejects_empty_binary_nul_and_huge_lines() {
        assert_eq!(
            decode(p(), b"", None).unwrap_err().to_string(),
            "t.txt: the file is empty"
        );
        let e = decode(p(), b"abc\n\x00\x01\x02", None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.txt:2: NUL byte"), "{e}");
        let mut junk: Vec<u8> = (0..4096u32)
            .map(|i| (i * 7919 % 251) as u8 | 0x80)
            .collect();
        junk.extend_from_slice(&[0xFF, 0x80, 0xFF]);
        assert!(decode(p(), junk.as_slice(), None).is_err());
        let long = "长".repeat(MAX_LINE_BYTES / 3 + 1);
        let e = decode(p(), format!("ok\n{long}\n").as_bytes(), None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.txt:2: line is "), "{e}");
        let controls = "\u{1}\u{2}\u{3}ab".repeat(10);
        assert!(decode(p(), controls.as_bytes(), None).is_err());
    }
}
