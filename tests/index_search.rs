//! The national index's search (`/L/search/` of `sablah index`): built over
//! the demo site and the example municipality (path sources, as the
//! browser gates do), queried through the very scripts the page runs (in
//! Node, `tests/search/run.mjs`), and holding only what the index
//! publishes: never a citizen's input.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{build_ok, node, root};
use serde_json::{json, Value};

struct Built {
    _tmp: tempfile::TempDir,
    /// The demo site's output.
    demo: PathBuf,
    /// The index's output.
    index: PathBuf,
}

/// The demo site, the municipality and the index over both, built once.
fn built() -> &'static Built {
    static B: OnceLock<Built> = OnceLock::new();
    B.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let demo = tmp.path().join("demo");
        let muni = tmp.path().join("muni");
        build_ok(&root(), &demo);
        build_ok(&root().join("examples/municipality"), &muni);
        let dir = tmp.path().join("index");
        std::fs::create_dir_all(&dir).unwrap();
        let config = std::fs::read_to_string(root().join("examples/national-index/index.toml"))
            .unwrap()
            .replace("../../public/", &format!("{}/", demo.display()))
            .replace("../municipality/public/", &format!("{}/", muni.display()));
        std::fs::write(dir.join("index.toml"), config).unwrap();
        let outcome = sablah::index::run(
            &dir,
            &sablah::index::IndexOptions {
                output: None,
                date: common::date(),
                offline: false,
                strict: true,
                verbose: false,
            },
        )
        .unwrap();
        assert_eq!(outcome.exit_status(), 0, "{:?}", outcome.diagnostics);
        Built {
            index: dir.join("public"),
            demo,
            _tmp: tmp,
        }
    })
}

fn query(site: &Path, lang: &str, queries: &[&str], filter: Value) -> Vec<Value> {
    node(&json!({
        "mode": "query", "site": site, "lang": lang, "queries": queries,
        "filter": filter, "top": 20,
    }))
    .as_array()
    .unwrap()
    .clone()
}

fn urls(r: &Value) -> Vec<String> {
    r["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_index_has_a_search_page_and_index_in_each_language() {
    let b = built();
    for lang in ["ar", "en"] {
        let page = std::fs::read_to_string(b.index.join(lang).join("search/index.html"))
            .unwrap()
            .replace("&#x2F;", "/");
        // Its own script, on this page alone; the form waits for it.
        assert!(page.contains("script-src 'self'"), "{lang}");
        assert!(page.contains("connect-src 'self'"), "{lang}");
        assert!(page.contains(r#"<form id="search-form" class="search-form" role="search" hidden"#));
        assert!(page.contains(r#"role="status" aria-live="polite""#));
        assert!(page.contains(r#"<select id="search-agency""#));
        assert!(page.contains(r#"<option value="sur-municipality">"#));
        // Without JavaScript: the counts by topic and status, linking to
        // the listings of the national topic and of each status.
        assert!(page.contains(&format!("/{lang}/consultations/topic/coast/")));
        assert!(page.contains(&format!("/{lang}/consultations/status/open/")));
        for f in ["index.json", "t/0.bin", "d/0.json"] {
            assert!(
                b.index.join(lang).join("search").join(f).is_file(),
                "{lang}/{f}"
            );
        }
        let meta: Value = serde_json::from_slice(
            &std::fs::read(b.index.join(lang).join("search/index.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(meta["agencies"], json!(["mwre", "sur-municipality"]));
        assert_eq!(meta["topics"], json!(["coast"]));
        // Only the other pages' CSP blocks every script.
        let home = std::fs::read_to_string(b.index.join(lang).join("index.html"))
            .unwrap()
            .replace("&#x2F;", "/");
        assert!(!home.contains("script-src"), "{lang}");
        assert!(
            home.contains(&format!(r#"href="/{lang}/search/""#)),
            "nav link"
        );
    }
    // The scripts, at the address agency sites serve them from.
    for f in [
        "search.js",
        "engine.js",
        "analyse.js",
        "stem-ar.js",
        "stem-en.js",
        "base-stemmer.js",
    ] {
        let ours = std::fs::read(b.index.join("theme/search").join(f)).unwrap();
        assert_eq!(
            ours,
            std::fs::read(b.demo.join("theme/search").join(f)).unwrap(),
            "{f}"
        );
    }
    // The page puts the agencies' texts in as text, never as markup.
    let js = std::fs::read_to_string(b.index.join("theme/search/search.js")).unwrap();
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML"));
    let sitemap = std::fs::read_to_string(b.index.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/ar/search/</loc>"));
}

#[test]
fn queries_find_the_consultation_on_its_agencys_site() {
    let b = built();
    let ar = query(
        &b.index,
        "ar",
        &[
            // ة typed as ه, alef without hamza, definite article and prefix.
            "تعرفه المياه المحلاه",
            "الابار",
            "وتراخيص",
            "سوق السمك",
            // The agency's name is searched too.
            "بلدية",
        ],
        json!({}),
    );
    let first = |r: &Value| urls(r).first().cloned().unwrap_or_default();
    assert!(
        first(&ar[0]).contains("desalinated-water-tariffs"),
        "{:?}",
        ar[0]
    );
    assert!(
        first(&ar[1]).contains("groundwater-well-permits"),
        "{:?}",
        ar[1]
    );
    assert!(
        urls(&ar[2])
            .iter()
            .any(|u| u.contains("groundwater-well-permits")),
        "{:?}",
        ar[2]
    );
    assert!(first(&ar[3]).contains("fish-market-hours"), "{:?}", ar[3]);
    // Results link to the agency's own page, in the page's language.
    assert!(
        first(&ar[0]).starts_with("https://") && first(&ar[0]).contains("/ar/"),
        "{:?}",
        ar[0]
    );
    let en = query(
        &b.index,
        "en",
        &["wells permit", "dhow", "Desalinated tariffs", "adopted"],
        json!({}),
    );
    assert!(
        first(&en[0]).contains("groundwater-well-permits"),
        "{:?}",
        en[0]
    );
    assert!(
        first(&en[1]).contains("dhow-yard-visitor-rules"),
        "{:?}",
        en[1]
    );
    assert!(first(&en[1]).contains("/en/"), "{:?}", en[1]);
    assert!(
        first(&en[2]).contains("desalinated-water-tariffs"),
        "{:?}",
        en[2]
    );
    // A decision is found by its outcome, and leads to the decision.
    assert!(
        urls(&en[3]).iter().any(|u| u.ends_with("#decision")),
        "{:?}",
        en[3]
    );
    // The agency filter keeps one agency's consultations.
    let all = query(&b.index, "ar", &["المياه"], json!({}));
    let muni = query(
        &b.index,
        "ar",
        &["المياه"],
        json!({"agency": "sur-municipality"}),
    );
    assert!(urls(&all[0]).iter().any(|u| u.contains("groundwater")));
    assert!(
        !urls(&muni[0]).iter().any(|u| u.contains("groundwater")),
        "{:?}",
        muni[0]
    );
    assert!(muni[0]["total"].as_u64().unwrap() < all[0]["total"].as_u64().unwrap());
}

#[test]
fn the_index_search_holds_no_citizens_input() {
    let b = built();
    // Words of a published input of the demo site (groundwater-well-permits,
    // i-001) that no title, summary or decision title has: the site finds
    // them, the index must not.
    let words = ["الليمون", "كيلومترين", "السويق"];
    let site = query(&b.demo, "ar", &words, json!({}));
    let index = query(&b.index, "ar", &words, json!({}));
    for (s, i) in site.iter().zip(&index) {
        assert!(
            s["total"].as_u64().unwrap() > 0,
            "the site finds {:?}",
            s["q"]
        );
        assert_eq!(
            i["total"].as_u64().unwrap(),
            0,
            "the index finds {:?}",
            i["q"]
        );
    }
    // Nor are the input texts anywhere in its display data.
    for lang in ["ar", "en"] {
        for e in std::fs::read_dir(b.index.join(lang).join("search/d")).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            assert!(
                !text.contains("الليمون") && !text.contains("/inputs/"),
                "{text}"
            );
        }
    }
}
