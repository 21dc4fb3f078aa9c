//! A month or a day without a year, which takes it from the context: `10 月份`, `三月五日`,
//! `十二月二十五`, and a bare day after a range word (`3月20日至25日`).

use super::*;

/// Month-led, the year from the context.
pub(super) fn month_led(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        c,
        prev,
        ..
    } = *s;
    if (c.is_ascii_digit() || cn_digit(c).is_some() || c == '十')
        && !prev.is_some_and(|p| {
            p.is_ascii_digit()
                || cn_digit(p).is_some()
                || matches!(p, '十' | '第' | '个' | '.' | '每')
        })
        && let Some((p, end)) = month_day(cs, i)
    {
        // A later month of a timeline whose year has stopped carrying keeps that year.
        let month = match p {
            Part::Month(m) | Part::Day(m, _) => Some(m),
            _ => None,
        };
        let y = match (ctx.last_year, ctx.timeline, month) {
            (None, Some((ty, tm)), Some(m)) if m > tm => Some(ty),
            _ => year_of(ctx),
        };
        return Some(DateHit {
            end,
            iso: y.and_then(|y| iso(y, p)),
            unresolved: y.is_none(),
            states_year: None,
        });
    }
    None
}

/// A bare day after a range or list word: 3月20日至25日.
pub(super) fn bare_day(s: &Site) -> Option<DateHit> {
    let Site { cs, i, ctx, c, .. } = *s;
    if (c.is_ascii_digit() || cn_digit(c).is_some() || c == '十')
        && let Some((y, m)) = ctx.last_month
        && let Some((d, de)) = small_int(cs, i)
        && d >= 1
        && d <= days_in_month(y, m)
    {
        let mut p = i;
        while p > 0 && cs[p - 1] == ' ' {
            p -= 1;
        }
        let de2 = skip_spaces(cs, de, 1);
        if p > 0
            && matches!(cs[p - 1], '至' | '到' | '-' | '~' | '、' | '和')
            && matches!(cs.get(de2), Some('日' | '号'))
        {
            return Some(DateHit {
                end: de2 + 1,
                iso: iso(y, Part::Day(m, d)),
                unresolved: false,
                states_year: None,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::scan_test::check;
    use super::*;

    #[test]
    fn months_and_days_take_the_year_from_the_context() {
        check(
            month_led,
            None,
            &[
                ("十二月二十五", "十二月二十五", "2021-12-25"),
                ("七月18", "七月18", "2021-07-18"),
                ("3月20日", "3月20日", "2021-03-20"),
                ("十月份", "十月份", "2021-10"),
                ("九月三号", "九月三号", "2021-09-03"),
                // A day with 日 unsaid, then something counted: only the month.
                ("五月十个人", "五月", "2021-05"),
            ],
        );
        check(
            month_led,
            Some((2019, 1)),
            &[
                ("五月", "五月", "2019-05"),
                ("11月8日", "11月8日", "2019-11-08"),
            ],
        );
    }

    #[test]
    fn a_bare_day_after_a_range_word() {
        check(
            bare_day,
            Some((2020, 3)),
            &[
                ("1日至^9日", "9日", "2020-03-09"),
                ("5号到^12号", "12号", "2020-03-12"),
                ("2日、^4日", "4日", "2020-03-04"),
                ("^20号选手", "", ""),
                ("1日至^32日", "", ""),
            ],
        );
    }
}
