//! The words that show a name the catalogue lacks, read from `dictionaries/names/`:
//! `cues.csv` (`class,word`: titles, speech verbs, organisation suffixes, naming and product
//! cues, place names) and `generic.txt` (words that are never names). Loaded once with the
//! other dictionaries; a bad row is an error naming the file and line.

use std::path::Path;

use crate::error::{Error, Result};

/// The folder under the dictionaries folder.
pub const NAMES_DIR: &str = "names";
/// The cue table's file name in [`NAMES_DIR`].
pub const CUES_FILE: &str = "cues.csv";
/// The generic words' file name in [`NAMES_DIR`].
pub const GENERIC_FILE: &str = "generic.txt";

/// Every cue word, by class (see the header of `dictionaries/names/cues.csv`).
#[derive(Debug, Clone, Default)]
pub struct NameCues {
    pub titles: Vec<String>,
    pub speech: Vec<String>,
    pub org_suffixes: Vec<String>,
    pub legal_suffixes: Vec<String>,
    /// Suffixes that make an organisation only after a place name (珠海网, 浙江日报).
    pub place_suffixes: Vec<String>,
    /// Suffixes of a unit of a named organisation (X实验室, X产业基金 after a catalogue name).
    pub unit_suffixes: Vec<String>,
    /// Nouns for a place or building: a name they introduce is neither firm nor product.
    pub place_nouns: Vec<String>,
    pub org_words: Vec<String>,
    pub org_nouns: Vec<String>,
    /// Nouns for a person before a naming cue (这个人叫X, 牵头的人叫X): the name is a person's.
    pub person_nouns: Vec<String>,
    pub naming: Vec<String>,
    pub not_naming: Vec<String>,
    pub product_cues: Vec<String>,
    pub editions: Vec<String>,
    pub places: Vec<String>,
    /// Verbs of founding (成立, 创办): the names around one are an organisation and the
    /// people who founded it.
    pub founding_verbs: Vec<String>,
    /// Titles of a founder (创始人, 创办者): an organisation before one, its founders after.
    pub founder_titles: Vec<String>,
    /// Words that are never names.
    pub generic: Vec<String>,
    /// Greetings (哈啰, 哈喽, 嗨): said right before a word for the audience, never a name,
    /// whatever the catalogue calls so.
    pub greetings: Vec<String>,
    /// Words for the audience after a greeting (大家好, 各位, 朋友们).
    pub audience: Vec<String>,
    /// Release verbs (推出了, 发布了): a model's name (X二号, X3号) after the kind of thing
    /// it is and a space is a product (`推出了新一代储能柜 青松二号`).
    pub release_verbs: Vec<String>,
}

impl NameCues {
    /// `dir/names/cues.csv` and `dir/names/generic.txt`; a missing file is the built-in copy
    /// of the project's.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let folder = dir.join(NAMES_DIR);
        let read = |name: &str, built_in: &'static str| -> Result<(std::path::PathBuf, String)> {
            let path = folder.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok((path, text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Ok((Path::new("(built-in)").join(name), built_in.to_string()))
                }
                Err(e) => Err(Error::io(&path, e)),
            }
        };
        let (cues_path, cues) = read(CUES_FILE, BUILT_IN_CUES)?;
        let (generic_path, generic) = read(GENERIC_FILE, BUILT_IN_GENERIC)?;
        Self::parse(&cues_path, &cues, &generic_path, &generic)
    }

    /// The project's `dictionaries/names/` as it was when the binary was built.
    pub fn built_in() -> Self {
        Self::parse(
            Path::new("(built-in) cues.csv"),
            BUILT_IN_CUES,
            Path::new("(built-in) generic.txt"),
            BUILT_IN_GENERIC,
        )
        .expect("the built-in name cues parse")
    }

    /// Parse the cue table and the generic words.
    pub fn parse(cues_path: &Path, cues: &str, generic_path: &Path, generic: &str) -> Result<Self> {
        let mut out = NameCues::default();
        let mut header_seen = false;
        for (i, raw) in cues.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if line == "class,word" {
                    continue;
                }
                return Err(Error::at_line(
                    cues_path,
                    i + 1,
                    "the first row must be the header `class,word`",
                ));
            }
            let Some((class, word)) = line.split_once(',') else {
                return Err(Error::at_line(
                    cues_path,
                    i + 1,
                    format!("expected `class,word`, found `{line}`"),
                ));
            };
            let (class, word) = (class.trim(), word.trim());
            if word.is_empty() || word.contains(',') {
                return Err(Error::at_line(
                    cues_path,
                    i + 1,
                    format!("a {class} row needs one word, found `{word}`"),
                ));
            }
            let list = match class {
                "title" => &mut out.titles,
                "speech" => &mut out.speech,
                "org_suffix" => &mut out.org_suffixes,
                "legal_suffix" => &mut out.legal_suffixes,
                "place_suffix" => &mut out.place_suffixes,
                "unit_suffix" => &mut out.unit_suffixes,
                "place_noun" => &mut out.place_nouns,
                "org_word" => &mut out.org_words,
                "org_noun" => &mut out.org_nouns,
                "person_noun" => &mut out.person_nouns,
                "naming" => &mut out.naming,
                "not_naming" => &mut out.not_naming,
                "product_cue" => &mut out.product_cues,
                "edition" => &mut out.editions,
                "place" => &mut out.places,
                "founding_verb" => &mut out.founding_verbs,
                "founder_title" => &mut out.founder_titles,
                "greeting" => &mut out.greetings,
                "audience" => &mut out.audience,
                "release_verb" => &mut out.release_verbs,
                _ => {
                    return Err(Error::at_line(
                        cues_path,
                        i + 1,
                        format!("unknown class `{class}`"),
                    ));
                }
            };
            if list.iter().any(|w| w == word) {
                return Err(Error::at_line(
                    cues_path,
                    i + 1,
                    format!("`{word}` is listed twice as {class}"),
                ));
            }
            list.push(word.to_string());
        }
        for (i, raw) in generic.lines().enumerate() {
            let word = raw.split('#').next().unwrap_or("").trim();
            if word.is_empty() {
                continue;
            }
            if word.contains(',') {
                return Err(Error::at_line(
                    generic_path,
                    i + 1,
                    format!("one word a line, found `{word}`"),
                ));
            }
            out.generic.push(word.to_string());
        }
        // A legal, place-bound or unit suffix is an organisation suffix too.
        let extra: Vec<String> = out
            .legal_suffixes
            .iter()
            .chain(&out.place_suffixes)
            .chain(&out.unit_suffixes)
            .cloned()
            .collect();
        for w in &extra {
            if !out.org_suffixes.contains(w) {
                out.org_suffixes.push(w.clone());
            }
        }
        Ok(out)
    }
}

const BUILT_IN_CUES: &str = include_str!("../../../dictionaries/names/cues.csv");
const BUILT_IN_GENERIC: &str = include_str!("../../../dictionaries/names/generic.txt");

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(cues: &str) -> Result<NameCues> {
        NameCues::parse(
            Path::new("c.csv"),
            cues,
            Path::new("g.txt"),
            "公司\n# x\n团队 # ref\n",
        )
    }

    #[test]
    fn rows_by_class_and_generic_words() {
        let c = parse("class,word\n# c\ntitle,董事长\nlegal_suffix,有限公司\norg_suffix,科技\n")
            .unwrap();
        assert_eq!(c.titles, ["董事长"]);
        assert_eq!(c.org_suffixes, ["科技", "有限公司"]);
        assert_eq!(c.generic, ["公司", "团队"]);
        // Place-bound and unit suffixes are organisation suffixes too.
        let c =
            parse("class,word\nplace_suffix,网\nunit_suffix,实验室\nplace_noun,总部\n").unwrap();
        assert_eq!(c.org_suffixes, ["网", "实验室"]);
        assert_eq!(c.place_nouns, ["总部"]);
        let c = parse("class,word\nperson_noun,人\n").unwrap();
        assert_eq!(c.person_nouns, ["人"]);
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let e = parse("class,word\ntitle,董事长\ncolour,red\n").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("c.csv") && msg.contains('3'), "{msg}");
        assert!(parse("word,class\n").is_err());
        assert!(parse("class,word\ntitle,\n").is_err());
        assert!(parse("class,word\ntitle,CEO\ntitle,CEO\n").is_err());
    }

    #[test]
    fn the_project_table_parses() {
        let c = NameCues::built_in();
        assert!(c.titles.iter().any(|t| t == "创始人"));
        assert!(c.generic.iter().any(|t| t == "这家公司"));
    }
}
