//! Corrections: the fact fields a `corrected` verdict sets, and their validation.
//!
//! In the ledger the `corrections` cell is a JSON object, field name -> new value, e.g.
//! `{"date":"2019-07"}` or `{"value":12000000,"currency":"CNY"}`; `null` clears a field. On the
//! command line the same is said with `--set date=2019-07 --set value=12000000`
//! (`--set round=` clears). Numbers may be written as JSON numbers or strings.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value as Json;

use crate::model::{EntityRef, Fact, Qualifier};

/// What a field holds, for validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Non-empty text that cannot be cleared.
    Required,
    /// Text or null.
    Text,
    Number,
    IsoDate,
    Qualifier,
    Bool,
}

/// Every field a correction may set.
const FIELDS: &[(&str, Kind)] = &[
    ("predicate", Kind::Required),
    ("subject", Kind::Required),
    ("subject_id", Kind::Text),
    ("object", Kind::Text),
    ("object_id", Kind::Text),
    ("metric", Kind::Text),
    ("value", Kind::Number),
    ("value_max", Kind::Number),
    ("unit", Kind::Text),
    ("currency", Kind::Text),
    ("qualifier", Kind::Qualifier),
    ("date", Kind::IsoDate),
    ("as_of", Kind::IsoDate),
    ("round", Kind::Text),
    ("forecast", Kind::Bool),
];

/// The field names a correction may set, for messages.
pub fn field_names() -> Vec<&'static str> {
    FIELDS.iter().map(|(n, _)| *n).collect()
}

static ISO_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-H[12]|-Q[1-4])?$")
        .expect("valid regex")
});

/// Is `s` one of the contract's date forms (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-H1`,
/// `YYYY-Q3`)?
pub fn is_iso_prefix(s: &str) -> bool {
    ISO_PREFIX.is_match(s)
}

fn parse_qualifier(s: &str) -> Option<Qualifier> {
    Some(match s {
        "exact" => Qualifier::Exact,
        "about" => Qualifier::About,
        "near" => Qualifier::Near,
        "over" => Qualifier::Over,
        "under" => Qualifier::Under,
        "several" => Qualifier::Several,
        "range" => Qualifier::Range,
        _ => return None,
    })
}

/// Validated corrections, in field-name order (so the ledger cell is canonical).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corrections(pub BTreeMap<String, Json>);

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Parse `field=value` pairs from the command line (`field=` or `field=null` clears).
    pub fn from_assignments(pairs: &[String]) -> Result<Self, String> {
        let mut out = BTreeMap::new();
        for pair in pairs {
            let (field, raw) = pair
                .split_once('=')
                .ok_or_else(|| format!("--set {pair:?}: expected field=value"))?;
            let field = field.trim();
            let raw = raw.trim();
            let value = if raw.is_empty() || raw == "null" {
                Json::Null
            } else {
                Json::String(raw.to_string())
            };
            let value = check(field, value).map_err(|e| format!("--set {pair:?}: {e}"))?;
            out.insert(field.to_string(), value);
        }
        Ok(Corrections(out))
    }

    /// Parse the ledger's `corrections` cell (a JSON object; empty means none).
    pub fn from_cell(cell: &str) -> Result<Self, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(Corrections::default());
        }
        let json: Json =
            serde_json::from_str(cell).map_err(|e| format!("corrections are not JSON: {e}"))?;
        let Json::Object(map) = json else {
            return Err("corrections must be a JSON object like {\"date\":\"2019-07\"}".into());
        };
        let mut out = BTreeMap::new();
        for (field, value) in map {
            let value = check(&field, value).map_err(|e| format!("correction {field:?}: {e}"))?;
            out.insert(field, value);
        }
        Ok(Corrections(out))
    }

    /// The ledger cell: compact JSON, keys sorted; empty when there is nothing.
    pub fn to_cell(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// Set the corrected fields on `fact`; returns the original value of each field set.
    pub fn apply(&self, fact: &mut Fact) -> BTreeMap<String, Json> {
        let mut original = BTreeMap::new();
        for (field, value) in &self.0 {
            original.insert(field.clone(), get(fact, field));
            set(fact, field, value);
        }
        original
    }
}

/// The fields of a claim, as a reviewer sees and judges it: everything the fact says about the
/// world (ids of the catalogue entries and the evidence are not part of it).
pub const CLAIM_FIELDS: [&str; 13] = [
    "predicate",
    "subject",
    "object",
    "metric",
    "value",
    "value_max",
    "unit",
    "currency",
    "qualifier",
    "date",
    "as_of",
    "round",
    "forecast",
];

/// The claim a verdict judged, recorded with it in the ledger's `claim` cell: a JSON object of
/// the [`CLAIM_FIELDS`] that are set (`forecast` only when true), keys sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Claim(pub BTreeMap<String, Json>);

impl Claim {
    /// What `fact` claims now (call it before corrections are applied: the machine's claim).
    pub fn of(fact: &Fact) -> Self {
        let mut out = BTreeMap::new();
        for field in CLAIM_FIELDS {
            let v = get(fact, field);
            if !v.is_null() && v != Json::Bool(false) {
                out.insert(field.to_string(), v);
            }
        }
        Claim(out)
    }

    /// The value of one field (absent = `null`, `forecast` absent = `false`).
    pub fn field(&self, field: &str) -> Json {
        match self.0.get(field) {
            Some(v) => v.clone(),
            None if field == "forecast" => Json::Bool(false),
            None => Json::Null,
        }
    }

    /// Parse the ledger's `claim` cell; empty means no claim was recorded (an older row).
    pub fn from_cell(cell: &str) -> Result<Option<Self>, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        let json: Json =
            serde_json::from_str(cell).map_err(|e| format!("claim is not JSON: {e}"))?;
        let Json::Object(map) = json else {
            return Err("claim must be a JSON object like {\"predicate\":\"founded\"}".into());
        };
        let mut out = BTreeMap::new();
        for (field, value) in map {
            if !CLAIM_FIELDS.contains(&field.as_str()) {
                return Err(format!(
                    "claim field {field:?} is not one of {}",
                    CLAIM_FIELDS.join(", ")
                ));
            }
            let value = check(&field, value).map_err(|e| format!("claim {field:?}: {e}"))?;
            if !value.is_null() && value != Json::Bool(false) {
                out.insert(field, value);
            }
        }
        Ok(Some(Claim(out)))
    }

    /// The ledger cell: compact JSON, keys sorted.
    pub fn to_cell(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// The fields that differ between this (judged) claim and `now`, each as
    /// `{"judged": .., "now": ..}`, in [`CLAIM_FIELDS`] order.
    pub fn changes(&self, now: &Claim) -> BTreeMap<String, Json> {
        CLAIM_FIELDS
            .iter()
            .filter_map(|f| {
                let (judged, now) = (self.field(f), now.field(f));
                (judged != now).then(|| {
                    (
                        f.to_string(),
                        serde_json::json!({ "judged": judged, "now": now }),
                    )
                })
            })
            .collect()
    }
}

/// `date 2019-06 -> 2019-07, currency CNY -> USD`: changes as one line for messages.
pub fn describe_changes(changes: &BTreeMap<String, Json>) -> String {
    let show = |v: &Json| match v {
        Json::Null => "(none)".to_string(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    };
    CLAIM_FIELDS
        .iter()
        .filter_map(|f| changes.get(*f).map(|c| (f, c)))
        .map(|(f, c)| format!("{f} {} -> {}", show(&c["judged"]), show(&c["now"])))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validate one field's value and bring it to its canonical JSON form.
fn check(field: &str, value: Json) -> Result<Json, String> {
    let Some(&(_, kind)) = FIELDS.iter().find(|(n, _)| *n == field) else {
        return Err(format!(
            "unknown field {field:?} (one of {})",
            field_names().join(", ")
        ));
    };
    if value.is_null() {
        return if kind == Kind::Required || kind == Kind::Bool {
            Err("cannot be cleared".into())
        } else {
            Ok(Json::Null)
        };
    }
    let text = match &value {
        Json::String(s) => s.trim().to_string(),
        Json::Number(n) => n.to_string(),
        Json::Bool(b) => b.to_string(),
        _ => return Err("must be a string, a number or null".into()),
    };
    match kind {
        Kind::Required | Kind::Text => {
            if text.is_empty() {
                return Err("must not be empty".into());
            }
            Ok(Json::String(text))
        }
        Kind::Number => {
            let n: f64 = text
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite())
                .ok_or_else(|| format!("{text:?} is not a number"))?;
            Ok(number_json(n))
        }
        Kind::IsoDate => {
            if is_iso_prefix(&text) {
                Ok(Json::String(text))
            } else {
                Err(format!(
                    "{text:?} is not an ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-Q1)"
                ))
            }
        }
        Kind::Qualifier => {
            if parse_qualifier(&text).is_some() {
                Ok(Json::String(text))
            } else {
                Err(format!(
                    "{text:?} is not a qualifier (exact about near over under several range)"
                ))
            }
        }
        Kind::Bool => match text.as_str() {
            "true" => Ok(Json::Bool(true)),
            "false" => Ok(Json::Bool(false)),
            _ => Err(format!("{text:?} is not true or false")),
        },
    }
}

/// Whole numbers as JSON integers, like the rest of the output.
fn number_json(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

fn opt_str(s: &Option<String>) -> Json {
    s.as_ref().map_or(Json::Null, |s| Json::String(s.clone()))
}

fn opt_num(n: Option<f64>) -> Json {
    n.map_or(Json::Null, number_json)
}

/// The current value of a correctable field.
pub fn get(fact: &Fact, field: &str) -> Json {
    match field {
        "predicate" => Json::String(fact.predicate.clone()),
        "subject" => Json::String(fact.subject.name.clone()),
        "subject_id" => opt_str(&fact.subject.entity_id),
        "object" => fact
            .object
            .as_ref()
            .map_or(Json::Null, |o| Json::String(o.name.clone())),
        "object_id" => fact
            .object
            .as_ref()
            .map_or(Json::Null, |o| opt_str(&o.entity_id)),
        "metric" => opt_str(&fact.metric),
        "value" => opt_num(fact.value),
        "value_max" => opt_num(fact.value_max),
        "unit" => opt_str(&fact.unit),
        "currency" => opt_str(&fact.currency),
        "qualifier" => fact
            .qualifier
            .map_or(Json::Null, |q| Json::String(q.as_str().into())),
        "date" => opt_str(&fact.date),
        "as_of" => opt_str(&fact.as_of),
        "round" => opt_str(&fact.round),
        "forecast" => Json::Bool(fact.forecast),
        _ => Json::Null,
    }
}

/// Set a field from an already validated value.
fn set(fact: &mut Fact, field: &str, value: &Json) {
    let text = value.as_str().map(str::to_string);
    let number = match value {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.parse().ok(),
        _ => None,
    };
    match field {
        "predicate" => fact.predicate = text.unwrap_or_default(),
        "subject" => fact.subject.name = text.unwrap_or_default(),
        "subject_id" => fact.subject.entity_id = text,
        "object" => match text {
            Some(name) => match &mut fact.object {
                Some(o) => o.name = name,
                None => {
                    fact.object = Some(EntityRef {
                        entity_id: None,
                        name,
                    })
                }
            },
            None => fact.object = None,
        },
        "object_id" => match &mut fact.object {
            Some(o) => o.entity_id = text,
            None => {
                if let Some(id) = text {
                    fact.object = Some(EntityRef {
                        entity_id: Some(id.clone()),
                        name: id,
                    });
                }
            }
        },
        "metric" => fact.metric = text,
        "value" => fact.value = number,
        "value_max" => fact.value_max = number,
        "unit" => fact.unit = text,
        "currency" => fact.currency = text,
        "qualifier" => fact.qualifier = text.as_deref().and_then(parse_qualifier),
        "date" => fact.date = text,
        "as_of" => fact.as_of = text,
        "round" => fact.round = text,
        "forecast" => fact.forecast = value.as_bool().unwrap_or(false),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_prefixes() {
        for ok in ["2019", "2019-07", "2019-07-31", "2024-H2", "2024-Q4"] {
            assert!(is_iso_prefix(ok), "{ok}");
        }
        for bad in [
            "19",
            "2019-13",
            "2019-7",
            "2019-07-32",
            "2024-Q5",
            "July 2019",
        ] {
            assert!(!is_iso_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn assignments_are_validated() {
        let c = Corrections::from_assignments(&[
            "date=2019-07".into(),
            "value=1.5e6".into(),
            "round=".into(),
        ])
        .unwrap();
        assert_eq!(
            c.to_cell(),
            r#"{"date":"2019-07","round":null,"value":1500000}"#
        );
        assert!(Corrections::from_assignments(&["date=July".into()]).is_err());
        assert!(Corrections::from_assignments(&["value=lots".into()]).is_err());
        assert!(Corrections::from_assignments(&["colour=red".into()]).is_err());
        assert!(Corrections::from_assignments(&["predicate=".into()]).is_err());
        assert!(Corrections::from_assignments(&["qualifier=roughly".into()]).is_err());
        assert!(Corrections::from_assignments(&["date".into()]).is_err());
    }

    #[test]
    fn cells_round_trip() {
        let c = Corrections::from_cell(r#"{"value":"12","date":"2020"}"#).unwrap();
        assert_eq!(c.to_cell(), r#"{"date":"2020","value":12}"#);
        assert_eq!(Corrections::from_cell(&c.to_cell()).unwrap(), c);
        assert!(Corrections::from_cell("[1]").is_err());
        assert!(Corrections::from_cell("date=2020").is_err());
        assert!(Corrections::from_cell("").unwrap().is_empty());
    }
}
