//! Citizens' inputs are untrusted: the hostile fixture's payloads must stay
//! inert, and nothing withheld, unconsented or not yet publishable may reach
//! any output file.

mod common;

use std::path::{Path, PathBuf};

use common::{build_ok as build, copy_dir, root};
use std::process::Command;

use scraper::{Html, Selector};

const FRONT: &str = "+++\nreceived = 2026-03-10\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"anonymous\"\nthemes = [\"affordability\"]\nmoderation = \"published\"\n+++\n";

/// The hostile fixture plus the inputs too large to commit: a 10 MB body, a
/// 100,000-character word, lists and quotes nested 10,000 deep.
fn hostile_site(tmp: &Path) -> PathBuf {
    let site = tmp.join("hostile");
    copy_dir(&root().join("tests/sites/hostile"), &site);
    let inputs = site.join("content/consultations/water-tariffs/inputs");
    let paragraph = "The tariff should stay affordable for families in the interior. ";
    let big = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    std::fs::write(inputs.join("i-006.md"), format!("{FRONT}{big}")).unwrap();
    std::fs::write(
        inputs.join("i-007.md"),
        format!("{FRONT}{}", "w".repeat(100_000)),
    )
    .unwrap();
    // `- - - x` nests a list per marker, so one line nests 10,000 deep.
    let nested = format!(
        "{}deep quote\n\n{}deep list\n\n{}deep ordered list\n",
        "> ".repeat(10_000),
        "- ".repeat(10_000),
        "1. ".repeat(10_000)
    );
    std::fs::write(inputs.join("i-008.md"), format!("{FRONT}{nested}")).unwrap();
    site
}

fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn nothing_withheld_unconsented_or_early_reaches_any_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&root().join("tests/sites/hostile"), &out);
    let files = all_files(&out);
    assert!(files.len() > 20);
    let mut control = false;
    for (path, bytes) in &files {
        assert!(
            !contains(bytes, "LEAKMARKER"),
            "a marker leaked into {}",
            path.display()
        );
        control |= contains(bytes, "VISIBLE-CONSENTING-NAME");
    }
    // The search can fail: a name given with consent is found.
    assert!(control, "the consenting name should be published");
    // The search index holds terms, folded and stemmed: "LEAKMARKER-…"
    // is indexed as "leakmark". No index file may hold that term, nor a
    // name (published names are not indexed either); the published text's
    // terms are there, so the scan can fail.
    let leak = sablah::search::stem::term("LEAKMARKER").unwrap();
    let name = sablah::search::stem::term("CONSENTING").unwrap();
    let published = sablah::search::stem::term("agreed").unwrap();
    let mut index_files = 0;
    let mut found_published = false;
    for (path, bytes) in &files {
        let rel = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.contains("/search/") || rel.ends_with("index.html") {
            continue;
        }
        index_files += 1;
        let lower = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(
            !lower.contains(&leak),
            "a withheld or early text is in the search file {rel}"
        );
        assert!(
            !lower.contains("leakmarker"),
            "a marker is in the search file {rel}"
        );
        assert!(!lower.contains(&name), "a name is in the search file {rel}");
        found_published |= lower.contains(&published);
    }
    assert!(index_files >= 6, "the search index is missing");
    assert!(found_published, "the published inputs should be searchable");
    // The open after-close consultation shows its count, not its input page.
    assert!(!out
        .join("en/consultations/open-consultation/inputs/i-001")
        .exists());
}

#[test]
fn hostile_inputs_build_and_nothing_active_survives() {
    let tmp = tempfile::tempdir().unwrap();
    let site = hostile_site(tmp.path());
    let out = tmp.path().join("out");
    build(&site, &out);
    let content = Selector::parse(".citizen-text").unwrap();
    let all = Selector::parse("*").unwrap();
    let links = Selector::parse("a").unwrap();
    let mut inputs_checked = 0;
    for (path, bytes) in all_files(&out) {
        // The .gz and .br copies are binary (tests/hosting.rs proves each
        // decompresses to its original, which is checked here).
        if path.extension().is_some_and(|e| e == "gz" || e == "br") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200B}',
        ] {
            assert!(!text.contains(c), "{:?} in {}", c, path.display());
        }
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(&text);
        for block in doc.select(&content) {
            inputs_checked += 1;
            for el in block.select(&all) {
                let name = el.value().name();
                assert!(
                    ![
                        "script", "img", "iframe", "svg", "style", "object", "embed", "form",
                        "meta", "math", "details", "div", "button"
                    ]
                    .contains(&name),
                    "<{name}> survived in {}",
                    path.display()
                );
                for (attr, _) in el.value().attrs() {
                    assert!(
                        !attr.starts_with("on") && attr != "style" && attr != "src",
                        "attribute {attr} survived in {}",
                        path.display()
                    );
                }
            }
            for a in block.select(&links) {
                // A link whose address was refused keeps no href: inert text.
                if let Some(href) = a.value().attr("href") {
                    assert!(
                        href.starts_with("https://")
                            || href.starts_with("http://")
                            || href.starts_with("mailto:"),
                        "link {href:?} in {}",
                        path.display()
                    );
                }
                assert_eq!(a.value().attr("rel"), Some("nofollow ugc noopener"));
            }
        }
    }
    assert!(inputs_checked > 10, "{inputs_checked}");
    let page =
        std::fs::read_to_string(out.join("en/consultations/water-tariffs/inputs/i-001/index.html"))
            .unwrap();
    assert!(
        page.contains("&lt;script&gt;escaped text stays text"),
        "escaped text is shown as text"
    );
    assert!(
        page.contains("href=\"https://www.example.org/page\""),
        "an ordinary link is kept"
    );
    let bidi =
        std::fs::read_to_string(out.join("en/consultations/water-tariffs/inputs/i-002/index.html"))
            .unwrap();
    assert!(bidi.contains("evil.exe"), "the text itself is kept");
}

#[test]
fn no_payload_runs_in_chromium() {
    assert!(
        root()
            .join("tests/browser/node_modules/playwright-core")
            .is_dir()
            && Path::new("/usr/bin/chromium").exists(),
        "run `bash tests/browser/install.sh` first"
    );
    let tmp = tempfile::tempdir().unwrap();
    let site = hostile_site(tmp.path());
    // The 10 MB page is checked by the HTML test; a browser needs not load it.
    std::fs::remove_file(site.join("content/consultations/water-tariffs/inputs/i-006.md")).unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    let output = Command::new("node")
        .arg(root().join("tests/browser/payload-check.mjs"))
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Six published input pages of the hostile consultation, in two languages.
    let line = stdout
        .lines()
        .find(|l| l.starts_with("payload-checks:"))
        .expect("summary line");
    assert_eq!(line, "payload-checks: 12 passed, 0 failed", "{stdout}");
}

#[test]
fn the_payload_check_can_fail() {
    assert!(
        root()
            .join("tests/browser/node_modules/playwright-core")
            .is_dir(),
        "run `bash tests/browser/install.sh` first"
    );
    let output = Command::new("node")
        .arg(root().join("tests/browser/payload-check.mjs"))
        .arg(root().join("tests/browser/fixtures/pwned"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(stdout.contains("payload ran"), "{stdout}");
}

#[test]
fn personal_data_is_masked_in_every_line_of_the_human_report() {
    let cases = [
        (
            "tests/invalid/E017-personal-data",
            &["ahmed.said@example.com", "٩١٢٣٤٥٦٧", "١٢٣٤٥٦٧"][..],
        ),
        (
            "tests/invalid/E017-personal-data-civil-id-and-names",
            &[
                "12345678",
                "١٢٣٤٥٦٧٨",
                "23456789",
                "salim@example.com",
                "234567",
            ][..],
        ),
    ];
    for (dir, details) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_sablah"))
            .args([
                "check",
                root().join(dir).to_str().unwrap(),
                "--date",
                "2026-11-27",
            ])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(report.contains("E017"), "{report}");
        // The snippet is there (the line around the finding) and masked.
        assert!(report.contains("│"), "no snippet: {report}");
        assert!(report.contains("••••"), "{report}");
        for detail in details {
            assert!(
                !report.contains(detail),
                "{dir}: {detail} printed in clear:\n{report}"
            );
        }
    }
}

#[test]
fn an_anonymous_input_never_shows_the_name_it_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&root().join("tests/invalid/W009-anonymous-named"), &out);
    let files = all_files(&out);
    assert!(files.len() > 20);
    for (path, bytes) in &files {
        assert!(
            !contains(bytes, "Salim Al-Unnamed"),
            "the anonymous input's name is in {}",
            path.display()
        );
    }
    // The input itself is published.
    assert!(out
        .join("en/consultations/water-tariffs/inputs/i-001/index.html")
        .is_file());
}

/// Agency Markdown with raw HTML and links that would run: what each
/// output (pages and feeds alike) must not carry.
const AGENCY_PAYLOAD: &str = "<script>alert('AGENCYSCRIPT')</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">a</a> [j](javascript:alert(3)) [d](data:text/html;base64,PHNjcmlwdD4=) <iframe src=\"https://evil.example/\"></iframe> <svg onload=alert(4)></svg>";

#[test]
fn agency_markdown_is_sanitised_in_pages_and_feeds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    let c = site.join("content/consultations/water-tariffs");
    for (file, from, to) in [
        (
            "consultation.en.md",
            "summary = \"We consult you on water tariffs.\"",
            format!(
                "summary = \"We consult you. {}\"",
                AGENCY_PAYLOAD.replace('"', "\\\"")
            ),
        ),
        (
            "consultation.en.md",
            "The consultation text.",
            format!("The consultation text.\n\n{AGENCY_PAYLOAD}"),
        ),
        (
            "decision.en.md",
            "The reasons for the decision.",
            format!("The reasons.\n\n{AGENCY_PAYLOAD}"),
        ),
        (
            "decision.toml",
            "en = \"We will lower the first tier.\"",
            format!("en = \"{}\"", AGENCY_PAYLOAD.replace('"', "\\\"")),
        ),
    ] {
        let path = c.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}");
        std::fs::write(&path, text.replace(from, &to)).unwrap();
    }
    let page = site.join("content/pages/moderation-policy.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n\n{AGENCY_PAYLOAD}\n")).unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    let mut seen = 0;
    for (path, bytes) in all_files(&out) {
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "xml") {
            continue;
        }
        // Feeds carry HTML escaped as text: read it unescaped.
        let text = String::from_utf8(bytes).unwrap();
        let text = if ext == "xml" {
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        } else {
            text
        };
        seen += usize::from(text.contains("We consult you."));
        // Read as a browser (or a feed reader) would: no element that runs
        // or embeds, no event attribute, no link that runs.
        let doc = Html::parse_document(&text);
        for el in doc.select(&Selector::parse("*").unwrap()) {
            let name = el.value().name();
            assert!(
                !matches!(name, "iframe" | "svg" | "object" | "embed"),
                "<{name}> in {}",
                path.display()
            );
            if name == "script" {
                let js: String = el.text().collect();
                assert!(
                    !js.contains("AGENCYSCRIPT"),
                    "a script in {}",
                    path.display()
                );
            }
            for (attr, value) in el.value().attrs() {
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    !attr.starts_with("on")
                        && !v.starts_with("javascript:")
                        && !v.starts_with("data:")
                        && !v.starts_with("vbscript:"),
                    "{attr}={value:?} on <{name}> in {}",
                    path.display()
                );
            }
        }
    }
    // The summary with the payload did reach pages and the feed.
    assert!(seen >= 3, "the summary is in only {seen} files");
    let feed = std::fs::read_to_string(out.join("en/feed.xml")).unwrap();
    assert!(feed.contains("We consult you."), "{feed}");
}
