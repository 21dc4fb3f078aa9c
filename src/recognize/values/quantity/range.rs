//! Ranges: `4 - 6`, `1-2亿`, `三到五千万元`, `从两百到五百万`, `1万元到2万元`. The scale said
//! once after the upper end belongs to both ends when the lower one has none.

use super::*;

/// Where a range's ends lie, as [`joined`] read them.
pub(super) struct Ends {
    /// The numeral is a range (read by `joined`, or two neighbouring digits: 十七八万).
    pub range: bool,
    /// Both ends are Chinese numbers written with 十/百/千 (三十到五十): a range without a
    /// unit, as each end would be a number alone.
    pub spelled: bool,
    pub lo: f64,
    pub hi: Option<f64>,
}

/// A range `A到B`, `A-B`, `A~B`, `A至B` starting with the numeral `core`: the second numeral
/// is taken into `core` (its end, its magnitudes) and the lower end scaled by
/// [`shared_scale`]. Not after a Latin unit (`16GB-32GB` is no range of ours), not to a year
/// (`2019-2021年`) or to a number glued to letters.
pub(super) fn joined(cs: &[char], core: &mut Core, latin_unit: bool) -> Ends {
    let mut ends = Ends {
        range: core.hi.is_some(),
        spelled: false,
        lo: core.lo,
        hi: core.hi,
    };
    if ends.range || latin_unit {
        return ends;
    }
    let k = skip_spaces(cs, core.end, 1);
    if !matches!(cs.get(k), Some('-') | Some('~') | Some('到') | Some('至'))
        || signed_list(cs, core.start, k)
    {
        return ends;
    }
    let k2 = skip_spaces(cs, k + 1, 1);
    let c2 = core_at(cs, k2).filter(|c2| {
        c2.hi.is_none()
            && c2.arabic == core.arabic
            && !(c2.arabic && cs.get(c2.end).is_some_and(|c| c.is_ascii_alphabetic()))
            && !(c2.arabic_digits == 4 && cs.get(skip_spaces(cs, c2.end, 1)) == Some(&'年'))
    });
    if let Some(c2) = c2
        && let Some(scaled) = shared_scale(core, &c2)
    {
        ends.spelled = [&*core, &c2]
            .iter()
            .all(|c| !c.arabic && !c.has_big && c.has_unit && !c.coefless && c.lo >= 10.0);
        ends.range = true;
        ends.lo = scaled;
        ends.hi = Some(c2.lo);
        core.end = c2.end;
        core.has_big |= c2.has_big;
        core.has_unit |= c2.has_unit;
        core.decimal |= c2.decimal;
        core.single = false;
    }
    ends
}

/// 1万元到2万元, 3个月到6个月: the word after the value (`cs[w0..end]`) said again after a
/// second, larger number of the same script. Returns the upper end and the new end. Not for
/// 毛/角/分 (`三毛到五毛` is said as one amount each).
pub(super) fn word_said_twice(
    cs: &[char],
    core: &Core,
    lo: f64,
    w0: usize,
    end: usize,
) -> Option<(f64, usize)> {
    if matches!(cs[w0], '毛' | '角' | '分') {
        return None;
    }
    let k = skip_spaces(cs, end, 1);
    if !matches!(cs.get(k), Some('到' | '至' | '-' | '~')) || signed_list(cs, core.start, k) {
        return None;
    }
    let k2 = skip_spaces(cs, k + 1, 1);
    let c2 = core_at(cs, k2)
        .filter(|c2| c2.hi.is_none() && !c2.several && !c2.more && c2.arabic == core.arabic)?;
    let k3 = skip_spaces(cs, c2.end, 1);
    let len = end - w0;
    (c2.lo > lo && cs.get(k3..k3 + len) == Some(&cs[w0..end])).then_some((c2.lo, k3 + len))
}

/// The lower end of a range `A到B` with the scale said once, after B: A takes B's scale when
/// it has none of its own. A bare number takes the multipliers said after B's last digit
/// (`三到五千万` = 3e7..5e7, `1-2亿`, `3-15万` = 3e4..1.5e5); a numeral with 十百千 but no
/// 万/亿 takes B's 万/亿 (`三百到四百五十万` = 3e6..4.5e6, `二十五至四十万` = 2.5e5..4e5).
/// A reading where the lower end is not below the upper one is not taken (`3千到5万` stays
/// 3000..50000). `None`: no range.
pub(super) fn shared_scale(a: &Core, b: &Core) -> Option<f64> {
    let candidates: [f64; 2] = if a.has_big || a.coefless || a.several || a.more {
        [1.0, 1.0]
    } else if !a.has_unit && a.trailing_mag == 1.0 {
        [b.trailing_mag.max(1.0), b.trailing_big.max(1.0)]
    } else {
        [b.trailing_big.max(1.0), 1.0]
    };
    candidates.into_iter().map(|m| a.lo * m).find(|&v| v < b.lo)
}

/// `-4.35 亿元 -8.25 亿元`: when the first figure carries a minus of its own, a dash spaced
/// from it and written against the next number is that number's sign, a list of signed
/// figures (`依次是 -3 亿 -5 亿`), not a range (`3 -5 亿美元` stays one).
fn signed_list(cs: &[char], first: usize, dash: usize) -> bool {
    first > 0
        && cs[first - 1] == '-'
        && super::qualifiers::minus_sign_at(cs, first - 1)
        && cs.get(dash) == Some(&'-')
        && dash > 0
        && cs[dash - 1] == ' '
        && cs.get(dash + 1).is_some_and(char::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn the_scale_said_once_holds_for_both_ends() {
        check(&[
            (
                "预算四到六千万元",
                &["四到六千万元|m|40000000|max=60000000|cur=CNY|q=range"],
            ),
            (
                "一百二到三百万人",
                &["一百二到三百万人|n|1200000|max=3000000|unit=人|q=range"],
            ),
            (
                "7-9亿美元",
                &["7-9亿美元|m|700000000|max=900000000|cur=USD|q=range"],
            ),
            // The lower end has its own scale, or would pass the upper one.
            ("3千到5万", &["3千到5万|n|3000|max=50000|q=range"]),
            (
                "两万到十万元",
                &["两万到十万元|m|20000|max=100000|cur=CNY|q=range"],
            ),
        ]);
    }

    #[test]
    fn ranges_without_a_unit() {
        check(&[
            // Two spelled numbers, or a range closed by 之间, need no unit.
            ("四十到六十", &["四十到六十|n|40|max=60|q=range"]),
            ("在3到7之间", &["3到7|n|3|max=7|q=range"]),
            // Two Arabic numbers alone are no range (a score, a version).
            ("比分3-7", &[]),
        ]);
    }

    #[test]
    fn the_word_said_twice() {
        check(&[
            (
                "5万元到8万元",
                &["5万元到8万元|m|50000|max=80000|cur=CNY|q=range"],
            ),
            (
                "两个月至四个月",
                &["两个月至四个月|n|2|max=4|unit=个月|q=range"],
            ),
            // Not a range when the second is not larger.
            (
                "8万元到5万元",
                &["8万元|m|80000|cur=CNY", "5万元|m|50000|cur=CNY"],
            ),
        ]);
    }
}
