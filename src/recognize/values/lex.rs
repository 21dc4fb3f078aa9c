//! Character classes and word lists shared by the numeral, quantity and date readers.
//!
//! Everything here works on the recognizer's own view of a line: one `char` per char of the
//! normalized text ([`fold`] maps variants one to one, so offsets never move).

use daachorse::CharwiseDoubleArrayAhoCorasick;

/// Fold the variants the readers care about to one form, one char for one char: full-width
/// digits and signs, Traditional forms of numeral and pattern chars, financial numerals
/// (壹贰叁 …) and dash variants.
#[inline]
pub(super) fn fold(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
        '\u{FF05}' => '%',
        '\u{FF0E}' => '.',
        '\u{FF0C}' => ',',
        '\u{FF0F}' => '/',
        '\u{FF0D}' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{FF5E}' | '\u{301C}' => '~',
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\t' => ' ',
        '\u{FF04}' => '$',
        '\u{FFE5}' => '¥',
        '億' => '亿',
        '萬' => '万',
        '兩' => '两',
        '點' => '点',
        '個' => '个',
        '幾' => '几',
        '數' => '数',
        '餘' => '余',
        '約' => '约',
        '過' => '过',
        '歲' => '岁',
        '臺' => '台',
        '週' => '周',
        '號' => '号',
        '後' => '后',
        '這' => '这',
        '幣' => '币',
        '歐' => '欧',
        '韓' => '韩',
        '鎊' => '镑',
        '為' => '为',
        '達' => '达',
        '實' => '实',
        '層' => '层',
        '項' => '项',
        '條' => '条',
        '張' => '张',
        '種' => '种',
        '輛' => '辆',
        '們' => '们',
        '塊' => '块',
        '錢' => '钱',
        '圓' => '元',
        '來' => '来',
        '將' => '将',
        '節' => '节',
        '國' => '国',
        '慶' => '庆',
        '聖' => '圣',
        '誕' => '诞',
        '勞' => '劳',
        '動' => '动',
        '兒' => '儿',
        '婦' => '妇',
        '師' => '师',
        '內' => '内',
        '開' => '开',
        '頭' => '头',
        '場' => '场',
        '輪' => '轮',
        '組' => '组',
        '筆' => '笔',
        '屆' => '届',
        '頁' => '页',
        '顆' => '颗',
        '噸' => '吨',
        '畝' => '亩',
        '幀' => '帧',
        '釐' => '厘',
        '類' => '类',
        '隻' => '只',
        '戶' => '户',
        '時' => '时',
        '鐘' => '钟',
        '鍾' => '钟',
        '紀' => '纪',
        '齡' => '龄',
        '級' => '级',
        '際' => '际',
        '計' => '计',
        '僅' => '仅',
        '於' => '于',
        '壹' => '一',
        '贰' | '貳' => '二',
        '叁' | '參' => '三',
        '肆' => '四',
        '伍' => '五',
        '陆' | '陸' => '六',
        '柒' => '七',
        '捌' => '八',
        '玖' => '九',
        '拾' => '十',
        '佰' => '百',
        '仟' => '千',
        _ => c,
    }
}

/// The value of a Chinese digit char (after [`fold`]); 零 and 〇 are 0, 幺 is 1, 两 is 2.
#[inline]
pub(super) fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '幺' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 十 百 千 (the multipliers inside a section of four digits).
#[inline]
pub(super) fn cn_unit(c: char) -> Option<f64> {
    match c {
        '十' => Some(10.0),
        '百' => Some(100.0),
        '千' => Some(1000.0),
        _ => None,
    }
}

/// 万 亿 (the section multipliers).
#[inline]
pub(super) fn cn_big(c: char) -> Option<f64> {
    match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }
}

#[inline]
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Chars at which a quantity can start: a digit, a Chinese numeral, 数 or 几.
#[inline]
pub(super) fn is_numeral_start(c: char) -> bool {
    c.is_ascii_digit()
        || cn_digit(c).is_some()
        || matches!(
            c,
            '十' | '百' | '千' | '万' | '亿' | '数' | '几' | '廿' | '卅' | '卌'
        )
}

/// Chars at which a value (or a date) can start. The main scan looks at nothing else.
#[inline]
pub(super) fn is_start(c: char) -> bool {
    c.is_ascii_digit()
        || cn_digit(c).is_some()
        || matches!(
            c,
            '十' | '百'
                | '千'
                | '万'
                | '亿'
                | '数'
                | '几'
                | '今'
                | '去'
                | '前'
                | '明'
                | '后'
                | '大'
                | '昨'
                | '上'
                | '下'
                | '本'
                | '当'
                | '首'
                | '这'
                | '年'
                | '第'
                | 'Q'
                | '元'
                | '春'
                | '国'
                | '劳'
                | '圣'
                | '情'
                | '儿'
                | '妇'
                | '教'
        )
}

/// The char sets of the quick line test, as one function per set (the table is built from
/// them).
fn quick_alone(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '零' | '〇'
                | '廿'
                | '卅'
                | '卌'
                | '幺'
                | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '年'
                | '月'
                | '天'
                | '日'
                | '季'
                | '周'
                | '期'
                | '拜'
                | '旦'
                | '节'
                | 'Q'
        )
}

fn quick_after_yi(c: char) -> bool {
    matches!(
        c,
        '十' | '百'
            | '千'
            | '万'
            | '亿'
            | '点'
            | '成'
            | '月'
            | '季'
            | '元'
            | '块'
            | '美'
            | '欧'
            | '英'
            | '港'
            | '分'
    )
}

const C_QUICK: u16 = 1;
const C_YI: u16 = 2;
const C_AFTER_YI: u16 = 4;
const C_FOLDS: u16 = 8;
const C_NUM: u16 = 16;
const C_DATE: u16 = 32;
const C_BAN: u16 = 64;
const C_GE: u16 = 128;
const C_XIA: u16 = 256;
const C_TONG: u16 = 512;

/// Sixteen bits of flags for every char of the Basic Multilingual Plane, built once, so the
/// per-char work of the hot loops is one table load.
pub(super) struct CharTable(Box<[u16]>);

impl CharTable {
    /// `words`: the first char of a relative-date word a user adds starts a date too.
    pub(super) fn new(words: &super::words::Words) -> Self {
        let mut t = vec![0u16; 0x10000];
        for (u, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(u as u32) else {
                continue;
            };
            let f = fold(c);
            let mut x = 0;
            if quick_alone(f) {
                x |= C_QUICK;
            }
            if f == '一' {
                x |= C_YI;
            }
            if quick_after_yi(f) {
                x |= C_AFTER_YI;
            }
            if f != c {
                x |= C_FOLDS;
            }
            if is_numeral_start(c) {
                x |= C_NUM;
            } else if is_start(c) || words.relative_starts.iter().any(|&(a, _)| a == c) {
                x |= C_DATE;
            }
            if f == '半' {
                x |= C_BAN;
            }
            if f == '个' {
                x |= C_GE;
            }
            if c == '下' {
                x |= C_XIA;
            }
            if c == '同' {
                x |= C_TONG;
            }
            *slot = x;
        }
        CharTable(t.into_boxed_slice())
    }

    #[inline]
    fn get(&self, c: char) -> u16 {
        let u = c as usize;
        if u < 0x10000 { self.0[u] } else { 0 }
    }

    /// Can a quantity start at this (folded) char?
    #[inline]
    pub(super) fn numeral_start(&self, c: char) -> bool {
        self.get(c) & C_NUM != 0
    }

    /// Can a date word (not a numeral) start at this (folded) char?
    #[inline]
    pub(super) fn date_start(&self, c: char) -> bool {
        self.get(c) & C_DATE != 0
    }

    /// Fold the line's `chars` (one char for one char) and, in the same pass, say whether
    /// anything can start in it at all, and whether it holds 下同 (a currency declaration).
    /// The folded view is `chars` itself when no char folds (most lines: the normalized line
    /// has its full-width forms folded already), else `buf`, refilled; a line where nothing
    /// can start is not folded at all.
    ///
    /// Lines without a digit, a numeral or a date word are left at once by the caller. A lone
    /// 一 (一个, 一下, 统一 …) never makes a value by itself, so it only counts when a magnitude
    /// or 点/成/月/季/a currency follows it (or in 一个半, or at the end of the line).
    pub(super) fn fold_line<'a>(
        &self,
        chars: &'a [char],
        buf: &'a mut Vec<char>,
    ) -> FoldedLine<'a> {
        let all = chars.iter().fold(0u16, |all, &c| all | self.get(c));
        let may_declare = all & C_XIA != 0 && all & C_TONG != 0;
        if all & (C_QUICK | C_YI) == 0 && !may_declare {
            return FoldedLine {
                chars,
                may_hold_value: false,
                declares: false,
            };
        }
        let cs = if all & C_FOLDS == 0 {
            chars
        } else {
            buf.clear();
            buf.extend(chars.iter().map(|&c| {
                if self.get(c) & C_FOLDS != 0 {
                    fold(c)
                } else {
                    c
                }
            }));
            buf.as_slice()
        };
        // The pairs are looked for only when their chars occur at all.
        let declares = may_declare && cs.windows(2).any(|w| w[0] == '下' && w[1] == '同');
        FoldedLine {
            chars: cs,
            may_hold_value: all & C_QUICK != 0 || (all & C_YI != 0 && self.yi_counts(cs)),
            declares,
        }
    }

    /// True when a 一 of the folded line `cs` may make a value (see [`CharTable::fold_line`]).
    fn yi_counts(&self, cs: &[char]) -> bool {
        let (mut prev, mut prev2) = (0u16, 0u16);
        for &c in cs {
            let f = self.get(c);
            if (prev & C_YI != 0 && f & C_AFTER_YI != 0)
                || (f & C_BAN != 0 && prev & C_GE != 0 && prev2 & C_YI != 0)
            {
                return true;
            }
            prev2 = prev;
            prev = f;
        }
        prev & C_YI != 0
    }
}

/// A line's folded chars, and what [`CharTable::fold_line`] learnt of them on the way.
pub(super) struct FoldedLine<'a> {
    pub chars: &'a [char],
    pub may_hold_value: bool,
    pub declares: bool,
}

/// The false friends of `false_friends.txt` (words holding numeral chars that state no value),
/// folded, in one char-wise Aho-Corasick automaton (daachorse) built once. A position is asked
/// about by stepping the automaton over the few chars around it: a word covering `i` starts
/// at most `longest - 1` chars before it and ends at most `longest` after.
pub(super) struct FalseFriends {
    /// The words; a match's value is its word's index in `words`.
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// By index: the word's length in chars, and whether it is an allowed word (`=十分钟`).
    words: Vec<(usize, bool)>,
    /// The longest word, in chars.
    longest: usize,
}

impl FalseFriends {
    pub(super) fn new(list: &super::words::Words) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut patterns: Vec<(String, u32)> = Vec::new();
        let mut words = Vec::new();
        for w in &list.false_friends {
            let (allow, w) = match w.strip_prefix('=') {
                Some(rest) => (true, rest),
                None => (false, &**w),
            };
            let folded: String = w.chars().map(fold).collect();
            // The first of two words folding alike wins, as in the list's order; an empty one
            // would match everywhere.
            if folded.is_empty() || !seen.insert(folded.clone()) {
                continue;
            }
            patterns.push((folded, words.len() as u32));
            words.push((w.chars().count(), allow));
        }
        let longest = words.iter().map(|w| w.0).max().unwrap_or(0);
        let automaton = (!patterns.is_empty()).then(|| {
            CharwiseDoubleArrayAhoCorasick::with_values(patterns)
                .expect("distinct non-empty false friends build an automaton")
        });
        FalseFriends {
            automaton,
            words,
            longest,
        }
    }

    /// If a false friend covers position `i` of `cs`, the end of the longest one covering it
    /// (of two as long, the one listed first, then the one starting later); an allowed word
    /// that wins gives `None`.
    pub(super) fn covering(&self, cs: &[char], i: usize) -> Option<usize> {
        let automaton = self.automaton.as_ref()?;
        let from = (i + 1).saturating_sub(self.longest);
        let to = (i + self.longest).min(cs.len());
        let mut stepper = automaton.find_overlapping_stepper();
        // (length, index, start, allowed)
        let mut best: Option<(usize, u32, usize, bool)> = None;
        for (p, &c) in cs.iter().enumerate().take(to).skip(from) {
            stepper.consume(c);
            let e = p + 1;
            for m in stepper.matches() {
                let idx = m.value();
                let (len, allow) = self.words[idx as usize];
                let s = e - len;
                if s > i || e <= i {
                    continue;
                }
                let better = best.is_none_or(|(bl, bi, bs, _)| {
                    len > bl || (len == bl && (idx < bi || (idx == bi && s > bs)))
                });
                if better {
                    best = Some((len, idx, s, allow));
                }
            }
        }
        match best {
            Some((len, _, s, false)) => Some(s + len),
            _ => None,
        }
    }
}

/// Does `cs[at..]` start with `word` (word already in folded form)?
#[inline]
pub(super) fn starts_with(cs: &[char], at: usize, word: &str) -> bool {
    let mut rest = cs.get(at..).unwrap_or(&[]).iter();
    word.chars().all(|w| rest.next() == Some(&w))
}

/// If `cs[at..]` starts with `word`, its length in chars.
#[inline]
pub(super) fn prefix_len(cs: &[char], at: usize, word: &str) -> Option<usize> {
    let mut j = at;
    for w in word.chars() {
        if cs.get(j) != Some(&w) {
            return None;
        }
        j += 1;
    }
    Some(j - at)
}

/// Does `cs[..end]` end with `word`? Returns the start of the word.
#[inline]
pub(super) fn ends_with(cs: &[char], end: usize, word: &str) -> Option<usize> {
    let mut j = end;
    for w in word.chars().rev() {
        if j == 0 || cs[j - 1] != w {
            return None;
        }
        j -= 1;
    }
    Some(j)
}

/// Number of chars of the first word of `words` that `cs[at..]` starts with, and its index.
#[inline]
pub(super) fn match_word<S: AsRef<str>, T: Copy>(
    cs: &[char],
    at: usize,
    words: &[(S, T)],
) -> Option<(usize, T)> {
    words
        .iter()
        .find_map(|(w, t)| prefix_len(cs, at, w.as_ref()).map(|l| (l, *t)))
}

/// Skip spaces from `j` (at most `max`), returning the new position.
#[inline]
pub(super) fn skip_spaces(cs: &[char], mut j: usize, max: usize) -> usize {
    let mut k = 0;
    while j < cs.len() && cs[j] == ' ' && k < max {
        j += 1;
        k += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::values::words::Words;

    /// The longest word covering `i`, by a plain look at every word at every start.
    fn covering_by_hand(words: &[(Vec<char>, bool)], cs: &[char], i: usize) -> Option<usize> {
        let mut best: Option<(usize, usize, bool)> = None; // (len, end, allowed)
        for (w, allow) in words {
            // Of two as long, the word listed first, then the later start.
            for s in ((i + 1).saturating_sub(w.len())..=i).rev() {
                if s + w.len() <= cs.len()
                    && cs[s..s + w.len()] == w[..]
                    && best.is_none_or(|b| w.len() > b.0)
                {
                    best = Some((w.len(), s + w.len(), *allow));
                }
            }
        }
        match best {
            Some((_, e, false)) => Some(e),
            _ => None,
        }
    }

    #[test]
    fn false_friends_cover_what_a_plain_search_finds() {
        let list = Words::built_in();
        let ff = FalseFriends::new(&list);
        let mut seen = std::collections::HashSet::new();
        let words: Vec<(Vec<char>, bool)> = list
            .false_friends
            .iter()
            .map(|w| match w.strip_prefix('=') {
                Some(rest) => (rest.chars().map(fold).collect::<Vec<_>>(), true),
                None => (w.chars().map(fold).collect(), false),
            })
            .filter(|(w, _)| seen.insert(w.clone()))
            .collect();
        // Lines made of the words glued and cut: every overlap of two words, every word at
        // the ends of a line, and the allowed words against the words inside them.
        let mut lines: Vec<Vec<char>> = Vec::new();
        for (a, _) in &words {
            for (b, _) in words.iter().step_by(7) {
                let mut l = a.clone();
                l.extend(b.iter().skip(1));
                lines.push(l);
                let mut l = b.clone();
                l.push('的');
                l.extend(a.iter());
                lines.push(l);
            }
        }
        let mut checked = 0;
        for cs in &lines {
            for i in 0..cs.len() {
                assert_eq!(
                    ff.covering(cs, i),
                    covering_by_hand(&words, cs, i),
                    "{} at {i}",
                    cs.iter().collect::<String>()
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
        // The examples of the list's header.
        let at = |s: &str, i| ff.covering(&s.chars().collect::<Vec<_>>(), i);
        assert_eq!(at("说得三七二十一", 4), Some(7));
        assert_eq!(at("等十分钟", 1), None);
        assert_eq!(at("十分重要", 0), Some(2));
    }
}
