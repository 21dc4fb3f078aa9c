//! Old and rare forms: 廿 卅 卌 (20, 30, 40 in one char) and 万万 for 亿 (`三万万`). The
//! financial capitals (壹贰叁 … 拾佰仟) are folded to the common digits before any reading
//! (the normalized view and `lex::numeral_form`).

use super::*;

/// 廿 卅 卌: twenty, thirty, forty in one char.
#[inline]
pub(in crate::recognize::values) fn old_tens(c: char) -> Option<f64> {
    match c {
        '廿' => Some(2.0),
        '卅' => Some(3.0),
        '卌' => Some(4.0),
        _ => None,
    }
}

/// 廿 (20), 卅 (30), 卌 (40): a digit and 十 in one char, at the start, after a magnitude,
/// after 零, or after 百/千 (`一百廿`).
pub(super) fn tens_in_one_char(r: &mut Reader) -> Step {
    let Some(tens) = old_tens(r.cs[r.j]) else {
        return Step::Pass;
    };
    match r.prev() {
        None | Some(Tok::Big(_)) | Some(Tok::Zero) => {}
        Some(Tok::Unit(u)) if u > 10.0 => {}
        _ => return Step::Stop,
    }
    if r.k + 2 > MAX_TOK {
        return Step::Overflow;
    }
    let j = r.j;
    let t = Tok::Num {
        v: tens,
        single: false,
        arabic: false,
        decimal: false,
        cn: None,
    };
    r.push(t, j + 1);
    r.push(Tok::Unit(10.0), j + 1);
    r.pure_cn_digits = false;
    Step::Took
}

/// 三万万: a 万 right after a 万 (with no 亿 before) makes it 亿. True when taken.
pub(super) fn wan_wan(r: &mut Reader, b: f64) -> bool {
    let k = r.k;
    if b == 1e4 && r.prev() == Some(Tok::Big(1e4)) && !r.toks[..k - 1].contains(&Tok::Big(1e8)) {
        r.toks[k - 1] = Tok::Big(1e8);
        r.ends[k - 1] = r.j + 1;
        r.j += 1;
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::tests::val;
    use crate::normalize::NormalizedLine;
    use crate::recognize::values::lex::numeral_form;

    #[test]
    fn old_forms_and_capitals() {
        for (s, v) in [
            ("廿八", 28.0),
            ("卅万", 300_000.0),
            ("一百卌", 140.0),
            ("两万万", 2e8),
            ("肆仟零陆拾", 4060.0),
            ("贰拾万万", 2e9),
        ] {
            let folded: String = NormalizedLine::new(s)
                .text
                .chars()
                .map(numeral_form)
                .collect();
            assert_eq!(val(&folded).map(|x| x.0), Some(v), "{s}");
        }
        // 廿 after a digit ends the numeral before it.
        assert_eq!(val("三廿").map(|x| x.2), Some(1));
    }
}
