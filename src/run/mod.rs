//! A run: the transcripts of a folder (or annotated JSON Lines, [`from_jsonl`]) through the
//! pipeline's driver into the dataset, its CSVs and the report. The top layer: it alone
//! puts the pipeline, the output, the audit and the archive together.

pub mod from_jsonl;

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::error::{Error, Result, one_line};
use crate::output::stream::EncodedEpisode;
use crate::pipeline::Annotator;
use crate::pipeline::driver::{self, Source};
use crate::{archive, audit, dictionary, ingest, model, output};

pub use from_jsonl::run_from_jsonl;

/// What `tfacts run` works on. (`Default` gives empty paths, every core, no progress bar:
/// set the paths.)
#[derive(Debug, Clone, Default)]
pub struct RunConfig {
    pub transcripts: PathBuf,
    pub dictionaries: PathBuf,
    pub out: PathBuf,
    /// Worker threads; 0 means one per core (or `RAYON_NUM_THREADS`).
    pub threads: usize,
    /// Draw a progress bar on standard error (the binary sets it when stderr is a terminal).
    pub progress: bool,
}

/// What a run did: how many episodes were written and every input that failed.
#[derive(Debug, Default)]
pub struct RunReport {
    pub episodes: usize,
    pub facts: usize,
    pub mentions: usize,
    /// One line per bad input, naming the file (and line).
    pub errors: Vec<String>,
    /// Things to tell the user that are not errors (orphaned verdicts).
    pub warnings: Vec<String>,
}

/// How `tfacts run` reads its inputs, beyond the folders.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Decode every transcript with this encoding instead of detecting each one's.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The verdict ledger to apply (`None`: every fact is unreviewed).
    pub ledger: Option<PathBuf>,
    /// Write an empty dataset over a non-empty one (otherwise a run that read no episode
    /// refuses, so an empty or unreadable transcripts folder never quietly loses a dataset).
    pub allow_empty: bool,
}

/// The main job: every transcript under `config.transcripts` through the pipeline, the dataset
/// written to `config.out`. A bad transcript is reported and skipped; the others are written.
/// An error here (dictionary or output) means nothing was written. No ledger is applied (every
/// fact is unreviewed); `tfacts run` uses [`run_with`] with the ledger.
///
/// Episodes stream through in id order: a window of them is annotated and serialized in
/// parallel on a pool of `config.threads` while this thread appends finished ones to the
/// output files in order, so memory stays flat however large the archive (at most a window
/// of episodes is held) and no worker waits for a batch to finish.
pub fn run(config: &RunConfig) -> Result<RunReport> {
    run_with(config, &RunOptions::default())
}

/// [`run`], with the verdicts of the ledger at `ledger` (a missing file is an empty ledger)
/// applied to the dataset before it is written.
pub fn run_audited(config: &RunConfig, ledger: Option<&std::path::Path>) -> Result<RunReport> {
    let options = RunOptions {
        ledger: ledger.map(PathBuf::from),
        ..RunOptions::default()
    };
    run_with(config, &options)
}

/// [`run`] with options: an encoding for every file, a verdict ledger to apply.
pub fn run_with(config: &RunConfig, options: &RunOptions) -> Result<RunReport> {
    let pool = driver::thread_pool(config.threads)?;
    let annotator = pool.install(|| Annotator::load(&config.dictionaries))?;
    // Temp files a killed run left behind are removed before anything else is written.
    output::remove_stale_temp_files(&config.out);
    let scan = ingest::scan_transcripts(&config.transcripts)?;
    let mut report = RunReport::default();
    report
        .errors
        .extend(scan.errors.iter().map(|e| e.to_string()));
    // Files that are not transcripts (an image, a Word document): said, not failed.
    report
        .warnings
        .extend(scan.skipped.iter().map(|s| one_line(&s.to_string())));
    let files = driver::episode_files(&scan.files, &mut report.errors);
    let ledger = match &options.ledger {
        Some(path) => audit::ledger::read(path)?,
        None => Vec::new(),
    };
    let verdicts = audit::apply::latest(&ledger);
    let read = ingest::ReadOptions {
        reference_date: None,
        encoding: options.encoding,
        root: Some(&config.transcripts),
    };
    let progress = progress_bar(config.progress && files.len() >= PROGRESS_MIN, files.len());
    let pages = output::PageDir::create(&config.out, output::REPORT_PAGES)?;
    let mut sink = RunSink::create(&config.out, &verdicts, &pages)?;
    let finish = |transcript: model::Transcript, doc| {
        Episode::new(&annotator, doc, transcript.lines, &verdicts, &pages)
    };
    let write = |r: Result<Episode>| -> Result<()> {
        progress.inc(1);
        sink.push(r, &mut report)
    };
    let source = Source::Files {
        paths: &files,
        read: &read,
    };
    driver::annotate_each(&annotator, &pool, source, finish, write)?;
    refuse_empty(config, options, &report, &config.transcripts, "transcript")?;
    sink.finish(&annotator, &pool, pages, &mut report)?;
    progress.finish_and_clear();
    Ok(report)
}

/// A run that read no episode does not replace a dataset that has some, unless allowed, so
/// an empty or unreadable input never quietly loses a dataset. `kind` names what `source`
/// should have held.
pub(crate) fn refuse_empty(
    config: &RunConfig,
    options: &RunOptions,
    report: &RunReport,
    source: &std::path::Path,
    kind: &str,
) -> Result<()> {
    if report.episodes > 0 || options.allow_empty {
        return Ok(());
    }
    let existing = output::existing_episodes(&config.out);
    if existing == 0 {
        return Ok(());
    }
    let why = match report.errors.first() {
        None => format!("no {kind} found in {}", source.display()),
        Some(first) => format!(
            "none of the {} {kind} file(s) could be read (first: {first})",
            report.errors.len()
        ),
    };
    Err(Error::Other(format!(
        "not replacing {} ({existing} episodes) with an empty dataset: {why}; \
         pass --allow-empty to write it anyway",
        config.out.join("dataset.json").display()
    )))
}

/// The latest verdict per fact id.
pub(crate) type Verdicts<'v> = std::collections::BTreeMap<&'v str, &'v audit::ledger::Entry>;

/// The end of a run, filled episode by episode in id order: the streamed dataset files and
/// what only the end of the run knows (family versions met, for the entity list; the ids of
/// the facts that have a verdict, the others' verdicts being orphans; the index rows and the
/// entities' facts of the report). Each episode's report page is written by its worker
/// ([`Episode::new`]) into the report folder's temporary name, swapped in at the end. `tfacts run` and
/// `tfacts run --from-jsonl` both end through it, so both write the same files.
pub(crate) struct RunSink<'v> {
    writer: output::stream::DatasetWriter,
    out: PathBuf,
    verdicts: &'v Verdicts<'v>,
    members: std::collections::BTreeMap<String, dictionary::Entity>,
    fact_ids: std::collections::HashSet<String>,
    /// One row per episode for the report's index.
    rows: Vec<audit::report::EpisodeRow>,
    /// Every fact per entity, for the entity pages.
    entities: archive::page::Entities,
    unreviewed: usize,
    /// The comparable facts of the whole archive, for `conflicts.csv` and the timelines.
    claims: archive::conflicts::Collector,
}

impl<'v> RunSink<'v> {
    /// The entities' rows and the archive's comparable facts are kept in scratch files in
    /// the report's staging folder `pages` until the end of the run.
    pub(crate) fn create(
        out: &std::path::Path,
        verdicts: &'v Verdicts<'v>,
        pages: &output::PageDir,
    ) -> Result<Self> {
        Ok(RunSink {
            writer: output::stream::DatasetWriter::create(out)?,
            out: out.to_path_buf(),
            verdicts,
            members: Default::default(),
            fact_ids: Default::default(),
            rows: Vec::new(),
            entities: archive::page::Entities::spilled(pages.spill("entity-rows")?),
            unreviewed: 0,
            claims: archive::conflicts::Collector::spilled(pages.spill("claims")?),
        })
    }

    /// Append one episode (they must come in id order), or count its error.
    pub(crate) fn push(&mut self, r: Result<Episode>, report: &mut RunReport) -> Result<()> {
        let ep = match r {
            Ok(ep) => ep,
            Err(e) => {
                report.errors.push(one_line(&e.to_string()));
                return Ok(());
            }
        };
        report.episodes += 1;
        report.mentions += ep.encoded.mentions;
        report.facts += ep.encoded.facts;
        report.warnings.extend(ep.stale);
        for m in ep.members {
            self.members.entry(m.id.clone()).or_insert(m);
        }
        let judged = ep.doc.facts.iter().map(|f| f.id.as_str());
        let judged = judged.filter(|id| self.verdicts.contains_key(id));
        self.fact_ids.extend(judged.map(str::to_string));
        self.writer.push(ep.encoded)?;
        self.claims.add_episode(&ep.doc)?;
        self.entities.add_episode(&ep.doc)?;
        let row = audit::report::EpisodeRow::of(&ep.doc);
        self.unreviewed += row.unreviewed;
        self.rows.push(row);
        Ok(())
    }

    /// The entity list, `dataset.json` assembled, every file renamed into place, then the
    /// report's pages swapped in and its index; the orphaned verdicts join the report's
    /// warnings.
    pub(crate) fn finish(
        self,
        annotator: &Annotator,
        pool: &rayon::ThreadPool,
        pages: output::PageDir,
        report: &mut RunReport,
    ) -> Result<()> {
        let RunSink {
            writer,
            out,
            verdicts,
            members,
            fact_ids,
            rows,
            entities,
            unreviewed,
            claims,
        } = self;
        let mut catalogue = annotator.catalogue.clone();
        catalogue.extend_derived(members.into_values());
        let orphans = audit::apply::orphans(verdicts, |id| fact_ids.contains(id));
        report
            .warnings
            .extend(orphans.iter().map(audit::apply::orphan_warning));
        let audit = audit::DatasetAudit { orphans };
        // The dataset's assembly (entities, the streamed episodes copied in, every file
        // synced) and rendering the entity pages and the index are independent: on two
        // threads neither waits for the other. The pages go in only once the dataset is.
        // The conflicts and the series are held as indices of the collector's facts, read
        // back (from its scratch file) for the rows and charts written; `conflicts.csv` is
        // written a batch of rows at a time.
        let open = claims.open_conflicts()?;
        let series = archive::timeline::series(&claims)?;
        let mut sections = archive::page::sections(&open, &series, rows, &entities)?;
        sections.facts_total = report.facts;
        sections.unreviewed_total = unreviewed;
        let render = || -> Result<(String, output::StagedFile)> {
            // Read back one page at a time and rendered on whichever thread is free (each
            // page is its own file, so their order does not matter); written as rendered: a
            // much-said entity's page is large.
            entities
                .pages(&series, &claims)
                .par_bridge()
                .try_for_each(|page| -> Result<()> {
                    let (file, view) = page?;
                    pages.write_with("entity", &file, |out| {
                        audit::report::write_entity(&view, out)
                    })
                })?;
            let mut csv = output::StagedFile::create(&out, "conflicts.csv")?;
            open.write_csv(|bytes| csv.write(bytes))?;
            csv.close()?;
            Ok((audit::report::render_index(&audit, &sections)?, csv))
        };
        let (finished, rendered) =
            pool.install(|| rayon::join(|| writer.finish(&catalogue, &audit), render));
        finished?;
        let (html, csv) = rendered?;
        // The scratch files go before the pages' folder is swapped in.
        drop(open);
        drop(claims);
        pages.commit()?;
        output::write_all_atomic_with(&out, &[("report.html", html.into_bytes())], vec![csv])
    }
}

/// One annotated episode, on its way from a worker to the writer.
pub(crate) struct Episode {
    encoded: EncodedEpisode,
    members: Vec<dictionary::Entity>,
    doc: model::EpisodeDoc,
    /// Facts whose claim changed under their verdict (one warning line each).
    stale: Vec<String>,
}

impl Episode {
    /// Apply the verdicts to an annotated episode, encode it and write its report page into
    /// `pages` (on the worker, so the writer thread only appends); `lines` are the
    /// transcript's, for the page.
    pub(crate) fn new(
        annotator: &Annotator,
        mut doc: model::EpisodeDoc,
        lines: Vec<model::SourceLine>,
        verdicts: &Verdicts<'_>,
        pages: &output::PageDir,
    ) -> Result<Self> {
        let stale = audit::apply::apply_episode(&mut doc, verdicts);
        let page = audit::report::render_episode(&doc, Some(&lines).filter(|l| !l.is_empty()))?;
        let encoded = EncodedEpisode::new(&doc)?;
        let file = audit::report::page_file(&doc.id);
        pages.write("episode", &file, page.as_bytes())?;
        Ok(Episode {
            members: annotator.family_members(&doc),
            encoded,
            doc,
            stale,
        })
    }
}

/// Below this many episodes a run is too short for a progress bar.
const PROGRESS_MIN: usize = 20;

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} episodes, eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
