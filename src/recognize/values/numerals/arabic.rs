//! Arabic digits inside a numeral: `2,500`, `1.5`, `3600 万`, `4.78万亿`, `1万600`, `3千零7`.

use super::*;
use spacing::spaces_before;

/// Read an Arabic number at `j`: digits with optional `,ddd` groups and a decimal part.
/// Returns (value, integer digits, decimal, end), or `Err(end)` for a run too long to be a
/// quantity.
pub(super) fn read_arabic(cs: &[char], j: usize) -> Result<(f64, usize, bool, usize), usize> {
    let n = cs.len();
    let mut e = j;
    let mut int: u64 = 0;
    let mut digits = 0usize;
    let mut group = 0usize;
    let mut too_long = false;
    while e < n {
        let c = cs[e];
        if let Some(d) = c.to_digit(10) {
            if digits < MAX_INT_DIGITS {
                int = int * 10 + d as u64;
            } else {
                too_long = true;
            }
            digits += 1;
            group += 1;
            e += 1;
        } else if c == ','
            && (1..=3).contains(&group)
            && (digits == group || group == 3)
            && e + 3 < n + 1
            && cs
                .get(e + 1..e + 4)
                .is_some_and(|g| g.iter().all(|c| c.is_ascii_digit()))
            && !cs.get(e + 4).is_some_and(|c| c.is_ascii_digit())
        {
            group = 0;
            e += 1;
        } else {
            break;
        }
    }
    if too_long {
        // Skip the whole run (digits, separators) so a huge run is passed over once.
        while e < n && (cs[e].is_ascii_digit() || cs[e] == ',' || cs[e] == '.') {
            e += 1;
        }
        return Err(e);
    }
    let mut v = int as f64;
    let mut decimal = false;
    if e + 1 < n && cs[e] == '.' && cs[e + 1].is_ascii_digit() {
        decimal = true;
        e += 1;
        // The decimals as an integer over a power of ten: 0.3 is 3 / 10, not 3 × 0.1.
        let (mut frac, mut div) = (0u64, 1u64);
        let mut k = 0;
        while e < n && cs[e].is_ascii_digit() {
            if k < 12 {
                frac = frac * 10 + cs[e].to_digit(10).unwrap_or(0) as u64;
                div *= 10;
            }
            k += 1;
            e += 1;
        }
        v += frac as f64 / div as f64;
        if k > 40 {
            return Err(e);
        }
    }
    Ok((v, digits, decimal, e))
}

/// Arabic digits: at the start, after a place or a magnitude (`1万600`), or after 零 (`5千零20万`);
/// a decimal only at the start. Spaces before a multiplier are taken (`1100 万`, `6 万2 千`).
pub(super) fn digits(r: &mut Reader) -> Step {
    let (cs, j, k) = (r.cs, r.j, r.k);
    if !cs[j].is_ascii_digit() {
        return Step::Pass;
    }
    match r.prev() {
        None | Some(Tok::Big(_)) | Some(Tok::Unit(_)) => {}
        // 3千零7, 5千零20万: a placeholder before Arabic digits.
        Some(Tok::Zero) if k > 1 => {}
        _ => return Step::Stop,
    }
    let (v, digits, decimal, e) = match read_arabic(cs, j) {
        Ok(x) => x,
        Err(e) if k == 0 => return Step::Skip(e),
        Err(_) => return Step::Stop,
    };
    if k > 0 && decimal {
        return Step::Stop;
    }
    let t = Tok::Num {
        v,
        single: digits == 1 && !decimal,
        arabic: true,
        decimal,
        cn: None,
    };
    r.push(t, e);
    r.pure_cn_digits = false;
    // `1100 万`, `800  万`, `6 万2 千3 百`: spaces before a multiplier.
    let s = spaces_before(cs, e);
    if s > e
        && s < cs.len()
        && (cn_big(cs[s]).is_some()
            || cn_unit(cs[s]).is_some_and(|u| u >= 100.0 && v < 10.0)
            || (cn_unit(cs[s]).is_some_and(|u| u >= 100.0)
                && cs.get(s + 1).is_some_and(|&c| cn_big(c).is_some())))
    {
        r.j = s;
    }
    Step::Took
}

#[cfg(test)]
mod tests {
    use super::super::tests::val;

    #[test]
    fn arabic_numbers_and_their_places() {
        for (s, v) in [
            ("45,210", 45210.0),
            ("0.75", 0.75),
            ("2万3000", 23000.0),
            ("6千零9", 6009.0),
            ("8千零30万", 80_300_000.0),
            ("3 亿", 3e8),
        ] {
            assert_eq!(
                val(s).map(|x| (x.0, x.2)),
                Some((v, s.chars().count())),
                "{s}"
            );
        }
        // A comma not before three digits ends the number; a run too long is skipped.
        assert_eq!(val("12,34").map(|x| x.2), Some(2));
        assert!(val(&"7".repeat(20)).is_none());
    }
}
