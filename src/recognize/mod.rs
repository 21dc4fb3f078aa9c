//! Recognition: entity names and values found in each line, as [`Mention`]s.
//!
//! Entity names win over values where they overlap (`GPT-3` is a product, not the number 3).

pub mod entities;
pub mod values;

use std::collections::HashMap;

use crate::dictionary::Catalogue;
use crate::ids;
use crate::model::{Mention, SourceLine, Value};
use crate::normalize::{NormalizedLine, char_slice};
use crate::segment::Segmenter;
use entities::{EntityMatch, EntityMatcher, MatchScratch};
use values::{DateContext, ValueMatch, ValueRecognizer};

/// A line with its normalized view and what was recognized in it.
#[derive(Debug, Clone)]
pub struct AnnotatedLine {
    pub line: SourceLine,
    pub norm: NormalizedLine,
    /// Mentions in order of their start; offsets are into the original line.
    pub mentions: Vec<Mention>,
    /// For each mention, its span in the normalized line.
    pub norm_spans: Vec<(usize, usize)>,
    /// Ends (chars of the normalized line) of jieba's words, ascending.
    pub word_ends: Vec<usize>,
}

/// Per-thread buffers reused across lines.
#[derive(Default)]
pub struct RecognizeScratch {
    word_ends: Vec<usize>,
    entity_scratch: MatchScratch,
    entity_matches: Vec<EntityMatch>,
    value_matches: Vec<ValueMatch>,
    blocked: Vec<(usize, usize)>,
}

/// Everything recognition needs, built once and shared.
pub struct Recognizer<'a> {
    pub catalogue: &'a Catalogue,
    pub segmenter: &'a Segmenter,
    pub entities: &'a EntityMatcher,
    pub values: &'a ValueRecognizer,
}

impl Recognizer<'_> {
    /// Recognize every line of one episode, in order (values need the lines before them).
    pub fn annotate_lines(
        &self,
        episode_id: &str,
        lines: &[SourceLine],
        ctx: &mut DateContext,
    ) -> Vec<AnnotatedLine> {
        let mut scratch = RecognizeScratch::default();
        // Identical line texts are told apart by their occurrence, not their line number,
        // so ids survive lines added elsewhere.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        lines
            .iter()
            .map(|line| {
                let occurrence = seen.entry(line.text.as_str()).or_insert(0);
                *occurrence += 1;
                self.annotate_line(episode_id, line, *occurrence, ctx, &mut scratch)
            })
            .collect()
    }

    fn annotate_line(
        &self,
        episode_id: &str,
        line: &SourceLine,
        occurrence: usize,
        ctx: &mut DateContext,
        s: &mut RecognizeScratch,
    ) -> AnnotatedLine {
        let norm = NormalizedLine::new(&line.text);
        self.segmenter.word_ends(&norm.text, &mut s.word_ends);
        self.entities.find(
            &norm.text,
            &s.word_ends,
            &mut s.entity_scratch,
            &mut s.entity_matches,
        );
        s.blocked.clear();
        s.blocked
            .extend(s.entity_matches.iter().map(|m| (m.start, m.end)));
        s.value_matches.clear();
        self.values
            .find(&norm.text, ctx, &s.blocked, &mut s.value_matches);

        let mut spans: Vec<((usize, usize), Mention)> = Vec::new();
        // Every id of the line starts with the same parts: hash them once.
        // (Lazily: most lines have no mention.)
        let prefix = std::cell::OnceCell::new();
        let make_id = |kind: &str, start: usize| {
            prefix
                .get_or_init(|| {
                    ids::Prefix::new(&[episode_id, &line.text, &occurrence.to_string()])
                })
                .digest(&[kind, &start.to_string()])
        };
        for m in &s.entity_matches {
            let entity = &self.catalogue.entities()[m.entity];
            let (start, end) = norm.original_span(m.start, m.end);
            spans.push((
                (m.start, m.end),
                Mention {
                    id: make_id(entity.kind.as_str(), start),
                    kind: entity.kind,
                    line: line.number,
                    start,
                    end,
                    text: char_slice(&line.text, start, end),
                    entity_id: Some(entity.id.clone()),
                    name: Some(entity.name.clone()),
                    value: None,
                    value_max: None,
                    unit: None,
                    currency: None,
                    qualifier: None,
                    start_ms: line.start_ms,
                    end_ms: line.end_ms,
                },
            ));
        }
        for v in &s.value_matches {
            let (start, end) = norm.original_span(v.start, v.end);
            spans.push((
                (v.start, v.end),
                Mention {
                    id: make_id(v.kind.as_str(), start),
                    kind: v.kind,
                    line: line.number,
                    start,
                    end,
                    text: char_slice(&line.text, start, end),
                    entity_id: None,
                    name: None,
                    value: Some(match &v.value {
                        Value::Number(n) => Value::Number(*n),
                        Value::Date(d) => Value::Date(d.clone()),
                    }),
                    value_max: v.value_max,
                    unit: v.unit.clone(),
                    currency: v.currency.clone(),
                    qualifier: Some(v.qualifier),
                    start_ms: line.start_ms,
                    end_ms: line.end_ms,
                },
            ));
        }
        spans.sort_by_key(|(_, m)| (m.start, m.end, m.kind));
        let (norm_spans, mentions) = spans.into_iter().unzip();
        AnnotatedLine {
            line: line.clone(),
            norm,
            mentions,
            norm_spans,
            word_ends: s.word_ends.clone(),
        }
    }
}
