//! `tfacts`: the command line. Flags are parsed here and handed to the library; exit codes are
//! decided here. No pipeline logic lives in this file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use transcript_facts::dictionary::check;
use transcript_facts::{Annotator, RunConfig, eval, ingest, suggest};

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
    /// One transcript; its episode document (JSON) on standard output.
    Annotate {
        file: PathBuf,
        /// Resolves 今年 / 去年 / 上个月 (overrides the sidecar's `published`).
        #[arg(long, value_name = "YYYY-MM-DD")]
        reference_date: Option<String>,
        #[arg(long, default_value = "dictionaries")]
        dictionaries: PathBuf,
    },
    /// Score a dataset against a gold annotation file.
    Eval {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long, default_value = "output/dataset.json")]
        dataset: PathBuf,
        /// The episode id to score (by default the one the gold file names).
        #[arg(long)]
        episode: Option<String>,
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

#[derive(clap::Args, Default)]
struct RunArgs {
    #[arg(long, default_value = "transcripts")]
    transcripts: PathBuf,
    #[arg(long, default_value = "dictionaries")]
    dictionaries: PathBuf,
    #[arg(long, default_value = "output")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tfacts: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let command = cli.command.unwrap_or(Command::Run(RunArgs {
        transcripts: "transcripts".into(),
        dictionaries: "dictionaries".into(),
        out: "output".into(),
    }));
    match command {
        Command::Run(args) => run(args),
        Command::Annotate {
            file,
            reference_date,
            dictionaries,
        } => {
            let annotator = Annotator::load(&dictionaries)?;
            let transcript = ingest::read_transcript(&file, reference_date.as_deref())?;
            let doc = annotator.annotate(&transcript);
            println!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            gold,
            dataset,
            episode,
        } => {
            let gold_doc = eval::load_gold(&gold)?;
            let data = eval::load_dataset(&dataset)
                .with_context(|| "run `tfacts run` first to write the dataset")?;
            let ep = eval::find_episode(&data, &gold_doc, episode.as_deref())?;
            print!("{}", eval::evaluate(&data, ep, &gold_doc).render());
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
                Format::Table => print!("{}", suggest::render_table(&found)),
                Format::Csv => print!("{}", suggest::render_csv(&found)),
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
            };
            let report = check::check_dir(&dictionaries, &options)?;
            print!("{}", report.render());
            Ok(if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn run(args: RunArgs) -> Result<ExitCode> {
    let config = RunConfig {
        transcripts: args.transcripts,
        dictionaries: args.dictionaries,
        out: args.out,
    };
    let report = transcript_facts::run(&config)?;
    for e in &report.errors {
        eprintln!("tfacts: {e}");
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
