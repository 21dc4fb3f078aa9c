//! Trigger words and clause cues, loaded from `dictionaries/triggers.csv` so users extend them
//! without touching code, and found in a line with one automaton built once.
//!
//! Like entity names, a cue written in Chinese must start and end on jieba word boundaries
//! (`其` is not found inside `其他`, `发布` not inside `发布会`), and a Latin cue (`ARR`, `MAU`)
//! must not continue a Latin word.

use std::path::Path;
use std::sync::Arc;

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::error::{Error, Result};
use crate::segment::{SpanEdges, keeps_words};

/// What a cue word tells the linker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Founded,
    FounderTitle,
    Released,
    ReleasedNp,
    Renamed,
    Funding,
    Round,
    Metric,
    /// A figure said as a loss (亏损 5 亿): the metric of the value column, negated.
    Loss,
    /// A price (售价, 定价): the figure after it is no metric.
    Price,
    Negation,
    Hedge,
    Comparison,
    Forecast,
    Pronoun,
    Reporting,
    Source,
    Locative,
    ZeroSubjectVerb,
    Anniversary,
    /// 那一年 / 全年 / 一整年: the year of the date said last.
    ThatYear,
    /// 依次 / 分别: the figures after it go, in order, with the dates listed before.
    InOrder,
    /// 第二年 / 次年 / 隔年: the year said last plus the value's number of years.
    YearAfter,
    // Closed word classes: the small words a rule reads a clause's shape by. They are looked
    // up in a gap between two names, never searched for in the line (they are everywhere).
    /// 是 / 作为: `X 是 A 的创始人`.
    Copula,
    /// 和 / 、: names coordinated into one subject or object.
    Coordinator,
    /// 由 / 被: the agent follows (`A 由 X 创立`).
    Passive,
    /// 的 / 之: `A 的 B`, B belongs to A.
    Possessive,
    /// 同时 / 随后: a line opening with one continues the line before.
    Connective,
    /// 比 / 相比 right after a date: the date is what a figure is compared with (去年同期比).
    ComparedWith,
    // Funding (`rules::funding`).
    /// 一轮 / 一笔: a round said without its name.
    RoundSaid,
    /// 拿下 / 完成 before a round's name, with no 融资 said (拿下了 A 轮).
    RoundVerb,
    /// 投资 / 领投 with the investor as agent: `X 投资了 Y`, Y is funded.
    Invest,
    /// 投资方 / 股东 / 持股 / 牵头: the names around it are investors.
    Investor,
    /// 上市 / 挂牌: money raised near it is an IPO (value `IPO`) or a later listing.
    Listing,
    /// 科创板 / 纳斯达克: a stock exchange (a listing, not a product launch).
    Exchange,
    /// 正在谈 / 洽谈: a round in talks, kept as a hedged fact.
    Talks,
    /// 呢 / 吗 / 多少 (closed class): a question the next line answers.
    Question,
    /// 现在 / 目前 (closed class): the clause is about now, not the date said before.
    Now,
    /// 对 / 向 / 给 (closed class): the company after it receives (`X 对 Y 做了一笔投资`).
    Recipient,
    /// 行业 / 赛道 (closed class): a clause about a whole field, no company's.
    Field,
    /// 百分点: a figure in percentage points is a change, never a share or margin itself.
    Points,
    /// 业务 / 板块 / 这块: a business of a company, as such (汽车业务): a money figure said of
    /// it is the business's, not the whole company's. Looked up inside a phrase (jieba keeps
    /// 广告业务 one word).
    Segment,
    /// 手机 / 汽车 / 芯片: what a business deals in (手机的营收), a [`Role::Segment`] too.
    LineOfBusiness,
    /// 同期 / 同一时期 right after a year: that year's part of the period reported on
    /// (去年同一时期 in a half-year report is last year's first half).
    SamePeriod,
    /// 叫 / 名叫 / 取名为 right before a name: the name given to something said before
    /// (`成立了一家子公司 / 叫云岫科技`).
    Naming,
    /// 另外 / 其他 / 还有 before a founder title: more founders of the company whose founders
    /// are being listed (`另外两位联合创始人`).
    Additive,
    /// 报道 / 消息 / 爆料 right after a name that follows a [`Role::Source`] (据 X 报道, 根据
    /// X 的消息): X is who reports, not what the talk is about.
    ReportNoun,
    /// 连续 / 接连 right before a [`Role::YearAfter`] word: `连续第二年` counts a streak, it
    /// is no year after another.
    Streak,
    /// 他们俩 / 两个人 / 三个人: people said as a group, the value their number (`公司是他们俩
    /// 一起创办的`: the two people named just before).
    Group,
    /// 拉上 / 叫上 / 找来 (closed class, looked up in the line: jieba glues 他拉 together): a
    /// person gathers others to start something (`他拉上两个老同事`): a company founded a few
    /// lines on, with only asides between, is that person's.
    Recruit,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "founded" => Role::Founded,
            "founder_title" => Role::FounderTitle,
            "released" => Role::Released,
            "released_np" => Role::ReleasedNp,
            "renamed" => Role::Renamed,
            "funding" => Role::Funding,
            "round" => Role::Round,
            "metric" => Role::Metric,
            "loss" => Role::Loss,
            "price" => Role::Price,
            "negation" => Role::Negation,
            "hedge" => Role::Hedge,
            "comparison" => Role::Comparison,
            "forecast" => Role::Forecast,
            "pronoun" => Role::Pronoun,
            "reporting" => Role::Reporting,
            "source" => Role::Source,
            "locative" => Role::Locative,
            "zero_subject_verb" => Role::ZeroSubjectVerb,
            "anniversary" => Role::Anniversary,
            "that_year" => Role::ThatYear,
            "in_order" => Role::InOrder,
            "year_after" => Role::YearAfter,
            "streak" => Role::Streak,
            "points" => Role::Points,
            "segment" => Role::Segment,
            "line_of_business" => Role::LineOfBusiness,
            "same_period" => Role::SamePeriod,
            "copula" => Role::Copula,
            "coordinator" => Role::Coordinator,
            "passive" => Role::Passive,
            "possessive" => Role::Possessive,
            "connective" => Role::Connective,
            "compared_with" => Role::ComparedWith,
            "round_said" => Role::RoundSaid,
            "round_verb" => Role::RoundVerb,
            "invest" => Role::Invest,
            "investor" => Role::Investor,
            "listing" => Role::Listing,
            "exchange" => Role::Exchange,
            "talks" => Role::Talks,
            "question" => Role::Question,
            "now" => Role::Now,
            "recipient" => Role::Recipient,
            "field" => Role::Field,
            "naming" => Role::Naming,
            "additive" => Role::Additive,
            "report_noun" => Role::ReportNoun,
            "group" => Role::Group,
            "recruit" => Role::Recruit,
            _ => return None,
        })
    }

    /// A closed word class, looked up rather than searched for.
    pub fn is_word_class(self) -> bool {
        matches!(
            self,
            Role::Copula
                | Role::Coordinator
                | Role::Passive
                | Role::Possessive
                | Role::Connective
                | Role::ComparedWith
                | Role::Question
                | Role::Now
                | Role::Recipient
                | Role::Field
                | Role::Points
                | Role::Segment
                | Role::LineOfBusiness
                | Role::SamePeriod
                | Role::Naming
                | Role::Additive
                | Role::ReportNoun
                | Role::Streak
                | Role::Recruit
        )
    }

    /// Cues that are the verb of a clause: an entity after one is not the clause's subject.
    pub fn is_verbal(self) -> bool {
        matches!(
            self,
            Role::Founded
                | Role::Released
                | Role::Renamed
                | Role::Funding
                | Role::Reporting
                | Role::ZeroSubjectVerb
                | Role::RoundVerb
                | Role::Invest
                | Role::Listing
        )
    }
}

/// One cue found in a line; offsets are chars of the normalized line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub role: Role,
    /// The row's value column (metric name, round name, pronoun kind), if any; shared with
    /// the table (cues are found on every line: a copy would be an allocation each).
    pub value: Option<Arc<str>>,
}

/// The loaded trigger table and its automaton.
pub struct Triggers {
    /// Every word (ASCII lower-cased), its value its index; `None` for an empty table.
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// For each word: its roles (and values).
    roles: Vec<Vec<(Role, Option<Arc<str>>)>>,
    /// For each word: its length in chars.
    word_chars: Vec<usize>,
    /// The closed word classes, as (class, word).
    classes: Vec<(Role, Box<str>)>,
    /// The one-char words of the closed classes, as (char, class), sorted: the rules ask
    /// [`Triggers::is_char`] of every char of a gap, and a scan of `classes` each time was a
    /// tenth of the linker.
    class_chars: Vec<(char, Role)>,
    /// The first chars of the closed classes' words, as (char, class), sorted: a gap whose
    /// first char starts no word of a class is no sequence of them.
    class_firsts: Vec<(char, Role)>,
}

impl Triggers {
    /// Load `dir/triggers.csv`; a dictionaries folder without one gets the project's own
    /// table, built into the binary.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let path = dir.join("triggers.csv");
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::built_in(),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// The project's `dictionaries/triggers.csv` as it was when the binary was built.
    pub fn built_in() -> Result<Self> {
        const TABLE: &str = include_str!("../../dictionaries/triggers.csv");
        Self::parse(Path::new("(built-in) triggers.csv"), TABLE)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        // A field spanning lines is refused where its quote opens (as for every dictionary).
        if let Some(e) = crate::dictionary::unclosed_quotes(path, text)
            .into_iter()
            .next()
        {
            return Err(e);
        }
        let mut words: Vec<String> = Vec::new();
        let mut classes: Vec<(Role, Box<str>)> = Vec::new();
        let mut roles: Vec<Vec<(Role, Option<Arc<str>>)>> = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                Error::at_line(path, line, format!("bad CSV row: {e}"))
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            let role_name = record.get(0).unwrap_or("");
            let word = record.get(1).unwrap_or("");
            if role_name.is_empty() && word.is_empty() {
                continue;
            }
            let role = Role::parse(role_name)
                .ok_or_else(|| Error::at_line(path, line, format!("unknown role {role_name:?}")))?;
            if word.is_empty() {
                return Err(Error::at_line(path, line, "a row needs a word"));
            }
            if role.is_word_class() {
                classes.push((role, word.into()));
                continue;
            }
            let value = record.get(2).filter(|v| !v.is_empty()).map(Arc::from);
            if matches!(role, Role::Metric | Role::Loss | Role::Round) && value.is_none() {
                return Err(Error::at_line(
                    path,
                    line,
                    format!("a {role_name} row needs a value"),
                ));
            }
            let key = word.to_ascii_lowercase();
            match words.iter().position(|w| *w == key) {
                Some(i) => roles[i].push((role, value)),
                None => {
                    words.push(key);
                    roles.push(vec![(role, value)]);
                }
            }
        }
        // A char-wise automaton (daachorse, as for entity names): one transition a char, and
        // a char no word has (most of a line) is one table look-up. It builds in well under a
        // millisecond (the table is a few hundred words). Words are unique and non-empty.
        let automaton = if words.is_empty() {
            None
        } else {
            let patterns = words
                .iter()
                .enumerate()
                .map(|(i, w)| (w, u32::try_from(i).expect("< 2^32 words")));
            let automaton = CharwiseDoubleArrayAhoCorasick::with_values(patterns).map_err(|e| {
                Error::in_file(path, format!("cannot build the trigger matcher: {e}"))
            })?;
            Some(automaton)
        };
        let word_chars = words.iter().map(|w| w.chars().count()).collect();
        let mut class_chars: Vec<(char, Role)> = classes
            .iter()
            .filter_map(|(role, w)| {
                let mut chars = w.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, *role)),
                    _ => None,
                }
            })
            .collect();
        class_chars.sort_unstable();
        class_chars.dedup();
        let mut class_firsts: Vec<(char, Role)> = classes
            .iter()
            .filter_map(|(role, w)| w.chars().next().map(|c| (c, *role)))
            .collect();
        class_firsts.sort_unstable();
        class_firsts.dedup();
        Ok(Triggers {
            automaton,
            roles,
            word_chars,
            classes,
            class_chars,
            class_firsts,
        })
    }

    /// Is `word` one of the closed class `role` (`is_word(Role::Copula, "是")`)?
    pub fn is_word(&self, role: Role, word: &str) -> bool {
        self.classes.iter().any(|(r, w)| *r == role && **w == *word)
    }

    /// Is the char `c` a one-char word of the closed class `role`?
    pub fn is_char(&self, role: Role, c: char) -> bool {
        self.class_chars.binary_search(&(c, role)).is_ok()
    }

    /// Does a word of the closed class `role` start with `c`?
    pub fn starts_class_word(&self, role: Role, c: char) -> bool {
        self.class_firsts.binary_search(&(c, role)).is_ok()
    }

    /// The words of a closed class.
    pub fn words_of(&self, role: Role) -> impl Iterator<Item = &str> {
        self.classes
            .iter()
            .filter(move |(r, _)| *r == role)
            .map(|(_, w)| &**w)
    }

    /// The cues of one normalized line, leftmost-longest among those on word boundaries,
    /// in order of start. Spaces inside a cue are ignored (`B 轮` is `B轮`). `word_ends` are
    /// jieba's word ends over `text`.
    pub fn find(&self, text: &str, word_ends: &[usize], out: &mut Vec<Cue>) {
        let chars: Vec<char> = text.chars().collect();
        self.find_chars(&chars, word_ends, out);
    }

    /// [`Triggers::find`] over the line's chars, for a caller that has them already (the
    /// linker: this runs once a line).
    pub fn find_chars(&self, chars: &[char], word_ends: &[usize], out: &mut Vec<Cue>) {
        out.clear();
        // A per-thread buffer: this runs once a line, and allocating it every time showed in
        // the profile (bench/NOTES.md).
        thread_local! {
            static CANDIDATES: std::cell::RefCell<Vec<(usize, usize, usize)>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        CANDIDATES.with_borrow_mut(|candidates| {
            candidates.clear();
            self.candidates(chars, word_ends, candidates);
            self.leftmost_longest(candidates, out);
        });
    }

    /// Every cue on word boundaries, overlapping ones too, as (start, end, word).
    ///
    /// The automaton is stepped by hand over the line's chars, whitespace skipped and ASCII
    /// lower-cased: the same matches as an overlapping search over the line without spaces,
    /// with no copy of the line and no table from its offsets back to chars. A match ends on
    /// the char just stepped; its start is found by walking back over the word's chars
    /// (matches are few).
    fn candidates(
        &self,
        chars: &[char],
        word_ends: &[usize],
        candidates: &mut Vec<(usize, usize, usize)>,
    ) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let mut stepper = automaton.find_overlapping_stepper();
        for (i, &c) in chars.iter().enumerate() {
            if is_space(c) {
                continue;
            }
            stepper.consume(c.to_ascii_lowercase());
            let e = i + 1;
            for m in stepper.matches() {
                let word = m.value() as usize;
                let s = start_of(chars, e, self.word_chars[word]);
                if keeps_words(SpanEdges::of(chars, s, e), s, e, word_ends) {
                    candidates.push((s, e, word));
                }
            }
        }
    }

    /// Of overlapping candidates the leftmost, then the longest, wins; each becomes one cue
    /// per role of its word.
    fn leftmost_longest(&self, candidates: &mut [(usize, usize, usize)], out: &mut Vec<Cue>) {
        // Most words have one role and most candidates are kept: one allocation a line.
        out.reserve(candidates.len());
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut until = 0;
        for &(s, e, w) in candidates.iter() {
            if s < until {
                continue;
            }
            until = e;
            for (role, value) in &self.roles[w] {
                out.push(Cue {
                    start: s,
                    end: e,
                    role: *role,
                    value: value.clone(),
                });
            }
        }
    }
}

/// The chars a cue may have inside it without them being part of the word (`B 轮` is `B轮`).
/// Every whitespace char but the ASCII ones is below U+3001: Chinese text (U+4E00 up, and its
/// full-width punctuation) never reaches Unicode's table.
#[inline]
fn is_space(c: char) -> bool {
    c <= '\u{3000}' && c.is_whitespace()
}

/// Where a match of `len` chars (spaces not counted) ending at char `end` starts.
fn start_of(chars: &[char], end: usize, len: usize) -> usize {
    let mut start = end;
    let mut left = len;
    while left > 0 {
        start -= 1;
        if !is_space(chars[start]) {
            left -= 1;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Triggers {
        Triggers::parse(
            Path::new("t.csv"),
            "role,word,value\n# comment\nreleased,发布,\nmetric,ARR,arr\nmetric,年化收入,arr\npronoun,其,entity\nfounded,成立,\nhedge,成立,\n",
        )
        .unwrap()
    }

    fn ends_each_char(text: &str) -> Vec<usize> {
        (1..=text.chars().count()).collect()
    }

    #[test]
    fn finds_cues_with_roles_and_values() {
        let t = table();
        let text = "年化收入（arr）超过";
        let mut out = Vec::new();
        t.find(text, &ends_each_char(text), &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|c| (c.start, c.role, c.value.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (0, Role::Metric, Some("arr".into())),
                (5, Role::Metric, Some("arr".into()))
            ]
        );
    }

    #[test]
    fn spaces_inside_a_cue_are_ignored() {
        let t = Triggers::parse(Path::new("t.csv"), "role,word,value\nround,B轮,B\n").unwrap();
        let mut out = Vec::new();
        let text = "完成 B 轮融资";
        t.find(text, &ends_each_char(text), &mut out);
        assert_eq!((out[0].start, out[0].end), (3, 6));
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let t = Triggers::parse(Path::new("t.csv"), "role,word,value\n").unwrap();
        let mut out = Vec::new();
        t.find("发布 ARR", &[2, 3, 6], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn one_word_can_have_several_roles() {
        let t = table();
        let mut out = Vec::new();
        t.find("成立", &[2], &mut out);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn cues_respect_jieba_words() {
        let t = table();
        let mut out = Vec::new();
        // 其他 is one word, 发布会 is one word.
        t.find("其他发布会", &[2, 5], &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn word_classes_are_looked_up_not_searched() {
        let t = Triggers::parse(
            Path::new("t.csv"),
            "role,word,value\ncopula,是,\ncoordinator,\"，\",\ncoordinator,和,\n",
        )
        .unwrap();
        let mut out = Vec::new();
        t.find("他是我和你", &[1, 2, 3, 4, 5], &mut out);
        assert!(out.is_empty(), "{out:?}");
        assert!(t.is_word(Role::Copula, "是"));
        assert!(!t.is_word(Role::Copula, "和"));
        assert!(t.is_char(Role::Coordinator, '，'));
        assert!(!t.is_char(Role::Coordinator, '是'));
    }

    #[test]
    fn rejects_unknown_roles_with_line() {
        let err = Triggers::parse(Path::new("t.csv"), "role,word,value\nfoo,bar,\n")
            .err()
            .unwrap();
        assert_eq!(err.to_string(), "t.csv:2: unknown role \"foo\"");
    }
}
