//! Stable ids: short hex digests of what a record says, so reviewers' verdicts keep pointing at
//! the same record when the dataset is regenerated. Ids never depend on line numbers, so lines
//! added elsewhere in a transcript do not change them.

use sha2::{Digest, Sha256};

/// First 16 hex digits of the SHA-256 of the parts joined with a unit separator.
pub fn digest(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(p.as_bytes());
    }
    short_hex(&hasher.finalize())
}

/// Digests of several part lists that start with the same parts (a line's mentions all start
/// with the episode, the line text and its occurrence): the shared parts are hashed once.
/// `Prefix::new(a).digest(b)` equals `digest(a ++ b)`.
#[derive(Clone)]
pub struct Prefix(Sha256);

impl Prefix {
    pub fn new(parts: &[&str]) -> Self {
        let mut hasher = Sha256::new();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                hasher.update([0x1f]);
            }
            hasher.update(p.as_bytes());
        }
        Prefix(hasher)
    }

    pub fn digest(&self, rest: &[&str]) -> String {
        let mut hasher = self.0.clone();
        for p in rest {
            hasher.update([0x1f]);
            hasher.update(p.as_bytes());
        }
        short_hex(&hasher.finalize())
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The first 8 bytes as 16 hex digits.
fn short_hex(out: &[u8]) -> String {
    let mut hex = String::with_capacity(16);
    for &b in &out[..8] {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 0xf)] as char);
    }
    hex
}

/// Hex SHA-256 of raw bytes (provenance of an input file).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let out = Sha256::digest(bytes);
    out.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_digest_equals_the_whole_digest() {
        let p = Prefix::new(&["ep", "line", "1"]);
        assert_eq!(
            p.digest(&["company", "3"]),
            digest(&["ep", "line", "1", "company", "3"])
        );
        assert_eq!(digest(&["x"]), "2d711642b726b044");
    }

    #[test]
    fn digest_is_stable_and_separates_parts() {
        assert_eq!(digest(&["a", "b"]), digest(&["a", "b"]));
        assert_ne!(digest(&["ab", ""]), digest(&["a", "b"]));
        assert_eq!(digest(&["x"]).len(), 16);
    }
}
