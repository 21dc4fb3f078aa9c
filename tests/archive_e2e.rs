//! The archive end to end: three episodes written for it (tests/fixtures/archive/) that
//! disagree on 月之暗面's founding month and on Kimi's monthly users in 2024-10, through
//! `tfacts run`, then `tfacts show` (text and JSON), `conflicts.csv`, the count in
//! `tfacts audit status`, a verdict resolving a conflict, the report's sections, and the
//! SQLite export queried with real SQL.

use std::path::Path;
use std::process::{Command, Output};

use rusqlite::Connection;

use crate::support::{copy_dir, repo};

/// A temp project with the three fixture episodes and the repository's dictionaries.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/archive/transcripts"),
        &dir.path().join("transcripts"),
    );
    copy_dir(
        &repo().join("dictionaries"),
        &dir.path().join("dictionaries"),
    );
    dir
}

fn tfacts(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_tfacts"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tfacts {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

fn csv_header(path: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.headers().unwrap().iter().map(str::to_string).collect()
}

fn col(path: &Path, name: &str) -> usize {
    csv_header(path).iter().position(|h| h == name).unwrap()
}

/// The fact id of the first row of facts.csv with these predicate and episode.
fn fact_id(dir: &Path, predicate: &str, episode: &str) -> String {
    let facts = dir.join("output/facts.csv");
    let (p, e, id) = (
        col(&facts, "predicate"),
        col(&facts, "episode"),
        col(&facts, "id"),
    );
    csv_rows(&facts)
        .into_iter()
        .find(|r| &r[p] == predicate && r[e].starts_with(episode))
        .unwrap_or_else(|| panic!("no {predicate} fact in {episode}"))[id]
        .to_string()
}

const EP1: &str = "2024-11-05_moonshot-kimi-growth";
const EP2: &str = "2024-12-20_chatbot-ranking";
const EP3: &str = "2025-02-10_kimi-k1-5";

#[test]
fn the_archive_disagrees_with_itself_and_a_verdict_settles_it() {
    let dir = archive();
    let d = dir.path();
    tfacts(d, &["run"]);

    // conflicts.csv: the founding month and Kimi's 2024-10 users, each once.
    let path = d.join("output/conflicts.csv");
    let rows = csv_rows(&path);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (pred, differs, fa, fb, eva, evb) = (
        col(&path, "predicate"),
        col(&path, "differs"),
        col(&path, "fact_a"),
        col(&path, "fact_b"),
        col(&path, "evidence_a"),
        col(&path, "evidence_b"),
    );
    let founded = rows.iter().find(|r| &r[pred] == "founded").unwrap();
    assert_eq!(&founded[differs], "date: 2023-03 vs 2023-04");
    assert_eq!(founded[fa], fact_id(d, "founded", EP1));
    assert_eq!(founded[fb], fact_id(d, "founded", EP2));
    assert!(founded[eva].contains("2023年3月") && founded[evb].contains("2023年4月"));
    let metric = rows.iter().find(|r| &r[pred] == "metric").unwrap();
    assert_eq!(&metric[differs], "mau: over 36000000 vs about 30000000");
    assert!(metric[eva].contains("3600万") && metric[evb].contains("3000万"));
    // The 2025-01 figure has another as_of: no conflict, a point of the timeline.

    let status = stdout(&tfacts(d, &["audit", "status"]));
    assert!(status.contains("open conflicts: 2 "), "{status}");

    // show, text: every fact of 月之暗面 in time order, the founder and the products.
    let text = stdout(&tfacts(d, &["show", "月之暗面"]));
    assert!(
        text.starts_with("company/moonshot  company  月之暗面\n"),
        "{text}"
    );
    assert!(
        text.contains("founders: 杨植麟 (person/yang-zhilin)"),
        "{text}"
    );
    assert!(text.contains("Kimi (product/kimi)"), "{text}");
    let first = text.find("2023-03").unwrap();
    let second = text.find("2023-04").unwrap();
    assert!(first < second, "not in time order:\n{text}");
    assert!(text.contains(&format!("{EP2} L3")), "{text}");
    // The same entity by id, by an alias, and by a Traditional spelling of its name.
    for q in ["company/moonshot", "Moonshot AI", "月之暗麵"] {
        let other = stdout(&tfacts(d, &["show", q]));
        assert_eq!(other, text, "show {q}");
    }
    // An unknown name says which names are closest.
    let miss = Command::new(env!("CARGO_BIN_EXE_tfacts"))
        .args(["show", "月亮暗面"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(!miss.status.success());
    let err = String::from_utf8_lossy(&miss.stderr);
    assert!(
        err.contains("closest: 月之暗面 (company/moonshot)"),
        "{err}"
    );

    // show --json: one document; Kimi's three monthly-user figures in time order, and its
    // owner's release line.
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&tfacts(d, &["show", "kimi", "--json"]))).unwrap();
    assert_eq!(json["entity"]["id"], "product/kimi");
    assert_eq!(json["entity"]["owner"]["id"], "company/moonshot");
    let whens: Vec<&str> = json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["when"].as_str().unwrap())
        .collect();
    assert_eq!(whens, ["2024-10", "2024-10", "2025-01"]);
    assert_eq!(json["facts"][0]["qualifier"], "over");
    assert_eq!(json["facts"][0]["episode"], EP1);
    assert_eq!(json["facts"][0]["line"], 8);
    assert_eq!(json["facts"][0]["status"], "unreviewed");
    let releases = json["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 1);
    assert_eq!(releases[0]["product"], "Kimi k1.5");
    assert_eq!(releases[0]["date"], "2025-01-20");
    let episodes: Vec<&str> = json["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["episode"].as_str().unwrap())
        .collect();
    assert_eq!(episodes, [EP1, EP2, EP3]);

    // The report: conflicts first on the index, both evidences, linked to their facts on
    // their episodes' pages; Kimi's chart on Kimi's page, linked from the index.
    let html = std::fs::read_to_string(d.join("output/report.html")).unwrap();
    let conflicts_at = html.find("id=\"conflicts\"").unwrap();
    assert!(conflicts_at < html.find("id=\"episodes\"").unwrap());
    assert_eq!(html.matches("class=\"conflict\"").count(), 2);
    let founded = fact_id(d, "founded", EP2);
    assert!(html.contains(&format!(
        "href=\"report/episode/{EP2}.html#fact-{founded}\""
    )));
    let episode =
        std::fs::read_to_string(d.join(format!("output/report/episode/{EP2}.html"))).unwrap();
    assert!(episode.contains(&format!("id=\"fact-{founded}\"")));
    assert!(html.contains("href=\"report/entity/product~2fkimi.html#chart0\">Kimi · mau"));
    let kimi = std::fs::read_to_string(d.join("output/report/entity/product~2fkimi.html")).unwrap();
    assert!(kimi.contains("<svg"));
    assert!(kimi.contains("Kimi · mau"));
    assert_eq!(kimi.matches("<a class=\"point\"").count(), 3);
    assert!(kimi.contains(&format!("href=\"../episode/{EP1}.html#fact-")));

    // A verdict on either fact resolves the conflict: at once in `audit status`, and in
    // conflicts.csv from the next run.
    let wrong = fact_id(d, "founded", EP2);
    tfacts(
        d,
        &[
            "audit",
            "reject",
            &wrong,
            "--reviewer",
            "t",
            "--date",
            "2025-03-01",
        ],
    );
    let status = stdout(&tfacts(d, &["audit", "status"]));
    assert!(status.contains("open conflicts: 1 (1 resolved"), "{status}");
    tfacts(d, &["run"]);
    let rows = csv_rows(&path);
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][pred], "metric");
    let shown = stdout(&tfacts(d, &["show", "月之暗面"]));
    assert!(shown.contains(&format!("rejected  {wrong}")), "{shown}");
}

/// Rows of a query, each as its cells joined with `|` (the sqlite3 shell's list mode).
fn query(db: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = db.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |row| {
        let cells: Vec<String> = (0..n)
            .map(|i| match row.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => String::new(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => {
                    if v.fract() == 0.0 && v.abs() < 1e15 {
                        format!("{v:.1}")
                    } else {
                        v.to_string()
                    }
                }
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
            })
            .collect();
        Ok(cells.join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn count(db: &Connection, table: &str) -> usize {
    query(db, &format!("SELECT COUNT(*) FROM {table}"))[0]
        .parse()
        .unwrap()
}

/// The SQL and expected output blocks of `src/archive/README.md`'s analyst queries: each
/// ```sql block followed by a ```text block.
fn readme_queries() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(repo().join("src/archive/README.md")).unwrap();
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("```sql\n") {
        let after = &rest[at + 7..];
        let end = after.find("```").unwrap();
        let sql = after[..end].trim().to_string();
        let after = &after[end + 3..];
        let t = after.find("```text\n").unwrap();
        let body = &after[t + 8..];
        let e = body.find("```").unwrap();
        let rows = body[..e].lines().map(str::to_string).collect();
        out.push((sql, rows));
        rest = &body[e + 3..];
    }
    out
}

#[test]
fn the_sqlite_export_holds_what_the_csvs_hold() {
    let dir = archive();
    let d = dir.path();
    tfacts(d, &["run"]);
    // One accepted and one corrected fact, so the reviewed view has something to hold.
    let users = fact_id(d, "metric", EP3);
    tfacts(
        d,
        &[
            "audit",
            "accept",
            &users,
            "--reviewer",
            "t",
            "--date",
            "2025-03-01",
        ],
    );
    let founded = fact_id(d, "founded", EP1);
    tfacts(
        d,
        &[
            "audit",
            "correct",
            &founded,
            "--set",
            "date=2023-03",
            "--reviewer",
            "t",
            "--date",
            "2025-03-01",
        ],
    );
    tfacts(d, &["run"]);
    tfacts(d, &["export", "sqlite", "archive.db"]);
    let file = d.join("archive.db");
    let db = Connection::open(&file).unwrap();

    // Row counts equal the CSVs'.
    let out = d.join("output");
    assert_eq!(count(&db, "facts"), csv_rows(&out.join("facts.csv")).len());
    assert_eq!(
        count(&db, "mentions"),
        csv_rows(&out.join("mentions.csv")).len()
    );
    assert_eq!(
        count(&db, "entities"),
        csv_rows(&out.join("entities.csv")).len()
    );
    assert_eq!(count(&db, "episodes"), 3);
    assert_eq!(
        query(&db, "SELECT COUNT(*) FROM conflicts WHERE open = 1")[0],
        csv_rows(&out.join("conflicts.csv")).len().to_string()
    );
    // The corrected founding fact closed one conflict, which stays in the table, closed.
    assert_eq!(count(&db, "conflicts"), 2);
    assert_eq!(count(&db, "verdicts"), 2);

    // Every foreign key holds.
    assert!(query(&db, "PRAGMA foreign_key_check").is_empty());

    // The reviewed view holds what facts.reviewed.csv holds.
    let reviewed = out.join("facts.reviewed.csv");
    let id = col(&reviewed, "id");
    let mut from_csv: Vec<String> = csv_rows(&reviewed)
        .iter()
        .map(|r| r[id].to_string())
        .collect();
    from_csv.sort();
    let from_db = query(&db, "SELECT id FROM facts_reviewed ORDER BY id");
    assert_eq!(from_db, from_csv);
    assert_eq!(from_db.len(), 2);
    assert_eq!(
        query(
            &db,
            &format!("SELECT date FROM facts_reviewed WHERE id = '{founded}'")
        ),
        ["2023-03"]
    );
    // The timeline view: Kimi's three figures in time order.
    assert_eq!(
        query(
            &db,
            "SELECT \"when\", value FROM entity_timeline WHERE entity_id = 'product/kimi'"
        ),
        [
            "2024-10|36000000.0",
            "2024-10|30000000.0",
            "2025-01|50000000.0"
        ]
    );
    drop(db);

    // The same dataset gives the same bytes.
    let first = std::fs::read(&file).unwrap();
    tfacts(d, &["export", "sqlite", "again.db"]);
    assert_eq!(first, std::fs::read(d.join("again.db")).unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_readme_queries_return_what_the_readme_shows() {
    let dir = archive();
    let d = dir.path();
    tfacts(d, &["run"]);
    tfacts(d, &["export", "sqlite", "archive.db"]);
    let db = Connection::open(d.join("archive.db")).unwrap();
    let queries = readme_queries();
    assert_eq!(
        queries.len(),
        3,
        "src/archive/README.md should show three queries"
    );
    for (sql, rows) in queries {
        assert_eq!(query(&db, &sql), rows, "{sql}");
    }
}

#[test]
fn the_report_indexes_every_episode_and_keeps_no_stale_page() {
    let dir = archive();
    let d = dir.path();
    // 48 more small episodes: 51 in all.
    for i in 0..48 {
        let text = format!("今天聊一聊月之暗面\n第{}期就到这里\n", i + 1);
        std::fs::write(
            d.join(format!("transcripts/2025-03-01_short-{i:02}.txt")),
            text,
        )
        .unwrap();
    }
    tfacts(d, &["run"]);
    let html = std::fs::read_to_string(d.join("output/report.html")).unwrap();
    assert_eq!(html.matches("<tr data-episode=").count(), 51);
    assert!(html.contains("51 episodes · 8 facts"), "no totals");
    let pages = |sub: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(d.join("output/report").join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(pages("episode").len(), 51);
    assert!(pages("entity").contains(&"company~2fmoonshot.html".to_string()));
    // Conflicts cover the whole archive, on the index.
    assert_eq!(html.matches("class=\"conflict\"").count(), 2);
    // An episode gone from the transcripts leaves no page behind, and no temporary folder.
    std::fs::remove_file(d.join("transcripts/2025-03-01_short-07.txt")).unwrap();
    tfacts(d, &["run"]);
    let episodes = pages("episode");
    assert_eq!(episodes.len(), 50);
    assert!(!episodes.contains(&"2025-03-01_short-07.html".to_string()));
    let leftovers: Vec<String> = std::fs::read_dir(d.join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
