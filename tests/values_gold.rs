//! The value recognizer over a real episode, scored against its gold values with the gold's
//! rule: a system value matches a gold value on the same line with the same type, an equal
//! value, and the gold's currency and qualifier where the gold gives them. Gold values marked
//! `optional` count neither way.

use serde_json::Value as Json;
use transcript_facts::model::{MentionKind, Value};
use transcript_facts::normalize::NormalizedLine;
use transcript_facts::recognize::values::{CalendarDate, DateContext, ValueMatch, ValueRecognizer};

const TRANSCRIPT: &str =
    include_str!("../transcripts/2025-01-10_china-llm-startups-six-tigers.txt");
const GOLD: &str = include_str!("fixtures/000_e880ad362505cfaf.gold.json");

/// Crude name spans: runs of ASCII letters, digits, `-` and `.` that hold both a letter and a
/// digit (GPT-3, k0-math, 4o, R1) — what the entity matcher would block.
fn crude_blocked(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_alphanumeric() {
            let s = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '-' | '.'))
            {
                i += 1;
            }
            let run = &chars[s..i];
            if run.iter().any(|c| c.is_ascii_alphabetic()) && run.iter().any(|c| c.is_ascii_digit())
            {
                out.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn kind_name(k: MentionKind) -> &'static str {
    k.as_str()
}

fn matches_gold(m: &ValueMatch, g: &Json) -> bool {
    if g["type"].as_str() != Some(kind_name(m.kind)) {
        return false;
    }
    let same_value = match (&m.value, &g["value"]) {
        (Value::Number(a), Json::Number(b)) => {
            let b = b.as_f64().unwrap();
            (a - b).abs() <= 1e-9 * b.abs().max(1.0)
        }
        (Value::Date(a), Json::String(b)) => a == b,
        _ => false,
    };
    if !same_value {
        return false;
    }
    if let Some(c) = g.get("currency").and_then(Json::as_str)
        && m.currency.as_deref() != Some(c)
    {
        return false;
    }
    if let Some(q) = g.get("qualifier").and_then(Json::as_str)
        && m.qualifier.as_str() != q
    {
        return false;
    }
    true
}

#[test]
fn gold_values_precision_and_recall() {
    let gold: Json = serde_json::from_str(GOLD).unwrap();
    let gold_values = gold["values"].as_array().unwrap();
    let recognizer = ValueRecognizer::new();
    let mut ctx = DateContext::new(CalendarDate::parse("2025-01-10"));
    let mut out = Vec::new();
    let (mut matched_required, mut matched_optional, mut emitted) = (0usize, 0usize, 0usize);
    let required = gold_values
        .iter()
        .filter(|g| !g["optional"].as_bool().unwrap_or(false))
        .count();
    let mut report = String::new();
    let mut gold_hit = vec![false; gold_values.len()];
    for (idx, line) in TRANSCRIPT.lines().enumerate() {
        let number = idx + 1;
        let norm = NormalizedLine::new(line);
        out.clear();
        recognizer.find(&norm.text, &mut ctx, &crude_blocked(&norm.text), &mut out);
        for m in &out {
            emitted += 1;
            let text: String = norm
                .text
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect();
            let found = gold_values.iter().enumerate().find(|(gi, g)| {
                !gold_hit[*gi] && g["line"].as_u64() == Some(number as u64) && matches_gold(m, g)
            });
            match found {
                Some((gi, g)) => {
                    gold_hit[gi] = true;
                    if g["optional"].as_bool().unwrap_or(false) {
                        matched_optional += 1;
                    } else {
                        matched_required += 1;
                        if g["text"].as_str() != Some(text.as_str()) {
                            report.push_str(&format!(
                                "span differs line {number}: {text:?} vs {}\n",
                                g["text"]
                            ));
                        }
                    }
                }
                None => report.push_str(&format!("extra line {number}: {text:?} {:?}\n", m)),
            }
        }
    }
    for (gi, g) in gold_values.iter().enumerate() {
        if !gold_hit[gi] && !g["optional"].as_bool().unwrap_or(false) {
            report.push_str(&format!("missed: {g}\n"));
        }
    }
    let counted = emitted - matched_optional;
    let precision = if counted == 0 {
        1.0
    } else {
        matched_required as f64 / counted as f64
    };
    let recall = matched_required as f64 / required as f64;
    println!("{report}");
    println!(
        "gold values: required {required}, matched {matched_required}, emitted {emitted} (of which optional {matched_optional})"
    );
    println!("precision {precision:.3} recall {recall:.3}");
    assert!(recall >= 0.98, "recall {recall:.3}\n{report}");
    assert!(precision >= 0.95, "precision {precision:.3}\n{report}");
}
