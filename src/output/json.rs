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
//! to exactly what `serde_json::to_value` makes of it. The episodes and entities, nearly all
//! of the file, are written by a hand-written encoder that the tests hold to that serializer
//! byte for byte (it is several times faster; see [`episode`]).
//!
//! Both writers of `dataset.json` (the streaming [`super::stream::DatasetWriter`] and
//! [`super::write_dataset`]) assemble the file from the pieces below, so they agree byte for
//! byte.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::SCHEMA_VERSION;
use super::ascii::{find_json_special, push_int, push_uint};
use crate::audit::FactAudit;
use crate::error::{Error, Result};
use crate::model::{
    EntityRef, EntitySummary, EpisodeDoc, Evidence, EvidenceSpan, Fact, Mention, Value, number,
};

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
pub fn episode(out: &mut Vec<u8>, doc: &EpisodeDoc) {
    out.extend_from_slice(b"    ");
    episode_object::<false>(out, doc);
}

/// An episode document as `serde_json::to_vec` writes it (no whitespace at all).
pub fn compact_episode(out: &mut Vec<u8>, doc: &EpisodeDoc) {
    episode_object::<true>(out, doc);
}

/// The `audit` section with its key (only when there is something in it), pretty-printed.
pub fn audit(out: &mut Vec<u8>, audit: &crate::audit::DatasetAudit) -> Result<()> {
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
        entity(&mut out, e);
    }
    out.extend_from_slice(array_end(d.entities.len()));
    out.extend_from_slice(EPISODES_KEY);
    for (n, ep) in d.episodes.iter().enumerate() {
        out.extend_from_slice(element_sep(n));
        episode(&mut out, ep);
    }
    out.extend_from_slice(array_end(d.episodes.len()));
    audit(&mut out, &d.audit)?;
    out.extend_from_slice(TAIL);
    Ok(out)
}

// The episodes and entities, written by hand. Serializing them through serde_json's
// `Serializer` was a tenth of a run, most of it testing every byte of the (mostly Chinese) text against its escape
// table; here the keys with their punctuation are constants, strings are scanned eight bytes
// at a time, and the output is serde_json's byte for byte: the same escapes, the same number
// formats, the derives' field order and `skip_serializing_if` rules (held to them by the tests
// below; each record is destructured, so a new field must be written here before the crate
// compiles). `COMPACT` picks `serde_json::to_vec`'s spacing (none) over `dataset.json`'s.

/// What comes before a member's value: the comma (none before the first), the quoted key and
/// the colon, spaced as `$compact` says. A constant, so it is copied in a few moves (writing
/// the pieces one by one was a third of the encoding).
macro_rules! key {
    ($compact:expr, first $key:literal) => {
        if $compact {
            concat!("{\"", $key, "\":")
        } else {
            concat!("{\"", $key, "\": ")
        }
    };
    // The episode object's fields, one a line in `dataset.json`.
    ($compact:expr, field $key:literal) => {
        if $compact {
            concat!(",\"", $key, "\":")
        } else {
            concat!(",\n      \"", $key, "\": ")
        }
    };
    ($compact:expr, $key:literal) => {
        if $compact {
            concat!(",\"", $key, "\":")
        } else {
            concat!(", \"", $key, "\": ")
        }
    };
}

/// A JSON string: `s` quoted, with serde_json's escapes (`\"`, `\\`, `\n` and the other short
/// forms, `\u00XX` for the remaining control characters).
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(i) = find_json_special(rest) {
        out.extend_from_slice(&rest[..i]);
        let b = rest[i];
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => 0,
        };
        if short == 0 {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&hex);
        } else {
            out.extend_from_slice(&[b'\\', short]);
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// A float as serde_json writes it (shortest round-trip form; `null` for NaN and infinities).
fn float(out: &mut Vec<u8>, n: f64) {
    serde_json::to_writer(out, &n).expect("a float always serializes into a Vec");
}

/// A number as [`number::serialize_f64`] writes it: whole numbers as integers.
fn model_number(out: &mut Vec<u8>, n: f64) {
    match number::whole(n) {
        Some(i) => push_int(out, i),
        None => float(out, n),
    }
}

/// Members of JSON objects, each after its [`key!`].
struct Members<'a, const COMPACT: bool>(&'a mut Vec<u8>);

impl<const COMPACT: bool> Members<'_, COMPACT> {
    /// The key (and what goes before it); the value is the caller's to write.
    #[inline(always)]
    fn key(&mut self, key: &'static str) -> &mut Vec<u8> {
        self.0.extend_from_slice(key.as_bytes());
        self.0
    }

    #[inline(always)]
    fn str(&mut self, key: &'static str, value: &str) {
        string(self.key(key), value);
    }

    /// An optional string left out when absent (`skip_serializing_if = "Option::is_none"`).
    #[inline(always)]
    fn str_if_some(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }

    /// An optional string, `null` when absent.
    #[inline(always)]
    fn opt_str(&mut self, key: &'static str, value: Option<&str>) {
        let out = self.key(key);
        match value {
            Some(v) => string(out, v),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// A unit variant's name (lowercase ASCII: nothing to escape), `null` when absent.
    #[inline(always)]
    fn opt_name(&mut self, key: &'static str, name: Option<&str>) {
        let out = self.key(key);
        match name {
            Some(name) => {
                out.push(b'"');
                out.extend_from_slice(name.as_bytes());
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        }
    }

    #[inline(always)]
    fn uint(&mut self, key: &'static str, n: usize) {
        push_uint(self.key(key), n as u64);
    }

    /// An optional integer left out when absent (`skip_serializing_if = "Option::is_none"`).
    #[inline(always)]
    fn uint_if_some(&mut self, key: &'static str, n: Option<u64>) {
        if let Some(n) = n {
            push_uint(self.key(key), n);
        }
    }

    /// A model number ([`model_number`]), `null` when absent.
    #[inline(always)]
    fn opt_number(&mut self, key: &'static str, n: Option<f64>) {
        let out = self.key(key);
        match n {
            Some(n) => model_number(out, n),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// JSON values by name (a verdict's corrections), through serde_json, on one line.
    fn values(&mut self, key: &'static str, values: &BTreeMap<String, serde_json::Value>) {
        let out = self.key(key);
        let written = if COMPACT {
            serde_json::to_writer(out, values).map_err(json_err)
        } else {
            append(out, values, 0, 1)
        };
        written.expect("JSON values by name always serialize into a Vec");
    }

    /// The `}` of a record.
    fn close(self) {
        self.0.push(b'}');
    }
}

/// A JSON array of `items`, each written by `item`; `first`, `next` and `close` as in
/// [`RecordFormatter`]'s pretty containers (empty for inline ones, but for the `, `).
fn array<T>(
    out: &mut Vec<u8>,
    [first, next, close]: [&[u8]; 3],
    items: &[T],
    mut item: impl FnMut(&mut Vec<u8>, &T),
) {
    out.push(b'[');
    for (i, it) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { first } else { next });
        item(out, it);
    }
    if !items.is_empty() {
        out.extend_from_slice(close);
    }
    out.push(b']');
}

/// An inline array of strings.
fn strings(out: &mut Vec<u8>, items: &[String]) {
    array(out, inline_array(false), items, |out, s| string(out, s));
}

/// An inline array's punctuation.
const fn inline_array(compact: bool) -> [&'static [u8]; 3] {
    [b"", if compact { b"," } else { b", " }, b""]
}

/// One element of `entities` (after its [`element_sep`]): indented, on one line.
pub fn entity(out: &mut Vec<u8>, e: &EntitySummary) {
    let EntitySummary {
        id,
        kind,
        name,
        aliases,
        owner,
        affiliation,
        episodes,
        mentions,
    } = e;
    out.extend_from_slice(b"    ");
    let mut o = Members::<false>(out);
    o.str(key!(false, first "id"), id);
    o.opt_name(key!(false, "type"), Some(kind.as_str()));
    o.str(key!(false, "name"), name);
    strings(o.key(key!(false, "aliases")), aliases);
    o.str_if_some(key!(false, "owner"), owner.as_deref());
    o.str_if_some(key!(false, "affiliation"), affiliation.as_deref());
    strings(o.key(key!(false, "episodes")), episodes);
    o.uint(key!(false, "mentions"), *mentions);
    o.close();
}

fn episode_object<const COMPACT: bool>(out: &mut Vec<u8>, doc: &EpisodeDoc) {
    let EpisodeDoc {
        id,
        source,
        title,
        reference_date,
        lines,
        channel,
        original_file,
        encoding,
        sha256,
        mentions,
        facts,
    } = doc;
    let first = if COMPACT {
        "{\"id\":"
    } else {
        "{\n      \"id\": "
    };
    let mut o = Members::<COMPACT>(out);
    o.str(first, id);
    o.str(key!(COMPACT, field "source"), source);
    o.opt_str(key!(COMPACT, field "title"), title.as_deref());
    o.opt_str(
        key!(COMPACT, field "reference_date"),
        reference_date.as_deref(),
    );
    o.uint(key!(COMPACT, field "lines"), *lines);
    o.opt_str(key!(COMPACT, field "channel"), channel.as_deref());
    o.opt_str(
        key!(COMPACT, field "original_file"),
        original_file.as_deref(),
    );
    o.opt_str(key!(COMPACT, field "encoding"), encoding.as_deref());
    o.opt_str(key!(COMPACT, field "sha256"), sha256.as_deref());
    // A record a line in `dataset.json`, indented a level below the fields.
    let records: [&[u8]; 3] = if COMPACT {
        inline_array(true)
    } else {
        [b"\n        ", b",\n        ", b"\n      "]
    };
    array(
        o.key(key!(COMPACT, field "mentions")),
        records,
        mentions,
        mention::<COMPACT>,
    );
    array(
        o.key(key!(COMPACT, field "facts")),
        records,
        facts,
        fact::<COMPACT>,
    );
    o.0.extend_from_slice(if COMPACT { b"}" } else { b"\n    }" });
}

fn mention<const COMPACT: bool>(out: &mut Vec<u8>, m: &Mention) {
    let Mention {
        id,
        kind,
        line,
        start,
        end,
        text,
        entity_id,
        name,
        value,
        value_max,
        unit,
        currency,
        qualifier,
        start_ms,
        end_ms,
    } = m;
    let mut o = Members::<COMPACT>(out);
    o.str(key!(COMPACT, first "id"), id);
    o.opt_name(key!(COMPACT, "type"), Some(kind.as_str()));
    o.uint(key!(COMPACT, "line"), *line);
    o.uint(key!(COMPACT, "start"), *start);
    o.uint(key!(COMPACT, "end"), *end);
    o.str(key!(COMPACT, "text"), text);
    o.opt_str(key!(COMPACT, "entity_id"), entity_id.as_deref());
    o.opt_str(key!(COMPACT, "name"), name.as_deref());
    match value {
        Some(Value::Number(n)) => model_number(o.key(key!(COMPACT, "value")), *n),
        Some(Value::Date(d)) => o.str(key!(COMPACT, "value"), d),
        None => o.opt_str(key!(COMPACT, "value"), None),
    }
    if value_max.is_some() {
        o.opt_number(key!(COMPACT, "value_max"), *value_max);
    }
    o.opt_str(key!(COMPACT, "unit"), unit.as_deref());
    o.opt_str(key!(COMPACT, "currency"), currency.as_deref());
    o.opt_name(key!(COMPACT, "qualifier"), qualifier.map(|q| q.as_str()));
    o.uint_if_some(key!(COMPACT, "start_ms"), *start_ms);
    o.uint_if_some(key!(COMPACT, "end_ms"), *end_ms);
    o.close();
}

fn fact<const COMPACT: bool>(out: &mut Vec<u8>, f: &Fact) {
    let Fact {
        id,
        predicate,
        subject,
        object,
        metric,
        value,
        value_max,
        unit,
        currency,
        qualifier,
        date,
        as_of,
        round,
        forecast,
        evidence,
        confidence,
        rule,
        audit,
    } = f;
    let mut o = Members::<COMPACT>(out);
    o.str(key!(COMPACT, first "id"), id);
    o.str(key!(COMPACT, "predicate"), predicate);
    entity_ref::<COMPACT>(o.key(key!(COMPACT, "subject")), subject);
    match object {
        Some(r) => entity_ref::<COMPACT>(o.key(key!(COMPACT, "object")), r),
        None => o.opt_str(key!(COMPACT, "object"), None),
    }
    o.opt_str(key!(COMPACT, "metric"), metric.as_deref());
    o.opt_number(key!(COMPACT, "value"), *value);
    if value_max.is_some() {
        o.opt_number(key!(COMPACT, "value_max"), *value_max);
    }
    o.opt_str(key!(COMPACT, "unit"), unit.as_deref());
    o.opt_str(key!(COMPACT, "currency"), currency.as_deref());
    o.opt_name(key!(COMPACT, "qualifier"), qualifier.map(|q| q.as_str()));
    o.opt_str(key!(COMPACT, "date"), date.as_deref());
    o.opt_str(key!(COMPACT, "as_of"), as_of.as_deref());
    o.opt_str(key!(COMPACT, "round"), round.as_deref());
    if *forecast {
        o.key(key!(COMPACT, "forecast")).extend_from_slice(b"true");
    }
    evidence_object::<COMPACT>(o.key(key!(COMPACT, "evidence")), evidence);
    float(o.key(key!(COMPACT, "confidence")), *confidence);
    o.str(key!(COMPACT, "rule"), rule);
    fact_audit::<COMPACT>(o.key(key!(COMPACT, "audit")), audit);
    o.close();
}

fn entity_ref<const COMPACT: bool>(out: &mut Vec<u8>, r: &EntityRef) {
    let EntityRef { entity_id, name } = r;
    let mut o = Members::<COMPACT>(out);
    o.opt_str(key!(COMPACT, first "entity_id"), entity_id.as_deref());
    o.str(key!(COMPACT, "name"), name);
    o.close();
}

fn evidence_object<const COMPACT: bool>(out: &mut Vec<u8>, ev: &Evidence) {
    let Evidence {
        line_start,
        line_end,
        text,
        start_ms,
        end_ms,
        also,
    } = ev;
    let mut o = Members::<COMPACT>(out);
    span_members(&mut o, *line_start, *line_end, text, *start_ms, *end_ms);
    if !also.is_empty() {
        let out = o.key(key!(COMPACT, "also"));
        array(out, inline_array(COMPACT), also, |out, span| {
            evidence_span::<COMPACT>(out, span)
        });
    }
    o.close();
}

fn evidence_span<const COMPACT: bool>(out: &mut Vec<u8>, span: &EvidenceSpan) {
    let EvidenceSpan {
        line_start,
        line_end,
        text,
        start_ms,
        end_ms,
    } = span;
    let mut o = Members::<COMPACT>(out);
    span_members(&mut o, *line_start, *line_end, text, *start_ms, *end_ms);
    o.close();
}

/// The members an evidence object and each of its `also` spans share, in their order.
fn span_members<const COMPACT: bool>(
    o: &mut Members<'_, COMPACT>,
    line_start: usize,
    line_end: usize,
    text: &str,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
) {
    o.uint(key!(COMPACT, first "line_start"), line_start);
    o.uint(key!(COMPACT, "line_end"), line_end);
    o.str(key!(COMPACT, "text"), text);
    o.uint_if_some(key!(COMPACT, "start_ms"), start_ms);
    o.uint_if_some(key!(COMPACT, "end_ms"), end_ms);
}

fn fact_audit<const COMPACT: bool>(out: &mut Vec<u8>, audit: &FactAudit) {
    let FactAudit {
        status,
        reviewer,
        date,
        note,
        corrections,
        original,
        ledger_line,
        verdict,
        changed,
    } = audit;
    let mut o = Members::<COMPACT>(out);
    o.opt_name(key!(COMPACT, first "status"), Some(status.as_str()));
    o.str_if_some(key!(COMPACT, "reviewer"), reviewer.as_deref());
    o.str_if_some(key!(COMPACT, "date"), date.as_deref());
    o.str_if_some(key!(COMPACT, "note"), note.as_deref());
    if !corrections.is_empty() {
        o.values(key!(COMPACT, "corrections"), corrections);
    }
    if !original.is_empty() {
        o.values(key!(COMPACT, "original"), original);
    }
    o.uint_if_some(key!(COMPACT, "ledger_line"), ledger_line.map(|n| n as u64));
    o.str_if_some(key!(COMPACT, "verdict"), verdict.map(|v| v.as_str()));
    if !changed.is_empty() {
        o.values(key!(COMPACT, "changed"), changed);
    }
    o.close();
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

    use crate::audit::Status;
    use crate::model::{MentionKind, Qualifier};

    /// What serde_json makes of an episode: in `dataset.json`'s layout, and compact.
    fn by_serde(doc: &EpisodeDoc) -> (String, String) {
        let mut pretty = b"    ".to_vec();
        // Depth 1 the episode, 2 its `mentions` / `facts` arrays, 3 their records.
        append(&mut pretty, doc, 2, 3).unwrap();
        let compact = serde_json::to_vec(doc).unwrap();
        (
            String::from_utf8(pretty).unwrap(),
            String::from_utf8(compact).unwrap(),
        )
    }

    fn by_hand(doc: &EpisodeDoc) -> (String, String) {
        let (mut pretty, mut compact) = (Vec::new(), Vec::new());
        episode(&mut pretty, doc);
        compact_episode(&mut compact, doc);
        (
            String::from_utf8(pretty).unwrap(),
            String::from_utf8(compact).unwrap(),
        )
    }

    /// Text with every escape serde_json makes, beside Chinese text.
    const AWKWARD: &str = "智谱 \"引号\" \\ / \u{8}\u{c}\n\r\t \u{0}\u{1f}\u{7f} é 😀";

    fn mention(n: usize, text: &str) -> Mention {
        let full = n % 2 == 1;
        Mention {
            id: format!("m{n}"),
            kind: [MentionKind::Company, MentionKind::Money, MentionKind::Date][n % 3],
            line: n,
            start: n * 7,
            end: n * 7 + 3,
            text: text.into(),
            entity_id: full.then(|| "company/zhipu".into()),
            name: full.then(|| text.into()),
            value: match n % 4 {
                0 => None,
                1 => Some(Value::Number(36_000_000.0)),
                2 => Some(Value::Number(-2.5)),
                _ => Some(Value::Date("2024-03".into())),
            },
            value_max: [None, Some(6.0), Some(0.1 + 0.2), Some(f64::NAN)][n % 4],
            unit: full.then(|| "个月".into()),
            currency: full.then(|| "CNY".into()),
            qualifier: full.then_some(Qualifier::About),
            start_ms: full.then_some(1_234),
            end_ms: full.then_some(u64::MAX),
        }
    }

    fn fact(n: usize, text: &str) -> Fact {
        let full = n % 2 == 1;
        let values: BTreeMap<String, serde_json::Value> = [
            ("value".to_string(), serde_json::json!(1.5e9)),
            ("date".to_string(), serde_json::json!(text)),
            (
                "list".to_string(),
                serde_json::json!([1, null, {"a": true}]),
            ),
        ]
        .into();
        Fact {
            id: format!("f{n}"),
            predicate: "funding".into(),
            subject: EntityRef {
                entity_id: full.then(|| "company/zhipu".into()),
                name: text.into(),
            },
            object: full.then(|| EntityRef {
                entity_id: None,
                name: text.into(),
            }),
            metric: full.then(|| "revenue".into()),
            value: [None, Some(1e8), Some(1e300), Some(f64::INFINITY)][n % 4],
            value_max: full.then_some(-0.0),
            unit: full.then(|| "%".into()),
            currency: full.then(|| "USD".into()),
            qualifier: full.then_some(Qualifier::Range),
            date: full.then(|| "2024".into()),
            as_of: full.then(|| "2024-06".into()),
            round: full.then(|| text.into()),
            forecast: full,
            evidence: Evidence {
                line_start: n,
                line_end: n + 1,
                text: format!("{text}\n{text}"),
                start_ms: full.then_some(0),
                end_ms: full.then_some(99),
                also: (0..n % 3)
                    .map(|k| EvidenceSpan {
                        line_start: k,
                        line_end: k,
                        text: text.into(),
                        start_ms: (k == 1).then_some(5),
                        end_ms: None,
                    })
                    .collect(),
            },
            confidence: [0.95, 1.0, 0.5, 0.1 + 0.2][n % 4],
            rule: "funding.verb".into(),
            audit: FactAudit {
                status: [Status::Unreviewed, Status::Corrected, Status::Rejected][n % 3],
                reviewer: full.then(|| text.into()),
                date: full.then(|| "2025-01-02".into()),
                note: (n % 3 == 1).then(|| text.into()),
                corrections: if full {
                    values.clone()
                } else {
                    BTreeMap::new()
                },
                original: if n % 3 == 2 { values } else { BTreeMap::new() },
                ledger_line: full.then_some(12),
                // A stale verdict: what it judged, and each changed field as an object.
                verdict: (n % 4 == 3).then_some(crate::audit::Verdict::Accepted),
                changed: if n % 4 == 3 {
                    [(
                        "date".to_string(),
                        serde_json::json!({"judged": "2019-06", "now": text}),
                    )]
                    .into()
                } else {
                    BTreeMap::new()
                },
            },
        }
    }

    fn doc(mentions: usize, facts: usize, text: &str) -> EpisodeDoc {
        let full = mentions % 2 == 1;
        EpisodeDoc {
            id: "2025-01-10_x".into(),
            source: format!("transcripts/{text}.txt"),
            title: full.then(|| text.into()),
            reference_date: full.then(|| "2025-01-10".into()),
            lines: 387,
            channel: full.then(|| text.into()),
            original_file: None,
            encoding: Some("UTF-8".into()),
            sha256: full.then(|| "f1db".into()),
            mentions: (0..mentions).map(|n| mention(n, text)).collect(),
            facts: (0..facts).map(|n| fact(n, text)).collect(),
        }
    }

    #[test]
    fn episodes_by_hand_are_what_serde_json_writes() {
        for text in [
            "",
            "智谱",
            AWKWARD,
            "a long line of plain ASCII text, no escapes",
        ] {
            for (mentions, facts) in [(0, 0), (1, 0), (0, 1), (2, 3), (5, 7)] {
                let d = doc(mentions, facts, text);
                assert_eq!(by_hand(&d), by_serde(&d), "{mentions} {facts} {text:?}");
            }
        }
    }

    #[test]
    fn entities_by_hand_are_what_serde_json_writes() {
        for text in ["", "智谱", AWKWARD] {
            for n in 0..4 {
                let e = EntitySummary {
                    id: format!("company/{text}"),
                    kind: [MentionKind::Company, MentionKind::Person][n % 2],
                    name: text.into(),
                    aliases: (0..n).map(|k| format!("{text}{k}")).collect(),
                    owner: (n % 2 == 1).then(|| text.into()),
                    affiliation: (n >= 2).then(|| "company/x".into()),
                    episodes: (0..n * 2).map(|k| format!("2025-01-0{k}_{text}")).collect(),
                    mentions: n * 1000,
                };
                let (mut hand, mut serde) = (Vec::new(), b"    ".to_vec());
                entity(&mut hand, &e);
                append(&mut serde, &e, 2, 1).unwrap();
                assert_eq!(
                    String::from_utf8(hand).unwrap(),
                    String::from_utf8(serde).unwrap()
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in "(?s:.{0,40})") {
            let mut out = Vec::new();
            string(&mut out, &s);
            proptest::prop_assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }

        #[test]
        fn any_number_is_written_as_serde_json_writes_it(bits in proptest::num::u64::ANY, i in -1e6f64..1e6) {
            for n in [f64::from_bits(bits), i, i.round()] {
                let (mut plain, mut model) = (Vec::new(), Vec::new());
                float(&mut plain, n);
                model_number(&mut model, n);
                proptest::prop_assert_eq!(plain, serde_json::to_vec(&n).unwrap());
                proptest::prop_assert_eq!(model, serde_json::to_vec(&Value::Number(n)).unwrap());
            }
        }
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
