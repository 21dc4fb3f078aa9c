//! Names the catalogue lacks, found in one line: [`CandidateFinder`].
//!
//! Built once, shared across threads, run on every line. The signals (of overlapping
//! candidates the earlier signal wins):
//!
//! - **Titles**: the name after 创始人 / 联合创始人 / CEO / 首席科学家 / 董事长 / 总裁 … (a
//!   person: a Chinese name starting with a surname, or capitalized Latin words) and the
//!   organisation before `的` + title (`云岫科技的CEO`).
//! - **Quoted names**: the text inside “” 「」 『』 《》 ‘’ or "" (a product, a feature); not a
//!   quoted slogan (more than 6 Chinese chars, or 的/是/了 inside).
//! - **Latin tokens** that look like product names: letters with digits (`Qwen3`, `o3-mini`,
//!   `K2`), CamelCase (`PixVerse`), capitalized words (`Vidu`), all-caps acronyms, joined with
//!   a following version or edition (`Vidu 2.0`, `Gen-3 Alpha`, `Sand AI`). Plain lower-case
//!   words, English phrases (`Model as a Service`) and the generic words of the stop list
//!   (`API`, `Agent`, `Scaling Law`) are not names.
//! - **Naming cues**: the words after 叫 / 叫做 / 名为 (`一家叫云岫科技的创业公司`), an
//!   organisation when `的公司` follows or the name ends like one (科技, 智能), else a product.
//! - **Part-of-speech tags**, only when the caller passes jieba's tags for the line: words
//!   tagged `nr`/`nrt`/`nrfg` (person), `nt` (organisation), `nz` (other proper noun ->
//!   product).
//!
//! Cost: one look at each char of the line (a table load) tells which signals it may hold; a
//! line without a Latin letter, a quote mark, or the first char of a naming cue or a title
//! (most lines) costs that and allocates nothing, and other lines run only the searches they
//! have a char for. Tagging is jieba's `tag` (slower than `cut`: it runs the POS
//! model on unknown words), so the finder never tags by itself: pass `tags` only for the lines
//! where it pays (say, lines with a fact trigger), or not at all.
//!
//! What is never a candidate: a name the catalogue has (by match key), a version of a model
//! family, a stop-list word, and (when the caller passes the spans it already recognized) a
//! span that overlaps one of them. Whether a word is an ordinary dictionary word is not
//! checked here (that needs jieba's dictionary): `suggest` does it when it aggregates.

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashSet;

use crate::dictionary::families::Families;
use crate::dictionary::{Catalogue, match_key};
use crate::error::{Error, Result};
use crate::model::MentionKind;
use crate::normalize::{BmpTable, is_cjk};

use super::cues::NameCues;

mod founding;

/// The stop list's file name under the dictionaries folder.
pub const STOPWORDS_FILE: &str = "suggest_stopwords.txt";

/// Which signal found a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    Title,
    Quote,
    Latin,
    Named,
    Pos,
    /// A person's name before a speech verb (`张三表示`).
    Speech,
    /// An organisation by the shape of its name (`云岫科技`, `杭州某某科技有限公司`).
    Suffix,
    /// A product's name after a product cue (`推出的X`, `模型X`).
    Cue,
}

impl Signal {
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Title => "title",
            Signal::Quote => "quote",
            Signal::Latin => "latin",
            Signal::Named => "named",
            Signal::Pos => "pos",
            Signal::Speech => "speech",
            Signal::Suffix => "suffix",
            Signal::Cue => "cue",
        }
    }
}

/// A name the catalogue lacks; `start`/`end` are chars of the normalized line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    /// `Company`, `Person` or `Product`.
    pub kind: MentionKind,
    /// The chars `start..end` of the normalized line.
    pub name: String,
    pub signal: Signal,
    /// A registered name (`…科技有限公司`) that may enclose catalogue names: they are parts
    /// of it, not mentions of their own.
    pub encloses: bool,
}

/// One line as the finder reads it.
#[derive(Clone, Copy)]
pub struct LineInput<'a> {
    /// The normalized line (`NormalizedLine::text`).
    pub text: &'a str,
    /// Ends (chars) of jieba's words over `text`, ascending.
    pub word_ends: &'a [usize],
    /// jieba's `tag` output for `text`, when the caller has it (enables the POS signal).
    pub tags: Option<&'a [jieba_rs::Tag<'a>]>,
    /// Char spans already recognized (catalogue names, family versions, values): a candidate
    /// overlapping one is dropped.
    pub taken: &'a [(usize, usize)],
    /// Tells an ordinary word (jieba's dictionary knows it well) from a name, when the
    /// caller has jieba: an organisation whose name is an ordinary word before its suffix
    /// (`至于汽车`, `影视工作室`) is not proposed.
    pub common: Option<&'a dyn Fn(&str) -> bool>,
    /// The catalogue names among `taken`, with their kinds: an edition after a product
    /// (`小米 17 Pro`) or a unit after a company (`某某大学多媒体实验室`) makes a longer name.
    pub named: &'a [(usize, usize, MentionKind)],
    /// The line before ended with a title (`另外两位联合创始人`): the names opening this line
    /// are the people it introduces.
    pub after_title: bool,
    /// The line before ended with an organisation noun (`一家合肥的公司`): a name a naming cue
    /// opening this line gives (`叫清源储能`) is that organisation's.
    pub after_org_noun: bool,
}

/// Words that are not names, compared by match key.
#[derive(Debug, Clone, Default)]
pub struct StopList {
    // Fx: looked up for every candidate the linker meets, and the keys are our own.
    keys: FxHashSet<String>,
}

impl StopList {
    /// One word a line; `#` starts a comment; blank lines are skipped.
    pub fn parse(text: &str) -> Self {
        let keys = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(match_key)
            .collect();
        StopList { keys }
    }

    /// `dir/suggest_stopwords.txt`; a missing file is an empty list.
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let path = dir.join(STOPWORDS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Self::parse(&text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Add words (the generic words of `dictionaries/names/generic.txt`).
    pub fn extend<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        self.keys.extend(words.into_iter().map(match_key));
    }

    pub fn contains(&self, name: &str) -> bool {
        self.contains_key(&match_key(name))
    }

    /// [`StopList::contains`] for a name's match key.
    fn contains_key(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

/// Common Chinese surnames (one and two characters): a Chinese name after a title starts
/// with one of them.
const SURNAMES: &str = "杭傅廉闻荆计封储郁钮王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪区冼";
const DOUBLE_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒",
    // Common Japanese family names, written in Chinese characters before a two-char given
    // name (日本籍厨师田中健一, 创始人山本雅人).
    "田中", "山本", "中村", "小林", "佐藤", "铃木", "高桥", "渡边", "伊藤", "山田", "松本", "井上",
    "木村", "吉田", "山口",
];

/// Chars a Chinese name never contains (function words that jieba may glue to a name).
const NOT_IN_NAME: &str = "的地得是在了和与也都就说着过把被让给从对向这那其他她它们我你吗呢吧啊";

/// Function chars jieba glues to a name's last char (`宋佳|宁都`, `黎明|远于`): a word ending
/// with one after a name's first word may still hold the name's last char.
const GLUED_AFTER_NAME: &str = "的地得是在了和与也都就说着过把被让给从对向于曾先将已又均从自到任";

/// Quote pairs.
const QUOTES: &[(char, char)] = &[
    ('“', '”'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
    ('‘', '’'),
    ('"', '"'),
];

/// What [`SignalChars::hints`] tells of a line: bits for the searches that may find
/// something in it.
const TITLE: u8 = 1;
const QUOTE: u8 = 2;
const LATIN: u8 = 4;
const NAMING: u8 = 8;
const SPEECH: u8 = 16;
const SUFFIX: u8 = 32;
const PRODUCT: u8 = 64;
const FOUNDING: u8 = 128;

/// The chars the signals start with: a title's first char, an opening quote mark, a naming
/// cue's first char, and ASCII letters (for Latin tokens): for every char of the Basic
/// Multilingual Plane the searches it may start, so each char of a line is one table load.
/// Chars past the BMP never start a cue of ours.
struct SignalChars(BmpTable<u8>);

impl SignalChars {
    fn new(cues: &NameCues) -> Self {
        let firsts = |words: &[String], hint: u8| -> Vec<(char, u8)> {
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| (c, hint))
                .collect()
        };
        let all: Vec<(char, u8)> = firsts(&cues.titles, TITLE)
            .into_iter()
            .chain(QUOTES.iter().map(|q| (q.0, QUOTE)))
            .chain(firsts(&cues.naming, NAMING))
            .chain(firsts(&cues.speech, SPEECH))
            .chain(firsts(&cues.org_suffixes, SUFFIX))
            .chain(firsts(&cues.product_cues, PRODUCT))
            .chain(firsts(&cues.founding_verbs, FOUNDING))
            .chain(firsts(&cues.founder_titles, FOUNDING))
            .chain(('A'..='Z').chain('a'..='z').map(|c| (c, LATIN)))
            .collect();
        let mut hints: Vec<(char, u8)> = Vec::new();
        for (c, hint) in all {
            match hints.iter_mut().find(|(h, _)| *h == c) {
                Some((_, bits)) => *bits |= hint,
                None => hints.push((c, hint)),
            }
        }
        hints.sort_unstable();
        let chars: Vec<char> = hints.iter().map(|h| h.0).collect();
        SignalChars(BmpTable::marking(&chars, |c| {
            let i = hints.partition_point(|h| h.0 < c);
            hints[i].1
        }))
    }

    /// The searches `chars` has a char for.
    fn hints(&self, chars: &[char]) -> u8 {
        chars
            .iter()
            .fold(0, |hints, &c| hints | self.0.get(c).unwrap_or(0))
    }
}

/// The searches that look for words of a closed class: each finds nothing in a line that
/// holds none of its words.
const WORD_SEARCHES: u8 = TITLE | NAMING | SPEECH | SUFFIX | PRODUCT | FOUNDING;

/// Every cue word of the searches in [`WORD_SEARCHES`], by first char, with the searches each
/// belongs to: which searches have a whole word of theirs in a line, not only its first char
/// (a line with 总 or 合 holds no 总裁 or 合伙人 in most cases; about one line in ten that has
/// a cue's first char has the cue). Only the chars [`SignalChars`] marks are looked at, and
/// there only the words starting with that char.
struct CueWords {
    /// (first char, the word's chars, its searches' bits), sorted by first char.
    words: Vec<(char, Box<[char]>, u8)>,
}

impl CueWords {
    fn new(cues: &NameCues) -> Self {
        let mut words: Vec<(char, Box<[char]>, u8)> = Vec::new();
        let classes: [(&[String], u8); 7] = [
            (&cues.titles, TITLE),
            (&cues.naming, NAMING),
            (&cues.speech, SPEECH),
            (&cues.org_suffixes, SUFFIX),
            (&cues.product_cues, PRODUCT),
            (&cues.founding_verbs, FOUNDING),
            (&cues.founder_titles, FOUNDING),
        ];
        for (list, bit) in classes {
            for w in list {
                let chars: Box<[char]> = w.chars().collect();
                let Some(&first) = chars.first() else {
                    continue;
                };
                match words.iter_mut().find(|x| x.1 == chars) {
                    Some(x) => x.2 |= bit,
                    None => words.push((first, chars, bit)),
                }
            }
        }
        words.sort_by_key(|w| w.0);
        CueWords { words }
    }

    /// The searches with a word of theirs in `chars` (overlapping words each count), looking
    /// only where `marks` says a cue word may start.
    fn hints(&self, chars: &[char], marks: &SignalChars) -> u8 {
        let mut hints = 0;
        for (i, &c) in chars.iter().enumerate() {
            if marks.0.get(c).unwrap_or(0) & WORD_SEARCHES == 0 {
                continue;
            }
            let from = self.words.partition_point(|w| w.0 < c);
            for (_, word, bits) in self.words[from..].iter().take_while(|w| w.0 == c) {
                if chars[i..].starts_with(word) {
                    hints |= bits;
                }
            }
        }
        hints
    }
}

/// What [`CueChars`] tells of a char: which cue words may end or start with it.
const SUFFIX_LAST: u8 = 1;
const FIRM_WORD_FIRST: u8 = 2;
const SPEECH_FIRST: u8 = 4;
const TITLE_LAST: u8 = 8;
const FOUNDER_TITLE_LAST: u8 = 16;

/// For every char of the BMP, the cue words that may end or start with it (bits above): the
/// searches ask it before building a word to look up or comparing a word with each cue in
/// turn, so a word no cue can be costs one table load. Past the BMP the answer is "maybe".
struct CueChars(BmpTable<u8>);

impl CueChars {
    fn new(cues: &NameCues) -> Self {
        let lasts = |words: &[String], bit: u8| -> Vec<(char, u8)> {
            words
                .iter()
                .filter_map(|w| w.chars().next_back())
                .map(|c| (c, bit))
                .collect()
        };
        let firsts = |words: &[String], bit: u8| -> Vec<(char, u8)> {
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| (c, bit))
                .collect()
        };
        let mut all: Vec<(char, u8)> = lasts(&cues.org_suffixes, SUFFIX_LAST)
            .into_iter()
            .chain(firsts(&cues.org_suffixes, FIRM_WORD_FIRST))
            .chain(firsts(&cues.org_nouns, FIRM_WORD_FIRST))
            .chain(firsts(&cues.speech, SPEECH_FIRST))
            .chain(lasts(&cues.titles, TITLE_LAST))
            .chain(lasts(&cues.founder_titles, FOUNDER_TITLE_LAST))
            .collect();
        all.sort_unstable();
        let chars: Vec<char> = all.iter().map(|h| h.0).collect();
        CueChars(BmpTable::marking(&chars, |c| {
            let i = all.partition_point(|h| h.0 < c);
            all[i..]
                .iter()
                .take_while(|h| h.0 == c)
                .fold(0, |bits, h| bits | h.1)
        }))
    }

    /// May a cue word of kind `bit` end (or start) with `c`?
    #[inline]
    fn may(&self, c: char, bit: u8) -> bool {
        self.0.get(c).is_none_or(|bits| bits & bit != 0)
    }
}

/// The per-line candidate finder: built once, shared by reference across threads.
pub struct CandidateFinder {
    /// Match keys of every catalogue name.
    known: FxHashSet<String>,
    families: Families,
    stop: StopList,
    titles: AhoCorasick,
    /// Organisation suffixes and product cues, each a whole jieba word.
    org_suffixes: FxHashSet<String>,
    /// The cue words of the searches that look for words: a line holding none of a
    /// search's words skips it (the suffixes' first chars, 大 or 科, are in most lines; whole
    /// suffixes are rare).
    cue_words: CueWords,
    legal_suffixes: Vec<String>,
    place_suffixes: FxHashSet<String>,
    unit_suffixes: FxHashSet<String>,
    place_nouns: Vec<String>,
    product_cues: FxHashSet<String>,
    org_words: Vec<String>,
    org_nouns: Vec<String>,
    person_nouns: Vec<String>,
    naming: Vec<String>,
    not_naming: Vec<String>,
    editions: Vec<String>,
    places: FxHashSet<String>,
    /// Founding verbs, then founder titles ([`founding`]); patterns from
    /// `founding_verbs` on are titles.
    founding: AhoCorasick,
    founding_verbs: usize,
    /// The speech verbs as chars, compared with a line's words.
    speech_chars: Vec<Vec<char>>,
    /// Which chars may end an organisation suffix, start one or an organisation noun, start
    /// a speech verb, or end a title or a founder title (a line ending in none ends with no
    /// title).
    cue_chars: CueChars,
    /// The chars each signal needs: one look at each char of a line tells which searches
    /// can find anything in it.
    signal_chars: SignalChars,
    /// Greetings and the words for the audience after one ([`CandidateFinder::is_greeting`]).
    greetings: Vec<Vec<char>>,
    audience: Vec<Vec<char>>,
    /// Release verbs before a kind of thing and a model's name ([`find_model_after_kind`]).
    release_verbs: Vec<String>,
}

impl CandidateFinder {
    /// A finder for the names `catalogue` and `families` lack, by the cues of `cues`; the
    /// stop list and the generic words of `cues` are never names.
    pub fn new(
        catalogue: &Catalogue,
        families: &Families,
        mut stop: StopList,
        cues: &NameCues,
    ) -> Self {
        let titles = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&cues.titles)
            .expect("titles build an automaton");
        let signal_chars = SignalChars::new(cues);
        let founding = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(cues.founding_verbs.iter().chain(&cues.founder_titles))
            .expect("founding cues build an automaton");
        let cue_words = CueWords::new(cues);
        stop.extend(cues.generic.iter().map(String::as_str));
        let set = |words: &[String]| words.iter().cloned().collect::<FxHashSet<String>>();
        // The longest naming cue first: 叫做 before 叫.
        let mut naming = cues.naming.clone();
        naming.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        CandidateFinder {
            known: catalogue.keys().map(|(k, _)| k.to_string()).collect(),
            families: families.clone(),
            stop,
            titles,
            org_suffixes: set(&cues.org_suffixes),
            cue_words,
            legal_suffixes: cues.legal_suffixes.clone(),
            place_suffixes: set(&cues.place_suffixes),
            unit_suffixes: set(&cues.unit_suffixes),
            place_nouns: cues.place_nouns.clone(),
            product_cues: set(&cues.product_cues),
            org_words: cues.org_words.clone(),
            org_nouns: cues.org_nouns.clone(),
            person_nouns: cues.person_nouns.clone(),
            naming,
            not_naming: cues.not_naming.clone(),
            editions: cues
                .editions
                .iter()
                .map(|w| w.to_ascii_lowercase())
                .collect(),
            places: set(&cues.places),
            founding,
            founding_verbs: cues.founding_verbs.len(),
            speech_chars: cues.speech.iter().map(|v| v.chars().collect()).collect(),
            cue_chars: CueChars::new(cues),
            signal_chars,
            greetings: cues.greetings.iter().map(|w| w.chars().collect()).collect(),
            audience: cues.audience.iter().map(|w| w.chars().collect()).collect(),
            release_verbs: cues.release_verbs.clone(),
        }
    }

    /// Is the name at `chars[start..end]` a greeting (`哈啰大家好`, `哈喽 各位`, `嗨，朋友们`):
    /// a greeting word, then (past spaces and a comma or an exclamation) a word for the
    /// audience? A greeting is never a name, even one the catalogue has (哈啰 the company).
    pub fn is_greeting(&self, chars: &[char], start: usize, end: usize) -> bool {
        let name = &chars[start..end];
        let lower = |c: &char| c.to_ascii_lowercase();
        if !self
            .greetings
            .iter()
            .any(|g| g.len() == name.len() && g.iter().map(lower).eq(name.iter().map(lower)))
        {
            return false;
        }
        let rest = chars[end..]
            .iter()
            .position(|&c| !(c.is_whitespace() || "，,！!、~～".contains(c)))
            .map_or(&[][..], |p| &chars[end + p..]);
        self.audience.iter().any(|a| rest.starts_with(a))
    }

    /// The cores of a registered name, longest first: without the place name it opens with
    /// (`深圳市`), then without each organisation suffix it ends with in turn
    /// (`深圳市云岫科技有限公司` -> `云岫科技有限公司`, `云岫科技`, `云岫`).
    pub fn registered_cores<'n>(&self, name: &'n str) -> Vec<&'n str> {
        let mut core = name;
        if let Some(place) = self
            .places
            .iter()
            .filter(|p| name.starts_with(p.as_str()))
            .max_by_key(|p| p.len())
        {
            core = &name[place.len()..];
            core = core.strip_prefix(['市', '省', '区']).unwrap_or(core);
        }
        let mut out = vec![core];
        while let Some(shorter) = self
            .org_suffixes
            .iter()
            .filter_map(|s| core.strip_suffix(s.as_str()))
            .filter(|c| c.chars().count() >= 2)
            .min_by_key(|c| c.len())
        {
            core = shorter;
            out.push(core);
        }
        out
    }

    /// True when `name` ends with a legal suffix (a registered name: its cores may be a
    /// catalogue company's).
    pub fn is_registered(&self, name: &str) -> bool {
        self.legal_suffixes
            .iter()
            .any(|l| name.ends_with(l.as_str()))
    }

    /// Does `text` end with a title (`另外两位联合创始人`)? The names opening the next line are
    /// then the people it introduces ([`LineInput::after_title`]).
    pub fn ends_with_title(&self, text: &str) -> bool {
        let text = text
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '：' | ':'));
        // Most lines end with no title char at all: one look at the last char first.
        let Some(last) = text.chars().next_back() else {
            return false;
        };
        self.cue_chars.may(last, TITLE_LAST)
            && self.titles.find_iter(text).any(|m| m.end() == text.len())
    }

    /// Does `text` end with an organisation noun (`主角是一家合肥的公司`)? A naming cue opening
    /// the next line then names that organisation ([`LineInput::after_org_noun`]).
    pub fn ends_with_org_noun(&self, text: &str) -> bool {
        let text = text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '，' | ',' | '：' | ':' | '。')
        });
        self.org_nouns.iter().any(|n| text.ends_with(n.as_str()))
    }

    /// True when `name` ends like an organisation (科技, 资本, …).
    fn ends_like_org(&self, name: &str) -> bool {
        self.org_suffixes.iter().any(|x| name.ends_with(x.as_str()))
    }

    /// True when `name` is neither in the catalogue, nor a family version, nor a stop word.
    pub fn is_new_name(&self, name: &str) -> bool {
        let key = match_key(name);
        !key.is_empty()
            && !self.known.contains(&key)
            && !self.stop.contains_key(&key)
            && self.families.classify(name).is_none()
    }

    /// Every candidate of one line into `out` (cleared first), ordered by start. Of
    /// overlapping candidates the first signal wins (titles, quotes, Latin, tags).
    pub fn find(&self, line: &LineInput, out: &mut Vec<Candidate>) {
        thread_local! {
            static CHARS: std::cell::RefCell<Vec<char>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        CHARS.with_borrow_mut(|chars| {
            chars.clear();
            chars.extend(line.text.chars());
            self.find_chars(line, chars, out);
        });
    }

    /// [`CandidateFinder::find`] for a caller that has the line's chars already (the
    /// linker: this runs on every line); `chars` are those of `line.text`.
    pub fn find_chars(&self, line: &LineInput, chars: &[char], out: &mut Vec<Candidate>) {
        self.find_chars_after(line, chars, false, out);
    }

    /// [`CandidateFinder::find_chars`] for a line after one that ended with a founder title
    /// (`另外两位联合创始人` / `张钰勃和周苑`) when `founders_open` is set: the names opening
    /// the line are people.
    pub fn find_chars_after(
        &self,
        line: &LineInput,
        chars: &[char],
        founders_open: bool,
        out: &mut Vec<Candidate>,
    ) {
        out.clear();
        if founders_open {
            self.founders_opening(line, chars, out);
        }
        // Most lines hold no char a signal needs: they stop here, having allocated nothing.
        // Quote marks and Latin letters by the line's chars; the searches for words by the
        // words the line holds, asked only when it has a first char of one.
        let char_hints = self.signal_chars.hints(chars);
        let hints = char_hints & !WORD_SEARCHES
            | if char_hints & WORD_SEARCHES != 0 {
                self.cue_words.hints(chars, &self.signal_chars)
            } else {
                0
            };
        // A model's name after a kind (asked only of a line with a space and a 号).
        if chars.contains(&' ') && chars.contains(&'号') {
            find_model_after_kind(&self.release_verbs, chars, line.word_ends, out);
        }
        if hints == 0
            && line.tags.is_none()
            && !line.after_title
            && !line.after_org_noun
            && out.is_empty()
        {
            return;
        }
        // Each search runs only when the line has a char it needs (it would find nothing
        // otherwise), in signal order. Names around a founding verb or a founder title come
        // first: their context says where they start and end.
        if hints & FOUNDING != 0 {
            self.find_founding(line, chars, out);
        }
        if hints & LATIN != 0 && !line.named.is_empty() {
            self.find_editions(chars, line.named, out);
        }
        if hints & TITLE != 0 {
            self.find_titles(line, chars, out);
        }
        if line.after_title {
            find_people_from(chars, 0, line.word_ends, line.common, out);
        }
        if hints & SUFFIX != 0 {
            self.find_suffixed(chars, line, out);
        }
        if hints & QUOTE != 0 {
            self.find_quotes(chars, line.word_ends, line.common, out);
        }
        if hints & SPEECH != 0 {
            self.find_speakers(chars, line.word_ends, out);
        }
        if hints & LATIN != 0 {
            self.find_latin(chars, out);
        }
        if hints & NAMING != 0 {
            self.find_named(chars, line.word_ends, line.after_org_noun, out);
        }
        if hints & PRODUCT != 0 {
            self.find_after_product_cue(chars, line.word_ends, line.common, out);
        }

        if let Some(tags) = line.tags {
            find_tagged(chars, tags, out);
        }
        if line.after_org_noun && out.is_empty() {
            self.find_bare_name(line, chars, out);
        }
        // Keep, in place and in signal order, each candidate that overlaps neither a taken
        // span nor a kept candidate and is a new name; only those get their name built
        // (most Latin tokens are catalogue names, taken already).
        let mut kept = 0;
        for i in 0..out.len() {
            let (start, end) = (out[i].start, out[i].end);
            let overlaps = |s: usize, e: usize| start < e && s < end;
            // A registered name may hold catalogue names whole (`珠海某某未来科技有限公司`).
            let enclosed = |s: usize, e: usize| out[i].encloses && start <= s && e <= end;
            if line
                .taken
                .iter()
                .any(|&(s, e)| overlaps(s, e) && !enclosed(s, e))
                || out[..kept].iter().any(|k| overlaps(k.start, k.end))
            {
                continue;
            }
            let name: String = chars[start..end].iter().collect();
            if !self.is_new_name(&name) {
                continue;
            }
            out[i].name = name;
            out.swap(kept, i);
            kept += 1;
        }
        out.truncate(kept);
        out.sort_by_key(|c| (c.start, c.end));
    }

    fn find_titles(&self, line: &LineInput, chars: &[char], out: &mut Vec<Candidate>) {
        for m in self.titles.find_iter(line.text) {
            // Byte offsets to chars.
            let start = line.text[..m.start()].chars().count();
            let end = start + line.text[m.start()..m.end()].chars().count();
            // A Latin title inside a Latin word (`CEOs`, `XCTO`) is not one.
            if chars[start].is_ascii_alphabetic()
                && (start > 0 && chars[start - 1].is_ascii_alphanumeric()
                    || end < chars.len() && chars[end].is_ascii_alphabetic())
            {
                continue;
            }
            find_people_from(chars, end, line.word_ends, line.common, out);
            // X的首任总经理, X的现任董事长: which holder of the title, the name before 的 is
            // still the organisation's.
            let mut start = start;
            if let Some(n) = ["首任", "前任", "现任", "第一任", "时任"]
                .iter()
                .find_map(|m| {
                    let n = m.chars().count();
                    (start > n && starts_with(&chars[start - n..], m)).then_some(n)
                })
            {
                start -= n;
            }
            if start > 0
                && chars[start - 1] == '的'
                && let Some((s, e)) = self.word_before(chars, start - 1, line.word_ends)
                && !line.taken.iter().any(|t| t.1 == s)
                && !self.ordinary_before_title(line, &chars[s..e])
            {
                // `凌云器材公司的总经理`: a name ending in an organisation noun reaches back
                // to the start of its clause (the noun alone is a reference).
                let noun = self
                    .org_nouns
                    .iter()
                    .any(|n| chars[s..e].iter().copied().eq(n.chars()));
                let from = chars[..s]
                    .iter()
                    .rposition(|&c| "，,。；;：:！？!? ".contains(c))
                    .map_or(0, |p| p + 1);
                let whole = &chars[from..e];
                if noun
                    && (4..=12).contains(&whole.len())
                    && whole.iter().all(|&c| is_cjk(c))
                    && !whole.iter().any(|&c| NOT_IN_NAME.contains(c))
                    && !line.taken.iter().any(|t| t.0 < e && from < t.1)
                {
                    out.push(candidate(from, e, MentionKind::Company, Signal::Title));
                } else {
                    out.push(candidate(s, e, MentionKind::Company, Signal::Title));
                }
            }
        }
    }
}

/// A candidate without its name: `find` fills it in for the candidates it keeps.
fn candidate(start: usize, end: usize, kind: MentionKind, signal: Signal) -> Candidate {
    Candidate {
        start,
        end,
        kind,
        name: String::new(),
        signal,
        encloses: false,
    }
}

/// Chars that join two names (`张三和李四`, `张三、李四`).
const NAME_JOINERS: &str = "和与及、跟";

/// The people named from `at` on: the name right after a title (or opening the line after a
/// title that ended its line), then each name joined to it (`创始人张三和李四`, `联合创始人 /
/// 张三、李四`).
fn find_people_from(
    chars: &[char],
    at: usize,
    word_ends: &[usize],
    common: Common,
    out: &mut Vec<Candidate>,
) {
    let mut at = at;
    for _ in 0..4 {
        let Some((s, e)) = person_after(chars, at, word_ends, common) else {
            break;
        };
        out.push(candidate(s, e, MentionKind::Person, Signal::Title));
        let mut j = e;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        if j < chars.len() && NAME_JOINERS.contains(chars[j]) {
            at = j + 1;
        } else {
            break;
        }
    }
}

/// [`SURNAMES`] as a table: asked of every char of a founding clause, where a search through
/// the string's 1,500 bytes each time showed in the profile.
static SURNAME_CHARS: std::sync::LazyLock<BmpTable<bool>> = std::sync::LazyLock::new(|| {
    let mut chars: Vec<char> = SURNAMES.chars().collect();
    chars.sort_unstable();
    BmpTable::marking(&chars, |_| true)
});

fn is_surname(c: char) -> bool {
    SURNAME_CHARS.get(c).unwrap_or_else(|| SURNAMES.contains(c))
}

fn is_surname_at(chars: &[char], i: usize) -> bool {
    is_surname(chars[i]) || DOUBLE_SURNAMES.iter().any(|d| starts_with(&chars[i..], d))
}

/// The person's name right after a title ending at `at` (spaces and `兼` skipped): a Chinese
/// name of 2-4 chars starting with a surname, cut on jieba's word ends, or 1-3 capitalized
/// Latin words.
/// jieba's judgement of a word as an ordinary one, where the caller has it.
type Common<'c> = Option<&'c dyn Fn(&str) -> bool>;

fn person_after(
    chars: &[char],
    at: usize,
    word_ends: &[usize],
    common: Common,
) -> Option<(usize, usize)> {
    let mut i = at;
    // `CEO 是X`, `创始人叫X`, `首席执行官的X` (a title describing the name after it).
    while i < chars.len() && matches!(chars[i], ' ' | '是' | '叫' | '的') {
        i += 1;
    }
    let first = *chars.get(i)?;
    if is_cjk(first) {
        // 和 and 于 are surnames too, but after a title they join (`董事长和总经理`).
        if !is_surname_at(chars, i) || NOT_IN_NAME.contains(first) {
            return None;
        }
        // The longest run of jieba words from i that stays within 4 chars, at least 2.
        let mut end = None;
        let mut prev = i;
        let double = DOUBLE_SURNAMES.iter().any(|d| starts_with(&chars[i..], d));
        for &e in word_ends.iter().filter(|&&e| e > i) {
            if e - i > 4 || !chars[i..e].iter().all(|&c| is_cjk(c)) {
                // jieba glued the name to the verb after it (`霍思远拉上`, one word of five
                // chars): a surname and a two-char given name.
                if prev == i && e - i > 4 && chars[i..e].iter().all(|&c| is_cjk(c)) {
                    end = Some(i + if double { 4 } else { 3 });
                }
                break;
            }
            // An ordinary word of two chars or more after a first word that is a surname
            // and given name already (`唐敏|携手`, `王芳|一手`) is the verb after the name, not
            // more of it (`郑国|梁出|生` is jieba's cut of 郑国梁); after a two-char surname
            // (`欧阳|娜娜`, `田中|健一`) it is the given name.
            if prev - i >= 2
                && e - prev >= 2
                && !GLUED_AFTER_NAME.contains(chars[e - 1])
                && common.is_some_and(|f| f(&chars[prev..e].iter().collect::<String>()))
                && !DOUBLE_SURNAMES
                    .iter()
                    .any(|d| starts_with(&chars[i..prev], d) && d.chars().count() == prev - i)
            {
                break;
            }
            prev = e;
            end = Some(e);
            // A two-char surname takes a two-char given name (田中健一, 欧阳娜娜).
            if e - i >= if double { 4 } else { 3 } {
                break;
            }
        }
        let mut end = end?;
        if end - i < 2 {
            // jieba cut the name into single chars: take up to three.
            end = (i + 3).min(chars.len());
            while end > i && !chars[i..end].iter().all(|&c| is_cjk(c)) {
                end -= 1;
            }
        }
        // A single surname takes at most a two-char given name: a fourth char is jieba's
        // cut of the word after (`郑国|梁出|生于`: 郑国梁).
        if end - i > 3 && !double {
            end = i + 3;
        }
        // Trailing function chars jieba glued on (`杨植麟说`) are not part of the name.
        while end > i + 2 && NOT_IN_NAME.contains(chars[end - 1]) {
            end -= 1;
        }
        if end - i < 2 || chars[i + 1..end].iter().any(|&c| NOT_IN_NAME.contains(c)) {
            return None;
        }
        return Some((i, end));
    }
    if first.is_ascii_uppercase() {
        let mut end = i;
        let mut words = 0;
        let mut j = i;
        while words < 3 && j < chars.len() && chars[j].is_ascii_uppercase() {
            let mut k = j;
            while k < chars.len() && (chars[k].is_ascii_alphabetic() || chars[k] == '\'') {
                k += 1;
            }
            // Acronyms are titles or companies, not people.
            if chars[j..k].iter().all(|c| c.is_ascii_uppercase()) {
                break;
            }
            end = k;
            words += 1;
            j = k;
            if j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
        }
        return (end > i).then_some((i, end));
    }
    None
}

/// The jieba word ending at `end` when it is a plausible organisation name: 2-8 Chinese chars
/// or a Latin token. A word like 科技 or 智能 takes the words before it until the name has at
/// least two more chars (`云|岫|科技` -> 云岫科技).
impl CandidateFinder {
    /// Is the Latin token `word` an edition word (Pro, Max, Air, mini)?
    fn is_edition(&self, word: &[char]) -> bool {
        self.editions.iter().any(|w| {
            w.len() == word.len()
                && word
                    .iter()
                    .zip(w.chars())
                    .all(|(c, w)| c.to_ascii_lowercase() == w)
        })
    }

    /// A catalogue product followed by edition words (`小米 17 Pro`, `小米 17 Pro Max`, `某车
    /// L7 Air`): one name, a product of its own that holds the catalogue one.
    fn find_editions(
        &self,
        chars: &[char],
        named: &[(usize, usize, MentionKind)],
        out: &mut Vec<Candidate>,
    ) {
        for &(s, e, kind) in named {
            if kind != MentionKind::Product || e == 0 {
                continue;
            }
            let mut end = e;
            loop {
                let mut j = end;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                // A Latin word of its own: after a space, or after a product ending in CJK.
                if j >= chars.len()
                    || !chars[j].is_ascii_alphabetic()
                    || (j == end && chars[end - 1].is_ascii_alphanumeric())
                {
                    break;
                }
                let k = latin_token(chars, j);
                if !self.is_edition(&chars[j..k]) {
                    break;
                }
                end = k;
            }
            if end > e {
                let mut c = candidate(s, end, MentionKind::Product, Signal::Latin);
                c.encloses = true;
                out.push(c);
            }
        }
    }

    fn word_before(
        &self,
        chars: &[char],
        end: usize,
        word_ends: &[usize],
    ) -> Option<(usize, usize)> {
        let at = word_ends.binary_search(&end).ok()?;
        let word_start = |i: usize| if i == 0 { 0 } else { word_ends[i - 1] };
        let mut start = word_start(at);
        let word: String = chars[start..end].iter().collect();
        if self.org_suffixes.contains(&word) {
            let suffix_start = start;
            let mut i = at;
            while i > 0 && suffix_start - start < 2 {
                let s = word_start(i - 1);
                let piece = &chars[s..start];
                if suffix_start - s > 4
                    || !piece.iter().all(|&c| is_cjk(c))
                    || piece.iter().any(|&c| NOT_IN_NAME.contains(c))
                {
                    break;
                }
                start = s;
                i -= 1;
            }
        }
        let word = &chars[start..end];
        let ok = (word.len() >= 2 && word.len() <= 8 && word.iter().all(|&c| is_cjk(c)))
            || (word.len() >= 2 && word.iter().all(|c| c.is_ascii_alphanumeric()));
        (ok && !word.iter().any(|&c| NOT_IN_NAME.contains(c))).then_some((start, end))
    }

    /// The name after a naming cue at the start of a jieba word: the rest of that word (jieba's
    /// HMM glues an unknown name to the cue: `叫云|岫|科技`) and the words that follow, up to `的`
    /// or a function word, 2-8 chars. An organisation when `的公司` (or the like) follows, the
    /// name ends like one, or the cue opens a line after one ending in an organisation noun
    /// (`after_org_noun`); a person when the word before the cue is a person noun (这个人叫X)
    /// and the name reads like a Chinese one (a surname, 2-3 chars); a product otherwise.
    fn find_named(
        &self,
        chars: &[char],
        word_ends: &[usize],
        after_org_noun: bool,
        out: &mut Vec<Candidate>,
    ) {
        let mut start = 0;
        for (w, &end) in word_ends.iter().enumerate() {
            let word_start = start;
            start = end;
            // Every word of the line is looked at: compare chars, build no string.
            let word = &chars[word_start..end];
            let Some(cue) = self.naming.iter().find(|c| starts_with(word, c)) else {
                continue;
            };
            if self
                .not_naming
                .iter()
                .any(|n| word.iter().copied().eq(n.chars()))
            {
                continue;
            }
            let from = word_start + cue.chars().count();
            let mut name_end = from;
            let pieces = std::iter::once(end).chain(word_ends[w + 1..].iter().copied());
            for e in pieces.filter(|&e| e > from) {
                let piece = &chars[name_end..e];
                let fits = piece
                    .iter()
                    .all(|&c| is_cjk(c) || c.is_ascii_alphanumeric() || c == ' ')
                    && !piece.iter().any(|&c| NOT_IN_NAME.contains(c));
                if !fits || e - from > 8 {
                    break;
                }
                name_end = e;
            }
            let (s, e) = trim_span(chars, from, name_end);
            if e < s + 2 {
                continue;
            }
            let name: String = chars[s..e].iter().collect();
            let after: String = chars[e..chars.len().min(e + 5)].iter().collect();
            // 一家机构叫X, 这家公司名为X: the noun before the cue says what X is.
            let mut b = word_start;
            while b > 0 && chars[b - 1] == ' ' {
                b -= 1;
            }
            // 总部叫X, 园区名字叫X: a place's name, neither firm nor product.
            let mut p = b;
            if p >= 2 && chars[p - 2..p] == ['名', '字'] {
                p -= 2;
            }
            while p > 0 && chars[p - 1] == ' ' {
                p -= 1;
            }
            if self.place_nouns.iter().any(|n| {
                let n_len = n.chars().count();
                p >= n_len && starts_with(&chars[p - n_len..p], n)
            }) {
                continue;
            }
            let noun_before = self.org_nouns.iter().any(|n| {
                b >= n.chars().count() && starts_with(&chars[b - n.chars().count()..b], n)
            });
            // The jieba word right before the cue: 人 of 这个人叫X, but not of 机器人叫X.
            let person_noun = w > 0 && {
                let prev_start = if w >= 2 { word_ends[w - 2] } else { 0 };
                let prev = &chars[prev_start..word_ends[w - 1]];
                self.person_nouns
                    .iter()
                    .any(|n| prev.iter().copied().eq(n.chars()))
            };
            if person_noun
                && (2..=3).contains(&(e - s))
                && is_surname_at(chars, s)
                && chars[s..e].iter().all(|&c| is_cjk(c))
            {
                out.push(candidate(s, e, MentionKind::Person, Signal::Named));
                continue;
            }
            let org = self.ends_like_org(&name)
                || noun_before
                || (after_org_noun && p == 0)
                || after.strip_prefix('的').is_some_and(|rest| {
                    self.org_nouns.iter().any(|n| rest.starts_with(n.as_str()))
                });
            let kind = if org {
                MentionKind::Company
            } else {
                MentionKind::Product
            };
            out.push(candidate(s, e, kind, Signal::Named));
        }
    }

    /// A line that is nothing but a name, right after a line that ended with an organisation
    /// noun (`今天讲一家做电动车的公司 / 迅驰汽车`, `说的是一间香港的券商 / 富途证券`): that
    /// organisation's name. 2-8 Chinese chars, no function char, neither the whole nor its
    /// first word an ordinary word (`非常有意思`, `很多人都听过` are no names).
    fn find_bare_name(&self, line: &LineInput, chars: &[char], out: &mut Vec<Candidate>) {
        let (s, e) = trim_span(chars, 0, chars.len());
        let name = &chars[s..e];
        if !(2..=8).contains(&name.len())
            || !name.iter().all(|&c| is_cjk(c))
            || name.iter().any(|&c| NOT_IN_NAME.contains(c))
            || line.taken.iter().any(|&(a, b)| a < e && s < b)
        {
            return;
        }
        let Some(common) = line.common else {
            return;
        };
        let first_end = line
            .word_ends
            .iter()
            .copied()
            .find(|&x| x > s)
            .unwrap_or(e)
            .clamp(s + 2, e);
        let head: String = chars[s..first_end].iter().collect();
        let whole: String = name.iter().collect();
        if common(&head) || common(&whole) || self.stop.contains(&whole) {
            return;
        }
        out.push(candidate(s, e, MentionKind::Company, Signal::Named));
    }

    fn find_quotes(
        &self,
        chars: &[char],
        word_ends: &[usize],
        common: Option<&dyn Fn(&str) -> bool>,
        out: &mut Vec<Candidate>,
    ) {
        let mut i = 0;
        while i < chars.len() {
            let Some(&(_, close)) = QUOTES.iter().find(|(open, _)| *open == chars[i]) else {
                i += 1;
                continue;
            };
            let Some(len) = chars[i + 1..].iter().position(|&c| c == close) else {
                i += 1;
                continue;
            };
            let (s, e) = trim_span(chars, i + 1, i + 1 + len);
            let inner = &chars[s..e];
            let cjk = inner.iter().filter(|c| is_cjk(**c)).count();
            // A quoted slogan or sentence (“让机器像人一样思考”) is not a name.
            // A quoted word of one char (“快”) or a quoted phrase of four Chinese chars or more
            // that opens with an ordinary word (“通往 AGI 之路”) is not a name.
            let plausible = e > s + 1
                && !(cjk >= 4 && starts_with_common(chars, s, word_ends, common))
                && inner.len() <= 24
                && cjk <= 6
                && !inner.iter().any(|c| "的是了让把被在".contains(*c))
                && inner.iter().any(|c| is_cjk(*c) || c.is_ascii_alphabetic())
                && !inner
                    .iter()
                    .any(|c| "，。！？；：,;!?、".contains(*c) || QUOTES.iter().any(|q| q.0 == *c));
            if plausible {
                let name: String = inner.iter().collect();
                // `“X”的工作室`, `“X”是一家…`: what follows says X is an organisation (一家
                // counts firms and shops; a product is 一款).
                let after = &chars[(i + len + 2).min(chars.len())..];
                let described_org = after
                    .strip_prefix(&['的'][..])
                    .is_some_and(|rest| self.org_nouns.iter().any(|n| starts_with(rest, n)))
                    || starts_with(after, "是一家")
                    || starts_with(after, "是一所");
                let kind = if described_org || self.ends_like_org(&name) {
                    MentionKind::Company
                } else {
                    MentionKind::Product
                };
                out.push(candidate(s, e, kind, Signal::Quote));
            }
            i += len + 2;
        }
    }

    fn find_latin(&self, chars: &[char], out: &mut Vec<Candidate>) {
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !c.is_ascii_alphanumeric() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
                i += 1;
                continue;
            }
            if let Some(end) = english_phrase(chars, i) {
                i = end;
                continue;
            }
            let mut end = latin_token(chars, i);
            let token = &chars[i..end];
            // A short acronym (SUV, IP, MV) is a word, not a name, unless an organisation word
            // follows; a Latin token before 轮 is a funding round (A1 轮).
            let acronym = token.len() <= 3 && token.iter().all(char::is_ascii_uppercase);
            // `A1+ 轮`: the plus belongs to the round's name.
            let next_char = chars[end..].iter().find(|c| **c != ' ' && **c != '+');
            if !is_name_like(token) || next_char == Some(&'轮') || next_char == Some(&'輪') {
                i = end;
                continue;
            }
            let mut kind = MentionKind::Product;
            // Join what follows after one space: an edition word, a version, an organisation
            // word, or another capitalized name word.
            loop {
                if end + 1 >= chars.len()
                    || chars[end] != ' '
                    || !chars[end + 1].is_ascii_alphanumeric()
                {
                    break;
                }
                let next_end = latin_token(chars, end + 1);
                // A Latin token: ASCII only, so chars compare like bytes.
                let next = &chars[end + 1..next_end];
                let version = next[0].is_ascii_digit()
                    || (matches!(next[0], 'v' | 'V')
                        && next.get(1).is_some_and(char::is_ascii_digit));
                let edition = self.is_edition(next);
                if self
                    .org_words
                    .iter()
                    .any(|w| next.iter().copied().eq(w.trim_end_matches('.').chars()))
                {
                    kind = MentionKind::Company;
                } else if !(version || edition || next[0].is_ascii_uppercase() && next.len() >= 2) {
                    break;
                }
                end = next_end;
            }
            // An organisation word within the next 3 chars, after any spaces (`Sand AI 公司`).
            let rest = &chars[end..chars.len().min(end + 5)];
            let rest = &rest[rest.iter().take_while(|c| c.is_whitespace()).count()..];
            // `Sand AI 公司`, `Haiper 这家公司`, `Quill 这家很有名的基金`: 这家 counts firms.
            let this_firm =
                rest.starts_with(&['这', '家'][..]) || rest.starts_with(&['這', '家'][..]);
            if this_firm
                || rest
                    .first()
                    .is_some_and(|&c| self.cue_chars.may(c, FIRM_WORD_FIRST))
                    && self
                        .org_suffixes
                        .iter()
                        .chain(&self.org_nouns)
                        .any(|s| starts_with(rest, s))
            {
                kind = MentionKind::Company;
            }
            if acronym && kind != MentionKind::Company {
                i = end;
                continue;
            }
            out.push(candidate(i, end, kind, Signal::Latin));
            i = end;
        }
    }

    /// Organisations by the shape of their names: a run of organisation suffixes (科技,
    /// 有限公司, stacked: 科技有限公司) that ends a jieba word, after a body of two or more
    /// chars (whole jieba words, at most four chars). A place name right before the body is
    /// part of the name (杭州云岫科技); a registered name (ending in a legal suffix) reaches
    /// back to a place name up to eight chars before its body, and may hold catalogue names.
    fn find_suffixed(&self, chars: &[char], line: &LineInput, out: &mut Vec<Candidate>) {
        thread_local! {
            static WORD: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
            static ENDS: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        ENDS.with_borrow_mut(|ends| {
            WORD.with_borrow_mut(|buf| {
                self.suffix_words(chars, line.word_ends, buf, ends);
                self.find_suffixed_in(chars, line, ends, buf, out);
            });
        });
    }

    /// jieba's words, with the organisation suffixes cut as words of their own: a word that
    /// ends with one is cut before it (`华东师范大学` -> `华东师范|大学`), and words that make
    /// one together are joined (`合伙|企业` -> `合伙企业`).
    fn suffix_words(
        &self,
        chars: &[char],
        word_ends: &[usize],
        buf: &mut String,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        let mut start = 0;
        let mut w = 0;
        while w < word_ends.len() {
            // Joined: up to three words that are one suffix together.
            let joined = (w + 1..word_ends.len().min(w + 3)).rev().find(|&last| {
                // No suffix ends with this char: no string to build.
                if !self.cue_chars.may(chars[word_ends[last] - 1], SUFFIX_LAST) {
                    return false;
                }
                buf.clear();
                buf.extend(&chars[start..word_ends[last]]);
                self.org_suffixes.contains(buf.as_str())
            });
            if let Some(last) = joined {
                out.push(word_ends[last]);
                start = word_ends[last];
                w = last + 1;
                continue;
            }
            let end = word_ends[w];
            let word = &chars[start..end];
            // A word whose last char ends no suffix is neither one nor cut before one.
            if !word
                .last()
                .is_some_and(|&c| self.cue_chars.may(c, SUFFIX_LAST))
            {
                out.push(end);
                start = end;
                w += 1;
                continue;
            }
            // A word that is a suffix whole (产业基金) is not cut into a shorter one (基金).
            buf.clear();
            buf.extend(word);
            let whole = word.len() > 2 && self.org_suffixes.contains(buf.as_str());
            // The longest suffix that leaves two chars before it: one set look-up per tail
            // length (comparing the word with every suffix was a fifth of the whole run).
            let cut = (1..word.len().saturating_sub(1))
                .rev()
                .filter(|_| !whole)
                .find(|&n| {
                    buf.clear();
                    buf.extend(&word[word.len() - n..]);
                    self.org_suffixes.contains(buf.as_str())
                });
            if let Some(n) = cut {
                out.push(end - n);
            }
            out.push(end);
            start = end;
            w += 1;
        }
    }

    fn find_suffixed_in(
        &self,
        chars: &[char],
        line: &LineInput,
        word_ends: &[usize],
        buf: &mut String,
        out: &mut Vec<Candidate>,
    ) {
        let common = line.common;
        let word_start = |i: usize| if i == 0 { 0 } else { word_ends[i - 1] };
        {
            // A word whose last char ends no organisation suffix is none: no string to build.
            let may_be_suffix =
                |s: usize, e: usize| e > s && self.cue_chars.may(chars[e - 1], SUFFIX_LAST);
            let mut in_set = |set: &FxHashSet<String>, s: usize, e: usize| {
                buf.clear();
                buf.extend(&chars[s..e]);
                set.contains(buf.as_str())
            };
            let mut body_buf = String::new();
            let n = word_ends.len();
            let mut i = 0;
            while i < n {
                if !(may_be_suffix(word_start(i), word_ends[i])
                    && in_set(&self.org_suffixes, word_start(i), word_ends[i]))
                {
                    i += 1;
                    continue;
                }
                let first = i;
                while i + 1 < n
                    && may_be_suffix(word_start(i + 1), word_ends[i + 1])
                    && in_set(&self.org_suffixes, word_start(i + 1), word_ends[i + 1])
                {
                    i += 1;
                }
                let last = i;
                i += 1;
                let chain_start = word_start(first);
                let end = word_ends[last];
                // `在昆山投资设立了…`: a suffix word right before a founding verb is a verb
                // there (投资设立, 控股成立), not the end of a name.
                if self.founding_verb_at(chars, end) {
                    continue;
                }
                let legal = (first..=last).any(|w| {
                    let (s, e) = (word_start(w), word_ends[w]);
                    self.legal_suffixes
                        .iter()
                        .any(|l| chars[s..e].iter().copied().eq(l.chars()))
                });
                // 新能源加智能汽车: a suffix that makes a common phrase with the word after it
                // (智能汽车, 网络安全) is a modifier there, not the end of a name; an
                // organisation noun after it (科技公司) is not such a word.
                if last + 1 < n && chars[end..word_ends[last + 1]].iter().all(|&c| is_cjk(c)) {
                    let (ls, ne) = (word_start(last), word_ends[last + 1]);
                    let next_is_org_noun = self
                        .org_nouns
                        .iter()
                        .any(|o| chars[end..ne].iter().copied().eq(o.chars()));
                    body_buf.clear();
                    body_buf.extend(&chars[ls..ne]);
                    if !next_is_org_noun
                        && (self.stop.contains(&body_buf) || common.is_some_and(|f| f(&body_buf)))
                    {
                        continue;
                    }
                }
                // 某某城投产业基金, 某某大学多媒体实验室: a unit suffix after a catalogue
                // company (and a short body) names a unit of it, a name that holds it.
                let unit = in_set(&self.unit_suffixes, word_start(last), end);
                if unit
                    && let Some(&(a, _, _)) = line.named.iter().find(|&&(_, b, kind)| {
                        kind == MentionKind::Company
                            && b <= chain_start
                            && chain_start - b <= 4
                            && (b == chain_start || unit_body(&chars[b..chain_start]))
                    })
                {
                    let mut c = candidate(a, end, MentionKind::Company, Signal::Suffix);
                    c.encloses = true;
                    out.push(c);
                    continue;
                }
                let place_only = (first..=last)
                    .all(|w| in_set(&self.place_suffixes, word_start(w), word_ends[w]));
                // The body: whole words back until it has two chars.
                let (mut k, mut start) = (first, chain_start);
                while k > 0 && chain_start - start < 2 {
                    let s = word_start(k - 1);
                    if chain_start - s > 4 || !body_piece(&chars[s..start]) {
                        break;
                    }
                    start = s;
                    k -= 1;
                }
                // A naming cue jieba glued to the name (`叫云|岫|科技`) is not part of it.
                if let Some(cue) = self.naming.iter().find(|c| starts_with(&chars[start..], c)) {
                    start += cue.chars().count();
                }
                // A place name as the whole body (浙江证监局, 珠海高新区, 珠海网) is a name, even
                // though the place alone is an ordinary word; a place-bound suffix (网) needs
                // one.
                let place_body = chain_start >= start + 2
                    && (in_set(&self.places, start, chain_start)
                        || (chain_start > start + 2
                            && "市省区".contains(chars[chain_start - 1])
                            && in_set(&self.places, start, chain_start - 1)));
                if place_body {
                    out.push(candidate(start, end, MentionKind::Company, Signal::Suffix));
                    continue;
                }
                if place_only {
                    continue;
                }
                // Right after a catalogue name, the body is the rest of a longer name.
                if chain_start < start + 2 || (!legal && line.taken.iter().any(|t| t.1 == start)) {
                    continue;
                }
                // A body right after a lone char that makes an ordinary word with the body's
                // first word is the tail of that word (`多|模态|智能`).
                if k > 0
                    && let Some(common) = common
                {
                    let s = word_start(k - 1);
                    let lone = &chars[s..word_ends[k - 1]];
                    if lone.len() == 1 && is_cjk(lone[0]) && !NOT_IN_NAME.contains(lone[0]) {
                        body_buf.clear();
                        body_buf.extend(&chars[s..word_ends[k]]);
                        let cue = self.naming.iter().any(|c| starts_with(lone, c));
                        if common(&body_buf) || !(cue || PREPOSITIONS.contains(lone[0])) {
                            continue;
                        }
                    }
                }
                let body_start = start;
                // A place name before it (right before, or within reach of a registered name).
                let reach = if legal { 8 } else { 0 };
                let (mut scan_k, mut scan_s) = (k, start);
                let mut placed = false;
                while scan_k > 0 {
                    let s = word_start(scan_k - 1);
                    // 深圳 or 深圳市 (a place name may hold a function char: 成都).
                    let bare = if scan_s - s > 2 && "市省区".contains(chars[scan_s - 1]) {
                        scan_s - 1
                    } else {
                        scan_s
                    };
                    if in_set(&self.places, s, scan_s) || in_set(&self.places, s, bare) {
                        start = s;
                        placed = true;
                        break;
                    }
                    if !body_piece(&chars[s..scan_s]) {
                        break;
                    }
                    if start - s > reach {
                        break;
                    }
                    scan_s = s;
                    scan_k -= 1;
                }
                // An ordinary word before the suffix is not a name (`影视工作室`,
                // `变成了股份有限公司`), unless a place name opens it.
                if !placed && let Some(common) = common {
                    let first_end = word_ends[k].max(body_start);
                    body_buf.clear();
                    body_buf.extend(&chars[body_start..first_end]);
                    if common(&body_buf) {
                        continue;
                    }
                }
                // `X是一家成立于2009年的非公募基金会`: after `是一家…的` comes what kind of
                // organisation X is, not a name.
                if start > 0 && chars[start - 1] == '的' && self.describes_kind(chars, start - 1) {
                    continue;
                }
                let mut c = candidate(start, end, MentionKind::Company, Signal::Suffix);
                c.encloses = legal;
                out.push(c);
            }
        }
    }

    /// Is the word before `的` and a title a place (`来自台湾的企业家`) or an ordinary word
    /// (`工程师出身的企业家`) rather than an organisation? A word ending like one or an
    /// organisation noun (公司) is kept.
    fn ordinary_before_title(&self, line: &LineInput, word: &[char]) -> bool {
        let word: String = word.iter().collect();
        self.places.contains(&word)
            || (line.common.is_some_and(|f| f(&word))
                && !self.ends_like_org(&word)
                && !self.org_nouns.contains(&word))
    }

    /// Does a founding verb start at `at`?
    fn founding_verb_at(&self, chars: &[char], at: usize) -> bool {
        let text: String = chars[at..chars.len().min(at + 6)].iter().collect();
        self.founding
            .find_iter(&text)
            .next()
            .is_some_and(|m| m.start() == 0 && m.pattern().as_usize() < self.founding_verbs)
    }

    /// Does the clause before `de` (a `的`) open a description with `是一家` / `是一所` /
    /// `是一个` / `为一家`: the noun after `的` says what kind of thing the subject is.
    fn describes_kind(&self, chars: &[char], de: usize) -> bool {
        let from = chars[..de]
            .iter()
            .rposition(|&c| "，,。；;！？!?".contains(c))
            .map_or(0, |p| p + 1);
        let clause: String = chars[from..de].iter().collect();
        ["是一家", "是一所", "是一个", "为一家", "是国内一家"]
            .iter()
            .any(|w| clause.contains(w))
    }

    /// A person's name right before a speech verb (`王小川表示`, `Satya Nadella 说`), one
    /// adverb (也, 则, 还, …) may stand between.
    fn find_speakers(&self, chars: &[char], word_ends: &[usize], out: &mut Vec<Candidate>) {
        let mut start = 0;
        for &end in word_ends {
            let word_start = start;
            start = end;
            let word = &chars[word_start..end];
            if !word
                .first()
                .is_some_and(|&c| self.cue_chars.may(c, SPEECH_FIRST))
                || !self.speech_chars.iter().any(|v| v.as_slice() == word)
            {
                continue;
            }
            let mut at = word_start;
            if at > 0 && ADVERBS.contains(chars[at - 1]) {
                at -= 1;
            }
            if let Some((s, e)) = person_before(chars, at, word_ends) {
                out.push(candidate(s, e, MentionKind::Person, Signal::Speech));
            }
        }
    }

    /// A product's Chinese name after a product cue (`推出的星河`, `旗下的云雀`): whole jieba
    /// words, 2-6 chars, up to a boundary (punctuation, space, the end of the line, or a
    /// function char).
    fn find_after_product_cue(
        &self,
        chars: &[char],
        word_ends: &[usize],
        common: Option<&dyn Fn(&str) -> bool>,
        out: &mut Vec<Candidate>,
    ) {
        // Which chars the line holds, as bits of a 64-bit mask (a char sets bit `c % 64`): a
        // cue whose first char's bit is unset is not in the line, and its scan is skipped.
        let present = chars.iter().fold(0u64, |m, &c| m | 1 << (c as u32 % 64));
        for cue in &self.product_cues {
            let Some(first) = cue.chars().next() else {
                continue;
            };
            if present & (1 << (first as u32 % 64)) == 0 {
                continue;
            }
            let cue_len = cue.chars().count();
            let mut from = 0;
            while let Some(pos) = find_chars(chars, cue, from) {
                from = pos + 1;
                let at = pos + cue_len;
                // The cue ends a jieba word (推出的 may be cut 推出|的).
                if word_ends.binary_search(&at).is_err() {
                    continue;
                }
                let mut end = at;
                for &e in word_ends.iter().filter(|&&e| e > at) {
                    let piece = &chars[end..e];
                    if e - at > 6
                        || !piece.iter().all(|&c| is_cjk(c))
                        || piece.iter().any(|&c| NOT_IN_NAME.contains(c))
                    {
                        break;
                    }
                    end = e;
                }
                let boundary = chars
                    .get(end)
                    .is_none_or(|&c| !is_cjk(c) || NOT_IN_NAME.contains(c));
                if end - at >= 2 && boundary && !starts_with_common(chars, at, word_ends, common) {
                    out.push(candidate(at, end, MentionKind::Product, Signal::Cue));
                }
            }
        }
    }
}

/// `推出了新一代储能柜 青松二号`, `发布了新款无人机 云雀3号`: after a release verb, the kind of
/// thing released (2-8 Chinese chars), a space, then a model's name: 3-6 Chinese chars ending
/// in a numeral and 号 (not an ordinal, 第二号), ending a jieba word. A name without a model's
/// ending (`推出了储能柜 价格更低`) is never taken; Latin model names (`扫地机器人 X10`) are
/// found as Latin tokens already.
fn find_model_after_kind(
    verbs: &[String],
    chars: &[char],
    word_ends: &[usize],
    out: &mut Vec<Candidate>,
) {
    for verb in verbs {
        let verb_len = verb.chars().count();
        let mut from = 0;
        while let Some(pos) = find_chars(chars, verb, from) {
            from = pos + 1;
            let at = pos + verb_len;
            let Some(kind_len) = chars[at..].iter().position(|c| c.is_whitespace()) else {
                continue;
            };
            if !(2..=8).contains(&kind_len) || !chars[at..at + kind_len].iter().all(|&c| is_cjk(c))
            {
                continue;
            }
            let start = at + kind_len + 1;
            let end = chars[start..]
                .iter()
                .position(|&c| !(is_cjk(c) || c.is_ascii_digit()))
                .map_or(chars.len(), |p| start + p);
            let name = &chars[start..end];
            let model = name.len() >= 3
                && name.len() <= 6
                && !"第一二三四五六七八九十".contains(name[0])
                && name[name.len() - 1] == '号'
                && "一二三四五六七八九十0123456789".contains(name[name.len() - 2]);
            if model && word_ends.binary_search(&end).is_ok() {
                out.push(candidate(start, end, MentionKind::Product, Signal::Cue));
            }
        }
    }
}

/// Do `chars` start with the chars of `prefix`?
fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut rest = chars.iter();
    prefix.chars().all(|p| rest.next() == Some(&p))
}

fn trim_span(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// A Latin token: `[A-Za-z0-9]` runs with inner `-`, `.` or `+` between alphanumerics.
fn latin_token(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() {
        let c = chars[end];
        let inner_mark = matches!(c, '-' | '.' | '+')
            && end > start
            && chars
                .get(end + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric());
        if !(c.is_ascii_alphanumeric() || inner_mark) {
            break;
        }
        end += 1;
    }
    end
}

/// True for a token that names something: letters with digits (not a number with a unit),
/// CamelCase, Capitalized, or an acronym of 2+ capitals.
fn is_name_like(token: &[char]) -> bool {
    let letters = token.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = token.iter().filter(|c| c.is_ascii_digit()).count();
    if letters == 0 {
        return false;
    }
    // A rank (`TOP100`, `Top10`) is no name.
    if token.len() > 3
        && token[..3]
            .iter()
            .map(char::to_ascii_lowercase)
            .eq("top".chars())
        && token[3..].iter().all(char::is_ascii_digit)
    {
        return false;
    }
    if digits > 0 {
        // `7B`, `128K`, `5G`, `3D`, `10x`: a number with a unit.
        let unit_tail = token
            .iter()
            .position(|c| c.is_ascii_alphabetic())
            .is_some_and(|p| {
                p > 0 && token[p..].iter().all(|c| c.is_ascii_alphabetic()) && letters <= 2
            });
        return !unit_tail;
    }
    let first_upper = token[0].is_ascii_uppercase();
    let inner_upper = token[1..].iter().any(|c| c.is_ascii_uppercase());
    (first_upper && token.len() >= 3)
        || (inner_upper && token.len() >= 3)
        || (first_upper && letters >= 2 && token.iter().all(|c| !c.is_ascii_lowercase()))
}

/// The end of the run of space-separated Latin words starting at `start`, and whether it is
/// an English phrase: three or more words, one of them all lower-case (`Model as a Service`,
/// `Intelligence with Everyone`). Names inside such a phrase are not proposed.
fn english_phrase(chars: &[char], start: usize) -> Option<usize> {
    let mut words = 0;
    let mut lower = false;
    let mut i = start;
    let mut end = start;
    while i < chars.len() && chars[i].is_ascii_alphanumeric() {
        let e = latin_token(chars, i);
        words += 1;
        lower |= chars[i..e].iter().all(|c| c.is_ascii_lowercase());
        end = e;
        if e + 1 < chars.len() && chars[e] == ' ' && chars[e + 1].is_ascii_alphanumeric() {
            i = e + 1;
        } else {
            break;
        }
    }
    (words >= 3 && lower).then_some(end)
}

/// Does the jieba word at `at` (two chars or more) read as an ordinary word?
fn starts_with_common(
    chars: &[char],
    at: usize,
    word_ends: &[usize],
    common: Option<&dyn Fn(&str) -> bool>,
) -> bool {
    let Some(common) = common else {
        return false;
    };
    let Some(&end) = word_ends.iter().find(|&&e| e > at) else {
        return false;
    };
    let word: String = chars[at..end].iter().collect();
    // The word, or its first two chars when jieba knows it whole (`数学模型`).
    let head: String = chars[at..(at + 2).min(end)].iter().collect();
    end - at >= 2 && word.chars().all(is_cjk) && (common(&word) || common(&head))
}

/// Prepositions a name may follow as a word of one char (`按胡润研究院`, `据某某研究院`):
/// another lone char before an organisation's body is the head of a longer word (`多|模态`).
const PREPOSITIONS: &str = "按据经由向往自于随";

/// Adverbs that may stand between a speaker and the speech verb (`王小川也表示`).
const ADVERBS: &str = "也则还就更曾又都再便却";

/// Chars that never start or stand in an organisation's body (numerals and measure words:
/// 一家科技公司, 两家银行).
const NOT_IN_BODY: &str = "一二三四五六七八九十两几多每各个些家所";

/// A piece of an organisation's body: all Chinese chars or all Latin letters and digits, no
/// function chars, numerals or measure words.
fn body_piece(piece: &[char]) -> bool {
    !piece.is_empty()
        && (piece.iter().all(|&c| is_cjk(c)) || piece.iter().all(|c| c.is_ascii_alphanumeric()))
        && !piece
            .iter()
            .any(|&c| NOT_IN_NAME.contains(c) || NOT_IN_BODY.contains(c))
}

/// The words between an organisation and a unit suffix (`多媒体`, `机器人` in `某某大学…实验室`):
/// Chinese chars, no function chars, no numeral opening it and no measure word (`两家实验室`,
/// `多家实验室` count labs, they name none). 多 may open a word there (多媒体, 多模态).
fn unit_body(piece: &[char]) -> bool {
    piece.iter().all(|&c| is_cjk(c))
        && !piece
            .iter()
            .any(|&c| NOT_IN_NAME.contains(c) || "家个所些".contains(c))
        && piece
            .first()
            .is_some_and(|&c| !"一二三四五六七八九十两几每各".contains(c))
}

/// The first char offset at or after `from` where `chars` holds `word`.
fn find_chars(chars: &[char], word: &str, from: usize) -> Option<usize> {
    let first = word.chars().next()?;
    (from..chars.len()).find(|&i| chars[i] == first && starts_with(&chars[i..], word))
}

/// A person's name ending at `end` (spaces before `end` skipped): 1-3 capitalized Latin
/// words, or a Chinese name of whole jieba words, 2-3 chars (4 with a double surname)
/// starting with a surname; a transliterated name joined by `·` (`埃隆·马斯克`) is taken whole.
fn person_before(chars: &[char], end: usize, word_ends: &[usize]) -> Option<(usize, usize)> {
    let mut e = end;
    while e > 0 && chars[e - 1] == ' ' {
        e -= 1;
    }
    let last = *chars.get(e.checked_sub(1)?)?;
    if last.is_ascii_alphabetic() {
        let mut s = e;
        let mut words = 0;
        loop {
            let mut k = s;
            while k > 0 && (chars[k - 1].is_ascii_alphabetic() || chars[k - 1] == '\'') {
                k -= 1;
            }
            let word = &chars[k..s];
            let capitalized = word.first().is_some_and(char::is_ascii_uppercase)
                && word.iter().any(char::is_ascii_lowercase);
            if !capitalized || (k > 0 && chars[k - 1].is_ascii_digit()) {
                break;
            }
            s = k;
            words += 1;
            if words == 3 || s < 2 || chars[s - 1] != ' ' || !chars[s - 2].is_ascii_alphabetic() {
                break;
            }
            s -= 1;
        }
        while s < e && chars[s] == ' ' {
            s += 1;
        }
        // Two words at least: one capitalized word alone is as often a product as a person.
        return (words >= 2).then_some((s, e));
    }
    if !is_cjk(last) {
        return None;
    }
    let at = word_ends.binary_search(&e).ok()?;
    let word_start = |i: usize| if i == 0 { 0 } else { word_ends[i - 1] };
    let mut w = at;
    let mut s = word_start(w);
    loop {
        let piece = &chars[s..e];
        if !piece.iter().all(|&c| is_cjk(c)) || piece.iter().any(|&c| NOT_IN_NAME.contains(c)) {
            return None;
        }
        let len = e - s;
        // A transliteration: CJK runs joined by `·`.
        if s > 1 && chars[s - 1] == '·' && is_cjk(chars[s - 2]) {
            let mut t = s - 1;
            while t > 0 && (is_cjk(chars[t - 1]) || chars[t - 1] == '·') && s - t < 8 {
                t -= 1;
            }
            return (!chars[t..e].iter().any(|&c| NOT_IN_NAME.contains(c))).then_some((t, e));
        }
        let double = len == 4
            && DOUBLE_SURNAMES
                .iter()
                .any(|d| chars[s..s + 2].iter().copied().eq(d.chars()));
        // A one-char surname cut off before a two-char given name (`周|明远`).
        if len == 2 && w > 0 {
            let p = word_start(w - 1);
            if s - p == 1 && is_surname(chars[p]) {
                return Some((p, e));
            }
        }
        if (2..=3).contains(&len) && is_surname_at(chars, s) || double {
            return Some((s, e));
        }
        if len >= 4 || w == 0 {
            return None;
        }
        w -= 1;
        s = word_start(w);
    }
}

fn find_tagged(chars: &[char], tags: &[jieba_rs::Tag], out: &mut Vec<Candidate>) {
    for t in tags {
        let kind = match t.tag {
            "nr" | "nrt" | "nrfg" => MentionKind::Person,
            "nt" => MentionKind::Company,
            "nz" => MentionKind::Product,
            _ => continue,
        };
        let word = &chars[t.start..t.end];
        if word.len() < 2 || word.len() > 8 || !word.iter().all(|&c| is_cjk(c)) {
            continue;
        }
        if kind == MentionKind::Person {
            let double = word.len() == 4
                && DOUBLE_SURNAMES
                    .iter()
                    .any(|d| word.iter().take(2).copied().eq(d.chars()));
            if !(word.len() <= 3 || double) || (t.tag == "nr" && !is_surname_at(chars, t.start)) {
                continue;
            }
        }
        if word.iter().any(|&c| NOT_IN_NAME.contains(c)) {
            continue;
        }
        out.push(candidate(t.start, t.end, kind, Signal::Pos));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(text: &str) -> u8 {
        let chars: Vec<char> = text.chars().collect();
        SignalChars::new(&NameCues::built_in()).hints(&chars)
    }

    #[test]
    fn hints_name_the_searches_a_line_has_chars_for() {
        assert_eq!(hints("今天天气不错，我们出去走走"), 0);
        // 创 starts a title (创始人), a suffix (创投) and a founding cue (创办, 创始人).
        assert_eq!(hints("创始人杨植麟"), TITLE | SUFFIX | FOUNDING);
        assert_eq!(hints("看了《星河》"), QUOTE);
        // 一 starts a founding verb (一手打造): the words are looked for only then.
        assert_eq!(hints("一家叫云岫科技的公司"), NAMING | SUFFIX | FOUNDING);
        assert_eq!(hints("Lumo 2.0"), LATIN);
        // `C` starts CEO: a Latin letter and a title's first char.
        assert_eq!(hints("CEO"), LATIN | TITLE);
        assert_eq!(hints("\"Nimbus\""), LATIN | QUOTE);
    }

    #[test]
    fn cue_words_name_the_searches_a_line_has_words_for() {
        let cues = NameCues::built_in();
        let (words, marks) = (CueWords::new(&cues), SignalChars::new(&cues));
        let hints = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            words.hints(&chars, &marks)
        };
        // 合 and 总 start 合伙人 and 总裁; 大 starts 大学: first chars, no words.
        assert_eq!(hints("合同总额很大"), 0);
        assert_eq!(hints("创始人杨植麟"), TITLE | FOUNDING);
        assert_eq!(hints("一家叫云岫科技的公司"), NAMING | SUFFIX);
        // Overlapping words each count: 联合创始人 holds 创始人.
        assert_eq!(hints("联合创始人 他表示"), TITLE | FOUNDING | SPEECH);
        assert_eq!(hints("CEO"), TITLE);
        assert_eq!(hints("公司推出的新品"), PRODUCT);
    }

    fn finder() -> CandidateFinder {
        let mut catalogue = Catalogue::default();
        catalogue
            .add_csv(
                Path::new("t.csv"),
                "id,type,name,aliases,owner,affiliation\n\
                 company/beiming,company,北冥科技,北冥,,\n",
            )
            .unwrap();
        CandidateFinder::new(
            &catalogue,
            &Families::default(),
            StopList::default(),
            &NameCues::built_in(),
        )
    }

    /// The candidates of `text` cut into the given words (`|` between them), with the
    /// spans `taken`, judging `common` words ordinary.
    fn found_with(
        text: &str,
        taken: &[(usize, usize)],
        common: &[&str],
    ) -> Vec<(String, MentionKind)> {
        found_full(text, taken, common, &[], false)
    }

    /// [`found_with`] with catalogue names of known kinds (taken too) and whether the line
    /// before ended with a title.
    fn found_full(
        text: &str,
        taken: &[(usize, usize)],
        common: &[&str],
        named: &[(usize, usize, MentionKind)],
        after_title: bool,
    ) -> Vec<(String, MentionKind)> {
        found_on(text, taken, common, named, after_title, false)
    }

    /// The finder's names in `text` (words split by `|`), with every input of a line.
    fn found_on(
        text: &str,
        taken: &[(usize, usize)],
        common: &[&str],
        named: &[(usize, usize, MentionKind)],
        after_title: bool,
        after_org_noun: bool,
    ) -> Vec<(String, MentionKind)> {
        let words: Vec<&str> = text.split('|').collect();
        let text: String = words.concat();
        let mut ends = Vec::new();
        let mut n = 0;
        for w in &words {
            n += w.chars().count();
            ends.push(n);
        }
        let is_common = |w: &str| common.contains(&w);
        let mut out = Vec::new();
        finder().find(
            &LineInput {
                text: &text,
                word_ends: &ends,
                tags: None,
                taken,
                common: Some(&is_common),
                named,
                after_title,
                after_org_noun,
            },
            &mut out,
        );
        out.into_iter().map(|c| (c.name, c.kind)).collect()
    }

    fn found(text: &str) -> Vec<(String, MentionKind)> {
        found_with(text, &[], &[])
    }

    /// [`found`] on a line whose line before ended with an organisation noun.
    fn found_after_org_noun(text: &str) -> Vec<(String, MentionKind)> {
        found_on(text, &[], &[], &[], false, true)
    }

    #[test]
    fn a_naming_cue_opening_a_line_after_an_organisation_noun() {
        // 主角是一家做储能的公司 / 叫青岩储能; 说的是一家初创企业 / 名叫白露能源.
        assert_eq!(
            found_after_org_noun("叫|青岩|储能"),
            [("青岩储能".into(), Company)]
        );
        assert_eq!(
            found_after_org_noun("名叫|白露|能源"),
            [("白露能源".into(), Company)]
        );
        // Not when the cue does not open the line: 它的产品叫X is still a product.
        assert_eq!(
            found_after_org_noun("它|的|产品|叫|青鸟"),
            [("青鸟".into(), Product)]
        );
        assert_eq!(found("叫|青岩|储能"), [("青岩储能".into(), Product)]);
        // 今天说一家做刻蚀机的公司 / 前两天刚上市 / 名字叫云帆装备: 名字叫 opens the line.
        assert_eq!(
            found_after_org_noun("名字|叫|云帆|装备"),
            [("云帆装备".into(), Company)]
        );
        assert_eq!(
            found_after_org_noun("它|的|名字|叫|青鸟"),
            [("青鸟".into(), Product)]
        );
    }

    #[test]
    fn a_line_that_is_only_a_name_after_an_organisation_noun() {
        // 今天讲一家做电动车的公司 / 飞澜汽车; 说的是一间香港的券商 / 恒昇证券.
        let common = ["非常", "很多", "有意思", "汽车"];
        let bare = |text: &str| found_on(text, &[], &common, &[], false, true);
        assert_eq!(bare("飞|澜|汽车"), [("飞澜汽车".into(), Company)]);
        assert_eq!(bare("恒|昇|证券"), [("恒昇证券".into(), Company)]);
        assert!(bare("非常|有意思").is_empty());
        assert!(bare("它|做|的|是|电池").is_empty());
    }

    use MentionKind::{Company, Person, Product};

    #[test]
    fn organisations_by_their_suffixes() {
        assert_eq!(
            found("他们|投|了|青禾|资本"),
            [("青禾资本".into(), Company)]
        );
        assert_eq!(
            found("去年|加入|了|澜舟|研究院"),
            [("澜舟研究院".into(), Company)]
        );
        // Stacked suffixes and a place name before the body are kept whole.
        assert_eq!(
            found("注册|的|是|苏州|启明|星河|科技|有限公司"),
            [("苏州启明星河科技有限公司".into(), Company)]
        );
        assert_eq!(
            found("落户|成都市|云栖|智能"),
            [("成都市云栖智能".into(), Company)]
        );
        // A lone char that makes an ordinary word with the body: the body ends that word.
        assert!(found_with("做|多|模态|智能", &[], &["多模态"]).is_empty());
        assert!(found("的|超|导体|科技").is_empty());
        assert_eq!(found("据|青禾|研究院"), [("青禾研究院".into(), Company)]);
        // A word jieba knows whole is cut before its suffix; words making a suffix together
        // are one.
        assert_eq!(
            found("考进|了|临江师范大学"),
            [("临江师范大学".into(), Company)]
        );
        assert_eq!(
            found("叫|上海|青禾|咨询|合伙|企业"),
            [("上海青禾咨询合伙企业".into(), Company)]
        );
        assert!(found_with("变成|了|股份|有限公司", &[], &["股份"]).is_empty());
        // Numerals and measure words are no body; an ordinary word before the suffix is not
        // a name.
        assert!(found("一家|科技|公司").is_empty());
        assert!(found_with("大到|影视|工作室", &[], &["影视"]).is_empty());
    }

    #[test]
    fn a_registered_name_encloses_catalogue_names() {
        // 北冥 is in the catalogue; the registered name is a company of its own.
        let text = "子公司|叫|杭州|北冥|远航|科技|有限公司";
        assert_eq!(
            found_with(text, &[(7, 9)], &[]),
            [("杭州北冥远航科技有限公司".into(), Company)]
        );
        // A name without a legal suffix may not, nor start right after one.
        assert!(found_with("北冥|远航|科技", &[(0, 2)], &[]).is_empty());
        let f = finder();
        assert_eq!(
            f.registered_cores("深圳市北冥科技股份有限公司"),
            ["北冥科技股份有限公司", "北冥科技", "北冥"]
        );
    }

    #[test]
    fn people_before_speech_verbs() {
        assert_eq!(found("对此|周|明远|表示"), [("周明远".into(), Person)]);
        assert_eq!(found("欧阳|若水|也|坦言"), [("欧阳若水".into(), Person)]);
        assert_eq!(
            found("Lena| |Hartmann| |说"),
            [("Lena Hartmann".into(), Person)]
        );
        assert_eq!(
            found("约翰|·|卡马克|透露"),
            [("约翰·卡马克".into(), Person)]
        );
        // No surname, a function char, or a single capitalized word: no name.
        assert!(found("随后|表示").is_empty());
        assert!(found("他|说").is_empty());
        // One capitalized word before a speech verb is no person (here, a Latin token).
        assert_eq!(found("Nimbus| |说"), [("Nimbus".into(), Product)]);
    }

    #[test]
    fn people_after_titles() {
        assert_eq!(found("首席科学家|祁|远山"), [("祁远山".into(), Person)]);
        assert_eq!(found("教授|温|若兰|的|团队"), [("温若兰".into(), Person)]);
        // jieba glued the name to the verb after it: a surname and two chars.
        assert_eq!(
            found("前|星河|工程师|霍启明拉上|两位"),
            [("霍启明".into(), Person)]
        );
        assert_eq!(found("企业家|邹一鸣带领|团队"), [("邹一鸣".into(), Person)]);
        // A word after a whole name is the verb (携手, 一手), not more of the name; a
        // function char jieba glued to the name's last char is cut off.
        assert_eq!(
            found_with("合伙人|唐敏|携手|创业", &[], &["携手"]),
            [("唐敏".into(), Person)]
        );
        assert_eq!(found("创始人|郑国|梁出|生于"), [("郑国梁".into(), Person)]);
        assert_eq!(found("创始人|宋佳|宁都|来自"), [("宋佳宁".into(), Person)]);
        // A Japanese family name takes a two-char given name; a title may describe the
        // name after 的.
        assert_eq!(found("创始人|山本|雅人"), [("山本雅人".into(), Person)]);
        assert_eq!(found("总裁|的|骆文博|表示"), [("骆文博".into(), Person)]);
    }

    #[test]
    fn the_context_of_a_name_says_its_kind() {
        // A quoted name that 的工作室 or 是一家 follows is an organisation's.
        assert_eq!(
            found("名为|“|橙子|绘本|”|的|工作室"),
            [("橙子绘本".into(), Company)]
        );
        assert_eq!(
            found("“|米粒|跑跑|”|是|一家|童装|品牌"),
            [("米粒跑跑".into(), Company)]
        );
        assert_eq!(
            found("推出|了|“|米粒|跑跑|”"),
            [("米粒跑跑".into(), Product)]
        );
        // A suffix word right before a founding verb is a verb there.
        assert!(
            !found("在|东莞|投资|设立|了")
                .iter()
                .any(|(n, _)| n == "东莞投资")
        );
        // After 是一家…的 comes the kind of the subject, not a name.
        assert!(found("是|一家|成立|较早|的|非公募|基金会").is_empty());
        // A name ending in 公司 before 的 and a title reaches back to its clause start; a
        // place before 的 and a title is none.
        assert_eq!(
            found("远航|器材|公司|的|首任|总经理"),
            [("远航器材公司".into(), Company)]
        );
        assert!(found("来自|台湾|的|企业家").is_empty());
        assert!(found_with("工程师|出身|的|企业家", &[], &["出身"]).is_empty());
    }

    #[test]
    fn products_after_cues_quotes_and_latin_versions() {
        assert_eq!(found("他们|推出的|星河|，"), [("星河".into(), Product)]);
        assert_eq!(found("集团|旗下的|云雀"), [("云雀".into(), Product)]);
        assert!(found_with("已经|发布的|数学|模型", &[], &["数学"]).is_empty());
        assert!(found_with("已经|发布的|几何模型", &[], &["几何"]).is_empty());
        assert_eq!(found("应用|「|青鸟|」"), [("青鸟".into(), Product)]);
        assert!(found("强调|“|快|”").is_empty());
        assert_eq!(
            found("新版 Orbit 3.5 上线"),
            [("Orbit 3.5".into(), Product)]
        );
        // Acronyms are words, and a Latin token before 轮 is a round.
        assert!(found("一台|SUV|和|MPV").is_empty());
        assert!(found("拿到|B2 轮").is_empty());
        assert_eq!(found("Quill 这家公司"), [("Quill".into(), Company)]);
        assert_eq!(
            found("投资方是 Bramble 这家老牌基金"),
            [("Bramble".into(), Company)]
        );
    }

    #[test]
    fn naming_cues_read_the_noun_before() {
        assert_eq!(found("一家|做空|机构|叫|黑鹭"), [("黑鹭".into(), Company)]);
        assert_eq!(found("一款|应用|名叫|青鸟"), [("青鸟".into(), Product)]);
        // A person noun right before the cue: a person, when the name reads like one.
        assert_eq!(found("这个|人|叫|林远山"), [("林远山".into(), Person)]);
        assert_eq!(found("带队|的|人|名叫|许青"), [("许青".into(), Person)]);
        assert_eq!(found("这台|机器人|叫|小蓝"), [("小蓝".into(), Product)]);
    }

    #[test]
    fn generic_words_are_never_names() {
        assert!(found("这家|公司|说").is_empty());
        assert!(found("“|理想|”").is_empty());
        assert!(found("人工|智能").is_empty());
    }

    #[test]
    fn a_place_name_as_the_body() {
        // The place alone is an ordinary word, the place and the suffix a name.
        assert_eq!(
            found_with("他们|去|了|江苏|证监局", &[], &["江苏"]),
            [("江苏证监局".into(), Company)]
        );
        assert_eq!(
            found_with("落户|苏州|高新区", &[], &["苏州"]),
            [("苏州高新区".into(), Company)]
        );
        // A place-bound suffix (网) needs a place: 互联网 is no name.
        assert_eq!(
            found_with("据|宁波|网|报道", &[], &["宁波"]),
            [("宁波网".into(), Company)]
        );
        assert!(found_with("接入|互联|网", &[], &["互联"]).is_empty());
    }

    #[test]
    fn a_suffix_that_modifies_the_next_word_ends_no_name() {
        // 智能汽车 is a generic phrase: 智能 there is no suffix; 科技公司 names a firm.
        assert!(found("押注|云端|智能|汽车").is_empty());
        assert_eq!(found("云端|科技|公司"), [("云端科技".into(), Company)]);
    }

    #[test]
    fn a_unit_of_a_catalogue_company() {
        let named = [(0, 2, Company)];
        assert_eq!(
            found_full("北冥|产业基金|出资", &[(0, 2)], &[], &named, false),
            [("北冥产业基金".into(), Company)]
        );
        assert_eq!(
            found_full("北冥|机器人|实验室", &[(0, 2)], &[], &named, false),
            [("北冥机器人实验室".into(), Company)]
        );
        assert_eq!(
            found_full("北冥|多|媒体|实验室", &[(0, 2)], &[], &named, false),
            [("北冥多媒体实验室".into(), Company)]
        );
        assert!(found_full("北冥|多家|实验室", &[(0, 2)], &[], &named, false).is_empty());
        // Not after a product, nor a suffix that is no unit (投资 is also a verb).
        let product = [(0, 2, Product)];
        assert!(found_full("北冥|实验室", &[(0, 2)], &[], &product, false).is_empty());
        assert!(found_full("北冥|投资", &[(0, 2)], &[], &named, false).is_empty());
    }

    #[test]
    fn editions_after_a_catalogue_product() {
        let named = [(0, 3, Product)];
        assert_eq!(
            found_full("星舟7| |Pro| |Max|上市", &[(0, 3)], &[], &named, false),
            [("星舟7 Pro Max".into(), Product)]
        );
        assert_eq!(
            found_full("星舟7| |Air", &[(0, 3)], &[], &named, false),
            [("星舟7 Air".into(), Product)]
        );
        // A Latin word that is no edition is a name of its own.
        assert_eq!(
            found_full("星舟7| |和| |Orbit", &[(0, 3)], &[], &named, false),
            [("Orbit".into(), Product)]
        );
    }

    #[test]
    fn people_joined_after_a_title() {
        assert_eq!(
            found("联合创始人|祁|远山|、|温|若兰"),
            [("祁远山".into(), Person), ("温若兰".into(), Person)]
        );
        // The line before ended with the title: the names open this one.
        assert_eq!(
            found_full("周|明远|和|温|若兰|都|是|工程师", &[], &[], &[], true),
            [("周明远".into(), Person), ("温若兰".into(), Person)]
        );
        assert!(found_full("他们|都|是|工程师", &[], &[], &[], true).is_empty());
        let f = finder();
        assert!(f.ends_with_title("另外还有两位联合创始人"));
        assert!(f.ends_with_title("公司的 CEO，"));
        assert!(!f.ends_with_title("创始人说了什么"));
    }

    #[test]
    fn places_ranks_and_rounds_are_no_products() {
        assert!(found("园区|的|总部|名字|叫|云栖|之城").is_empty());
        assert!(found("新|大楼|叫|星河|中心").is_empty());
        assert!(found("入选|榜单 TOP50").is_empty());
        assert!(found("拿到|B2+ 轮").is_empty());
        assert_eq!(
            found("投资方是 Quill 這家基金"),
            [("Quill".into(), Company)]
        );
    }
}
