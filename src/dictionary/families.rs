//! Model families (`dictionaries/families.csv`): the versions of a product line are found by
//! the shape of their names instead of being listed one by one in the catalogue.
//!
//! One row a family: `family_id,owner,prefixes,version_pattern,example`.
//!
//! - `family_id`: a slug (`glm`, `qwen`, `o-series`), unique, never reused.
//! - `owner`: the company id (in the catalogue) every version of the family belongs to.
//! - `prefixes`: `|`-separated literal ways a name of the family can begin (`glm|chatglm`),
//!   compared ignoring ASCII case. They are the cheap pre-filter: the pattern is only tried
//!   where one of them occurs, anchored there.
//! - `version_pattern`: a regular expression (Rust `regex` syntax, matched ignoring case over
//!   the width-folded line) for one full versioned name, starting at a prefix. A `~` stands
//!   for an optional run of separators (spaces, hyphens, underscores, middle dots), so
//!   `glm~\d+` finds `GLM-4`, `GLM 4` and `glm4`. Write the pattern so it needs a version:
//!   the bare family name is a catalogue entity, not a family match.
//! - `example`: one name the pattern must match whole (checked when the file loads).
//!
//! A match whose name is in the catalogue (by match key) is that catalogue entity. Any other
//! match is a product of the family's owner with the id `product/<family_id>:<match key>`
//! (`product/glm:glm4.5`): stable, and the same for every spelling of the version.
//!
//! All patterns are compiled once, when the file loads; a line is searched with one
//! Aho-Corasick pass over the prefixes, and a pattern only runs where its prefix occurs, so
//! lines without any prefix (most lines) cost one automaton scan. That pass is a char-wise
//! double-array automaton (daachorse) fed the line's chars ASCII-lower-cased, like the
//! catalogue's name search (which holds the prefixes in its own automaton, beside the
//! catalogue keys, and hands them back as [`PrefixHit`]s to [`Families::versions`]): on Chinese
//! text one transition per char instead of one per byte, and no case folding inside the
//! automaton (aho-corasick's `ascii_case_insensitive` overlapping search was ~4% of a run).
//! Prefixes are lower-cased when they load and ASCII lower-casing keeps every byte offset, so
//! it finds what a case-insensitive search of the line itself would, at the same offsets.

use std::path::Path;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use daachorse::charwise::iter::FindOverlappingStepper;
use regex::{Regex, RegexBuilder};

use super::{Catalogue, Entity, for_each_row, match_key, unless_problems};
use crate::error::Error;
use crate::model::MentionKind;

/// The file name under the dictionaries folder.
pub const FILE: &str = "families.csv";

const HEADER: [&str; 5] = [
    "family_id",
    "owner",
    "prefixes",
    "version_pattern",
    "example",
];

/// What `~` in a pattern stands for.
const SEPARATORS: &str = r"[\s\-_·]*";

/// One product family, as its row says.
#[derive(Debug, Clone)]
pub struct Family {
    pub id: String,
    pub owner: String,
    pub prefixes: Vec<String>,
    /// The pattern as written in the file.
    pub pattern: String,
    pub example: String,
    /// `file:line` of the row.
    pub origin: String,
}

/// A family version found in a line; offsets are chars of the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FamilyMatch {
    pub start: usize,
    pub end: usize,
    /// Index of the family.
    pub family: usize,
}

/// Where a prefix occurs in a line: its byte offset and its index among the prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrefixHit {
    pub byte: usize,
    prefix: u32,
}

impl PrefixHit {
    /// The prefix numbered `prefix` (as [`Families::prefixes`] numbers them) at byte `byte`.
    pub fn new(byte: usize, prefix: u32) -> Self {
        PrefixHit { byte, prefix }
    }
}

/// The prefix automaton walked over a line one char at a time ([`Families::prefix_scan`]).
/// Prefixes are lower-case: each char is ASCII-lower-cased as it is fed, which keeps byte
/// offsets, so the hits are where a case-insensitive search of the line would find them.
pub struct PrefixScan<'a>(FindOverlappingStepper<'a, u32>);

impl PrefixScan<'_> {
    /// Feed the next char of the line; the prefixes ending with it go onto `hits`.
    #[inline]
    pub fn consume(&mut self, c: char, hits: &mut Vec<PrefixHit>) {
        self.0.consume(c.to_ascii_lowercase());
        hits.extend(self.0.matches().map(|m| PrefixHit {
            byte: m.start(),
            prefix: m.value(),
        }));
    }
}

/// The loaded families with their compiled patterns.
#[derive(Debug, Clone, Default)]
pub struct Families {
    families: Vec<Family>,
    /// One anchored regex a family (`^(?:pattern)`), compiled once.
    regexes: Vec<Regex>,
    /// Every distinct prefix of every family, lower-case; its index is its value in the
    /// automaton.
    prefix_patterns: Vec<String>,
    /// The automaton of `prefix_patterns`, for the pre-filter.
    prefixes: Option<PrefixAutomaton>,
    /// The families of each distinct prefix (its value in the automaton): one prefix may
    /// begin several families, and daachorse refuses a pattern twice.
    prefix_families: Vec<Vec<usize>>,
}

/// The prefix automaton (daachorse's has no `Debug`).
#[derive(Clone)]
struct PrefixAutomaton(CharwiseDoubleArrayAhoCorasick<u32>);

impl std::fmt::Debug for PrefixAutomaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrefixAutomaton")
    }
}

/// Turn the file's pattern into regex syntax: `~` (unless escaped) becomes a separator run.
pub fn expand_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            out.push(c);
            escaped = true;
        } else if c == '~' {
            out.push_str(SEPARATORS);
        } else {
            out.push(c);
        }
    }
    out
}

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&format!("^(?:{})", expand_pattern(pattern)))
        .case_insensitive(true)
        .build()
}

impl Families {
    /// Load `dir/families.csv` against the catalogue, stopping on the first problem. A missing
    /// file means no families.
    pub fn load_dir(dir: &Path, catalogue: &Catalogue) -> crate::error::Result<Self> {
        let mut problems = Vec::new();
        let families = Self::load_dir_collecting(dir, catalogue, &mut problems)?;
        unless_problems(families, problems)
    }

    /// Load what can be loaded, pushing every bad row (a pattern that does not compile, an
    /// owner that is not a company of the catalogue, an example the pattern does not match, a
    /// duplicate id) onto `problems`; such a row is left out.
    pub fn load_dir_collecting(
        dir: &Path,
        catalogue: &Catalogue,
        problems: &mut Vec<Error>,
    ) -> crate::error::Result<Self> {
        let path = dir.join(FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| Error::in_file(&path, "dictionary files must be UTF-8"))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        Ok(Self::parse_collecting(&path, &text, catalogue, problems))
    }

    /// Parse the file's text; every problem goes onto `problems`.
    pub fn parse_collecting(
        path: &Path,
        text: &str,
        catalogue: &Catalogue,
        problems: &mut Vec<Error>,
    ) -> Self {
        let mut rows: Vec<(Family, Regex)> = Vec::new();
        for_each_row(
            path,
            text,
            &HEADER,
            problems,
            |line, record, problems| match parse_row(path, line, record, catalogue) {
                Ok(row) => match rows.iter().find(|(f, _)| f.id == row.0.id) {
                    Some((other, _)) => problems.push(Error::at_line(
                        path,
                        line,
                        format!(
                            "duplicate family id {} (first defined at {})",
                            row.0.id, other.origin
                        ),
                    )),
                    None => rows.push(row),
                },
                Err(e) => problems.push(e),
            },
        );
        Self::from_rows(rows)
    }

    fn from_rows(rows: Vec<(Family, Regex)>) -> Self {
        // Prefixes are lower-cased when parsed; lower-case ASCII again so the automaton
        // matches the ASCII-lower-cased line whatever built the `Family`.
        let mut prefix_patterns: Vec<String> = Vec::new();
        let mut prefix_families: Vec<Vec<usize>> = Vec::new();
        for (i, (family, _)) in rows.iter().enumerate() {
            for p in &family.prefixes {
                let p = p.to_ascii_lowercase();
                // An empty pattern would make daachorse match everywhere (parsing drops them).
                if p.is_empty() {
                    continue;
                }
                match prefix_patterns.iter().position(|q| *q == p) {
                    Some(k) => prefix_families[k].push(i),
                    None => {
                        prefix_patterns.push(p);
                        prefix_families.push(vec![i]);
                    }
                }
            }
        }
        let prefixes = (!prefix_patterns.is_empty()).then(|| {
            let patvals = prefix_patterns
                .iter()
                .enumerate()
                .map(|(k, p)| (p.as_str(), u32::try_from(k).expect("< 2^32 prefixes")));
            PrefixAutomaton(
                CharwiseDoubleArrayAhoCorasick::with_values(patvals)
                    .expect("distinct non-empty prefixes always build an automaton"),
            )
        });
        let (families, regexes) = rows.into_iter().unzip();
        Families {
            families,
            regexes,
            prefix_patterns,
            prefixes,
            prefix_families,
        }
    }

    /// Every distinct prefix (lower-case, non-empty) with its number, as a [`PrefixHit`]
    /// names it: for a caller that searches them with its own automaton.
    pub fn prefixes(&self) -> impl Iterator<Item = (u32, &str)> {
        (0..).zip(self.prefix_patterns.iter().map(String::as_str))
    }

    pub fn families(&self) -> &[Family] {
        &self.families
    }

    pub fn len(&self) -> usize {
        self.families.len()
    }

    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
    }

    /// Every family version in `text` (a normalized line), as char spans. `char_starts` are
    /// the byte offsets of the chars of `text`, in order. Overlapping matches are all
    /// reported; the caller picks (leftmost, then longest). A match ending in a digit right
    /// before a counting unit (`豆包2024年`, `GPT-4个`) is not a version.
    pub fn find(&self, text: &str, char_starts: &[usize], out: &mut Vec<FamilyMatch>) {
        out.clear();
        let Some(mut scan) = self.prefix_scan() else {
            return;
        };
        let mut hits = Vec::new();
        for c in text.chars() {
            scan.consume(c, &mut hits);
        }
        self.versions(text, &hits, char_starts, out);
    }

    /// A scan for the prefixes fed one char at a time, so a caller already walking the line
    /// finds them in the same pass; `None` without families.
    pub fn prefix_scan(&self) -> Option<PrefixScan<'_>> {
        let prefixes = self.prefixes.as_ref()?;
        Some(PrefixScan(prefixes.0.find_overlapping_stepper()))
    }

    /// The versions starting at the prefixes `hits` found in `text` (by [`PrefixScan`]) onto
    /// `out` (cleared first), sorted; `char_starts` as for [`Families::find`].
    pub fn versions(
        &self,
        text: &str,
        hits: &[PrefixHit],
        char_starts: &[usize],
        out: &mut Vec<FamilyMatch>,
    ) {
        out.clear();
        for hit in hits {
            for &family in &self.prefix_families[hit.prefix as usize] {
                self.try_version(text, hit.byte, family, char_starts, out);
            }
        }
        // Two prefixes of one family at one place (`讯飞星火`, `讯飞`) find the same name.
        out.sort_by_key(|m| (m.start, m.end, m.family));
        out.dedup();
    }

    /// The version of `family` whose prefix starts at byte `bs` of `text`, if any, onto `out`.
    fn try_version(
        &self,
        text: &str,
        bs: usize,
        family: usize,
        char_starts: &[usize],
        out: &mut Vec<FamilyMatch>,
    ) {
        let Some(m) = self.regexes[family].find(&text[bs..]) else {
            return;
        };
        let be = bs + m.end();
        let mut end_byte = be;
        // A trailing separator run (from `~`) is not part of the name.
        while let Some(c) = text[bs..end_byte].chars().next_back() {
            if c.is_whitespace() || matches!(c, '-' | '_' | '·') {
                end_byte -= c.len_utf8();
            } else {
                break;
            }
        }
        if end_byte <= bs || ends_before_unit(text, end_byte) {
            return;
        }
        let start = char_starts.partition_point(|&b| b < bs);
        let end = char_starts.partition_point(|&b| b < end_byte);
        out.push(FamilyMatch { start, end, family });
    }

    /// The derived entity for a family version named `name`: id `product/<family>:<key>`,
    /// owned by the family's owner.
    pub fn member(&self, family: usize, name: &str) -> Entity {
        let f = &self.families[family];
        Entity {
            id: member_id(&f.id, name),
            kind: MentionKind::Product,
            name: name.to_string(),
            aliases: Vec::new(),
            owner: Some(f.owner.clone()),
            affiliation: None,
            origin: f.origin.clone(),
        }
    }

    /// The family a derived id belongs to (`product/glm:glm4.5` -> the `glm` family).
    pub fn family_of_id(&self, id: &str) -> Option<usize> {
        let rest = id.strip_prefix("product/")?;
        let (family, _) = rest.split_once(':')?;
        self.families.iter().position(|f| f.id == family)
    }

    /// True when the pattern of `family` matches all of `name`.
    pub fn matches_whole(&self, family: usize, name: &str) -> bool {
        self.regexes[family]
            .find(name)
            .is_some_and(|m| m.end() == name.len())
    }

    /// The family whose pattern matches all of `name`, if any (first in file order).
    pub fn classify(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        let mut starts = Vec::new();
        starts.extend(name.char_indices().map(|(b, _)| b));
        let len = starts.len();
        let mut found = Vec::new();
        self.find(name, &starts, &mut found);
        found
            .iter()
            .find(|m| m.start == 0 && m.end == len)
            .map(|m| m.family)
    }
}

/// The id of a family version: `product/<family>:<match key of the name>`.
pub fn member_id(family: &str, name: &str) -> String {
    format!("product/{family}:{}", match_key(name))
}

/// True when the text before `end` ends in a digit and the next non-space char counts
/// something (`2024年`, `3个`, `5万`): then the digits are a quantity, not a version.
fn ends_before_unit(text: &str, end: usize) -> bool {
    let ends_in_digit = text[..end]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    if !ends_in_digit {
        return false;
    }
    text[end..]
        .chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| "年月日号个亿万千百倍元美块%％岁天家位名款".contains(c))
}

fn parse_row(
    path: &Path,
    line: usize,
    record: &csv::StringRecord,
    catalogue: &Catalogue,
) -> Result<(Family, Regex), Error> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let (id, owner, prefixes, pattern, example) =
        (field(0), field(1), field(2), field(3), field(4));
    let bad = |message: String| Error::at_line(path, line, message);
    if id.is_empty() || owner.is_empty() || prefixes.is_empty() || pattern.is_empty() {
        return Err(bad(
            "a family needs a family_id, an owner, prefixes and a version_pattern".into(),
        ));
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(bad(format!(
            "family_id {id:?} must be lower-case letters, digits and hyphens"
        )));
    }
    match catalogue.get(owner) {
        Some(e) if e.kind == MentionKind::Company => {}
        Some(e) => {
            return Err(bad(format!(
                "owner {owner} of family {id} is a {}, not a company",
                e.kind.as_str()
            )));
        }
        None => {
            return Err(bad(format!(
                "owner {owner} of family {id} is not in the catalogue"
            )));
        }
    }
    let regex = compile(pattern).map_err(|e| {
        bad(format!(
            "version_pattern of family {id} does not compile: {e}"
        ))
    })?;
    let prefixes: Vec<String> = prefixes
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect();
    let family = Family {
        id: id.to_string(),
        owner: owner.to_string(),
        prefixes,
        pattern: pattern.to_string(),
        example: example.to_string(),
        origin: format!("{}:{line}", path.display()),
    };
    if !example.is_empty() {
        let lower = example.to_lowercase();
        let whole = family
            .prefixes
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
            && regex
                .find(example)
                .is_some_and(|m| m.end() == example.len());
        if !whole {
            return Err(bad(format!(
                "example {example:?} of family {id} does not start with a prefix and match the whole version_pattern"
            )));
        }
    }
    Ok((family, regex))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        let mut c = Catalogue::default();
        c.add_csv(
            Path::new("t.csv"),
            "id,type,name,aliases,owner,affiliation\n\
             company/zhipu,company,智谱,,,\n\
             company/bytedance,company,字节跳动,,,\n\
             product/glm,product,GLM,,company/zhipu,\n",
        )
        .unwrap();
        c
    }

    const HEAD: &str = "family_id,owner,prefixes,version_pattern,example\n";

    fn parse(rows: &str) -> (Families, Vec<Error>) {
        let mut problems = Vec::new();
        let f = Families::parse_collecting(
            Path::new("families.csv"),
            &format!("{HEAD}{rows}"),
            &catalogue(),
            &mut problems,
        );
        (f, problems)
    }

    fn spans(f: &Families, text: &str) -> Vec<String> {
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let mut out = Vec::new();
        f.find(text, &starts, &mut out);
        out.iter()
            .map(|m| text.chars().skip(m.start).take(m.end - m.start).collect())
            .collect()
    }

    #[test]
    fn tilde_stands_for_separators_and_case_is_ignored() {
        let (f, p) = parse("glm,company/zhipu,glm,glm~\\d+(?:\\.\\d+)?,GLM-4.5\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            spans(&f, "新的GLM-4.5和glm 4 还有 GLM5"),
            ["GLM-4.5", "glm 4", "GLM5"]
        );
        assert!(spans(&f, "GLM 大模型").is_empty());
    }

    #[test]
    fn a_trailing_separator_is_not_part_of_the_name() {
        let (f, _) = parse("glm,company/zhipu,glm,glm~\\d+(?:~plus)?,GLM-4\n");
        assert_eq!(spans(&f, "GLM-4 发布"), ["GLM-4"]);
    }

    #[test]
    fn digits_before_a_counting_unit_are_a_quantity() {
        let (f, _) = parse("doubao,company/bytedance,豆包,豆包~\\d+(?:\\.\\d+)?,豆包1.5\n");
        assert!(spans(&f, "豆包2024年的日活").is_empty());
        assert!(spans(&f, "豆包 1.5 亿用户").is_empty());
        assert_eq!(spans(&f, "豆包1.5发布"), ["豆包1.5"]);
    }

    #[test]
    fn every_bad_row_is_reported() {
        let (f, p) = parse(
            "a,company/none,a,a\\d,a1\n\
             b,product/glm,b,b\\d,b1\n\
             c,company/zhipu,c,c(\\d,c1\n\
             d,company/zhipu,d,d\\d,x1\n\
             e,company/zhipu,e,e\\d,e1\n\
             e,company/zhipu,e,e\\d,e2\n",
        );
        assert_eq!(f.len(), 1);
        let text: Vec<String> = p.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 5, "{text:#?}");
        assert!(text[0].contains("owner company/none of family a is not in the catalogue"));
        assert!(text[1].contains("not a company"));
        assert!(text[2].contains("does not compile"));
        assert!(text[3].contains("example \"x1\""));
        assert!(text[4].starts_with("families.csv:7: duplicate family id e"));
    }

    #[test]
    fn a_prefix_shared_by_families_and_prefixes_inside_prefixes_all_count() {
        // `glm` begins two families and ends `chatglm`: each family tries its own pattern.
        let (f, p) = parse(
            "glm,company/zhipu,glm,glm-\\d+,GLM-4\n\
             glmz,company/zhipu,GLM|Glmz,glmz\\d+,GLMZ1\n\
             chatglm,company/zhipu,chatglm,chatglm\\d+,ChatGLM3\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            spans(&f, "GLM-4、glmZ1、ChatGLM3"),
            ["GLM-4", "glmZ1", "ChatGLM3"]
        );
        let starts = |t: &str| t.char_indices().map(|(b, _)| b).collect::<Vec<_>>();
        let mut out = Vec::new();
        let text = "和GLMZ2";
        f.find(text, &starts(text), &mut out);
        assert_eq!(
            out,
            [FamilyMatch {
                start: 1,
                end: 6,
                family: 1
            }]
        );
    }

    #[test]
    fn member_ids_are_the_same_for_every_spelling() {
        let (f, _) = parse("glm,company/zhipu,glm,glm~\\d+(?:\\.\\d+)?,GLM-4.5\n");
        assert_eq!(f.member(0, "GLM-4.5").id, "product/glm:glm4.5");
        assert_eq!(f.member(0, "glm 4.5").id, "product/glm:glm4.5");
        assert_eq!(
            f.member(0, "GLM-4.5").owner.as_deref(),
            Some("company/zhipu")
        );
        assert_eq!(f.family_of_id("product/glm:glm4.5"), Some(0));
        assert_eq!(f.classify("GLM-4.7"), Some(0));
        assert_eq!(f.classify("GLM-4.7 Pro"), None);
    }
}
