//! The pipeline: one transcript through every stage, with everything built once and shared.
//!
//! ingest -> normalize -> segment -> recognize (entities, values) -> link -> EpisodeDoc

use std::path::Path;

use crate::dictionary::Catalogue;
use crate::error::Result;
use crate::link::{Linker, Triggers};
use crate::model::{EpisodeDoc, Transcript};
use crate::recognize::Recognizer;
use crate::recognize::entities::EntityMatcher;
use crate::recognize::values::{CalendarDate, DateContext, ValueRecognizer};
use crate::segment::Segmenter;

/// Everything the pipeline needs that does not depend on the transcript: built once per run,
/// immutable, shared by reference across threads.
pub struct Annotator {
    pub catalogue: Catalogue,
    pub segmenter: Segmenter,
    pub entities: EntityMatcher,
    pub values: ValueRecognizer,
    pub linker: Linker,
}

impl Annotator {
    /// Load the catalogue from `dictionaries` and build the segmenter and matchers.
    pub fn load(dictionaries: &Path) -> Result<Self> {
        let catalogue = Catalogue::load_dir(dictionaries)?;
        let triggers = Triggers::load_dir(dictionaries)?;
        Ok(Self::new(catalogue, triggers))
    }

    pub fn new(catalogue: Catalogue, triggers: Triggers) -> Self {
        let segmenter = Segmenter::new(&catalogue);
        let entities = EntityMatcher::new(&catalogue);
        Annotator {
            catalogue,
            segmenter,
            entities,
            values: ValueRecognizer::new(),
            linker: Linker::new(triggers),
        }
    }

    /// Run one transcript through recognition and linking.
    pub fn annotate(&self, transcript: &Transcript) -> EpisodeDoc {
        let reference = transcript
            .reference_date
            .as_deref()
            .and_then(CalendarDate::parse);
        let mut ctx = DateContext::new(reference);
        let recognizer = Recognizer {
            catalogue: &self.catalogue,
            segmenter: &self.segmenter,
            entities: &self.entities,
            values: &self.values,
        };
        let lines = recognizer.annotate_lines(&transcript.id, &transcript.lines, &mut ctx);
        let facts = self.linker.link(&transcript.id, &lines, &self.catalogue);
        let mentions = lines.into_iter().flat_map(|l| l.mentions).collect();
        EpisodeDoc {
            id: transcript.id.clone(),
            source: transcript.source.clone(),
            title: transcript.meta.title.clone(),
            reference_date: transcript.reference_date.clone(),
            lines: transcript.line_count,
            channel: transcript.meta.channel.clone(),
            original_file: transcript.meta.original_file.clone(),
            encoding: Some(transcript.encoding.clone()),
            sha256: Some(transcript.sha256.clone()),
            mentions,
            facts,
        }
    }
}
