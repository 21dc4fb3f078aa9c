//! Properties of the value recognizer on any input: it never panics, every span lies inside
//! the line, spans neither overlap each other nor a blocked span, and numbers are finite.

use proptest::prelude::*;
use transcript_facts::model::Value;
use transcript_facts::recognize::values::{CalendarDate, DateContext, ValueMatch, ValueRecognizer};

fn recognizer() -> &'static ValueRecognizer {
    use std::sync::OnceLock;
    static R: OnceLock<ValueRecognizer> = OnceLock::new();
    R.get_or_init(ValueRecognizer::new)
}

/// Run one line and check every invariant; returns the matches.
fn check(text: &str, ctx: &mut DateContext, blocked: &[(usize, usize)]) -> Vec<ValueMatch> {
    // As the pipeline reads a line: normalized first.
    let norm = transcript_facts::normalize::NormalizedLine::new(text);
    let text = norm.text.as_str();
    let mut out = Vec::new();
    recognizer().find(text, ctx, blocked, &mut out);
    let n = text.chars().count();
    let mut prev_end = 0;
    for m in &out {
        assert!(m.start < m.end, "empty span {m:?} in {text:?}");
        assert!(
            m.end <= n,
            "span past the line {m:?} ({n} chars) in {text:?}"
        );
        assert!(
            m.start >= prev_end,
            "overlapping spans in {text:?}: {out:?}"
        );
        prev_end = m.end;
        for &(a, b) in blocked {
            assert!(
                !(m.start < b && a < m.end),
                "{m:?} overlaps blocked {a}..{b} in {text:?}"
            );
        }
        match &m.value {
            Value::Number(v) => assert!(v.is_finite(), "{m:?}"),
            Value::Date(d) => assert!(!d.is_empty(), "empty date {m:?}"),
        }
        if let Some(x) = m.value_max {
            assert!(x.is_finite(), "{m:?}");
            if let Value::Number(v) = m.value {
                assert!(v <= x, "value above value_max {m:?} in {text:?}");
            }
        }
    }
    out
}

/// Chars that make the recognizer work hardest: numerals, units, qualifiers, date words,
/// separators, Latin letters, full-width and Traditional forms.
const SOUP: &[char] = &[
    '0', '1', '2', '5', '9', '０', '９', '零', '〇', '一', '二', '两', '兩', '三', '五', '七',
    '八', '九', '十', '百', '千', '万', '萬', '亿', '億', '幺', '点', '数', '几', '多', '余', '个',
    '年', '月', '日', '号', '份', '初', '底', '中', '上', '下', '半', '季', '度', '第', 'Q', 'H',
    '今', '去', '前', '明', '后', '天', '昨', '本', '这', '近', '超', '过', '约', '不', '到', '左',
    '右', '以', '之', '分', '成', '%', '％', '元', '块', '钱', '美', '人', '民', '币', '港', '$',
    '¥', '-', '~', '.', ',', '，', '/', ' ', '　', 'G', 'P', 'T', 'B', 'o', 'k', '的', '了', '为',
    '负', '好', '春', '节', '旦', '最', '后', '天', '下', '同',
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SOUP), 0..60).prop_map(|v| v.into_iter().collect())
}

fn blocked_for(n: usize, raw: &[(usize, usize)]) -> Vec<(usize, usize)> {
    if n == 0 {
        return Vec::new();
    }
    raw.iter()
        .map(|&(a, len)| {
            let a = a % n;
            (a, (a + 1 + len % 4).min(n))
        })
        .collect()
}

proptest! {
    // More cases by hand: VALUES_PROPTEST_CASES=100000 cargo test --release --test tests values_props
    #![proptest_config(ProptestConfig {
        cases: std::env::var("VALUES_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string_is_safe(s in any::<String>()) {
        let mut ctx = DateContext::new(CalendarDate::parse("2025-01-10"));
        check(&s, &mut ctx, &[]);
    }

    #[test]
    fn numeral_soup_is_safe(s in soup(), raw in prop::collection::vec((0usize..100, 0usize..8), 0..4)) {
        let n = s.chars().count();
        let blocked = blocked_for(n, &raw);
        let mut ctx = DateContext::new(CalendarDate::parse("2025-01-10"));
        check(&s, &mut ctx, &blocked);
        let mut no_ref = DateContext::default();
        check(&s, &mut no_ref, &blocked);
    }

    #[test]
    fn episodes_of_soup_lines_are_safe(lines in prop::collection::vec(soup(), 1..8)) {
        let mut ctx = DateContext::new(CalendarDate::parse("2024-02-29"));
        for line in &lines {
            check(line, &mut ctx, &[]);
        }
    }

    #[test]
    fn digit_runs_of_any_length_are_safe(d in "[0-9]{1,400}", tail in prop::sample::select(vec!["", "万", "亿", "%", "年", "元", "万亿", ".5", "-3"])) {
        let s = format!("{d}{tail}");
        let mut ctx = DateContext::default();
        check(&s, &mut ctx, &[]);
    }

    #[test]
    fn matches_are_found_inside_noise(prefix in soup(), suffix in soup()) {
        // A clear value stays a value whatever surrounds it, as long as it is set off.
        let s = format!("{prefix}。营收 5 亿元。{suffix}");
        let mut ctx = DateContext::default();
        let out = check(&s, &mut ctx, &[]);
        prop_assert!(out.iter().any(|m| m.value == Value::Number(5e8)), "{s:?}: {out:?}");
    }
}

/// 1..=9999 written in Chinese (一千零五, 十五, 三百二十).
fn cn(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if (10..20).contains(&n) {
        return format!(
            "十{}",
            if n > 10 {
                D[(n - 10) as usize].to_string()
            } else {
                String::new()
            }
        );
    }
    let mut s = String::new();
    let mut zero = false;
    for (place, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = n / place % 10;
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        s.push(D[d as usize]);
        s.push_str(name);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// `A到B万` with the scale said once: both ends are of that scale, never one of them a
    /// power of ten off (`三百到四百五十万` is 3e6..4.5e6, not 300..4.5e6).
    #[test]
    fn ranges_share_the_scale_said_once(
        a in 1u32..9999,
        b in 1u32..9999,
        scale in prop::sample::select(vec![("万", 1e4), ("亿", 1e8), ("万亿", 1e12)]),
        sep in prop::sample::select(vec!["到", "至", "-", "~"]),
        tail in prop::sample::select(vec!["", "元", "美元", "人"]),
        arabic in any::<bool>(),
    ) {
        prop_assume!(a != b);
        let (lo, hi) = (a.min(b), a.max(b));
        let (sl, sh) = if arabic { (lo.to_string(), hi.to_string()) } else { (cn(lo), cn(hi)) };
        let s = format!("营收{sl}{sep}{sh}{}{tail}", scale.0);
        let mut ctx = DateContext::default();
        let out = check(&s, &mut ctx, &[]);
        prop_assert_eq!(out.len(), 1, "{:?}: {:?}", s, out);
        let m = &out[0];
        let Value::Number(v) = m.value else { panic!("{s:?}: {m:?}") };
        let max = hi as f64 * scale.1;
        prop_assert_eq!(m.value_max, Some(max), "{:?}: {:?}", s, m);
        if arabic || lo >= 10 {
            prop_assert_eq!(v, lo as f64 * scale.1, "{:?}: {:?}", s, m);
        } else {
            // A bare digit takes what B says after its last digit (三到五千万: 3e7).
            prop_assert!(v >= lo as f64 * scale.1 && v < max, "{:?}: {:?}", s, m);
        }
    }
}

#[test]
fn huge_inputs_do_not_panic_or_overflow() {
    let mut ctx = DateContext::new(CalendarDate::parse("2025-01-10"));
    let inputs = [
        "9".repeat(50_000),
        format!("{}万", "9".repeat(50_000)),
        "亿".repeat(1_000),
        "亿亿亿亿".to_string(),
        "万亿".repeat(500),
        "九".repeat(10_000),
        "九亿".repeat(2_000),
        "一千零一万零一".repeat(1_000),
        format!("1{}亿", "0".repeat(400)),
        format!("0.{}亿", "9".repeat(10_000)),
        format!("百分之{}", "九".repeat(1_000)),
        format!("百分之{}", "9".repeat(1_000)),
        "1,000,".repeat(5_000),
        "2024年".repeat(5_000),
        "99999999999999亿亿亿".to_string(),
        "九千九百九十九万九千九百九十九亿亿亿亿亿亿".to_string(),
        "数亿".repeat(3_000),
        "十七八九".repeat(1_000),
        "-".repeat(10_000),
        "1-".repeat(10_000),
        "第".repeat(10_000),
        // negative ranges keep value <= value_max
        "负二三".to_string(),
        "-0-10".to_string(),
        "百分之负五六".to_string(),
    ];
    for s in &inputs {
        check(s, &mut ctx, &[]);
    }
}

#[test]
fn huge_inputs_are_linear() {
    // A scan that restarted inside a rejected run would be quadratic; 200k chars must be quick.
    let s = "9".repeat(200_000);
    let t = std::time::Instant::now();
    let mut ctx = DateContext::default();
    check(&s, &mut ctx, &[]);
    let s = "一二三四五六七八九".repeat(20_000);
    check(&s, &mut ctx, &[]);
    assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
}
