//! Dates counted from the reference date: `三天前`, `去年10月`, `昨天`, `上个季度`, `上周`,
//! `下个半年`, `本月15日`. The words are those of `dictionaries/values/relative_dates.csv`.

use super::*;

/// 三天前, 两个月后, 五年前: counted from the reference date.
pub(super) fn from_now(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        c,
        prev,
        ..
    } = *s;
    if (c.is_ascii_digit() || cn_digit(c).is_some() || c == '十')
        && !prev.is_some_and(|p| p.is_ascii_digit() || cn_digit(p).is_some() || p == '第')
        && let Some((count, unit, end)) = span_from_now(cs, i)
        // 两年后的2021年, 就在两年之后: years forward are told from a past the narration is
        // in far more often than from today; so is any span forward once a past year is said.
        && !(count > 0 && unit == 'y')
        && !(count > 0
            && (ctx.last_year.is_some_and(|y| ctx.reference.is_some_and(|r| r.year != y))
                || (cs.get(end) == Some(&'的')
                    && cs.get(end + 1).is_some_and(|&c| c.is_ascii_digit() || cn_digit(c).is_some()))))
    {
        let r = ctx.reference;
        let iso = r.and_then(|r| match unit {
            'd' => {
                let (y, m, d) = add_days(r, count);
                iso(y, Part::Day(m, d))
            }
            'w' => {
                let (y, m, d) = add_days(r, count * 7);
                let (wy, w) = iso_week(y, m, d);
                Some(format!("{wy:04}-W{w:02}"))
            }
            'm' => {
                let total = r.year as i64 * 12 + (r.month as i64 - 1) + count;
                iso(
                    total.div_euclid(12) as i32,
                    Part::Month(total.rem_euclid(12) as u32 + 1),
                )
            }
            _ => iso(r.year + count as i32, Part::Year),
        });
        if iso.is_some() || r.is_none() {
            return Some(DateHit {
                end,
                unresolved: r.is_none(),
                states_year: None,
                iso,
            });
        }
    }
    None
}

/// Relative years.
pub(super) fn year_word(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        w,
        prev,
        ..
    } = *s;
    let reference = ctx.reference;
    if let Some((len, off)) = match_word(cs, i, w.relative(RelKind::Year)) {
        let after = cs.get(i + len).copied();
        let bad_after = after.is_some_and(|c| {
            matches!(
                c,
                '轻' | '纪' | '龄' | '级' | '限' | '薪' | '华' | '鉴' | '货' | '份' | '代' | '会'
            )
        });
        let bad_before = match off {
            -2 | 2 => prev.is_some_and(|p| {
                p == '年'
                    || p == '之'
                    || p == '随'
                    || p == '此'
                    || cn_digit(p).is_some()
                    || p.is_ascii_digit()
                    || p == '十'
            }),
            -1 => prev == Some('过'),
            _ => false,
        };
        if !bad_after && !bad_before {
            let y = reference.map(|r| r.year + off);
            let (mut p, mut end) = year_tail(cs, i + len, y.unwrap_or(2000));
            // 去年本月五日, 明年当月: the reference month in that year.
            if p == Part::Year
                && let Some(r) = reference
                && let Some((l, _)) =
                    match_word(cs, i + len, &[("本月", ()), ("当月", ()), ("同月", ())])
            {
                p = Part::Month(r.month);
                end = i + len + l;
                let d0 = skip_spaces(cs, end, 1);
                if let Some((d, de)) = small_int(cs, d0)
                    && matches!(cs.get(skip_spaces(cs, de, 1)), Some('日' | '号'))
                {
                    p = Part::Day(r.month, d);
                    end = skip_spaces(cs, de, 1) + 1;
                }
            }
            return Some(DateHit {
                end,
                iso: y.and_then(|y| iso(y, p)),
                unresolved: y.is_none(),
                states_year: y,
            });
        }
    }
    None
}

/// 第二年 / 次年 / 隔年 (`relative_dates.csv`, kind `year_after`): the year said last plus
/// the word's years, when one was said up to [`crate::recognize::values::YEAR_AFTER_LINES`]
/// lines before; a part of that year may follow (`次年上半年`, `隔年年底`) or a season
/// (`第二年春天`: the year). Not after 的 (`创业的第二年` counts from something else) nor after
/// 连续 / 接连 (a streak of years).
pub(super) fn year_after_word(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        w,
        prev,
        ..
    } = *s;
    let (len, off) = match_word(cs, i, w.relative(RelKind::YearAfter))?;
    let before: String = cs[i.saturating_sub(2)..i].iter().collect();
    if prev == Some('的')
        || before.ends_with("连续")
        || before.ends_with("接连")
        || cs.get(i + len).is_some_and(|&c| matches!(c, '度' | '级'))
    {
        return None;
    }
    let (year, line) = ctx.year_said?;
    if ctx.line - line > crate::recognize::values::YEAR_AFTER_LINES {
        return None;
    }
    let y = year + off;
    let (p, mut end) = year_tail(cs, i + len, y);
    if p == Part::Year && end <= i + len {
        end = i + len;
        let j = skip_spaces(cs, end, 1);
        if let Some((l, ())) = match_word(
            cs,
            j,
            &[
                ("春天", ()),
                ("夏天", ()),
                ("秋天", ()),
                ("冬天", ()),
                ("春季", ()),
                ("夏季", ()),
                ("秋季", ()),
                ("冬季", ()),
                ("开春", ()),
            ],
        ) {
            end = j + l;
        }
    }
    Some(DateHit {
        end,
        iso: iso(y, p),
        unresolved: false,
        states_year: Some(y),
    })
}

/// Relative days.
pub(super) fn day_word(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        w,
        prev,
        ..
    } = *s;
    let reference = ctx.reference;
    if let Some((len, off)) = match_word(cs, i, w.relative(RelKind::Day)) {
        // 今天 in a narration (今天我们来聊, 今天的视频) is the episode itself, not a date
        // anything happened on.
        let next = cs.get(i + len).copied();
        let narration = off == 0
            && (matches!(
                next,
                Some(
                    '我' | '咱'
                        | '大'
                        | '给'
                        | '跟'
                        | '和'
                        | '就'
                        | '先'
                        | '要'
                        | '来'
                        | '主'
                        | '呢'
                        | '也'
                        | '还'
                        | ','
                )
            ) || (next == Some('的')
                && cs.get(i + len + 1).is_some_and(|&c| {
                    matches!(
                        c,
                        '视' | '节'
                            | '讨'
                            | '内'
                            | '分'
                            | '话'
                            | '主'
                            | '直'
                            | '课'
                            | '这'
                            | '文'
                            | '题'
                    )
                })));
        let bad = narration
            || (off == 2 && matches!(prev, Some('先') | Some('之') | Some('此') | Some('然')))
            || (off == -2 && matches!(prev, Some('年') | Some('之') | Some('日')));
        if !bad {
            let iso = reference.map(|r| {
                let (y, m, d) = add_days(r, off as i64);
                format!("{y:04}-{m:02}-{d:02}")
            });
            return Some(DateHit {
                end: i + len,
                iso,
                unresolved: reference.is_none(),
                states_year: None,
            });
        }
    }
    None
}

/// Relative quarters: 本季度, 上个季度, 下季度; counted from the quarter stated last
/// (`DateContext::last_quarter`: 第三季度 … 这个季度 is that quarter), else from the reference
/// date's.
pub(super) fn quarter_word(s: &Site) -> Option<DateHit> {
    let Site { cs, i, ctx, w, .. } = *s;
    let reference = ctx.reference;
    if let Some((len, off)) = match_word(cs, i, w.relative(RelKind::Quarter)) {
        let from = ctx
            .last_quarter
            .map(|(y, q)| y * 4 + i32::from(q) - 1)
            .or(reference.map(|r| r.year * 4 + ((r.month as i32 - 1) / 3)));
        let iso = from.and_then(|from| {
            let total = from + off;
            iso(
                total.div_euclid(4),
                Part::Quarter(total.rem_euclid(4) as u8 + 1),
            )
        });
        return Some(DateHit {
            end: i + len,
            iso,
            unresolved: from.is_none(),
            states_year: None,
        });
    }
    None
}

/// Weeks, as ISO weeks (`2025-W03`): 上周, 本周, 下个星期.
pub(super) fn week_word(s: &Site) -> Option<DateHit> {
    let Site { cs, i, ctx, w, .. } = *s;
    let reference = ctx.reference;
    if let Some((len, off)) = match_word(cs, i, w.relative(RelKind::Week))
        && !matches!(cs.get(i + len), Some('年' | '期' | '边' | '围'))
    {
        // 下周三, 上个星期五: a day of that week (周日 / 星期天 the seventh).
        let weekday = cs.get(i + len).and_then(|&c| match c {
            '日' | '天' => Some(7),
            '两' | '幺' => None,
            c => cn_digit(c).filter(|d| (1..=6).contains(d)).map(i64::from),
        });
        let weekday = weekday.filter(|_| {
            matches!(cs[i + len - 1], '周' | '期' | '拜')
                && !cs
                    .get(i + len + 1)
                    .is_some_and(|&c| "天个次年月号日点十百千万".contains(c))
        });
        if let (Some(wd), Some(r)) = (weekday, reference) {
            let days = days_from_civil(r.year, r.month, r.day);
            let monday = days - (days + 3).rem_euclid(7);
            let (y, m, d) = civil_from_days(monday + off as i64 * 7 + wd - 1);
            return Some(DateHit {
                end: i + len + 1,
                iso: iso(y, Part::Day(m, d)),
                unresolved: false,
                states_year: None,
            });
        }
        let iso = reference.map(|r| {
            let (y, m, d) = add_days(r, off as i64 * 7);
            let (wy, w) = iso_week(y, m, d);
            format!("{wy:04}-W{w:02}")
        });
        return Some(DateHit {
            end: i + len,
            iso,
            unresolved: reference.is_none(),
            states_year: None,
        });
    }
    None
}

/// Halves relative to the reference date: 上个半年, 这个半年, 下个半年.
pub(super) fn half_word(s: &Site) -> Option<DateHit> {
    let Site { cs, i, ctx, w, .. } = *s;
    let reference = ctx.reference;
    if let Some((len, off)) = match_word(cs, i, w.relative(RelKind::Half)) {
        let iso = reference.and_then(|r| {
            let total = r.year * 2 + if r.month > 6 { 1 } else { 0 } + off;
            iso(
                total.div_euclid(2),
                Part::Half(total.rem_euclid(2) as u8 + 1),
            )
        });
        return Some(DateHit {
            end: i + len,
            iso,
            unresolved: reference.is_none(),
            states_year: None,
        });
    }
    None
}

/// Relative months.
pub(super) fn month_word(s: &Site) -> Option<DateHit> {
    let Site {
        cs,
        i,
        ctx,
        w,
        prev,
        ..
    } = *s;
    let reference = ctx.reference;
    if let Some((len, off)) = match_word(cs, i, w.relative(RelKind::Month))
        && !month_word_follows(cs.get(i + len).copied())
        && !prev.is_some_and(|p| cn_digit(p).is_some() || p.is_ascii_digit())
    {
        let (y, m) = match reference {
            Some(r) => {
                let total = r.year * 12 + (r.month as i32 - 1) + off;
                (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
            }
            None => (2000, 1),
        };
        // 本月15日, 上个月底.
        let mut end = i + len;
        let mut part = Part::Month(m);
        let d0 = skip_spaces(cs, end, 1);
        if let Some((d, de)) = small_int(cs, d0) {
            let de2 = skip_spaces(cs, de, 1);
            if d >= 1 && matches!(cs.get(de2), Some('日') | Some('号')) {
                part = Part::Day(m, d);
                end = de2 + 1;
            }
        } else if matches!(cs.get(end), Some('初' | '底' | '末')) {
            end += 1;
        }
        let iso = reference.and_then(|_| iso(y, part));
        return Some(DateHit {
            end,
            iso,
            unresolved: reference.is_none(),
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
    fn counts_back_from_the_reference() {
        check(
            from_now,
            None,
            &[
                ("五天前", "五天前", "2021-06-09"),
                ("三个月前", "三个月前", "2021-03"),
                ("两周前", "两周前", "2021-W22"),
                ("十年前", "十年前", "2011"),
                ("10天后", "10天后", "2021-06-24"),
                // Years forward are told from the story's past.
                ("两年后", "", ""),
            ],
        );
    }

    #[test]
    fn year_words() {
        check(
            year_word,
            None,
            &[
                ("去年八月", "去年八月", "2020-08"),
                ("前年", "前年", "2019"),
                ("明年第二个月", "明年第二个月", "2022-02"),
                ("去年本月五日", "去年本月五日", "2020-06-05"),
                ("大后年", "大后年", "2024"),
                ("今年年底", "今年年底", "2021"),
                ("今年轻", "", ""),
            ],
        );
    }

    #[test]
    fn day_words() {
        check(
            day_word,
            None,
            &[
                ("昨天", "昨天", "2021-06-13"),
                ("大前天", "大前天", "2021-06-11"),
                ("后天", "后天", "2021-06-16"),
                ("今天股价大跌", "今天", "2021-06-14"),
                // The episode speaking of itself.
                ("今天我们来聊", "", ""),
                ("今天的视频", "", ""),
            ],
        );
    }

    #[test]
    fn quarter_half_and_week_words() {
        check(
            quarter_word,
            None,
            &[
                ("上个季度", "上个季度", "2021-Q1"),
                ("本季度", "本季度", "2021-Q2"),
                ("下季度", "下季度", "2021-Q3"),
            ],
        );
        check(
            half_word,
            None,
            &[
                ("上个半年", "上个半年", "2020-H2"),
                ("下个半年", "下个半年", "2021-H2"),
            ],
        );
        check(
            week_word,
            None,
            &[
                ("上周", "上周", "2021-W23"),
                ("本周", "本周", "2021-W24"),
                ("下周三", "下周三", "2021-06-23"),
                ("上个星期五", "上个星期五", "2021-06-11"),
                // Two steps: 上上 / 下下.
                ("上上周的会", "上上周", "2021-W22"),
                ("下下个星期二", "下下个星期二", "2021-06-29"),
                ("上周期", "", ""),
            ],
        );
    }

    #[test]
    fn month_words() {
        check(
            month_word,
            None,
            &[
                ("上个月", "上个月", "2021-05"),
                ("下个月底", "下个月底", "2021-07"),
                ("本月10号", "本月10号", "2021-06-10"),
                ("当月", "当月", "2021-06"),
                ("上一个月", "上一个月", "2021-05"),
                ("下下个月初", "下下个月初", "2021-08"),
                ("上上个月15号", "上上个月15号", "2021-04-15"),
            ],
        );
    }
}
