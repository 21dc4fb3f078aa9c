//! Model families (`dictionaries/families.csv`) through the real recognizer: versions the
//! catalogue lists resolve to it, the others become products of the family's owner.

use crate::support;

use std::sync::LazyLock;

use transcript_facts::Annotator;
use transcript_facts::model::{EpisodeDoc, SourceLine, Transcript};

static ANNOTATOR: LazyLock<Annotator> =
    LazyLock::new(|| Annotator::load(&support::repo().join("dictionaries")).unwrap());

fn annotate(lines: &[&str]) -> EpisodeDoc {
    let transcript = Transcript {
        id: "families".into(),
        source: "families.txt".into(),
        meta: Default::default(),
        reference_date: Some("2025-03-14".into()),
        encoding: "UTF-8".into(),
        sha256: String::new(),
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, t)| SourceLine {
                number: i + 1,
                text: t.to_string(),
                start_ms: None,
                end_ms: None,
            })
            .collect(),
        line_count: lines.len(),
    };
    ANNOTATOR.annotate(&transcript)
}

/// (text, entity id) of the entity mentions of one line.
/// The catalogue and family names of a line (names the catalogue lacks, found by their
/// shape, are not what these tests are about).
fn entities(line: &str) -> Vec<(String, String)> {
    annotate(&[line])
        .mentions
        .into_iter()
        .filter(|m| m.kind.is_entity() && m.entity_id.is_some())
        .map(|m| (m.text, m.entity_id.unwrap_or_default()))
        .collect()
}

fn one(line: &str, text: &str) -> String {
    let found = entities(line);
    found
        .iter()
        .find(|(t, _)| t == text)
        .unwrap_or_else(|| panic!("{text:?} not found whole in {line:?}: {found:?}"))
        .1
        .clone()
}

#[test]
fn catalogued_versions_resolve_to_the_catalogue() {
    for (line, text, id) in [
        ("智谱发布了GLM-4.5", "GLM-4.5", "product/glm-4-5"),
        ("还有GLM-4-Plus", "GLM-4-Plus", "product/glm-4-plus"),
        (
            "阿里的Qwen2.5-72B很强",
            "Qwen2.5-72B",
            "product/qwen2-5-72b",
        ),
        ("视觉模型Qwen2.5-VL", "Qwen2.5-VL", "product/qwen2-5-vl"),
        ("阶跃的Step-3", "Step-3", "product/step-3"),
        ("多模态的Step-1V", "Step-1V", "product/step-1v"),
        ("月之暗面的Kimi K2", "Kimi K2", "product/kimi-k2"),
        ("之前的Kimi k1.5", "Kimi k1.5", "product/kimi-k1-5"),
        ("MiniMax-M1开源了", "MiniMax-M1", "product/minimax-m1"),
        ("早期的abab6.5s", "abab6.5s", "product/abab-6-5s"),
        ("DeepSeek-V3的成本", "DeepSeek-V3", "product/deepseek-v3"),
        ("Baichuan-7B是开源的", "Baichuan-7B", "product/baichuan-7b"),
        ("零一的Yi-34B", "Yi-34B", "product/yi-34b"),
        (
            "Meta的Llama 3.1 405B",
            "Llama 3.1 405B",
            "product/llama-3-1-405b",
        ),
        ("GPT-4o mini很便宜", "GPT-4o mini", "product/gpt-4o-mini"),
        (
            "Claude 3.5 Sonnet写代码",
            "Claude 3.5 Sonnet",
            "product/claude-3-5-sonnet",
        ),
        (
            "谷歌的Gemini 2.0 Flash",
            "Gemini 2.0 Flash",
            "product/gemini-2-0-flash",
        ),
        (
            "百度的ERNIE 4.0 Turbo",
            "ERNIE 4.0 Turbo",
            "product/ernie-4-turbo",
        ),
    ] {
        assert_eq!(one(line, text), id, "{line}");
    }
}

#[test]
fn uncatalogued_versions_are_products_of_the_family_owner() {
    for (line, text, id) in [
        ("智谱的GLM-4.7发布", "GLM-4.7", "product/glm:glm4.7"),
        (
            "DeepSeek-R1-Lite预览版",
            "DeepSeek-R1-Lite",
            "product/deepseek:deepseekr1lite",
        ),
        (
            "Baichuan2-13B也开源了",
            "Baichuan2-13B",
            "product/baichuan:baichuan213b",
        ),
        (
            "Qwen2.5-VL-32B上线",
            "Qwen2.5-VL-32B",
            "product/qwen:qwen2.5vl32b",
        ),
        (
            "Llama 3.1 70B版本",
            "Llama 3.1 70B",
            "product/llama:llama3.170b",
        ),
        ("GPT-4.1 mini发布", "GPT-4.1 mini", "product/gpt:gpt4.1mini"),
        (
            "o3-mini-high的分数",
            "o3-mini-high",
            "product/o-series:o3minihigh",
        ),
        (
            "百度发布文心4.5 Turbo",
            "文心4.5 Turbo",
            "product/wenxin:文心4.5turbo",
        ),
        ("然后豆包1.6出来了", "豆包1.6", "product/doubao:豆包1.6"),
        ("快手的可灵2.5", "可灵2.5", "product/kling:可灵2.5"),
        (
            "Claude Opus 4.2",
            "Claude Opus 4.2",
            "product/claude:claudeopus4.2",
        ),
        (
            "Gemini 2.5 Flash-Lite",
            "Gemini 2.5 Flash-Lite",
            "product/gemini:gemini2.5flashlite",
        ),
    ] {
        assert_eq!(one(line, text), id, "{line}");
    }
}

#[test]
fn a_family_version_keeps_its_full_name_and_owner_in_the_dataset() {
    let doc = annotate(&["智谱的GLM-4.7发布", "后来 glm 4.7 又更新了"]);
    let names: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| m.entity_id.as_deref() == Some("product/glm:glm4.7"))
        .map(|m| m.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["GLM-4.7", "glm 4.7"]);
    let catalogue = ANNOTATOR.dataset_catalogue(&[doc]);
    let e = catalogue.get("product/glm:glm4.7").unwrap();
    assert_eq!(e.name, "GLM-4.7");
    assert_eq!(e.owner.as_deref(), Some("company/zhipu"));
}

#[test]
fn families_respect_word_boundaries_and_counts() {
    // A version never starts or ends inside a Latin word.
    assert!(entities("型号XGLM-4.5x").is_empty());
    // `DeepSeek 的 R1` stays two names.
    let found = entities("DeepSeek 的 R1 很火");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["DeepSeek", "R1"]);
    // Digits before a counting unit are a quantity, not a version.
    let found = entities("豆包2024年的日活");
    assert_eq!(found, [("豆包".to_string(), "product/doubao".to_string())]);
    // Only versioned names: the bare family name is the catalogue's.
    assert_eq!(one("腾讯的混元大模型", "混元大模型"), "product/hunyuan");
}

#[test]
fn the_longest_name_wins_between_catalogue_and_family() {
    assert_eq!(one("用GPT-4o mini做", "GPT-4o mini"), "product/gpt-4o-mini");
    assert_eq!(one("用GPT-4o做", "GPT-4o"), "product/gpt-4o");
    assert_eq!(
        one("Kimi K2 Thinking发布", "Kimi K2 Thinking"),
        "product/kimi-k2-thinking"
    );
}

#[test]
fn every_family_example_is_a_product_of_its_owner() {
    let families = ANNOTATOR.entities.families();
    assert!(families.len() >= 38, "{}", families.len());
    for f in families.families() {
        let line = format!("今天 {} 发布了", f.example);
        let doc = annotate(&[&line]);
        let m = doc
            .mentions
            .iter()
            .find(|m| m.text == f.example)
            .unwrap_or_else(|| {
                panic!(
                    "{} ({}) not found whole: {:?}",
                    f.example, f.id, doc.mentions
                )
            });
        assert_eq!(m.kind.as_str(), "product", "{}", f.example);
        let id = m.entity_id.as_deref().unwrap();
        let owner = match ANNOTATOR.catalogue.get(id) {
            Some(e) => e.owner.clone(),
            None => families
                .family_of_id(id)
                .map(|i| families.families()[i].owner.clone()),
        };
        assert_eq!(
            owner.as_deref(),
            Some(f.owner.as_str()),
            "{} -> {id}",
            f.example
        );
    }
}
