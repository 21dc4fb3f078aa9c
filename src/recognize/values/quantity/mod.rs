//! Quantities around a numeral: qualifiers (近 / 超过 / 左右 …), ranges (`4 - 6 个月`,
//! `1-2亿元`), percents (`80%`, `百分之三点五`, `七成`), money (`6000 亿美元`,
//! `超过千万元人民币`) and units (`100 平米`, `500 万次`), and the policy deciding which bare
//! numbers are worth emitting.
//!
//! [`find_at`] is two ordered lists of scanners around the reading of a numeral:
//! [`LEAD_SCANNERS`] for values led by a word of their own (`百分之`, in `percent`), then the
//! numeral with its range and shorthands, then [`AFTER_NUMERAL`] for the word after it
//! (`percent`: ‰, %, 百分点, 成; `money`: the currency words; `units`: halves and units),
//! the first that takes it winning; qualifiers and the emit policy close. Around the numeral:
//! `latin` (GPT-3 skipped, `100w`, `5亿RMB`, `16GB`), `range` (the second end and the scale
//! said once, the word said twice), `qualifiers` (近 / 超过 / 左右 …) and `policy` (which bare
//! numbers are emitted). Each scanner is a small function in its file with its table tests
//! beside it; a new construction is a new scanner put in a list where it should win.

use super::lex::{
    cn_big, cn_digit, cn_unit, ends_with, is_cjk, match_word, skip_spaces, starts_with,
};
use super::numerals::{self, Core, Parsed, tidy};
use super::words::{UClass, Words, in_set};

use super::{DateContext, ValueMatch};
use crate::model::{MentionKind, Qualifier, Value};

mod latin;
mod money;
mod percent;
mod policy;
mod qualifiers;
mod range;
mod shapes;
mod units;

use policy::{keep_number, whole_line};
use qualifiers::{prefix, suffix};

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

/// A quantity starting at `i` (a numeral, 数/几, or 百分之). `floor`: the prefix may not reach
/// before it (the end of the previous value or of a blocked name).
pub(super) fn find_at(cs: &[char], i: usize, floor: usize, ctx: &DateContext, w: &Words) -> Scan {
    let c = cs[i];
    let lead = Lead { cs, i, floor, w, c };
    if let Some(hit) = LEAD_SCANNERS.iter().find_map(|scan| scan(&lead)) {
        return hit;
    }
    if c.is_ascii_digit()
        && let Some(skip) = latin::glued_before(cs, i)
    {
        return skip;
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
    latin::internet_shorthand(cs, &mut core);
    let iso_currency = latin::iso_currency(cs, &core);
    let latin_unit = match latin::latin_unit(cs, &core, iso_currency.is_some(), w) {
        Ok(u) => u,
        Err(skip) => return skip,
    };
    if core.leading_zero {
        return Scan::Skip(core.end);
    }
    // Readings that end at the numeral: a clock time, a fraction.
    if let Some(scan) = WHOLE_READINGS.iter().find_map(|scan| scan(&lead, &core)) {
        return scan;
    }
    // Where the numeral itself ends, before a range may take in a second one.
    let own_end = core.end;
    let range::Ends {
        mut range,
        spelled: spelled_range,
        mut lo,
        mut hi,
    } = range::joined(cs, &mut core, latin_unit.is_some());
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
    if !range
        && let Some(w0) = word_at
        && end > w0
        && (kind == MentionKind::Money || unit.is_some())
        && let Some((h, e)) = range::word_said_twice(cs, &core, lo, w0, end)
    {
        range = true;
        hi = Some(h);
        end = e;
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

    /// Check a table of (lines of one talk, `\n` between them; the values of every line in
    /// order): the lines share one context, as an episode's do.
    pub(in super::super) fn check_talk(cases: &[(&str, &[&str])]) {
        let r = ValueRecognizer::new();
        let mut bad = Vec::new();
        for &(text, want) in cases {
            let mut ctx = DateContext::default();
            let mut got: Vec<String> = Vec::new();
            for line in text.split('\n') {
                let mut out = Vec::new();
                r.find(line, &mut ctx, &[], &mut out);
                got.extend(out.iter().map(|m| describe(line, m)));
            }
            if got != want {
                bad.push(format!("{text}: want {want:?}, got {got:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
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
