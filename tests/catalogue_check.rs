//! `tfacts check` on the real catalogue and on a broken copy of it.

use crate::support;

use support::Project;

#[test]
fn the_catalogue_has_no_errors() {
    let p = Project::new();
    let out = p.tfacts(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let summary = text.lines().last().unwrap();
    assert!(summary.starts_with("checked "), "{summary}");
    assert!(summary.contains(" 0 errors"), "{summary}");
    // Ordinary words are warned about, with how often jieba sees them.
    assert!(
        text.contains("name \"苹果\" of company/apple is an ordinary word (jieba frequency"),
        "{text}"
    );
}

#[test]
fn every_problem_is_reported_at_once_and_the_exit_code_is_1() {
    let p = Project::new();
    let dict = p.path().join("dictionaries");
    let companies = dict.join("entities/companies.csv");
    let mut text = std::fs::read_to_string(&companies).unwrap();
    text.push_str("company/zhipu,company,智谱二号,,,\n");
    text.push_str("company/fake-co,company,假公司,月之暗面,,\n");
    std::fs::write(&companies, text).unwrap();
    let products = dict.join("entities/products.csv");
    let mut text = std::fs::read_to_string(&products).unwrap();
    text.push_str("product/orphan,product,无主产品,,,\n");
    std::fs::write(&products, text).unwrap();
    let families = dict.join("families.csv");
    let mut text = std::fs::read_to_string(&families).unwrap();
    text.push_str("broken,company/zhipu,brk,brk(\\d,brk1\n");
    text.push_str("nobody,company/nobody,nb,nb\\d,nb1\n");
    text.push_str("bare,company/zhipu,bare,bare\\d*,bare1\n");
    std::fs::write(&families, text).unwrap();

    let out = p.tfacts(&["check", "--quiet"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    for expected in [
        "duplicate id company/zhipu",
        "alias \"月之暗面\" of company/fake-co is already claimed by company/moonshot",
        "product product/orphan has no owner",
        "version_pattern of family broken does not compile",
        "owner company/nobody of family nobody is not in the catalogue",
    ] {
        assert!(
            report.contains(expected),
            "{expected} missing from:\n{report}"
        );
    }
    assert!(report.contains(" 5 errors"), "{report}");
    assert!(
        report.contains("family bare matches the bare prefix \"bare\""),
        "{report}"
    );
    assert!(!report.contains("info:"), "{report}");
    // `run` still stops on the first of them.
    assert!(!p.tfacts(&["run"]).status.success());
}

/// The catalogue covers the channel's whole field, not only AI start-ups: a floor per type,
/// so rows cannot be lost unnoticed.
#[test]
fn the_catalogue_keeps_its_size_per_type() {
    use transcript_facts::dictionary::Catalogue;
    use transcript_facts::model::MentionKind;

    let catalogue = Catalogue::load_dir(&support::repo().join("dictionaries")).unwrap();
    let count = |kind| {
        catalogue
            .entities()
            .iter()
            .filter(|e| e.kind == kind)
            .count()
    };
    let (companies, people, products) = (
        count(MentionKind::Company),
        count(MentionKind::Person),
        count(MentionKind::Product),
    );
    assert!(companies >= 600, "{companies} organisations");
    assert!(people >= 400, "{people} people");
    assert!(products >= 900, "{products} products");
}

/// A product's owner and a person's or organisation's affiliation are organisations, never a
/// product or a person (the loader only checks that the id exists).
#[test]
fn owners_and_affiliations_are_organisations() {
    use transcript_facts::dictionary::Catalogue;
    use transcript_facts::model::MentionKind;

    let catalogue = Catalogue::load_dir(&support::repo().join("dictionaries")).unwrap();
    let mut wrong = Vec::new();
    for e in catalogue.entities() {
        for target in [&e.owner, &e.affiliation].into_iter().flatten() {
            let kind = catalogue.get(target).map(|t| t.kind);
            if kind != Some(MentionKind::Company) {
                wrong.push(format!("{} -> {target} ({kind:?})", e.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Each field is reachable by the names both scripts use: mainland and Taiwan spellings of
/// one organisation, person or product resolve to the same row.
#[test]
fn names_in_both_scripts_reach_the_same_row() {
    use transcript_facts::dictionary::Catalogue;

    let catalogue = Catalogue::load_dir(&support::repo().join("dictionaries")).unwrap();
    for (mainland, taiwan, id) in [
        ("英伟达", "輝達", "company/nvidia"),
        ("联发科", "聯發科", "company/mediatek"),
        ("台积电", "台積電", "company/tsmc"),
        ("德州仪器", "德儀", "company/texas-instruments"),
        ("梅赛德斯-奔驰", "賓士", "company/mercedes-benz"),
        ("大众汽车", "福斯汽車", "company/volkswagen"),
        ("泡泡玛特", "泡泡瑪特", "company/pop-mart"),
        ("深创投", "深創投", "company/scgc"),
        ("国家集成电路产业投资基金", "大基金", "company/big-fund"),
        ("乔布斯", "賈伯斯", "person/steve-jobs"),
        ("扎克伯格", "祖克柏", "person/mark-zuckerberg"),
        ("奥特曼", "阿特曼", "person/sam-altman"),
        ("汪滔", "Frank Wang", "person/frank-wang"),
        ("问界M9", "問界M9", "product/aito-m9"),
        ("骁龙", "驍龍", "product/snapdragon"),
        ("黑神话：悟空", "黑神話悟空", "product/black-myth-wukong"),
    ] {
        for name in [mainland, taiwan] {
            let found = catalogue.lookup(name).map(|e| e.id.as_str());
            assert_eq!(found, Some(id), "{name}");
        }
    }
}
