//! File names that mean something in a URL (`#`, `?`, `%`, spaces, Arabic)
//! are published under their own name and every link to them is
//! percent-encoded, so that following any link of the built site reaches a
//! file that exists. Names that cannot be published (`:`, `\`) are refused by
//! `check`, at the file, with E029.

mod common;

use std::path::{Path, PathBuf};

use common::{build, build_ok, copy_dir, root};
use sablah::diagnostics::Code;
use scraper::{Html, Selector};

const BASE: &str = "https://consult.example.gov.om";
const CONSULTATION: &str = "content/consultations/water-tariffs";
/// Names a browser reads as a fragment, a query, an escape, a space.
const NAMES: &[&str] = &[
    "report#1.txt",
    "a?b.txt",
    "100%25.txt",
    "two words.txt",
    "ملف.txt",
];

fn site_with(tmp: &Path, names: &[&str]) -> PathBuf {
    let site = tmp.join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    let dir = site.join(CONSULTATION);
    let mut toml = std::fs::read_to_string(dir.join("consultation.toml")).unwrap();
    for (i, name) in names.iter().enumerate() {
        std::fs::write(dir.join("files").join(name), format!("file {i}\n")).unwrap();
        toml.push_str(&format!(
            "\n[[documents]]\npath = \"files/{name}\"\ntitle = {{ ar = \"وثيقة {i}\", en = \"Document {i}\" }}\n"
        ));
    }
    if let Some(first) = names.first() {
        toml.push_str(&format!(
            "\n[[timeline]]\ndate = 2026-03-15\nlabel = {{ ar = \"ورشة\", en = \"Workshop\" }}\nlink = \"files/{first}\"\n"
        ));
    }
    // Paths from the site root, as an agency writes them: a space to
    // encode, a fragment to keep.
    toml.push_str(
        "\n[[timeline]]\ndate = 2026-03-16\nlabel = { ar = \"محضر\", en = \"Minutes\" }\nlink = \"/documents/water-tariffs/files/two words.txt\"\n\n[[timeline]]\ndate = 2026-03-17\nlabel = { ar = \"القرار\", en = \"Decision\" }\nlink = \"/en/consultations/water-tariffs/#decision\"\n",
    );
    std::fs::write(dir.join("consultation.toml"), toml).unwrap();
    if let Some(last) = names.last() {
        let decision = dir.join("decision.toml");
        let text = std::fs::read_to_string(&decision).unwrap().replace(
            "result = \"partly-accepted\"\n",
            &format!("result = \"partly-accepted\"\nchanges = \"files/{last}\"\n"),
        );
        std::fs::write(decision, text).unwrap();
    }
    site
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("a % escape is two hex digits"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The file a link of the site leads to, or `None` for a link elsewhere.
fn target(out: &Path, link: &str) -> Option<PathBuf> {
    let path = if let Some(rest) = link.strip_prefix(BASE) {
        rest
    } else if link.starts_with('/') && !link.starts_with("//") {
        link
    } else {
        return None;
    };
    let path = path.split(['#', '?']).next().unwrap();
    let decoded = String::from_utf8(percent_decode(path)).expect("a link decodes to UTF-8");
    let rel = decoded.trim_start_matches('/');
    let mut file = out.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file = file.join("index.html");
    }
    Some(file)
}

#[test]
fn every_link_to_a_file_with_a_url_character_in_its_name_reaches_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_with(tmp.path(), NAMES);
    let out = tmp.path().join("public");
    build_ok(&site, &out);
    for name in NAMES {
        assert!(
            out.join("documents/water-tariffs/files")
                .join(name)
                .is_file(),
            "{name} was not published under its own name"
        );
    }
    let links = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut followed = 0;
    let mut to_documents = Vec::new();
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = e.path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or_default();
        let hrefs: Vec<String> = match ext {
            "html" => Html::parse_document(&std::fs::read_to_string(p).unwrap())
                .select(&links)
                .filter_map(|a| a.value().attr("href").or(a.value().attr("src")))
                .map(str::to_string)
                .collect(),
            "xml" => {
                let text = std::fs::read_to_string(p).unwrap();
                let doc = roxmltree::Document::parse(&text).unwrap();
                doc.descendants()
                    .filter_map(|n| {
                        n.attribute("href").map(str::to_string).or_else(|| {
                            (n.tag_name().name() == "loc")
                                .then(|| n.text().unwrap_or("").to_string())
                        })
                    })
                    .collect()
            }
            _ => continue,
        };
        for href in hrefs {
            let Some(file) = target(&out, &href) else {
                continue;
            };
            assert!(
                href.is_ascii() && !href.contains([' ', '"', '<', '>', '\\']),
                "{} has a link with characters a URL may not hold: {href:?}",
                p.strip_prefix(&out).unwrap().display()
            );
            assert!(
                file.is_file(),
                "{} links to {href}, which leads to no file ({})",
                p.strip_prefix(&out).unwrap().display(),
                file.display()
            );
            followed += 1;
            if href.contains("/documents/") {
                to_documents.push(href);
            }
        }
    }
    assert!(followed > 100, "only {followed} links followed");
    // Each document is linked from the pages (both languages), the timeline
    // and the response that names it.
    for name in NAMES {
        let file = out.join("documents/water-tariffs/files").join(name);
        let n = to_documents
            .iter()
            .filter(|h| target(&out, h).as_deref() == Some(file.as_path()))
            .count();
        assert!(n >= 2, "{name} is linked {n} times: {to_documents:?}");
    }
    // The JSON names the same URLs.
    let json = std::fs::read_to_string(out.join("data/consultations.json")).unwrap();
    assert!(json.contains("report%231.txt"), "{json}");
    assert!(json.contains("a%3Fb.txt"));
    assert!(json.contains("100%2525.txt"));
}

#[test]
fn a_file_name_with_a_colon_or_backslash_is_refused_by_check_at_the_file() {
    for name in ["a:b.txt", "a\\b.txt"] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_dir(&root().join("tests/sites/minimal"), &site);
        // On disk only: the consultation does not even name it, and the
        // build would still copy it.
        std::fs::write(site.join(CONSULTATION).join("files").join(name), "x").unwrap();
        let checked = sablah::build::check_site(&site, common::date()).unwrap();
        let errors: Vec<_> = checked
            .diagnostics
            .resolved(&checked.sources)
            .filter(|d| d.code == "E029")
            .collect();
        assert_eq!(errors.len(), 1, "{name}: {:?}", checked.diagnostics);
        let e = &errors[0];
        assert_eq!(
            e.file.as_deref(),
            Some(format!("{CONSULTATION}/files/{name}").as_str()),
            "{e:?}"
        );
        assert!(e.message.contains(name), "{e:?}");
        assert!(
            e.help.as_deref().is_some_and(|h| h.contains("rename")),
            "{e:?}"
        );
        // And the build refuses with the same diagnostic, before writing.
        let outcome = build(&site, &tmp.path().join("public"));
        assert!(outcome.written.is_none());
        assert!(outcome
            .diagnostics
            .items
            .iter()
            .any(|d| d.code == Code::UnsafePath));
        assert!(!tmp.path().join("public").exists());
    }
}
