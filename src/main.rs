//! `tfacts`: the command line. Flags are parsed here and handed to the library; exit codes are
//! decided here. No pipeline logic lives in this file.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use transcript_facts::{Annotator, RunConfig, eval, ingest, jsonl};

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
        #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
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
}

#[derive(clap::Args, Default)]
struct RunArgs {
    #[arg(long, default_value = "transcripts")]
    transcripts: PathBuf,
    #[arg(long, default_value = "dictionaries")]
    dictionaries: PathBuf,
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
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
        threads: 0,
    }));
    match command {
        Command::Run(args) => run(args),
        Command::Annotate {
            file,
            jsonl,
            threads,
            reference_date,
            dictionaries,
        } => {
            let annotator = Annotator::load(&dictionaries)?;
            if let Some(input) = jsonl {
                return annotate_jsonl(&annotator, &input, threads);
            }
            let file = file.context("name a transcript file, or --jsonl -")?;
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
    }
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

fn run(args: RunArgs) -> Result<ExitCode> {
    let config = RunConfig {
        transcripts: args.transcripts,
        dictionaries: args.dictionaries,
        out: args.out,
        threads: args.threads,
        progress: std::io::stderr().is_terminal(),
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
