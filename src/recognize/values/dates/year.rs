//! Dates led by a year: `2019 年 6 月`, `23年Q1`, `零九年八月`, `2023.3.20`, `2024财年`,
//! `两千零二十一年`.

use super::*;

/// Whether a two-digit `年` ending at `after` opens the clause's event, as spoken years do:
/// the number starts the line or follows a space (a subject said before it), nothing counts
/// time before it (`干了 18 年才退休` is a duration), and 才 / 就 or a life event follows
/// (`18 年才改成现在的名字`, `17 年就开始做了`, `他 16 年毕业`).
fn opens_an_event(cs: &[char], start: usize, after: usize) -> bool {
    let mut b = start;
    while b > 0 && cs[b - 1] == ' ' {
        b -= 1;
    }
    let spoken_start = b == 0 || b < start;
    let counted = b > 0
        && matches!(
            cs[b - 1],
            '了' | '过' | '第' | '这' | '那' | '近' | '前' | '后'
        );
    spoken_start
        && !counted
        && [
            "才", "就", "毕业", "回国", "加入", "离开", "改名", "更名", "拿到", "拿了",
        ]
        .iter()
        .any(|w| starts_with(cs, after, w))
}

/// Year-led.
pub(super) fn year_led(s: &Site) -> Option<DateHit> {
    let Site { cs, i, c, prev, .. } = *s;
    let n = cs.len();
    if let Some((y, e, two_digit)) = year_digits(cs, i) {
        let j1 = skip_spaces(cs, e, 1);
        let arabic = c.is_ascii_digit();
        if cs.get(j1) == Some(&'年') {
            let after = cs.get(j1 + 1).copied();
            if two_digit {
                // 23 年 6 月, 19年底, 20年上半年, 21年Q1: a two-digit year needs more after it,
                // since 23年 alone is a duration.
                let (p, end) = year_tail(cs, j1 + 1, y);
                let month_follows = cs
                    .get(skip_spaces(cs, j1 + 1, 1))
                    .is_some_and(|&c| c.is_ascii_digit() || cn_digit(c).is_some() || c == '十');
                // 09年, 零九年: nobody counts years with a leading zero.
                let leading_zero = matches!(c, '0' | '零' | '〇');
                // 七八年 alone is "seven or eight years".
                let pair = !arabic
                    && matches!(
                        (cn_digit(c), cs.get(i + 1).and_then(|&d| cn_digit(d))),
                        (Some(a), Some(b)) if b == a + 1
                    );
                let ok = match p {
                    Part::Month(_) | Part::Day(..) => {
                        month_follows
                            || matches!(
                                cs.get(j1 + 1),
                                Some('初' | '底' | '末' | '第' | '本' | '当')
                            )
                            // 21年春节, 08年国庆节: a holiday of that year.
                            || is_holiday(cs, skip_spaces(cs, j1 + 1, 1))
                    }
                    Part::Half(_) | Part::Quarter(_) => true,
                    // 19年底, 20年初: the year's start or end, read as the year.
                    Part::Year if matches!(cs.get(j1 + 1), Some('初' | '底' | '末')) => true,
                    Part::Year if leading_zero => true,
                    // 九七年香港回归, 一五年的夏天: two Chinese digits that are no pair of
                    // neighbours (七八年, 三五年 count years) and no duration after them.
                    Part::Year
                        if !arabic
                            && !cn_pair(cs, i)
                            && !cs.get(j1 + 1).is_some_and(|&c| {
                                matches!(
                                    c,
                                    '前' | '后'
                                        | '来'
                                        | '间'
                                        | '多'
                                        | '之'
                                        | '内'
                                        | '里'
                                        | '左'
                                        | '半'
                                )
                            }) =>
                    {
                        true
                    }
                    // 我们19年成立的, 在98年: a year when the words around say so.
                    Part::Year => {
                        !pair
                            && (1990..=2039).contains(&y)
                            && (matches!(prev, Some('在' | '于' | '从' | '到' | '是' | '至'))
                                || [
                                    "成立",
                                    "发布",
                                    "上市",
                                    "推出",
                                    "创立",
                                    "创办",
                                    "融资",
                                    "的时候",
                                    "那时",
                                    "那年",
                                    "开始",
                                ]
                                .iter()
                                .any(|w| starts_with(cs, j1 + 1, w))
                                || opens_an_event(cs, i, j1 + 1))
                    }
                };
                if ok {
                    return Some(DateHit::stated(y, p, end));
                }
            } else {
                if after == Some('代') {
                    return Some(DateHit {
                        end: j1 + 2,
                        iso: None,
                        unresolved: false,
                        states_year: None,
                    });
                }
                let duration = matches!(
                    after,
                    Some('前') | Some('来') | Some('间') | Some('多') | Some('之')
                ) && !(1900..=2100).contains(&y);
                if !duration {
                    let (p, end) = year_tail(cs, j1 + 1, y);
                    return Some(DateHit::stated(y, p, end));
                }
            }
        } else if !two_digit {
            // 2024财年 (the fiscal year, as a year), 2024上半年, 2024下半年.
            for (word, part) in [
                ("财年", Part::Year),
                ("上半年", Part::Half(1)),
                ("下半年", Part::Half(2)),
            ] {
                if starts_with(cs, j1, word) {
                    return Some(DateHit::stated(y, part, j1 + word.chars().count()));
                }
            }
            if arabic {
                if let Some((p, end)) =
                    quarter(cs, j1, true).filter(|(p, _)| !matches!(p, Part::Month(_)))
                    && matches!(p, Part::Quarter(_) | Part::Half(_))
                    && (cs[j1] == 'Q' || cs[j1] == 'H')
                {
                    return Some(DateHit::stated(y, p, end));
                }
                // 2020-2024年: the first year of a span of years.
                if matches!(cs.get(e), Some('-') | Some('~') | Some('到') | Some('至')) {
                    let k = skip_spaces(cs, e + 1, 1);
                    if let Some((_, e2, false)) = cs
                        .get(k)
                        .is_some_and(|c| c.is_ascii_digit())
                        .then(|| year_digits(cs, k))
                        .flatten()
                        && cs.get(skip_spaces(cs, e2, 1)) == Some(&'年')
                    {
                        return Some(DateHit::stated(y, Part::Year, e));
                    }
                }
                // 2023-03-20, 2023/3/20, 2023.3.20, 2023-03.
                if let Some(&sep) = cs.get(e).filter(|&&s| matches!(s, '-' | '/' | '.')) {
                    let month_ok = cs.get(e + 1).is_some_and(|c| c.is_ascii_digit());
                    if month_ok {
                        let mut me = e + 1;
                        while me < n && cs[me].is_ascii_digit() && me - e <= 2 {
                            me += 1;
                        }
                        let m: u32 = cs[e + 1..me].iter().collect::<String>().parse().ok()?;
                        let mlen = me - e - 1;
                        if (1..=12).contains(&m) && mlen <= 2 {
                            if cs.get(me) == Some(&sep)
                                && cs.get(me + 1).is_some_and(|c| c.is_ascii_digit())
                            {
                                let mut de = me + 1;
                                while de < n && cs[de].is_ascii_digit() && de - me <= 2 {
                                    de += 1;
                                }
                                let dlen = de - me - 1;
                                let d: u32 =
                                    cs[me + 1..de].iter().collect::<String>().parse().ok()?;
                                let glued = cs
                                    .get(de)
                                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == sep);
                                if dlen <= 2
                                    && !glued
                                    && let Some(s) = iso(y, Part::Day(m, d))
                                {
                                    // 号 / 日 after it belongs to the date.
                                    let end = if matches!(cs.get(de), Some('日') | Some('号')) {
                                        de + 1
                                    } else {
                                        de
                                    };
                                    return Some(DateHit {
                                        end,
                                        iso: Some(s),
                                        unresolved: false,
                                        states_year: Some(y),
                                    });
                                }
                            } else if sep != '.'
                                && mlen == 2
                                && !cs.get(me).is_some_and(|&c| {
                                    c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.')
                                })
                            {
                                return Some(DateHit::stated(y, Part::Month(m), me));
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

/// A year said as a number: 两千零二十一年 (not 两千年前, a duration).
pub(super) fn spelled_year(s: &Site) -> Option<DateHit> {
    let Site { cs, i, c, .. } = *s;
    if cn_digit(c).is_some_and(|d| d > 0)
        && cs[i..cs.len().min(i + 14)].contains(&'年')
        && let numerals::Parsed::Core(core) = numerals::parse(cs, i)
        && core.has_unit
        && !core.has_big
        && !core.decimal
        && core.hi.is_none()
        && core.lo.fract() == 0.0
        && (1000.0..=2199.0).contains(&core.lo)
        && cs.get(skip_spaces(cs, core.end, 1)) == Some(&'年')
    {
        let j = skip_spaces(cs, core.end, 1) + 1;
        let duration = matches!(
            cs.get(j),
            Some('前' | '来' | '间' | '多' | '之' | '后' | '内' | '里' | '左' | '代')
        );
        let y = core.lo as i32;
        let (p, end) = year_tail(cs, j, y);
        // 两千年 alone may be a span of years; a round number is a year only with a month.
        if !duration && (y % 100 != 0 || p != Part::Year) {
            return Some(DateHit::stated(y, p, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::scan_test::check;
    use super::*;

    #[test]
    fn years_with_what_follows_them() {
        check(
            year_led,
            None,
            &[
                ("2017年3月", "2017年3月", "2017-03"),
                ("零六年十月", "零六年十月", "2006-10"),
                ("九九年下半年", "九九年下半年", "1999-H2"),
                ("2022.11.5", "2022.11.5", "2022-11-05"),
                ("2020财年", "2020财年", "2020"),
                ("18年Q2", "18年Q2", "2018-Q2"),
                // A two-digit year before a holiday of that year.
                ("19年国庆节", "19年国庆节", "2019-10-01"),
                ("零七年元旦", "零七年元旦", "2007-01-01"),
                ("20年春节期间", "20年春节", "2020-01-25"),
                ("二零零八年", "二零零八年", "2008"),
                // A span of years: the first is a year by itself.
                ("2019-2021年", "2019", "2019"),
                // Durations and decades: nothing, or consumed without a value.
                ("23年", "", ""),
                ("七八年", "", ""),
                ("1990年代", "1990年代", ""),
                ("80年代", "", ""),
            ],
        );
    }

    #[test]
    fn years_said_as_numbers() {
        check(
            spelled_year,
            None,
            &[
                ("两千零一十八年", "两千零一十八年", "2018"),
                (
                    "一千九百九十九年十二月",
                    "一千九百九十九年十二月",
                    "1999-12",
                ),
                ("两千零五年春天", "两千零五年", "2005"),
                ("两千年前", "", ""),
                ("两千年", "", ""),
            ],
        );
    }
}
