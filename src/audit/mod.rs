//! Auditing: reviewers' verdicts on facts, kept in a ledger that survives regeneration.
//!
//! - [`ledger`]: `audit/verdicts.csv`, owned by the users; the tool only ever appends to it.
//! - [`fields`]: the corrections a `corrected` verdict carries, validated field by field.
//! - [`apply`]: every `tfacts run` applies the ledger to the fresh dataset (latest verdict per
//!   fact wins; verdicts whose fact is gone are reported as orphans, never dropped).
//! - [`diff`]: facts added, removed and changed between two runs.
//! - [`report`]: the static `report.html` index and its episode and entity pages (transcript,
//!   highlighted mentions, facts, verdicts).
//! - [`labelstudio`]: Label Studio tasks out, Label Studio verdicts back in.
//!
//! Fact ids are content digests (see [`crate::ids`]), so a verdict keeps pointing at its fact
//! when lines are added elsewhere in a transcript or the dictionary grows.

pub mod apply;
pub mod commands;
pub mod diff;
pub mod fields;
pub mod labelstudio;
pub mod ledger;
pub mod report;

pub use fields::Corrections;
pub use ledger::Entry;
// The review state written into the dataset is plain model data (output reads it too).
pub use crate::model::{DatasetAudit, FactAudit, Orphan, Status, Verdict};

/// Where `tfacts run` and `tfacts audit` find the ledger unless told otherwise.
pub const DEFAULT_LEDGER: &str = "audit/verdicts.csv";

/// A fact's attributes that are set, as (field, value) in a fixed order: what the diff and the
/// report show of a fact beside its subject and object.
pub fn fact_attributes(f: &crate::model::Fact) -> Vec<(&'static str, String)> {
    use crate::model::number;
    [
        ("metric", f.metric.clone()),
        ("value", f.value.map(number::format)),
        ("max", f.value_max.map(number::format)),
        ("unit", f.unit.clone()),
        ("currency", f.currency.clone()),
        ("qualifier", f.qualifier.map(|q| q.as_str().to_string())),
        ("date", f.date.clone()),
        ("as_of", f.as_of.clone()),
        ("round", f.round.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 -> (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(today().len(), 10);
    }
}
