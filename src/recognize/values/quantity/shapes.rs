//! Readings that take a numeral whole: a clock time (no value) and a fraction (`三分之一`).

use super::*;

/// A clock time: 三点半, 十二点三十分, 3点钟. Skipped, never a value.
pub(super) fn clock_time(s: &Lead, core: &Core) -> Option<Scan> {
    let cs = s.cs;
    let n = cs.len();
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
        return Some(Scan::Skip(e));
    }
    None
}

/// X 分之 Y: a fraction, a number.
pub(super) fn fraction(s: &Lead, core: &Core) -> Option<Scan> {
    let Lead {
        cs, i, floor, w, ..
    } = *s;
    if starts_with(cs, core.end, "分之") && core.lo != 0.0 && core.hi.is_none() {
        if let Some(c2) = core_at(cs, core.end + 2).filter(|c2| c2.hi.is_none()) {
            let pre = prefix(cs, i, floor, core, w);
            let v = c2.lo / core.lo;
            return Some(Scan::Hit(ValueMatch {
                start: pre.start,
                end: c2.end,
                kind: MentionKind::Number,
                value: Value::Number(if pre.negative { -v } else { v }),
                value_max: None,
                unit: None,
                currency: None,
                qualifier: pre.qualifier.unwrap_or(Qualifier::Exact),
                unresolved: false,
            }));
        }
        return Some(Scan::Skip(core.end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn clock_times_and_fractions() {
        check(&[
            ("下午三点半开会", &[]),
            ("十二点三十分", &[]),
            ("9点钟", &[]),
            ("四分之三的人", &["四分之三|n|0.75"]),
            ("约五分之一", &["约五分之一|n|0.2|q=about"]),
            ("负二分之一", &["负二分之一|n|-0.5"]),
        ]);
    }
}
