//! Builds fixture sites into temporary folders and reads the HTML produced
//! with a real HTML parser.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sablah::build::{build_site, check_site, BuildOptions};
use sablah::model::Date;
use scraper::{Html, Selector};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn date() -> Date {
    Date::parse("2026-11-27").unwrap()
}

fn build(site: &Path, out: &Path) -> sablah::build::BuildOutcome {
    build_site(
        site,
        &BuildOptions {
            output: Some(out.to_path_buf()),
            date: date(),
            verbose: false,
        },
    )
    .unwrap()
}

fn built_demo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let outcome = build(&root(), &tmp.path().join("public"));
    assert!(outcome.written.is_some(), "{:?}", outcome.diagnostics);
    tmp
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

fn read(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn every_page_has_lang_dir_alternates_and_both_notices() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let files = html_files(&out);
    assert!(files.len() > 100, "only {} pages", files.len());
    for f in files {
        let doc = read(&f);
        let html = doc.select(&sel("html")).next().unwrap();
        let lang = html.value().attr("lang").unwrap_or_default().to_string();
        let dir = html.value().attr("dir").unwrap_or_default();
        assert_eq!(
            dir,
            if lang == "ar" { "rtl" } else { "ltr" },
            "{}",
            f.display()
        );
        let hreflangs: Vec<_> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .filter_map(|l| l.value().attr("hreflang"))
            .collect();
        let rel = f.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        match rel.as_str() {
            // The 404 page answers at any address: no canonical, no versions.
            "404.html" => {
                assert!(hreflangs.is_empty(), "{hreflangs:?}");
                assert!(doc.select(&sel("link[rel=canonical]")).next().is_none());
            }
            // The language choice is the default version of the home pages.
            "index.html" | "ar/index.html" | "en/index.html" => {
                assert_eq!(hreflangs, ["ar", "en", "x-default"], "{}", f.display());
                let x = doc.select(&sel("link[hreflang=x-default]")).next().unwrap();
                assert_eq!(
                    x.value().attr("href"),
                    Some("https://consult.mwre.example.gov.om/")
                );
            }
            _ => assert_eq!(hreflangs, ["ar", "en", "x-default"], "{}", f.display()),
        }
        assert!(
            doc.select(&sel("a.skip-link[href='#main']"))
                .next()
                .is_some(),
            "{}",
            f.display()
        );
        assert!(doc.select(&sel("main#main")).next().is_some());
        let footer = doc
            .select(&sel("footer"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        let (ip, decree) = if lang == "ar" {
            ("آراء أصحابها", "المرسوم السلطاني رقم 65/2008")
        } else {
            ("authors' opinions", "Royal Decree No. 65/2008")
        };
        assert!(
            footer.contains(ip) && footer.contains(decree),
            "notices missing in {}",
            f.display()
        );
        // The search page alone runs a script, the site's own; no page has
        // inline script.
        let scripts: Vec<_> = doc.select(&sel("script")).collect();
        if f.ends_with("search/index.html") {
            assert!(
                scripts.len() == 1
                    && scripts[0]
                        .value()
                        .attr("src")
                        .is_some_and(|s| s.starts_with("/theme/search/"))
                    && scripts[0].text().next().is_none(),
                "the search page's script: {}",
                f.display()
            );
        } else {
            assert!(scripts.is_empty(), "no JavaScript: {}", f.display());
        }
    }
}

#[test]
fn alternates_point_at_pages_that_exist_and_link_back() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    for f in html_files(&out) {
        let doc = read(&f);
        for l in doc.select(&sel("link[rel=alternate][hreflang]")) {
            let href = l.value().attr("href").unwrap();
            let path = href
                .strip_prefix("https://consult.mwre.example.gov.om/")
                .expect("absolute alternate");
            let target = if path.is_empty() || path.ends_with('/') {
                out.join(path).join("index.html")
            } else {
                out.join(path)
            };
            assert!(
                target.is_file(),
                "{} → missing {}",
                f.display(),
                target.display()
            );
        }
    }
}

#[test]
fn timeline_is_in_date_order_and_marks_the_late_milestone() {
    let tmp = built_demo();
    let page = tmp
        .path()
        .join("public/en/consultations/groundwater-well-permits/index.html");
    let doc = read(&page);
    let dates: Vec<String> = doc
        .select(&sel("ol.timeline > li time"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_string))
        .collect();
    assert!(dates.len() >= 6, "{dates:?}");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(
        doc.select(&sel("ol.timeline > li.tl-state-late"))
            .next()
            .is_some(),
        "a late milestone is marked"
    );
}

#[test]
fn moderation_counts_match_the_sources_and_withheld_text_is_absent() {
    let checked = check_site(&root(), date()).unwrap();
    let site = checked.site.unwrap();
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let all_output: String = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned())
        .collect();
    let mut withheld_total = 0;
    for c in &site.consultations {
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        for i in &c.inputs {
            if !i.is_published() {
                withheld_total += 1;
                *by_reason
                    .entry(i.meta.reason.as_ref().unwrap().get_ref().as_str())
                    .or_default() += 1;
                // No sentence of a withheld input reaches any file.
                for sentence in i
                    .body
                    .as_str()
                    .split(['.', '،', '؟', '\n'])
                    .map(str::trim)
                    .filter(|s| s.chars().count() > 25)
                {
                    assert!(
                        !all_output.contains(sentence),
                        "withheld text of {}/{} leaked: {sentence}",
                        c.slug,
                        i.id
                    );
                }
                // Its placeholder stands in the inputs list, with id and date.
                let list = std::fs::read_to_string(
                    out.join(format!("en/consultations/{}/inputs/index.html", c.slug)),
                )
                .unwrap();
                let doc = Html::parse_document(&list);
                let li = doc
                    .select(&sel(&format!("li#input-{}.withheld", i.id)))
                    .next()
                    .unwrap_or_else(|| panic!("placeholder for {}", i.id));
                let text = li.text().collect::<String>();
                assert!(
                    text.contains(&i.id)
                        && text.contains(&i.meta.received.get_ref().date.year().to_string())
                );
            }
            if let (Some(name), false) = (&i.meta.name, i.meta.publish_name) {
                assert!(
                    !all_output.contains(name.get_ref().as_str()),
                    "unpublished name {name} leaked"
                );
            }
        }
        let page = read(&out.join(format!("en/consultations/{}/index.html", c.slug)));
        let moderation = page
            .select(&sel("#moderation .breakdown .n"))
            .map(|n| n.text().collect::<String>().parse::<usize>().unwrap())
            .collect::<Vec<_>>();
        assert_eq!(
            moderation,
            by_reason.values().copied().collect::<Vec<_>>(),
            "{}",
            c.slug
        );
    }
    assert!(withheld_total >= 5);
}

#[test]
fn responses_and_inputs_link_both_ways() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let page = read(&out.join("en/consultations/groundwater-well-permits/index.html"));
    let mut links = 0;
    for a in page.select(&sel("article.response ul.input-refs a")) {
        let href = a.value().attr("href").unwrap();
        let input = read(&out.join(href.trim_start_matches('/')).join("index.html"));
        let back: Vec<_> = input
            .select(&sel("article.response h3 a"))
            .filter_map(|b| b.value().attr("href"))
            .collect();
        assert!(
            back.iter()
                .any(|b| b.starts_with("/en/consultations/groundwater-well-permits/#response-")),
            "{href}"
        );
        links += 1;
    }
    assert!(links > 0);
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&root(), &a);
    build(&root(), &b);
    let files_a: Vec<_> = walkdir::WalkDir::new(&a)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert!(!files_a.is_empty());
    for e in files_a {
        let rel = e.path().strip_prefix(&a).unwrap();
        assert_eq!(
            std::fs::read(e.path()).unwrap(),
            std::fs::read(b.join(rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        if rel.starts_with("public")
            || rel.starts_with("target")
            || rel.starts_with(".git")
            || rel.starts_with("tests")
        {
            continue;
        }
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn demo_copy(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    std::fs::create_dir_all(&site).unwrap();
    copy_dir(&root().join("content"), &site.join("content"));
    copy_dir(&root().join("static"), &site.join("static"));
    std::fs::copy(root().join("sablah.toml"), site.join("sablah.toml")).unwrap();
    site
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let site = demo_copy(tmp.path());
    let out = tmp.path().join("out");
    assert!(build(&site, &out).written.is_some());
    let before = std::fs::read(out.join("en/index.html")).unwrap();
    // A template override that drops the legal notices must fail the build.
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/base.html"), "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><title>x</title></head><body>{% block main %}{% endblock main %}</body></html>").unwrap();
    let failed = build(&site, &out);
    assert!(failed.written.is_none());
    let codes: Vec<_> = failed
        .diagnostics
        .items
        .iter()
        .map(|d| d.code.code())
        .collect();
    assert!(codes.contains(&"E030"), "{codes:?}");
    assert!(failed
        .diagnostics
        .items
        .iter()
        .any(|d| d.message.contains("65/2008")));
    assert_eq!(std::fs::read(out.join("en/index.html")).unwrap(), before);
    assert!(
        !tmp.path().join(".out.staging").exists(),
        "staging folder removed"
    );
}

#[test]
fn links_work_under_a_sub_path() {
    let tmp = tempfile::tempdir().unwrap();
    let site = demo_copy(tmp.path());
    let config = std::fs::read_to_string(site.join("sablah.toml")).unwrap();
    let config = config.replace(
        "base_url = \"https://consult.mwre.example.gov.om\"",
        "base_url = \"https://www.example.gov.om/mwre/consult/\"",
    );
    assert!(config.contains("/mwre/consult/"));
    std::fs::write(site.join("sablah.toml"), config).unwrap();
    let out = tmp.path().join("out");
    assert!(build(&site, &out).written.is_some());
    for f in html_files(&out) {
        let doc = read(&f);
        for a in doc.select(&sel("a[href], link[href]")) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with('/') {
                assert!(
                    href.starts_with("/mwre/consult/"),
                    "{href} in {}",
                    f.display()
                );
                let path = href
                    .trim_start_matches("/mwre/consult/")
                    .split('#')
                    .next()
                    .unwrap();
                let target = if path.is_empty() || path.ends_with('/') {
                    out.join(path).join("index.html")
                } else {
                    out.join(path)
                };
                assert!(target.exists(), "{href} in {} leads nowhere", f.display());
            }
        }
    }
}

#[test]
fn the_municipality_example_builds_with_pending_translations_marked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let outcome = build(&root().join("examples/municipality"), &out);
    assert!(outcome.written.is_some(), "{:?}", outcome.diagnostics);
    let doc = read(&out.join("en/consultations/ayjah-waterfront-parking/index.html"));
    assert!(doc.select(&sel("p.notice.pending")).next().is_some());
    let h1 = doc.select(&sel("h1")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), Some("ar"));
    assert_eq!(h1.value().attr("dir"), Some("rtl"));
}

#[test]
fn titles_are_escaped_once() {
    let tmp = tempfile::tempdir().unwrap();
    let site = demo_copy(tmp.path());
    let page = site.join("content/pages/about.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let (front, body) = text.split_once("\n+++\n").unwrap();
    let front = front
        .lines()
        .map(|l| {
            if l.starts_with("title = ") {
                "title = \"Water & <wells>\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&page, format!("{front}\n+++\n{body}")).unwrap();
    let out = tmp.path().join("out");
    assert!(build(&site, &out).written.is_some());
    let doc = read(&out.join("en/pages/about/index.html"));
    let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
    assert!(title.starts_with("Water & <wells> · "), "{title}");
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1, "Water & <wells>");
}

#[test]
fn the_render_plan_is_exactly_the_pages_written() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let checked = sablah::pipeline::check(
        sablah::pipeline::read(&root()).unwrap().0,
        Default::default(),
    );
    let ready = checked.ready(date()).ok().expect("the demo builds");
    let planned: std::collections::BTreeSet<String> =
        ready.plan.pages().map(|r| r.file()).collect();
    assert_eq!(
        planned.len(),
        ready.plan.page_count(),
        "no two routes share a file"
    );
    let written: std::collections::BTreeSet<String> = html_files(&out)
        .iter()
        .map(|p| {
            p.strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !root().join("static").join(p).exists())
        .collect();
    assert_eq!(planned, written);
    // Every route in a language has its twin in every other language.
    for r in ready.plan.pages() {
        for l in ["ar", "en"] {
            if r.lang().is_some() {
                assert!(planned.contains(&r.in_lang(l).file()), "{r:?} in {l}");
            }
        }
    }
}

#[test]
fn a_named_theme_lies_over_the_built_in_one_and_the_site_over_both() {
    let tmp = tempfile::tempdir().unwrap();
    let site = demo_copy(tmp.path());
    let config = std::fs::read_to_string(site.join("sablah.toml")).unwrap();
    let config = config.replacen("[site]\n", "[site]\ntheme = \"civic\"\n", 1);
    std::fs::write(site.join("sablah.toml"), config).unwrap();
    let theme = site.join("themes/civic");
    for dir in ["templates", "i18n", "static"] {
        std::fs::create_dir_all(theme.join(dir)).unwrap();
    }
    // The theme changes a string and the 404 page, and ships a file; the
    // site's own 404 template wins over the theme's.
    std::fs::write(
        theme.join("i18n/en.ftl"),
        "legal-heading = Civic legal notices\n",
    )
    .unwrap();
    std::fs::write(theme.join("static/civic.css"), "body{}").unwrap();
    let base_404 = |mark: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block main %}}<h1>{mark}</h1>{{% endblock main %}}"
        )
    };
    std::fs::write(theme.join("templates/404.html"), base_404("theme 404")).unwrap();
    std::fs::write(theme.join("templates/root.html"), base_404("theme root")).unwrap();
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/404.html"), base_404("site 404")).unwrap();
    let out = tmp.path().join("out");
    assert!(build(&site, &out).written.is_some());
    let legal = std::fs::read_to_string(out.join("en/legal/index.html")).unwrap();
    assert!(legal.contains("Civic legal notices"), "theme string");
    assert!(out.join("civic.css").is_file(), "theme static file");
    let root_page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(root_page.contains("theme root"), "theme template");
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("site 404") && !not_found.contains("theme 404"));
    // Another theme's files are not published.
    assert!(!out.join("themes").exists());
}

/// Issue 13: the heading outline of every page of the demo and of each
/// example has one `h1` first and never skips a level going down.
#[test]
fn every_page_has_one_h1_and_an_outline_without_gaps() {
    let tmp = tempfile::tempdir().unwrap();
    let mut sites = vec![root()];
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let p = entry.unwrap().path();
        if p.join("sablah.toml").is_file() {
            sites.push(p);
        }
    }
    let heading = sel("h1, h2, h3, h4, h5, h6");
    let mut pages = 0;
    for (i, site) in sites.iter().enumerate() {
        let out = tmp.path().join(format!("site-{i}"));
        let outcome = build(site, &out);
        assert!(outcome.written.is_some(), "{:?}", outcome.diagnostics);
        for f in html_files(&out) {
            pages += 1;
            let doc = read(&f);
            let levels: Vec<u8> = doc
                .select(&heading)
                .map(|h| h.value().name()[1..].parse().unwrap())
                .collect();
            assert_eq!(
                levels.iter().filter(|&&l| l == 1).count(),
                1,
                "{}: {levels:?}",
                f.display()
            );
            assert_eq!(levels.first(), Some(&1), "{}: {levels:?}", f.display());
            for w in levels.windows(2) {
                assert!(
                    w[1] <= w[0] + 1,
                    "{}: h{} after h{} in {levels:?}",
                    f.display(),
                    w[1],
                    w[0]
                );
            }
        }
    }
    assert!(pages > 150, "only {pages} pages");
}

/// Issue 13: a decided consultation says what was decided, when, how the
/// inputs fared and where the reasons are, before its background; an open
/// one says how to take part and by when, with the agency's address.
#[test]
fn consultation_pages_put_the_outcome_or_the_way_to_take_part_first() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let decided =
        std::fs::read_to_string(out.join("en/consultations/groundwater-well-permits/index.html"))
            .unwrap();
    let outcome = decided
        .find("class=\"outcome-box\"")
        .expect("an outcome box");
    let about = decided.find("id=\"about-h\"").unwrap();
    let lead = decided.find("class=\"lead\"").unwrap();
    assert!(outcome < lead && lead < about);
    let doc = Html::parse_document(&decided);
    let boxed = doc.select(&sel(".outcome-box")).next().unwrap();
    let text = boxed.text().collect::<String>();
    assert!(
        text.contains("adopted with changes on 25 May 2026"),
        "{text}"
    );
    assert!(boxed
        .select(&sel("time[datetime='2026-05-25']"))
        .next()
        .is_some());
    let counts: Vec<String> = boxed
        .select(&sel(".result-counts li"))
        .map(|li| li.text().collect::<String>())
        .collect();
    assert!(counts.iter().any(|c| c.contains("Accepted")), "{counts:?}");
    assert!(boxed.select(&sel("a[href='#decision']")).next().is_some());
    assert!(doc.select(&sel("section#decision")).next().is_some());

    let open = std::fs::read_to_string(out.join("en/consultations/single-use-plastics/index.html"))
        .unwrap();
    let take_part = open.find("class=\"take-part\"").expect("a take-part box");
    assert!(take_part < open.find("id=\"about-h\"").unwrap());
    let doc = Html::parse_document(&open);
    let mail = doc
        .select(&sel(".take-part a[href^='mailto:']"))
        .next()
        .expect("the e-mail channel links to the agency");
    let href = mail.value().attr("href").unwrap();
    assert!(
        href.starts_with("mailto:consultations@mwre.example.gov.om?subject=")
            && href.contains("MWRE-2026-007"),
        "{href}"
    );
    let closes = doc
        .select(&sel(".take-part-closes"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(closes.contains("15 December 2026"), "{closes}");
}

/// Issue 13: the language choice at `/` and the 404 page lead to each
/// language's home; every page has a description, Open Graph tags, an icon
/// that exists, the footer's links to the free pages and the open data,
/// and the contact address as a link.
#[test]
fn root_404_heads_and_footers_serve_citizens() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    for f in ["index.html", "404.html"] {
        let doc = read(&out.join(f));
        let links: Vec<&str> = doc
            .select(&sel("main .language-choice a"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links, ["/ar/", "/en/"], "{f}");
        let switch: Vec<&str> = doc
            .select(&sel(".lang-switch a"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(switch, ["/en/"], "{f}");
    }
    let root = read(&out.join("index.html"));
    assert_eq!(
        root.select(&sel("link[rel=canonical]"))
            .next()
            .unwrap()
            .value()
            .attr("href"),
        Some("https://consult.mwre.example.gov.om/")
    );
    for f in html_files(&out) {
        let doc = read(&f);
        let attr = |s: &str, a: &str| {
            doc.select(&sel(s))
                .next()
                .and_then(|e| e.value().attr(a).map(str::to_string))
                .unwrap_or_else(|| panic!("{}: no {s}", f.display()))
        };
        assert!(
            attr("meta[name=description]", "content").len() > 20,
            "{}",
            f.display()
        );
        assert!(!attr("meta[property='og:title']", "content").is_empty());
        assert!(!attr("meta[property='og:description']", "content").is_empty());
        let locale = attr("meta[property='og:locale']", "content");
        assert!(locale == "ar_OM" || locale == "en_GB", "{locale}");
        let icon = attr("link[rel=icon]", "href");
        assert!(out.join(icon.trim_start_matches('/')).is_file(), "{icon}");
        assert!(doc.select(&sel("header .identity")).next().is_some());
        let footer: Vec<String> = doc
            .select(&sel("footer a"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        let lang = if f.to_string_lossy().contains("/en/") {
            "en"
        } else {
            "ar"
        };
        for want in [
            format!("/{lang}/pages/about/"),
            format!("/{lang}/pages/participation-guide/"),
            format!("/data/README.{lang}.txt"),
            "mailto:consultations@mwre.example.gov.om".to_string(),
        ] {
            assert!(
                footer.contains(&want),
                "{}: {want} not in {footer:?}",
                f.display()
            );
        }
        let title = doc
            .select(&sel("title"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        let site = if lang == "en" {
            "Public Consultations - Ministry of Water Resources and Environment"
        } else {
            "منصة الاستشارات العامة - وزارة الموارد المائية والبيئة"
        };
        assert_eq!(title.matches(site).count(), 1, "{}: {title}", f.display());
    }
    let legal = std::fs::read_to_string(out.join("en/legal/index.html")).unwrap();
    assert!(legal.contains("write to <a href=\"mailto:consultations@mwre.example.gov.om\">"));
}

/// Issue 13: a text document has a page of its own, wrapped, and the
/// original stays downloadable with its size.
#[test]
fn text_documents_have_a_page_and_stay_downloadable() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let consultation = read(&out.join("en/consultations/groundwater-well-permits/index.html"));
    let link = consultation
        .select(&sel(
            ".documents a[href$='/read/files/draft-well-permits-regulation.txt/']",
        ))
        .next()
        .expect("a link to the document's page");
    assert_eq!(
        link.text().collect::<String>(),
        "Draft regulation on well permits"
    );
    let page = out.join("en/consultations/groundwater-well-permits/read/files/draft-well-permits-regulation.txt/index.html");
    let doc = read(&page);
    let source = std::fs::read_to_string(root().join(
        "content/consultations/groundwater-well-permits/files/draft-well-permits-regulation.txt",
    ))
    .unwrap();
    let shown = doc
        .select(&sel("pre.document-text"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(shown.trim(), source.trim_start_matches('\u{feff}').trim());
    let download = doc.select(&sel("a[download]")).next().unwrap();
    assert_eq!(
        download.value().attr("href"),
        Some("/documents/groundwater-well-permits/files/draft-well-permits-regulation.txt")
    );
    assert!(download.text().collect::<String>().contains("TXT"));
    // A text file a timeline event links to gets its page too.
    let minutes = consultation
        .select(&sel(
            "ol.timeline a[href$='/read/files/sohar-meeting-minutes.txt/']",
        ))
        .next()
        .expect("the timeline links the minutes' page");
    assert!(!minutes.text().collect::<String>().is_empty());
    assert!(out
        .join("en/consultations/groundwater-well-permits/read/files/sohar-meeting-minutes.txt/index.html")
        .is_file());
}

/// Issue 13: language names are in the page's language (CLDR), and a
/// listed input in another language shows its translation, marked, or
/// says that none exists.
#[test]
fn languages_are_named_in_the_page_language_and_translations_shown() {
    let tmp = built_demo();
    let out = tmp.path().join("public");
    let page =
        std::fs::read_to_string(out.join("ar/consultations/groundwater-well-permits/index.html"))
            .unwrap();
    assert!(page.contains("الأوردية") && page.contains("الإنجليزية"));
    assert!(!page.contains(">ur<"));
    let doc = read(&out.join("ar/consultations/groundwater-well-permits/inputs/index.html"));
    let mut translated = 0;
    let mut untranslated = 0;
    for li in doc.select(&sel("li.input")) {
        let Some(text) = li.select(&sel(".citizen-text")).next() else {
            continue;
        };
        let mark = li
            .select(&sel(".translation-mark"))
            .next()
            .map(|m| m.text().collect::<String>());
        match (text.value().attr("lang"), mark) {
            (Some("ar"), Some(m)) => {
                assert!(m.contains("ترجمتها الجهة"), "{m}");
                translated += 1;
            }
            (Some("ar"), None) => {}
            (Some(_), Some(m)) => {
                assert!(m.contains("لا توجد لها ترجمة"), "{m}");
                untranslated += 1;
            }
            (l, m) => panic!("a foreign input shown without a word: {l:?} {m:?}"),
        }
    }
    assert!(
        translated >= 1 && untranslated >= 1,
        "{translated} {untranslated}"
    );
}
