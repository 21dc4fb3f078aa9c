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
