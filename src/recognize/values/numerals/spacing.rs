//! Numerals as speech recognition writes them, with spaces between the places: `五千 二百
//! 一十 万 三千`, `6 万2 千3 百`, `两 万 三 千`, `2 亿 5000 万`, `一千 零 五十`; never across
//! a list of numbers (`三百 五百`).

use super::*;

/// The end of a run of one to three spaces at `j` (`j` itself when there is none).
pub(super) fn spaces_before(cs: &[char], j: usize) -> usize {
    let mut e = j;
    while e < cs.len() && cs[e] == ' ' && e - j < 3 {
        e += 1;
    }
    if cs.get(e) == Some(&' ') { j } else { e }
}

/// After a space inside a Chinese numeral, does the numeral go on at `s`? Only when the next
/// place is lower than the last one said (`五千 二百`, `一十 万`, `万 三千`), never for a list
/// of numbers (`三百 五百`).
pub(super) fn continues_after_space(toks: &[Tok], cs: &[char], s: usize) -> bool {
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
    // `12 个亿`, `1.5 个亿`: 个 before 亿 spaced from the number (read by `places`).
    if c == '个' {
        return cs.get(s + 1) == Some(&'亿')
            && matches!(last, Tok::Num { .. } | Tok::Several(_) | Tok::Unit(_));
    }
    // `3000 多万`, `三千 多台`: 多 / 余 spaced from the number it rounds up (read by
    // `approx`), not the 多 of 多少 / 多数 / 多样.
    if matches!(c, '多' | '余') {
        let rounds = match last {
            Tok::Unit(_) | Tok::Big(_) => true,
            Tok::Num {
                arabic: true,
                decimal: false,
                v,
                ..
            } => v >= 10.0,
            _ => false,
        };
        return rounds && !cs.get(s + 1).is_some_and(|d| "少么数样".contains(*d));
    }
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

/// A space inside a numeral: read on after it when the numeral goes on there.
pub(super) fn space(r: &mut Reader) -> Step {
    let (cs, j, k) = (r.cs, r.j, r.k);
    if cs[j] != ' ' {
        return Step::Pass;
    }
    let n = cs.len();
    let s = spaces_before(cs, j);
    // `三 百 万`, `两 万 三 千`: one digit spaced from a place of a hundred or more.
    let lone_digit = k == 1
        && matches!(r.toks[0], Tok::Num { cn: Some(d), .. } if d > 0)
        && cs[r.start] != '幺'
        && s < n
        && (cn_big(cs[s]).is_some() || cn_unit(cs[s]).is_some_and(|u| u >= 100.0));
    if s > j
        && s < n
        && (!r.pure_cn_digits || lone_digit)
        && continues_after_space(&r.toks[..k], cs, s)
    {
        r.j = s;
        return Step::Took;
    }
    Step::Stop
}
