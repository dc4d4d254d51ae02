//! Search: the browser's analyser (themes/default/static/search/) turns
//! words into the same terms as the build's, and queries typed the ways
//! people type them find what they should, in both languages, through the
//! very scripts the search page runs (in Node, on a built fixture).

mod common;

use std::path::Path;

use common::{build_ok, node, root};
use serde_json::{json, Value};

/// Every word of the demo site's and the fixture's texts, and forms that
/// exercise each folding rule.
fn word_list() -> Vec<String> {
    let mut words: Vec<String> = [
        "أإآٱ",
        "ٱلمياه",
        "مستشفى",
        "المدرسة",
        "مُوَاطِنٌ",
        "مـــاء",
        "٢٠٢٦",
        "۲۰۲۶",
        "ﻻ",
        "ﷲ",
        "أماناً",
        "امانًا",
        "والمواطنين",
        "فالمواطنين",
        "بالمدارس",
        "كالمعتاد",
        "للمواطنين",
        "وبالمدارس",
        "حافلات",
        "ات",
        "نبات",
        "ی",
        "کتاب",
        "İstanbul",
        "Straße",
        "ﬁnance",
        "Permits",
        "running",
        "generously",
        "the",
        "في",
        "w",
        "١",
        "x".repeat(41).as_str(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for dir in ["content", "tests/sites/search/content"] {
        for e in walkdir::WalkDir::new(root().join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "md" || x == "toml")
            })
        {
            let text = std::fs::read_to_string(e.path()).unwrap();
            words.extend(sablah::search::normalize::words(&text));
        }
    }
    words.sort();
    words.dedup();
    words
}

#[test]
fn the_browser_makes_the_same_terms_as_the_build() {
    let words = word_list();
    assert!(words.len() > 1000, "only {} words", words.len());
    let rust: Vec<Value> = words
        .iter()
        .map(|w| match sablah::search::stem::term(w) {
            Some(t) => Value::String(t),
            None => Value::Null,
        })
        .collect();
    let js = node(&json!({ "mode": "analyse", "words": words }));
    let js = js.as_array().unwrap();
    let differ: Vec<String> = words
        .iter()
        .zip(rust.iter().zip(js))
        .filter(|(_, (r, j))| r != j)
        .map(|(w, (r, j))| format!("{w}: rust {r}, js {j}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
    // The check can fail: the folding rules are at work in the list.
    assert_eq!(
        sablah::search::stem::term("ٱلمياه"),
        sablah::search::stem::term("المياه")
    );
}

#[test]
fn the_browser_cuts_whole_texts_into_the_same_terms() {
    let mut texts: Vec<String> = Vec::new();
    for dir in ["content", "tests/sites/search/content"] {
        for e in walkdir::WalkDir::new(root().join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        {
            texts.push(std::fs::read_to_string(e.path()).unwrap());
        }
    }
    // Presentation forms, a ligature, composing marks, digits in a run.
    texts.push("ﻻ ﷲ ﺍﻟﻤﻴﺎﻩ ئ وٕ اٰ ٢٠٢٦م".into());
    let rust: Vec<Vec<String>> = texts
        .iter()
        .map(|t| sablah::search::stem::terms(t))
        .collect();
    let js: Vec<Vec<String>> =
        serde_json::from_value(node(&json!({ "mode": "terms", "texts": texts }))).unwrap();
    assert_eq!(rust.len(), js.len());
    for (i, (r, j)) in rust.iter().zip(&js).enumerate() {
        assert_eq!(r, j, "text {i} differs");
    }
    assert!(rust.iter().map(Vec::len).sum::<usize>() > 5000);
}

/// (query, what the first results must include, by URL ending; empty: nothing found).
const AR: &[(&str, &[&str])] = &[
    // Hamza forms of alef, with and without.
    ("الآبار", &["well-permits/"]),
    ("آبار", &["well-permits/"]),
    ("ابار", &["well-permits/"]),
    // Alef wasla.
    ("ٱلمدارس", &["school-transport/"]),
    // Taa marbuta typed as haa, and alef maqsura typed as yaa.
    ("الجوفيه", &["well-permits/"]),
    ("الجوفية", &["well-permits/"]),
    ("المستشفي", &["well-permits/"]),
    ("تعرفه المياه", &["water-tariffs/"]),
    ("الشريحه الاولي", &["water-tariffs/#decision"]),
    // Tashkeel, shadda and tatweel.
    ("الشَّرِيحَة", &["water-tariffs/#decision"]),
    ("أمانًا", &["school-transport/"]),
    ("امان", &["school-transport/"]),
    (
        "النقـــل",
        &["school-transport/", "school-transport/inputs/i-001/"],
    ),
    // The article, prepositions and conjunctions fused with it.
    ("التصاريح", &["well-permits/"]),
    ("تصاريح", &["well-permits/"]),
    ("والمواطنين", &["well-permits/inputs/i-001/"]),
    ("للمواطنين", &["well-permits/inputs/i-001/"]),
    ("وبالمدارس", &["school-transport/"]),
    // Plurals and inflections.
    ("المواطنون", &["well-permits/inputs/i-001/"]),
    ("مواطن", &["well-permits/inputs/i-001/"]),
    ("المزارعين", &["well-permits/"]),
    ("حافلة", &["school-transport/"]),
    ("مدارس", &["school-transport/"]),
    // Digits in both systems.
    ("٢٠٢٦", &["well-permits/", "school-transport/"]),
    ("۲۰۲۶", &["well-permits/", "school-transport/"]),
    ("2026", &["well-permits/"]),
    ("١٢٣٤", &["school-transport/"]),
    // Decisions, responses and input texts (translations in their language).
    ("رسوم النقل", &["school-transport/inputs/i-001/"]),
    ("صحار", &["school-transport/inputs/i-001/"]),
    // Words still being typed.
    ("المدا", &["school-transport/"]),
    ("تصا", &["well-permits/"]),
];

const EN: &[(&str, &[&str])] = &[
    ("permits", &["well-permits/", "well-permits/inputs/i-002/"]),
    ("permit", &["well-permits/"]),
    ("PERMIT", &["well-permits/"]),
    ("wells", &["well-permits/"]),
    ("well permits", &["well-permits/"]),
    ("drilling", &["well-permits/"]),
    ("farmers", &["well-permits/"]),
    ("farm", &["well-permits/inputs/i-002/"]),
    (
        "fee",
        &[
            "well-permits/inputs/i-002/",
            "school-transport/inputs/i-001/",
        ],
    ),
    ("fees permits", &["well-permits/inputs/i-002/"]),
    ("bus", &["school-transport/"]),
    ("students", &["school-transport/"]),
    ("schools", &["school-transport/"]),
    ("Sohar", &["school-transport/inputs/i-001/"]),
    ("low-income", &["school-transport/inputs/i-001/"]),
    ("tariffs", &["water-tariffs/"]),
    ("lower tier", &["water-tariffs/#decision"]),
    ("committee", &["well-permits/"]),
    ("٢٠٢٦", &["well-permits/"]),
    ("perm", &["well-permits/"]),
    ("trans", &["school-transport/"]),
    // Withheld text is not searchable.
    ("zanzibarquux", &[]),
];

fn check(out: &Path, lang: &str, pairs: &[(&str, &[&str])]) {
    let queries: Vec<&str> = pairs.iter().map(|(q, _)| *q).collect();
    let found = node(&json!({
        "mode": "query", "site": out, "lang": lang, "queries": queries, "top": 10
    }));
    let mut failed = Vec::new();
    for ((q, expected), got) in pairs.iter().zip(found.as_array().unwrap()) {
        let urls: Vec<&str> = got["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect();
        let ok = if expected.is_empty() {
            urls.is_empty()
        } else {
            expected.iter().all(|e| {
                urls.iter().any(|u| {
                    u.ends_with(&format!("/consultations/{e}"))
                        && u.starts_with(&format!("/{lang}/"))
                })
            })
        };
        if !ok {
            failed.push(format!("{q}: expected {expected:?}, got {urls:?}"));
        }
    }
    assert!(failed.is_empty(), "{lang}:\n{}", failed.join("\n"));
}

#[test]
fn queries_find_what_they_should_in_both_languages() {
    assert!(AR.len() >= 30 && EN.len() >= 20);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_ok(&root().join("tests/sites/search"), &out);
    check(&out, "ar", AR);
    check(&out, "en", EN);
    // A filter keeps the consultations of its status only.
    let found = node(&json!({
        "mode": "query", "site": out, "lang": "en", "queries": ["2026"],
        "filter": { "status": "open" }
    }));
    let urls = found[0]["urls"].as_array().unwrap();
    assert!(!urls.is_empty());
    assert!(
        urls.iter()
            .all(|u| u.as_str().unwrap().contains("/school-transport/")),
        "{urls:?}"
    );
}

#[test]
fn the_search_page_lists_every_consultation_and_allows_only_its_own_script() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_ok(&root().join("tests/sites/search"), &out);
    for lang in ["ar", "en"] {
        let html = std::fs::read_to_string(out.join(lang).join("search/index.html")).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let links: Vec<String> = doc
            .select(&sel(".browse a"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for slug in ["well-permits", "school-transport", "water-tariffs"] {
            assert!(
                links.contains(&format!("/{lang}/consultations/{slug}/")),
                "{lang}: {slug} missing from {links:?}"
            );
        }
        let csp = doc
            .select(&sel(r#"meta[http-equiv="Content-Security-Policy"]"#))
            .next()
            .unwrap()
            .value()
            .attr("content")
            .unwrap()
            .to_string();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe"), "{csp}");
        let form = doc.select(&sel("form#search-form")).next().unwrap();
        assert!(form.value().attr("action").is_none());
        assert!(
            form.value().attr("hidden").is_some(),
            "the box needs the script"
        );
        assert!(doc
            .select(&sel("[role=status][aria-live=polite]"))
            .next()
            .is_some());
        // Other pages keep a policy without scripts.
        let home = std::fs::read_to_string(out.join(lang).join("index.html")).unwrap();
        assert!(!home.contains("script-src"));
        let home = scraper::Html::parse_document(&home);
        assert!(
            home.select(&sel("nav.main-nav a"))
                .any(|a| a.value().attr("href") == Some(&format!("/{lang}/search/"))),
            "no link to the search page in the header"
        );
    }
    assert!(out.join("theme/search/search.js").is_file());
    assert!(out.join("theme/search/stem-ar.js").is_file());
}

/// The index's build time alone, on the site `SABLAH_BENCH_SITE` names
/// (corpus M in the README): `cargo test --release --test search -- --ignored --nocapture`.
#[test]
#[ignore]
fn time_the_index() {
    let Ok(dir) = std::env::var("SABLAH_BENCH_SITE") else {
        return;
    };
    let (sources, d) = sablah::pipeline::read(Path::new(&dir)).unwrap();
    let Ok(ready) = sablah::pipeline::check(sources, d).ready(common::date()) else {
        panic!("{dir} has errors");
    };
    #[derive(Default)]
    struct Count(std::sync::atomic::AtomicUsize);
    impl sablah::output::Sink for Count {
        fn write(&self, _: &str, bytes: &[u8]) -> std::io::Result<()> {
            self.0
                .fetch_add(bytes.len(), std::sync::atomic::Ordering::Relaxed);
            Ok(())
        }
    }
    for _ in 0..3 {
        let sink = Count::default();
        let t = std::time::Instant::now();
        sablah::search::index::write(&ready.site, &ready.facts, &sink).unwrap();
        eprintln!(
            "index: {:.0} ms, {} bytes",
            t.elapsed().as_secs_f64() * 1000.0,
            sink.0.into_inner()
        );
    }
}
