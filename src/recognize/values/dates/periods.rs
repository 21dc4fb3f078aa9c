//! Parts of a year and holidays without a year: `第三季度`, `Q3`, `上半年`, `年底`, `元旦`,
//! `国庆节`, `春节`; the year is the last one stated, else the reference year.

use super::*;

/// Quarter without a year.
pub(super) fn bare_quarter(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        c,
        prev,
        ..
    } = *s;
    if (matches!(c, '第' | 'Q' | '首')
        || (cn_digit(c).is_some() && !prev.is_some_and(|p| cn_digit(p).is_some() || p == '十')))
        && let Some((p, end)) = quarter(cs, i, false)
    {
        let y = year_of(ctx);
        return Some(DateHit {
            end,
            iso: y.and_then(|y| iso(y, p)),
            unresolved: y.is_none(),
            states_year: None,
        });
    }
    None
}

/// Bare halves, year start and end, 元旦, 春节: the last year stated or the reference year.
pub(super) fn bare_word(s: &Site) -> Option<DateHit> {
    let Site {
        cs, i, ctx, prev, ..
    } = *s;
    const BARE: &[(&str, Part)] = &[
        ("上半年", Part::Half(1)),
        ("下半年", Part::Half(2)),
        ("前半年", Part::Half(1)),
        ("后半年", Part::Half(2)),
        ("年初", Part::Year),
        ("年底", Part::Year),
        ("年末", Part::Year),
        ("元旦", Part::Day(1, 1)),
        ("国庆节", Part::Day(10, 1)),
        ("劳动节", Part::Day(5, 1)),
        ("圣诞节", Part::Day(12, 25)),
        ("情人节", Part::Day(2, 14)),
        ("儿童节", Part::Day(6, 1)),
        ("妇女节", Part::Day(3, 8)),
        ("教师节", Part::Day(9, 10)),
    ];
    if let Some((len, p)) = match_word(cs, i, BARE) {
        let holiday = matches!(p, Part::Day(..));
        let bad_before = !holiday
            && prev.is_some_and(|p| {
                cn_digit(p).is_some()
                    || p.is_ascii_digit()
                    || matches!(p, '十' | '百' | '千' | '多' | '半')
            });
        if !bad_before {
            // 那年年底, 当年年初, 那一年的上半年: the year said a few lines up.
            let that_year = ["那年", "当年", "同年", "那一年", "那一年的"]
                .iter()
                .any(|w| {
                    let n = w.chars().count();
                    i >= n && cs[i - n..i].iter().copied().eq(w.chars())
                });
            let y = if that_year {
                ctx.year_said
                    .filter(|&(_, line)| {
                        ctx.line.saturating_sub(line) <= crate::recognize::values::YEAR_AFTER_LINES
                    })
                    .map(|(y, _)| y)
                    .or(year_of(ctx))
            } else {
                year_of(ctx)
            };
            return Some(DateHit {
                end: i + len,
                iso: y.and_then(|y| iso(y, p)),
                unresolved: y.is_none(),
                states_year: None,
            });
        }
    }
    None
}

pub(super) fn spring_festival_day(s: &Site) -> Option<DateHit> {
    let Site { cs, i, ctx, .. } = *s;
    if starts_with(cs, i, "春节") {
        let y = year_of(ctx);
        let iso = y.and_then(|y| match spring_festival(y) {
            Some((m, d)) => iso(y, Part::Day(m, d)),
            None => iso(y, Part::Year),
        });
        return Some(DateHit {
            end: i + 2,
            iso,
            unresolved: y.is_none(),
            states_year: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::scan_test::check;
    use super::*;

    #[test]
    fn quarters_without_a_year() {
        check(
            bare_quarter,
            None,
            &[
                ("第三季度", "第三季度", "2021-Q3"),
                ("Q4", "Q4", "2021-Q4"),
                ("首季度", "首季度", "2021-Q1"),
                ("一季度", "一季度", "2021-Q1"),
                ("第2季度", "第2季度", "2021-Q2"),
                // Spaced as speech recognition writes digits, and 季 alone (Taiwan usage).
                ("第 3 季度", "第 3 季度", "2021-Q3"),
                ("第 2 季的财报", "第 2 季", "2021-Q2"),
                ("第4季 营收是 5 亿", "第4季", "2021-Q4"),
                ("第 3 季一共卖了 2 万台", "第 3 季", "2021-Q3"),
                ("第二季营收创新高", "第二季", "2021-Q2"),
            ],
        );
        check(
            bare_quarter,
            Some((2018, 5)),
            &[("四季度", "四季度", "2018-Q4")],
        );
        // 季 starting a word of its own is no quarter.
        check(
            bare_quarter,
            None,
            &[("第三季节", "", ""), ("第二季军", "", "")],
        );
    }

    #[test]
    fn halves_year_ends_and_holidays() {
        check(
            bare_word,
            None,
            &[
                ("年底", "年底", "2021"),
                ("下半年", "下半年", "2021-H2"),
                ("前半年", "前半年", "2021-H1"),
                ("后半年", "后半年", "2021-H2"),
                ("国庆节", "国庆节", "2021-10-01"),
                ("元旦", "元旦", "2021-01-01"),
                // 三年底 is no year end.
                ("三^年底", "", ""),
            ],
        );
        check(spring_festival_day, None, &[("春节", "春节", "2021-02-12")]);
        check(
            spring_festival_day,
            Some((2024, 1)),
            &[("春节", "春节", "2024-02-10")],
        );
    }
}
