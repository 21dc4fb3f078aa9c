//! The entity catalogue kept by hand in `dictionaries/entities/*.csv`.
//!
//! One row an entity: `id,type,name,aliases,owner,affiliation`. `aliases` is a `|`-separated
//! list (Chinese, English, short and traditional forms); `owner` is the company id of a
//! product, `affiliation` the company id of a person. Rows are validated as they load: a bad
//! row, a duplicate id or an alias claimed by two entities is an error naming file and line.

pub mod check;
pub mod families;
pub mod values;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::MentionKind;
use crate::normalize::fold_char;

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub kind: MentionKind,
    pub name: String,
    /// Every other spelling, in the order the row gives them.
    pub aliases: Vec<String>,
    pub owner: Option<String>,
    pub affiliation: Option<String>,
    /// Where the row is (`file:line`), for messages.
    pub origin: String,
}

impl Entity {
    /// The canonical name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The loaded catalogue: entities in id order, and an index from match key to entity.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    by_key: BTreeMap<String, usize>,
    /// Products whose row says `?` for the owner (`tfacts suggest` found none): no owner
    /// yet, which `tfacts check` reports as a note to fill in rather than an error.
    owner_wanted: std::collections::BTreeSet<String>,
}

/// The form names are compared in: folded width, lower-case Latin, without spaces, hyphens,
/// underscores or middle dots (`GPT - 4o`, `gpt-4o` and `GPT4o` share one key).
///
/// Names go through the same Traditional -> Simplified conversion as transcript lines, so a
/// name and a line always meet in one form (OpenCC writes 昇腾 as 升腾, say).
pub fn match_key(name: &str) -> String {
    let t2s = &*crate::normalize::T2S;
    let converted;
    let name = if t2s.needed(name) {
        converted = t2s.convert(name);
        converted.as_str()
    } else {
        name
    };
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_char(c);
        if is_key_separator(c) {
            continue;
        }
        key.push(c.to_ascii_lowercase());
    }
    key
}

/// Chars dropped from a match key.
#[inline]
pub fn is_key_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '·')
}

const HEADER: [&str; 6] = ["id", "type", "name", "aliases", "owner", "affiliation"];

/// An owner cell that says the owner is still to be found (a product row `tfacts suggest`
/// proposed without one): loaded as no owner, reported by `tfacts check` as a note.
pub const OWNER_WANTED: &str = "?";

impl Catalogue {
    /// Load every `*.csv` under `dir/entities/` (sorted by file name, so ids and order are
    /// deterministic). Stops on the first problem; [`Catalogue::load_dir_collecting`] gathers
    /// them all.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let mut problems = Vec::new();
        let catalogue = Self::load_dir_collecting(dir, &mut problems)?;
        unless_problems(catalogue, problems)
    }

    /// Load what can be loaded, pushing every bad row, duplicate id, alias claimed twice and
    /// dangling owner or affiliation onto `problems` instead of stopping. A bad row is left out;
    /// a second claim on an alias is ignored. Only a folder that cannot be read is an `Err`.
    pub fn load_dir_collecting(dir: &Path, problems: &mut Vec<Error>) -> Result<Self> {
        let folder = dir.join("entities");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| missing_folder(&folder, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::in_file(&folder, "no entity CSV files found"));
        }
        let mut catalogue = Catalogue::default();
        for file in &files {
            let text = match std::fs::read(file) {
                Ok(bytes) => String::from_utf8(bytes)
                    .map_err(|_| Error::in_file(file, "dictionary files must be UTF-8")),
                Err(e) => Err(Error::io(file, e)),
            };
            match text {
                Ok(text) => catalogue.add_csv_collecting(file, &text, problems),
                Err(e) => problems.push(e),
            }
        }
        catalogue.check_references(problems);
        Ok(catalogue)
    }

    /// Parse one CSV file's text into the catalogue, stopping on the first problem.
    pub fn add_csv(&mut self, path: &Path, text: &str) -> Result<()> {
        let mut problems = Vec::new();
        self.add_csv_collecting(path, text, &mut problems);
        unless_problems((), problems)
    }

    /// Parse one CSV file's text into the catalogue, pushing every problem onto `problems`.
    pub fn add_csv_collecting(&mut self, path: &Path, text: &str, problems: &mut Vec<Error>) {
        for_each_row(
            path,
            text,
            &HEADER,
            problems,
            |line, record, problems| match parse_row(path, line, record) {
                Ok(entity) => {
                    if record.get(4).is_some_and(|o| o.trim() == OWNER_WANTED) {
                        self.owner_wanted.insert(entity.id.clone());
                    }
                    self.insert(entity, problems)
                }
                Err(e) => problems.push(e),
            },
        );
    }

    /// Add an entity; a duplicate id leaves it out, an alias another entity holds is skipped.
    fn insert(&mut self, entity: Entity, problems: &mut Vec<Error>) {
        if let Some(&other) = self.by_id.get(&entity.id) {
            problems.push(Error::Other(format!(
                "{}: duplicate id {} (first defined at {})",
                entity.origin, entity.id, self.entities[other].origin
            )));
            return;
        }
        let index = self.entities.len();
        for name in entity.names() {
            let key = match_key(name);
            if key.is_empty() {
                problems.push(Error::Other(format!(
                    "{}: empty name or alias in {}",
                    entity.origin, entity.id
                )));
                continue;
            }
            match self.by_key.get(&key) {
                Some(&other) if other != index => {
                    let o = &self.entities[other];
                    problems.push(Error::Other(format!(
                        "{}: alias {name:?} of {} is already claimed by {} ({})",
                        entity.origin, entity.id, o.id, o.origin
                    )));
                }
                _ => {
                    self.by_key.insert(key, index);
                }
            }
        }
        self.by_id.insert(entity.id.clone(), index);
        self.entities.push(entity);
    }

    /// Add entities that are not catalogue rows (members of a model family found in the
    /// transcripts), so the dataset can list them. An id or a key already present is skipped.
    pub fn extend_derived(&mut self, entities: impl IntoIterator<Item = Entity>) {
        for entity in entities {
            if self.by_id.contains_key(&entity.id) || self.lookup(&entity.name).is_some() {
                continue;
            }
            let mut ignored = Vec::new();
            self.insert(entity, &mut ignored);
        }
    }

    /// Owners and affiliations must name entities that exist.
    fn check_references(&self, problems: &mut Vec<Error>) {
        for e in &self.entities {
            for (field, target) in [("owner", &e.owner), ("affiliation", &e.affiliation)] {
                if let Some(t) = target
                    && !self.by_id.contains_key(t)
                {
                    problems.push(Error::Other(format!(
                        "{}: {field} {t} of {} is not in the catalogue",
                        e.origin, e.id
                    )));
                }
            }
        }
    }

    /// Whether the row of `id` says `?` for its owner (one to find, not a mistake).
    pub fn owner_wanted(&self, id: &str) -> bool {
        self.owner_wanted.contains(id)
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The entity a spelling names, compared by match key.
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        self.by_key
            .get(&match_key(name))
            .map(|&i| &self.entities[i])
    }

    /// Every (match key, entity index) pair, in key order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_key.iter().map(|(k, &i)| (k.as_str(), i))
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

/// The error for an entity folder that cannot be read; a missing one says, once, what was
/// looked for, where, and how to point elsewhere (a run outside the project folder).
fn missing_folder(folder: &Path, e: std::io::Error) -> Error {
    if e.kind() != std::io::ErrorKind::NotFound {
        return Error::io(folder, e);
    }
    let cwd = std::env::current_dir().map_or_else(|_| ".".into(), |d| d.display().to_string());
    Error::Other(format!(
        "no dictionaries: looked for the entity catalogue {}/*.csv in {cwd}; \
         run tfacts in the project folder, or name the dictionaries folder with --dictionaries DIR",
        folder.display()
    ))
}

/// `value`, or the first of `problems` (for the loaders that stop on the first problem).
pub(crate) fn unless_problems<T>(value: T, problems: Vec<Error>) -> Result<T> {
    match problems.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(value),
    }
}

/// Every line of a dictionary CSV where a quoted field opens and is not closed on the same
/// line, as an error at that line. A dictionary field never spans lines; a CSV reader would
/// read on to the next quote, swallowing the rows between and blaming other rows for what
/// went missing.
pub fn unclosed_quotes(path: &Path, text: &str) -> Vec<Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // Only a quote at the start of a field opens a quoted field; `""` inside one is a quote.
        let (mut field_start, mut open) = (true, None);
        let mut chars = line.chars().enumerate().peekable();
        while let Some((col, c)) = chars.next() {
            match (open, c) {
                (Some(_), '"') if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                    chars.next();
                }
                (Some(_), '"') => open = None,
                (Some(_), _) => {}
                (None, ',') => field_start = true,
                (None, '"') if field_start => open = Some(col + 1),
                (None, c) if !c.is_whitespace() => field_start = false,
                (None, _) => {}
            }
        }
        if let Some(col) = open {
            out.push(Error::at_line(
                path,
                i + 1,
                format!(
                    "the quote opened at column {col} is not closed on this line \
                     (a dictionary field cannot span lines): close it or remove it"
                ),
            ));
        }
    }
    out
}

/// Hand every data row of a dictionary CSV to `row` with its line number (and `problems`, for
/// what the row handler finds): the header must
/// start with `header`; blank rows and rows whose first field starts with `#` are skipped;
/// an unreadable header or row goes onto `problems`.
pub(crate) fn for_each_row(
    path: &Path,
    text: &str,
    header: &[&str],
    problems: &mut Vec<Error>,
    mut row: impl FnMut(usize, &csv::StringRecord, &mut Vec<Error>),
) {
    // A line with an unclosed quote is reported where the quote opens and read as blank, so
    // the rows after it are read as the rows they are.
    let unclosed = unclosed_quotes(path, text);
    let cleaned;
    let text = if unclosed.is_empty() {
        text
    } else {
        let bad: std::collections::BTreeSet<usize> = unclosed
            .iter()
            .filter_map(|e| match e {
                Error::AtLine { line, .. } => Some(*line),
                _ => None,
            })
            .collect();
        problems.extend(unclosed);
        cleaned = text
            .lines()
            .enumerate()
            .map(|(i, l)| if bad.contains(&(i + 1)) { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        cleaned.as_str()
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(h)
            if h.len() >= header.len()
                && h.iter().take(header.len()).eq(header.iter().copied()) => {}
        Ok(_) => {
            problems.push(Error::at_line(
                path,
                1,
                format!("header must start with {}", header.join(",")),
            ));
            return;
        }
        Err(e) => {
            problems.push(Error::at_line(path, 1, format!("unreadable header: {e}")));
            return;
        }
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Error::at_line(path, line, format!("bad CSV row: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.is_empty()) || record.get(0).is_some_and(|f| f.starts_with('#'))
        {
            continue;
        }
        row(line, &record, problems);
    }
}

fn parse_row(path: &Path, line: usize, record: &csv::StringRecord) -> Result<Entity> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let id = field(0);
    let kind = field(1);
    let name = field(2);
    if id.is_empty() || kind.is_empty() || name.is_empty() {
        return Err(Error::at_line(
            path,
            line,
            "a row needs an id, a type and a name",
        ));
    }
    let kind = match kind {
        "company" => MentionKind::Company,
        "person" => MentionKind::Person,
        "product" => MentionKind::Product,
        other => {
            return Err(Error::at_line(
                path,
                line,
                format!("unknown type {other:?} (company, person or product)"),
            ));
        }
    };
    if !id.starts_with(&format!("{}/", kind.as_str())) {
        return Err(Error::at_line(
            path,
            line,
            format!("id {id:?} must start with {}/", kind.as_str()),
        ));
    }
    let mut aliases: Vec<String> = Vec::new();
    for alias in std::iter::once(name).chain(field(3).split('|').map(str::trim)) {
        if is_numeral_word(alias) {
            return Err(Error::at_line(
                path,
                line,
                format!(
                    "{alias:?} is made of numerals only and would be found inside numbers \
                     (两亿零一, 二零一三年): write the name with its other characters"
                ),
            ));
        }
    }
    for alias in field(3).split('|').map(str::trim).filter(|a| !a.is_empty()) {
        if alias != name && !aliases.iter().any(|a| a == alias) {
            aliases.push(alias.to_string());
        }
    }
    let opt = |s: &str| (!s.is_empty() && s != OWNER_WANTED).then(|| s.to_string());
    Ok(Entity {
        id: id.to_string(),
        kind,
        name: name.to_string(),
        aliases,
        owner: opt(field(4)),
        affiliation: opt(field(5)),
        origin: format!("{}:{line}", path.display()),
    })
}

/// A name or alias made of Chinese numeral characters only (零一, 六六, 一二三, 三六零).
fn is_numeral_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            "零〇一二三四五六七八九十百千万亿两幺壹贰叁肆伍陆柒捌玖拾佰仟廿卅卌".contains(c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Catalogue> {
        let mut c = Catalogue::default();
        c.add_csv(Path::new("t.csv"), text)?;
        let mut problems = Vec::new();
        c.check_references(&mut problems);
        unless_problems(c, problems)
    }

    const HEAD: &str = "id,type,name,aliases,owner,affiliation\n";

    #[test]
    fn loads_rows_and_looks_up_aliases_by_key() {
        let c = load(&format!(
            "{HEAD}company/zhipu,company,智谱,智谱AI|Zhipu AI,,\nproduct/gpt-4o,product,GPT-4o,,company/zhipu,\n"
        ))
        .unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c.lookup("zhipu ai").unwrap().id, "company/zhipu");
        assert_eq!(c.lookup("GPT - 4o").unwrap().id, "product/gpt-4o");
    }

    #[test]
    fn rejects_row_without_name_with_file_and_line() {
        let err = load(&format!(
            "{HEAD}company/a,company,A,,,\ncompany/b,company,,,,\n"
        ))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:3: a row needs an id, a type and a name"
        );
    }

    #[test]
    fn rejects_duplicate_id() {
        let err = load(&format!(
            "{HEAD}company/a,company,A,,,\ncompany/a,company,B,,,\n"
        ))
        .unwrap_err();
        assert!(err.to_string().contains("duplicate id company/a"), "{err}");
    }

    #[test]
    fn rejects_alias_claimed_twice() {
        let err = load(&format!(
            "{HEAD}company/a,company,阿里,,,\ncompany/b,company,B,阿里,,\n"
        ))
        .unwrap_err();
        assert!(
            err.to_string().contains("already claimed by company/a"),
            "{err}"
        );
        assert!(err.to_string().starts_with("t.csv:3"), "{err}");
    }

    #[test]
    fn refuses_aliases_made_of_numerals_only() {
        for alias in ["零一", "六六", "一二三", "三六零", "壹贰"] {
            let err = load(&format!(
                "{HEAD}company/a,company,甲公司,,,\ncompany/b,company,某某科技,{alias}|某某,,\n"
            ))
            .unwrap_err();
            assert!(err.to_string().starts_with("t.csv:3"), "{alias}: {err}");
            assert!(err.to_string().contains("numerals only"), "{alias}: {err}");
        }
        // Numerals inside a longer name are fine.
        assert!(
            load(&format!(
                "{HEAD}company/c,company,零一万物,01.AI|三六零公司,,\n"
            ))
            .is_ok()
        );
    }

    #[test]
    fn rejects_unknown_type_and_missing_owner() {
        assert!(load(&format!("{HEAD}thing/a,thing,A,,,\n")).is_err());
        let err = load(&format!("{HEAD}product/a,product,A,,company/none,\n")).unwrap_err();
        assert!(err.to_string().contains("owner company/none"), "{err}");
    }

    #[test]
    fn collecting_load_reports_every_problem_and_keeps_the_good_rows() {
        let mut c = Catalogue::default();
        let mut problems = Vec::new();
        c.add_csv_collecting(
            Path::new("t.csv"),
            &format!(
                "{HEAD}company/a,company,阿里,,,\ncompany/b,company,,,,\ncompany/a,company,A2,,,\n\
                 company/c,company,C,阿里,,\nproduct/p,product,P,,company/none,\n"
            ),
            &mut problems,
        );
        c.check_references(&mut problems);
        let text: Vec<String> = problems.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 4, "{text:#?}");
        assert!(text[0].starts_with("t.csv:3: a row needs"));
        assert!(text[1].contains("duplicate id company/a"));
        assert!(text[2].contains("already claimed by company/a"));
        assert!(text[3].contains("owner company/none"));
        assert_eq!(c.len(), 3);
        assert_eq!(c.lookup("C").unwrap().id, "company/c");
    }

    #[test]
    fn match_key_ignores_width_case_space_and_hyphen() {
        assert_eq!(match_key("ＧＰＴ - 4o"), "gpt4o");
        assert_eq!(match_key("埃隆·马斯克"), "埃隆马斯克");
    }
}
