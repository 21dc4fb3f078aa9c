//! Approximate numerals: 数/几 (`数亿`, `几十万`, `十几`, `二百三十几亿`) and 多/余 after a
//! place (`三千多`, `5000多`, `三百余万`), with the upper bound their words give.

use super::*;

/// 数 / 几 (leading, or after 十) and 多 / 余 (after a place, or after an Arabic number of
/// ten or more). 多/余 end the numeral unless a magnitude follows (`三千多万`).
pub(super) fn several_or_more(r: &mut Reader) -> Step {
    let (cs, j, k) = (r.cs, r.j, r.k);
    let c = cs[j];
    let next = cs.get(j + 1).copied();
    let prev = r.prev();
    let next_is_mult = next.is_some_and(|c| cn_unit(c).is_some() || cn_big(c).is_some());
    let t = match c {
        '数' if k == 0 && next_is_mult => Tok::Several(1.0),
        '几' if (k == 0
            && (next_is_mult || (next == Some('个') && cs.get(j + 2) == Some(&'亿'))))
            || matches!(prev, Some(Tok::Unit(u)) if u == 10.0) =>
        {
            Tok::Several(if k == 0 { 1.0 } else { 0.0 })
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
            Tok::More
        }
        _ => return Step::Pass,
    };
    r.push(t, j + 1);
    r.pure_cn_digits = false;
    if t == Tok::More && cs.get(j + 1).is_none_or(|&c| cn_big(c).is_none()) {
        return Step::Stop;
    }
    Step::Took
}

/// The upper bound of an approximate numeral: 数/几 stand for up to ten of their place
/// (`几十万` 1e5..1e6, `十几` 10..20, `二百三十几亿` 2.3e10..2.4e10); 多/余 for up to one more
/// of the place before them (`三千多` 3000..4000, `5000多` 5000..6000, `三百余万` 3e6..4e6).
pub(super) fn approx_max(toks: &[Tok], lo: f64) -> Option<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(s: &str) -> Option<(f64, Option<f64>)> {
        let cs: Vec<char> = s.chars().collect();
        match parse(&cs, 0) {
            Parsed::Core(c) => Some((c.lo, c.approx_max)),
            Parsed::Skip(_) => None,
        }
    }

    #[test]
    fn bounds_the_words_give() {
        assert_eq!(bounds("几百"), Some((100.0, Some(1000.0))));
        assert_eq!(bounds("数千万"), Some((1e7, Some(1e8))));
        assert_eq!(bounds("三十几"), Some((30.0, Some(40.0))));
        assert_eq!(bounds("两千多"), Some((2000.0, Some(3000.0))));
        assert_eq!(bounds("80多万"), Some((800_000.0, Some(900_000.0))));
        assert_eq!(bounds("六百余亿"), Some((6e10, Some(7e10))));
        // 多 after a lone digit is no "over": 三多 reads 三 alone.
        assert_eq!(bounds("三多"), Some((3.0, None)));
    }
}
