//! A normalized view of a line for matching, with an exact map back to the original chars.
//!
//! What the view changes, and what it never does:
//! - full-width ASCII (U+FF01..U+FF5E) folds to ASCII, ideographic and other wide spaces to a
//!   space, dash variants to `-`: one char for one char. NFKC is deliberately not used: it
//!   changes lengths (`①` -> `1`).
//! - subtitle markup is not text: styling tags (`<i>`, `</b>`, `<c.yellow>`, `<v 大飞>`,
//!   `<00:00:01.000>`), SRT/SSA overrides (`{\an8}`) become spaces, and the HTML entities
//!   WebVTT uses (`&amp;`, `&lt;`, `&gt;`, `&nbsp;`, ...) become their char followed by
//!   spaces. Same length again.
//! - Traditional Chinese becomes Simplified (OpenCC's `t2s`, phrase-aware, via
//!   ferrous-opencc), so dictionary names, trigger words, numerals (億 萬 兩) and dates match
//!   in Traditional text. Only runs of CJK chars that hold at least one char `t2s` would change
//!   are converted: Simplified lines pay one table look-up a char. A converted run that keeps
//!   its length maps char for char; one that changes length (a phrase converted to a longer or
//!   shorter one) maps each converted char proportionally, monotonically, onto the run's
//!   original chars, so a span still maps to a valid original span that covers it.
//!
//! Mentions keep pointing into the original line: `to_original` maps every char of `text` to
//! the original char it came from, and [`NormalizedLine::original_span`] maps spans back.

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

// Generated (see `T2s`); rustfmt would spread its tables one entry a line.
#[rustfmt::skip]
mod t2s_table;
// Generated (see `T2s::may_rephrase`).
#[rustfmt::skip]
mod tw_keys;

/// Fold one char to its matching form: full-width ASCII to ASCII, wide spaces, tab and CR to
/// space, dash variants to `-`. Returns the char itself when nothing applies.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\t' | '\r' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{30FB}' | '\u{FF65}' | '\u{2027}' => '·',
        '\u{301C}' => '~',
        '\u{FFE5}' => '¥',
        _ => c,
    }
}

/// A value for every char of the Basic Multilingual Plane, computed once from a function of
/// the char and read with one load: how every per-char table of the hot loops is built (the
/// line's classes here, `t2s`'s changed chars, the value readers' char flags, the unknown-name
/// finder's signal chars). Surrogate code points get `T::default()`; past the BMP
/// [`BmpTable::get`] answers `None`, and each user says what that means.
pub struct BmpTable<T>(Box<[T]>);

impl<T: Copy + Default> BmpTable<T> {
    /// `value` is called once per char, in char order (so it may walk a sorted list, see
    /// [`BmpTable::marking`]).
    pub fn new(mut value: impl FnMut(char) -> T) -> Self {
        BmpTable(
            (0..=0xFFFF_u32)
                .map(|u| char::from_u32(u).map_or_else(T::default, &mut value))
                .collect(),
        )
    }

    /// The table that gives each char of `sorted` (ascending; repeats allowed) the value its
    /// `value` gives, every other char `T::default()`: one walk, no search per char.
    pub fn marking(sorted: &[char], mut value: impl FnMut(char) -> T) -> Self {
        let mut next = sorted.iter().copied().peekable();
        Self::new(|c| {
            while next.next_if(|&m| m < c).is_some() {}
            if next.peek() == Some(&c) {
                value(c)
            } else {
                T::default()
            }
        })
    }

    /// The value of `c`, or `None` past the BMP.
    #[inline]
    pub fn get(&self, c: char) -> Option<T> {
        self.0.get(c as usize).copied()
    }
}

/// A line in matching form, with the map back to the original line.
#[derive(Debug, Clone, Default)]
pub struct NormalizedLine {
    pub text: String,
    /// For each char of `text`, the char offset in the original line it came from
    /// (non-decreasing).
    pub to_original: Vec<usize>,
    /// Length of the original line in chars.
    pub original_len: usize,
}

impl NormalizedLine {
    pub fn new(original: &str) -> Self {
        let mut out = NormalizedLine::default();
        out.fill(original);
        out
    }

    /// [`NormalizedLine::new`], also leaving the chars of the normalized text in `chars`
    /// (cleared first): the normalization reads the line's chars anyway, and on most lines
    /// they are the normalized text's, so a caller that needs them decodes nothing again.
    pub fn with_chars(original: &str, chars: &mut Vec<char>) -> Self {
        chars.clear();
        let mut out = NormalizedLine::default();
        let unchanged = out.fill_seeing(original, |c| chars.push(c));
        if !unchanged {
            chars.clear();
            chars.extend(out.text.chars());
        }
        out
    }

    /// Refill from another line, reusing the buffers.
    pub fn fill(&mut self, original: &str) {
        self.fill_seeing(original, |_| {});
    }

    /// [`NormalizedLine::fill`], showing each char of `original` to `seen` on the way; true
    /// when the text is `original` unchanged.
    #[inline]
    fn fill_seeing(&mut self, original: &str, mut seen: impl FnMut(char)) -> bool {
        self.text.clear();
        self.to_original.clear();
        // Fast path: one look-up a char says whether anything needs more work.
        let classes = &*CHAR_CLASSES;
        let mut all = 0;
        let mut n = 0;
        for c in original.chars() {
            seen(c);
            all |= classes.of(c);
            n += 1;
        }
        let (markup, traditional) = (all & MARKUP != 0, all & TRADITIONAL != 0);
        // Folding never lengthens a char (full-width forms and odd spaces and dashes become
        // ASCII or `·`), so the text fits in the original's bytes; until markup or Traditional
        // chars call for more work, char i comes from char i. Sized once: growing both
        // buffers char by char was a chain of reallocations on every line.
        // Most lines fold to themselves: then the text is a copy, not a char-by-char rebuild.
        if all & FOLDS != 0 {
            self.text.reserve(original.len());
            self.text.extend(original.chars().map(fold_char));
        } else {
            self.text.push_str(original);
        }
        self.to_original.reserve(n);
        self.to_original.extend(0..n);
        self.original_len = n;
        if !markup && !traditional {
            return all & FOLDS == 0;
        }
        let t2s = &*T2S;
        let mut chars: Vec<char> = self.text.chars().collect();
        if markup {
            blank_markup(&mut chars);
        }
        self.text.clear();
        self.to_original.clear();
        if traditional {
            self.convert_runs(t2s, &chars);
            self.mainland_phrases(t2s, &chars);
        } else {
            self.text.extend(chars.iter());
            self.to_original.extend(0..chars.len());
        }
        false
    }

    /// Copy `chars`, converting each run of CJK chars that holds a Traditional char.
    fn convert_runs(&mut self, t2s: &T2s, chars: &[char]) {
        let mut i = 0;
        let mut run = String::new();
        while i < chars.len() {
            let c = chars[i];
            if !(is_cjk(c) || t2s.changes(c)) {
                self.text.push(c);
                self.to_original.push(i);
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (is_cjk(chars[i]) || t2s.changes(chars[i])) {
                i += 1;
            }
            let original = &chars[start..i];
            if !original.iter().any(|&c| t2s.changes(c)) {
                self.text.extend(original.iter());
                self.to_original.extend(start..i);
                continue;
            }
            let m = original.len();
            let k = t2s.convert_run(original, &mut run, &mut self.text);
            // j * m / k: identity when k == m, otherwise proportional and monotonic.
            self.to_original.extend((0..k).map(|j| start + j * m / k));
        }
    }

    /// On a line holding Traditional chars: Taiwan and Hong Kong phrasing as the mainland
    /// says it (使用者 -> 用户, 軟體 -> 软件, 釋出 -> 发布, 百川智慧 -> 百川智能), by OpenCC's
    /// phrase tables (`tw2sp`: TWPhrasesRev and the variant tables before TSPhrases). The
    /// phrase-converted line is aligned with the char-converted one (a longest common
    /// subsequence): every char the two share keeps its exact original char, and a phrase
    /// that changed maps proportionally onto the chars it replaced.
    fn mainland_phrases(&mut self, t2s: &T2s, source: &[char]) {
        let source: String = source.iter().collect();
        // No Taiwan phrase or variant in the line: `tw2sp` is `t2s` there, the text as it is.
        if !t2s.may_rephrase(&source) {
            return;
        }
        let phrased = t2s.convert_mainland(&source);
        if phrased == self.text {
            return;
        }
        let a: Vec<char> = self.text.chars().collect();
        let b: Vec<char> = phrased.chars().collect();
        if a.is_empty() {
            return;
        }
        let map = align(&a, &b);
        let to_original: Vec<usize> = map.iter().map(|&i| self.to_original[i]).collect();
        self.text = phrased;
        self.to_original = to_original;
    }

    /// Map a char span of the normalized text back to a char span of the original line:
    /// valid (`start < end <= original_len`) and covering every original char the
    /// normalized span came from. Never panics; an empty or out-of-range span maps to the
    /// nearest valid one.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.original_len == 0 {
            return (0, 0);
        }
        let last = self.original_len - 1;
        let s = self
            .to_original
            .get(start)
            .copied()
            .unwrap_or(last)
            .min(last);
        // Where a phrase grew (one original char became two), the chars share an original
        // char: the span still ends after the original char of its own last char.
        let last_own = end
            .checked_sub(1)
            .and_then(|i| self.to_original.get(i))
            .map_or(0, |&o| o + 1);
        let e = self
            .to_original
            .get(end)
            .copied()
            .unwrap_or(self.original_len)
            .max(last_own)
            .min(self.original_len);
        (s, e.max(s + 1))
    }
}

/// What [`NormalizedLine::fill`] must do about a char, as bits of its class.
const FOLDS: u8 = 1;
const TRADITIONAL: u8 = 2;
const MARKUP: u8 = 4;

/// The class of every BMP char, so the pass over each line asks one table instead of
/// `fold_char`, `T2s::changes` and the markup test in turn.
struct CharClasses(BmpTable<u8>);

static CHAR_CLASSES: LazyLock<CharClasses> =
    LazyLock::new(|| CharClasses(BmpTable::new(CharClasses::compute)));

impl CharClasses {
    fn compute(c: char) -> u8 {
        let mut class = 0;
        if fold_char(c) != c {
            class |= FOLDS;
        }
        if T2S.changes(c) {
            class |= TRADITIONAL;
        }
        if matches!(c, '<' | '{' | '&') {
            class |= MARKUP;
        }
        class
    }

    #[inline]
    fn of(&self, c: char) -> u8 {
        self.0.get(c).unwrap_or_else(|| Self::compute(c))
    }
}

/// Blank subtitle markup to spaces in place (same length).
fn blank_markup(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        let len = match chars[i] {
            '<' => tag_len(&chars[i..]),
            '{' => override_len(&chars[i..]),
            '&' => entity(&chars[i..]).map(|(len, c)| {
                chars[i] = c;
                for x in &mut chars[i + 1..i + len] {
                    *x = ' ';
                }
                0
            }),
            _ => None,
        };
        match len {
            Some(0) | None => i += 1,
            Some(len) => {
                for x in &mut chars[i..i + len] {
                    *x = ' ';
                }
                i += len;
            }
        }
    }
}

/// Longest markup run looked at (a `<` without its `>` nearby is text).
const MAX_TAG_CHARS: usize = 200;

/// Length of a WebVTT/SRT styling tag starting at `s[0] == '<'`: `<i>`, `</i>`, `<b>`, `<u>`,
/// `<s>`, `<c.class>`, `<v Name>`, `<lang zh>`, `<ruby>`, `<rt>`, `<font color=..>`, or a cue
/// timestamp `<00:01.000>`.
fn tag_len(s: &[char]) -> Option<usize> {
    let close = s.iter().take(MAX_TAG_CHARS).position(|&c| c == '>')?;
    let inner = &s[1..close];
    if inner.contains(&'<') || inner.contains(&'\n') {
        return None;
    }
    let inner = inner.strip_prefix(&['/']).unwrap_or(inner);
    if inner.first().is_some_and(char::is_ascii_digit) {
        return inner
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
            .then_some(close + 1);
    }
    let name_len = inner
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(inner.len());
    let name: String = inner[..name_len]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    let known = matches!(
        name.as_str(),
        "i" | "b" | "u" | "s" | "c" | "v" | "lang" | "ruby" | "rt" | "font"
    );
    let boundary_ok = match inner.get(name_len) {
        None => true,
        Some(c) => matches!(c, '.' | ' ' | '\t'),
    };
    (known && boundary_ok).then_some(close + 1)
}

/// Length of an SSA override block `{\...}` starting at `s[0] == '{'`.
fn override_len(s: &[char]) -> Option<usize> {
    if s.get(1) != Some(&'\\') {
        return None;
    }
    let close = s.iter().take(MAX_TAG_CHARS).position(|&c| c == '}')?;
    (!s[1..close].contains(&'{')).then_some(close + 1)
}

/// An HTML entity at `s[0] == '&'`: its length and the char it stands for.
fn entity(s: &[char]) -> Option<(usize, char)> {
    const ENTITIES: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&nbsp;", ' '),
        ("&quot;", '"'),
        ("&apos;", '\''),
        ("&lrm;", ' '),
        ("&rlm;", ' '),
    ];
    ENTITIES.iter().find_map(|(name, c)| {
        let n = name.len();
        (s.len() >= n && s[..n].iter().copied().eq(name.chars())).then_some((n, *c))
    })
}

/// Traditional chars whose OpenCC `t2s` conversion depends on the phrase they are in (乾 in
/// 乾隆 stays, in 乾淨 becomes 干; 瞭 in 瞭解 becomes 了): the chars of OpenCC's `TSPhrases`
/// where a phrase converts differently from the chars one by one. A run holding none of
/// them converts char by char to exactly what OpenCC gives; a run holding one goes through
/// OpenCC itself. `tests::fast_path_equals_opencc` holds the two together.
const CONTEXT_SENSITIVE: &str = "么乾俱吒噁彷徵於昇沈濛牴畫瞭薹藉衹覆鉅鍊鍾麼麽";

/// The Traditional -> Simplified converter, built once per process and shared by every
/// thread (`OpenCC` is `Send + Sync`), with a table of what it does to each char alone.
///
/// OpenCC itself costs about 0.4 µs a char (it allocates for every dictionary match), more
/// than all the rest of the pipeline; the table converts char by char at table-look-up cost
/// and leaves OpenCC the few runs where a phrase decides.
///
/// The table is generated from OpenCC once and committed (`t2s_table.rs`; the test
/// `t2s_table_matches_opencc` regenerates it and fails when it is stale): deriving it at
/// start-up meant loading OpenCC's dictionaries and converting 90,000 chars, a fifth of a
/// run's start-up. OpenCC itself is loaded only when a phrase-dependent run turns up.
pub struct T2s {
    opencc: LazyLock<OpenCC>,
    /// OpenCC's `tw2sp`: Taiwan phrasing to the mainland's, for lines holding Traditional
    /// chars.
    mainland: LazyLock<OpenCC>,
    /// The keys of `tw2sp`'s first step (`tw_keys.rs`), to find in a line: a line holding
    /// none converts as `t2s` converts it.
    taiwan: LazyLock<aho_corasick::AhoCorasick>,
    /// For each BMP char: does a run holding it need converting (see [`T2s::changes`]).
    bmp: BmpTable<bool>,
    /// What `t2s` makes of each char it changes one for one, sorted by char.
    table: &'static [(char, char)],
    /// Chars only OpenCC converts right (context-sensitive, or not one char for one).
    context: Vec<char>,
}

/// The shared converter.
pub static T2S: LazyLock<T2s> = LazyLock::new(T2s::build);

fn load_opencc() -> OpenCC {
    OpenCC::from_config(BuiltinConfig::T2s)
        .expect("ferrous-opencc's built-in t2s configuration loads")
}

impl T2s {
    fn build() -> Self {
        // Context-sensitive chars that t2s leaves alone on their own (瞭 in 瞭解, 覆 in 回覆)
        // must still send their run to OpenCC. Except 么: so common in Simplified (什么) that
        // it would send half of all lines there, and its only phrases (么麼, 么麽) hold 麼 or
        // 麽, which change alone and trigger the run anyway.
        let mut marked: Vec<char> = t2s_table::ONE_FOR_ONE
            .iter()
            .map(|&(c, _)| c)
            .chain(t2s_table::NOT_ONE_FOR_ONE.iter().copied())
            .chain(CONTEXT_SENSITIVE.chars().filter(|&c| c != '么'))
            .collect();
        marked.sort_unstable();
        let bmp = BmpTable::marking(&marked, |_| true);
        // Beyond the BMP, `changes` answers from the table.
        let mut context: Vec<char> = CONTEXT_SENSITIVE
            .chars()
            .chain(t2s_table::NOT_ONE_FOR_ONE.iter().copied())
            .collect();
        context.sort_unstable();
        context.dedup();
        T2s {
            opencc: LazyLock::new(load_opencc),
            mainland: LazyLock::new(|| {
                OpenCC::from_config(BuiltinConfig::Tw2sp)
                    .expect("ferrous-opencc's built-in tw2sp configuration loads")
            }),
            taiwan: LazyLock::new(|| {
                aho_corasick::AhoCorasick::new(tw_keys::KEYS)
                    .expect("the Taiwan phrase keys build an automaton")
            }),
            bmp,
            table: t2s_table::ONE_FOR_ONE,
            context,
        }
    }

    /// Whether a run holding `c` needs converting: `t2s` changes `c` taken alone (a
    /// Traditional char, or a variant form), or `c` changes in some phrase.
    #[inline]
    pub fn changes(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x2E80 {
            false
        } else {
            // Beyond the BMP, from the table.
            self.bmp.get(c).unwrap_or_else(|| {
                self.lookup(c).is_some() || self.context.binary_search(&c).is_ok()
            })
        }
    }

    #[inline]
    fn lookup(&self, c: char) -> Option<char> {
        self.table
            .binary_search_by_key(&c, |&(t, _)| t)
            .ok()
            .map(|i| self.table[i].1)
    }

    /// Whether any char of `text` is one `t2s` changes.
    pub fn needed(&self, text: &str) -> bool {
        text.chars().any(|c| self.changes(c))
    }

    /// `t2s` of `text`, the same as OpenCC's: char by char from the table, except the runs of
    /// CJK chars that hold a context-sensitive char, which OpenCC converts.
    pub fn convert(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = NormalizedLine::default();
        out.convert_runs(self, &chars);
        out.text
    }

    /// OpenCC's `tw2sp` of `text`: Simplified, with Taiwan phrases as the mainland says them.
    pub fn convert_mainland(&self, text: &str) -> String {
        self.mainland.convert(text)
    }

    /// Does `text` hold a phrase or variant `tw2sp` rewrites before converting as `t2s` does
    /// (a key of TWPhrasesRev, TWVariantsRevPhrases or TWVariantsRev)? When it holds none,
    /// `tw2sp` of `text` is its `t2s`, and OpenCC (about 2,000 instructions a char) need not
    /// run: 1 line in 30 of Traditional text holds one.
    pub fn may_rephrase(&self, text: &str) -> bool {
        self.taiwan.is_match(text)
    }

    /// OpenCC's own `t2s` of `text` (phrase-aware, slow).
    pub fn convert_opencc(&self, text: &str) -> String {
        self.opencc.convert(text)
    }

    /// Convert one run of CJK chars (holding a char `t2s` changes) into `out`, returning how
    /// many chars were written.
    fn convert_run(&self, run: &[char], scratch: &mut String, out: &mut String) -> usize {
        if run.iter().any(|c| self.context.binary_search(c).is_ok()) {
            scratch.clear();
            scratch.extend(run.iter());
            let converted = self.opencc.convert(scratch);
            out.push_str(&converted);
            return converted.chars().count();
        }
        for &c in run {
            out.push(if self.changes(c) {
                self.lookup(c).unwrap_or(c)
            } else {
                c
            });
        }
        run.len()
    }

    /// How many chars `t2s` changes on their own.
    pub fn table_len(&self) -> usize {
        self.table.len() + self.context.len()
    }
}

/// For each char of `b`, a char of `a` (non-decreasing): the same char where a longest common
/// subsequence pairs them, proportionally across the chars of `a` between two pairs otherwise.
/// `a` is not empty. Common prefix and suffix are paired first, so the table covers only the
/// part that differs (a phrase or two of a line).
fn align(a: &[char], b: &[char]) -> Vec<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..].
    let w = bm.len() + 1;
    let mut lcs = vec![0u32; (am.len() + 1) * w];
    for i in (0..am.len()).rev() {
        for j in (0..bm.len()).rev() {
            lcs[i * w + j] = if am[i] == bm[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    // The pairs, then the gaps between them.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < am.len() && j < bm.len() {
        if am[i] == bm[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    // A char paired alone between two changed stretches is part of a phrase that changed
    // (使用者 -> 用户 shares 用): it maps with its phrase, so the span covers it all.
    let paired = |k: usize, d: isize| {
        let (pa, pb) = pairs[k];
        let n = k as isize + d;
        n >= 0
            && (n as usize) < pairs.len()
            && pairs[n as usize] == ((pa as isize + d) as usize, (pb as isize + d) as usize)
    };
    let keep: Vec<bool> = (0..pairs.len())
        .map(|k| paired(k, -1) || paired(k, 1))
        .collect();
    let mut k = 0;
    pairs.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    pairs.push((am.len(), bm.len()));
    let mut out: Vec<usize> = (0..prefix).collect();
    let (mut ga, mut gb) = (0, 0);
    for (pa, pb) in pairs {
        // b's chars gb..pb fall in a's chars ga..pa.
        let (m, k) = (pa - ga, pb - gb);
        for t in 0..k {
            let at = if m == 0 { ga } else { ga + t * m / k };
            out.push((prefix + at).min(a.len() - 1));
        }
        if pb < bm.len() {
            out.push(prefix + pa);
        }
        (ga, gb) = (pa + 1, pb + 1);
    }
    out.extend(a.len() - suffix..a.len());
    out
}

/// The chars `start..end` of `line` (char offsets), as a new string; offsets past the end
/// stop at the end.
pub fn char_slice(line: &str, start: usize, end: usize) -> String {
    // Find the byte offsets and copy once: every mention takes its text this way, and
    // collecting the chars one by one re-encoded each of them.
    let from = byte_offset(line, start);
    let rest = &line[from..];
    rest[..byte_offset(rest, end.saturating_sub(start))].to_string()
}

/// The byte offset of char `n` of `text`, or its length when it has no such char.
fn byte_offset(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(b, _)| b)
}

/// True for the CJK ideographs a Chinese name is written in.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marking_table_marks_its_chars_only() {
        let t = BmpTable::marking(&['a', 'a', '中', '\u{FFFF}'], |c| c as u32);
        assert_eq!(t.get('a'), Some('a' as u32));
        assert_eq!(t.get('中'), Some('中' as u32));
        assert_eq!(t.get('\u{FFFF}'), Some(0xFFFF));
        assert_eq!(t.get('b'), Some(0));
        assert_eq!(t.get('\u{10000}'), None);
        let all = BmpTable::new(|c| c == 'x');
        assert_eq!(all.get('x'), Some(true));
        assert_eq!(all.get('y'), Some(false));
    }

    #[test]
    fn with_chars_leaves_the_normalized_chars() {
        let mut chars = vec!['x'];
        for line in ["普通的一行", "ＧＰＴ－４ｏ", "<i>字幕</i>", "這是繁體", ""] {
            let n = NormalizedLine::with_chars(line, &mut chars);
            assert_eq!(n.text, NormalizedLine::new(line).text);
            assert_eq!(chars, n.text.chars().collect::<Vec<_>>(), "{line}");
        }
    }

    #[test]
    fn taiwan_phrasing_reads_as_the_mainland_says_it() {
        // 使用者 (3 chars) is 用户 (2); 軟體 is 软件; the chars around keep their exact places.
        let n = check_spans("這個軟體的使用者超過一億");
        assert_eq!(n.text, "这个软件的用户超过一亿");
        let at = |t: &str| n.text.chars().position(|c| t.starts_with(c)).unwrap();
        assert_eq!(n.original_span(at("软件"), at("软件") + 2), (2, 4));
        assert_eq!(n.original_span(at("用户"), at("用户") + 2), (5, 8));
        assert_eq!(n.original_span(at("超过"), at("超过") + 2), (8, 10));
        let n = check_spans("團隊今天釋出新版軟體");
        // A phrase that grows (one char read as two) still gives spans covering their chars.
        check_spans("一埠釲");
        assert!(n.text.contains("发布"), "{}", n.text);
        // A Simplified line has no phrase view: 使用者 stays as it is.
        assert_eq!(
            NormalizedLine::new("这款工具的使用者很多").text,
            "这款工具的使用者很多"
        );
    }

    #[test]
    fn align_pairs_shared_chars_and_spreads_the_rest() {
        let a: Vec<char> = "甲乙丙丁".chars().collect();
        assert_eq!(align(&a, &a), [0, 1, 2, 3]);
        // 乙丙 replaced by one char; one char inserted at the end.
        assert_eq!(align(&a, &"甲戊丁".chars().collect::<Vec<_>>()), [0, 1, 3]);
        // A char shared inside a changed phrase maps with it (使用者 -> 用户).
        let a: Vec<char> = "的使用者很".chars().collect();
        assert_eq!(
            align(&a, &"的用户很".chars().collect::<Vec<_>>()),
            [0, 1, 2, 4]
        );
        let a: Vec<char> = "甲乙丙丁".chars().collect();
        assert_eq!(
            align(&a, &"甲乙丙丁戊".chars().collect::<Vec<_>>()),
            [0, 1, 2, 3, 3]
        );
        // Longer: each new char maps into the replaced chars, in order.
        let b: Vec<char> = "甲戊己庚丁".chars().collect();
        let m = align(&a, &b);
        assert_eq!(m.len(), 5);
        assert!(m.is_sorted() && m[0] == 0 && m[4] == 3 && (1..=2).contains(&m[2]));
    }

    fn check_spans(line: &str) -> NormalizedLine {
        let n = NormalizedLine::new(line);
        let len = n.text.chars().count();
        assert_eq!(len, n.to_original.len());
        for s in 0..len {
            for e in s + 1..=len {
                let (a, b) = n.original_span(s, e);
                assert!(
                    a < b && b <= n.original_len,
                    "{line:?} {s}..{e} -> {a}..{b}"
                );
                // Covering: every char of the span came from inside the original span.
                for j in s..e {
                    assert!(
                        (a..b).contains(&n.to_original[j]),
                        "{line:?} {s}..{e} -> {a}..{b}: char {j} is from {}",
                        n.to_original[j]
                    );
                }
            }
        }
        n
    }

    #[test]
    fn folds_full_width_digits_letters_and_space() {
        let n = NormalizedLine::new("２０２４年　ＧＰＴ－４ｏ");
        assert_eq!(n.text, "2024年 GPT-4o");
        assert_eq!(n.text.chars().count(), n.to_original.len());
    }

    #[test]
    fn original_span_maps_back_exactly() {
        let line = "用　ＧＰＴ－４ｏ做";
        let n = NormalizedLine::new(line);
        let (s, e) = n.original_span(2, 8);
        assert_eq!(char_slice(line, s, e), "ＧＰＴ－４ｏ");
    }

    #[test]
    fn char_slice_takes_chars_and_stops_at_the_end() {
        let line = "智谱AI发布GLM";
        for start in 0..12usize {
            for end in 0..12usize {
                let expected: String = line
                    .chars()
                    .skip(start)
                    .take(end.saturating_sub(start))
                    .collect();
                assert_eq!(char_slice(line, start, end), expected, "{start}..{end}");
            }
        }
    }

    #[test]
    fn leaves_cjk_and_ascii_alone() {
        let n = NormalizedLine::new("智谱 AI 2019");
        assert_eq!(n.text, "智谱 AI 2019");
    }

    #[test]
    fn blanks_subtitle_markup_keeping_offsets() {
        let line = "<i>智谱</i>与<c.yellow>月之暗面</c>{\\an8}<v 大飞>好";
        let n = check_spans(line);
        assert_eq!(n.text.chars().count(), line.chars().count());
        assert_eq!(
            n.text,
            "   智谱    与          月之暗面    {\\an8}      好".replace("{\\an8}", "      ")
        );
        let at = n.text.find("月之暗面").unwrap();
        let start = n.text[..at].chars().count();
        let (s, e) = n.original_span(start, start + 4);
        assert_eq!(char_slice(line, s, e), "月之暗面");
        assert_eq!(NormalizedLine::new("AT&amp;T").text, "AT&    T");
        for text in ["<5%", "a < b > c", "{不是}", "<script>", "1<2 和 3>2"] {
            assert_eq!(NormalizedLine::new(text).text, text);
        }
        assert_eq!(
            NormalizedLine::new("<00:00:01.000>好").text,
            "              好"
        );
    }

    #[test]
    fn traditional_converts_with_exact_spans() {
        let line = "智譜成立於2019年，融資兩億美元，月之暗面估值3億";
        let n = check_spans(line);
        assert_eq!(n.text, "智谱成立于2019年,融资两亿美元,月之暗面估值3亿");
        let at = n.text.find("两亿美元").unwrap();
        let start = n.text[..at].chars().count();
        let (s, e) = n.original_span(start, start + 4);
        assert_eq!(char_slice(line, s, e), "兩億美元");
    }

    #[test]
    fn simplified_text_is_left_alone() {
        for line in [
            "大家好，这里是最佳拍档，我是大飞",
            "智谱成立于 2019 年 6 月",
        ] {
            assert!(!T2S.needed(line), "{line}");
            let folded: String = line.chars().map(fold_char).collect();
            assert_eq!(NormalizedLine::new(line).text, folded);
        }
    }

    #[test]
    fn fast_path_equals_opencc() {
        let samples = [
            "智譜成立於2019年，融資兩億美元",
            "乾隆年間，衣服乾淨；一目瞭然，不瞭解；著名的顯著成就",
            "麼麽么，藉口與憑藉，覆蓋與反覆，徵收與象徵，沈先生沈沒",
            "鍾情於鐘錶，鉅額，畫畫與計畫，昇華，濛濛細雨，吒，噁心，彷彿，牴觸，衹有，鍊條",
            "頭髮發展後來裡面台灣臺灣鬱瞭解餘下夥伴",
            "回覆答覆，傢俱，彷彿，沈默，牴觸，藉口，衹，么麼，什么",
        ];
        for s in samples {
            assert_eq!(T2S.convert(s), T2S.convert_opencc(s), "{s}");
        }
    }

    /// What OpenCC's `t2s` makes of each char alone: the chars it changes one for one, and
    /// the chars it turns into nothing or several chars.
    fn tables_from_opencc() -> (Vec<(char, char)>, Vec<char>) {
        let opencc = load_opencc();
        // Convert every candidate char at once, one a line: no phrase spans a line break, so
        // each line of the output is that char's own conversion.
        let candidates: Vec<char> = (0x2E80u32..=0x9FFF)
            .chain(0xF900..=0xFAFF)
            .chain(0xFE30..=0xFE4F)
            .chain(0x20000..=0x2FA1F)
            .filter_map(char::from_u32)
            .collect();
        let joined: String = candidates.iter().flat_map(|&c| [c, '\n']).collect();
        let converted = opencc.convert(&joined);
        let (mut one_for_one, mut others) = (Vec::new(), Vec::new());
        for (&c, out) in candidates.iter().zip(converted.split('\n')) {
            let mut it = out.chars();
            match (it.next(), it.next()) {
                (Some(s), None) if s == c => {}
                (Some(s), None) => one_for_one.push((c, s)),
                _ => others.push(c),
            }
        }
        (one_for_one, others)
    }

    fn render_t2s_table(one_for_one: &[(char, char)], others: &[char]) -> String {
        let mut out = String::from(
            "//! Generated from ferrous-opencc's `t2s` by the test `t2s_table_matches_opencc`:\n\
             //! what it makes of each char taken alone. Do not edit; regenerate with\n\
             //! `TFACTS_WRITE_T2S_TABLE=1 cargo test --lib t2s_table_matches_opencc`.\n\n\
             /// Chars `t2s` changes one for one, sorted.\n\
             pub(super) const ONE_FOR_ONE: &[(char, char)] = &[\n",
        );
        for row in one_for_one.chunks(8) {
            let cells: Vec<String> = row.iter().map(|(t, s)| format!("('{t}', '{s}')")).collect();
            out.push_str(&format!("    {},\n", cells.join(", ")));
        }
        out.push_str(
            "];\n\n/// Chars `t2s` turns into nothing or into several chars, sorted.\n\
             pub(super) const NOT_ONE_FOR_ONE: &[char] = &[\n",
        );
        for row in others.chunks(16) {
            let cells: Vec<String> = row.iter().map(|c| format!("'{c}'")).collect();
            out.push_str(&format!("    {},\n", cells.join(", ")));
        }
        out.push_str("];\n");
        out
    }

    /// The keys of `tw2sp`'s first step, read from ferrous-opencc's dictionary sources in the
    /// crate source cargo unpacked (the version Cargo.lock names); `None` when that is not at
    /// hand (a vendored or offline build).
    fn tw_keys_from_opencc() -> Option<Vec<String>> {
        use std::path::PathBuf;
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let lock = std::fs::read_to_string(manifest.join("Cargo.lock")).ok()?;
        let version = lock.split("[[package]]").find_map(|p| {
            let mut fields = p.lines().map(str::trim).filter(|l| !l.is_empty());
            if fields.next()? != "name = \"ferrous-opencc\"" {
                return None;
            }
            let version = fields.next()?.strip_prefix("version = ")?;
            Some(version.trim_matches('"').to_string())
        })?;
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
        let dir = std::fs::read_dir(home.join("registry/src"))
            .ok()?
            .filter_map(Result::ok)
            .map(|e| {
                e.path()
                    .join(format!("ferrous-opencc-{version}/assets/dictionaries"))
            })
            .find(|d| d.is_dir())?;
        let mut keys = std::collections::BTreeSet::new();
        for file in [
            "TWPhrasesRev.txt",
            "TWVariantsRevPhrases.txt",
            "TWVariantsRev.txt",
        ] {
            let text = std::fs::read_to_string(dir.join(file)).ok()?;
            for line in text.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let key = line.split('\t').next().unwrap_or("");
                if !key.is_empty() {
                    keys.insert(key.to_string());
                }
            }
        }
        Some(keys.into_iter().collect())
    }

    fn render_tw_keys(keys: &[String]) -> String {
        let mut out = String::from(
            "//! Generated from ferrous-opencc's `tw2sp` dictionaries by the test `tw_keys_match_opencc`:\n\
             //! the keys of its first step (TWPhrasesRev, TWVariantsRevPhrases, TWVariantsRev), the Taiwan\n\
             //! phrases and variants it rewrites before `t2s`. Do not edit; regenerate with\n\
             //! `TFACTS_WRITE_TW_KEYS=1 cargo test --lib tw_keys_match_opencc`.\n\n\
             /// The keys, sorted.\n\
             pub(super) const KEYS: &[&str] = &[\n",
        );
        for row in keys.chunks(8) {
            let cells: Vec<String> = row.iter().map(|k| format!("{k:?}")).collect();
            out.push_str(&format!("    {},\n", cells.join(", ")));
        }
        out.push_str("];\n");
        out
    }

    #[test]
    fn tw_keys_match_opencc() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/normalize/tw_keys.rs");
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        // The keys are found where the gate looks for them, and some rewrite: 軟體 -> 软件.
        assert!(T2S.may_rephrase("這套軟體的使用者"));
        assert!(!T2S.may_rephrase("這家公司成立於2019年"));
        assert_eq!(T2S.convert_mainland("軟體"), "软件");
        let Some(keys) = tw_keys_from_opencc() else {
            eprintln!("ferrous-opencc's dictionary sources not found: tw_keys.rs not compared");
            return;
        };
        let expected = render_tw_keys(&keys);
        check_generated(
            &path,
            &committed,
            expected,
            "TFACTS_WRITE_TW_KEYS",
            "tw_keys_match_opencc",
        );
    }

    /// A generated file must be what its source gives now; with `env` set it is rewritten.
    fn check_generated(
        path: &std::path::Path,
        committed: &str,
        expected: String,
        env: &str,
        test: &str,
    ) {
        if committed == expected {
            return;
        }
        if std::env::var_os(env).is_some() {
            std::fs::write(path, expected).unwrap();
        } else {
            panic!(
                "{} is not what ferrous-opencc gives (a new version?); regenerate it: \
                 {env}=1 cargo test --lib {test}",
                path.display()
            );
        }
    }

    /// Every line of the development set's Traditional episodes that holds no key converts
    /// under `tw2sp` exactly as under `t2s`: skipping OpenCC there changes nothing.
    #[test]
    fn lines_without_a_taiwan_key_convert_as_t2s() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev/transcripts");
        let (mut checked, mut rephrased) = (0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                let folded: String = line.chars().map(fold_char).collect();
                if !T2S.needed(&folded) {
                    continue;
                }
                if T2S.may_rephrase(&folded) {
                    rephrased += 1;
                    continue;
                }
                checked += 1;
                assert_eq!(
                    T2S.convert_mainland(&folded),
                    T2S.convert(&folded),
                    "{line}"
                );
            }
        }
        assert!(
            checked > 100 && rephrased > 0,
            "{checked} lines checked, {rephrased} with a key"
        );
    }

    #[test]
    fn t2s_table_matches_opencc() {
        let (one_for_one, others) = tables_from_opencc();
        let expected = render_t2s_table(&one_for_one, &others);
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/normalize/t2s_table.rs");
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        check_generated(
            &path,
            &committed,
            expected,
            "TFACTS_WRITE_T2S_TABLE",
            "t2s_table_matches_opencc",
        );
    }

    #[test]
    fn converter_table_is_sane() {
        assert!(T2S.changes('譜') && T2S.changes('億') && T2S.changes('萬') && T2S.changes('兩'));
        assert!(!T2S.changes('谱') && !T2S.changes('a') && !T2S.changes('，'));
        assert!(T2S.table_len() > 2000, "{}", T2S.table_len());
    }

    #[test]
    fn spans_stay_valid_on_awkward_lines() {
        for line in [
            "",
            "a",
            "\r",
            "😀智譜😀",
            "　",
            "<i>",
            "{\\",
            "&amp",
            "&amp;",
            "萬萬兩兩",
            "<v>",
        ] {
            let n = check_spans(line);
            if line.is_empty() {
                assert_eq!(n.original_span(0, 0), (0, 0));
            }
        }
    }
}
