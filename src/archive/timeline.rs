//! How a metric of one entity moved across the archive: the series `report.html` charts.
//!
//! A series is one entity's one metric in one unit and currency; a point is a metric fact
//! (not rejected, not a forecast) placed at its `as_of`, else its episode's date. A series is
//! charted when its points fall on two or more dates.

use std::collections::BTreeMap;

use serde::Serialize;

use super::conflicts::{Claim, date_span};
use crate::audit::Status;

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub when: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub qualifier: Option<String>,
    pub fact_id: String,
    pub episode: String,
    pub line: usize,
    pub status: &'static str,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub entity_id: String,
    pub entity_name: String,
    pub metric: String,
    pub unit: Option<String>,
    pub currency: Option<String>,
    /// In time order (by the first day each date covers).
    pub points: Vec<Point>,
}

impl Series {
    /// The distinct dates the points fall on.
    pub fn dates(&self) -> usize {
        let mut d: Vec<&str> = self.points.iter().map(|p| p.when.as_str()).collect();
        d.dedup();
        d.len()
    }
}

/// The series of metric facts with two or more dates, by entity id then metric.
pub fn series<C: std::borrow::Borrow<Claim>>(metrics: impl IntoIterator<Item = C>) -> Vec<Series> {
    type Key = (String, String, Option<String>, Option<String>);
    let mut groups: BTreeMap<Key, Series> = BTreeMap::new();
    for c in metrics {
        let c = c.borrow();
        let (Some(entity), Some(metric), Some(value), Some(when)) = (
            &c.subject_id,
            &c.metric,
            c.value,
            c.as_of.as_ref().or(c.episode_date.as_ref()),
        ) else {
            continue;
        };
        if c.forecast || c.status == Status::Rejected || date_span(when).is_none() {
            continue;
        }
        let key = (
            entity.clone(),
            metric.clone(),
            c.unit.clone(),
            c.currency.clone(),
        );
        let s = groups.entry(key).or_insert_with(|| Series {
            entity_id: entity.clone(),
            entity_name: c.subject_name.clone(),
            metric: metric.clone(),
            unit: c.unit.clone(),
            currency: c.currency.clone(),
            points: Vec::new(),
        });
        s.points.push(Point {
            when: when.clone(),
            value,
            value_max: c.value_max,
            qualifier: c.qualifier.map(|q| q.as_str().to_string()),
            fact_id: c.id.clone(),
            episode: c.episode.clone(),
            line: c.line,
            status: c.status.as_str(),
            evidence: c.evidence.clone(),
        });
    }
    let mut out: Vec<Series> = groups.into_values().collect();
    for s in &mut out {
        s.points.sort_by(|a, b| {
            let day = |p: &Point| date_span(&p.when).map_or(i64::MAX, |d| d.0);
            (day(a), &a.episode, a.line).cmp(&(day(b), &b.episode, b.line))
        });
    }
    out.retain(|s| s.dates() >= 2);
    out
}
