//! The archive's parts of the report: the index's open conflicts (both evidences side by
//! side), its episode and entity tables and timelines index, and one page per entity (its
//! facts across episodes in time order and one small chart per metric: inline SVG, each
//! point a link to its fact on its episode's page).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::conflicts::{Claim, Collector, OpenConflicts, date_span, status_code, status_of};
use super::timeline::{Point, Series};
use crate::audit::report::{
    ArchiveSections, ChartPoint, ChartView, ConflictView, EntityFact, EntityRow, EntityView,
    EpisodeRow, MAX_INDEX_ROWS, SideView, page_file,
};
use crate::error::Result;
use crate::model::{EpisodeDoc, number, time_code};
use crate::output::spill::{Place, Reader, Record, Spill};

/// At most this many conflicts and timeline links on the index (all conflicts are in
/// `conflicts.csv`, every series in `tfacts show`), so the page stays small whatever the
/// archive's size.
pub const MAX_CONFLICTS: usize = 200;
pub const MAX_CHARTS: usize = 1000;
/// At most this many facts and charts on an entity's page.
pub const MAX_ENTITY_FACTS: usize = 500;
pub const MAX_ENTITY_CHARTS: usize = 50;

const WIDTH: u32 = 360;
const HEIGHT: u32 = 150;
const PAD_LEFT: f64 = 56.0;
const PAD_RIGHT: f64 = 12.0;
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 24.0;

fn side(c: &Claim) -> SideView {
    SideView {
        fact_id: c.id.clone(),
        episode: c.episode.clone(),
        line: c.line,
        time: c.start_ms.map(time_code).unwrap_or_default(),
        claim: c.summary(),
        evidence: c.evidence.clone(),
        status: c.status.as_str(),
        href: href(&c.episode, &c.id),
    }
}

/// A fact on its episode's page, from the `report/` folder.
fn href(episode: &str, fact_id: &str) -> String {
    format!("episode/{}#fact-{fact_id}", page_file(episode))
}

/// The index's sections: the open conflicts, the timelines' index, the episodes (each with
/// its count of open conflicts) and the entities with the most facts.
pub fn sections(
    open: &OpenConflicts,
    series: &[Series],
    mut episodes: Vec<EpisodeRow>,
    entities: &Entities,
) -> Result<ArchiveSections> {
    let per_episode = open.per_episode();
    for e in &mut episodes {
        e.conflicts = per_episode.get(e.id.as_str()).copied().unwrap_or(0);
    }
    let conflict_views = open
        .first(MAX_CONFLICTS)?
        .iter()
        .map(|c| ConflictView {
            id: c.id.clone(),
            predicate: c.predicate.clone(),
            subject: c.subject_name.clone(),
            differs: c.differs.clone(),
            sides: [side(&c.a), side(&c.b)],
        })
        .collect();
    let chart_links = anchors(series)
        .take(MAX_CHARTS)
        .map(|(s, anchor)| {
            let href = format!("entity/{}#{anchor}", page_file(&s.entity_id));
            (href, title(s))
        })
        .collect();
    let mut rows = entities.rows();
    // The entities with the most facts first (then by id), so a cap drops the least said.
    rows.sort_by(|a, b| (b.facts, &a.id).cmp(&(a.facts, &b.id)));
    let episodes_total = episodes.len();
    let entities_total = rows.len();
    episodes.truncate(MAX_INDEX_ROWS);
    rows.truncate(MAX_INDEX_ROWS);
    Ok(ArchiveSections {
        conflicts: conflict_views,
        conflicts_left_out: open.len().saturating_sub(MAX_CONFLICTS),
        chart_links,
        charts_left_out: series.len().saturating_sub(MAX_CHARTS),
        episodes_left_out: episodes_total - episodes.len(),
        episodes,
        entities_left_out: entities_total - rows.len(),
        entities: rows,
        episodes_total,
        facts_total: 0,
        unreviewed_total: 0,
    })
}

/// Each series with its chart's anchor on its entity's page (`chart0`, `chart1`… per entity).
fn anchors(series: &[Series]) -> impl Iterator<Item = (&Series, String)> {
    let mut last: Option<&str> = None;
    let mut n = 0;
    series.iter().map(move |s| {
        if last == Some(s.entity_id.as_str()) {
            n += 1;
        } else {
            n = 0;
            last = Some(s.entity_id.as_str());
        }
        (s, format!("chart{n}"))
    })
}

/// The facts of the whole archive per entity (as subject or object), a few fields each, for
/// the entity pages and the index's entity table. Each entity keeps only the facts its page
/// shows (the first `MAX_ENTITY_FACTS` in time order) and counts the rest, so what a run
/// holds grows with the catalogue, not with the archive; and it holds each as its place in
/// time order and its row's place in a [`Spill`] (a file in the run's staging folder), the
/// rows being read back as each page is rendered.
pub struct Entities {
    by_id: BTreeMap<String, Entity>,
    /// Each kept fact's row once, however many entities keep it.
    rows: Spill,
    record: Record,
}

impl Default for Entities {
    fn default() -> Self {
        Self::spilled(Spill::memory())
    }
}

/// A fact kept for a page, ordered by its place on the page: the first day of its `when`,
/// then its episode, line and id (`rank`: the id's place among its episode's fact ids).
struct Kept {
    day: i64,
    episode: Arc<String>,
    line: u32,
    rank: u32,
    row: Place,
}

impl Kept {
    fn place(&self) -> (i64, &str, u32, u32) {
        (self.day, &self.episode, self.line, self.rank)
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.place() == other.place()
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.place().cmp(&other.place())
    }
}

struct Entity {
    name: String,
    /// Episodes naming it in a fact (each episode is added once).
    episodes: usize,
    last_episode: String,
    facts_total: usize,
    /// The first `MAX_ENTITY_FACTS` by place; the top of the heap is the last of them.
    facts: std::collections::BinaryHeap<Kept>,
}

impl Entities {
    /// Entities keeping their pages' rows in `rows` (a run: a file in its staging folder).
    pub fn spilled(rows: Spill) -> Self {
        Entities {
            by_id: BTreeMap::new(),
            rows,
            record: Record::default(),
        }
    }

    pub fn add_episode(&mut self, ep: &EpisodeDoc) -> Result<()> {
        let episode = Arc::new(ep.id.clone());
        let mut fact_ids: Vec<&str> = ep.facts.iter().map(|f| f.id.as_str()).collect();
        fact_ids.sort_unstable();
        fact_ids.dedup();
        for f in &ep.facts {
            let when = f
                .date
                .as_ref()
                .or(f.as_of.as_ref())
                .or(ep.reference_date.as_ref());
            let day = when.and_then(|w| date_span(w)).map_or(i64::MAX, |d| d.0);
            let line = u32::try_from(f.evidence.line_start).unwrap_or(u32::MAX);
            let rank = fact_ids.partition_point(|id| *id < f.id.as_str()) as u32;
            let sides = [Some(&f.subject), f.object.as_ref()];
            let mut ids: Vec<(&str, &str)> = sides
                .into_iter()
                .flatten()
                .filter_map(|r| r.entity_id.as_deref().map(|id| (id, r.name.as_str())))
                .collect();
            ids.dedup_by_key(|(id, _)| *id);
            // The fact's row, spilled when the first entity keeps it.
            let mut row = None;
            for (id, name) in ids {
                if !self.by_id.contains_key(id) {
                    let e = Entity {
                        name: name.to_string(),
                        episodes: 0,
                        last_episode: String::new(),
                        facts_total: 0,
                        facts: Default::default(),
                    };
                    self.by_id.insert(id.to_string(), e);
                }
                let Some(e) = self.by_id.get_mut(id) else {
                    continue;
                };
                if e.last_episode != ep.id {
                    e.episodes += 1;
                    e.last_episode.clone_from(&ep.id);
                }
                e.facts_total += 1;
                let place = (day, ep.id.as_str(), line, rank);
                let full = e.facts.len() >= MAX_ENTITY_FACTS;
                if full && e.facts.peek().is_some_and(|last| last.place() <= place) {
                    continue;
                }
                let row = match row {
                    Some(at) => at,
                    None => {
                        write_row(&mut self.record, ep, f, when);
                        let at = self.rows.append(&self.record)?;
                        row = Some(at);
                        at
                    }
                };
                e.facts.push(Kept {
                    day,
                    episode: episode.clone(),
                    line,
                    rank,
                    row,
                });
                if full {
                    e.facts.pop();
                }
            }
        }
        Ok(())
    }

    fn rows(&self) -> Vec<EntityRow> {
        self.by_id
            .iter()
            .map(|(id, e)| EntityRow {
                id: id.clone(),
                name: e.name.clone(),
                kind: kind(id),
                href: format!("entity/{}", page_file(id)),
                facts: e.facts_total,
                episodes: e.episodes,
            })
            .collect()
    }

    /// Each entity's page: (file name under `report/entity/`, view), in id order, one at a
    /// time (a page's rows are read back, and its view and charts built, as it is rendered,
    /// and only the charts it shows); `claims`: the collector `series` were made from.
    pub fn pages<'s>(
        self,
        series: &'s [Series],
        claims: &'s Collector,
    ) -> impl Iterator<Item = Result<(String, EntityView)>> + 's {
        let mut by_entity: BTreeMap<&str, Vec<(&Series, String)>> = BTreeMap::new();
        for (s, anchor) in anchors(series) {
            by_entity
                .entry(s.entity_id.as_str())
                .or_default()
                .push((s, anchor));
        }
        let Entities { by_id, rows, .. } = self;
        let mut buf = Vec::new();
        by_id.into_iter().map(move |(id, e)| {
            let facts_total = e.facts_total;
            let mine = by_entity.remove(id.as_str()).unwrap_or_default();
            let charts_total = mine.len();
            let charts = mine
                .into_iter()
                .take(MAX_ENTITY_CHARTS)
                .map(|(s, anchor)| Ok(chart(anchor, s, &s.points(claims)?)))
                .collect::<Result<Vec<ChartView>>>()?;
            let facts = e
                .facts
                .into_sorted_vec()
                .into_iter()
                .map(|k| {
                    rows.read(k.row, &mut buf)?;
                    read_row(&buf)
                })
                .collect::<Result<Vec<EntityFact>>>()?;
            let view = EntityView {
                kind: kind(&id),
                name: e.name,
                facts,
                facts_total,
                facts_left_out: facts_total.saturating_sub(MAX_ENTITY_FACTS),
                charts,
                charts_left_out: charts_total.saturating_sub(MAX_ENTITY_CHARTS),
                id,
            };
            Ok((page_file(&view.id), view))
        })
    }
}

/// One fact's row on an entity's page, as a spilled record (read back by [`read_row`]).
fn write_row(r: &mut Record, ep: &EpisodeDoc, f: &crate::model::Fact, when: Option<&String>) {
    let claim = crate::audit::fact_attributes(f)
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    r.clear()
        .str(when.map_or("", String::as_str))
        .str(&f.predicate)
        .str(&f.subject.name)
        .str(f.object.as_ref().map_or("", |o| o.name.as_str()))
        .str(&claim)
        .u8(status_code(f.audit.status))
        .str(&f.id)
        .str(&ep.id)
        .u64(f.evidence.line_start as u64)
        .str(&f.evidence.text);
}

fn read_row(bytes: &[u8]) -> Result<EntityFact> {
    let mut r = Reader::new(bytes);
    Ok(EntityFact {
        when: r.string()?,
        predicate: r.string()?,
        subject: r.string()?,
        object: r.string()?,
        claim: r.string()?,
        status: status_of(r.u8()?)?.as_str(),
        fact_id: r.string()?,
        episode: r.string()?,
        line: r.u64()? as usize,
        evidence: r.string()?,
    })
}

/// An entity's type: its id's first part (`company/moonshot` -> `company`).
fn kind(id: &str) -> String {
    id.split_once('/').map_or("", |(k, _)| k).to_string()
}

fn title(s: &Series) -> String {
    let mut title = format!("{} · {}", s.entity_name, s.metric);
    if let Some(c) = &s.currency {
        title.push_str(&format!(" ({c})"));
    } else if let Some(u) = &s.unit {
        title.push_str(&format!(" ({u})"));
    }
    title
}

fn chart(anchor: String, s: &Series, points: &[Point]) -> ChartView {
    let title = title(s);
    // x: the distinct dates, evenly spaced in time order; y: the value, from zero (or the
    // lowest value when it is negative) to the highest.
    let mut dates: Vec<&str> = points.iter().map(|p| p.when.as_str()).collect();
    dates.dedup();
    let hi = points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
    let lo = points.iter().map(|p| p.value).fold(0.0, f64::min);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let plot_w = f64::from(WIDTH) - PAD_LEFT - PAD_RIGHT;
    let plot_h = f64::from(HEIGHT) - PAD_TOP - PAD_BOTTOM;
    let x_of = |when: &str| {
        let i = dates.iter().position(|d| *d == when).unwrap_or(0);
        PAD_LEFT + plot_w * i as f64 / (dates.len().max(2) - 1) as f64
    };
    let y_of = |v: f64| PAD_TOP + plot_h * (1.0 - (v - lo) / span);
    let points: Vec<ChartPoint> = points
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
                href: href(&p.episode, &p.fact_id),
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
        entity_id: s.entity_id.clone(),
        anchor,
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
