//! The archive across episodes: what it says about one entity ([`show`]), where it disagrees
//! with itself ([`conflicts`]), how metrics moved ([`timeline`]), and the whole dataset as a
//! SQLite file ([`sqlite`]).
//!
//! This layer sits above output and audit: it reads the dataset model and the audit ledger,
//! and neither of them knows it. `tfacts run` hands it each episode as it is written (for
//! `conflicts.csv` and the report's conflict and timeline sections); `tfacts show`,
//! `tfacts export sqlite` and the open-conflict count of `tfacts audit status` read a written
//! dataset. See `src/archive/README.md`.

pub mod conflicts;
pub mod page;
pub mod show;
pub mod sqlite;
pub mod timeline;

use std::path::Path;

use crate::error::Result;
use crate::model::Dataset;

/// A written dataset (a `dataset.json` or an output folder) with the ledger's current
/// verdicts applied, so a verdict recorded since the last run already counts.
pub fn load_reviewed(dataset: &Path, ledger: &Path) -> Result<Dataset> {
    let mut data = crate::audit::commands::load_dataset(dataset)?;
    let entries = crate::audit::ledger::read(ledger)?;
    crate::audit::apply::apply(&mut data, &entries);
    Ok(data)
}

/// The line `tfacts audit status` ends with: how many conflicts are open.
pub fn conflict_status(data: &Dataset) -> Result<String> {
    let all = conflicts::find(data)?;
    let open = all.iter().filter(|c| c.is_open()).count();
    let resolved = all.len() - open;
    Ok(if open == 0 {
        format!("open conflicts: none ({resolved} resolved by a verdict)\n")
    } else {
        format!(
            "open conflicts: {open} ({resolved} resolved; listed in conflicts.csv and first in \
             report.html; a reject or correct verdict on either fact resolves one)\n"
        )
    })
}
