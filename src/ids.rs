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
    let out = hasher.finalize();
    let mut hex = String::with_capacity(16);
    for b in &out[..8] {
        hex.push_str(&format!("{b:02x}"));
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
    fn digest_is_stable_and_separates_parts() {
        assert_eq!(digest(&["a", "b"]), digest(&["a", "b"]));
        assert_ne!(digest(&["ab", ""]), digest(&["a", "b"]));
        assert_eq!(digest(&["x"]).len(), 16);
    }
}
