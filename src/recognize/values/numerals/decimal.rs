//! Chinese decimals: `三点五`, `零点零三`, `六万点三` (a decimal after 万/亿), `一点二三万`;
//! never a clock time (`三点五十分`, `三点半`, `十点一刻`).

use super::*;

/// 点 after a Chinese numeral with a digit after it: the tokens so far valued, the decimals
/// added, and the numeral read on as one decimal number (a magnitude may follow).
pub(super) fn point(r: &mut Reader) -> Step {
    let (cs, j, k) = (r.cs, r.j, r.k);
    let n = cs.len();
    let next = cs.get(j + 1).copied();
    if cs[j] != '点'
        || !matches!(
            r.prev(),
            Some(Tok::Num { arabic: false, .. })
                | Some(Tok::Zero)
                | Some(Tok::Unit(_))
                | Some(Tok::Big(_))
        )
        || !next.is_some_and(|c| cn_digit(c).is_some() && c != '两')
    {
        return Step::Pass;
    }
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
        return Step::Stop;
    }
    let int = if r.pure_cn_digits && k > 1 {
        f64::NAN
    } else {
        eval(&r.toks[..k])
    };
    if !int.is_finite() {
        return Step::Stop;
    }
    r.k = 0;
    let t = Tok::Num {
        v: int + frac,
        single: false,
        arabic: false,
        decimal: true,
        cn: None,
    };
    r.push(t, e);
    r.pure_cn_digits = false;
    r.pair = None;
    Step::Took
}

#[cfg(test)]
mod tests {
    use super::super::tests::val;

    #[test]
    fn decimals_and_clock_times() {
        for (s, v) in [
            ("四点零五", 4.05),
            ("零点三", 0.3),
            ("九万点七", 90000.7),
            ("二点五亿", 2.5e8),
            ("十二点六万", 126_000.0),
        ] {
            let got = val(s).unwrap_or_else(|| panic!("{s}"));
            assert!((got.0 - v).abs() < 1e-6 * v, "{s}: {got:?}");
            assert_eq!(got.2, s.chars().count(), "{s}");
        }
        // Clock times end the numeral before 点.
        assert_eq!(val("八点四十分").map(|x| x.2), Some(1));
        assert_eq!(val("七点半").map(|x| x.2), Some(1));
    }
}
