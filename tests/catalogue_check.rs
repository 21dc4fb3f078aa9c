//! `tfacts check` on the real catalogue and on a broken copy of it.

mod common;

use common::Project;

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
