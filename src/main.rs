//! `tfacts`: the command line. Flags are parsed here and handed to the library; exit codes are
//! decided here. No pipeline logic lives in this file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use transcript_facts::{Annotator, RunConfig, RunOptions, eval, ingest};

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
        /// Decode the transcript with this encoding (a label such as utf-8, gbk, gb18030,
        /// big5, utf-16le) instead of detecting it.
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
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
    /// Decode every transcript with this encoding (a label such as utf-8, gbk, gb18030, big5,
    /// utf-16le) instead of detecting each one's.
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
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
        encoding: None,
    }));
    match command {
        Command::Run(args) => run(args),
        Command::Annotate {
            file,
            reference_date,
            dictionaries,
            encoding,
        } => {
            let options = ingest::ReadOptions {
                reference_date: reference_date.as_deref(),
                encoding: encoding_arg(encoding.as_deref())?,
                root: None,
            };
            let annotator = Annotator::load(&dictionaries)?;
            let transcript = ingest::read_transcript_with(&file, &options)?;
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

/// The encoding a `--encoding` label names.
fn encoding_arg(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>> {
    label
        .map(|l| ingest::encoding_for_label(l).map_err(|m| anyhow::anyhow!("--encoding: {m}")))
        .transpose()
}

fn run(args: RunArgs) -> Result<ExitCode> {
    let options = RunOptions {
        encoding: encoding_arg(args.encoding.as_deref())?,
    };
    let config = RunConfig {
        transcripts: args.transcripts,
        dictionaries: args.dictionaries,
        out: args.out,
    };
    let report = transcript_facts::run_with(&config, &options)?;
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
