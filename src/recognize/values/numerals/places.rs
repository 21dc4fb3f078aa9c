//! Chinese digits and the places and magnitudes after them: `一千零一万零一`, `两千三百`,
//! `三万五` (a lone digit after a place shortens it), `一百十二` (十 with its 一 unsaid after
//! a higher place), `十七八万` / `两三百` (two neighbouring digits: a range), `两个亿`.

use super::*;

/// A Chinese digit, or 零 / 〇 as a placeholder (or a digit when digits are read one by one).
pub(super) fn digit(r: &mut Reader) -> Step {
    let (cs, j, k) = (r.cs, r.j, r.k);
    let c = cs[j];
    let Some(d) = cn_digit(c) else {
        return Step::Pass;
    };
    let prev = r.prev();
    if d == 0 && c != '幺' {
        match prev {
            Some(Tok::Zero)
            | Some(Tok::Num { cn: Some(_), .. })
            | Some(Tok::Unit(_))
            | Some(Tok::Big(_))
            | None => {}
            _ => return Step::Stop,
        }
        r.push(Tok::Zero, j + 1);
        return Step::Took;
    }
    if let Some(Tok::Num { cn, arabic, .. }) = prev {
        if arabic {
            return Step::Stop;
        }
        let p = cn.unwrap_or(0);
        if r.pure_cn_digits && k >= 1 {
            // 二〇二四, 七八: decided after the run.
        } else if r.pair.is_none() && is_pair(p, d) {
            r.pair = Some(k);
        } else {
            return Step::Stop;
        }
    }
    let t = Tok::Num {
        v: d as f64,
        single: true,
        arabic: false,
        decimal: false,
        cn: Some(d),
    };
    r.push(t, j + 1);
    Step::Took
}

/// 七八十, 两三百万: two neighbouring digits before a place are a range; other digit runs
/// before a place end the numeral. (Passes the place on to [`place`] / [`section`].)
pub(super) fn neighbours_before_a_place(r: &mut Reader) -> Step {
    let c = r.cs[r.j];
    if (cn_unit(c).is_some() || cn_big(c).is_some()) && r.pure_cn_digits && r.k >= 2 {
        match (r.toks[0], r.toks[1]) {
            (Tok::Num { cn: Some(a), .. }, Tok::Num { cn: Some(b), .. })
                if r.k == 2 && is_pair(a, b) =>
            {
                r.pair = Some(1)
            }
            _ => return Step::Stop,
        }
    }
    Step::Pass
}

/// 十 百 千: after a digit or 数/几, at the start, 十 after 零 (`一千零十`), or 十 after a
/// higher place with its 一 unsaid (`一百十二`, `三千二百十`).
pub(super) fn place(r: &mut Reader) -> Step {
    let Some(u) = cn_unit(r.cs[r.j]) else {
        return Step::Pass;
    };
    let ok = match r.prev() {
        None => true,
        Some(Tok::Num { .. }) | Some(Tok::Several(_)) => true,
        Some(Tok::Zero) => u == 10.0,
        Some(Tok::Unit(p)) => u == 10.0 && p > 10.0,
        _ => false,
    };
    if !ok {
        return Step::Stop;
    }
    let j = r.j;
    r.push(Tok::Unit(u), j + 1);
    r.pure_cn_digits = false;
    Step::Took
}

/// 万 亿: a magnitude, larger than the one before it (三万万 is the old 亿).
pub(super) fn section(r: &mut Reader) -> Step {
    let Some(b) = cn_big(r.cs[r.j]) else {
        return Step::Pass;
    };
    if old_forms::wan_wan(r, b) {
        return Step::Took;
    }
    if let Some(Tok::Big(pb)) = r.prev()
        && b <= pb
    {
        return Step::Stop;
    }
    let j = r.j;
    r.push(Tok::Big(b), j + 1);
    r.pure_cn_digits = false;
    Step::Took
}

/// 两个亿, 几十个亿: the 个 before 亿 belongs to the numeral; speech recognition may space
/// digits from it (`560 个亿`, `2 个亿左右`).
pub(super) fn ge_before_yi(r: &mut Reader) -> Step {
    let j = r.j;
    let g = if r.cs[j] == ' ' {
        super::spacing::spaces_before(r.cs, j)
    } else {
        j
    };
    if r.cs.get(g) == Some(&'个')
        && matches!(
            r.prev(),
            Some(Tok::Num { .. }) | Some(Tok::Several(_)) | Some(Tok::Unit(_))
        )
        && r.cs.get(g + 1) == Some(&'亿')
    {
        r.j = g + 1;
        return Step::Took;
    }
    Step::Pass
}

#[cfg(test)]
mod tests {
    use super::super::tests::val;

    #[test]
    fn places_and_magnitudes() {
        for (s, v) in [
            ("七千零九", 7009.0),
            ("四百十", 410.0),
            ("八千三百十五", 8315.0),
            ("六亿零六", 600_000_006.0),
            ("九千八", 9800.0),
            ("三十个亿", 3e9),
            ("560 个亿", 56e9),
            ("2 个亿", 2e8),
            ("十二 个亿", 12e8),
            ("五万三千二百", 53200.0),
        ] {
            assert_eq!(
                val(s).map(|x| (x.0, x.2)),
                Some((v, s.chars().count())),
                "{s}"
            );
        }
        // A magnitude not above the one before ends the numeral (一亿万 is no number).
        assert_eq!(val("一亿万").map(|x| x.2), Some(2));
        assert_eq!(val("四五千"), Some((4000.0, Some(5000.0), 3)));
    }
}
