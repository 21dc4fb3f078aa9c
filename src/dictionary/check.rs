//! `tfacts check`: every problem of the dictionaries at once, not only the first.
//!
//! Errors (the run would stop on them): rows the loader rejects (missing fields, unknown
//! types, duplicate ids, an alias claimed by two entities, owners or affiliations that are not
//! in the catalogue), products without an owner, and family rows whose pattern does not
//! compile, whose owner is unknown or whose example the pattern does not match.
//!
//! Warnings: family patterns that match a bare prefix (no version needed); Chinese names that
//! are ordinary words and would fire everywhere (jieba's built-in
//! dictionary knows them with a frequency at or above a threshold, 苹果 1334 or 地平线 158,
//! and does not tag them as a name of that kind: 清华大学 or a person's name tagged `nr` is
//! well known, not ordinary; so is a name on the reviewed list `dictionaries/well_known_names.txt`,
//! 百度 or 华为), and one-char Chinese names. Info: people without an affiliation.
//!
//! The loader's own validation is reused ([`Catalogue::load_dir_collecting`],
//! [`Families::load_dir_collecting`]); nothing here re-implements it.

use std::fmt;
use std::path::Path;

use jieba_rs::Jieba;

use super::Catalogue;
use super::families::Families;
use crate::error::Result;
use crate::model::MentionKind;
use crate::normalize::is_cjk;

/// Default jieba frequency from which a Chinese name counts as an ordinary word.
pub const COMMON_WORD_FREQ: usize = 150;

/// The reviewed list of names that are ordinary words to jieba but mean the company almost
/// every time (百度, 华为, 小米): no ordinary-word warning for them.
pub const WELL_KNOWN_FILE: &str = "well_known_names.txt";

/// The names of `dir/well_known_names.txt` (one a line, `#` starts a comment), as match keys;
/// a missing file is an empty list.
pub fn well_known_names(dir: &Path) -> Result<std::collections::BTreeSet<String>> {
    let path = dir.join(WELL_KNOWN_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(crate::error::Error::io(&path, e)),
    };
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(super::match_key)
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// `file:line: what`, as the loader words it.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.as_str(), self.message)
    }
}

/// Everything `check` found, errors first.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub entities: usize,
    pub families: usize,
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// One line a finding, then a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            out.push_str(&f.to_string());
            out.push('\n');
        }
        out.push_str(&format!(
            "checked {} entities and {} families: {} errors, {} warnings, {} notes\n",
            self.entities,
            self.families,
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info)
        ));
        out
    }
}

/// Options of a check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Warn about Chinese names jieba knows with at least this frequency.
    pub common_word_freq: usize,
    /// Report people without an affiliation (info).
    pub people_without_affiliation: bool,
    /// Match keys of names reviewed as well known (no ordinary-word warning), from
    /// [`WELL_KNOWN_FILE`].
    pub well_known: std::collections::BTreeSet<String>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            common_word_freq: COMMON_WORD_FREQ,
            people_without_affiliation: true,
            well_known: Default::default(),
        }
    }
}

/// The part-of-speech tag jieba's dictionary gives a whole word (`None` when it is not one
/// dictionary word).
pub fn jieba_tag<'a>(jieba: &'a Jieba, word: &'a str) -> Option<&'a str> {
    if !jieba.has_word(word) {
        return None;
    }
    match jieba.tag(word, false).as_slice() {
        [one] if one.word == word => Some(one.tag),
        _ => None,
    }
}

/// True when jieba's tag says the word is itself a name of the entity's kind (a place or an
/// organisation for a company, a person's name for a person), or the name says it is an
/// institution: then being frequent is being well known, not being an ordinary word.
fn is_proper_name(kind: MentionKind, name: &str, tag: Option<&str>) -> bool {
    const INSTITUTION: [&str; 8] = ["大学", "学院", "公司", "集团", "研究院", "银行", "社", "部"];
    match kind {
        MentionKind::Person => matches!(tag, Some("nr" | "nrt" | "nrfg")),
        _ => {
            matches!(tag, Some("ns" | "nt" | "nz" | "nrt"))
                || INSTITUTION.iter().any(|s| name.ends_with(s))
        }
    }
}

/// How often jieba's built-in dictionary sees a word (0 when it is not a dictionary word).
pub fn jieba_frequency(jieba: &Jieba, word: &str) -> usize {
    if jieba.has_word(word) {
        // For a dictionary word, the suggested frequency is its own frequency (plus one).
        jieba.suggest_freq(word).saturating_sub(1)
    } else {
        0
    }
}

/// Check the dictionaries under `dir`. `Err` only when the entity folder cannot be read.
pub fn check_dir(dir: &Path, options: &CheckOptions) -> Result<CheckReport> {
    let mut problems = Vec::new();
    let catalogue = Catalogue::load_dir_collecting(dir, &mut problems)?;
    let mut options = options.clone();
    options.well_known.extend(well_known_names(dir)?);
    let options = &options;
    let families =
        Families::load_dir_collecting(dir, &catalogue, &mut problems).unwrap_or_else(|e| {
            problems.push(e);
            Families::default()
        });
    // The value word lists (dictionaries/values/): every bad row, with its file and line.
    if let Err(e) = super::values::ValueWords::load_dir_collecting(dir, &mut problems) {
        problems.push(e);
    }
    let mut findings: Vec<Finding> = problems
        .into_iter()
        .map(|e| Finding {
            severity: Severity::Error,
            message: e.to_string(),
        })
        .collect();
    findings.extend(check_catalogue(&catalogue, &Jieba::new(), options));
    findings.extend(check_families(&families));
    // Stable order: by severity, then as found (file and line order).
    findings.sort_by_key(|f| f.severity);
    Ok(CheckReport {
        entities: catalogue.len(),
        families: families.len(),
        findings,
    })
}

/// The checks beyond what loading validates. `jieba` must be the plain built-in dictionary
/// (not the pipeline's segmenter, which has the catalogue's names added).
pub fn check_catalogue(
    catalogue: &Catalogue,
    jieba: &Jieba,
    options: &CheckOptions,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in catalogue.entities() {
        if e.kind == MentionKind::Product && e.owner.is_none() {
            out.push(if catalogue.owner_wanted(&e.id) {
                Finding {
                    severity: Severity::Info,
                    message: format!(
                        "{}: product {} needs an owner (the row says `?`): name the company that makes it",
                        e.origin, e.id
                    ),
                }
            } else {
                Finding {
                    severity: Severity::Error,
                    message: format!("{}: product {} has no owner", e.origin, e.id),
                }
            });
        }
        if e.kind == MentionKind::Person
            && e.affiliation.is_none()
            && options.people_without_affiliation
        {
            out.push(Finding {
                severity: Severity::Info,
                message: format!("{}: person {} has no affiliation", e.origin, e.id),
            });
        }
        for name in e.names() {
            if !name.chars().all(is_cjk) {
                continue;
            }
            if name.chars().count() == 1 {
                out.push(Finding {
                    severity: Severity::Warning,
                    message: format!(
                        "{}: name {name:?} of {} is a single character and fires everywhere",
                        e.origin, e.id
                    ),
                });
                continue;
            }
            let freq = jieba_frequency(jieba, name);
            let tag = jieba_tag(jieba, name);
            if freq >= options.common_word_freq
                && !is_proper_name(e.kind, name, tag)
                && !options.well_known.contains(&super::match_key(name))
            {
                out.push(Finding {
                    severity: Severity::Warning,
                    message: format!(
                        "{}: name {name:?} of {} is an ordinary word (jieba frequency {freq}, tag {}); it matches wherever the word is used",
                        e.origin,
                        e.id,
                        tag.unwrap_or("?")
                    ),
                });
            }
        }
    }
    out
}

/// Family patterns that match a bare prefix (`glm` alone) would turn every mention of the
/// family's name into a version: a warning. A prefix with a digit (`o3`) is a version already.
pub fn check_families(families: &Families) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, f) in families.families().iter().enumerate() {
        let bare =
            |p: &&String| !p.chars().any(|c| c.is_ascii_digit()) && families.matches_whole(i, p);
        for p in f.prefixes.iter().filter(bare) {
            out.push(Finding {
                severity: Severity::Warning,
                message: format!(
                    "{}: version_pattern of family {} matches the bare prefix {p:?}; make it need a version",
                    f.origin, f.id
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_of_common_words_and_names() {
        let jieba = Jieba::new();
        assert!(jieba_frequency(&jieba, "苹果") >= COMMON_WORD_FREQ);
        assert_eq!(jieba_frequency(&jieba, "月之暗面"), 0);
    }
}
