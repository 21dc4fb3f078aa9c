//! The layout of `dataset.json`: pretty-printed down to the records, one line a record.
//!
//! The dataset object, the `entities` and `episodes` arrays and each episode's fields are
//! indented two spaces a level (as `serde_json::to_vec_pretty` writes them); each record of
//! `entities` and each episode's `mentions` and `facts` is one line, in the style of the
//! contract's example: `{"id": "…", "type": "company", "line": 33, "subject": {"entity_id": …}}`
//! (`": "` after a key, `", "` between members, nested objects and arrays inline). So a mention
//! is one greppable line and the file is about half the size of the all-pretty one.
//!
//! Only whitespace is chosen here: keys, order, escaping and numbers are serde_json's own
//! (its `Serializer` with a [`Formatter`] that decides where newlines go), so a record parses
//! to exactly what `serde_json::to_value` makes of it: the model's derives are the only
//! description of a record, so a new field is written as soon as it is declared.
//!
//! Both writers of `dataset.json` (the streaming [`super::stream::DatasetWriter`] and
//! [`super::write_dataset`]) assemble the file from the pieces below, so they agree byte for
//! byte.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::model::{EntitySummary, EpisodeDoc};

/// A pretty formatter (two spaces a level, like serde_json's `PrettyFormatter`) that writes
/// every container from depth `inline_from` down on one line (`{"a": 1, "b": [2, 3]}`).
/// Depth 1 is the value serialized itself.
struct RecordFormatter {
    /// Indentation level of the current line (levels of two spaces).
    indent: usize,
    /// How many containers are open.
    depth: usize,
    /// Containers at this depth or deeper are written inline.
    inline_from: usize,
    /// Whether the innermost open pretty container has a value (as in `PrettyFormatter`).
    has_value: bool,
}

const SPACES: &[u8] = &[b' '; 64];

impl RecordFormatter {
    fn new(indent: usize, inline_from: usize) -> Self {
        RecordFormatter {
            indent,
            depth: 0,
            inline_from,
            has_value: false,
        }
    }

    /// Whether the innermost open container is written inline.
    fn inline(&self) -> bool {
        self.depth >= self.inline_from
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        let mut n = self.indent * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        if !self.inline() {
            self.indent += 1;
            self.has_value = false;
        }
        w.write_all(open)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        if !self.inline() {
            self.indent -= 1;
            if self.has_value {
                self.newline(w)?;
            }
        }
        self.depth -= 1;
        w.write_all(close)
    }

    /// Before an array element or an object key.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if self.inline() {
            if first { Ok(()) } else { w.write_all(b", ") }
        } else {
            if !first {
                w.write_all(b",")?;
            }
            self.newline(w)
        }
    }
}

impl Formatter for RecordFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn json_err(e: serde_json::Error) -> Error {
    Error::Other(format!("cannot serialize the dataset: {e}"))
}

/// Append `value` to `out` as it stands on a line indented `indent` levels (the indentation
/// of that first line is the caller's), its containers from depth `inline_from` on one line.
fn append<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    indent: usize,
    inline_from: usize,
) -> Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(out, RecordFormatter::new(indent, inline_from));
    value.serialize(&mut ser).map_err(json_err)
}

/// The start of `dataset.json`, up to its `entities` array.
pub fn head(out: &mut Vec<u8>) {
    let _ = write!(
        out,
        "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"entities\": "
    );
}

/// What goes between the `entities` array and the `episodes` array.
pub const EPISODES_KEY: &[u8] = b",\n  \"episodes\": ";

/// The end of `dataset.json` (after the episodes, or the audit section).
pub const TAIL: &[u8] = b"\n}\n";

/// Before the `n`th (0-based) element of a top-level array (`entities`, `episodes`).
pub fn element_sep(n: usize) -> &'static [u8] {
    if n == 0 { b"[\n" } else { b",\n" }
}

/// The close of a top-level array that got `n` elements.
pub fn array_end(n: usize) -> &'static [u8] {
    if n == 0 { b"[]" } else { b"\n  ]" }
}

/// One element of `episodes` (after its [`element_sep`]): the episode's fields one a line,
/// each mention and fact on one line.
pub fn episode(out: &mut Vec<u8>, doc: &EpisodeDoc) -> Result<()> {
    out.extend_from_slice(b"    ");
    // Depth 1 the episode, 2 its `mentions` / `facts` arrays, 3 their records.
    append(out, doc, 2, 3)
}

/// One element of `entities` (after its [`element_sep`]): indented, on one line.
pub fn entity(out: &mut Vec<u8>, e: &EntitySummary) -> Result<()> {
    out.extend_from_slice(b"    ");
    append(out, e, 2, 1)
}

/// The `audit` section with its key (only when there is something in it), pretty-printed.
pub fn audit(out: &mut Vec<u8>, audit: &crate::model::DatasetAudit) -> Result<()> {
    if audit.is_empty() {
        return Ok(());
    }
    out.extend_from_slice(b",\n  \"audit\": ");
    append(out, audit, 1, usize::MAX)
}

/// The whole of `dataset.json` in memory (what [`super::write_dataset`] writes).
pub fn dataset(d: &crate::model::Dataset) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    head(&mut out);
    for (n, e) in d.entities.iter().enumerate() {
        out.extend_from_slice(element_sep(n));
        entity(&mut out, e)?;
    }
    out.extend_from_slice(array_end(d.entities.len()));
    out.extend_from_slice(EPISODES_KEY);
    for (n, ep) in d.episodes.iter().enumerate() {
        out.extend_from_slice(element_sep(n));
        episode(&mut out, ep)?;
    }
    out.extend_from_slice(array_end(d.episodes.len()));
    audit(&mut out, &d.audit)?;
    out.extend_from_slice(TAIL);
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `json` without the whitespace between tokens (strings kept as they are).
    pub(crate) fn squeeze(json: &[u8]) -> Vec<u8> {
        let (mut out, mut in_str, mut escaped) = (Vec::new(), false, false);
        for &b in json {
            if in_str {
                out.push(b);
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_str = false;
                }
            } else if !b" \n\t\r".contains(&b) {
                out.push(b);
                in_str = b == b'"';
            }
        }
        out
    }

    fn layout<T: Serialize>(v: &T, inline_from: usize) -> String {
        let mut out = Vec::new();
        append(&mut out, v, 0, inline_from).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn pretty_above_the_records_inline_below() {
        let v = serde_json::json!({
            "a": 1,
            "empty": [],
            "none": {},
            "list": [
                {"x": "y, \"z\": \n", "n": [1, 2.5, null], "o": {"p": true, "q": []}},
                {},
                [[], [1]]
            ]
        });
        assert_eq!(
            layout(&v, 3),
            "{\n  \"a\": 1,\n  \"empty\": [],\n  \"list\": [\n    \
             {\"n\": [1, 2.5, null], \"o\": {\"p\": true, \"q\": []}, \"x\": \"y, \\\"z\\\": \\n\"},\n    \
             {},\n    [[], [1]]\n  ],\n  \"none\": {}\n}"
        );
        // Inline everything from the top, and never: serde_json's own layouts with spaces.
        assert_eq!(
            layout(&v, 1),
            "{\"a\": 1, \"empty\": [], \"list\": [{\"n\": [1, 2.5, null], \"o\": {\"p\": true, \
             \"q\": []}, \"x\": \"y, \\\"z\\\": \\n\"}, {}, [[], [1]]], \"none\": {}}"
        );
        assert_eq!(
            layout(&v, usize::MAX),
            String::from_utf8(serde_json::to_vec_pretty(&v).unwrap()).unwrap()
        );
        for inline_from in [1, 2, 3, 4, usize::MAX] {
            let s = layout(&v, inline_from);
            assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
            assert_eq!(squeeze(s.as_bytes()), serde_json::to_vec(&v).unwrap());
        }
    }

    #[test]
    fn squeeze_keeps_strings() {
        assert_eq!(
            squeeze(b"{ \"a b\\\" \" : [1, \"\\\\\" ]\n}"),
            b"{\"a b\\\" \":[1,\"\\\\\"]}"
        );
    }
}
