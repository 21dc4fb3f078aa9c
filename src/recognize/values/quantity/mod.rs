//! Quantities around a numeral: qualifiers (近 / 超过 / 左右 …), ranges (`4 - 6 个月`,
//! `1-2亿元`), percents (`80%`, `百分之三点五`, `七成`), money (`6000 亿美元`,
//! `超过千万元人民币`) and units (`100 平米`, `500 万次`), and the policy deciding which bare
//! numbers are worth emitting.
//!
//! [`find_at`] is two ordered lists of scanners around the reading of a numeral:
//! [`LEAD_SCANNERS`] for values led by a word of their own (`百分之`, in `percent`), then the
//! numeral with its range and shorthands, then [`AFTER_NUMERAL`] for the word after it
//! (`percent`: ‰, %, 百分点, 成; `money`: the currency words; `units`: halves and units),
//! the first that takes it winning; qualifiers and the emit policy close. Each scanner is a
//! small function in its file with its table tests beside it; a new construction is a new
//! scanner put in a list where it should win.

use super::lex::{
    cn_big, cn_digit, cn_unit, ends_with, is_cjk, match_word, skip_spaces, starts_with,
};
use super::numerals::{self, Core, Parsed, tidy};
use super::words::{UClass, Words, in_set};

use super::{DateContext, ValueMatch};
use crate::model::{MentionKind, Qualifier, Value};

mod money;
mod percent;
mod shapes;
mod units;

/// What a lead scanner looks at: a value starting at `i` with a word, not a numeral
/// (`百分之`), the prefix not before `floor`.
#[derive(Clone, Copy)]
pub(super) struct Lead<'a> {
    cs: &'a [char],
    i: usize,
    floor: usize,
    w: &'a Words,
    /// `cs[i]`.
    c: char,
}

/// The forms that start with a word of their own, tried before a numeral is read.
const LEAD_SCANNERS: &[fn(&Lead) -> Option<Scan>] = &[
    percent::per_hundred,
    percent::per_hundred_unsaid,
    percent::hundred_percent,
];

/// The readings of a numeral that take it whole, tried before ranges and units: a clock time
/// (skipped) and a fraction (`shapes`).
const WHOLE_READINGS: &[fn(&Lead, &Core) -> Option<Scan>] = &[shapes::clock_time, shapes::fraction];

/// What a scanner of the word after a numeral looks at: the numeral read (`core`) and the
/// position `k` of the word after it.
#[derive(Clone, Copy)]
pub(super) struct After<'a> {
    cs: &'a [char],
    k: usize,
    core: &'a Core,
    ctx: &'a DateContext,
    w: &'a Words,
}

/// The value being read: what the scanners of the word after the numeral set.
pub(super) struct Reading<'a> {
    lo: f64,
    hi: Option<f64>,
    end: usize,
    range: bool,
    kind: MentionKind,
    unit: Option<&'a str>,
    uclass: Option<UClass>,
    currency: Option<String>,
    /// The unit word says "more than" (个多月).
    unit_over: bool,
    /// A half was added (两年半).
    half: bool,
    /// The currency word only says yuan (元, 块): a declared default currency replaces it.
    bare_yuan: bool,
}

/// The words after a numeral, tried in order; the first that makes the value a percent or
/// money, or gives it a unit, wins.
type AfterScanner = for<'a> fn(&After<'a>, &mut Reading<'a>);
const AFTER_NUMERAL: &[AfterScanner] = &[
    percent::per_mille,
    percent::percent_sign,
    percent::percent_points,
    percent::tenths,
    money::currency,
    units::half_in_unit,
    units::unit,
];

/// What [`find_at`] found.
pub(super) enum Scan {
    Hit(ValueMatch),
    /// Nothing to emit; resume the scan at this position.
    Skip(usize),
}

fn is_numeral_start(c: char) -> bool {
    c.is_ascii_digit()
        || cn_digit(c).is_some()
        || cn_unit(c).is_some()
        || cn_big(c).is_some()
        || numerals::old_tens(c).is_some()
}

fn core_at(cs: &[char], j: usize) -> Option<Core> {
    if !cs
        .get(j)
        .is_some_and(|&c| is_numeral_start(c) || c == '数' || c == '几')
    {
        return None;
    }
    match numerals::parse(cs, j) {
        Parsed::Core(c) => Some(c),
        Parsed::Skip(_) => None,
    }
}

/// The prefix of a value: qualifier and currency words ending at `start`, not before `floor`.
struct Prefix<'w> {
    start: usize,
    /// The qualifier was a lone 近 (近 500 万 is near; 近3年 is "the last three years").
    jin: bool,
    qualifier: Option<Qualifier>,
    currency: Option<&'w str>,
    negative: bool,
}

fn prefix<'w>(cs: &[char], start: usize, floor: usize, core: &Core, w: &'w Words) -> Prefix<'w> {
    let mut p = Prefix {
        start,
        jin: false,
        qualifier: None,
        currency: None,
        negative: false,
    };
    let mut at = start;
    // 好几百万
    if core.several && cs[start] == '几' && at > floor && cs[at - 1] == '好' {
        at -= 1;
        p.start = at;
    }
    // 负三, and 负 3 as speech recognition spaces it.
    let before_space = skip_back_spaces(cs, at, floor);
    if before_space > floor && cs[before_space - 1] == '负' {
        p.negative = true;
        at = before_space - 1;
        p.start = at;
    } else if at > floor && cs[at - 1] == '-' && core.arabic && minus_sign_at(cs, at - 1) {
        // 增长率为-3.5%, 净亏损 -4.35 亿元
        p.negative = true;
        at -= 1;
        p.start = at;
    } else if let Some(s) = ends_with(cs, at, "零下").filter(|&s| s >= floor) {
        // 零下五度
        p.negative = true;
        at = s;
        p.start = s;
    }
    // Currency just before the number.
    let sp = skip_back_spaces(cs, at, floor);
    for (word, code) in &w.currency_prefixes {
        if let Some(s) = ends_with(cs, sp, word).filter(|&s| s >= floor) {
            let latin = word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if latin && s > 0 && cs[s - 1].is_ascii_alphabetic() {
                continue;
            }
            p.currency = Some(code);
            at = s;
            p.start = s;
            break;
        }
    }
    // Qualifier, with 了 / 为 between it and the number (超过了 3000 万, 大约为 20 万).
    let sp = skip_back_spaces(cs, at, floor);
    let big = core.has_big || core.coefless;
    let try_at = |end: usize, particle: bool| -> Option<(usize, Qualifier)> {
        if end == 0 || !in_set(&w.qualifier_last, cs.get(end - 1)) {
            return None;
        }
        for (word, q) in &w.prefix_qualifiers {
            let (word, q) = (&**word, *q);
            let Some(s) = ends_with(cs, end, word).filter(|&s| s >= floor) else {
                continue;
            };
            let len = end - s;
            let before = if s > 0 { Some(cs[s - 1]) } else { None };
            if particle && len == 1 && word != "约" {
                continue;
            }
            let ok = match word {
                "近" => !before.is_some_and(|b| {
                    matches!(
                        b,
                        '最' | '附' | '就' | '临' | '亲' | '靠' | '贴' | '将' | '接' | '逼' | '几'
                    )
                }),
                "超" => !before.is_some_and(|b| matches!(b, '高' | '赶' | '超')),
                "过" => {
                    big && !before.is_some_and(|b| {
                        matches!(
                            b,
                            '经' | '通'
                                | '超'
                                | '越'
                                | '度'
                                | '错'
                                | '不'
                                | '跨'
                                | '穿'
                                | '走'
                                | '路'
                                | '难'
                                | '闪'
                                | '胜'
                                | '跳'
                                | '放'
                        )
                    })
                }
                "破" => {
                    big && !before
                        .is_some_and(|b| matches!(b, '突' | '打' | '攻' | '识' | '看' | '说'))
                }
                "上" => {
                    core.coefless
                        && !before.is_some_and(|b| {
                            matches!(
                                b,
                                '以' | '之' | '线' | '马' | '路' | '加' | '往' | '向' | '至'
                            )
                        })
                }
                "约" => !before.is_some_and(|b| {
                    matches!(
                        b,
                        '节' | '合'
                            | '签'
                            | '契'
                            | '制'
                            | '公'
                            | '条'
                            | '相'
                            | '预'
                            | '婚'
                            | '邀'
                            | '违'
                            | '誓'
                            | '和'
                            | '特'
                            | '简'
                            | '隐'
                            | '履'
                            | '毁'
                            | '解'
                            | '协'
                            | '大'
                            | '赴'
                            | '守'
                            | '失'
                            | '践'
                            | '租'
                            | '爽'
                            | '有'
                    )
                }),
                _ => true,
            };
            if ok {
                return Some((s, q));
            }
        }
        None
    };
    let mut found = try_at(sp, false);
    if found.is_none() && sp > floor && matches!(cs[sp - 1], '了' | '为' | '是') {
        found = try_at(sp - 1, true);
    }
    if let Some((s, q)) = found {
        p.qualifier = Some(q);
        p.jin = cs[s] == '近' && s + 1 < cs.len() && cs[s + 1] != '乎';
        p.start = s;
    }
    p
}

/// Whether the `-` at `dash` is a minus sign: it starts the text or follows a word (`为-3.5%`,
/// `亏损 -4.35 亿`, one space allowed), not a number or a letter (`3-5 亿`, `3 - 5`, `GPT-4`).
fn minus_sign_at(cs: &[char], dash: usize) -> bool {
    let before = skip_back_spaces(cs, dash, 0);
    before == 0 || {
        let c = cs[before - 1];
        is_cjk(c) || matches!(c, '：' | ':' | '，' | ',' | '（' | '(')
    }
}

fn skip_back_spaces(cs: &[char], mut at: usize, floor: usize) -> usize {
    let mut k = 0;
    while at > floor && cs[at - 1] == ' ' && k < 1 {
        at -= 1;
        k += 1;
    }
    at
}

/// Qualifier after the value at `j` (左右, 以上, 多 …). Returns (qualifier, end).
fn suffix(cs: &[char], j: usize, after_unit: bool, w: &Words) -> Option<(Qualifier, usize)> {
    let k = skip_spaces(cs, j, 1);
    let (len, q) = match_word(cs, k, &w.suffix_qualifiers)?;
    let w_end = k + len;
    let next = cs.get(w_end).copied();
    match cs[k] {
        '上'
            // 上下游, 上下文 are words, not "about".
            if next.is_some_and(|c| {
                matches!(
                    c,
                    '游' | '文'
                        | '班'
                        | '级'
                        | '层'
                        | '楼'
                        | '来'
                        | '去'
                        | '两'
                        | '功'
                        | '车'
                        | '学'
                        | '打'
                )
            }) => {
                return None;
            }
        '多' | '余'
            // 三年多 is over; 多 before a noun (多家, 多样) is not ours.
            if (!after_unit
                || k != j
                || next.is_some_and(|c| {
                    matches!(c, '样' | '元' | '种' | '么' | '少' | '个' | '家' | '次')
                }))
            => {
                return None;
            }
        _ => {}
    }
    Some((q, w_end))
}

/// Is the previous non-space char (across at least one space) a Latin letter or digit, as in
/// `iPhone 16` or `Llama 3.1 405B`?
fn latin_before_space(cs: &[char], i: usize) -> bool {
    i >= 2 && cs[i - 1] == ' ' && cs[i - 2].is_ascii_alphanumeric()
}

fn glued_to_latin(cs: &[char], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = cs[i - 1];
    if p.is_ascii_alphabetic() || p == '_' {
        return true;
    }
    if matches!(p, '-' | '.' | ',' | '/' | ':' | '+' | '#')
        && i >= 2
        && cs[i - 2].is_ascii_alphanumeric()
    {
        return !(p == '-' && cs[i - 2].is_ascii_digit()) || i >= 3 && cs[i - 3] == '.';
    }
    // `GPT - 4`: a dash with spaces after a Latin word.
    if p == ' ' && i >= 3 && cs[i - 2] == '-' {
        let mut k = i - 2;
        while k > 0 && cs[k - 1] == ' ' {
            k -= 1;
        }
        return k > 0 && cs[k - 1].is_ascii_alphabetic();
    }
    false
}

/// A quantity starting at `i` (a numeral, 数/几, or 百分之). `floor`: the prefix may not reach
/// before it (the end of the previous value or of a blocked name).
pub(super) fn find_at(cs: &[char], i: usize, floor: usize, ctx: &DateContext, w: &Words) -> Scan {
    let n = cs.len();
    let c = cs[i];
    let lead = Lead { cs, i, floor, w, c };
    if let Some(hit) = LEAD_SCANNERS.iter().find_map(|scan| scan(&lead)) {
        return hit;
    }
    let arabic_start = c.is_ascii_digit();
    if arabic_start && glued_to_latin(cs, i) {
        let mut e = i;
        while e < n && (cs[e].is_ascii_alphanumeric() || matches!(cs[e], '.' | ',')) {
            e += 1;
        }
        return Scan::Skip(e.max(i + 1));
    }
    let mut core = match numerals::parse(cs, i) {
        Parsed::Core(core) => core,
        Parsed::Skip(e) => return Scan::Skip(e.max(i + 1)),
    };
    let prev = if i > 0 { Some(cs[i - 1]) } else { None };
    // Ordinals: 第一, 第 3.
    if prev == Some('第') || (prev == Some(' ') && i >= 2 && cs[i - 2] == '第') {
        return Scan::Skip(core.end);
    }
    // A run glued to Latin letters after it (4o, 3D, 16GB is a unit).
    let mut latin_unit: Option<(&str, usize)> = None;
    // 100w, 32k: internet shorthands for 万 and 千 (not 4K, a screen resolution).
    if core.arabic
        && !core.has_unit
        && !core.has_big
        && core.hi.is_none()
        && let Some(&c) = cs.get(core.end)
        && matches!(c, 'w' | 'W' | 'k' | 'K')
        && !cs
            .get(core.end + 1)
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && !(c == 'K' && matches!(core.lo as i64, 1 | 2 | 4 | 5 | 8) && core.lo.fract() == 0.0)
    {
        let m = if matches!(c, 'w' | 'W') { 1e4 } else { 1e3 };
        core.lo *= m;
        core.end += 1;
        core.has_big = true;
        core.trailing_mag = m;
        // 29余k: the bound the words give scales with it.
        core.approx_max = core.approx_max.map(|h| h * m);
    }
    // 100 USD, 5亿RMB: an ISO currency code after the amount.
    let mut iso_currency: Option<(&str, usize)> = None;
    if core.arabic {
        let k = skip_spaces(cs, core.end, 1);
        for code in ["USD", "RMB", "CNY", "HKD", "EUR", "JPY", "GBP"] {
            if starts_with(cs, k, code) && !cs.get(k + 3).is_some_and(|c| c.is_ascii_alphanumeric())
            {
                iso_currency = Some((if code == "RMB" { "CNY" } else { code }, k + 3));
                break;
            }
        }
    }
    if core.arabic && !core.has_unit && iso_currency.is_none() {
        let e = core.end;
        if cs.get(e).is_some_and(|c| c.is_ascii_alphabetic()) {
            latin_unit = w.latin_units.iter().find_map(|(word, u)| {
                let l = word.chars().count();
                (starts_with(cs, e, word)
                    && !cs
                        .get(e + l)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
                .then_some((&**u, e + l))
            });
            if latin_unit.is_none() {
                let mut k = e;
                while k < n && (cs[k].is_ascii_alphanumeric() || matches!(cs[k], '.' | '-')) {
                    k += 1;
                }
                return Scan::Skip(k);
            }
        } else if matches!(cs.get(e), Some('-') | Some('.') | Some('_'))
            && cs.get(e + 1).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Scan::Skip(e + 1);
        }
    }
    if core.leading_zero {
        return Scan::Skip(core.end);
    }
    // Readings that end at the numeral: a clock time, a fraction.
    if let Some(scan) = WHOLE_READINGS.iter().find_map(|scan| scan(&lead, &core)) {
        return scan;
    }
    // A range: 4 - 6, 1-2亿, 三到五.
    // Where the numeral itself ends, before a range may take in a second one.
    let own_end = core.end;
    let mut range = core.hi.is_some();
    let mut spelled_range = false;
    let mut lo = core.lo;
    let mut hi = core.hi;
    if !range && latin_unit.is_none() {
        let k = skip_spaces(cs, core.end, 1);
        if matches!(cs.get(k), Some('-') | Some('~') | Some('到') | Some('至')) {
            let k2 = skip_spaces(cs, k + 1, 1);
            let c2 = core_at(cs, k2).filter(|c2| {
                c2.hi.is_none()
                    && c2.arabic == core.arabic
                    && !(c2.arabic && cs.get(c2.end).is_some_and(|c| c.is_ascii_alphabetic()))
                    && !(c2.arabic_digits == 4 && cs.get(skip_spaces(cs, c2.end, 1)) == Some(&'年'))
            });
            if let Some(c2) = c2
                && let Some(scaled) = shared_scale(&core, &c2)
            {
                // 三十到五十: each end alone would be a number; together they are a range.
                spelled_range = [&core, &c2]
                    .iter()
                    .all(|c| !c.arabic && !c.has_big && c.has_unit && !c.coefless && c.lo >= 10.0);
                range = true;
                lo = scaled;
                hi = Some(c2.lo);
                core.end = c2.end;
                core.has_big |= c2.has_big;
                core.has_unit |= c2.has_unit;
                core.decimal |= c2.decimal;
                core.single = false;
            }
        }
    }
    let mut end = core.end;
    let mut kind = MentionKind::Number;
    let mut unit: Option<&str> = None;
    let mut uclass: Option<UClass> = None;
    let mut currency: Option<String> = None;
    let mut unit_over = false;
    let mut about_lai = false;
    let mut half = false;
    let mut bare_yuan = false;
    // Where the unit or currency word starts.
    let mut word_at: Option<usize> = None;
    if let Some((code, e)) = iso_currency {
        kind = MentionKind::Money;
        currency = Some(code.to_string());
        end = e;
    } else if let Some((u, e)) = latin_unit {
        unit = Some(u);
        uclass = Some(UClass::Latin);
        end = e;
    } else {
        let mut k = skip_spaces(cs, end, 1);
        word_at = Some(k);
        // 十来个, 百来块钱: 来 between a round number and its unit is "about".
        if cs.get(k) == Some(&'来')
            && (core.has_unit || core.has_big)
            && !core.several
            && !core.more
            && (in_set(&w.unit_first, cs.get(k + 1)) || in_set(&w.currency_first, cs.get(k + 1)))
            && (w.units.iter().any(|u| starts_with(cs, k + 1, &u.0))
                || w.currencies.iter().any(|c| starts_with(cs, k + 1, &c.0)))
        {
            about_lai = true;
            k += 1;
            word_at = Some(k);
        }
        let after = After {
            cs,
            k,
            core: &core,
            ctx,
            w,
        };
        let mut r = Reading {
            lo,
            hi,
            end,
            range,
            kind,
            unit,
            uclass,
            currency,
            unit_over,
            half,
            bare_yuan,
        };
        // The first word scanner that takes the word after the number wins.
        for scan in AFTER_NUMERAL {
            scan(&after, &mut r);
            if r.kind != MentionKind::Number || r.unit.is_some() {
                break;
            }
        }
        Reading {
            lo,
            hi,
            end,
            range,
            kind,
            unit,
            uclass,
            currency,
            unit_over,
            half,
            bare_yuan,
        } = r;
    }
    // 1万元到2万元, 3个月到6个月: a range with its word said twice.
    if !range
        && let Some(w0) = word_at
        && end > w0
        && (kind == MentionKind::Money || unit.is_some())
        && !matches!(cs[w0], '毛' | '角' | '分')
    {
        let k = skip_spaces(cs, end, 1);
        if matches!(cs.get(k), Some('到' | '至' | '-' | '~')) {
            let k2 = skip_spaces(cs, k + 1, 1);
            if let Some(c2) = core_at(cs, k2)
                .filter(|c2| c2.hi.is_none() && !c2.several && !c2.more && c2.arabic == core.arabic)
            {
                let k3 = skip_spaces(cs, c2.end, 1);
                let len = end - w0;
                if c2.lo > lo && cs.get(k3..k3 + len) == Some(&cs[w0..end]) {
                    range = true;
                    hi = Some(c2.lo);
                    end = k3 + len;
                }
            }
        }
    }
    // Qualifiers.
    let mut q = if range {
        Qualifier::Range
    } else if core.several {
        Qualifier::Several
    } else if core.more || unit_over {
        Qualifier::Over
    } else if about_lai {
        Qualifier::About
    } else {
        Qualifier::Exact
    };
    let after_unit = unit.is_some()
        || kind != MentionKind::Number
        || core.has_big
        || core.has_unit
        || core.arabic;
    if let Some((sq, e)) = suffix(cs, end, after_unit, w) {
        if !range && q != Qualifier::Several {
            q = sq;
        }
        end = e;
    }
    // 三十到五十之间: a range the words close (之间 stays out of the span).
    let between = range && starts_with(cs, skip_spaces(cs, end, 1), "之间");
    // 10万+: over.
    if cs.get(end) == Some(&'+')
        && (core.has_big || unit.is_some())
        && !range
        && !cs.get(end + 1).is_some_and(|c| c.is_ascii_alphanumeric())
    {
        if q == Qualifier::Exact {
            q = Qualifier::Over;
        }
        end += 1;
    }
    let mut pre = prefix(cs, i, floor, &core, w);
    if pre.jin && uclass == Some(UClass::Time) {
        // 近3年, 近两个月: a time span back from now, not "nearly".
        pre.qualifier = None;
        pre.start = if pre.currency.is_some() || pre.negative {
            pre.start
        } else {
            i
        };
    }
    if let Some(pq) = pre.qualifier
        && !range
        && q != Qualifier::Several
    {
        q = if q == Qualifier::Exact || pq != Qualifier::About {
            pq
        } else {
            q
        };
    }
    if let Some(code) = pre.currency
        && (kind == MentionKind::Number || bare_yuan)
    {
        kind = MentionKind::Money;
        currency = Some(code.to_string());
    }
    if pre.negative {
        // 负二到三: the range -3..-2, its ends swapped.
        (lo, hi) = match hi {
            Some(h) => (-h, Some(-lo)),
            None => (-lo, None),
        };
    }
    // Policy: which numbers are worth emitting (see the module docs).
    let qualified = q != Qualifier::Exact && q != Qualifier::Range;
    let keep = match kind {
        MentionKind::Percent => true,
        MentionKind::Money => {
            !(bare_yuan
                && lo == 1.0
                && !core.arabic
                && !core.has_big
                && !core.decimal
                && !range
                && cs.get(end.saturating_sub(1)).is_none_or(|&c| c != '钱'))
        }
        _ => keep_number(
            cs,
            i,
            &core,
            range && !spelled_range && !between,
            uclass,
            qualified,
            pre.currency.is_some()
                || (range && (spelled_range || between))
                || pre.negative
                || half
                || (whole_line(cs, pre.start.min(i), end) && core.arabic_digits < 5),
        ),
    };
    if !keep {
        // Not emitted: resume right after this numeral, so the end of a rejected range can
        // still start something (1-3月: 3月 is a date).
        return Scan::Skip(own_end.max(i + 1));
    }
    let start = pre.start.min(i);
    // 几十万, 三千多: the bound the words give, when the value is the numeral's own.
    if hi.is_none()
        && matches!(q, Qualifier::Several | Qualifier::Over)
        && (core.several || core.more)
        && lo == core.lo
        && !pre.negative
    {
        hi = core.approx_max;
    }
    Scan::Hit(ValueMatch {
        start,
        end,
        kind,
        value: Value::Number(tidy(lo)),
        value_max: hi.map(tidy),
        unit: match kind {
            MentionKind::Percent => Some("%".into()),
            MentionKind::Money => None,
            _ => unit.map(str::to_string),
        },
        currency,
        qualifier: q,
        unresolved: false,
    })
}

/// The lower end of a range `A到B` with the scale said once, after B: A takes B's scale when
/// it has none of its own. A bare number takes the multipliers said after B's last digit
/// (`三到五千万` = 3e7..5e7, `1-2亿`, `3-15万` = 3e4..1.5e5); a numeral with 十百千 but no
/// 万/亿 takes B's 万/亿 (`三百到四百五十万` = 3e6..4.5e6, `二十五至四十万` = 2.5e5..4e5).
/// A reading where the lower end is not below the upper one is not taken (`3千到5万` stays
/// 3000..50000). `None`: no range.
fn shared_scale(a: &Core, b: &Core) -> Option<f64> {
    let candidates: [f64; 2] = if a.has_big || a.coefless || a.several || a.more {
        [1.0, 1.0]
    } else if !a.has_unit && a.trailing_mag == 1.0 {
        [b.trailing_mag.max(1.0), b.trailing_big.max(1.0)]
    } else {
        [b.trailing_big.max(1.0), 1.0]
    };
    candidates.into_iter().map(|m| a.lo * m).find(|&v| v < b.lo)
}

/// Is the value all the line holds (besides spaces and punctuation)? Then it is a number
/// whatever its form (`一`, `三`, `42`).
fn whole_line(cs: &[char], start: usize, end: usize) -> bool {
    let filler = |c: &char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "，。！？、；：“”‘’（）《》…—".contains(*c)
    };
    cs[..start].iter().all(filler) && cs[end..].iter().all(filler)
}

/// The bare-number policy (see the module docs).
fn keep_number(
    cs: &[char],
    i: usize,
    core: &Core,
    range: bool,
    unit: Option<UClass>,
    qualified: bool,
    forced: bool,
) -> bool {
    if forced || core.digit_seq {
        return true;
    }
    // 零 alone (零部件, 零成本) counts nothing unless it is the whole line.
    if !core.arabic && core.lo == 0.0 && core.hi.is_none() {
        return false;
    }
    // 百年, 千年, 百人会: a magnitude alone with a measure word is an idiom, not a count.
    if core.coefless && !qualified && !core.several {
        return false;
    }
    // Latin context with a space: `iPhone 16`, `Llama 3.1 405B`.
    if core.arabic
        && !core.has_big
        && latin_before_space(cs, i)
        && !matches!(unit, Some(UClass::Count | UClass::Time | UClass::Phys))
    {
        return false;
    }
    if core.has_big || core.several {
        return true;
    }
    if range {
        return unit.is_some();
    }
    if core.arabic {
        if core.has_unit {
            return true;
        }
        // 45,210: a thousands separator says it is a quantity.
        let grouped = cs[core.start..core.end].contains(&',');
        return unit.is_some() || qualified || grouped;
    }
    // Chinese without 万/亿.
    if core.decimal {
        return true;
    }
    if core.lo == 1.0 {
        return false;
    }
    if core.has_unit && core.lo >= 10.0 {
        return core.end - core.start >= 2 || unit.is_some() || qualified;
    }
    if core.single {
        let prev = if i > 0 { Some(cs[i - 1]) } else { None };
        let suppressed = prev.is_some_and(|p| {
            matches!(
                p,
                '这' | '那'
                    | '哪'
                    | '每'
                    | '前'
                    | '后'
                    | '头'
                    | '近'
                    | '第'
                    | '去'
                    | '来'
                    | '些'
                    | '几'
            )
        });
        return unit.is_some_and(|u| u != UClass::Latin) && !suppressed;
    }
    false
}

/// The table tests beside each scanner: a line read by the whole recognizer (built-in word
/// lists, no reference date), each value written `span|kind|value` and any of `|max=…`,
/// `|unit=…`, `|cur=…`, `|q=…` (kind `n`, `m`, `p`; a percent's unit `%` is not written).
#[cfg(test)]
mod read_test {
    use crate::model::{MentionKind, Qualifier, Value};
    use crate::recognize::values::{DateContext, ValueRecognizer};

    fn describe(line: &str, m: &crate::recognize::values::ValueMatch) -> String {
        let span: String = line.chars().skip(m.start).take(m.end - m.start).collect();
        let kind = match m.kind {
            MentionKind::Money => "m",
            MentionKind::Percent => "p",
            MentionKind::Date => "d",
            _ => "n",
        };
        let value = match &m.value {
            Value::Number(v) => format!("{v}"),
            Value::Date(d) => d.clone(),
        };
        let mut out = format!("{span}|{kind}|{value}");
        if let Some(x) = m.value_max {
            out += &format!("|max={x}");
        }
        if let Some(u) = m.unit.as_deref().filter(|&u| u != "%") {
            out += &format!("|unit={u}");
        }
        if let Some(c) = &m.currency {
            out += &format!("|cur={c}");
        }
        if m.qualifier != Qualifier::Exact {
            out += &format!("|q={}", m.qualifier.as_str());
        }
        out
    }

    /// Check a table of (line, values expected in order).
    pub(in super::super) fn check(cases: &[(&str, &[&str])]) {
        let r = ValueRecognizer::new();
        let mut bad = Vec::new();
        for &(line, want) in cases {
            let mut out = Vec::new();
            r.find(line, &mut DateContext::default(), &[], &mut out);
            let got: Vec<String> = out.iter().map(|m| describe(line, m)).collect();
            if got != want {
                bad.push(format!("{line}: want {want:?}, got {got:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
