//! Reading one numeral: Arabic (`2,500`, `1.5`), Chinese (`一千零一万零一`, `两千三百`,
//! `三万五`, `千三`), and the two mixed (`3600 万`, `4.78万亿`, `1万600`, `三点五亿`).
//!
//! A numeral is first cut into tokens (digits, 十百千, 万亿, 零, 数/几, 多/余), then valued
//! section by section. Two adjacent neighbouring Chinese digits (`十七八万`, `两三百`) make a
//! range: the numeral is valued once with each of them.
//!
//! [`parse`] reads the tokens with [`FORMS`], an ordered list of small readers, one file a
//! form with its tests beside it: `spacing` (spaces as speech recognition writes them),
//! `arabic` (digits, `2,500`, `1万600`), `old_forms` (廿 卅 卌, 万万), `places` (Chinese
//! digits, 零, 十百千 with the tens elided, 万亿, 两个亿), `approx` (数/几, 多/余 and the bound
//! they give) and `decimal` (三点五, 六万点三). [`finish`] then values what was read.

use super::lex::{cn_big, cn_digit, cn_unit};

mod approx;
mod arabic;
mod decimal;
mod old_forms;
mod places;
mod spacing;

pub(super) use old_forms::old_tens;

/// Most tokens one numeral may have; anything longer is not a quantity anyone says.
pub(super) const MAX_TOK: usize = 32;
/// Most integer digits of an Arabic number we read as a quantity (longer runs are ids, phone
/// numbers, or noise).
pub(super) const MAX_INT_DIGITS: usize = 15;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Tok {
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

pub(super) fn is_pair(a: u8, b: u8) -> bool {
    b == a + 1 || (a, b) == (3, 5) || (a, b) == (1, 2)
}

/// Value the tokens: sections of four digits joined by 万 and 亿, colloquial shortenings
/// (三万五 = 35000, 千三 = 1300) where a lone digit follows a multiplier.
pub(super) fn eval(toks: &[Tok]) -> f64 {
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

/// The state of [`parse`]: the tokens read so far, each with the char position it ends at.
pub(super) struct Reader<'a> {
    cs: &'a [char],
    start: usize,
    /// The next char to read.
    j: usize,
    toks: [Tok; MAX_TOK],
    ends: [usize; MAX_TOK],
    k: usize,
    /// The token that is the second of two neighbouring digits (十七八万), if any.
    pair: Option<usize>,
    /// Only Chinese digits and 零 so far (二〇二四, 七八): decided after the run.
    pure_cn_digits: bool,
}

impl Reader<'_> {
    fn prev(&self) -> Option<Tok> {
        (self.k > 0).then(|| self.toks[self.k - 1])
    }

    /// Push a token ending at `end`; the reading goes on from `end`.
    fn push(&mut self, t: Tok, end: usize) {
        self.toks[self.k] = t;
        self.ends[self.k] = end;
        self.k += 1;
        self.j = end;
    }
}

/// What a form of [`FORMS`] did with the char at the reader's position.
pub(super) enum Step {
    /// Took it (and maybe more); read on.
    Took,
    /// Not this form's char: try the next form.
    Pass,
    /// The char ends the numeral.
    Stop,
    /// More tokens than [`MAX_TOK`]: no quantity anyone says.
    Overflow,
    /// No quantity starts here; resume at this position.
    Skip(usize),
}

/// The forms a numeral is read in, tried in order at each char: the first that does not pass
/// decides. Each is a small function in the file of its form, its tests beside it.
const FORMS: &[fn(&mut Reader) -> Step] = &[
    // Before the spacing: `560 个亿` is one numeral, whatever a space would say.
    places::ge_before_yi,
    spacing::space,
    arabic::digits,
    old_forms::tens_in_one_char,
    places::digit,
    places::neighbours_before_a_place,
    places::place,
    places::section,
    approx::several_or_more,
    decimal::point,
];

/// Read the numeral starting at `start` (a digit, a Chinese numeral, 数 or 几).
pub(super) fn parse(cs: &[char], start: usize) -> Parsed {
    let mut r = Reader {
        cs,
        start,
        j: start,
        toks: [Tok::Zero; MAX_TOK],
        ends: [0; MAX_TOK],
        k: 0,
        pair: None,
        pure_cn_digits: true,
    };
    let mut overflow = false;
    'read: while r.j < cs.len() {
        if r.k == MAX_TOK {
            overflow = true;
            break;
        }
        for form in FORMS {
            match form(&mut r) {
                Step::Took => continue 'read,
                Step::Pass => {}
                Step::Stop => break 'read,
                Step::Overflow => {
                    overflow = true;
                    break 'read;
                }
                Step::Skip(e) => return Parsed::Skip(e),
            }
        }
        break;
    }
    if overflow {
        return Parsed::Skip(skip_numeral_run(cs, r.j).max(start + 1));
    }
    finish(r)
}

/// The end of the run of numeral chars at `j` (a run too long to be a quantity).
fn skip_numeral_run(cs: &[char], j: usize) -> usize {
    let mut e = j;
    while e < cs.len()
        && (cs[e].is_ascii_digit()
            || cn_digit(cs[e]).is_some()
            || cn_unit(cs[e]).is_some()
            || cn_big(cs[e]).is_some())
    {
        e += 1;
    }
    e
}

/// The numeral read: trim its placeholders, read a run of bare digits, then value it.
fn finish(mut r: Reader) -> Parsed {
    let (start, cs) = (r.start, r.cs);
    // 零 alone.
    if r.k == 1 && r.toks[0] == Tok::Zero {
        return Parsed::Core(Core {
            start,
            end: r.ends[0],
            single: true,
            trailing_mag: 1.0,
            trailing_big: 1.0,
            ..Default::default()
        });
    }
    // Trailing placeholders belong to nothing (一千零), unless digits are read one by one.
    while r.k > 0 && r.toks[r.k - 1] == Tok::Zero && !r.pure_cn_digits {
        r.k -= 1;
    }
    if r.k == 0 {
        return Parsed::Skip(start + 1);
    }
    // Leading 零 outside a digit run: start after it.
    if r.toks[0] == Tok::Zero && !(r.pure_cn_digits && r.k > 1) {
        return Parsed::Skip(start + 1);
    }
    let k = r.k;
    let end = r.ends[k - 1];
    let toks = &r.toks[..k];
    let mut core = Core {
        start,
        end,
        trailing_mag: 1.0,
        trailing_big: 1.0,
        ..Default::default()
    };
    if r.pure_cn_digits && k >= 2 {
        return digit_run(cs, toks, core);
    }
    describe(cs, toks, &mut core);
    match r.pair {
        Some(p) => {
            let (lo, hi) = pair_ends(toks, p);
            core.lo = lo;
            core.hi = Some(hi);
        }
        None => {
            core.lo = eval(toks);
            core.approx_max = approx::approx_max(toks, core.lo);
        }
    }
    if !core.lo.is_finite() || core.hi.is_some_and(|h| !h.is_finite()) || core.lo > 1e18 {
        return Parsed::Skip(end);
    }
    Parsed::Core(core)
}

/// Chinese digits with no place between them: two neighbours are a range (七八), a number
/// read digit by digit (幺幺零, 三〇一) is its digits; anything else is no quantity.
fn digit_run(cs: &[char], toks: &[Tok], mut core: Core) -> Parsed {
    let (start, end, k) = (core.start, core.end, toks.len());
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
    Parsed::Skip(end)
}

/// What the tokens say of the numeral besides its value: Arabic, places, magnitudes, a
/// digit count, and the multipliers it ends with (which a range's lower end borrows).
fn describe(cs: &[char], toks: &[Tok], core: &mut Core) {
    let (start, end, k) = (core.start, core.end, toks.len());
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
}

/// The two ends of a numeral with two neighbouring digits (`十七八万`: the tokens without the
/// second digit, then without the first).
fn pair_ends(toks: &[Tok], p: usize) -> (f64, f64) {
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
    (eval(&lo[..a]), eval(&hi[..b]))
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

    pub(super) fn val(s: &str) -> Option<(f64, Option<f64>, usize)> {
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
            // 多 / 余 spaced from the number they round up.
            ("3000 多万", 3e7),
            ("两千 多万", 2e7),
            ("120 余亿", 1.2e10),
            // 个 before 亿 spaced from the number.
            ("12 个亿", 1.2e9),
            ("1.5 个亿", 1.5e8),
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
        // 多少 / 多数 after a space are no rounding up.
        assert_eq!(val("300 多少").map(|v| v.2), Some(3));
        assert_eq!(val("五百 多数").map(|v| v.2), Some(2));
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
