//! Dates: absolute (`2019 年 6 月`, `2023.3.20`, `二〇二三年`), partial (`10 月份`, `第三季度`,
//! `2024下半年`, `2024年的最后一天`) and relative to the episode's reference date (`去年10月`,
//! `今年 4 月`, `上个月`, `昨天`). See the module docs of `values` for the choices made.
//!
//! [`find_at`] tries an ordered list of scanners, each a small function in its own file with
//! its table tests beside it: `year` (year-led dates, years said as numbers), `relative`
//! (counted from the reference date), `month_day` (a month or day taking its year from the
//! context) and `periods` (quarters, halves, year ends, holidays). A new date form is a new
//! scanner put in [`NUMERAL_SCANNERS`] or [`WORD_SCANNERS`] where it should win.

use super::lex::{cn_digit, is_cjk, match_word, skip_spaces, starts_with};
use super::numerals::{self, small_int};
use super::words::{RelKind, Words};

mod month_day;
mod periods;
mod relative;
mod year;
use super::{CalendarDate, DateContext, days_in_month};

/// A date found at a position. `iso` is `None` when it cannot be resolved (a relative date
/// without a reference date, a month without any year known): the span is consumed, nothing
/// is emitted.
pub(super) struct DateHit {
    pub end: usize,
    pub iso: Option<String>,
    /// No year could be found for it (no reference date, no year stated before): emitted
    /// with its text, value null.
    pub unresolved: bool,
    /// The year this date states (explicitly or relative to the reference); it becomes
    /// `DateContext::last_year`.
    pub states_year: Option<i32>,
}

impl DateHit {
    /// A date of year `y` (stated or resolved), ending at char `end`.
    fn stated(y: i32, part: Part, end: usize) -> Self {
        DateHit {
            end,
            iso: iso(y, part),
            unresolved: false,
            states_year: Some(y),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Year,
    Month(u32),
    Day(u32, u32),
    Half(u8),
    Quarter(u8),
}

fn iso(y: i32, p: Part) -> Option<String> {
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(match p {
        Part::Year => format!("{y:04}"),
        Part::Month(m) => format!("{y:04}-{m:02}"),
        Part::Day(m, d) => {
            if d == 0 || d > days_in_month(y, m) {
                return None;
            }
            format!("{y:04}-{m:02}-{d:02}")
        }
        Part::Half(h) => format!("{y:04}-H{h}"),
        Part::Quarter(q) => format!("{y:04}-Q{q}"),
    })
}

/// Gregorian date of the Spring Festival (正月初一), for the years a transcript may speak of.
fn spring_festival(y: i32) -> Option<(u32, u32)> {
    Some(match y {
        2010 => (2, 14),
        2011 => (2, 3),
        2012 => (1, 23),
        2013 => (2, 10),
        2014 => (1, 31),
        2015 => (2, 19),
        2016 => (2, 8),
        2017 => (1, 28),
        2018 => (2, 16),
        2019 => (2, 5),
        2020 => (1, 25),
        2021 => (2, 12),
        2022 => (2, 1),
        2023 => (1, 22),
        2024 => (2, 10),
        2025 => (1, 29),
        2026 => (2, 17),
        2027 => (2, 6),
        2028 => (1, 26),
        2029 => (2, 13),
        2030 => (2, 3),
        _ => return None,
    })
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn add_days(d: CalendarDate, n: i64) -> (i32, u32, u32) {
    civil_from_days(days_from_civil(d.year, d.month, d.day) + n)
}

#[inline]
fn latin_glued_before(cs: &[char], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = cs[i - 1];
    if p.is_ascii_alphanumeric() || p == '_' {
        return true;
    }
    matches!(p, '-' | '.' | '/' | ':')
        && i >= 2
        && (cs[i - 2].is_ascii_alphabetic() || (p != '-' && cs[i - 2].is_ascii_digit()))
}

/// Chars that, right after 月, make it part of another word (月薪, 月租, 月球 …).
fn month_word_follows(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(
            c,
            '薪' | '费'
                | '租'
                | '供'
                | '刊'
                | '球'
                | '亮'
                | '光'
                | '饼'
                | '季'
                | '嫂'
                | '子'
                | '度'
                | '票'
                | '卡'
                | '结'
                | '息'
                | '经'
                | '老'
        )
    })
}

/// `M 月 [份] [D 日|号] [初|底|末|中旬…]` at `j`. Returns (part, end).
fn month_day(cs: &[char], j: usize) -> Option<(Part, usize)> {
    let (m, e) = small_int(cs, j)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    if cs.get(j).is_some_and(|c| c.is_ascii_digit()) && latin_glued_before(cs, j) {
        return None;
    }
    let e = skip_spaces(cs, e, 1);
    if cs.get(e) != Some(&'月') {
        return None;
    }
    let mut end = e + 1;
    if cs.get(end) == Some(&'份') {
        end += 1;
    } else if month_word_follows(cs.get(end).copied()) {
        return None;
    }
    // Day.
    let d0 = skip_spaces(cs, end, 1);
    if let Some((d, de)) = small_int(cs, d0) {
        let de2 = skip_spaces(cs, de, 1);
        if d >= 1 && d <= days_in_month(2024, m) && matches!(cs.get(de2), Some('日') | Some('号'))
        {
            return Some((Part::Day(m, d), de2 + 1));
        }
        // 十二月二十五, 七月18: the day with its 日 left unsaid, when nothing counted follows.
        if d >= 1 && d <= days_in_month(2024, m) && day_may_end(cs, de) {
            return Some((Part::Day(m, d), de));
        }
    }
    for w in ["初", "底", "末", "中旬", "上旬", "下旬", "中"] {
        if starts_with(cs, end, w) {
            let we = end + w.chars().count();
            if w == "中"
                && cs
                    .get(we)
                    .is_some_and(|&c| is_cjk(c) && !matches!(c, '的' | '时' | '前' | '后'))
            {
                continue;
            }
            return Some((Part::Month(m), we));
        }
    }
    Some((Part::Month(m), end))
}

/// Halves of a year (after a year, or alone).
const HALVES: &[(&str, u8)] = &[("上半年", 1), ("前半年", 1), ("下半年", 2), ("后半年", 2)];

/// Can a day said without 日/号 end at `e`? Not when a digit, a multiplier, a measure word or a
/// clock follows (`三月二十五个人`, `七月18点`, `五月三十万`).
fn day_may_end(cs: &[char], e: usize) -> bool {
    match cs.get(e) {
        None => true,
        Some(&c) => {
            !(c.is_ascii_alphanumeric()
                || cn_digit(c).is_some()
                || matches!(c, '.' | '%' | '-' | '/' | ':')
                || "十百千万亿个点位名人家元块岁次年月天度倍分秒期届号日".contains(c))
        }
    }
}

/// `第N个月` after a year: its Nth month (`明年第二个月`).
fn nth_month(cs: &[char], j: usize) -> Option<(Part, usize)> {
    if cs.get(j) != Some(&'第') {
        return None;
    }
    let (m, e) = small_int(cs, j + 1)?;
    ((1..=12).contains(&m) && starts_with(cs, e, "个月")).then_some((Part::Month(m), e + 2))
}

/// Two Chinese digits at `i` that say "a or b" (七八, 三五, 一二), not a year.
fn cn_pair(cs: &[char], i: usize) -> bool {
    match (cn_digit(cs[i]), cs.get(i + 1).and_then(|&c| cn_digit(c))) {
        (Some(a), Some(b)) => b == a + 1 || (a, b) == (3, 5) || (a, b) == (1, 2),
        _ => false,
    }
}

/// ISO week of a day: (week-numbering year, week).
fn iso_week(y: i32, m: u32, d: u32) -> (i32, u32) {
    let days = days_from_civil(y, m, d);
    // 1970-01-01 was a Thursday; Monday is 1.
    let weekday = (days + 3).rem_euclid(7) + 1;
    let thursday = days - weekday + 4;
    let (ty, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
    (ty, week as u32)
}

/// `N天前`, `两个月后`, `五年以前`, `三周后`: a span counted back or forward from the reference
/// date. Returns (count, unit: 'd' 'w' 'm' 'y', end).
fn span_from_now(cs: &[char], i: usize) -> Option<(i64, char, usize)> {
    let numerals::Parsed::Core(core) = numerals::parse(cs, i) else {
        return None;
    };
    if core.has_big || core.decimal || core.hi.is_some() || core.several || core.more {
        return None;
    }
    if core.lo < 1.0 || core.lo.fract() != 0.0 {
        return None;
    }
    let k = skip_spaces(cs, core.end, 1);
    let (l, unit) = match_word(
        cs,
        k,
        &[
            ("个星期", 'w'),
            ("个礼拜", 'w'),
            ("个月", 'm'),
            ("星期", 'w'),
            ("礼拜", 'w'),
            ("天", 'd'),
            ("周", 'w'),
            ("年", 'y'),
        ],
    )?;
    let limit = match unit {
        'd' => 3660.0,
        'w' => 520.0,
        'm' => 240.0,
        _ => 200.0,
    };
    // 二十年前, 40年前: a round count of decades is an age, not a datable year.
    if core.lo > limit || (unit == 'y' && core.lo > 10.0 && core.lo % 10.0 == 0.0) {
        return None;
    }
    let k = k + l;
    let (l2, sign) = match_word(
        cs,
        k,
        &[
            ("以前", -1),
            ("之前", -1),
            ("以后", 1),
            ("之后", 1),
            ("前", -1),
            ("后", 1),
        ],
    )?;
    Some((sign * core.lo as i64, unit, k + l2))
}

/// Quarter or half at `j`: 第三季度, 三季度, Q3, H1 (H only when `allow_h`).
fn quarter(cs: &[char], j: usize, allow_h: bool) -> Option<(Part, usize)> {
    let c = *cs.get(j)?;
    if c == 'Q' || (allow_h && c == 'H') {
        let d = cs.get(j + 1)?.to_digit(10)?;
        let max = if c == 'Q' { 4 } else { 2 };
        if !(1..=max).contains(&d) || cs.get(j + 2).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        if j > 0 && cs[j - 1].is_ascii_alphabetic() {
            return None;
        }
        let p = if c == 'Q' {
            Part::Quarter(d as u8)
        } else {
            Part::Half(d as u8)
        };
        return Some((p, j + 2));
    }
    // 首季度: the first quarter.
    if c == '首' && starts_with(cs, j + 1, "季度") {
        return Some((Part::Quarter(1), j + 3));
    }
    let mut k = j;
    if c == '第' {
        k += 1;
        // 第 3 季度, as speech recognition spaces it.
        if cs.get(k) == Some(&' ') {
            k += 1;
        }
    }
    let q = match cs.get(k).copied() {
        Some(c) if cn_digit(c).is_some_and(|d| (1..=4).contains(&d)) && c != '两' && c != '幺' => {
            cn_digit(c)?
        }
        Some(c) if c.is_ascii_digit() && k > j => c.to_digit(10)? as u8,
        _ => return None,
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    // The word after the numeral, one space allowed after a digit (第 3 季度).
    let w = if cs.get(k).is_some_and(char::is_ascii_digit) && cs.get(k + 1) == Some(&' ') {
        k + 2
    } else {
        k + 1
    };
    if starts_with(cs, w, "季度") {
        return Some((Part::Quarter(q), w + 2));
    }
    if cs.get(w) == Some(&'季') && cs.get(w + 1) != Some(&'度') && j != k {
        // 第三季 (of a year) — only with 第, and not where 季 starts a word of its own
        // (季节, 季军, 季风, 季后赛, 季刊); `第 3 季一共出货`, `第二季营收` are quarters.
        if !cs
            .get(w + 1)
            .is_some_and(|&c| matches!(c, '节' | '军' | '风' | '后' | '刊'))
        {
            return Some((Part::Quarter(q), w + 1));
        }
    }
    None
}

/// What may follow a year (after its 年): month and day, a half, a quarter, 年初/年底, the
/// last or first day, 元旦, 春节. `y` is the year (for 春节 and the checks).
fn year_tail(cs: &[char], j: usize, y: i32) -> (Part, usize) {
    let j1 = skip_spaces(cs, j, 1);
    if let Some((p, e)) = month_day(cs, j1) {
        return (p, e);
    }
    if let Some((l, h)) = match_word(cs, j1, HALVES) {
        return (Part::Half(h), j1 + l);
    }
    if let Some((p, e)) = nth_month(cs, j1) {
        return (p, e);
    }
    if let Some((p, e)) = quarter(cs, j1, true) {
        return (p, e);
    }
    // 的第一季度
    if cs.get(j1) == Some(&'的')
        && let Some((p, e)) = quarter(cs, j1 + 1, false)
    {
        return (p, e);
    }
    // 年初 / 年底 / 年末 / 年中, after 年 (2024年底) or with 年 again (今年年底).
    let k = if cs.get(j) == Some(&'年') { j + 1 } else { j };
    match cs.get(k) {
        Some('初')
            if !cs.get(k + 1).is_some_and(|&c| {
                matches!(
                    c,
                    '创' | '衷' | '心' | '步' | '级' | '次' | '恋' | '稿' | '赛'
                )
            }) =>
        {
            // The first months, not January: the year is all it says for sure.
            return (Part::Year, k + 1);
        }
        // The end of the year names the year, as its start does: not December for sure.
        Some('底') | Some('末') => return (Part::Year, k + 1),
        Some('中')
            if !cs
                .get(k + 1)
                .is_some_and(|&c| is_cjk(c) && !matches!(c, '的' | '时' | '前' | '后' | '左')) =>
        {
            return (Part::Month(6), k + 1);
        }
        _ => {}
    }
    let k = if cs.get(j) == Some(&'的') { j + 1 } else { j };
    if starts_with(cs, k, "最后一天") {
        return (Part::Day(12, 31), k + 4);
    }
    if starts_with(cs, k, "第一天") {
        return (Part::Day(1, 1), k + 3);
    }
    if starts_with(cs, j1, "元旦") {
        return (Part::Day(1, 1), j1 + 2);
    }
    // Holidays on a fixed day: 2024年国庆节.
    for &(w, m, d) in HOLIDAYS {
        if starts_with(cs, j1, w) {
            return (Part::Day(m, d), j1 + 3);
        }
    }
    if starts_with(cs, j1, "春节") {
        return match spring_festival(y) {
            Some((m, d)) => (Part::Day(m, d), j1 + 2),
            None => (Part::Year, j1 + 2),
        };
    }
    (Part::Year, j)
}

/// Holidays on a fixed day of the year.
const HOLIDAYS: &[(&str, u32, u32)] = &[
    ("国庆节", 10, 1),
    ("劳动节", 5, 1),
    ("圣诞节", 12, 25),
    ("情人节", 2, 14),
    ("儿童节", 6, 1),
    ("妇女节", 3, 8),
    ("教师节", 9, 10),
];

/// Does a holiday's name (元旦, 春节, 国庆节 …) start at `j`?
fn is_holiday(cs: &[char], j: usize) -> bool {
    starts_with(cs, j, "元旦")
        || starts_with(cs, j, "春节")
        || HOLIDAYS.iter().any(|&(w, _, _)| starts_with(cs, j, w))
}

/// A year written at `i`: four Arabic digits, four Chinese digits (二〇二三), or two Arabic
/// digits when a month follows (23 年 6 月). Returns (year, end of the digits).
fn year_digits(cs: &[char], i: usize) -> Option<(i32, usize, bool)> {
    let n = cs.len();
    if cs[i].is_ascii_digit() {
        if latin_glued_before(cs, i) {
            return None;
        }
        let mut e = i;
        let mut v = 0i32;
        while e < n && cs[e].is_ascii_digit() && e - i < 5 {
            v = v * 10 + cs[e].to_digit(10)? as i32;
            e += 1;
        }
        let len = e - i;
        if e < n && cs[e].is_ascii_digit() {
            return None;
        }
        return match len {
            4 if (1000..=2199).contains(&v) => Some((v, e, false)),
            2 => Some((if v < 70 { 2000 + v } else { 1900 + v }, e, true)),
            _ => None,
        };
    }
    let mut e = i;
    let mut v = 0i32;
    while e < n && e - i < 5 {
        match cn_digit(cs[e]) {
            Some(d) if cs[e] != '两' && cs[e] != '幺' => {
                v = v * 10 + d as i32;
                e += 1;
            }
            _ => break,
        }
    }
    match e - i {
        4 if (1000..=2199).contains(&v) => Some((v, e, false)),
        // 零九年, 九五年: two digits, read like 09 and 95.
        2 if cs.get(skip_spaces(cs, e, 1)) == Some(&'年') => {
            Some((if v < 70 { 2000 + v } else { 1900 + v }, e, true))
        }
        _ => None,
    }
}

fn year_of(ctx: &DateContext) -> Option<i32> {
    ctx.last_year.or(ctx.reference.map(|r| r.year))
}

/// Can a date word (去年, 上个月, 年底, 第三季度, Q3, 元旦 …) start at `i`? A cheap look at two
/// chars, so the word lists are only tried where they may match.
pub(super) fn word_may_start(cs: &[char], i: usize, w: &Words) -> bool {
    let next = cs.get(i + 1).copied().unwrap_or(' ');
    let fixed = match cs[i] {
        '今' => matches!(next, '年' | '天' | '日'),
        '去' => next == '年',
        '前' | '后' => matches!(next, '年' | '天' | '半'),
        '明' => matches!(next, '年' | '天' | '日'),
        '大' => matches!(next, '前' | '后'),
        '昨' => matches!(next, '天' | '日'),
        '上' | '下' => matches!(next, '个' | '月' | '半' | '季' | '一' | '年' | '周' | '星'),
        '这' => matches!(next, '个' | '月' | '季' | '一' | '周'),
        '本' => matches!(next, '月' | '季' | '周' | '星'),
        '当' => next == '月',
        '首' => next == '季',
        '年' => matches!(next, '初' | '底' | '末'),
        // 第三季度, 第3季, and 第 3 季 as speech recognition spaces it.
        '第' => {
            next.is_ascii_digit()
                || cn_digit(next).is_some()
                || next == ' ' && cs.get(i + 2).is_some_and(char::is_ascii_digit)
        }
        'Q' => next.is_ascii_digit(),
        '元' => next == '旦',
        '春' => next == '节',
        '国' => next == '庆',
        '劳' => next == '动',
        '圣' => next == '诞',
        '情' => next == '人',
        '儿' => next == '童',
        '妇' => next == '女',
        '教' => next == '师',
        _ => false,
    };
    // A relative-date word of the user's (relative_dates.csv).
    fixed || w.relative_starts.binary_search(&(cs[i], next)).is_ok()
}

/// What a date scanner looks at: the line, the position, and what the lines before left.
#[derive(Clone, Copy)]
pub(super) struct Site<'a> {
    cs: &'a [char],
    i: usize,
    ctx: &'a DateContext,
    w: &'a Words,
    /// `cs[i]`.
    c: char,
    /// `cs[i - 1]`.
    prev: Option<char>,
}

/// A date form: what it finds at a site, if anything.
type Scanner = fn(&Site) -> Option<DateHit>;

/// The forms that start with a numeral, tried in order (the first that finds wins).
const NUMERAL_SCANNERS: &[Scanner] = &[
    year::year_led,
    year::spelled_year,
    relative::from_now,
    month_day::month_led,
    month_day::bare_day,
    periods::bare_quarter,
];

/// The forms that start with a word, tried in order where no numeral starts.
const WORD_SCANNERS: &[Scanner] = &[
    periods::bare_quarter,
    relative::year_word,
    relative::day_word,
    relative::quarter_word,
    relative::week_word,
    relative::half_word,
    relative::month_word,
    periods::bare_word,
    periods::spring_festival_day,
];

/// Try every date form at `i`.
pub(super) fn find_at(cs: &[char], i: usize, ctx: &DateContext, w: &Words) -> Option<DateHit> {
    let c = cs[i];
    let numeral = c.is_ascii_digit() || cn_digit(c).is_some() || c == '十';
    if !numeral && !word_may_start(cs, i, w) {
        return None;
    }
    // 上上周, 下下个月 not in the word list: the word after the first 上 would be a step short.
    if matches!(c, '上' | '下') && i > 0 && cs[i - 1] == c {
        return None;
    }
    let site = Site {
        cs,
        i,
        ctx,
        w,
        c,
        prev: i.checked_sub(1).map(|p| cs[p]),
    };
    // The word forms only where no numeral starts (一季度 and 第三季度 are in both lists).
    let scanners = if numeral {
        NUMERAL_SCANNERS
    } else {
        WORD_SCANNERS
    };
    scanners.iter().find_map(|scan| scan(&site))
}

/// Run one scanner as the recognizer would, for the table tests beside each scanner.
#[cfg(test)]
mod scan_test {
    use super::*;
    use crate::normalize::NormalizedLine;
    use crate::recognize::values::lex::numeral_form;

    /// Scan `text` at the char after `^` (else at its start) with `scanner`, the reference
    /// date 2021-06-14 (a Monday), and `last_year` / `last_month` as the lines before left
    /// them: the span found and its ISO value (`None`: nothing found; `Some((span, None))`:
    /// found but unresolved or consumed without a value).
    pub(in super::super) fn scan(
        scanner: Scanner,
        text: &str,
        last_month: Option<(i32, u32)>,
    ) -> Option<(String, Option<String>)> {
        let at = text.chars().position(|c| c == '^').unwrap_or(0);
        // The line as the recognizer reads it: normalized, then numeral forms.
        let line: String = text.chars().filter(|&c| c != '^').collect();
        let line = NormalizedLine::new(&line).text;
        let cs: Vec<char> = line.chars().map(numeral_form).collect();
        let ctx = DateContext {
            reference: CalendarDate::parse("2021-06-14"),
            last_year: last_month.map(|(y, _)| y),
            last_month,
            default_currency: None,
            timeline: None,
            last_quarter: None,
            said_year: None,
        };
        let w = Words::built_in();
        let site = Site {
            cs: &cs,
            i: at,
            ctx: &ctx,
            w: &w,
            c: cs[at],
            prev: at.checked_sub(1).map(|p| cs[p]),
        };
        scanner(&site).map(|hit| (cs[at..hit.end].iter().collect(), hit.iso))
    }

    /// 下下星期, 上上季: a doubled 上/下 the word list lacks gives nothing, never the date one
    /// step away that the word after the first 上 would give.
    #[test]
    fn doubled_steps_not_listed_give_nothing() {
        let w = Words::built_in();
        let ctx = DateContext::new(CalendarDate::parse("2021-06-14"));
        for text in ["下下星期", "上上季度", "上上礼拜"] {
            let cs: Vec<char> = text.chars().collect();
            assert!(find_at(&cs, 1, &ctx, &w).is_none(), "{text}");
        }
    }

    /// Check a table of (text, span, ISO value); an empty span: nothing found.
    pub(in super::super) fn check(
        scanner: Scanner,
        last_month: Option<(i32, u32)>,
        cases: &[(&str, &str, &str)],
    ) {
        let mut bad = Vec::new();
        for &(text, span, value) in cases {
            let got = scan(scanner, text, last_month);
            let want = (!span.is_empty()).then(|| {
                (
                    span.to_string(),
                    (!value.is_empty()).then(|| value.to_string()),
                )
            });
            if got != want {
                bad.push(format!("{text}: want {want:?}, got {got:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-1000i64, 0, 1, 59, 365, 10_000, 20_098, 20_099] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(
            days_from_civil(2025, 1, 10) - days_from_civil(2024, 12, 31),
            10
        );
        let r = CalendarDate {
            year: 2025,
            month: 3,
            day: 1,
        };
        assert_eq!(add_days(r, -1), (2025, 2, 28));
    }
}
