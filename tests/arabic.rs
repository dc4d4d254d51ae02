//! Arabic done right: isolation of mixed-direction text, citizens' own
//! direction, and Arabic-Indic digits where the site asks for them.

mod common;

use common::{build_ok as build, copy_dir, root};

use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn an_english_organisation_name_on_an_arabic_page_is_isolated() {
    let tmp = tempfile::tempdir().unwrap();
    build(&root(), tmp.path());
    let page = std::fs::read_to_string(
        tmp.path()
            .join("ar/consultations/aflaj-water-shares/inputs/i-003/index.html"),
    )
    .unwrap();
    let doc = Html::parse_document(&page);
    let isolated: Vec<String> = doc
        .select(&sel("bdi"))
        .map(|b| b.text().collect())
        .collect();
    assert!(
        isolated.iter().any(|t| t == "Oman Heritage Water Society"),
        "{isolated:?}"
    );
    // The citizen's own text keeps its language and direction, and each
    // paragraph takes its direction from its own first strong character.
    let original = doc.select(&sel(".citizen-text")).next().unwrap();
    assert_eq!(original.value().attr("lang"), Some("en"));
    assert_eq!(original.value().attr("dir"), Some("ltr"));
    assert!(original
        .select(&sel("p"))
        .all(|p| p.value().attr("dir") == Some("auto")));
    // Input ids are isolated too, wherever they are listed.
    let list = std::fs::read_to_string(
        tmp.path()
            .join("ar/consultations/aflaj-water-shares/index.html"),
    )
    .unwrap();
    let doc = Html::parse_document(&list);
    assert!(doc
        .select(&sel("ul.input-refs bdi"))
        .any(|b| b.text().collect::<String>().starts_with("i-")));
}

#[test]
fn arabic_indic_digits_on_arabic_pages_western_in_urls_ids_and_english() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    let config = std::fs::read_to_string(site.join("sablah.toml")).unwrap();
    let config = config.replace(
        "[site]\n",
        "[site]\ndigits = \"arab\"\ncalendars = [\"gregorian\", \"hijri\"]\n",
    );
    std::fs::write(site.join("sablah.toml"), config).unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    let ar = Html::parse_document(
        &std::fs::read_to_string(out.join("ar/consultations/water-tariffs/index.html")).unwrap(),
    );
    let times: Vec<String> = ar
        .select(&sel("time"))
        .map(|t| t.text().collect())
        .collect();
    assert!(
        times
            .iter()
            .all(|t| t.contains('٢') && !t.chars().any(|c| c.is_ascii_digit())),
        "{times:?}"
    );
    let iso: Vec<&str> = ar
        .select(&sel("time"))
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert!(
        iso.iter().all(|d| d.starts_with("2026-")),
        "machine-readable dates stay Western: {iso:?}"
    );
    let hijri: Vec<String> = ar
        .select(&sel(".hijri"))
        .map(|t| t.text().collect())
        .collect();
    assert!(
        !hijri.is_empty()
            && hijri
                .iter()
                .all(|h| h.contains('١') && !h.contains("تقريبي")),
        "{hijri:?}"
    );
    // That Hijri dates are computed is said once per page, not after each.
    let notes = ar
        .select(&sel("footer .built"))
        .filter(|p| p.text().collect::<String>().contains("أم القرى"))
        .count();
    assert_eq!(notes, 1);
    let stats: Vec<String> = ar
        .select(&sel(".stats dd"))
        .map(|d| d.text().collect::<String>())
        .collect();
    assert!(stats.iter().any(|s| s.trim() == "٢"), "{stats:?}");
    assert!(
        ar.select(&sel("bdi"))
            .any(|b| b.text().collect::<String>() == "MOH-2026-001"),
        "ids keep Western digits"
    );
    let en =
        std::fs::read_to_string(out.join("en/consultations/water-tariffs/index.html")).unwrap();
    assert!(
        !en.chars().any(|c| ('\u{0660}'..='\u{0669}').contains(&c)),
        "English pages keep Western digits"
    );
}
