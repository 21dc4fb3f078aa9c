//! The pipeline: one transcript through every stage, with everything built once and shared.
//!
//! ingest -> normalize -> segment -> recognize (entities, values) -> link -> EpisodeDoc
//!
//! [`Annotator::annotate`] is one transcript; [`driver`] takes every way episodes come in
//! (a folder's files, one file, JSON Lines, [`jsonl`]) through it on a pool, in order.

pub mod driver;
pub mod jsonl;

use std::path::Path;

use crate::dictionary::Catalogue;
use crate::dictionary::families::Families;
use crate::error::Result;
use crate::link::{Linker, Triggers};
use crate::model::{EpisodeDoc, Transcript};
use crate::recognize::Recognizer;
use crate::recognize::entities::EntityMatcher;
use crate::recognize::unknown::{CandidateFinder, NameCues, StopList};
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
    /// Names the catalogue lacks, found per line (mentions without an entity id; `suggest`).
    pub candidates: CandidateFinder,
}

impl Annotator {
    /// Load the catalogue and model families from `dictionaries` and build the segmenter and
    /// matchers.
    ///
    /// Jieba's own dictionary (most of start-up) is built alongside the rest with
    /// `rayon::join`: on the caller's pool, so a run with one worker thread stays on one thread.
    pub fn load(dictionaries: &Path) -> Result<Self> {
        let (jieba, parts) = rayon::join(jieba_rs::Jieba::new, || -> Result<Parts> {
            let catalogue = Catalogue::load_dir(dictionaries)?;
            let families = Families::load_dir(dictionaries, &catalogue)?;
            let triggers = Triggers::load_dir(dictionaries)?;
            let stop = StopList::load_dir(dictionaries)?;
            let values = ValueRecognizer::load_dir(dictionaries)?;
            let cues = NameCues::load_dir(dictionaries)?;
            Ok(Parts::new(
                catalogue, families, stop, triggers, values, &cues,
            ))
        });
        Ok(parts?.with_jieba(jieba))
    }

    /// Without model families or a stop list; the project's name cues as built in.
    pub fn new(catalogue: Catalogue, triggers: Triggers) -> Self {
        Self::build(
            catalogue,
            Families::default(),
            StopList::default(),
            triggers,
            &NameCues::built_in(),
        )
    }

    pub fn build(
        catalogue: Catalogue,
        families: Families,
        stop: StopList,
        triggers: Triggers,
        cues: &NameCues,
    ) -> Self {
        let (jieba, parts) = rayon::join(jieba_rs::Jieba::new, || {
            Parts::new(
                catalogue,
                families,
                stop,
                triggers,
                ValueRecognizer::new(),
                cues,
            )
        });
        parts.with_jieba(jieba)
    }

    /// The catalogue the dataset lists entities from: the loaded one plus every family version
    /// the episodes name (first spelling met, episodes in id order), so `entities.csv` lists
    /// them with their owner.
    pub fn dataset_catalogue(&self, episodes: &[EpisodeDoc]) -> Catalogue {
        let mut order: Vec<&EpisodeDoc> = episodes.iter().collect();
        order.sort_by(|a, b| a.id.cmp(&b.id));
        let members = order.into_iter().flat_map(|ep| self.family_members(ep));
        let mut catalogue = self.catalogue.clone();
        catalogue.extend_derived(members);
        catalogue
    }

    /// The family versions an episode names that the catalogue does not list, as entities
    /// (first spelling met), in mention order.
    pub fn family_members(&self, ep: &EpisodeDoc) -> Vec<crate::dictionary::Entity> {
        let families = self.entities.families();
        ep.mentions
            .iter()
            .filter_map(|m| {
                let id = m.entity_id.as_deref()?;
                if self.catalogue.get(id).is_some() {
                    return None;
                }
                let family = families.family_of_id(id)?;
                Some(families.member(family, m.name.as_deref()?))
            })
            .collect()
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
            unknown: Some(&self.candidates),
        };
        let mut lines = recognizer.annotate_lines(&transcript.id, &transcript.lines, &mut ctx);
        let linked = self.linker.link(
            &transcript.id,
            &lines,
            &self.catalogue,
            self.entities.families(),
        );
        for (index, start, currency) in linked.money {
            if let Some(line) = lines.get_mut(index) {
                crate::recognize::read_as_money(&transcript.id, line, start, currency);
            }
        }
        let facts = linked.facts;
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

impl Annotator {
    /// Annotate text given directly (one subtitle line a line), as if read from a file
    /// named `id`. Used by tests and streaming input.
    pub fn annotate_text(&self, id: &str, text: &str, reference_date: Option<&str>) -> EpisodeDoc {
        let lines = crate::ingest::text_lines(text);
        let transcript = Transcript {
            id: id.to_string(),
            source: id.to_string(),
            meta: Default::default(),
            reference_date: reference_date.map(str::to_string),
            encoding: "UTF-8".to_string(),
            sha256: crate::ids::sha256_hex(text.as_bytes()),
            line_count: crate::ingest::count_lines(text),
            lines,
        };
        self.annotate(&transcript)
    }
}

/// Everything of an [`Annotator`] but the segmenter: what can be built while jieba loads.
struct Parts {
    catalogue: Catalogue,
    entities: EntityMatcher,
    values: ValueRecognizer,
    linker: Linker,
    candidates: CandidateFinder,
}

impl Parts {
    fn new(
        catalogue: Catalogue,
        families: Families,
        stop: StopList,
        triggers: Triggers,
        values: ValueRecognizer,
        cues: &NameCues,
    ) -> Self {
        let candidates = CandidateFinder::new(&catalogue, &families, stop, cues);
        let entities = EntityMatcher::with_families(&catalogue, families);
        Parts {
            catalogue,
            entities,
            values,
            linker: Linker::new(triggers),
            candidates,
        }
    }

    /// The catalogue's names added to jieba's dictionary.
    fn with_jieba(self, jieba: jieba_rs::Jieba) -> Annotator {
        Annotator {
            segmenter: Segmenter::with_base(jieba, &self.catalogue),
            catalogue: self.catalogue,
            entities: self.entities,
            values: self.values,
            linker: self.linker,
            candidates: self.candidates,
        }
    }
}
