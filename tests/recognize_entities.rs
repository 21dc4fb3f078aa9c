//! Entity recognition through the whole front of the pipeline (normalization, jieba, matcher).

use std::sync::LazyLock;

use transcript_facts::Annotator;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| {
    Annotator::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries")).unwrap()
});

fn entity_ids(text: &str) -> Vec<String> {
    ANNOTATOR
        .annotate_text("t", text, None)
        .mentions
        .into_iter()
        .filter_map(|m| m.entity_id)
        .collect()
}

/// Regression: OpenCC's t2s writes 昇腾 as 升腾, so a name must be matched in the converted
/// form the line is matched in, in Simplified and Traditional text alike.
#[test]
fn names_that_t2s_rewrites_are_still_found() {
    assert_eq!(
        entity_ids("华为的昇腾芯片"),
        ["company/huawei", "product/ascend"]
    );
    assert_eq!(
        entity_ids("華為的昇騰晶片"),
        ["company/huawei", "product/ascend"]
    );
}

#[test]
fn traditional_names_keep_their_original_text() {
    let doc = ANNOTATOR.annotate_text("t", "字節跳動推出了豆包", None);
    let texts: Vec<_> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"字節跳動"), "{texts:?}");
}

/// A greeting before a word for the audience is never a name, even one the catalogue has
/// (哈啰, the bike-sharing company); the company said as such stays one.
#[test]
fn greetings_are_no_names() {
    for line in [
        "哈啰大家好 今天聊聊单车",
        "哈喽 各位 欢迎回来",
        "哈囉，朋友們好",
    ] {
        assert!(
            !entity_ids(line).contains(&"company/hellobike".to_string()),
            "{line}: {:?}",
            entity_ids(line)
        );
    }
    assert_eq!(entity_ids("哈啰今年又融了一轮"), ["company/hellobike"]);
}

/// A number said without a money word that a fact reads as an amount becomes money, in the
/// currency the talk uses (`亏了 3000 多万` after yuan amounts: CNY; after 新台币: TWD).
#[test]
fn a_loss_in_wan_without_yuan_is_money() {
    let doc = ANNOTATOR.annotate_text(
        "t",
        "星河科技去年营收新台币 3 亿元\n不过还是亏了 3000 多万",
        Some("2025-03-01"),
    );
    let m = doc
        .mentions
        .iter()
        .find(|m| m.text == "3000 多万")
        .expect("the loss is a value");
    assert_eq!(m.kind.as_str(), "money");
    assert_eq!(m.currency.as_deref(), Some("TWD"));
    let loss = doc
        .facts
        .iter()
        .find(|f| f.metric.as_deref() == Some("profit"))
        .expect("a profit fact");
    assert_eq!(loss.value, Some(-30_000_000.0));
    assert_eq!(loss.currency.as_deref(), Some("TWD"));
}

/// A model's name after the kind of thing released and a space is a product; a phrase after
/// the space that is no model's name (no numeral and 号) is not, nor an ordinal.
#[test]
fn a_model_after_the_kind_of_thing_released() {
    let products = |text: &str| -> Vec<String> {
        ANNOTATOR
            .annotate_text("t", text, None)
            .mentions
            .into_iter()
            .filter(|m| m.kind.as_str() == "product")
            .map(|m| m.text)
            .collect()
    };
    assert_eq!(
        products("星河科技推出了新一代储能柜 青松二号"),
        ["青松二号"]
    );
    assert_eq!(
        products("云岫科技去年发布了新款无人机 云雀3号"),
        ["云雀3号"]
    );
    assert!(products("星河科技推出了储能柜 价格更低").is_empty());
    assert!(products("星河科技推出了新品 第二号").is_empty());
}
