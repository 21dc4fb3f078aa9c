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
//! Cost: one look at each char of the line (a bit test) tells which signals it may hold; a
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
use crate::normalize::is_cjk;

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
}

impl Signal {
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Title => "title",
            Signal::Quote => "quote",
            Signal::Latin => "latin",
            Signal::Named => "named",
            Signal::Pos => "pos",
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
}

/// One line as the finder reads it.
#[derive(Debug, Clone, Copy)]
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

    pub fn contains(&self, name: &str) -> bool {
        self.contains_key(&match_key(name))
    }

    /// [`StopList::contains`] for a name's match key.
    fn contains_key(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

/// Titles a person's name follows (`创始人杨植麟`, `CEO Sam Altman`).
const TITLES: &[&str] = &[
    "联合创始人",
    "创始人",
    "创办人",
    "联创",
    "首席执行官",
    "首席科学家",
    "首席技术官",
    "首席运营官",
    "董事长",
    "总裁",
    "总经理",
    "负责人",
    "合伙人",
    "掌门人",
    "CEO",
    "CTO",
    "COO",
    "CFO",
];

/// Words after a Latin name that make it an organisation.
const ORG_WORDS: &[&str] = &["AI", "Labs", "Lab", "Inc", "Technologies", "Robotics"];
/// Chinese words after (or ending) a name that make it an organisation.
const ORG_SUFFIXES: &[&str] = &[
    "公司",
    "科技",
    "智能",
    "集团",
    "实验室",
    "研究院",
    "资本",
    "基金",
    "团队",
    "创投",
];
/// Words after a Latin name that belong to it (editions, sizes).
const EDITION_WORDS: &[&str] = &[
    "pro", "max", "mini", "turbo", "ultra", "plus", "lite", "flash", "air", "alpha", "beta",
    "preview", "agent",
];

/// Common Chinese surnames (one and two characters): a Chinese name after a title starts
/// with one of them.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const DOUBLE_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容",
];

/// Chars a Chinese name never contains (function words that jieba may glue to a name).
const NOT_IN_NAME: &str = "的是在了和与也都就说着过把被让给从对向这那其他她它们我你吗呢吧啊";

/// Words that introduce a name (`一家叫云岫科技的公司`, `名为X的模型`).
const NAMING_CUES: &[&str] = &["叫做", "叫作", "名叫", "名为", "取名", "叫"];
/// Words that start with a naming cue but name nothing.
const NOT_NAMING: &[&str] = &[
    "叫好", "叫醒", "叫卖", "叫停", "叫板", "叫苦", "叫嚷", "叫喊", "叫声", "叫价", "叫座", "叫绝",
    "叫车",
];
/// Nouns after `的` that make a named thing an organisation.
const ORG_NOUNS: &[&str] = &[
    "公司",
    "创业公司",
    "初创公司",
    "企业",
    "团队",
    "实验室",
    "机构",
    "基金",
];

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

/// The chars the signals start with: a title's first char, an opening quote mark, a naming
/// cue's first char (ASCII letters, for Latin tokens, are tested directly).
struct SignalChars {
    /// One bit per char of the Basic Multilingual Plane, set for the chars of `hints`: most
    /// chars of a line are one bit test.
    bits: Vec<u64>,
    /// Each such char and the searches it starts, sorted by char.
    hints: Vec<(char, u8)>,
}

/// Chars below this have a bit in [`SignalChars::bits`].
const BMP: usize = 0x1_0000;

impl SignalChars {
    fn new() -> Self {
        let firsts = |words: &'static [&'static str], hint: u8| {
            words
                .iter()
                .filter_map(move |w| w.chars().next())
                .map(move |c| (c, hint))
        };
        let mut hints: Vec<(char, u8)> = Vec::new();
        let all = firsts(TITLES, TITLE)
            .chain(QUOTES.iter().map(|q| (q.0, QUOTE)))
            .chain(firsts(NAMING_CUES, NAMING));
        for (c, hint) in all {
            assert!((c as usize) < BMP, "signal chars are in the BMP");
            match hints.iter_mut().find(|(h, _)| *h == c) {
                Some((_, bits)) => *bits |= hint,
                None => hints.push((c, hint)),
            }
        }
        hints.sort_unstable();
        let mut bits = vec![0u64; BMP / 64];
        for &(c, _) in &hints {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        SignalChars { bits, hints }
    }

    /// The searches `chars` has a char for.
    fn hints(&self, chars: &[char]) -> u8 {
        let mut hints = 0;
        for &c in chars {
            if c.is_ascii_alphabetic() {
                hints |= LATIN;
            }
            let code = c as usize;
            if code < BMP
                && self.bits[code / 64] >> (code % 64) & 1 != 0
                && let Ok(i) = self.hints.binary_search_by_key(&c, |h| h.0)
            {
                hints |= self.hints[i].1;
            }
        }
        hints
    }
}

/// The per-line candidate finder: built once, shared by reference across threads.
pub struct CandidateFinder {
    /// Match keys of every catalogue name.
    known: FxHashSet<String>,
    families: Families,
    stop: StopList,
    titles: AhoCorasick,
    /// The chars each signal needs: one look at each char of a line tells which searches
    /// can find anything in it.
    signal_chars: SignalChars,
}

impl CandidateFinder {
    pub fn new(catalogue: &Catalogue, families: &Families, stop: StopList) -> Self {
        let titles = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(TITLES)
            .expect("fixed titles build an automaton");
        let signal_chars = SignalChars::new();
        CandidateFinder {
            known: catalogue.keys().map(|(k, _)| k.to_string()).collect(),
            families: families.clone(),
            stop,
            titles,
            signal_chars,
        }
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
        out.clear();
        // Most lines hold no char a signal needs: they stop here, having allocated nothing.
        let hints = self.signal_chars.hints(chars);
        if hints == 0 && line.tags.is_none() {
            return;
        }
        // Each search runs only when the line has a char it needs (it would find nothing
        // otherwise), in signal order.
        if hints & TITLE != 0 {
            self.find_titles(line, chars, out);
        }
        if hints & QUOTE != 0 {
            find_quotes(chars, out);
        }
        if hints & LATIN != 0 {
            find_latin(chars, out);
        }
        if hints & NAMING != 0 {
            find_named(chars, line.word_ends, out);
        }
        if let Some(tags) = line.tags {
            find_tagged(chars, tags, out);
        }
        // Keep, in place and in signal order, each candidate that overlaps neither a taken
        // span nor a kept candidate and is a new name; only those get their name built
        // (most Latin tokens are catalogue names, taken already).
        let mut kept = 0;
        for i in 0..out.len() {
            let (start, end) = (out[i].start, out[i].end);
            let overlaps = |s: usize, e: usize| start < e && s < end;
            if line.taken.iter().any(|&(s, e)| overlaps(s, e))
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
            if let Some((s, e)) = person_after(chars, end, line.word_ends) {
                out.push(candidate(s, e, MentionKind::Person, Signal::Title));
            }
            if start > 0
                && chars[start - 1] == '的'
                && let Some((s, e)) = word_before(chars, start - 1, line.word_ends)
            {
                out.push(candidate(s, e, MentionKind::Company, Signal::Title));
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
    }
}

fn is_surname_at(chars: &[char], i: usize) -> bool {
    SURNAMES.contains(chars[i]) || DOUBLE_SURNAMES.iter().any(|d| starts_with(&chars[i..], d))
}

/// The person's name right after a title ending at `at` (spaces and `兼` skipped): a Chinese
/// name of 2-4 chars starting with a surname, cut on jieba's word ends, or 1-3 capitalized
/// Latin words.
fn person_after(chars: &[char], at: usize, word_ends: &[usize]) -> Option<(usize, usize)> {
    let mut i = at;
    while i < chars.len() && (chars[i] == ' ' || chars[i] == '是' || chars[i] == '叫') {
        i += 1;
    }
    let first = *chars.get(i)?;
    if is_cjk(first) {
        if !is_surname_at(chars, i) {
            return None;
        }
        // The longest run of jieba words from i that stays within 4 chars, at least 2.
        let mut end = None;
        for &e in word_ends.iter().filter(|&&e| e > i) {
            if e - i > 4 || !chars[i..e].iter().all(|&c| is_cjk(c)) {
                break;
            }
            end = Some(e);
            if e - i >= 3 {
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
fn word_before(chars: &[char], end: usize, word_ends: &[usize]) -> Option<(usize, usize)> {
    let at = word_ends.binary_search(&end).ok()?;
    let word_start = |i: usize| if i == 0 { 0 } else { word_ends[i - 1] };
    let mut start = word_start(at);
    let word: String = chars[start..end].iter().collect();
    if ORG_SUFFIXES.contains(&word.as_str()) {
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
/// or a function word, 2-8 chars. An organisation when `的公司` (or the like) follows or the
/// name ends like one, a product otherwise.
fn find_named(chars: &[char], word_ends: &[usize], out: &mut Vec<Candidate>) {
    let mut start = 0;
    for (w, &end) in word_ends.iter().enumerate() {
        let word_start = start;
        start = end;
        // Every word of the line is looked at: compare chars, build no string.
        let word = &chars[word_start..end];
        let Some(cue) = NAMING_CUES.iter().find(|c| starts_with(word, c)) else {
            continue;
        };
        if NOT_NAMING
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
        let org = ORG_SUFFIXES.iter().any(|x| name.ends_with(x))
            || after
                .strip_prefix('的')
                .is_some_and(|rest| ORG_NOUNS.iter().any(|n| rest.starts_with(n)));
        let kind = if org {
            MentionKind::Company
        } else {
            MentionKind::Product
        };
        out.push(candidate(s, e, kind, Signal::Named));
    }
}

/// Do `chars` start with the chars of `prefix`?
fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut rest = chars.iter();
    prefix.chars().all(|p| rest.next() == Some(&p))
}

fn find_quotes(chars: &[char], out: &mut Vec<Candidate>) {
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
        let plausible = e > s
            && inner.len() <= 24
            && cjk <= 6
            && !inner.iter().any(|c| "的是了让把被在".contains(*c))
            && inner.iter().any(|c| is_cjk(*c) || c.is_ascii_alphabetic())
            && !inner
                .iter()
                .any(|c| "，。！？；：,;!?、".contains(*c) || QUOTES.iter().any(|q| q.0 == *c));
        if plausible {
            let name: String = inner.iter().collect();
            let kind = if ORG_SUFFIXES.iter().any(|s| name.ends_with(s)) {
                MentionKind::Company
            } else {
                MentionKind::Product
            };
            out.push(candidate(s, e, kind, Signal::Quote));
        }
        i += len + 2;
    }
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

fn find_latin(chars: &[char], out: &mut Vec<Candidate>) {
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
        if !is_name_like(&chars[i..end]) {
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
                || (matches!(next[0], 'v' | 'V') && next.get(1).is_some_and(char::is_ascii_digit));
            let edition = EDITION_WORDS.iter().any(|w| {
                w.len() == next.len()
                    && next
                        .iter()
                        .zip(w.chars())
                        .all(|(c, w)| c.to_ascii_lowercase() == w)
            });
            if ORG_WORDS.iter().any(|w| next.iter().copied().eq(w.chars())) {
                kind = MentionKind::Company;
            } else if !(version || edition || next[0].is_ascii_uppercase() && next.len() >= 2) {
                break;
            }
            end = next_end;
        }
        // An organisation word within the next 3 chars, after any spaces (`Sand AI 公司`).
        let rest = &chars[end..chars.len().min(end + 3)];
        let rest = &rest[rest.iter().take_while(|c| c.is_whitespace()).count()..];
        if ORG_SUFFIXES.iter().any(|s| starts_with(rest, s)) {
            kind = MentionKind::Company;
        }
        out.push(candidate(i, end, kind, Signal::Latin));
        i = end;
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
        SignalChars::new().hints(&chars)
    }

    #[test]
    fn hints_name_the_searches_a_line_has_chars_for() {
        assert_eq!(hints("今天天气不错，我们出去走走"), 0);
        assert_eq!(hints("创始人杨植麟"), TITLE);
        assert_eq!(hints("发布了《星河》"), QUOTE);
        assert_eq!(hints("一家叫云岫科技的公司"), NAMING);
        assert_eq!(hints("Vidu 2.0"), LATIN);
        // `C` starts CEO: a Latin letter and a title's first char.
        assert_eq!(hints("CEO"), LATIN | TITLE);
        assert_eq!(hints("\"Nimbus\""), LATIN | QUOTE);
    }
}
