//! Character classes and word lists shared by the numeral, quantity and date readers.
//!
//! Everything here works on the recognizer's own view of a line: one `char` per char of the
//! normalized text, whose widths, dashes and spaces [`crate::normalize::fold_char`] has
//! folded and whose Traditional chars `t2s` has made Simplified already; the readers only
//! read the financial numerals as plain ones ([`numeral_form`], one char for one char, so
//! offsets never move).

use crate::normalize::BmpTable;
use daachorse::CharwiseDoubleArrayAhoCorasick;

/// The plain numeral a financial numeral (大写数字: 壹贰叁 …; their Traditional forms 貳參陸
/// reach the readers made Simplified) stands for; any other char is itself.
#[inline]
pub(super) fn numeral_form(c: char) -> char {
    match c {
        '壹' => '一',
        '贰' => '二',
        '叁' => '三',
        '肆' => '四',
        '伍' => '五',
        '陆' => '六',
        '柒' => '七',
        '捌' => '八',
        '玖' => '九',
        '拾' => '十',
        '佰' => '百',
        '仟' => '千',
        _ => c,
    }
}

/// The value of a Chinese digit char (after [`numeral_form`]); 零 and 〇 are 0, 幺 is 1, 两 is 2.
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
pub(super) struct CharTable(BmpTable<u16>);

impl CharTable {
    /// `words`: the first char of a relative-date word a user adds starts a date too.
    pub(super) fn new(words: &super::words::Words) -> Self {
        CharTable(BmpTable::new(|c| {
            let f = numeral_form(c);
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
            x
        }))
    }

    #[inline]
    fn get(&self, c: char) -> u16 {
        self.0.get(c).unwrap_or(0)
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
                    numeral_form(c)
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

/// A word as the readers see it: the normalized view's form, then the financial numerals'.
fn read_form(w: &str) -> String {
    crate::normalize::NormalizedLine::new(w)
        .text
        .chars()
        .map(numeral_form)
        .collect()
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
            let folded = read_form(w);
            // The first of two words folding alike wins, as in the list's order; an empty one
            // would match everywhere.
            if folded.is_empty() || !seen.insert(folded.clone()) {
                continue;
            }
            let len = folded.chars().count();
            patterns.push((folded, words.len() as u32));
            words.push((len, allow));
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
    use crate::normalize::NormalizedLine;
    use crate::recognize::values::words::Words;

    /// The readers no longer fold Traditional or full-width forms themselves: the normalized
    /// view gives them the forms they read, one char for one char, inside a phrase as alone.
    #[test]
    fn the_normalized_view_gives_the_readers_simplified_and_ascii_forms() {
        let pairs = [
            ("三億兩千萬", "三亿两千万"),
            ("營收超過三千萬塊錢", "营收超过三千万块钱"),
            ("將近兩個月", "将近两个月"),
            ("幾點", "几点"),
            ("歲數", "岁数"),
            ("餘約過達於僅", "余约过达于仅"),
            ("臺幣週號後這", "台币周号后这"),
            ("歐韓鎊為實層項條張種輛們", "欧韩镑为实层项条张种辆们"),
            (
                "來將節國慶聖誕勞動兒婦師內開頭場",
                "来将节国庆圣诞劳动儿妇师内开头场",
            ),
            (
                "輪組筆屆頁顆噸畝幀釐類隻戶時鐘鍾紀齡級際計",
                "轮组笔届页颗吨亩帧厘类只户时钟钟纪龄级际计",
            ),
            ("１５０％，２０２４年－３～５", "150%,2024年-3~5"),
            ("〜￥", "~¥"),
        ];
        for (written, read) in pairs {
            assert_eq!(NormalizedLine::new(written).text, read, "{written}");
        }
        // Financial numerals are the readers' own; 參 is read as 参 (参加), not a numeral.
        assert_eq!(NormalizedLine::new("貳參陸").text, "贰参陆");
        let read: String = "壹贰叁肆伍陆柒捌玖拾佰仟"
            .chars()
            .map(numeral_form)
            .collect();
        assert_eq!(read, "一二三四五六七八九十百千");
        assert_eq!(numeral_form('参'), '参');
    }

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
                Some(rest) => (read_form(rest).chars().collect::<Vec<_>>(), true),
                None => (read_form(w).chars().collect(), false),
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
