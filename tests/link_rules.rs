//! The linker on sentences written for these tests (not taken from any episode), in the
//! channel's style: one clause a line, no sentence punctuation, subjects dropped or referred
//! to by pronouns. Each test names the way of speaking it covers.

use std::sync::LazyLock;

use transcript_facts::Annotator;
use transcript_facts::model::{EpisodeDoc, Fact};

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| {
    Annotator::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries")).unwrap()
});

fn facts(text: &str) -> EpisodeDoc {
    ANNOTATOR.annotate_text("test", text, Some("2025-03-01"))
}

fn find<'a>(
    doc: &'a EpisodeDoc,
    predicate: &str,
    subject: &str,
    object: Option<&str>,
) -> Option<&'a Fact> {
    doc.facts.iter().find(|f| {
        f.predicate == predicate
            && f.subject.name == subject
            && f.object.as_ref().map(|o| o.name.as_str()) == object
    })
}

fn show(doc: &EpisodeDoc) -> String {
    doc.facts
        .iter()
        .map(|f| {
            format!(
                "{}({} -> {:?}) date={:?} value={:?} metric={:?} rule={}",
                f.predicate,
                f.subject.name,
                f.object.as_ref().map(|o| &o.name),
                f.date,
                f.value,
                f.metric,
                f.rule
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn founded_with_date_in_the_same_line() {
    let doc = facts("百度成立于 2000 年 1 月\n总部在北京");
    let f = find(&doc, "founded", "百度", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.date.as_deref(), Some("2000-01"));
    assert_eq!((f.evidence.line_start, f.evidence.line_end), (1, 1));
}

#[test]
fn founder_named_after_the_title() {
    let doc = facts("说到字节跳动的创始人张一鸣\n大家都不陌生");
    assert!(
        find(&doc, "founder", "张一鸣", Some("字节跳动")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn founder_and_founding_date_through_a_pronoun_and_a_dropped_subject() {
    let doc = facts(
        "再来看梁文锋\n他早年做的是量化投资\n后来看到了大模型的机会\n在 2023 年 7 月创办了深度求索",
    );
    let founder = find(&doc, "founder", "梁文锋", Some("DeepSeek"))
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(
        (founder.evidence.line_start, founder.evidence.line_end),
        (2, 4)
    );
    assert!(
        founder.confidence < 0.9,
        "resolved through a pronoun: {}",
        founder.confidence
    );
    let founded =
        find(&doc, "founded", "DeepSeek", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(founded.date.as_deref(), Some("2023-07"));
}

#[test]
fn release_by_a_pronoun_subject_with_its_date() {
    let doc = facts("快手这两年在视频生成上投入很大\n它在 2024 年 6 月推出了可灵");
    let f =
        find(&doc, "released", "快手", Some("可灵")).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.date.as_deref(), Some("2024-06"));
}

#[test]
fn release_date_from_the_line_that_sets_the_time() {
    let doc = facts("在 2023 年 3 月的一场活动上\n百度正式发布了文心一言");
    let f = find(&doc, "released", "百度", Some("文心一言"))
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.date.as_deref(), Some("2023-03"));
    assert_eq!(f.evidence.line_start, 1);
}

#[test]
fn a_person_presenting_a_product_stands_for_their_company() {
    let doc = facts("李彦宏在现场演示了文心一言的新功能");
    assert!(
        find(&doc, "released", "百度", Some("文心一言")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn the_topic_changes_with_a_new_subject() {
    let doc = facts("MiniMax 发布了海螺AI\n而另一边的快手\n也推出了可灵");
    assert!(
        find(&doc, "released", "快手", Some("可灵")).is_some(),
        "{}",
        show(&doc)
    );
    assert!(
        find(&doc, "released", "MiniMax", Some("可灵")).is_none(),
        "{}",
        show(&doc)
    );
}

#[test]
fn possession_names_the_owner() {
    let doc = facts("其他公司比如快手的可灵也在快速迭代");
    assert!(
        find(&doc, "released", "快手", Some("可灵")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn comparisons_are_not_releases() {
    let doc = facts("MiniMax 研发出的新模型可以比肩 Claude 3.5 Sonnet");
    assert!(
        doc.facts.iter().all(|f| f.predicate != "released"),
        "{}",
        show(&doc)
    );
}

#[test]
fn negations_and_hedges_are_not_facts() {
    let doc = facts("百度并没有发布文心一言的海外版\n据说快手可能会推出可灵的新版本");
    assert!(doc.facts.is_empty(), "{}", show(&doc));
}

#[test]
fn products_of_another_company_named_in_passing_are_not_released() {
    let doc = facts("百度发布了新的搜索功能\n可以直接调用 Claude 3.5 Sonnet");
    assert!(
        find(&doc, "released", "百度", Some("Claude 3.5 Sonnet")).is_none(),
        "{}",
        show(&doc)
    );
}

#[test]
fn renamed_from_the_product_in_topic() {
    let doc = facts("谷歌最早的聊天机器人叫 Bard\n后来更名为 Gemini");
    assert!(
        find(&doc, "renamed", "Bard", Some("Gemini")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn funding_with_a_spaced_round() {
    let doc = facts("智谱在去年完成了 C 轮融资");
    let f = find(&doc, "funding", "智谱", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.round.as_deref(), Some("C"));
}

#[test]
fn metric_with_qualifier_and_the_subject_of_the_line() {
    let doc = facts("可灵的用户已经超过了 6000 万");
    let f = find(&doc, "metric", "可灵", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.metric.as_deref(), Some("users"));
    assert_eq!(f.value, Some(60_000_000.0));
}

#[test]
fn a_metric_word_in_the_line_before_the_number() {
    let doc = facts("快手可灵在全球的累计下载次数\n已经接近 2000 万");
    let f = doc
        .facts
        .iter()
        .find(|f| f.predicate == "metric")
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.metric.as_deref(), Some("downloads"));
    assert_eq!((f.evidence.line_start, f.evidence.line_end), (1, 2));
}

#[test]
fn the_same_fact_twice_is_one_fact_with_both_places() {
    let doc = facts(
        "快手在 2024 年 6 月推出了可灵\n中间隔了几句话\n还有别的内容\n快手的可灵表现也很亮眼",
    );
    let all: Vec<_> = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "released")
        .collect();
    assert_eq!(all.len(), 1, "{}", show(&doc));
    assert_eq!(all[0].evidence.also.len(), 1);
    assert_eq!(all[0].evidence.also[0].line_start, 4);
}

#[test]
fn fact_ids_do_not_depend_on_line_numbers() {
    let a = facts("百度成立于 2000 年 1 月");
    let b = facts("开场白\n另一句\n百度成立于 2000 年 1 月");
    assert_eq!(a.facts[0].id, b.facts[0].id);
}

#[test]
fn a_clause_running_on_past_the_line_break() {
    let doc = facts(
        "百度在 2023 年 3 月发布了\n文心一言 引起了很多讨论\n说到字节跳动的创始人\n张一鸣 早年做过今日头条",
    );
    let f = find(&doc, "released", "百度", Some("文心一言"))
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!((f.evidence.line_start, f.evidence.line_end), (1, 2));
    assert_eq!(f.date.as_deref(), Some("2023-03"));
    assert!(
        find(&doc, "founder", "张一鸣", Some("字节跳动")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn founders_named_between_the_company_and_the_verb() {
    let doc = facts("Anthropic 由达里奥·阿莫迪和丹妮拉·阿莫迪在 2021 年共同创立");
    let founded =
        find(&doc, "founded", "Anthropic", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(founded.date.as_deref(), Some("2021"));
    let founders: Vec<_> = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "founder")
        .collect();
    assert_eq!(founders.len(), 2, "{}", show(&doc));
}

#[test]
fn founder_title_after_the_company_in_the_same_clause() {
    let doc = facts("DeepSeek 成立于 2023 年 创始人是梁文锋");
    assert!(
        find(&doc, "founder", "梁文锋", Some("DeepSeek")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn a_product_as_the_subject_of_its_release_belongs_to_the_company_in_topic() {
    let doc = facts("再说百度\n百度在搜索上积累很深\n文心一言是 2023 年 3 月上线的");
    let f = find(&doc, "released", "百度", Some("文心一言"))
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.date.as_deref(), Some("2023-03"));
    // Another company's product as the subject is no fact of the topic company.
    let doc = facts("再说百度\nChatGPT 是 2022 年 11 月上线的");
    assert!(
        doc.facts.iter().all(|f| f.predicate != "released"),
        "{}",
        show(&doc)
    );
}

#[test]
fn passive_founding_by_people_of_the_company_in_topic() {
    let doc = facts("再来看看百度\n2000年由李彦宏和徐勇共同创立");
    let founded = find(&doc, "founded", "百度", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(founded.date.as_deref(), Some("2000"));
    assert!(
        find(&doc, "founder", "李彦宏", Some("百度")).is_some(),
        "{}",
        show(&doc)
    );
}

#[test]
fn every_founder_coordinated_after_the_title() {
    let doc = facts("OpenAI 的联合创始人包括山姆·奥特曼和伊利亚·苏茨克维");
    let n = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "founder")
        .count();
    assert!(n == 0 || n == 2, "{}", show(&doc));
    let doc = facts("说到 Anthropic\n创始人是 Dario Amodei 和 Daniela Amodei");
    let n = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "founder")
        .count();
    assert_eq!(n, 2, "{}", show(&doc));
}

#[test]
fn a_line_opening_with_its_verb_keeps_the_time_of_the_line_before() {
    let doc = facts("2024 年 9 月的时候快手调整了团队\n推出了可灵1.5");
    let f = doc
        .facts
        .iter()
        .find(|f| f.predicate == "released")
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.date.as_deref(), Some("2024-09"));
}

#[test]
fn numbers_of_a_product_released_the_line_before_are_about_it() {
    let doc = facts("今年2月快手推出了可灵的海外版\n上线三周下载量就超过了200万");
    let f = doc
        .facts
        .iter()
        .find(|f| f.predicate == "metric")
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.subject.name, "可灵");
    assert_eq!(
        f.value,
        Some(2_000_000.0),
        "a span of weeks is not the downloads"
    );
}

#[test]
fn a_company_in_a_place_phrase_neither_owns_nor_becomes_the_topic() {
    let doc = facts("字节跳动在火山引擎的大会上\n宣布了新的计划\n在苹果的 App Store 上排名第一");
    assert!(
        doc.facts.iter().all(|f| f.predicate != "released"),
        "{}",
        show(&doc)
    );
}

#[test]
fn facts_about_names_the_catalogue_lacks_are_kept_unlinked() {
    // 澜图智能 and 周慕言 are made up for this test: no catalogue has them.
    let doc = facts(
        "最近有一家叫澜图智能的公司\n澜图智能成立于 2024 年 5 月\n创始人周慕言之前在百度做搜索\n他们的首款产品叫“听澜”",
    );
    let founded =
        find(&doc, "founded", "澜图智能", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(founded.subject.entity_id, None);
    assert_eq!(founded.date.as_deref(), Some("2024-05"));
    assert!(
        find(&doc, "founder", "周慕言", Some("澜图智能")).is_some(),
        "{}",
        show(&doc)
    );
    // The unlinked names a fact uses are mentions too, with no entity id.
    let unlinked: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| m.kind.is_entity() && m.entity_id.is_none())
        .collect();
    assert!(
        unlinked.iter().any(|m| m.text == "澜图智能" && m.line == 2),
        "{unlinked:?}"
    );
    // No fact goes to the company in topic instead.
    assert!(
        find(&doc, "founded", "百度", None).is_none(),
        "{}",
        show(&doc)
    );
}

#[test]
fn a_name_after_an_origin_verb_is_not_the_subject() {
    // 清华大学 is where the team comes from, not who released anything.
    let doc = facts(
        "生数科技是一家做视频生成的公司\n创始团队主要来自清华大学\n他们在去年4月发布了视频大模型Vidu",
    );
    let f = find(&doc, "released", "生数科技", Some("Vidu"))
        .unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.date.as_deref(), Some("2024-04"));
}

#[test]
fn a_funding_amount_on_the_next_line_and_a_lead_investor_that_is_not_the_topic() {
    let doc = facts(
        "我们再来看看智谱\n今年2月它完成了新一轮融资\n金额超过10亿元人民币\n由阿里领投\n投后估值达到了200亿元",
    );
    let f = find(&doc, "funding", "智谱", None).unwrap_or_else(|| panic!("{}", show(&doc)));
    assert_eq!(f.value, Some(1_000_000_000.0));
    assert_eq!(f.date.as_deref(), Some("2025-02"));
    let v = doc
        .facts
        .iter()
        .find(|f| f.metric.as_deref() == Some("valuation"));
    assert_eq!(
        v.map(|f| f.subject.name.as_str()),
        Some("智谱"),
        "{}",
        show(&doc)
    );
}

#[test]
fn founders_stated_with_a_copula_or_leaving_one_company_for_another() {
    let doc =
        facts("雷军是小米的创始人\n伊利亚·苏茨克维是OpenAI的联合创始人\n后来他离开OpenAI创办了SSI");
    assert!(
        find(&doc, "founder", "雷军", Some("小米")).is_some(),
        "{}",
        show(&doc)
    );
    let ilya: Vec<_> = doc
        .facts
        .iter()
        .filter(|f| f.predicate == "founder" && f.subject.name == "Ilya Sutskever")
        .filter_map(|f| f.object.as_ref().map(|o| o.name.as_str()))
        .collect();
    assert_eq!(ilya, ["OpenAI", "SSI"], "{}", show(&doc));
    // A CEO is not a founder.
    let doc = facts("Anthropic的CEO是达里奥·阿莫迪");
    assert!(doc.facts.is_empty(), "{}", show(&doc));
}

/// Every rule's examples (in `src/link/rules/*.rs`), run against the tests' own small
/// catalogue (`tests/fixtures/link_rules/`): a row added to the project's catalogue never
/// changes a rule test.
mod examples {
    use std::sync::LazyLock;

    use transcript_facts::Annotator;
    use transcript_facts::link::rules::{self, Rule};
    use transcript_facts::model::Fact;

    static TEST_ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/link_rules");
        Annotator::load(&dir).unwrap()
    });

    /// `predicate(subject -> object) key=value ...` against one fact.
    fn matches(spec: &str, f: &Fact) -> bool {
        let open = spec.find('(').expect("predicate(");
        let close = spec.find(')').expect(")");
        let (predicate, args) = (&spec[..open], &spec[open + 1..close]);
        let (subject, object) = match args.split_once(" -> ") {
            Some((s, o)) => (s, Some(o)),
            None => (args, None),
        };
        if f.predicate != predicate
            || f.subject.name != subject
            || object.is_some_and(|o| f.object.as_ref().is_none_or(|fo| fo.name != o))
        {
            return false;
        }
        spec[close + 1..].split_whitespace().all(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            let got = match k {
                "date" => f.date.clone(),
                "as_of" => f.as_of.clone(),
                "metric" => f.metric.clone(),
                "value" => f.value.map(|x| x.to_string()),
                "unit" => f.unit.clone(),
                "currency" => f.currency.clone(),
                "qualifier" => f.qualifier.map(|q| q.as_str().to_string()),
                "round" => f.round.clone(),
                "forecast" => Some(f.forecast.to_string()),
                other => panic!("unknown attribute {other} in {spec}"),
            };
            got.as_deref() == Some(v)
        })
    }

    fn show(f: &Fact) -> String {
        format!(
            "{}({} -> {:?}) date={:?} as_of={:?} metric={:?} value={:?} unit={:?} currency={:?} qualifier={:?} round={:?} forecast={} rule={}",
            f.predicate,
            f.subject.name,
            f.object.as_ref().map(|o| &o.name),
            f.date,
            f.as_of,
            f.metric,
            f.value,
            f.unit,
            f.currency,
            f.qualifier,
            f.round,
            f.forecast,
            f.rule
        )
    }

    fn run(table: &[Rule]) {
        assert!(!table.is_empty());
        let mut failures = Vec::new();
        for rule in table {
            assert!(
                rule.examples.iter().any(|e| !e.gives.is_empty())
                    && rule.examples.iter().any(|e| !e.not.is_empty()),
                "{:?} needs a positive and a negative example",
                rule.id
            );
            for ex in rule.examples {
                let doc = TEST_ANNOTATOR.annotate_text("example", ex.text, Some("2025-03-01"));
                let got = || {
                    doc.facts
                        .iter()
                        .map(show)
                        .collect::<Vec<_>>()
                        .join("\n    ")
                };
                for spec in ex.gives {
                    if !doc.facts.iter().any(|f| matches(spec, f)) {
                        failures.push(format!(
                            "{:?}: {:?} should give {spec}; got\n    {}",
                            rule.id,
                            ex.text,
                            got()
                        ));
                    }
                }
                for spec in ex.not {
                    if doc.facts.iter().any(|f| matches(spec, f)) {
                        failures.push(format!(
                            "{:?}: {:?} must not give {spec}; got\n    {}",
                            rule.id,
                            ex.text,
                            got()
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// One test a predicate's table.
    macro_rules! rule_examples {
        ($($module:ident),* $(,)?) => {
            $(
                #[test]
                fn $module() {
                    run(rules::$module::RULES);
                }
            )*

            #[test]
            fn every_table_is_tested() {
                let tested = [$(rules::$module::RULES.len()),*].iter().sum::<usize>();
                assert_eq!(tested, rules::all().count());
            }
        };
    }

    rule_examples!(founded, founder, released, renamed, funding, metric);
}
