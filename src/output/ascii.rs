//! Byte-level pieces of the JSON writer: finding the few ASCII bytes that need
//! care, eight bytes at a time, and decimal digits.
//!
//! Most of the text written is Chinese (three bytes a character, none of them ASCII), so the
//! writers look for the next byte to escape or quote a word at a time and copy everything
//! before it in one go.

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// `0x80` in every byte of a word.
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each byte of `word` below `n` (`n` at most 0x80). Exact up to the first such
/// byte; bytes after it may be flagged too (a borrow), so only the lowest bit is to be trusted.
const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * n as u64) & !word & HIGHS
}

/// The high bit of each byte of `word` equal to `b`, trustworthy up to the first one (as
/// [`below`]).
const fn equal(word: u64, b: u8) -> u64 {
    below(word ^ (ONES * b as u64), 1)
}

/// The index of the first byte of `bytes` that `special` accepts; `flags` is the same test a
/// word at a time (the high bit of each byte that passes, in [`below`]'s sense).
#[inline(always)]
fn find(bytes: &[u8], flags: impl Fn(u64) -> u64, special: impl Fn(u8) -> bool) -> Option<usize> {
    let word_at = |at: usize| {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        // Little-endian: the lowest flagged byte is the first in the text.
        let found = flags(word);
        (found != 0).then(|| at + (found.trailing_zeros() / 8) as usize)
    };
    if bytes.len() < 8 {
        return bytes.iter().position(|&b| special(b));
    }
    let last = bytes.len() - 8;
    let mut at = 0;
    while at < last {
        if let Some(i) = word_at(at) {
            return Some(i);
        }
        at += 8;
    }
    // The last eight bytes, overlapping bytes already found plain.
    word_at(last)
}

/// Whether a JSON string must escape `b` (a control character, `"` or `\`; serde_json's rule).
pub fn json_special(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte a JSON string must escape ([`json_special`]).
pub fn find_json_special(bytes: &[u8]) -> Option<usize> {
    find(
        bytes,
        |w| below(w, 0x20) | equal(w, b'"') | equal(w, b'\\'),
        json_special,
    )
}

/// Decimal digits of `n`.
pub fn push_uint(out: &mut Vec<u8>, n: u64) {
    // Most numbers here are short (line numbers, offsets): pushing their digits one by one
    // is cheaper than copying them out of a buffer (a call to memcpy).
    if n < 1000 {
        let n = n as u16;
        if n >= 100 {
            out.push(b'0' + (n / 100) as u8);
        }
        if n >= 10 {
            out.push(b'0' + (n / 10 % 10) as u8);
        }
        out.push(b'0' + (n % 10) as u8);
        return;
    }
    let mut buf = [0u8; 20];
    let (mut i, mut n) = (buf.len(), n);
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[i..]);
}

/// Decimal digits of `n`, with a `-` when negative.
pub fn push_int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    push_uint(out, n.unsigned_abs());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position of texts long enough to take the word path, next to
    /// non-ASCII text and to other special bytes (a borrow must not hide or fake a hit).
    #[test]
    fn words_find_what_bytes_find() {
        let fillers: [&[u8]; 4] = [
            b"abcdefghijklmnopq",
            "智谱清言月之暗".as_bytes(),
            b"\x01\x21\x7f\xff",
            b"   ",
        ];
        for filler in fillers {
            for len in 0..filler.len().min(20) {
                for at in 0..=len {
                    for b in 0..=255u8 {
                        let mut text = filler[..len].to_vec();
                        text.insert(at, b);
                        for extra in [None, Some(b'"'), Some(0u8), Some(b'\n')] {
                            let mut text = text.clone();
                            text.extend(extra);
                            assert_eq!(
                                find_json_special(&text),
                                text.iter().position(|&b| json_special(b)),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn digits() {
        for n in [0, 7, 10, 99, 100, 101, 999, 1000, 12_345, u64::MAX] {
            let mut out = Vec::new();
            push_uint(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        for n in [0, -1, 42, -9_007_199_254_740_991, i64::MIN, i64::MAX] {
            let mut out = Vec::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }
}
