//! The word lists of the value readers: units, currencies, qualifiers, relative-date words
//! and false friends. They live in `dictionaries/values/` so that adding a currency or a unit
//! is an edit of a data file, not of code; the files are compiled in (the recognizer is built
//! without a dictionaries folder, in tests and in `annotate`) and parsed once, on first use.
//!
//! Every list is sorted longest word first, so a longer word wins over its prefix (个多月
//! over 个月 over 个) whatever the order of the rows. A bad row stops the program at its first
//! use with the file and line; `words_files_parse` in the tests below catches it first.

use std::sync::OnceLock;

use crate::model::Qualifier;

/// The class of a unit (see `units.csv`).
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum UClass {
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
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum RelKind {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

pub(super) struct Words {
    /// (word, unit reported, class, the word says "more than").
    pub units: Vec<(&'static str, &'static str, UClass, bool)>,
    pub latin_units: Vec<(&'static str, &'static str)>,
    /// Currency words after the number: (word, ISO code, bare yuan).
    pub currencies: Vec<(&'static str, &'static str, bool)>,
    /// Currency words before the number.
    pub currency_prefixes: Vec<(&'static str, &'static str)>,
    pub prefix_qualifiers: Vec<(&'static str, Qualifier)>,
    pub suffix_qualifiers: Vec<(&'static str, Qualifier)>,
    /// Per kind, (word, offset from the reference).
    relative: Vec<(RelKind, Vec<(&'static str, i32)>)>,
    /// Words holding numerals that are no value; `=word`: a longer word that stays one.
    pub false_friends: Vec<&'static str>,
}

impl Words {
    pub(super) fn relative(&self, kind: RelKind) -> &[(&'static str, i32)] {
        self.relative
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, v)| v.as_slice())
    }
}

const UNITS: (&str, &str) = (
    "dictionaries/values/units.csv",
    include_str!("../../../dictionaries/values/units.csv"),
);
const LATIN_UNITS: (&str, &str) = (
    "dictionaries/values/latin_units.csv",
    include_str!("../../../dictionaries/values/latin_units.csv"),
);
const CURRENCIES: (&str, &str) = (
    "dictionaries/values/currencies.csv",
    include_str!("../../../dictionaries/values/currencies.csv"),
);
const QUALIFIERS: (&str, &str) = (
    "dictionaries/values/qualifiers.csv",
    include_str!("../../../dictionaries/values/qualifiers.csv"),
);
const RELATIVE_DATES: (&str, &str) = (
    "dictionaries/values/relative_dates.csv",
    include_str!("../../../dictionaries/values/relative_dates.csv"),
);
const FALSE_FRIENDS: (&str, &str) = (
    "dictionaries/values/false_friends.txt",
    include_str!("../../../dictionaries/values/false_friends.txt"),
);

/// The lists, parsed on first use.
pub(super) fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| match Words::parse() {
        Ok(w) => w,
        Err(problems) => panic!("{}", problems.join("\n")),
    })
}

/// The data rows of a CSV file with `columns` fields and a header line starting with
/// `header`: (line number, fields). Lines starting with `#` and blank lines are skipped.
fn rows(
    (file, text): (&'static str, &'static str),
    header: &str,
    columns: usize,
    problems: &mut Vec<String>,
) -> Vec<(usize, Vec<&'static str>)> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            if !line.starts_with(header) {
                problems.push(format!("{file}:{}: expected the header {header}", n + 1));
            }
            seen_header = true;
            continue;
        }
        let fields: Vec<&'static str> = line.split(',').map(str::trim).collect();
        if fields.len() != columns || fields[0].is_empty() {
            problems.push(format!(
                "{file}:{}: expected {columns} fields, the first not empty: {line:?}",
                n + 1
            ));
            continue;
        }
        out.push((n + 1, fields));
    }
    out
}

fn yes_no(file: &str, line: usize, s: &str, problems: &mut Vec<String>) -> bool {
    match s {
        "yes" => true,
        "no" | "" => false,
        _ => {
            problems.push(format!("{file}:{line}: expected yes or no, found {s:?}"));
            false
        }
    }
}

fn qualifier(file: &str, line: usize, s: &str, problems: &mut Vec<String>) -> Qualifier {
    match s {
        "about" => Qualifier::About,
        "near" => Qualifier::Near,
        "over" => Qualifier::Over,
        "under" => Qualifier::Under,
        _ => {
            problems.push(format!(
                "{file}:{line}: unknown qualifier {s:?} (about, near, over, under)"
            ));
            Qualifier::Exact
        }
    }
}

/// Longest word first; rows of equal length keep their order.
fn longest_first<T>(v: &mut [T], word: impl Fn(&T) -> &str) {
    v.sort_by_key(|t| std::cmp::Reverse(word(t).chars().count()));
}

impl Words {
    fn parse() -> Result<Words, Vec<String>> {
        let mut p = Vec::new();
        let mut units = Vec::new();
        for (line, f) in rows(UNITS, "word,unit,class,over", 4, &mut p) {
            let class = match f[2] {
                "count" => UClass::Count,
                "time" => UClass::Time,
                "phys" => UClass::Phys,
                other => {
                    p.push(format!(
                        "{}:{line}: unknown class {other:?} (count, time, phys)",
                        UNITS.0
                    ));
                    continue;
                }
            };
            let over = yes_no(UNITS.0, line, f[3], &mut p);
            units.push((f[0], if f[1].is_empty() { f[0] } else { f[1] }, class, over));
        }
        longest_first(&mut units, |u| u.0);
        let mut latin_units: Vec<(&str, &str)> = rows(LATIN_UNITS, "word,unit", 2, &mut p)
            .into_iter()
            .map(|(_, f)| (f[0], f[1]))
            .collect();
        longest_first(&mut latin_units, |u| u.0);
        let (mut currencies, mut currency_prefixes) = (Vec::new(), Vec::new());
        for (line, f) in rows(CURRENCIES, "word,code,position,bare", 4, &mut p) {
            let bare = yes_no(CURRENCIES.0, line, f[3], &mut p);
            match f[2] {
                "after" => currencies.push((f[0], f[1], bare)),
                "before" => currency_prefixes.push((f[0], f[1])),
                other => p.push(format!(
                    "{}:{line}: position {other:?} is neither before nor after",
                    CURRENCIES.0
                )),
            }
        }
        longest_first(&mut currencies, |c| c.0);
        longest_first(&mut currency_prefixes, |c| c.0);
        let (mut prefix_qualifiers, mut suffix_qualifiers) = (Vec::new(), Vec::new());
        for (line, f) in rows(QUALIFIERS, "word,position,qualifier", 3, &mut p) {
            let q = qualifier(QUALIFIERS.0, line, f[2], &mut p);
            match f[1] {
                "before" => prefix_qualifiers.push((f[0], q)),
                "after" => suffix_qualifiers.push((f[0], q)),
                other => p.push(format!(
                    "{}:{line}: position {other:?} is neither before nor after",
                    QUALIFIERS.0
                )),
            }
        }
        longest_first(&mut prefix_qualifiers, |q| q.0);
        longest_first(&mut suffix_qualifiers, |q| q.0);
        let mut relative: Vec<(RelKind, Vec<(&'static str, i32)>)> = [
            RelKind::Day,
            RelKind::Week,
            RelKind::Month,
            RelKind::Quarter,
            RelKind::Half,
            RelKind::Year,
        ]
        .into_iter()
        .map(|k| (k, Vec::new()))
        .collect();
        for (line, f) in rows(RELATIVE_DATES, "word,kind,offset", 3, &mut p) {
            let kind = match f[1] {
                "day" => RelKind::Day,
                "week" => RelKind::Week,
                "month" => RelKind::Month,
                "quarter" => RelKind::Quarter,
                "half" => RelKind::Half,
                "year" => RelKind::Year,
                other => {
                    p.push(format!(
                        "{}:{line}: unknown kind {other:?} (day, week, month, quarter, half, year)",
                        RELATIVE_DATES.0
                    ));
                    continue;
                }
            };
            let Ok(offset) = f[2].parse::<i32>() else {
                p.push(format!(
                    "{}:{line}: offset {:?} is not a whole number",
                    RELATIVE_DATES.0, f[2]
                ));
                continue;
            };
            if let Some((_, v)) = relative.iter_mut().find(|(k, _)| *k == kind) {
                v.push((f[0], offset));
            }
        }
        for (_, v) in &mut relative {
            longest_first(v, |w| w.0);
        }
        let false_friends: Vec<&'static str> = FALSE_FRIENDS
            .1
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if !p.is_empty() {
            return Err(p);
        }
        Ok(Words {
            units,
            latin_units,
            currencies,
            currency_prefixes,
            prefix_qualifiers,
            suffix_qualifiers,
            relative,
            false_friends,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_files_parse() {
        let w = Words::parse().unwrap_or_else(|p| panic!("{}", p.join("\n")));
        assert!(w.units.iter().any(|u| u.0 == "个月" && u.2 == UClass::Time));
        assert!(w.currencies.contains(&("泰铢", "THB", false)));
        assert!(w.currency_prefixes.contains(&("$", "USD")));
        assert!(w.suffix_qualifiers.contains(&("左右", Qualifier::About)));
        assert!(w.relative(RelKind::Week).contains(&("上周", -1)));
        assert!(w.false_friends.contains(&"三七二十一"));
    }

    #[test]
    fn longer_words_come_first() {
        let w = words();
        let pos = |s: &str| w.units.iter().position(|u| u.0 == s).unwrap();
        assert!(pos("个多月") < pos("个月") && pos("个月") < pos("个"));
        let pos = |s: &str| w.currencies.iter().position(|u| u.0 == s).unwrap();
        assert!(pos("块钱") < pos("块") && pos("元人民币") < pos("元"));
    }

    #[test]
    fn bad_rows_name_their_file_and_line() {
        let mut p = Vec::new();
        let r = rows(
            ("x.csv", "# note\nword,unit\n米,米\n坏行\n"),
            "word,unit",
            2,
            &mut p,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("x.csv:4:"), "{p:?}");
    }
}
