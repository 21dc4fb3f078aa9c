//! `tfacts`: the command line. Flags are parsed here and handed to the library; exit codes are
//! decided here. No pipeline logic lives in this file.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use transcript_facts::dictionary::check;
use transcript_facts::pipeline::{driver, jsonl};
use transcript_facts::{Annotator, RunConfig, RunOptions, archive, audit, eval, ingest, suggest};

// A run makes and drops millions of small per-line buffers on every worker thread; glibc's
// malloc spent ~20% of a profiled run in malloc/free/consolidation, mimalloc's thread-local
// free lists make those calls cheap (bench/NOTES.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "tfacts",
    version,
    about = "Chinese video transcripts -> an auditable dataset of entities, values and facts"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Every transcript through the whole pipeline; the dataset written to --out (the default
    /// command).
    Run(RunArgs),
    /// One transcript; its episode document (JSON) on standard output. With `--jsonl -`,
    /// episodes as JSON Lines on standard input, one compact document a line on standard
    /// output, in input order (for Spark's `rdd.pipe` and Hadoop Streaming).
    Annotate {
        /// The transcript (`.txt`, `.srt`, `.vtt`); or give --jsonl.
        #[arg(conflicts_with = "jsonl")]
        file: Option<PathBuf>,
        /// Read episodes as JSON Lines (`{"id", "text", "published"}`) from this file, `-` for
        /// standard input.
        #[arg(long, value_name = "INPUT")]
        jsonl: Option<PathBuf>,
        /// Worker threads for `--jsonl` (default: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Resolves 今年 / 去年 / 上个月 (overrides the sidecar's `published`).
        #[arg(long, value_name = "YYYY-MM-DD")]
        reference_date: Option<String>,
        #[arg(long, default_value = "dictionaries")]
        dictionaries: PathBuf,
        /// Decode the transcript with this encoding (a label such as utf-8, gbk, gb18030,
        /// big5, utf-16le) instead of detecting it.
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
    },
    /// Score a dataset against gold annotation files.
    ///
    /// One gold file prints its scores and every miss; several (or a folder of `*.gold.json`)
    /// print a line per episode and the total, and with `--details` each episode's misses too.
    Eval {
        /// A gold file or a folder of them; repeat for more.
        #[arg(long, required = true, num_args = 1..)]
        gold: Vec<PathBuf>,
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
        /// The episode id to score (by default the one the gold file names; one gold file only).
        #[arg(long)]
        episode: Option<String>,
        /// With several gold files, also print each episode's misses and false hits.
        #[arg(long)]
        details: bool,
    },
    /// Record and summarize reviewers' verdicts (the ledger `audit/verdicts.csv`).
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Facts added, removed and changed between two runs.
    ///
    /// OLD and NEW are output folders or dataset.json files. `tfacts run --out /tmp/new &&
    /// tfacts diff output /tmp/new` checks a fresh run against the committed dataset.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Machine-readable JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Exit with 1 when there are differences (like `git diff --exit-code`).
        #[arg(long)]
        exit_code: bool,
    },
    /// Export the dataset for another tool.
    #[command(subcommand)]
    Export(ExportCommand),
    /// What the archive says about one entity: its facts from every episode in time order,
    /// the episodes naming it, a company's products, founders and people, a product line's
    /// releases.
    Show {
        /// An id (`company/moonshot`), a name or any alias, in either script.
        entity: String,
        /// One JSON document instead of text.
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
        #[arg(long, default_value = audit::DEFAULT_LEDGER)]
        ledger: PathBuf,
        /// The catalogue, for entities no episode names and for the closest names.
        #[arg(long, default_value = "dictionaries")]
        dictionaries: PathBuf,
    },
    /// Names the transcripts use that the catalogue lacks, with rows ready to paste.
    Suggest {
        /// Transcript files (default: every transcript under --transcripts).
        files: Vec<PathBuf>,
        #[arg(long, default_value = "transcripts")]
        transcripts: PathBuf,
        #[arg(long, default_value = "dictionaries")]
        dictionaries: PathBuf,
        /// Leave out names met fewer times.
        #[arg(long, default_value_t = 1)]
        min_count: usize,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Validate the dictionaries: every error (exit 1), warning and note at once.
    Check {
        #[arg(long, default_value = "dictionaries")]
        dictionaries: PathBuf,
        /// Warn about Chinese names jieba's dictionary knows at least this often.
        #[arg(long, default_value_t = check::COMMON_WORD_FREQ)]
        common_word_freq: usize,
        /// Leave out the notes (people without an affiliation).
        #[arg(long)]
        quiet: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Csv,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// The fact is right as stated.
    Accept(VerdictArgs),
    /// The fact is wrong; it stays in dataset.json, marked, and leaves facts.reviewed.csv.
    Reject(VerdictArgs),
    /// The fact is right with corrections: `--set field=value` (e.g. `--set date=2019-07`).
    Correct(VerdictArgs),
    /// Review progress per episode, and verdicts whose fact is gone.
    Status {
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
        #[arg(long, default_value = audit::DEFAULT_LEDGER)]
        ledger: PathBuf,
    },
    /// Bring verdicts back from a Label Studio JSON export (see `tfacts export labelstudio`).
    Import {
        export: PathBuf,
        /// Record this reviewer for every verdict (default: each annotation's `completed_by` as
        /// Label Studio exports it, an email or a user id; else $USER).
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
        #[arg(long, default_value = audit::DEFAULT_LEDGER)]
        ledger: PathBuf,
        /// The date to record (`YYYY-MM-DD`; today by default).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(clap::Args)]
struct VerdictArgs {
    fact_id: String,
    /// Who decided (default: $USER, else `unknown`).
    #[arg(long)]
    reviewer: Option<String>,
    /// Free text kept with the verdict (may start with `-`: `--note "-12% was said"`).
    #[arg(long, allow_hyphen_values = true)]
    note: Option<String>,
    /// A corrected field, `field=value` (repeatable; `field=` clears it). Only `audit correct`
    /// changes fields; accept and reject say so and name the command.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
    /// The date to record (`YYYY-MM-DD`; today by default).
    #[arg(long)]
    date: Option<String>,
    #[arg(long, default_value = "output/dataset.json")]
    dataset: PathBuf,
    #[arg(long, default_value = audit::DEFAULT_LEDGER)]
    ledger: PathBuf,
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The dataset as a SQLite database (tables, keys, indexes and views; see
    /// src/archive/README.md), written atomically.
    Sqlite {
        /// The database file to write (replaced if it exists).
        file: PathBuf,
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
    },
    /// The transcripts as JSON Lines for `annotate --jsonl` on a cluster (one episode a line,
    /// with its reference date and provenance).
    Jsonl {
        #[arg(long, default_value = "transcripts")]
        transcripts: PathBuf,
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Decode every transcript with this encoding instead of detecting each one's.
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
    },
    /// Label Studio tasks (one per episode) with mentions and facts as predictions.
    Labelstudio {
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
        /// Where the transcripts named by the dataset's `source` paths are found.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Also write the matching Label Studio labeling config (XML) here.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(clap::Args, Default)]
struct RunArgs {
    #[arg(long, default_value = "transcripts")]
    transcripts: PathBuf,
    #[arg(long, default_value = "dictionaries")]
    dictionaries: PathBuf,
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// The verdict ledger applied to the dataset (a missing file means no verdicts yet).
    #[arg(long, default_value = audit::DEFAULT_LEDGER)]
    ledger: PathBuf,
    /// Decode every transcript with this encoding (a label such as utf-8, gbk, gb18030, big5,
    /// utf-16le) instead of detecting each one's.
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Write the dataset even when no episode was read and --out holds a non-empty one
    /// (without it such a run refuses and exits 2, leaving the old dataset in place).
    #[arg(long)]
    allow_empty: bool,
    /// `spreadsheet` (default): a CSV text cell starting with = + - @ tab CR or NUL gets a
    /// leading ' so a spreadsheet does not run it (a mention `-12%` reads `'-12%`); `none`:
    /// every text cell exactly as in dataset.json, for programs that read the CSVs.
    #[arg(long, value_enum, default_value_t = CsvGuard::Spreadsheet)]
    csv_guard: CsvGuard,
    /// Write the dataset from annotated JSON Lines (what `annotate --jsonl` wrote: a file, or
    /// a folder of part files) instead of annotating transcripts.
    #[arg(long, value_name = "ANNOTATED", conflicts_with_all = ["transcripts", "encoding"])]
    from_jsonl: Option<PathBuf>,
    /// With --from-jsonl: the episodes' input JSON Lines, for the report page's lines.
    #[arg(long, value_name = "EPISODES", requires = "from_jsonl")]
    texts: Option<PathBuf>,
}

#[derive(Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
enum CsvGuard {
    #[default]
    Spreadsheet,
    None,
}

/// `print!` that returns the error instead of panicking: a reader that stops early
/// (`tfacts annotate FILE | head`) closes the pipe, and that ends the command quietly.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?;
    }};
}

/// `println!` that returns the error instead of panicking (see [`out!`]).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?;
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tfacts: {}", transcript_facts::one_line(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let command = cli.command.unwrap_or(Command::Run(RunArgs {
        transcripts: "transcripts".into(),
        dictionaries: "dictionaries".into(),
        out: "output".into(),
        ledger: audit::DEFAULT_LEDGER.into(),
        encoding: None,
        threads: 0,
        allow_empty: false,
        csv_guard: CsvGuard::Spreadsheet,
        from_jsonl: None,
        texts: None,
    }));
    match command {
        Command::Run(args) => run(args),
        Command::Annotate {
            file,
            jsonl,
            threads,
            reference_date,
            dictionaries,
            encoding,
        } => {
            if file.is_none() && jsonl.is_none() {
                anyhow::bail!(
                    "annotate needs a transcript: `tfacts annotate FILE`, or `tfacts annotate \
                     --jsonl INPUT` (`-` for standard input)"
                );
            }
            let options = ingest::ReadOptions {
                reference_date: reference_date.as_deref(),
                encoding: encoding_arg(encoding.as_deref())?,
                root: None,
            };
            let annotator = Annotator::load(&dictionaries)?;
            if let Some(input) = jsonl {
                return annotate_jsonl(&annotator, &input, threads);
            }
            let file = file.context("name a transcript file, or --jsonl -")?;
            // The driver of every run, over one file (on this thread).
            let pool = driver::thread_pool(1)?;
            let paths = [file];
            let source = driver::Source::Files {
                paths: &paths,
                read: &options,
            };
            let mut doc = None;
            driver::annotate_each(
                &annotator,
                &pool,
                source,
                |_, d| Ok(d),
                |d| {
                    doc = Some(d?);
                    Ok(())
                },
            )?;
            let doc = doc.context("the transcript gave no episode")?;
            outln!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            gold,
            dataset,
            episode,
            details,
        } => {
            let files = eval::gold_files(&gold)?;
            if files.len() > 1 && episode.is_some() {
                anyhow::bail!("--episode names the episode of one gold file; give only one");
            }
            let data = eval::load_dataset(&dataset)
                .with_context(|| "run `tfacts run` first to write the dataset")?;
            let mut reports = Vec::with_capacity(files.len());
            for file in &files {
                let gold_doc = eval::load_gold(file)?;
                let ep = eval::find_episode(&data, &gold_doc, episode.as_deref())
                    .with_context(|| format!("gold file {}", file.display()))?;
                reports.push(eval::evaluate(&data, ep, &gold_doc));
            }
            if let [one] = reports.as_slice() {
                out!("{}", one.render());
            } else {
                if details {
                    for r in &reports {
                        outln!("{}", r.render());
                    }
                }
                out!("{}", eval::render_summary(&reports));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Suggest {
            files,
            transcripts,
            dictionaries,
            min_count,
            format,
        } => {
            let annotator = Annotator::load(&dictionaries)?;
            let files = if files.is_empty() {
                ingest::list_transcripts(&transcripts)?
            } else {
                files
            };
            // A transcript that cannot be read is named and skipped, as `run` does.
            let mut read = Vec::new();
            let mut failed = false;
            for file in &files {
                match ingest::read_transcript(file, None) {
                    Ok(t) => {
                        let label = file.file_name().map_or_else(
                            || file.display().to_string(),
                            |n| n.to_string_lossy().into(),
                        );
                        read.push((label, t));
                    }
                    Err(e) => {
                        eprintln!("tfacts: {e}");
                        failed = true;
                    }
                }
            }
            let options = suggest::SuggestOptions {
                min_count,
                ..Default::default()
            };
            let found = suggest::suggest(&annotator, &read, &options);
            match format {
                Format::Table => out!("{}", suggest::render_table(&found)),
                Format::Csv => out!("{}", suggest::render_csv(&found)),
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Check {
            dictionaries,
            common_word_freq,
            quiet,
        } => {
            let options = check::CheckOptions {
                common_word_freq,
                people_without_affiliation: !quiet,
                ..Default::default()
            };
            let report = check::check_dir(&dictionaries, &options)?;
            out!("{}", report.render());
            Ok(if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Audit(cmd) => audit_command(cmd),
        Command::Diff {
            old,
            new,
            json,
            exit_code,
        } => {
            let diff = audit::diff::diff_paths(&old, &new)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&diff)?);
            } else {
                out!("{}", diff.render());
            }
            Ok(if exit_code && !diff.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Export(ExportCommand::Jsonl {
            transcripts,
            out,
            encoding,
        }) => export_jsonl(&transcripts, out.as_deref(), encoding.as_deref()),
        Command::Export(ExportCommand::Sqlite { file, dataset }) => {
            let data = audit::commands::load_dataset(&dataset)?;
            let conflicts = archive::conflicts::find(&data)?;
            archive::sqlite::export(&data, &conflicts, &file)?;
            eprintln!(
                "tfacts: {} episodes, {} facts, {} conflicts written to {}",
                data.episodes.len(),
                data.episodes.iter().map(|e| e.facts.len()).sum::<usize>(),
                conflicts.len(),
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Show {
            entity,
            json,
            dataset,
            ledger,
            dictionaries,
        } => {
            let data = archive::load_reviewed(&dataset, &ledger)?;
            // The catalogue only widens the search; a dataset alone is enough.
            let catalogue = transcript_facts::dictionary::Catalogue::load_dir(&dictionaries).ok();
            let report = archive::show::report(&entity, &data, catalogue.as_ref())?;
            let text = if json {
                serde_json::to_string_pretty(&report)? + "\n"
            } else {
                archive::show::render(&report)
            };
            // A closed pipe (`| head`) is not an error.
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(ExportCommand::Labelstudio {
            dataset,
            root,
            out,
            config,
        }) => {
            let data = audit::commands::load_dataset(&dataset)?;
            let n = audit::labelstudio::export(&data, &root, &out, config.as_deref())?;
            eprintln!(
                "tfacts: {n} Label Studio tasks written to {}",
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn audit_command(cmd: AuditCommand) -> Result<ExitCode> {
    let (verdict, args) = match cmd {
        AuditCommand::Accept(a) => (audit::Verdict::Accepted, a),
        AuditCommand::Reject(a) => (audit::Verdict::Rejected, a),
        AuditCommand::Correct(a) => (audit::Verdict::Corrected, a),
        AuditCommand::Status { dataset, ledger } => {
            out!("{}", audit::commands::status(&dataset, &ledger)?);
            let data = archive::load_reviewed(&dataset, &ledger)?;
            out!("{}", archive::conflict_status(&data)?);
            return Ok(ExitCode::SUCCESS);
        }
        AuditCommand::Import {
            export,
            reviewer,
            dataset,
            ledger,
            date,
        } => {
            let summary = audit::labelstudio::import(
                &export,
                &dataset,
                &ledger,
                reviewer.as_deref(),
                date.as_deref(),
            )?;
            eprintln!("tfacts: {summary}");
            return Ok(ExitCode::SUCCESS);
        }
    };
    let request = audit::commands::VerdictRequest {
        fact_id: args.fact_id,
        verdict,
        reviewer: args.reviewer,
        note: args.note,
        set: args.set,
        date: args.date,
    };
    let entry = audit::commands::record(&args.dataset, &args.ledger, &request)?;
    eprintln!(
        "tfacts: {} {} recorded in {} ({} {}); `tfacts run` applies it",
        entry.verdict.as_str(),
        entry.fact_id,
        args.ledger.display(),
        entry.reviewer,
        entry.date
    );
    Ok(ExitCode::SUCCESS)
}

/// The encoding a `--encoding` label names.
fn encoding_arg(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>> {
    label
        .map(|l| ingest::encoding_for_label(l).map_err(|m| anyhow::anyhow!("--encoding: {m}")))
        .transpose()
}

fn annotate_jsonl(annotator: &Annotator, input: &Path, threads: usize) -> Result<ExitCode> {
    let name = if input == Path::new("-") {
        "stdin".to_string()
    } else {
        input.display().to_string()
    };
    let reader = jsonl::open_input(input)?;
    let stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let report = jsonl::annotate_jsonl(annotator, reader, stdout, &name, threads, |e| {
        eprintln!("tfacts: {e}")
    })?;
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn export_jsonl(
    transcripts: &Path,
    out: Option<&Path>,
    encoding: Option<&str>,
) -> Result<ExitCode> {
    let encoding = encoding_arg(encoding)?;
    let report_to = |e: &str| eprintln!("tfacts: {e}");
    let report = match out {
        Some(path) => {
            // Written beside and renamed, so a failed export leaves no half file.
            let tmp = path.with_extension("jsonl.tmp");
            let file = std::fs::File::create(&tmp).with_context(|| tmp.display().to_string())?;
            let w = std::io::BufWriter::with_capacity(1 << 20, file);
            let report = jsonl::export_jsonl(transcripts, encoding, w, report_to)?;
            std::fs::rename(&tmp, path).with_context(|| path.display().to_string())?;
            report
        }
        None => {
            let w = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            jsonl::export_jsonl(transcripts, encoding, w, report_to)?
        }
    };
    eprintln!("tfacts: {} episodes written as JSON Lines", report.episodes);
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run(args: RunArgs) -> Result<ExitCode> {
    transcript_facts::output::csv_rows::set_formula_guard(args.csv_guard == CsvGuard::Spreadsheet);
    let options = RunOptions {
        encoding: encoding_arg(args.encoding.as_deref())?,
        ledger: Some(args.ledger),
        allow_empty: args.allow_empty,
    };
    let config = RunConfig {
        transcripts: args.transcripts,
        dictionaries: args.dictionaries,
        out: args.out,
        threads: args.threads,
        progress: std::io::stderr().is_terminal(),
    };
    let report = match &args.from_jsonl {
        Some(annotated) => transcript_facts::run::run_from_jsonl(
            &config,
            &options,
            annotated,
            args.texts.as_deref(),
        )?,
        None => transcript_facts::run_with(&config, &options)?,
    };
    for e in &report.errors {
        eprintln!("tfacts: {e}");
    }
    for w in &report.warnings {
        eprintln!("tfacts: warning: {w}");
    }
    eprintln!(
        "tfacts: {} episodes, {} mentions, {} facts written to {}",
        report.episodes,
        report.mentions,
        report.facts,
        config.out.display()
    );
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
