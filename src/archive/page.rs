//! The archive's sections of `report.html`: open conflicts with both evidences side by side,
//! and one small chart per entity and metric (inline SVG, each point a link to its fact).

use std::collections::BTreeSet;

use super::conflicts::{Claim, Conflict};
use super::timeline::Series;
use crate::audit::report::{ArchiveSections, ChartPoint, ChartView, ConflictView, SideView};
use crate::model::number;
use crate::model::time_code;

/// At most this many conflicts and charts on the page (all conflicts are in `conflicts.csv`,
/// every series in `tfacts show`), so the page stays small whatever the archive's size.
pub const MAX_CONFLICTS: usize = 200;
pub const MAX_CHARTS: usize = 200;

const WIDTH: u32 = 360;
const HEIGHT: u32 = 150;
const PAD_LEFT: f64 = 56.0;
const PAD_RIGHT: f64 = 12.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 24.0;

fn side(c: &Claim, shown: &BTreeSet<String>) -> SideView {
    SideView {
        fact_id: c.id.clone(),
        episode: c.episode.clone(),
        line: c.line,
        time: c.start_ms.map(time_code).unwrap_or_default(),
        claim: c.summary(),
        evidence: c.evidence.clone(),
        status: c.status.as_str(),
        href: href(&c.episode, &c.id, shown),
    }
}

fn href(episode: &str, fact_id: &str, shown: &BTreeSet<String>) -> String {
    if shown.contains(episode) {
        format!("#fact-{fact_id}")
    } else {
        String::new()
    }
}

/// The sections, for the episodes `shown` on the page (links go only to facts on it).
pub fn sections(
    conflicts: &[Conflict],
    series: &[Series],
    shown: &BTreeSet<String>,
) -> ArchiveSections {
    let open: Vec<&Conflict> = conflicts.iter().filter(|c| c.is_open()).collect();
    let conflict_views = open
        .iter()
        .take(MAX_CONFLICTS)
        .map(|c| ConflictView {
            id: c.id.clone(),
            predicate: c.predicate.clone(),
            subject: c.subject_name.clone(),
            differs: c.differs.clone(),
            sides: [side(&c.a, shown), side(&c.b, shown)],
        })
        .collect();
    let charts = series
        .iter()
        .take(MAX_CHARTS)
        .enumerate()
        .map(|(i, s)| chart(i, s, shown))
        .collect();
    ArchiveSections {
        conflicts: conflict_views,
        conflicts_left_out: open.len().saturating_sub(MAX_CONFLICTS),
        charts,
        charts_left_out: series.len().saturating_sub(MAX_CHARTS),
        episodes_total: 0,
        facts_total: 0,
    }
}

fn chart(index: usize, s: &Series, shown: &BTreeSet<String>) -> ChartView {
    let mut title = format!("{} · {}", s.entity_name, s.metric);
    if let Some(c) = &s.currency {
        title.push_str(&format!(" ({c})"));
    } else if let Some(u) = &s.unit {
        title.push_str(&format!(" ({u})"));
    }
    // x: the distinct dates, evenly spaced in time order; y: the value, from zero (or the
    // lowest value when it is negative) to the highest.
    let mut dates: Vec<&str> = s.points.iter().map(|p| p.when.as_str()).collect();
    dates.dedup();
    let hi = s.points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
    let lo = s.points.iter().map(|p| p.value).fold(0.0, f64::min);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let plot_w = f64::from(WIDTH) - PAD_LEFT - PAD_RIGHT;
    let plot_h = f64::from(HEIGHT) - PAD_TOP - PAD_BOTTOM;
    let x_of = |when: &str| {
        let i = dates.iter().position(|d| *d == when).unwrap_or(0);
        PAD_LEFT + plot_w * i as f64 / (dates.len().max(2) - 1) as f64
    };
    let y_of = |v: f64| PAD_TOP + plot_h * (1.0 - (v - lo) / span);
    let points: Vec<ChartPoint> = s
        .points
        .iter()
        .map(|p| {
            let mut value = String::new();
            if let Some(q) = p.qualifier.as_deref().filter(|q| *q != "exact") {
                value.push_str(q);
                value.push(' ');
            }
            value.push_str(&number::format(p.value));
            if let Some(m) = p.value_max {
                value.push_str(&format!("..{}", number::format(m)));
            }
            let side = SideView {
                fact_id: p.fact_id.clone(),
                episode: p.episode.clone(),
                line: p.line,
                time: String::new(),
                claim: value.clone(),
                evidence: p.evidence.clone(),
                status: p.status,
                href: href(&p.episode, &p.fact_id, shown),
            };
            ChartPoint {
                x: format!("{:.1}", x_of(&p.when)),
                y: format!("{:.1}", y_of(p.value)),
                when: p.when.clone(),
                value,
                side,
            }
        })
        .collect();
    let line = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let bottom = f64::from(HEIGHT) - 6.0;
    let mut labels = vec![
        ("2".to_string(), format!("{:.1}", y_of(hi) + 3.0), short(hi)),
        ("2".to_string(), format!("{:.1}", y_of(lo) + 3.0), short(lo)),
    ];
    // Date labels under the first and last points, kept inside the chart (about 40px wide).
    for d in [dates.first(), dates.last()].into_iter().flatten() {
        let x = (x_of(d) - 18.0)
            .max(PAD_LEFT - 10.0)
            .min(f64::from(WIDTH) - 42.0);
        labels.push((format!("{x:.1}"), format!("{bottom:.1}"), d.to_string()));
    }
    labels.dedup();
    ChartView {
        anchor: format!("chart{index}"),
        title,
        width: WIDTH,
        height: HEIGHT,
        line,
        points,
        labels,
    }
}

/// A value short enough for an axis label (`36000000` -> `3600万`, `1.2亿`).
fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e8 {
        format!("{}亿", number::format((v / 1e7).round() / 10.0))
    } else if a >= 1e4 {
        format!("{}万", number::format((v / 1e3).round() / 10.0))
    } else {
        number::format((v * 100.0).round() / 100.0)
    }
}
