//! `output/report.html` and its episode pages (`output/report/episode/ID.html`):
//! self-contained and escaped.

use crate::support;

use support::*;

const HOSTILE: &str = "<script>alert(1)</script> \"&' <img src=x onerror=alert(2)>";

#[test]
fn transcript_text_is_escaped_and_the_page_is_self_contained() {
    let dir = project();
    let d = dir.path();
    let path = transcript_path(d);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("{HOSTILE}\n"));
    std::fs::write(&path, text).unwrap();
    run(d, "output");
    let data = dataset(d, "output");
    let id = data["episodes"][0]["id"].as_str().unwrap();
    // The index links to the episode's page, which holds its lines and facts.
    let index = std::fs::read_to_string(d.join("output/report.html")).unwrap();
    let page = format!("report/episode/{id}.html");
    assert!(
        index.contains(&format!("href=\"{page}\"")),
        "no link to {page}"
    );
    let html = std::fs::read_to_string(d.join("output").join(&page)).unwrap();

    assert!(
        !html.contains("<script>alert"),
        "raw transcript markup in the page"
    );
    assert!(!html.contains("<img"), "raw transcript markup in the page");
    // Shown, escaped (askama writes numeric entities; the digits are number mentions).
    for escaped in [
        "&#60;script&#62;alert(",
        ")&#60;/script&#62; &#34;&#38;&#39; &#60;img src=x onerror=alert(",
    ] {
        assert!(html.contains(escaped), "missing {escaped:?}");
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    for bad in ["http://", "https://", "//cdn", "src=\"", "@import", "url("] {
        assert!(
            !html.contains(bad),
            "external reference {bad:?} in the page"
        );
    }
    for bad in ["http://", "https://", "//cdn", "src=\"", "@import", "url("] {
        assert!(
            !index.contains(bad),
            "external reference {bad:?} in the index"
        );
    }
    // A legend entry per mention type, and a highlight for each type the episode has.
    for kind in [
        "company", "person", "product", "number", "money", "percent", "date",
    ] {
        // Each a toggle of its highlights.
        assert!(html.contains(&format!(
            "<button type=\"button\" class=\"m m-{kind}\" data-kind=\"{kind}\" aria-pressed=\"true\""
        )));
    }
    let kinds: std::collections::BTreeSet<&str> = data["episodes"][0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["type"].as_str().unwrap())
        .collect();
    for kind in kinds {
        assert!(
            html.contains(&format!("<mark class=\"m m-{kind}\"")),
            "{kind}"
        );
    }
    // Every fact is there with its command and evidence lines.
    for f in facts(&data) {
        let id = f["id"].as_str().unwrap();
        assert!(html.contains(&format!("tfacts audit accept {id}")));
        assert!(html.contains(&format!("tfacts audit reject {id}")));
        // correct, with the fact's fields filled in.
        let at = html
            .find(&format!("tfacts audit correct {id}"))
            .expect("a correct command");
        let correct = &html[at..at + html[at..].find("</code>").unwrap()];
        if let Some(date) = f["date"].as_str() {
            assert!(
                correct.contains(&format!(" --set date={date}")),
                "{correct}"
            );
        }
        if let Some(predicate) = f["metric"].as_str() {
            assert!(
                correct.contains(&format!(" --set metric={predicate}")),
                "{correct}"
            );
        }
        let line = f["evidence"]["line_start"].as_u64().unwrap();
        assert!(html.contains(&format!("id=\"ep-L{line}\"")));
    }
}
