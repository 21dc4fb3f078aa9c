//! Quantities around a numeral: qualifiers (近 / 超过 / 左右 …), ranges (`4 - 6 个月`,
//! `1-2亿元`), percents (`80%`, `百分之三点五`, `七成`), money (`6000 亿美元`,
//! `超过千万元人民币`) and units (`100 平米`, `500 万次`), and the policy deciding which bare
//! numbers are worth emitting.

use super::lex::{
    cn_big, cn_digit, cn_unit, ends_with, is_cjk, match_word, skip_spaces, starts_with,
};
use super::numerals::{self, Core, Parsed, tidy};
use super::words::{UClass, Words, in_set};

use super::{DateContext, ValueMatch};
use crate::model::{MentionKind, Qualifier, Value};

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
    if at > floor && cs[at - 1] == '负' {
        p.negative = true;
        at -= 1;
        p.start = at;
    } else if at > floor
        && cs[at - 1] == '-'
        && core.arabic
        && (at - 1 == 0 || is_cjk(cs[at - 2]) || cs[at - 2] == '为')
    {
        // 增长率为-3.5%
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
    // 百分之 / 千分之 / 万分之 X, 百分百.
    if matches!(c, '百' | '千' | '万') && starts_with(cs, i + 1, "分之") {
        let factor = match c {
            '百' => 1.0,
            '千' => 0.1,
            _ => 0.01,
        };
        let mut j = skip_spaces(cs, i + 3, 1);
        // 百分之负二点七.
        let minus = cs.get(j) == Some(&'负');
        if minus {
            j += 1;
        }
        let Some(mut core) = core_at(cs, j) else {
            return Scan::Skip(i + 3);
        };
        if minus {
            (core.lo, core.hi) = match core.hi {
                Some(h) => (-h, Some(-core.lo)),
                None => (-core.lo, None),
            };
            core.approx_max = None;
        }
        let mut hi = core.hi.map(|h| h * factor);
        let mut end = core.end;
        let approx = core.approx_max.map(|h| h * factor);
        // 百分之五到百分之十, 百分之五到十.
        let k = skip_spaces(cs, end, 1);
        if matches!(cs.get(k), Some('到') | Some('至') | Some('-') | Some('~')) && hi.is_none() {
            let mut k2 = skip_spaces(cs, k + 1, 1);
            if starts_with(cs, k2, "百分之") && c == '百' {
                k2 += 3;
            }
            if let Some(c2) = core_at(cs, k2).filter(|c2| c2.lo > core.lo && c2.hi.is_none()) {
                hi = Some(c2.lo * factor);
                end = c2.end;
            }
        }
        let mut v = core.lo * factor;
        let mut q = if hi.is_some() {
            Qualifier::Range
        } else if core.several {
            Qualifier::Several
        } else if core.more {
            Qualifier::Over
        } else {
            Qualifier::Exact
        };
        if let Some((sq, e)) = suffix(cs, end, true, w) {
            if q == Qualifier::Exact || q == Qualifier::Over {
                q = sq;
            }
            end = e;
        }
        let pre = prefix(cs, i, floor, &core, w);
        if let (Some(pq), false) = (pre.qualifier, hi.is_some()) {
            q = pq;
        }
        if pre.negative {
            v = -v;
        } else if hi.is_none() && matches!(q, Qualifier::Several | Qualifier::Over) {
            hi = approx;
        }
        return Scan::Hit(ValueMatch {
            start: pre.start.min(i),
            end,
            kind: MentionKind::Percent,
            value: Value::Number(tidy(v)),
            value_max: hi.map(tidy),
            unit: Some("%".into()),
            currency: None,
            qualifier: q,
            unresolved: false,
        });
    }
    // 百分四十: 百分 with its 之 left unsaid.
    if c == '百'
        && cs.get(i + 1) == Some(&'分')
        && cs
            .get(i + 2)
            .is_some_and(|&d| (cn_digit(d).is_some_and(|d| d > 0) && d != '幺') || d == '十')
        && let Some(core) = core_at(cs, i + 2).filter(|c| !c.has_big && c.lo <= 100.0)
    {
        let pre = prefix(cs, i, floor, &core, w);
        return Scan::Hit(ValueMatch {
            start: pre.start.min(i),
            end: core.end,
            kind: MentionKind::Percent,
            value: Value::Number(tidy(if pre.negative { -core.lo } else { core.lo })),
            value_max: core.hi.map(tidy),
            unit: Some("%".into()),
            currency: None,
            qualifier: if core.hi.is_some() {
                Qualifier::Range
            } else {
                pre.qualifier.unwrap_or(Qualifier::Exact)
            },
            unresolved: false,
        });
    }
    if c == '百' && starts_with(cs, i + 1, "分百") {
        return Scan::Hit(ValueMatch {
            start: i,
            end: i + 3,
            kind: MentionKind::Percent,
            value: Value::Number(100.0),
            value_max: None,
            unit: Some("%".into()),
            currency: None,
            qualifier: Qualifier::Exact,
            unresolved: false,
        });
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
    // A clock time: 三点半, 十二点三十分, 3点钟.
    if cs.get(core.end) == Some(&'点')
        && cs.get(core.end + 1).is_some_and(|&c| {
            c.is_ascii_digit()
                || cn_digit(c).is_some()
                || matches!(c, '十' | '半' | '钟' | '整' | '多')
        })
    {
        let mut e = core.end + 1;
        while e < n
            && (cs[e].is_ascii_digit()
                || cn_digit(cs[e]).is_some()
                || matches!(cs[e], '十' | '半' | '钟' | '整' | '多' | '分' | '刻'))
        {
            e += 1;
        }
        return Scan::Skip(e);
    }
    // X 分之 Y: a fraction.
    if starts_with(cs, core.end, "分之") && core.lo != 0.0 && core.hi.is_none() {
        if let Some(c2) = core_at(cs, core.end + 2).filter(|c2| c2.hi.is_none()) {
            let pre = prefix(cs, i, floor, &core, w);
            let v = c2.lo / core.lo;
            return Scan::Hit(ValueMatch {
                start: pre.start,
                end: c2.end,
                kind: MentionKind::Number,
                value: Value::Number(if pre.negative { -v } else { v }),
                value_max: None,
                unit: None,
                currency: None,
                qualifier: pre.qualifier.unwrap_or(Qualifier::Exact),
                unresolved: false,
            });
        }
        return Scan::Skip(core.end);
    }
    // A range: 4 - 6, 1-2亿, 三到五.
    // Where the numeral itself ends, before a range may take in a second one.
    let own_end = core.end;
    let mut range = core.hi.is_some();
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
        if cs.get(k) == Some(&'‰') {
            // 3‰: per mille, in percent units.
            kind = MentionKind::Percent;
            end = k + 1;
            lo /= 10.0;
            hi = hi.map(|h| h / 10.0);
        } else if cs.get(k) == Some(&'%') {
            kind = MentionKind::Percent;
            end = k + 1;
            // 5%-10%
            let k2 = skip_spaces(cs, end, 1);
            if !range && matches!(cs.get(k2), Some('-') | Some('~') | Some('到') | Some('至')) {
                let k3 = skip_spaces(cs, k2 + 1, 1);
                if let Some(c2) = core_at(cs, k3).filter(|c2| c2.lo > lo && c2.hi.is_none()) {
                    let k4 = skip_spaces(cs, c2.end, 1);
                    if cs.get(k4) == Some(&'%') {
                        range = true;
                        hi = Some(c2.lo);
                        end = k4 + 1;
                    }
                }
            }
        } else if let Some((l, _)) = match_word(cs, k, &[("个百分点", ()), ("百分点", ())]) {
            kind = MentionKind::Percent;
            end = k + l;
        } else if cs.get(k) == Some(&'成')
            && (k == end || core.arabic)
            && !core.has_big
            && !core.decimal
            && (core.single
                || range
                || (core.lo == 10.0 && (core.end - core.start == 1 || core.arabic)))
            && (1.0..=10.0).contains(&lo)
        {
            // 七成, 三成五, 七八成.
            let mut e = k + 1;
            let mut extra = 0.0;
            if let Some(d) = cs
                .get(e)
                .and_then(|&c| cn_digit(c))
                .filter(|&d| d > 0 && !range && cs[e] != '两')
            {
                extra = d as f64;
                e += 1;
            } else if cs.get(e) == Some(&'半') && !range {
                // 四成半: and a half tenth.
                extra = 5.0;
                e += 1;
            }
            let bad = cs.get(e).is_some_and(|&c| {
                matches!(
                    c,
                    '立' | '为'
                        | '功'
                        | '本'
                        | '员'
                        | '长'
                        | '绩'
                        | '熟'
                        | '果'
                        | '交'
                        | '型'
                        | '就'
                        | '年'
                        | '都'
                        | '效'
                        | '品'
                        | '分'
                        | '败'
                        | '形'
                        | '真'
                        | '人'
                        | '全'
                        | '像'
                        | '语'
                        | '名'
                        | '批'
                        | '套'
                        | '群'
                        | '千'
                        | '百'
                        | '万'
                        | '亿'
                        | '家'
                        | '天'
                        | '事'
                )
            });
            if !bad {
                kind = MentionKind::Percent;
                lo = lo * 10.0 + extra;
                hi = hi.map(|h| h * 10.0);
                end = e;
            }
        }
        if kind == MentionKind::Number
            && in_set(&w.currency_first, cs.get(k))
            && let Some((l, code, bare)) = w.currencies.iter().find_map(|(word, code, bare)| {
                starts_with(cs, k, word).then(|| (word.chars().count(), &**code, *bare))
            })
        {
            let w0 = cs[k];
            let next = cs.get(k + l).copied();
            let ok = match w0 {
                '元' if l == 1 => !next.is_some_and(|c| {
                    matches!(
                        c,
                        '化' | '组'
                            | '论'
                            | '素'
                            | '宇'
                            | '年'
                            | '旦'
                            | '老'
                            | '首'
                            | '件'
                            | '器'
                            | '气'
                            | '帅'
                            | '宵'
                            | '朝'
                            | '神'
                            | '数'
                    )
                }),
                // 李四人民币: nobody says a lone digit before 人民币.
                '人' if core.single && !core.arabic => false,
                // 三毛五, 两角八: 毛/角 alone only with the 分 after it.
                '毛' | '角' if l == 1 => {
                    next.is_some_and(|c| cn_digit(c).is_some_and(|d| d > 0) && c != '两')
                        && !cs
                            .get(k + l + 1)
                            .is_some_and(|&c| is_cjk(c) && !matches!(c, '的' | '钱' | '了'))
                }
                // 五十刀, 300刀: dollars, only after a clear amount and before no noun.
                '刀' => {
                    (core.arabic || core.has_big || core.has_unit)
                        && !next.is_some_and(|c| {
                            (is_cjk(c)
                                && !matches!(c, '的' | '了' | '吧' | '啊' | '呢' | '左' | '多'))
                                || c.is_ascii_alphanumeric()
                        })
                }
                '块' if l == 1 => {
                    // 八块五: 块 and the tenths after it.
                    let tenths = next
                        .is_some_and(|c| cn_digit(c).is_some_and(|d| d > 0) && c != '两')
                        && !cs
                            .get(k + l + 1)
                            .is_some_and(|&c| is_cjk(c) && c != '毛' && c != '的');
                    // 两块零五: 块 and hundredths after 零.
                    let tenths = tenths
                        || (next == Some('零')
                            && cs
                                .get(k + l + 1)
                                .is_some_and(|&c| cn_digit(c).is_some_and(|d| d > 0))
                            && !cs
                                .get(k + l + 2)
                                .is_some_and(|&c| is_cjk(c) && !matches!(c, '分' | '的')));
                    // 20万块GPU, 8 块 H100: 块 counts the things named after it.
                    let latin_noun = cs[k + l..]
                        .iter()
                        .find(|&&c| c != ' ')
                        .is_some_and(|c| c.is_ascii_alphabetic());
                    tenths
                        || (core.arabic || core.has_big || core.has_unit)
                            && !latin_noun
                            && !next.is_some_and(|c| {
                                is_cjk(c)
                                    && !matches!(
                                        c,
                                        '的' | '了'
                                            | '吧'
                                            | '啊'
                                            | '呢'
                                            | '左'
                                            | '多'
                                            | '钱'
                                            | '一'
                                            | '，'
                                    )
                            })
                }
                _ => true,
            };
            if ok {
                kind = MentionKind::Money;
                bare_yuan = bare;
                currency = Some(if bare {
                    ctx.default_currency
                        .clone()
                        .unwrap_or_else(|| code.to_string())
                } else {
                    code.to_string()
                });
                end = k + l;
                // 五毛钱, 八分钱: tenths and hundredths of a yuan.
                match w0 {
                    '毛' | '角' => lo /= 10.0,
                    '分' => lo /= 100.0,
                    _ => {}
                }
                // 三毛五: the 分 left unsaid.
                if matches!(w0, '毛' | '角')
                    && l == 1
                    && let Some(d) = cs.get(end).and_then(|&c| cn_digit(c))
                {
                    lo = ((lo * 100.0).round() + d as f64) / 100.0;
                    end += 1;
                    if cs.get(end) == Some(&'钱') {
                        end += 1;
                    }
                }
                if bare && cs.get(end) == Some(&'人') && starts_with(cs, end, "人民币") {
                    currency = Some("CNY".into());
                    end += 3;
                }
                // 元 五角 六分.
                if matches!(w0, '元' | '块') {
                    let mut e = end;
                    let mut cents = 0.0;
                    // 两块零五, 三元零八分: hundredths after 零.
                    if cs.get(e) == Some(&'零')
                        && let Some(d) = cs
                            .get(e + 1)
                            .and_then(|&c| cn_digit(c).or(c.to_digit(10).map(|d| d as u8)))
                            .filter(|&d| d > 0)
                    {
                        if cs.get(e + 2) == Some(&'分') {
                            cents = d as f64;
                            e += 3;
                        } else if !cs.get(e + 2).is_some_and(|&c| is_cjk(c) && c != '的') {
                            cents = d as f64;
                            e += 2;
                        }
                    }
                    for (mark, scale) in [("角", 0.1), ("毛", 0.1), ("分", 0.01)] {
                        if let Some(d) = cs
                            .get(e)
                            .and_then(|&c| cn_digit(c).or(c.to_digit(10).map(|d| d as u8)))
                            && cs.get(e + 1).is_some_and(|&c| mark.starts_with(c))
                        {
                            cents += d as f64 * scale * 100.0;
                            e += 2;
                        }
                    }
                    // 两块九毛九: the 分 left unsaid after 毛/角.
                    if e > end
                        && matches!(cs[e - 1], '毛' | '角')
                        && let Some(d) = cs
                            .get(e)
                            .and_then(|&c| cn_digit(c))
                            .filter(|_| cs[e] != '两')
                        && !cs.get(e + 1).is_some_and(|&c| is_cjk(c) && c != '的')
                    {
                        cents += d as f64;
                        e += 1;
                    }
                    if e == end
                        && w0 == '块'
                        && l == 1
                        && let Some(d) = cs.get(e).and_then(|&c| cn_digit(c)).filter(|&d| d > 0)
                        && cs[e] != '两'
                    {
                        cents = d as f64 * 10.0;
                        e += 1;
                    }
                    if e > end {
                        lo = ((lo * 100.0).round() + cents.round()) / 100.0;
                    }
                    end = e;
                }
            }
        }
        // 两个半月, 一个半小时: a half inside the unit.
        if kind == MentionKind::Number && !range {
            for (w, u) in [
                ("个半月", "个月"),
                ("个半小时", "个小时"),
                ("个半星期", "个星期"),
            ] {
                if starts_with(cs, k, w) {
                    unit = Some(u);
                    uclass = Some(UClass::Time);
                    half = true;
                    lo += 0.5;
                    end = k + w.chars().count();
                    break;
                }
            }
        }
        if kind == MentionKind::Number
            && unit.is_none()
            && let Some((word, u, cls, over)) = in_set(&w.unit_first, cs.get(k))
                .then(|| {
                    w.units
                        .iter()
                        .find(|u| starts_with(cs, k, &u.0))
                        .map(|(a, b, c, d)| (&**a, &**b, *c, *d))
                })
                .flatten()
        {
            let l = word.chars().count();
            let next = cs.get(k + l).copied();
            let bad = match u {
                "年" => next.is_some_and(|c| {
                    matches!(
                        c,
                        '代' | '级' | '纪' | '龄' | '轻' | '化' | '薪' | '终' | '度' | '报' | '会'
                    )
                }),
                "天" => next
                    .is_some_and(|c| matches!(c, '气' | '空' | '使' | '才' | '下' | '津' | '然')),
                "人" => next.is_some_and(|c| {
                    matches!(
                        c,
                        '民' | '工' | '类' | '物' | '们' | '生' | '家' | '间' | '士'
                    )
                }),
                "名" => next.is_some_and(|c| matches!(c, '字' | '称' | '义' | '单' | '额')),
                "家" => next.is_some_and(|c| matches!(c, '庭' | '长' | '族' | '里' | '人' | '乡')),
                "分" => next.is_some_and(|c| {
                    matches!(
                        c,
                        '析' | '别'
                            | '享'
                            | '类'
                            | '布'
                            | '配'
                            | '手'
                            | '开'
                            | '成'
                            | '支'
                            | '散'
                            | '工'
                            | '化'
                            | '歧'
                            | '子'
                    )
                }),
                "代" => next.is_some_and(|c| matches!(c, '表' | '码' | '价' | '替' | '理' | '言')),
                "度" => next.is_some_and(|c| matches!(c, '过' | '假')),
                "本" => next.is_some_and(|c| matches!(c, '身' | '地' | '来' | '质' | '土')),
                "期" => next.is_some_and(|c| matches!(c, '间' | '待' | '望' | '货')),
                "场" => next.is_some_and(|c| matches!(c, '景')),
                "部" => next.is_some_and(|c| matches!(c, '分')),
                "台" => next.is_some_and(|c| matches!(c, '湾')),
                "条" => next.is_some_and(|c| matches!(c, '件')),
                "位" => next.is_some_and(|c| matches!(c, '置')),
                "块" => next.is_some_and(|c| matches!(c, '儿')),
                "米" => next.is_some_and(|c| matches!(c, '哈')),
                _ => false,
            };
            if !bad {
                unit = Some(u);
                uclass = Some(cls);
                unit_over = over;
                end = k + l;
                // 两年半, 三天半: a half after a duration.
                if cls == UClass::Time
                    && !over
                    && !range
                    && cs.get(end) == Some(&'半')
                    && !cs.get(end + 1).is_some_and(|&c| {
                        matches!(
                            c,
                            '导' | '岛'
                                | '径'
                                | '场'
                                | '决'
                                | '山'
                                | '边'
                                | '数'
                                | '天'
                                | '年'
                                | '个'
                                | '夜'
                        )
                    })
                {
                    lo += 0.5;
                    half = true;
                    end += 1;
                }
            }
        }
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
            range,
            uclass,
            qualified,
            pre.currency.is_some()
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
