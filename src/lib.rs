//! transcript-facts: Chinese video transcripts -> an auditable dataset of entities, values and
//! facts.
//!
//! The stages, one module each, plain data types ([`model`]) between them:
//!
//! ```text
//! ingest -> normalize -> segment -> recognize -> link -> output
//!                      (jieba)    (entities,   (facts)  (dataset.json, CSV)
//!                                  values)
//! ```
//!
//! The modules in layers; a module uses only modules of lower layers (`tests/layers.rs`
//! checks every `use crate::` path):
//!
//! ```text
//! run (a whole run: the driver, the dataset, the report)   <- the tfacts binary (main.rs)
//! archive (conflicts, timelines, SQLite, show)
//! output   audit   eval   suggest
//! pipeline (Annotator: one transcript; driver: files, JSON Lines, one file, in order)
//! link
//! recognize
//! segment
//! dictionary   ingest
//! normalize
//! model   error   ids
//! ```
//!
//! [`run()`] is the main job; the `tfacts` binary is a thin command line over this library.

pub mod archive;
pub mod audit;
pub mod dictionary;
pub mod error;
pub mod eval;
pub mod ids;
pub mod ingest;
pub mod link;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod recognize;
pub mod run;
pub mod segment;
pub mod suggest;

pub use error::{Error, Result, one_line};
pub use pipeline::Annotator;
pub use run::{RunConfig, RunOptions, RunReport, run, run_audited, run_with};
