//! Arabic numbers beside Latin letters: glued to a name before them (GPT-3, Qwen2.5), the
//! internet shorthands after them (`100w`, `32k`), an ISO currency code (`100 USD`,
//! `5亿RMB`) and the Latin units of `latin_units.csv` (`16GB`); any other run of letters
//! glued after the digits (4o, 3D) makes the whole run no value.

use super::*;

/// An Arabic number glued to Latin letters before it (GPT-3, k0-math, GPT - 4o): skip the
/// whole run.
pub(super) fn glued_before(cs: &[char], i: usize) -> Option<Scan> {
    if !glued_to_latin(cs, i) {
        return None;
    }
    let mut e = i;
    while e < cs.len() && (cs[e].is_ascii_alphanumeric() || matches!(cs[e], '.' | ',')) {
        e += 1;
    }
    Some(Scan::Skip(e.max(i + 1)))
}

pub(super) fn glued_to_latin(cs: &[char], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = cs[i - 1];
    if p.is_ascii_alphabetic() || p == '_' {
        return true;
    }
    if matches!(p, '-' | '.' | ',' | '/' | ':' | '+' | '#')
        && i >= 2
        && cs[i - 2].is_ascii_alphanumeric()
    {
        return !(p == '-' && cs[i - 2].is_ascii_digit()) || i >= 3 && cs[i - 3] == '.';
    }
    // `GPT - 4`: a dash with spaces after a Latin word.
    if p == ' ' && i >= 3 && cs[i - 2] == '-' {
        let mut k = i - 2;
        while k > 0 && cs[k - 1] == ' ' {
            k -= 1;
        }
        return k > 0 && cs[k - 1].is_ascii_alphabetic();
    }
    false
}

/// 100w, 32k: internet shorthands for 万 and 千 after Arabic digits (not 4K, a screen
/// resolution), folded into the numeral read.
pub(super) fn internet_shorthand(cs: &[char], core: &mut Core) {
    if core.arabic
        && !core.has_unit
        && !core.has_big
        && core.hi.is_none()
        && let Some(&c) = cs.get(core.end)
        && matches!(c, 'w' | 'W' | 'k' | 'K')
        && !cs
            .get(core.end + 1)
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && !(c == 'K' && matches!(core.lo as i64, 1 | 2 | 4 | 5 | 8) && core.lo.fract() == 0.0)
    {
        let m = if matches!(c, 'w' | 'W') { 1e4 } else { 1e3 };
        core.lo *= m;
        core.end += 1;
        core.has_big = true;
        core.trailing_mag = m;
        // 29余k: the bound the words give scales with it.
        core.approx_max = core.approx_max.map(|h| h * m);
    }
}

/// 100 USD, 5亿RMB: an ISO currency code after an Arabic amount, with its end.
pub(super) fn iso_currency(cs: &[char], core: &Core) -> Option<(&'static str, usize)> {
    if !core.arabic {
        return None;
    }
    let k = skip_spaces(cs, core.end, 1);
    ["USD", "RMB", "CNY", "HKD", "EUR", "JPY", "GBP"]
        .into_iter()
        .find(|code| {
            starts_with(cs, k, code) && !cs.get(k + 3).is_some_and(|c| c.is_ascii_alphanumeric())
        })
        .map(|code| (if code == "RMB" { "CNY" } else { code }, k + 3))
}

/// A Latin unit glued after an Arabic number (`16GB`, `5nm`), with its end; `Err`: the digits
/// are glued to other letters (4o, 3D, 7B-chat) and nothing here is a value.
pub(super) fn latin_unit<'w>(
    cs: &[char],
    core: &Core,
    iso: bool,
    w: &'w Words,
) -> Result<Option<(&'w str, usize)>, Scan> {
    if !core.arabic || core.has_unit || iso {
        return Ok(None);
    }
    let e = core.end;
    if cs.get(e).is_some_and(|c| c.is_ascii_alphabetic()) {
        let unit = w.latin_units.iter().find_map(|(word, u)| {
            let l = word.chars().count();
            (starts_with(cs, e, word)
                && !cs
                    .get(e + l)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
            .then_some((&**u, e + l))
        });
        if unit.is_none() {
            let mut k = e;
            while k < cs.len() && (cs[k].is_ascii_alphanumeric() || matches!(cs[k], '.' | '-')) {
                k += 1;
            }
            return Err(Scan::Skip(k));
        }
        return Ok(unit);
    }
    if matches!(cs.get(e), Some('-') | Some('.') | Some('_'))
        && cs.get(e + 1).is_some_and(|c| c.is_ascii_alphabetic())
    {
        return Err(Scan::Skip(e + 1));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::super::read_test::check;

    #[test]
    fn numbers_beside_latin_letters() {
        check(&[
            ("粉丝破100w", &["破100w|n|1000000|q=over"]),
            ("上下文长度128k", &["128k|n|128000"]),
            // 4K is a screen, GPT-4o a name, 3D a shape.
            ("支持4K输出", &[]),
            ("发布了GPT-4o", &[]),
            ("做3D建模", &[]),
            ("融资 300 USD", &["300 USD|m|300|cur=USD"]),
            ("估值5亿RMB", &["5亿RMB|m|500000000|cur=CNY"]),
            ("显存80GB", &["80GB|n|80|unit=GB"]),
        ]);
    }
}
