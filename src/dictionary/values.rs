//! The word lists of the value recognizer, read from `DIR/values/` of the dictionaries folder
//! (`--dictionaries`): units, Latin units, currencies, qualifiers, relative-date words, false
//! friends and the words that make a date a comparison base. Adding a currency or a unit is a
//! row in one of these files, not code.
//!
//! A file missing from the folder falls back to the project's own, built into the binary (a
//! dictionaries folder made before the value lists existed keeps working). A bad row stops the
//! load with the file and line, every bad row at once.
//!
//! Every list is sorted longest word first, so a longer word wins over its prefix (个多月
//! over 个月 over 个) whatever the order of the rows.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Qualifier;

/// The folder of the value lists inside the dictionaries folder.
pub const VALUES_DIR: &str = "values";

/// The class of a unit (see `units.csv`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UClass {
    /// Measure words and units of counts (个, 家, 人, 次, 字 …).
    Count,
    /// Durations (个月, 年, 天 …).
    Time,
    /// Physical units (平米, 公里, 吨 …).
    Phys,
    /// Latin units glued to Arabic digits (GB, B).
    Latin,
}

/// What a relative-date word counts (see `relative_dates.csv`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RelKind {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    /// Years after the year said last (第二年, 次年), not after the reference.
    YearAfter,
}

const KINDS: [RelKind; 7] = [
    RelKind::Day,
    RelKind::Week,
    RelKind::Month,
    RelKind::Quarter,
    RelKind::Half,
    RelKind::Year,
    RelKind::YearAfter,
];

/// A unit row: the word, the unit reported, its class, whether the word says "more than".
pub type UnitWord = (Box<str>, Box<str>, UClass, bool);

/// The value word lists, parsed once and shared by every thread of a run.
#[derive(Debug)]
pub struct ValueWords {
    pub units: Vec<UnitWord>,
    /// (word, unit reported).
    pub latin_units: Vec<(Box<str>, Box<str>)>,
    /// Currency words after the number: (word, ISO code, bare yuan).
    pub currencies: Vec<(Box<str>, Box<str>, bool)>,
    /// Currency words before the number: (word, ISO code).
    pub currency_prefixes: Vec<(Box<str>, Box<str>)>,
    /// Codes of the currencies also said with a bare 元 (`yuan` column: 新台币, 港元, 澳门元):
    /// a bare 元 amount shortly after one of them is that currency.
    pub yuan_family: Vec<Box<str>>,
    pub prefix_qualifiers: Vec<(Box<str>, Qualifier)>,
    pub suffix_qualifiers: Vec<(Box<str>, Qualifier)>,
    /// Per kind (in the order of `KINDS`), (word, offset from the reference).
    relative: [Vec<(Box<str>, i32)>; 7],
    /// Words holding numerals that are no value; `=word`: a longer word that stays one.
    pub false_friends: Vec<Box<str>>,
    /// Words right after a date that make it a comparison base (去年同期), longest first.
    pub bases_after: Vec<Box<[char]>>,
    /// Words right before a date that make it a comparison base (比去年), longest first.
    pub bases_before: Vec<Box<[char]>>,
    /// Sorted first chars of the unit words (a cheap "may a unit start here").
    pub unit_first: Vec<char>,
    /// Sorted first chars of the currency words after a number.
    pub currency_first: Vec<char>,
    /// Sorted last chars of the qualifier words before a number.
    pub qualifier_last: Vec<char>,
    /// Sorted first two chars of every relative-date word, so a word a user adds is looked
    /// for wherever it may start.
    pub relative_starts: Vec<(char, char)>,
}

/// The files, with the project's own copy of each, built in.
const FILES: [(&str, &str); 7] = [
    (
        "units.csv",
        include_str!("../../dictionaries/values/units.csv"),
    ),
    (
        "latin_units.csv",
        include_str!("../../dictionaries/values/latin_units.csv"),
    ),
    (
        "currencies.csv",
        include_str!("../../dictionaries/values/currencies.csv"),
    ),
    (
        "qualifiers.csv",
        include_str!("../../dictionaries/values/qualifiers.csv"),
    ),
    (
        "relative_dates.csv",
        include_str!("../../dictionaries/values/relative_dates.csv"),
    ),
    (
        "false_friends.txt",
        include_str!("../../dictionaries/values/false_friends.txt"),
    ),
    (
        "comparison_bases.csv",
        include_str!("../../dictionaries/values/comparison_bases.csv"),
    ),
];

/// One file's name (for messages) and text.
#[derive(Debug)]
struct Source {
    path: PathBuf,
    text: String,
}

impl ValueWords {
    /// The project's own lists, as they were when the binary was built.
    pub fn built_in() -> Self {
        let sources = FILES.map(|(name, text)| Source {
            path: Path::new("(built-in) values").join(name),
            text: text.to_string(),
        });
        match Self::parse(&sources) {
            Ok(w) => w,
            // The built-in lists are checked by the tests below.
            Err(problems) => panic!("{}", render(&problems)),
        }
    }

    /// Read `dir/values/*` (a missing file: the built-in one).
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let mut problems = Vec::new();
        let w = Self::load_dir_collecting(dir, &mut problems)?;
        match (w, problems.len()) {
            (Some(w), 0) => Ok(w),
            (_, 1) => Err(problems.remove(0)),
            _ => Err(Error::Other(render(&problems))),
        }
    }

    /// [`ValueWords::load_dir`], every bad row pushed to `problems` (for `tfacts check`);
    /// `None` when there was any.
    pub fn load_dir_collecting(dir: &Path, problems: &mut Vec<Error>) -> Result<Option<Self>> {
        let mut sources = Vec::with_capacity(FILES.len());
        for (name, built_in) in FILES {
            let path = dir.join(VALUES_DIR).join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => built_in.to_string(),
                Err(e) => return Err(Error::io(&path, e)),
            };
            sources.push(Source { path, text });
        }
        let sources: [Source; 7] = sources.try_into().expect("seven files");
        match Self::parse(&sources) {
            Ok(w) => Ok(Some(w)),
            Err(p) => {
                problems.extend(p);
                Ok(None)
            }
        }
    }

    /// Whether the date at `start..end` of `chars` is a comparison base: a base word right
    /// after it (`去年同期`) or right before it (`比去年`), spaces skipped.
    pub fn comparison_base(&self, chars: &[char], start: usize, end: usize) -> bool {
        let after = chars.get(end..).unwrap_or_default();
        let after = &after[after.iter().take_while(|c| c.is_whitespace()).count()..];
        let before = &chars[..start.min(chars.len())];
        let before = &before[..before.len()
            - before
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count()];
        self.bases_after.iter().any(|w| after.starts_with(w))
            || self.bases_before.iter().any(|w| before.ends_with(w))
    }

    /// The words of one kind of relative date.
    pub fn relative(&self, kind: RelKind) -> &[(Box<str>, i32)] {
        let k = KINDS.iter().position(|&x| x == kind).expect("a kind");
        &self.relative[k]
    }

    fn parse(s: &[Source; 7]) -> std::result::Result<Self, Vec<Error>> {
        let [
            units_f,
            latin_f,
            currencies_f,
            qualifiers_f,
            relative_f,
            ff_f,
            bases_f,
        ] = s;
        let mut p = Vec::new();
        let mut units: Vec<UnitWord> = Vec::new();
        for (line, f) in rows(units_f, "word,unit,class,over", 4, &mut p) {
            let class = match f[2] {
                "count" => UClass::Count,
                "time" => UClass::Time,
                "phys" => UClass::Phys,
                other => {
                    p.push(at(
                        units_f,
                        line,
                        format!("unknown class {other:?} (count, time, phys)"),
                    ));
                    continue;
                }
            };
            let over = yes_no(units_f, line, f[3], &mut p);
            let unit = if f[1].is_empty() { f[0] } else { f[1] };
            units.push((f[0].into(), unit.into(), class, over));
        }
        longest_first(&mut units, |u| &u.0);
        let mut latin_units: Vec<(Box<str>, Box<str>)> = rows(latin_f, "word,unit", 2, &mut p)
            .into_iter()
            .map(|(_, f)| (f[0].into(), f[1].into()))
            .collect();
        longest_first(&mut latin_units, |u| &u.0);
        let mut currencies: Vec<(Box<str>, Box<str>, bool)> = Vec::new();
        let mut currency_prefixes: Vec<(Box<str>, Box<str>)> = Vec::new();
        let mut yuan_family: Vec<Box<str>> = Vec::new();
        // The fifth column (`yuan`) may be left out.
        for (line, f) in rows_between(currencies_f, "word,code,position,bare", 4, 5, &mut p) {
            let bare = yes_no(currencies_f, line, f[3], &mut p);
            if f[1].is_empty() {
                p.push(at(currencies_f, line, "the currency code is empty".into()));
                continue;
            }
            if f.get(4)
                .is_some_and(|v| yes_no(currencies_f, line, v, &mut p))
                && !yuan_family.iter().any(|c| **c == *f[1])
            {
                yuan_family.push(f[1].into());
            }
            match f[2] {
                "after" => currencies.push((f[0].into(), f[1].into(), bare)),
                "before" => currency_prefixes.push((f[0].into(), f[1].into())),
                other => p.push(at(
                    currencies_f,
                    line,
                    format!("position {other:?} is neither before nor after"),
                )),
            }
        }
        longest_first(&mut currencies, |c| &c.0);
        longest_first(&mut currency_prefixes, |c| &c.0);
        let mut prefix_qualifiers: Vec<(Box<str>, Qualifier)> = Vec::new();
        let mut suffix_qualifiers: Vec<(Box<str>, Qualifier)> = Vec::new();
        for (line, f) in rows(qualifiers_f, "word,position,qualifier", 3, &mut p) {
            let q = match f[2] {
                "about" => Qualifier::About,
                "near" => Qualifier::Near,
                "over" => Qualifier::Over,
                "under" => Qualifier::Under,
                other => {
                    p.push(at(
                        qualifiers_f,
                        line,
                        format!("unknown qualifier {other:?} (about, near, over, under)"),
                    ));
                    continue;
                }
            };
            match f[1] {
                "before" => prefix_qualifiers.push((f[0].into(), q)),
                "after" => suffix_qualifiers.push((f[0].into(), q)),
                other => p.push(at(
                    qualifiers_f,
                    line,
                    format!("position {other:?} is neither before nor after"),
                )),
            }
        }
        longest_first(&mut prefix_qualifiers, |q| &q.0);
        longest_first(&mut suffix_qualifiers, |q| &q.0);
        let mut relative: [Vec<(Box<str>, i32)>; 7] = Default::default();
        for (line, f) in rows(relative_f, "word,kind,offset", 3, &mut p) {
            let kind = match f[1] {
                "day" => RelKind::Day,
                "week" => RelKind::Week,
                "month" => RelKind::Month,
                "quarter" => RelKind::Quarter,
                "half" => RelKind::Half,
                "year" => RelKind::Year,
                "year_after" => RelKind::YearAfter,
                other => {
                    p.push(at(
                        relative_f,
                        line,
                        format!(
                            "unknown kind {other:?} (day, week, month, quarter, half, year, \
                             year_after)"
                        ),
                    ));
                    continue;
                }
            };
            let Ok(offset) = f[2].parse::<i32>() else {
                p.push(at(
                    relative_f,
                    line,
                    format!("offset {:?} is not a whole number", f[2]),
                ));
                continue;
            };
            if f[0].chars().count() < 2 {
                p.push(at(
                    relative_f,
                    line,
                    format!("{:?}: a relative-date word has two chars or more", f[0]),
                ));
                continue;
            }
            let k = KINDS.iter().position(|&x| x == kind).expect("a kind");
            relative[k].push((f[0].into(), offset));
        }
        for v in &mut relative {
            longest_first(v, |w| &w.0);
        }
        let false_friends: Vec<Box<str>> = words_of(ff_f).map(Into::into).collect();
        let mut bases_after: Vec<Box<[char]>> = Vec::new();
        let mut bases_before: Vec<Box<[char]>> = Vec::new();
        for (line, f) in rows(bases_f, "word,position", 2, &mut p) {
            let word: Box<[char]> = f[0].chars().collect();
            match f[1] {
                "after" => bases_after.push(word),
                "before" => bases_before.push(word),
                other => p.push(at(
                    bases_f,
                    line,
                    format!("position {other:?} is neither before nor after"),
                )),
            }
        }
        for v in [&mut bases_after, &mut bases_before] {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        if !p.is_empty() {
            return Err(p);
        }
        let unit_first = chars_of(units.iter().map(|u| &*u.0), false);
        let currency_first = chars_of(currencies.iter().map(|u| &*u.0), false);
        let qualifier_last = chars_of(prefix_qualifiers.iter().map(|u| &*u.0), true);
        let mut relative_starts: Vec<(char, char)> = relative
            .iter()
            .flatten()
            .filter_map(|(w, _)| {
                let mut c = w.chars();
                Some((c.next()?, c.next()?))
            })
            .collect();
        relative_starts.sort_unstable();
        relative_starts.dedup();
        Ok(ValueWords {
            units,
            latin_units,
            currencies,
            currency_prefixes,
            yuan_family,
            prefix_qualifiers,
            suffix_qualifiers,
            relative,
            false_friends,
            bases_after,
            bases_before,
            unit_first,
            currency_first,
            qualifier_last,
            relative_starts,
        })
    }
}

fn render(problems: &[Error]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn at(s: &Source, line: usize, message: String) -> Error {
    Error::at_line(&s.path, line, message)
}

/// The sorted, deduplicated first (or last) chars of some words.
fn chars_of<'a>(words: impl Iterator<Item = &'a str>, last: bool) -> Vec<char> {
    let mut v: Vec<char> = words
        .filter_map(|w| {
            if last {
                w.chars().next_back()
            } else {
                w.chars().next()
            }
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The data rows of a CSV file with `columns` fields and a header line starting with
/// `header`: (line number, fields). Lines starting with `#` and blank lines are skipped.
/// The words of a one-word-a-line file, comments and blank lines left out.
fn words_of(f: &Source) -> impl Iterator<Item = &str> {
    f.text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn rows<'a>(
    s: &'a Source,
    header: &str,
    columns: usize,
    problems: &mut Vec<Error>,
) -> Vec<(usize, Vec<&'a str>)> {
    rows_between(s, header, columns, columns, problems)
}

/// [`rows`] of `least` to `most` fields (the last ones optional).
fn rows_between<'a>(
    s: &'a Source,
    header: &str,
    least: usize,
    most: usize,
    problems: &mut Vec<Error>,
) -> Vec<(usize, Vec<&'a str>)> {
    let columns = least;
    let mut out = Vec::new();
    let mut seen_header = false;
    for (n, line) in s.text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            if !line.starts_with(header) {
                problems.push(at(s, n + 1, format!("expected the header {header}")));
            }
            seen_header = true;
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if !(columns..=most).contains(&fields.len()) || fields[0].is_empty() {
            let expected = if most > columns {
                format!("{columns} to {most}")
            } else {
                columns.to_string()
            };
            problems.push(at(
                s,
                n + 1,
                format!("expected {expected} fields, the first not empty: {line:?}"),
            ));
            continue;
        }
        out.push((n + 1, fields));
    }
    out
}

fn yes_no(s: &Source, line: usize, v: &str, problems: &mut Vec<Error>) -> bool {
    match v {
        "yes" => true,
        "no" | "" => false,
        _ => {
            problems.push(at(s, line, format!("expected yes or no, found {v:?}")));
            false
        }
    }
}

/// Longest word first; rows of equal length keep their order.
fn longest_first<T>(v: &mut [T], word: impl Fn(&T) -> &str) {
    v.sort_by_key(|t| std::cmp::Reverse(word(t).chars().count()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_files_parse() {
        let w = ValueWords::built_in();
        assert!(
            w.units
                .iter()
                .any(|u| &*u.0 == "个月" && u.2 == UClass::Time)
        );
        assert!(
            w.currencies
                .iter()
                .any(|c| (&*c.0, &*c.1, c.2) == ("泰铢", "THB", false))
        );
        assert!(
            w.currency_prefixes
                .iter()
                .any(|c| (&*c.0, &*c.1) == ("$", "USD"))
        );
        assert!(
            w.suffix_qualifiers
                .iter()
                .any(|q| (&*q.0, q.1) == ("左右", Qualifier::About))
        );
        assert!(
            w.relative(RelKind::Week)
                .iter()
                .any(|r| (&*r.0, r.1) == ("上周", -1))
        );
        assert!(w.false_friends.iter().any(|f| &**f == "三七二十一"));
        assert!(w.relative_starts.binary_search(&('去', '年')).is_ok());
    }

    #[test]
    fn longer_words_come_first() {
        let w = ValueWords::built_in();
        let pos = |s: &str| w.units.iter().position(|u| &*u.0 == s).unwrap();
        assert!(pos("个多月") < pos("个月") && pos("个月") < pos("个"));
        let pos = |s: &str| w.currencies.iter().position(|u| &*u.0 == s).unwrap();
        assert!(pos("块钱") < pos("块") && pos("元人民币") < pos("元"));
    }

    #[test]
    fn bad_rows_name_their_file_and_line() {
        let s = Source {
            path: PathBuf::from("x.csv"),
            text: "# note\nword,unit\n米,米\n坏行\n".into(),
        };
        let mut p = Vec::new();
        let r = rows(&s, "word,unit", 2, &mut p);
        assert_eq!(r.len(), 1);
        assert_eq!(p.len(), 1);
        assert!(p[0].to_string().starts_with("x.csv:4:"), "{}", p[0]);
    }

    #[test]
    fn a_folder_without_value_lists_gets_the_built_in_ones() {
        let dir = std::env::temp_dir().join(format!("tfacts-values-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let w = ValueWords::load_dir(&dir).unwrap();
        assert_eq!(w.units.len(), ValueWords::built_in().units.len());
        std::fs::remove_dir_all(&dir).ok();
    }
}
