//! Percents: `百分之三点五`, `百分四十`, `百分百`, `80%`, `3‰`, `3个百分点`, `七成`, `四成半`.

use super::*;

/// 百分之 / 千分之 / 万分之 X (`百分之负二点七`, `千分之三`, `百分之五到十`).
pub(super) fn per_hundred(s: &Lead) -> Option<Scan> {
    let Lead {
        cs, i, floor, w, c, ..
    } = *s;
    if matches!(c, '百' | '千' | '万') && starts_with(cs, i + 1, "分之") {
        let factor = match c {
            '百' => 1.0,
            '千' => 0.1,
            _ => 0.01,
        };
        let mut j = skip_spaces(cs, i + 3, 1);
        // 百分之负二点七.
        let minus = cs.get(j) == Some(&'负');
        if minus {
            j += 1;
        }
        let Some(mut core) = core_at(cs, j) else {
            return Some(Scan::Skip(i + 3));
        };
        if minus {
            (core.lo, core.hi) = match core.hi {
                Some(h) => (-h, Some(-core.lo)),
                None => (-core.lo, None),
            };
            core.approx_max = None;
        }
        let mut hi = core.hi.map(|h| h * factor);
        let mut end = core.end;
        let approx = core.approx_max.map(|h| h * factor);
        // 百分之五到百分之十, 百分之五到十.
        let k = skip_spaces(cs, end, 1);
        if matches!(cs.get(k), Some('到') | Some('至') | Some('-') | Some('~')) && hi.is_none() {
            let mut k2 = skip_spaces(cs, k + 1, 1);
            if starts_with(cs, k2, "百分之") && c == '百' {
                k2 += 3;
            }
            if let Some(c2) = core_at(cs, k2).filter(|c2| c2.lo > core.lo && c2.hi.is_none()) {
                hi = Some(c2.lo * factor);
                end = c2.end;
            }
        }
        let mut v = core.lo * factor;
        let mut q = if hi.is_some() {
            Qualifier::Range
        } else if core.several {
            Qualifier::Several
        } else if core.more {
            Qualifier::Over
        } else {
            Qualifier::Exact
        };
        if let Some((sq, e)) = suffix(cs, end, true, w) {
            if q == Qualifier::Exact || q == Qualifier::Over {
                q = sq;
            }
            end = e;
        }
        let pre = prefix(cs, i, floor, &core, w);
        if let (Some(pq), false) = (pre.qualifier, hi.is_some()) {
            q = pq;
        }
        if pre.negative {
            v = -v;
        } else if hi.is_none() && matches!(q, Qualifier::Several | Qualifier::Over) {
            hi = approx;
        }
        return Some(Scan::Hit(ValueMatch {
            start: pre.start.min(i),
            end,
            kind: MentionKind::Percent,
            value: Value::Number(tidy(v)),
            value_max: hi.map(tidy),
            unit: Some("%".into()),
            currency: None,
            qualifier: q,
            unresolved: false,
        }));
    }
    None
}

/// 百分四十: 百分 with its 之 left unsaid.
pub(super) fn per_hundred_unsaid(s: &Lead) -> Option<Scan> {
    let Lead {
        cs, i, floor, w, c, ..
    } = *s;
    if c == '百'
        && cs.get(i + 1) == Some(&'分')
        && cs
            .get(i + 2)
            .is_some_and(|&d| (cn_digit(d).is_some_and(|d| d > 0) && d != '幺') || d == '十')
        && let Some(core) = core_at(cs, i + 2).filter(|c| !c.has_big && c.lo <= 100.0)
    {
        let pre = prefix(cs, i, floor, &core, w);
        return Some(Scan::Hit(ValueMatch {
            start: pre.start.min(i),
            end: core.end,
            kind: MentionKind::Percent,
            value: Value::Number(tidy(if pre.negative { -core.lo } else { core.lo })),
            value_max: core.hi.map(tidy),
            unit: Some("%".into()),
            currency: None,
            qualifier: if core.hi.is_some() {
                Qualifier::Range
            } else {
                pre.qualifier.unwrap_or(Qualifier::Exact)
            },
            unresolved: false,
        }));
    }
    None
}

/// 百分百.
pub(super) fn hundred_percent(s: &Lead) -> Option<Scan> {
    let Lead { cs, i, c, .. } = *s;
    if c == '百' && starts_with(cs, i + 1, "分百") {
        return Some(Scan::Hit(ValueMatch {
            start: i,
            end: i + 3,
            kind: MentionKind::Percent,
            value: Value::Number(100.0),
            value_max: None,
            unit: Some("%".into()),
            currency: None,
            qualifier: Qualifier::Exact,
            unresolved: false,
        }));
    }
    None
}

/// 3‰: per mille, in percent units.
pub(super) fn per_mille<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After { cs, k, .. } = *a;
    if cs.get(k) == Some(&'‰') {
        // 3‰: per mille, in percent units.
        r.kind = MentionKind::Percent;
        r.end = k + 1;
        r.lo /= 10.0;
        r.hi = r.hi.map(|h| h / 10.0);
    }
}

/// 80%, 5%-10%.
pub(super) fn percent_sign<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After { cs, k, .. } = *a;
    if cs.get(k) == Some(&'%') {
        r.kind = MentionKind::Percent;
        r.end = k + 1;
        // 5%-10%
        let k2 = skip_spaces(cs, r.end, 1);
        if !r.range && matches!(cs.get(k2), Some('-') | Some('~') | Some('到') | Some('至')) {
            let k3 = skip_spaces(cs, k2 + 1, 1);
            if let Some(c2) = core_at(cs, k3).filter(|c2| c2.lo > r.lo && c2.hi.is_none()) {
                let k4 = skip_spaces(cs, c2.end, 1);
                if cs.get(k4) == Some(&'%') {
                    r.range = true;
                    r.hi = Some(c2.lo);
                    r.end = k4 + 1;
                }
            }
        }
    }
}

/// 3个百分点.
pub(super) fn percent_points<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After { cs, k, .. } = *a;
    if let Some((l, _)) = match_word(cs, k, &[("个百分点", ()), ("百分点", ())]) {
        r.kind = MentionKind::Percent;
        r.end = k + l;
    }
}

/// 七成, 三成五, 四成半, 七八成: tenths, as a percent.
pub(super) fn tenths<'a>(a: &After<'a>, r: &mut Reading<'a>) {
    let After { cs, k, core, .. } = *a;
    if cs.get(k) == Some(&'成')
        && (k == r.end || core.arabic)
        && !core.has_big
        && !core.decimal
        && (core.single
            || r.range
            || (core.lo == 10.0 && (core.end - core.start == 1 || core.arabic)))
        && (1.0..=10.0).contains(&r.lo)
    {
        // 七成, 三成五, 七八成.
        let mut e = k + 1;
        let mut extra = 0.0;
        if let Some(d) = cs
            .get(e)
            .and_then(|&c| cn_digit(c))
            .filter(|&d| d > 0 && !r.range && cs[e] != '两')
        {
            extra = d as f64;
            e += 1;
        } else if cs.get(e) == Some(&'半') && !r.range {
            // 四成半: and a half tenth.
            extra = 5.0;
            e += 1;
        }
        let bad = cs.get(e).is_some_and(|&c| {
            matches!(
                c,
                '立' | '为'
                    | '功'
                    | '本'
                    | '员'
                    | '长'
                    | '绩'
                    | '熟'
                    | '果'
                    | '交'
                    | '型'
                    | '就'
                    | '年'
                    | '都'
                    | '效'
                    | '品'
                    | '分'
                    | '败'
                    | '形'
                    | '真'
                    | '人'
                    | '全'
                    | '像'
                    | '语'
                    | '名'
                    | '批'
                    | '套'
                    | '群'
                    | '千'
                    | '百'
                    | '万'
                    | '亿'
                    | '家'
                    | '天'
                    | '事'
            )
        });
        if !bad {
            r.kind = MentionKind::Percent;
            r.lo = r.lo * 10.0 + extra;
            r.hi = r.hi.map(|h| h * 10.0);
            r.end = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn per_hundred_and_its_variants() {
        check(&[
            ("毛利率是百分之负一点八", &["百分之负一点八|p|-1.8"]),
            ("占比百分之二十五", &["百分之二十五|p|25"]),
            ("大概百分三十", &["大概百分三十|p|30|q=about"]),
            ("千分之六的坏账", &["千分之六|p|0.6"]),
            ("百分之十到二十", &["百分之十到二十|p|10|max=20|q=range"]),
            ("成功率百分百", &["百分百|p|100"]),
        ]);
    }

    #[test]
    fn signs_points_and_tenths() {
        check(&[
            ("涨了12%", &["12%|p|12"]),
            ("3%-8%之间", &["3%-8%|p|3|max=8|q=range"]),
            ("差了两个百分点", &["两个百分点|p|2"]),
            ("违约率1.5‰", &["1.5‰|p|0.15"]),
            ("拿走了六成半", &["六成半|p|65"]),
            ("两三成的用户", &["两三成|p|20|max=30|q=range"]),
            ("八成五的人", &["八成五|p|85"]),
            // 成 as a verb or in a word is no tenth.
            ("三成立了公司", &[]),
        ]);
    }
}
