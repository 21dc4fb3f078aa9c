//! Which bare numbers are worth emitting (see the module docs of `values`): a number with
//! a magnitude, a unit, a qualifier, or the whole line; never a lone 一, a magnitude alone
//! (百年), a version after a Latin name (`iPhone 16`), or 零 counting nothing.

use super::*;

/// Is the previous non-space char (across at least one space) a Latin letter or digit, as in
/// `iPhone 16` or `Llama 3.1 405B`?
pub(super) fn latin_before_space(cs: &[char], i: usize) -> bool {
    i >= 2 && cs[i - 1] == ' ' && cs[i - 2].is_ascii_alphanumeric()
}

/// Is the value all the line holds (besides spaces and punctuation)? Then it is a number
/// whatever its form (`一`, `三`, `42`).
pub(super) fn whole_line(cs: &[char], start: usize, end: usize) -> bool {
    let filler = |c: &char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "，。！？、；：“”‘’（）《》…—".contains(*c)
    };
    cs[..start].iter().all(filler) && cs[end..].iter().all(filler)
}

/// The bare-number policy (see the module docs).
pub(super) fn keep_number(
    cs: &[char],
    i: usize,
    core: &Core,
    range: bool,
    unit: Option<UClass>,
    qualified: bool,
    forced: bool,
) -> bool {
    if forced || core.digit_seq {
        return true;
    }
    // 零 alone (零部件, 零成本) counts nothing unless it is the whole line.
    if !core.arabic && core.lo == 0.0 && core.hi.is_none() {
        return false;
    }
    // 百年, 千年, 百人会: a magnitude alone with a measure word is an idiom, not a count.
    if core.coefless && !qualified && !core.several {
        return false;
    }
    // Latin context with a space: `iPhone 16`, `Llama 3.1 405B`.
    if core.arabic
        && !core.has_big
        && latin_before_space(cs, i)
        && !matches!(unit, Some(UClass::Count | UClass::Time | UClass::Phys))
    {
        return false;
    }
    if core.has_big || core.several {
        return true;
    }
    if range {
        return unit.is_some();
    }
    if core.arabic {
        if core.has_unit {
            return true;
        }
        // 45,210: a thousands separator says it is a quantity.
        let grouped = cs[core.start..core.end].contains(&',');
        return unit.is_some() || qualified || grouped;
    }
    // Chinese without 万/亿.
    if core.decimal {
        return true;
    }
    if core.lo == 1.0 {
        return false;
    }
    if core.has_unit && core.lo >= 10.0 {
        return core.end - core.start >= 2 || unit.is_some() || qualified;
    }
    if core.single {
        let prev = if i > 0 { Some(cs[i - 1]) } else { None };
        let suppressed = prev.is_some_and(|p| {
            matches!(
                p,
                '这' | '那'
                    | '哪'
                    | '每'
                    | '前'
                    | '后'
                    | '头'
                    | '近'
                    | '第'
                    | '去'
                    | '来'
                    | '些'
                    | '几'
            )
        });
        return unit.is_some_and(|u| u != UClass::Latin) && !suppressed;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn bare_numbers_kept_and_left() {
        check(&[
            // Kept: a magnitude, a unit, a qualifier, a spelled numeral of ten or more, a
            // thousands separator.
            ("用户三千万", &["三千万|n|30000000"]),
            ("开了12家店", &["12家|n|12|unit=家"]),
            ("大约40个", &["大约40个|n|40|unit=个|q=about"]),
            ("排名二十七", &["二十七|n|27"]),
            ("总数 18,400", &["18,400|n|18400"]),
            // Left: a bare Arabic number, a version after a name, a magnitude alone, 一 as a
            // count, a digit after 这/每, 零 counting nothing.
            ("其中的6", &[]),
            ("用 Llama 3 做的", &[]),
            ("百年老店", &[]),
            ("一个人", &[]),
            ("这两家", &[]),
            ("零食零成本", &[]),
        ]);
    }
}
