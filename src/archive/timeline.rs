//! How a metric of one entity moved across the archive: the series `report.html` charts.
//!
//! A series is one entity's one metric in one unit and currency; a point is a metric fact
//! (not rejected, not a forecast) placed at its `as_of`, else its episode's date. A series is
//! charted when its points fall on two or more dates.
//!
//! A series holds its points as the [`Collector`]'s indices of their facts (an archive's
//! every metric fact is a point of some series); a chart reads its points back as it is drawn.

use std::collections::BTreeMap;

use serde::Serialize;

use super::conflicts::{Claim, Collector, date_span};
use crate::audit::Status;
use crate::error::Result;

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

#[derive(Debug, Clone)]
pub struct Series {
    pub entity_id: String,
    pub entity_name: String,
    pub metric: String,
    pub unit: Option<String>,
    pub currency: Option<String>,
    /// The facts of its points, in time order (by the first day each date covers).
    points: Vec<u32>,
}

/// Where a metric fact falls (its series and its date), or `None` when it is no point.
fn placed(c: &Claim) -> Option<(&String, &String, f64, &String)> {
    let (Some(entity), Some(metric), Some(value), Some(when)) = (
        &c.subject_id,
        &c.metric,
        c.value,
        c.as_of.as_ref().or(c.episode_date.as_ref()),
    ) else {
        return None;
    };
    if c.forecast || c.status == Status::Rejected || date_span(when).is_none() {
        return None;
    }
    Some((entity, metric, value, when))
}

impl Series {
    /// The points, read back from `claims` (the collector the series were made from).
    pub fn points(&self, claims: &Collector) -> Result<Vec<Point>> {
        let mut out = Vec::with_capacity(self.points.len());
        for &at in &self.points {
            let c = claims.claim_at(at)?;
            let Some((_, _, value, when)) = placed(&c) else {
                continue;
            };
            out.push(Point {
                when: when.clone(),
                value,
                value_max: c.value_max,
                qualifier: c.qualifier.map(|q| q.as_str().to_string()),
                fact_id: c.id.clone(),
                episode: c.episode.clone(),
                line: c.line,
                status: c.status.as_str(),
                evidence: c.evidence,
            });
        }
        Ok(out)
    }
}

/// The series of the collected metric facts with two or more dates, by entity id then metric.
pub fn series(claims: &Collector) -> Result<Vec<Series>> {
    type Key = (String, String, Option<String>, Option<String>);
    /// A point while the series are built: its place in time order, its date, its fact.
    struct At {
        day: i64,
        episode: u32,
        line: usize,
        when: u32,
        fact: u32,
    }
    // Episode ids and dates, each once (points compare and count them).
    let mut names: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, u32> = Default::default();
    let mut name = |s: &str| -> u32 {
        if let Some(&i) = index.get(s) {
            return i;
        }
        let i = u32::try_from(names.len()).expect("fewer than 2^32 names");
        names.push(s.to_string());
        index.insert(s.to_string(), i);
        i
    };
    let mut groups: BTreeMap<Key, (Series, Vec<At>)> = BTreeMap::new();
    for (&fact, c) in claims.metric_indices().iter().zip(claims.metrics()) {
        let c = c?;
        let Some((entity, metric, _, when)) = placed(&c) else {
            continue;
        };
        let key = (
            entity.clone(),
            metric.clone(),
            c.unit.clone(),
            c.currency.clone(),
        );
        let (_, points) = groups.entry(key).or_insert_with(|| {
            let s = Series {
                entity_id: entity.clone(),
                entity_name: c.subject_name.clone(),
                metric: metric.clone(),
                unit: c.unit.clone(),
                currency: c.currency.clone(),
                points: Vec::new(),
            };
            (s, Vec::new())
        });
        points.push(At {
            day: date_span(when).map_or(i64::MAX, |d| d.0),
            episode: name(&c.episode),
            line: c.line,
            when: name(when),
            fact,
        });
    }
    let mut out = Vec::new();
    for (mut s, mut points) in groups.into_values() {
        points.sort_by(|a, b| {
            let ep = |p: &At| names[p.episode as usize].as_str();
            (a.day, ep(a), a.line).cmp(&(b.day, ep(b), b.line))
        });
        let mut dates: Vec<u32> = points.iter().map(|p| p.when).collect();
        dates.dedup();
        if dates.len() >= 2 {
            s.points = points.iter().map(|p| p.fact).collect();
            out.push(s);
        }
    }
    Ok(out)
}
