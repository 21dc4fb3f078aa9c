//! The conflict table on pairs of facts written for it: for each predicate, pairs that
//! contradict each other and pairs that do not, the qualifier cases among them.

use transcript_facts::archive::conflicts::{
    Claim, Collector, Rules, conflicts_csv, date_span, rules,
};
use transcript_facts::audit::Status;
use transcript_facts::model::Qualifier;
use transcript_facts::output::spill::Spill;

/// A fact of `predicate` about `subject`, stated in episode `ep` on line 1.
fn claim(id: &str, ep: &str, predicate: &str, subject: &str) -> Claim {
    Claim {
        episode: ep.into(),
        episode_date: None,
        id: id.into(),
        predicate: predicate.into(),
        subject_id: Some(subject.into()),
        subject_name: subject.rsplit('/').next().unwrap().into(),
        object_id: None,
        object_name: None,
        metric: None,
        value: None,
        value_max: None,
        unit: None,
        currency: None,
        qualifier: None,
        date: None,
        as_of: None,
        round: None,
        forecast: false,
        line: 1,
        start_ms: None,
        evidence: String::new(),
        status: Status::Unreviewed,
    }
}

fn founded(id: &str, company: &str, date: &str) -> Claim {
    Claim {
        date: Some(date.into()),
        ..claim(id, id, "founded", company)
    }
}

fn founder(id: &str, person: &str, company: &str, evidence: &str) -> Claim {
    Claim {
        object_id: Some(company.into()),
        object_name: Some(company.into()),
        evidence: evidence.into(),
        ..claim(id, id, "founder", person)
    }
}

fn mau(id: &str, value: f64, q: Option<Qualifier>, max: Option<f64>, as_of: &str) -> Claim {
    Claim {
        metric: Some("mau".into()),
        value: Some(value),
        value_max: max,
        qualifier: q,
        as_of: Some(as_of.into()),
        ..claim(id, id, "metric", "product/app")
    }
}

fn funding(id: &str, value: f64, currency: &str, round: &str, q: Option<Qualifier>) -> Claim {
    Claim {
        value: Some(value),
        currency: Some(currency.into()),
        round: Some(round.into()),
        qualifier: q,
        ..claim(id, id, "funding", "company/acme")
    }
}

fn conflict(a: &Claim, b: &Claim) -> Option<String> {
    let r = rules();
    let one = r.compare(a, b);
    assert_eq!(one.is_some(), r.compare(b, a).is_some(), "not symmetric");
    one
}

#[test]
fn founding_dates_conflict_only_when_the_periods_do_not_overlap() {
    let c = "company/acme";
    let diff = conflict(&founded("a", c, "2019-06"), &founded("b", c, "2019-07"));
    assert_eq!(diff.as_deref(), Some("date: 2019-06 vs 2019-07"));
    assert!(
        conflict(
            &founded("a", c, "2019-03-05"),
            &founded("b", c, "2019-03-06")
        )
        .is_some()
    );
    assert!(conflict(&founded("a", c, "2019-Q3"), &founded("b", c, "2019-06")).is_some());
    assert!(conflict(&founded("a", c, "2019-06"), &founded("b", c, "2020")).is_some());
    // A coarser date holding the finer one is the same claim, less precisely said.
    assert!(conflict(&founded("a", c, "2019"), &founded("b", c, "2019-06")).is_none());
    assert!(conflict(&founded("a", c, "2019-H1"), &founded("b", c, "2019-03")).is_none());
    assert!(conflict(&founded("a", c, "2019-Q2"), &founded("b", c, "2019-06-30")).is_none());
    assert!(conflict(&founded("a", c, "2019-06"), &founded("b", c, "2019-06")).is_none());
    // Another company, or a fact compared with itself: nothing to compare.
    assert!(
        conflict(
            &founded("a", c, "2019"),
            &founded("b", "company/other", "2021")
        )
        .is_none()
    );
    assert!(conflict(&founded("a", c, "2019"), &founded("a", c, "2021")).is_none());
}

#[test]
fn iso_weeks_are_the_days_they_span() {
    // 2025-W01 runs from Monday 2024-12-30 to Sunday 2025-01-05.
    let w = date_span("2025-W01").unwrap();
    assert_eq!(w.0, date_span("2024-12-30").unwrap().0);
    assert_eq!(w.1, date_span("2025-01-05").unwrap().0);
    assert_eq!(
        date_span("2024-02").unwrap().1,
        date_span("2024-02-29").unwrap().0
    );
    assert!(date_span("2023-02-29").is_none());
    assert!(date_span("2019-13").is_none());
    let c = "company/acme";
    assert!(conflict(&founded("a", c, "2025-W01"), &founded("b", c, "2025-01-03")).is_none());
    assert!(conflict(&founded("a", c, "2025-W01"), &founded("b", c, "2025-01-08")).is_some());
}

#[test]
fn a_second_founder_conflicts_only_with_one_said_to_be_the_only_one() {
    let c = "company/acme";
    let alone = founder("a", "person/zhang", c, "这家公司是张三一个人创办的");
    let alone_other_words = founder("c", "person/zhang", c, "他当年独自创立了这家公司");
    let plain = founder("b", "person/li", c, "李四是创始人");
    let co = founder("d", "person/wang", c, "王五也是联合创始人");
    assert!(conflict(&alone, &plain).is_some());
    assert!(conflict(&alone_other_words, &co).is_some());
    // Two founders without a word of being alone are co-founders.
    assert!(conflict(&plain, &co).is_none());
    // The same person said twice is no conflict, however it is said.
    assert!(conflict(&alone, &alone_other_words).is_none());
    // Another company.
    let elsewhere = founder("e", "person/li", "company/other", "李四是创始人");
    assert!(conflict(&alone, &elsewhere).is_none());
    // The cue is found in Traditional script and across a space too.
    let traditional = founder("f", "person/zhao", c, "這家公司是他一個人 創辦的");
    assert!(conflict(&traditional, &plain).is_some());
}

#[test]
fn metric_values_conflict_when_no_qualifier_reconciles_them() {
    use Qualifier::*;
    let m = "2024-10";
    // 超过 3600 万 and 约 3000 万: at least 36M against 25.5M..34.5M.
    let diff = conflict(
        &mau("a", 36e6, Some(Over), None, m),
        &mau("b", 30e6, Some(About), None, m),
    );
    assert_eq!(
        diff.as_deref(),
        Some("mau: over 36000000 vs about 30000000")
    );
    // 约 3000 万 and 3300 万: within what 约 allows.
    assert!(
        conflict(
            &mau("a", 30e6, Some(About), None, m),
            &mau("b", 33e6, None, None, m)
        )
        .is_none()
    );
    // Two plain figures: rounding is allowed, a real difference is not.
    assert!(
        conflict(
            &mau("a", 36e6, None, None, m),
            &mau("b", 36.5e6, Some(Exact), None, m)
        )
        .is_none()
    );
    assert!(
        conflict(
            &mau("a", 36e6, None, None, m),
            &mau("b", 30e6, None, None, m)
        )
        .is_some()
    );
    // 超过 3600 万 and 5000 万: more than 36M may well be 50M.
    assert!(
        conflict(
            &mau("a", 36e6, Some(Over), None, m),
            &mau("b", 50e6, None, None, m)
        )
        .is_none()
    );
    // 不到 3000 万 against 超过 3600 万.
    assert!(
        conflict(
            &mau("a", 30e6, Some(Under), None, m),
            &mau("b", 36e6, Some(Over), None, m)
        )
        .is_some()
    );
    // 接近 3000 万 is a little under it: 2900 万 fits, 3100 万 does not.
    assert!(
        conflict(
            &mau("a", 30e6, Some(Near), None, m),
            &mau("b", 29e6, None, None, m)
        )
        .is_none()
    );
    assert!(
        conflict(
            &mau("a", 30e6, Some(Near), None, m),
            &mau("b", 31e6, None, None, m)
        )
        .is_some()
    );
    // 3000 多万 (30M..40M) holds 3500 万, not 4500 万: the upper word bounds it.
    assert!(
        conflict(
            &mau("a", 30e6, Some(Over), Some(40e6), m),
            &mau("b", 35e6, None, None, m)
        )
        .is_none()
    );
    assert!(
        conflict(
            &mau("a", 30e6, Some(Over), Some(40e6), m),
            &mau("b", 45e6, None, None, m)
        )
        .is_some()
    );
    // 2000 到 3000 万 against 4500 万.
    assert!(
        conflict(
            &mau("a", 20e6, Some(Range), Some(30e6), m),
            &mau("b", 45e6, None, None, m)
        )
        .is_some()
    );
    assert!(
        conflict(
            &mau("a", 20e6, Some(Range), Some(30e6), m),
            &mau("b", 25e6, Some(About), None, m)
        )
        .is_none()
    );
}

#[test]
fn metric_values_are_compared_only_at_one_as_of_metric_unit_and_kind() {
    let a = mau("a", 36e6, None, None, "2024-10");
    // Another month is a timeline, not a conflict.
    assert!(conflict(&a, &mau("b", 50e6, None, None, "2025-01")).is_none());
    // Without as_of two episodes' "now" may differ: not compared.
    let no_date = Claim {
        as_of: None,
        ..mau("b", 10e6, None, None, "x")
    };
    assert!(
        conflict(
            &Claim {
                as_of: None,
                ..a.clone()
            },
            &no_date
        )
        .is_none()
    );
    // Another metric, another unit, an expectation against an achieved figure.
    let dau = Claim {
        metric: Some("dau".into()),
        ..mau("c", 5e6, None, None, "2024-10")
    };
    assert!(conflict(&a, &dau).is_none());
    let other_unit = Claim {
        unit: Some("台".into()),
        ..mau("d", 5e6, None, None, "2024-10")
    };
    assert!(conflict(&a, &other_unit).is_none());
    let forecast = Claim {
        forecast: true,
        ..mau("e", 80e6, None, None, "2024-10")
    };
    assert!(conflict(&a, &forecast).is_none());
    // Another entity.
    let other = Claim {
        subject_id: Some("product/other".into()),
        ..mau("f", 1e6, None, None, "2024-10")
    };
    assert!(conflict(&a, &other).is_none());
}

#[test]
fn funding_rounds_conflict_on_different_amounts() {
    use Qualifier::*;
    let b10 = funding("a", 1e9, "USD", "B", None);
    assert_eq!(
        conflict(&b10, &funding("b", 6e8, "USD", "B", None)).as_deref(),
        Some("amount: 1000000000 USD vs 600000000 USD")
    );
    // 约 10 亿 and 9.5 亿: the same round, roughly said.
    assert!(
        conflict(
            &funding("c", 1e9, "USD", "B", Some(About)),
            &funding("d", 9.5e8, "USD", "B", None)
        )
        .is_none()
    );
    // 超过 10 亿 and 12 亿.
    assert!(
        conflict(
            &funding("c", 1e9, "USD", "B", Some(Over)),
            &funding("d", 1.2e9, "USD", "B", None)
        )
        .is_none()
    );
    // Another round, another currency (no exchange rates here): not compared.
    assert!(conflict(&b10, &funding("e", 6e8, "USD", "C", None)).is_none());
    assert!(conflict(&b10, &funding("f", 7e9, "CNY", "B", None)).is_none());
    // A round that is not named is not compared.
    let unnamed = Claim {
        round: None,
        ..funding("g", 6e8, "USD", "x", None)
    };
    assert!(
        conflict(
            &Claim {
                round: None,
                ..b10.clone()
            },
            &unnamed
        )
        .is_none()
    );
}

#[test]
fn a_verdict_on_either_fact_resolves_a_conflict() {
    let episode = |id: &str, date: &str, status: Status| {
        let mut c = founded(id, "company/acme", date);
        c.status = status;
        c
    };
    for (sa, sb, open) in [
        (Status::Unreviewed, Status::Unreviewed, true),
        (Status::Accepted, Status::Unreviewed, true),
        (Status::Stale, Status::Accepted, true),
        (Status::Rejected, Status::Unreviewed, false),
        (Status::Unreviewed, Status::Corrected, false),
    ] {
        let a = episode("a1", "2019-06", sa);
        let b = episode("b1", "2019-07", sb);
        let found = collect(&[a, b]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].is_open(), open, "{sa:?} {sb:?}");
        let csv = String::from_utf8(conflicts_csv(&found).unwrap()).unwrap();
        assert_eq!(csv.lines().count(), if open { 2 } else { 1 }, "{csv}");
    }
}

/// The conflicts among claims, through the same code a run uses.
fn collect(claims: &[Claim]) -> Vec<transcript_facts::archive::conflicts::Conflict> {
    use transcript_facts::model::{EpisodeDoc, Fact};
    // Its claims in a scratch file, as in a run.
    let dir = tempfile::tempdir().unwrap();
    let spill = Spill::create(dir.path().join("claims")).unwrap();
    let mut collector = Collector::spilled(spill);
    for c in claims {
        // Built from JSON, as a dataset is read, so fields added to the model later default.
        let mut fact: Fact = serde_json::from_value(serde_json::json!({
            "id": c.id, "predicate": c.predicate,
            "subject": {"entity_id": c.subject_id, "name": c.subject_name},
            "object": null, "metric": c.metric, "value": c.value, "value_max": c.value_max,
            "unit": c.unit, "currency": c.currency, "qualifier": c.qualifier, "date": c.date,
            "as_of": c.as_of, "round": c.round, "forecast": c.forecast,
            "evidence": {"line_start": 1, "line_end": 1, "text": c.evidence},
            "confidence": 0.9, "rule": "test"
        }))
        .unwrap();
        fact.audit.status = c.status;
        let mut ep: EpisodeDoc = serde_json::from_value(serde_json::json!({
            "id": c.episode, "source": "", "title": null, "reference_date": null, "lines": 1,
            "mentions": [], "facts": []
        }))
        .unwrap();
        ep.facts.push(fact);
        collector.add_episode(&ep).unwrap();
    }
    let all = collector.conflicts().unwrap();
    // What a run lists: the open ones, read back a batch at a time; the same rows.
    let open = collector.open_conflicts().unwrap();
    let mut streamed = Vec::new();
    open.write_csv(|bytes| {
        streamed.extend_from_slice(bytes);
        Ok(())
    })
    .unwrap();
    assert_eq!(streamed, conflicts_csv(&all).unwrap());
    let listed: Vec<_> = all.iter().filter(|c| c.is_open()).cloned().collect();
    assert_eq!(open.first(usize::MAX).unwrap(), listed);
    assert_eq!(open.len(), listed.len());
    all
}

#[test]
fn each_conflict_is_listed_once_with_a_stable_id() {
    let c = "company/acme";
    let found = collect(&[
        founded("x1", c, "2019-06"),
        founded("x2", c, "2019-07"),
        founded("x3", c, "2019"),
    ]);
    // 2019 holds both months: one conflict, between the two months.
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].a.id.as_str(), found[0].b.id.as_str()),
        ("x1", "x2")
    );
    let again = collect(&[founded("x2", c, "2019-07"), founded("x1", c, "2019-06")]);
    assert_eq!(again[0].id, found[0].id);
}

#[test]
fn the_tables_parse_and_bad_rows_name_their_line() {
    // The compiled-in tables load.
    assert!(rules().compares("founded") && rules().compares("metric"));
    assert!(!rules().compares("renamed"));
    let q = "qualifier,below,above,example\nexact,0.02,0.02,x\n";
    let err = Rules::parse(
        "predicate,same,compare,example\nfounded,subjekt,date,x\n",
        q,
        "",
    )
    .unwrap_err();
    assert!(
        err.contains("rules.csv:2") && err.contains("subjekt"),
        "{err}"
    );
    let err = Rules::parse(
        "predicate,same,compare,example\nfounded,subject,dates,x\n",
        q,
        "",
    )
    .unwrap_err();
    assert!(
        err.contains("rules.csv:2") && err.contains("dates"),
        "{err}"
    );
    let bad_q = "qualifier,below,above,example\n# c\nexact,2,0.02,x\n";
    let err = Rules::parse("predicate,same,compare,example\n", bad_q, "").unwrap_err();
    assert!(err.contains("qualifiers.csv:3"), "{err}");
}

#[test]
fn a_statement_repeated_across_episodes_is_one_row_against_the_first_it_contradicts() {
    let c = "company/acme";
    let at = |id: &str, ep: &str, date: &str| Claim {
        episode: ep.into(),
        ..founded(id, c, date)
    };
    let found = collect(&[
        at("a", "ep1", "2019-06"),
        at("b", "ep2", "2019-06"),
        at("c", "ep3", "2019-07"),
        at("d", "ep4", "2019-07"),
    ]);
    // c and d say the same: each is listed once, against a (the first said), never against
    // the repeat b, and d is not set against c.
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.a.id.as_str(), f.b.id.as_str()))
        .collect();
    assert_eq!(pairs, [("a", "c"), ("a", "d")]);
}

#[test]
fn a_verdict_on_the_first_statement_brings_up_the_next_open_pair() {
    let c = "company/acme";
    let at = |id: &str, ep: &str, date: &str, status: Status| Claim {
        episode: ep.into(),
        status,
        ..founded(id, c, date)
    };
    let found = collect(&[
        at("a", "ep1", "2019-06", Status::Rejected),
        at("b", "ep2", "2019-07", Status::Unreviewed),
        at("c", "ep3", "2019-08", Status::Unreviewed),
    ]);
    let open: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.is_open())
        .map(|f| (f.a.id.as_str(), f.b.id.as_str()))
        .collect();
    // b stands alone once a is rejected (its row is kept, resolved); c still contradicts b.
    assert_eq!(open, [("b", "c")]);
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .any(|f| (f.a.id.as_str(), f.b.id.as_str()) == ("a", "b") && !f.is_open())
    );
}

#[test]
fn conflicts_grow_with_the_archive_not_with_its_square() {
    // One figure said in 600 episodes with 60 different values, each far from the others:
    // pairwise that is ~176,000 contradicting pairs; listed once per statement it is one row
    // for each statement after the first.
    let claims: Vec<Claim> = (0..600)
        .map(|i| Claim {
            episode: format!("ep{i:04}"),
            ..mau(
                &format!("f{i:04}"),
                1e6 * f64::from(1 + i % 60),
                None,
                None,
                "2024-10",
            )
        })
        .collect();
    let found = collect(&claims);
    assert_eq!(found.len(), 599);
    let mut later: Vec<&str> = found.iter().map(|f| f.b.id.as_str()).collect();
    later.sort_unstable();
    later.dedup();
    assert_eq!(later.len(), found.len(), "each statement is listed once");
    // Each against the first statement it contradicts: the first one said, or for the
    // repeats of the first value, the second.
    for f in &found {
        let first_value = f.b.value == Some(1e6);
        assert_eq!(
            f.a.id,
            if first_value { "f0001" } else { "f0000" },
            "{}",
            f.b.id
        );
    }
}
