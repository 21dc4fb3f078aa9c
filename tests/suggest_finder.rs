//! The per-line candidate finder (`suggest::CandidateFinder`) and the `suggest` command.

use crate::support;

use std::sync::LazyLock;

use support::Project;
use transcript_facts::Annotator;
use transcript_facts::model::MentionKind;
use transcript_facts::normalize::NormalizedLine;
use transcript_facts::suggest::{Candidate, LineInput, Signal};

static ANNOTATOR: LazyLock<Annotator> =
    LazyLock::new(|| Annotator::load(&support::repo().join("dictionaries")).unwrap());

/// The candidates of one line, with the recognizer's spans taken and, when `tagged`, jieba's
/// part-of-speech tags.
fn candidates(line: &str, tagged: bool) -> Vec<Candidate> {
    let a = &*ANNOTATOR;
    let norm = NormalizedLine::new(line);
    let tags = a.segmenter.tag(&norm.text);
    let word_ends: Vec<usize> = tags.iter().map(|t| t.end).collect();
    let mut matches = Vec::new();
    a.entities.find(
        &norm.text,
        &word_ends,
        &mut Default::default(),
        &mut matches,
    );
    let taken: Vec<(usize, usize)> = matches.iter().map(|m| (m.start, m.end)).collect();
    let mut out = Vec::new();
    a.candidates.find(
        &LineInput {
            text: &norm.text,
            word_ends: &word_ends,
            tags: tagged.then_some(tags.as_slice()),
            taken: &taken,
            common: None,
            named: &[],
            after_title: false,
            after_org_noun: false,
        },
        &mut out,
    );
    out
}

fn names(line: &str) -> Vec<(String, MentionKind)> {
    candidates(line, false)
        .into_iter()
        .map(|c| (c.name, c.kind))
        .collect()
}

use MentionKind::{Company, Person, Product};

#[test]
fn latin_product_names_and_not_generic_words() {
    assert_eq!(
        names("他们的Lumora 2.0上线了"),
        [("Lumora 2.0".into(), Product)]
    );
    assert_eq!(
        names("爱诗科技的ZenVerse也不错"),
        [("ZenVerse".into(), Product)]
    );
    assert_eq!(
        names("还有一家叫Halo AI的公司"),
        [("Halo AI".into(), Company)]
    );
    assert_eq!(names("新模型Nimbus-2发布"), [("Nimbus-2".into(), Product)]);
    // Generic words, numbers with units, English phrases and known names are not proposed.
    assert!(names("AI Agent和API还有GPU 都是 MoE 架构 7B 128K").is_empty());
    assert!(names("愿景是Intelligence with Everyone").is_empty());
    assert!(names("Qwen3和o3-mini还有DeepSeek").is_empty());
}

#[test]
fn family_versions_are_not_proposed() {
    // Qwen3.5 is not in the catalogue but its family knows its shape.
    assert!(names("阿里发布了Qwen3.5").is_empty());
    assert!(names("GLM-4.7和Kimi K3").is_empty());
}

#[test]
fn people_after_titles_and_organisations_before_them() {
    assert_eq!(names("创始人林知远说"), [("林知远".into(), Person)]);
    assert_eq!(
        names("联合创始人兼CEO Jordan Pike表示"),
        [("Jordan Pike".into(), Person)]
    );
    let found = names("云岫科技的CEO苏以宁");
    assert!(found.contains(&("苏以宁".into(), Person)), "{found:?}");
    assert!(found.contains(&("云岫科技".into(), Company)), "{found:?}");
    // Known people are not proposed; a title without a name gives nothing.
    assert!(names("智谱的CEO张鹏").is_empty());
    assert!(names("他们的创始人也在").is_empty());
}

#[test]
fn quoted_and_named_things() {
    assert_eq!(names("他们的产品叫“灵境”"), [("灵境".into(), Product)]);
    assert_eq!(
        names("最近有一家叫知行星图的公司"),
        [("知行星图".into(), Company)]
    );
    // A quoted slogan is not a name.
    assert!(names("怀揣着“让机器像人一样思考”的愿景").is_empty());
}

#[test]
fn offsets_are_chars_of_the_normalized_line() {
    let line = "字节ＣＥＯ　Ｊｏｒｄａｎ Ｐｉｋｅ说";
    let c = &candidates(line, false)[0];
    let norm = NormalizedLine::new(line).text;
    let at: String = norm.chars().skip(c.start).take(c.end - c.start).collect();
    assert_eq!(at, c.name);
    assert_eq!(c.signal, Signal::Title);
}

#[test]
fn tags_add_names_only_when_given() {
    let line = "我和欧阳明远聊过";
    let untagged = candidates(line, false);
    let tagged = candidates(line, true);
    assert!(untagged.is_empty(), "{untagged:?}");
    assert!(tagged.iter().all(|c| c.signal == Signal::Pos), "{tagged:?}");
}

#[test]
fn suggest_lists_unknown_names_with_rows_to_paste() {
    let p = Project::new();
    let ep = support::repo().join("tests/fixtures/episodes/2025-03-14_big-tech-models.txt");
    let out = p.tfacts(&["suggest", ep.to_str().unwrap(), "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| &r[5] == name)
            .unwrap_or_else(|| panic!("{name} not proposed:\n{text}"))
            .clone()
    };
    let company = row("云岫科技");
    assert_eq!(&company[0], "3");
    assert_eq!(&company[4], "company");
    assert!(company[3].starts_with("company/xin-"));
    assert!(company[2].contains("2025-03-14_big-tech-models.txt:124"));
    let person = row("Ethan Marlowe");
    assert_eq!(&person[3], "person/ethan-marlowe");
    // Count descending, then name.
    let counts: Vec<usize> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    // Nothing the catalogue has.
    assert!(rows.iter().all(|r| &r[5] != "豆包" && &r[5] != "Anthropic"));

    let out = p.tfacts(&["suggest", ep.to_str().unwrap(), "--min-count", "2"]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("云岫科技") && !table.contains("Lumora"),
        "{table}"
    );
}
