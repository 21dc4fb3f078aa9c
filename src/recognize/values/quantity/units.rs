//! Units and measure words after the number (`units.csv`), halves (`两年半`, `一个半小时`).

use super::*;

/// 两个半月, 一个半小时: a half inside the unit.
pub(super) fn half_in_unit<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After { cs, k, .. } = *a;
    if r.kind == MentionKind::Number && !r.range {
        for (w, u) in [
            ("个半月", "个月"),
            ("个半小时", "个小时"),
            ("个半星期", "个星期"),
        ] {
            if starts_with(cs, k, w) {
                r.unit = Some(u);
                r.uclass = Some(UClass::Time);
                r.half = true;
                r.lo += 0.5;
                r.end = k + w.chars().count();
                break;
            }
        }
    }
}

/// A unit or measure word (`units.csv`), and a half after a duration (`两年半`).
pub(super) fn unit<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After { cs, k, w, .. } = *a;
    if r.kind == MentionKind::Number
        && r.unit.is_none()
        && let Some((word, u, cls, over)) = in_set(&w.unit_first, cs.get(k))
            .then(|| {
                w.units
                    .iter()
                    .find(|u| starts_with(cs, k, &u.0))
                    .map(|(a, b, c, d)| (&**a, &**b, *c, *d))
            })
            .flatten()
    {
        let l = word.chars().count();
        let next = cs.get(k + l).copied();
        let bad = match u {
            "年" => next.is_some_and(|c| {
                matches!(
                    c,
                    '代' | '级' | '纪' | '龄' | '轻' | '化' | '薪' | '终' | '度' | '报' | '会'
                )
            }),
            "天" => {
                next.is_some_and(|c| matches!(c, '气' | '空' | '使' | '才' | '下' | '津' | '然'))
            }
            "人" => next.is_some_and(|c| {
                matches!(
                    c,
                    '民' | '工' | '类' | '物' | '们' | '生' | '家' | '间' | '士'
                )
            }),
            "名" => next.is_some_and(|c| matches!(c, '字' | '称' | '义' | '单' | '额')),
            "家" => next.is_some_and(|c| matches!(c, '庭' | '长' | '族' | '里' | '人' | '乡')),
            "分" => next.is_some_and(|c| {
                matches!(
                    c,
                    '析' | '别'
                        | '享'
                        | '类'
                        | '布'
                        | '配'
                        | '手'
                        | '开'
                        | '成'
                        | '支'
                        | '散'
                        | '工'
                        | '化'
                        | '歧'
                        | '子'
                )
            }),
            "代" => next.is_some_and(|c| matches!(c, '表' | '码' | '价' | '替' | '理' | '言')),
            "度" => next.is_some_and(|c| matches!(c, '过' | '假')),
            "本" => next.is_some_and(|c| matches!(c, '身' | '地' | '来' | '质' | '土')),
            "期" => next.is_some_and(|c| matches!(c, '间' | '待' | '望' | '货')),
            "场" => next.is_some_and(|c| matches!(c, '景')),
            "部" => next.is_some_and(|c| matches!(c, '分')),
            "台" => next.is_some_and(|c| matches!(c, '湾')),
            "条" => next.is_some_and(|c| matches!(c, '件')),
            "位" => next.is_some_and(|c| matches!(c, '置')),
            "块" => next.is_some_and(|c| matches!(c, '儿')),
            "米" => next.is_some_and(|c| matches!(c, '哈')),
            _ => false,
        };
        if !bad {
            r.unit = Some(u);
            r.uclass = Some(cls);
            r.unit_over = over;
            r.end = k + l;
            // 两年半, 三天半: a half after a duration.
            if cls == UClass::Time
                && !over
                && !r.range
                && cs.get(r.end) == Some(&'半')
                && !cs.get(r.end + 1).is_some_and(|&c| {
                    matches!(
                        c,
                        '导' | '岛'
                            | '径'
                            | '场'
                            | '决'
                            | '山'
                            | '边'
                            | '数'
                            | '天'
                            | '年'
                            | '个'
                            | '夜'
                    )
                })
            {
                r.lo += 0.5;
                r.half = true;
                r.end += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn units_and_halves() {
        check(&[
            ("干了三年半", &["三年半|n|3.5|unit=年"]),
            ("等了一个半月", &["一个半月|n|1.5|unit=个月"]),
            ("开了两个半小时会", &["两个半小时|n|2.5|unit=个小时"]),
            ("租了300平米", &["300平米|n|300|unit=平米"]),
            ("五个多月", &["五个多月|n|5|unit=个月|q=over"]),
            ("二十家门店", &["二十家|n|20|unit=家"]),
            // A unit char inside a word is no unit: 三人民 is not three people.
            ("九天使", &[]),
        ]);
    }
}
