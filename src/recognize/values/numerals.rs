//! Reading one numeral: Arabic (`2,500`, `1.5`), Chinese (`一千零一万零一`, `两千三百`,
//! `三万五`, `千三`), and the two mixed (`3600 万`, `4.78万亿`, `1万600`, `三点五亿`).
//!
//! A numeral is first cut into tokens (digits, 十百千, 万亿, 零, 数/几, 多/余), then valued
//! section by section. Two adjacent neighbouring Chinese digits (`十七八万`, `两三百`) make a
//! range: the numeral is valued once with each of them.

use super::lex::{cn_big, cn_digit, cn_unit};

/// Most tokens one numeral may have; anything longer is not a quantity anyone says.
const MAX_TOK: usize = 32;
/// Most integer digits of an Arabic number we read as a quantity (longer runs are ids, phone
/// numbers, or noise).
const MAX_INT_DIGITS: usize = 15;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    /// A digit or an Arabic number. `single`: one digit (三, 5), for the colloquial 三万五.
    Num {
        v: f64,
        single: bool,
        arabic: bool,
        decimal: bool,
        cn: Option<u8>,
    },
    /// 零 / 〇 used as a placeholder.
    Zero,
    Unit(f64),
    Big(f64),
    /// 数 / 几: coefficient 1 when leading (数亿, 几十), 0 after 十 (十几).
    Several(f64),
    /// 多 / 余 after a multiplier (三千多万, 100多).
    More,
}

/// One numeral read at a position.
#[derive(Clone, Debug, Default)]
pub(super) struct Core {
    pub start: usize,
    pub end: usize,
    pub lo: f64,
    /// Upper bound of an adjacent-digit range (十七八万).
    pub hi: Option<f64>,
    pub arabic: bool,
    /// Contains 万 or 亿.
    pub has_big: bool,
    /// Contains 十 百 千.
    pub has_unit: bool,
    /// Starts with a multiplier that has no digit before it (千万, 亿, 百万, 千三); 十 is not
    /// counted (十五 is ordinary).
    pub coefless: bool,
    pub decimal: bool,
    pub several: bool,
    pub more: bool,
    /// One digit (Chinese or Arabic) and nothing else.
    pub single: bool,
    /// Number of Arabic integer digits when the numeral is one Arabic number.
    pub arabic_digits: usize,
    /// Chinese digits read one by one (幺幺零).
    pub digit_seq: bool,
    /// Arabic integer written with a leading zero (007, 00700).
    pub leading_zero: bool,
    /// The multiplier the numeral ends with, which a range's lower end borrows (`1-2亿`).
    pub trailing_mag: f64,
    /// The product of the 万/亿 the numeral ends with (`四百五十万` -> 1e4): the scale a
    /// range's lower end shares when it has none of its own (`三百到四百五十万`).
    pub trailing_big: f64,
    /// The upper bound an approximate numeral's words give it: `几十万` 1e6, `十几` 20,
    /// `5000多` 6000, `三百余万` 4e6.
    pub approx_max: Option<f64>,
}

/// Read an Arabic number at `j`: digits with optional `,ddd` groups and a decimal part.
/// Returns (value, integer digits, decimal, end), or `Err(end)` for a run too long to be a
/// quantity.
fn read_arabic(cs: &[char], j: usize) -> Result<(f64, usize, bool, usize), usize> {
    let n = cs.len();
    let mut e = j;
    let mut int: u64 = 0;
    let mut digits = 0usize;
    let mut group = 0usize;
    let mut too_long = false;
    while e < n {
        let c = cs[e];
        if let Some(d) = c.to_digit(10) {
            if digits < MAX_INT_DIGITS {
                int = int * 10 + d as u64;
            } else {
                too_long = true;
            }
            digits += 1;
            group += 1;
            e += 1;
        } else if c == ','
            && (1..=3).contains(&group)
            && (digits == group || group == 3)
            && e + 3 < n + 1
            && cs
                .get(e + 1..e + 4)
                .is_some_and(|g| g.iter().all(|c| c.is_ascii_digit()))
            && !cs.get(e + 4).is_some_and(|c| c.is_ascii_digit())
        {
            group = 0;
            e += 1;
        } else {
            break;
        }
    }
    if too_long {
        // Skip the whole run (digits, separators) so a huge run is passed over once.
        while e < n && (cs[e].is_ascii_digit() || cs[e] == ',' || cs[e] == '.') {
            e += 1;
        }
        return Err(e);
    }
    let mut v = int as f64;
    let mut decimal = false;
    if e + 1 < n && cs[e] == '.' && cs[e + 1].is_ascii_digit() {
        decimal = true;
        e += 1;
        // The decimals as an integer over a power of ten: 0.3 is 3 / 10, not 3 × 0.1.
        let (mut frac, mut div) = (0u64, 1u64);
        let mut k = 0;
        while e < n && cs[e].is_ascii_digit() {
            if k < 12 {
                frac = frac * 10 + cs[e].to_digit(10).unwrap_or(0) as u64;
                div *= 10;
            }
            k += 1;
            e += 1;
        }
        v += frac as f64 / div as f64;
        if k > 40 {
            return Err(e);
        }
    }
    Ok((v, digits, decimal, e))
}

/// The end of a run of one to three spaces at `j` (`j` itself when there is none).
fn spaces_before(cs: &[char], j: usize) -> usize {
    let mut e = j;
    while e < cs.len() && cs[e] == ' ' && e - j < 3 {
        e += 1;
    }
    if cs.get(e) == Some(&' ') { j } else { e }
}

/// 廿 卅 卌: twenty, thirty, forty in one char.
#[inline]
pub(super) fn old_tens(c: char) -> Option<f64> {
    match c {
        '廿' => Some(2.0),
        '卅' => Some(3.0),
        '卌' => Some(4.0),
        _ => None,
    }
}

/// After a space inside a Chinese numeral, does the numeral go on at `s`? Only when the next
/// place is lower than the last one said (`五千 二百`, `一十 万`, `万 三千`), never for a list
/// of numbers (`三百 五百`).
fn continues_after_space(toks: &[Tok], cs: &[char], s: usize) -> bool {
    let Some(&last) = toks.last() else {
        return false;
    };
    // The lowest place said since the last 万/亿.
    let mut low = f64::INFINITY;
    for t in toks.iter().rev() {
        match *t {
            Tok::Unit(u) => low = low.min(u),
            Tok::Big(_) => break,
            _ => {}
        }
    }
    let c = cs[s];
    // `一千 零 五十`: a placeholder spaced apart, a digit after it.
    if matches!(c, '零' | '〇') {
        return matches!(last, Tok::Unit(_) | Tok::Big(_))
            && cs.get(spaces_before(cs, s + 1)).is_some_and(|&d| {
                cn_digit(d).is_some_and(|d| d > 0) && d != '幺' || matches!(d, '1'..='9')
            });
    }
    // `2 亿 5000 万`: a group of Arabic digits between two 万/亿, the lower one after it.
    if matches!(c, '1'..='9')
        && let Tok::Big(lb) = last
    {
        let mut e = s;
        while e < cs.len() && cs[e].is_ascii_digit() && e - s < 5 {
            e += 1;
        }
        if e - s <= 4
            && !cs
                .get(e)
                .is_some_and(|&d| d.is_ascii_digit() || d == '.' || d == ',')
            && cs
                .get(spaces_before(cs, e))
                .and_then(|&b| cn_big(b))
                .is_some_and(|b| b < lb)
        {
            return true;
        }
    }
    if cn_big(c).is_some() {
        return matches!(last, Tok::Unit(_) | Tok::Num { arabic: false, .. });
    }
    if let Some(u) = cn_unit(c) {
        return matches!(last, Tok::Num { arabic: false, .. }) && u < low;
    }
    // `1 万 2 千`, `3 千 5 百`: one Arabic digit and a lower place, spaced as well.
    if matches!(c, '1'..='9')
        && matches!(last, Tok::Unit(_) | Tok::Big(_))
        && !cs
            .get(s + 1)
            .is_some_and(|&d| d.is_ascii_digit() || d == '.' || d == ',')
    {
        let last_big = toks.iter().rev().find_map(|t| match *t {
            Tok::Big(b) => Some(b),
            _ => None,
        });
        return match cs.get(spaces_before(cs, s + 1)).copied() {
            Some(u) if cn_unit(u).is_some_and(|u| u >= 100.0) => {
                cn_unit(u).is_some_and(|u| u < low)
            }
            Some(b) => cn_big(b).is_some_and(|b| last_big.is_some_and(|l| b < l)),
            None => false,
        };
    }
    let digit = cn_digit(c).is_some_and(|d| d > 0) && c != '幺';
    if !digit || !matches!(last, Tok::Unit(_) | Tok::Big(_) | Tok::Zero) {
        return false;
    }
    // `两 万 三 千`: the digit's own place may be spaced from it too.
    match cs.get(spaces_before(cs, s + 1)).copied() {
        Some(u) if cn_unit(u).is_some() => cn_unit(u).is_some_and(|u| u < low),
        Some(b) if cn_big(b).is_some() => true,
        // `一千 零 五`: the last digit, after a placeholder.
        _ => last == Tok::Zero,
    }
}

fn is_pair(a: u8, b: u8) -> bool {
    b == a + 1 || (a, b) == (3, 5) || (a, b) == (1, 2)
}

/// Value the tokens: sections of four digits joined by 万 and 亿, colloquial shortenings
/// (三万五 = 35000, 千三 = 1300) where a lone digit follows a multiplier.
fn eval(toks: &[Tok]) -> f64 {
    let (mut hi, mut acc, mut section) = (0.0f64, 0.0f64, 0.0f64);
    let mut cur: Option<f64> = None;
    let mut last_mult = 0.0f64;
    let mut after_mult = false;
    let mut zero = false;
    let mut colloq = false;
    for t in toks {
        match *t {
            Tok::Num { v, single, .. } => {
                colloq = after_mult && !zero && single;
                cur = Some(v);
                after_mult = false;
            }
            Tok::Several(v) => {
                colloq = false;
                cur = Some(v);
                after_mult = false;
            }
            Tok::Zero => {
                zero = true;
                after_mult = false;
            }
            Tok::Unit(u) => {
                section += cur.unwrap_or(1.0) * u;
                cur = None;
                last_mult = u;
                after_mult = true;
                zero = false;
            }
            Tok::Big(b) => {
                let mut group = section + cur.unwrap_or(0.0);
                if group == 0.0 && hi == 0.0 && acc == 0.0 {
                    group = 1.0;
                }
                if b >= 1e8 {
                    hi = (hi + acc + group) * b;
                    acc = 0.0;
                } else {
                    acc += group * b;
                }
                section = 0.0;
                cur = None;
                last_mult = b;
                after_mult = true;
                zero = false;
            }
            Tok::More => {
                after_mult = false;
            }
        }
    }
    if let Some(c) = cur {
        section += if colloq && last_mult >= 10.0 {
            c * last_mult / 10.0
        } else {
            c
        };
    }
    hi + acc + section
}

/// The upper bound of an approximate numeral: 数/几 stand for up to ten of their place
/// (`几十万` 1e5..1e6, `十几` 10..20, `二百三十几亿` 2.3e10..2.4e10); 多/余 for up to one more
/// of the place before them (`三千多` 3000..4000, `5000多` 5000..6000, `三百余万` 3e6..4e6).
fn approx_max(toks: &[Tok], lo: f64) -> Option<f64> {
    if toks.iter().any(|t| matches!(t, Tok::Several(_))) {
        let mut up = [Tok::Zero; MAX_TOK];
        for (u, t) in up.iter_mut().zip(toks) {
            *u = match *t {
                Tok::Several(_) => Tok::Several(10.0),
                t => t,
            };
        }
        let hi = eval(&up[..toks.len()]);
        return (hi.is_finite() && hi > lo).then_some(hi);
    }
    let m = toks.iter().position(|t| *t == Tok::More)?;
    let place = match toks[..m].last()? {
        Tok::Unit(u) | Tok::Big(u) => *u,
        Tok::Num {
            v,
            arabic: true,
            decimal: false,
            ..
        } if *v >= 1.0 => {
            // The lowest digit said: 5000多 counts thousands, 120多 tens.
            let mut place = 1.0;
            let mut x = *v as u64;
            while x > 0 && x.is_multiple_of(10) {
                x /= 10;
                place *= 10.0;
            }
            place
        }
        _ => return None,
    };
    let scale: f64 = toks[m + 1..]
        .iter()
        .map(|t| if let Tok::Big(b) = *t { b } else { 1.0 })
        .product();
    let hi = lo + place * scale;
    (hi.is_finite() && lo > 0.0).then_some(hi)
}

/// Undo binary rounding noise from decimals and scaling (0.1 + 0.2, 4.78 × 1e12, 3 × 0.1):
/// keep 15 significant digits, which is more than anyone says. (Fractions such as 三分之一
/// are left exact.)
pub(super) fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 15 - (v.abs().log10().floor() as i32) - 1;
    if !(-300..=300).contains(&digits) {
        return v;
    }
    let scale = 10f64.powi(digits);
    let r = (v * scale).round() / scale;
    if r.is_finite() { r } else { v }
}

/// What [`parse`] found at a position.
pub(super) enum Parsed {
    Core(Core),
    /// No quantity starts here; resume scanning at this position.
    Skip(usize),
}

/// Read the numeral starting at `start` (a digit, a Chinese numeral, 数 or 几).
pub(super) fn parse(cs: &[char], start: usize) -> Parsed {
    let n = cs.len();
    let mut toks = [Tok::Zero; MAX_TOK];
    let mut ends = [0usize; MAX_TOK];
    let mut k = 0usize;
    let mut j = start;
    let mut pair: Option<usize> = None;
    let mut pure_cn_digits = true; // only Chinese digits / 零 so far
    let mut overflow = false;
    while j < n {
        if k == MAX_TOK {
            overflow = true;
            break;
        }
        let c = cs[j];
        let prev = if k > 0 { Some(toks[k - 1]) } else { None };
        let next = cs.get(j + 1).copied();
        if c == ' ' {
            // Speech recognition spaces the places apart: `五千 二百 一十 万 三千`.
            let s = spaces_before(cs, j);
            // `三 百 万`, `两 万 三 千`: one digit spaced from a place of a hundred or more.
            let lone_digit = k == 1
                && matches!(toks[0], Tok::Num { cn: Some(d), .. } if d > 0)
                && cs[start] != '幺'
                && s < n
                && (cn_big(cs[s]).is_some() || cn_unit(cs[s]).is_some_and(|u| u >= 100.0));
            if s > j
                && s < n
                && (!pure_cn_digits || lone_digit)
                && continues_after_space(&toks[..k], cs, s)
            {
                j = s;
                continue;
            }
            break;
        }
        if c.is_ascii_digit() {
            match prev {
                None | Some(Tok::Big(_)) | Some(Tok::Unit(_)) => {}
                // 3千零7, 5千零20万: a placeholder before Arabic digits.
                Some(Tok::Zero) if k > 1 => {}
                _ => break,
            }
            let (v, digits, decimal, e) = match read_arabic(cs, j) {
                Ok(x) => x,
                Err(e) => {
                    if k == 0 {
                        return Parsed::Skip(e);
                    }
                    break;
                }
            };
            if k > 0 && decimal {
                break;
            }
            toks[k] = Tok::Num {
                v,
                single: digits == 1 && !decimal,
                arabic: true,
                decimal,
                cn: None,
            };
            ends[k] = e;
            k += 1;
            pure_cn_digits = false;
            j = e;
            // `1100 万`, `800  万`, `6 万2 千3 百`: spaces before a multiplier.
            let s = spaces_before(cs, j);
            if s > j
                && s < n
                && (cn_big(cs[s]).is_some()
                    || cn_unit(cs[s]).is_some_and(|u| u >= 100.0 && v < 10.0)
                    || (cn_unit(cs[s]).is_some_and(|u| u >= 100.0)
                        && cs.get(s + 1).is_some_and(|&c| cn_big(c).is_some())))
            {
                j = s;
            }
            continue;
        }
        if let Some(tens) = old_tens(c) {
            // 廿 (20), 卅 (30), 卌 (40): a digit and 十 in one char.
            match prev {
                None | Some(Tok::Big(_)) | Some(Tok::Zero) => {}
                Some(Tok::Unit(u)) if u > 10.0 => {}
                _ => break,
            }
            if k + 2 > MAX_TOK {
                overflow = true;
                break;
            }
            toks[k] = Tok::Num {
                v: tens,
                single: false,
                arabic: false,
                decimal: false,
                cn: None,
            };
            ends[k] = j + 1;
            toks[k + 1] = Tok::Unit(10.0);
            ends[k + 1] = j + 1;
            k += 2;
            pure_cn_digits = false;
            j += 1;
            continue;
        }
        if let Some(d) = cn_digit(c) {
            if d == 0 && c != '幺' {
                // 零 / 〇: a placeholder, or a digit when reading digits one by one.
                match prev {
                    Some(Tok::Zero)
                    | Some(Tok::Num { cn: Some(_), .. })
                    | Some(Tok::Unit(_))
                    | Some(Tok::Big(_))
                    | None => {}
                    _ => break,
                }
                // 零点五
                toks[k] = Tok::Zero;
                ends[k] = j + 1;
                k += 1;
                j += 1;
                continue;
            }
            if let Some(Tok::Num { cn, arabic, .. }) = prev {
                if arabic {
                    break;
                }
                let p = cn.unwrap_or(0);
                if pure_cn_digits && k >= 1 {
                    // 二〇二四, 七八: decided after the run.
                } else if pair.is_none() && is_pair(p, d) {
                    pair = Some(k);
                } else {
                    break;
                }
            } else if let Some(Tok::Zero) = prev {
                // 一千零一: fine.
            }
            toks[k] = Tok::Num {
                v: d as f64,
                single: true,
                arabic: false,
                decimal: false,
                cn: Some(d),
            };
            ends[k] = j + 1;
            k += 1;
            j += 1;
            continue;
        }
        if (cn_unit(c).is_some() || cn_big(c).is_some()) && pure_cn_digits && k >= 2 {
            // 七八十, 两三百万: two neighbouring digits before a multiplier are a range.
            match (toks[0], toks[1]) {
                (Tok::Num { cn: Some(a), .. }, Tok::Num { cn: Some(b), .. })
                    if k == 2 && is_pair(a, b) =>
                {
                    pair = Some(1)
                }
                _ => break,
            }
        }
        if let Some(u) = cn_unit(c) {
            let ok = match prev {
                None => true,
                Some(Tok::Num { .. }) | Some(Tok::Several(_)) => true,
                Some(Tok::Zero) => u == 10.0,
                // 一百十二, 三千二百十: 十 with its 一 left unsaid after a higher place.
                Some(Tok::Unit(p)) => u == 10.0 && p > 10.0,
                _ => false,
            };
            if !ok {
                break;
            }
            toks[k] = Tok::Unit(u);
            ends[k] = j + 1;
            k += 1;
            pure_cn_digits = false;
            j += 1;
            continue;
        }
        if let Some(b) = cn_big(c) {
            // 三万万: 万万 is an old way of saying 亿.
            if b == 1e4 && prev == Some(Tok::Big(1e4)) && !toks[..k - 1].contains(&Tok::Big(1e8)) {
                toks[k - 1] = Tok::Big(1e8);
                ends[k - 1] = j + 1;
                j += 1;
                continue;
            }
            let ok = match prev {
                Some(Tok::Big(pb)) => b > pb,
                _ => true,
            };
            if !ok {
                break;
            }
            toks[k] = Tok::Big(b);
            ends[k] = j + 1;
            k += 1;
            pure_cn_digits = false;
            j += 1;
            continue;
        }
        let next_is_mult = next.is_some_and(|c| cn_unit(c).is_some() || cn_big(c).is_some());
        match c {
            '数' if k == 0 && next_is_mult => {
                toks[k] = Tok::Several(1.0);
            }
            '几' if (k == 0
                && (next_is_mult || (next == Some('个') && cs.get(j + 2) == Some(&'亿'))))
                || matches!(prev, Some(Tok::Unit(u)) if u == 10.0) =>
            {
                toks[k] = Tok::Several(if k == 0 { 1.0 } else { 0.0 });
            }
            '多' | '余'
                if match prev {
                    Some(Tok::Unit(_)) | Some(Tok::Big(_)) => true,
                    Some(Tok::Num {
                        arabic: true,
                        v,
                        decimal: false,
                        ..
                    }) => v >= 10.0,
                    _ => false,
                } =>
            {
                toks[k] = Tok::More;
            }
            '个' if matches!(
                prev,
                Some(Tok::Num { .. }) | Some(Tok::Several(_)) | Some(Tok::Unit(_))
            ) && next == Some('亿') =>
            {
                // 两个亿, 几十个亿: the 个 belongs to the numeral.
                j += 1;
                continue;
            }
            '点' if matches!(
                prev,
                Some(Tok::Num { arabic: false, .. })
                    | Some(Tok::Zero)
                    | Some(Tok::Unit(_))
                    | Some(Tok::Big(_))
            ) && next.is_some_and(|c| cn_digit(c).is_some() && c != '两') =>
            {
                // Chinese decimal: 三点五, 百分之三点一四. Not a clock time (三点五十分, 三点半).
                let mut e = j + 1;
                let (mut frac_int, mut div) = (0u64, 1u64);
                while e < n {
                    match cn_digit(cs[e]) {
                        Some(d) if cs[e] != '两' => {
                            if div < 1_000_000_000_000 {
                                frac_int = frac_int * 10 + d as u64;
                                div *= 10;
                            }
                            e += 1;
                        }
                        _ => break,
                    }
                }
                let frac = frac_int as f64 / div as f64;
                if cs
                    .get(e)
                    .is_some_and(|&c| matches!(c, '十' | '百' | '千' | '分' | '刻' | '半' | '钟'))
                {
                    break;
                }
                let int = if pure_cn_digits && k > 1 {
                    f64::NAN
                } else {
                    eval(&toks[..k])
                };
                if !int.is_finite() {
                    break;
                }
                toks[0] = Tok::Num {
                    v: int + frac,
                    single: false,
                    arabic: false,
                    decimal: true,
                    cn: None,
                };
                ends[0] = e;
                k = 1;
                pure_cn_digits = false;
                pair = None;
                j = e;
                continue;
            }
            _ => break,
        }
        ends[k] = j + 1;
        k += 1;
        pure_cn_digits = false;
        j += 1;
        if matches!(toks[k - 1], Tok::More) && cs.get(j).is_none_or(|&c| cn_big(c).is_none()) {
            break;
        }
    }
    if overflow {
        let mut e = j;
        while e < n
            && (cs[e].is_ascii_digit()
                || cn_digit(cs[e]).is_some()
                || cn_unit(cs[e]).is_some()
                || cn_big(cs[e]).is_some())
        {
            e += 1;
        }
        return Parsed::Skip(e.max(start + 1));
    }
    // 零 alone.
    if k == 1 && toks[0] == Tok::Zero {
        return Parsed::Core(Core {
            start,
            end: ends[0],
            single: true,
            trailing_mag: 1.0,
            trailing_big: 1.0,
            ..Default::default()
        });
    }
    // Trailing placeholders belong to nothing (一千零), unless digits are read one by one.
    while k > 0 && toks[k - 1] == Tok::Zero && !pure_cn_digits {
        k -= 1;
    }
    if k == 0 {
        return Parsed::Skip(start + 1);
    }
    // Leading 零 outside a digit run: start after it.
    if toks[0] == Tok::Zero && !(pure_cn_digits && k > 1) {
        return Parsed::Skip(start + 1);
    }
    let end = ends[k - 1];
    let toks = &toks[..k];
    let mut core = Core {
        start,
        end,
        trailing_mag: 1.0,
        trailing_big: 1.0,
        ..Default::default()
    };
    if pure_cn_digits && k >= 2 {
        // Digits read one by one (二〇二四, 幺三八): only two neighbours are a range.
        let (a, b) = match (toks[0], toks[1]) {
            (Tok::Num { cn: Some(a), .. }, Tok::Num { cn: Some(b), .. }) => (a, b),
            // 归零三次, 清零两千万: a 零 ending a word, the number after it its own.
            (Tok::Zero, _) if !spoken_digits(&cs[start..end], k) => {
                return Parsed::Skip(start + 1);
            }
            _ => return Parsed::Skip(end),
        };
        if k == 2 && is_pair(a, b) {
            core.lo = a as f64;
            core.hi = Some(b as f64);
            return Parsed::Core(core);
        }
        // 幺幺零, 三〇一: a number read digit by digit (never 两).
        if spoken_digits(&cs[start..end], k) {
            let mut v = 0.0;
            for t in toks {
                v = v * 10.0
                    + match *t {
                        Tok::Num { v, .. } => v,
                        _ => 0.0,
                    };
            }
            core.lo = v;
            core.digit_seq = true;
            return Parsed::Core(core);
        }
        return Parsed::Skip(end);
    }
    for t in toks {
        match *t {
            Tok::Num {
                arabic, decimal, ..
            } => {
                core.arabic |= arabic;
                core.decimal |= decimal;
            }
            Tok::Unit(_) => core.has_unit = true,
            Tok::Big(_) => core.has_big = true,
            Tok::Several(_) => core.several = true,
            Tok::More => core.more = true,
            Tok::Zero => {}
        }
    }
    // 千万, 亿, 百万 (no digit at all); 千三 and 百八十 have one and are ordinary.
    core.coefless = (matches!(toks[0], Tok::Big(_)) || matches!(toks[0], Tok::Unit(u) if u > 10.0))
        && !toks.iter().any(|t| matches!(t, Tok::Num { .. }));
    core.single = k == 1 && matches!(toks[0], Tok::Num { single: true, .. });
    if let (
        1,
        Tok::Num {
            arabic: true,
            decimal: false,
            v,
            ..
        },
    ) = (k, toks[0])
    {
        let digits = end - start - cs[start..end].iter().filter(|&&c| c == ',').count();
        core.arabic_digits = digits;
        core.leading_zero = digits > 1 && cs[start] == '0' && v >= 0.0;
    }
    // The multiplier run the numeral ends with.
    let mut r = k;
    while r > 0 && matches!(toks[r - 1], Tok::Unit(_) | Tok::Big(_) | Tok::More) {
        r -= 1;
    }
    core.trailing_big = 1.0;
    if r < k {
        let explicit = r > 0 && matches!(toks[r - 1], Tok::Num { .. });
        let mut m = 1.0;
        for t in &toks[r..] {
            match *t {
                Tok::Big(b) => {
                    m *= b;
                    core.trailing_big *= b;
                }
                Tok::Unit(u) if explicit => m *= u,
                _ => {}
            }
        }
        core.trailing_mag = m;
    }
    match pair {
        Some(p) => {
            let mut lo = [Tok::Zero; MAX_TOK];
            let mut hi = [Tok::Zero; MAX_TOK];
            let (mut a, mut b) = (0, 0);
            for (idx, t) in toks.iter().enumerate() {
                if idx != p {
                    lo[a] = *t;
                    a += 1;
                }
                if idx != p - 1 {
                    hi[b] = *t;
                    b += 1;
                }
            }
            core.lo = eval(&lo[..a]);
            core.hi = Some(eval(&hi[..b]));
        }
        None => {
            core.lo = eval(toks);
            core.approx_max = approx_max(toks, core.lo);
        }
    }
    if !core.lo.is_finite() || core.hi.is_some_and(|h| !h.is_finite()) || core.lo > 1e18 {
        return Parsed::Skip(end);
    }
    Parsed::Core(core)
}

/// Are these `k` Chinese digits a number read digit by digit (幺幺零, 三〇一; never 两)?
fn spoken_digits(run: &[char], k: usize) -> bool {
    run.iter().any(|&c| c == '幺' || c == '〇') && (3..=15).contains(&k) && !run.contains(&'两')
}

/// Value of a short Chinese or Arabic integer (a month, a day, a quarter), with its end.
/// Accepts 1–2 Arabic digits or a Chinese numeral up to 三十一 (十二, 二十, 三十一, 廿 not).
pub(super) fn small_int(cs: &[char], j: usize) -> Option<(u32, usize)> {
    let n = cs.len();
    if j >= n {
        return None;
    }
    if cs[j].is_ascii_digit() {
        let mut e = j;
        let mut v = 0u32;
        while e < n && cs[e].is_ascii_digit() {
            if e - j >= 2 {
                return None;
            }
            v = v * 10 + cs[e].to_digit(10)?;
            e += 1;
        }
        if e < n && (cs[e] == '.' && cs.get(e + 1).is_some_and(|c| c.is_ascii_digit())) {
            return None;
        }
        return Some((v, e));
    }
    let d0 = cn_digit(cs[j]).filter(|&d| d > 0 && cs[j] != '幺');
    let mut e = j;
    let mut v;
    match (d0, cs[j]) {
        (Some(d), _) => {
            v = d as u32;
            e += 1;
            if cs.get(e) == Some(&'十') {
                if d > 3 || cs[j] == '两' {
                    return None;
                }
                v *= 10;
                e += 1;
                if let Some(d2) = cs.get(e).and_then(|&c| cn_digit(c)).filter(|&d| d > 0) {
                    v += d2 as u32;
                    e += 1;
                }
            } else if cs[j] == '两' {
                return None;
            }
        }
        (None, '十') => {
            v = 10;
            e += 1;
            if let Some(d2) = cs.get(e).and_then(|&c| cn_digit(c)).filter(|&d| d > 0) {
                if cs[e] == '两' {
                    return None;
                }
                v += d2 as u32;
                e += 1;
            }
        }
        _ => return None,
    }
    Some((v, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(s: &str) -> Option<(f64, Option<f64>, usize)> {
        let cs: Vec<char> = s.chars().collect();
        match parse(&cs, 0) {
            Parsed::Core(c) => Some((c.lo, c.hi, c.end)),
            Parsed::Skip(_) => None,
        }
    }

    #[test]
    fn chinese_numerals() {
        let cases: &[(&str, f64)] = &[
            ("一千零一万零一", 10010001.0),
            ("两千三百", 2300.0),
            ("三万五", 35000.0),
            ("千三", 1300.0),
            ("一万二", 12000.0),
            ("三千五", 3500.0),
            ("一百二十三", 123.0),
            ("十一", 11.0),
            ("一万零五", 10005.0),
            ("两百", 200.0),
            ("十万八千", 108000.0),
            ("三百万", 3e6),
            ("二十亿", 2e9),
            ("一千二百万", 1.2e7),
            ("九亿八千万", 9.8e8),
            ("三点一六", 3.16),
            ("三点五亿", 3.5e8),
            ("4.78万亿", 4.78e12),
            ("1万600", 10600.0),
            ("2,500万", 2.5e7),
            ("1100 万", 1.1e7),
            ("两个亿", 2e8),
            ("千万", 1e7),
            ("亿", 1e8),
            ("一百零五", 105.0),
            ("十五", 15.0),
            ("两百五", 250.0),
            ("三千多万", 3e7),
            // Spaced as speech recognition writes them.
            ("六 万 四 千", 64000.0),
            ("九 百 万", 9e6),
            ("5 亿 300 万", 503e6),
            ("三 亿 1200 万", 312e6),
            ("两千 零 八", 2008.0),
            ("一万 零 三百", 10300.0),
            // 个 before 亿 after a place.
            ("二十个亿", 2e9),
            ("几十个亿", 1e9),
        ];
        for (s, v) in cases {
            let got = val(s).unwrap_or_else(|| panic!("{s}: no value"));
            assert!(
                (got.0 - v).abs() < 1e-6 * v.abs().max(1.0),
                "{s}: {got:?} != {v}"
            );
            assert_eq!(got.2, s.chars().count(), "{s}: end");
        }
    }

    #[test]
    fn ranges_of_neighbouring_digits() {
        assert_eq!(val("十七八万"), Some((170000.0, Some(180000.0), 4)));
        assert_eq!(val("两三百万"), Some((2e6, Some(3e6), 4)));
        assert_eq!(val("七八十"), Some((70.0, Some(80.0), 3)));
    }

    #[test]
    fn spaces_never_join_a_list() {
        // A lower place after a space continues the numeral; a list of numbers does not.
        assert_eq!(val("三百 五百").map(|v| v.2), Some(2));
        assert_eq!(val("四十 五十").map(|v| v.2), Some(2));
        assert_eq!(val("5 亿 3").map(|v| v.2), Some(3));
        assert_eq!(val("5 亿 30000 万").map(|v| v.2), Some(3));
    }

    #[test]
    fn a_zero_ending_a_word_is_passed_over_alone() {
        // 清零三次, 找零两块: the 零 is skipped, and the number after it starts on its own.
        let cs: Vec<char> = "零三".chars().collect();
        assert!(matches!(parse(&cs, 0), Parsed::Skip(1)));
        let cs: Vec<char> = "零两千".chars().collect();
        assert!(matches!(parse(&cs, 0), Parsed::Skip(1)));
        // Digits read one by one keep their leading zero.
        let cs: Vec<char> = "幺幺零".chars().collect();
        assert!(matches!(parse(&cs, 0), Parsed::Core(_)));
    }

    #[test]
    fn huge_runs_are_skipped_not_overflowed() {
        let s = "9".repeat(50_000);
        assert!(val(&s).is_none());
        assert!(val(&"亿".repeat(100)).is_none() || val(&"亿".repeat(100)).unwrap().0.is_finite());
    }
}
