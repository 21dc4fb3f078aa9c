//! Per-stage throughput in bytes of transcript text per second, on the committed episode:
//! `cargo bench --bench stages`. Each stage is timed alone on inputs the stages before it
//! made once, so the numbers say where a run's time goes (bench/NOTES.md). Not run by
//! `cargo test`.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use transcript_facts::model::{EpisodeDoc, Transcript};
use transcript_facts::normalize::NormalizedLine;
use transcript_facts::output::stream::EncodedEpisode;
use transcript_facts::recognize::entities::{EntityMatch, MatchScratch};
use transcript_facts::recognize::values::{CalendarDate, DateContext, ValueMatch};
use transcript_facts::recognize::{AnnotatedLine, Recognizer};
use transcript_facts::{Annotator, ingest};

fn main() {
    divan::main();
}

struct Fixture {
    annotator: Annotator,
    transcript: Transcript,
    /// Bytes of line text (what every stage reads).
    bytes: usize,
    norms: Vec<NormalizedLine>,
    word_ends: Vec<Vec<usize>>,
    lines: Vec<AnnotatedLine>,
    doc: EpisodeDoc,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let annotator = Annotator::load(&repo.join("dictionaries")).unwrap();
        let transcript = ingest::read_transcript(
            &repo.join("transcripts/2025-01-10_china-llm-startups-six-tigers.txt"),
            None,
        )
        .unwrap();
        let bytes = transcript.lines.iter().map(|l| l.text.len()).sum();
        let norms: Vec<NormalizedLine> = transcript
            .lines
            .iter()
            .map(|l| NormalizedLine::new(&l.text))
            .collect();
        let word_ends = norms
            .iter()
            .map(|n| {
                let mut ends = Vec::new();
                annotator.segmenter.word_ends(&n.text, &mut ends);
                ends
            })
            .collect();
        let lines = recognizer(&annotator).annotate_lines(
            &transcript.id,
            &transcript.lines,
            &mut date_context(&transcript),
        );
        let doc = annotator.annotate(&transcript);
        Fixture {
            annotator,
            transcript,
            bytes,
            norms,
            word_ends,
            lines,
            doc,
        }
    })
}

fn recognizer(a: &Annotator) -> Recognizer<'_> {
    Recognizer {
        catalogue: &a.catalogue,
        segmenter: &a.segmenter,
        entities: &a.entities,
        values: &a.values,
        unknown: Some(&a.candidates),
    }
}

fn date_context(t: &Transcript) -> DateContext {
    DateContext::new(t.reference_date.as_deref().and_then(CalendarDate::parse))
}

/// jieba-rs `cut` (HMM on) over each normalized line: the floor every other stage adds to.
#[divan::bench]
fn segment(bencher: Bencher) {
    let f = fixture();
    let mut ends = Vec::new();
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        for n in &f.norms {
            f.annotator.segmenter.word_ends(&n.text, &mut ends);
        }
        ends.len()
    });
}

#[divan::bench]
fn recognize_entities(bencher: Bencher) {
    let f = fixture();
    let mut scratch = MatchScratch::default();
    let mut out: Vec<EntityMatch> = Vec::new();
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        for (n, ends) in f.norms.iter().zip(&f.word_ends) {
            f.annotator
                .entities
                .find(&n.text, ends, &mut scratch, &mut out);
        }
        out.len()
    });
}

#[divan::bench]
fn recognize_values(bencher: Bencher) {
    let f = fixture();
    let mut out: Vec<ValueMatch> = Vec::new();
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        let mut ctx = date_context(&f.transcript);
        for n in &f.norms {
            out.clear();
            f.annotator.values.find(&n.text, &mut ctx, &[], &mut out);
        }
        out.len()
    });
}

/// Recognition as the pipeline runs it: normalize, segment, both recognizers, mentions.
#[divan::bench]
fn recognize_all(bencher: Bencher) {
    let f = fixture();
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        recognizer(&f.annotator)
            .annotate_lines(
                &f.transcript.id,
                &f.transcript.lines,
                &mut date_context(&f.transcript),
            )
            .len()
    });
}

#[divan::bench]
fn link(bencher: Bencher) {
    let f = fixture();
    bencher.counter(BytesCount::new(f.bytes)).bench_local(|| {
        f.annotator
            .linker
            .link(
                &f.transcript.id,
                &f.lines,
                &f.annotator.catalogue,
                f.annotator.entities.families(),
            )
            .facts
            .len()
    });
}

/// Reading one transcript: file, encoding check and decoding, the text checks, lines.
#[divan::bench]
fn ingest(bencher: Bencher) {
    let f = fixture();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("transcripts/2025-01-10_china-llm-startups-six-tigers.txt");
    bencher
        .counter(BytesCount::new(f.bytes))
        .bench_local(|| ingest::read_transcript(&path, None).unwrap().lines.len());
}

/// Serializing one episode for the output files (dataset.json slice and CSV rows).
#[divan::bench]
fn write(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .bench_local(|| EncodedEpisode::new(&f.doc).unwrap().mentions);
}

/// The whole of `Annotator::annotate` (what `run` does per episode, before writing).
#[divan::bench]
fn annotate(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(BytesCount::new(f.bytes))
        .bench_local(|| f.annotator.annotate(&f.transcript).mentions.len());
}
