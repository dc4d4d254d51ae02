//! The site speaks to machines (issue 5): the demo site and each example
//! are built, and every machine-readable file is read back with a real
//! parser — the JSON against its JSON Schema (jsonschema), the CSV with the
//! csv crate, the feeds with feed-rs, the calendars with ical, the sitemap
//! with roxmltree — and checked for its content: every consultation
//! present, alternates reciprocal, the manifest true to the files, the
//! build byte-identical when repeated, and no withheld input's words or
//! unpublished name in any file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sablah::build::{build_site, BuildOptions};
use sablah::model::Date;
use sha2::{Digest, Sha256};

const BUILD_DATE: &str = "2026-11-27";
const BOM: &str = "\u{feff}";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sites() -> Vec<PathBuf> {
    vec![
        root(),
        root().join("examples/municipality"),
        // Every addition of content format 1.1.
        root().join("tests/sites/format-1-1"),
    ]
}

/// Builds `site` into a fresh folder and returns every file written.
fn build(site: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let outcome = build_site(
        site,
        &BuildOptions {
            output: Some(out.to_path_buf()),
            date: Date::parse(BUILD_DATE).unwrap(),
            verbose: false,
        },
    )
    .unwrap();
    assert!(
        outcome.written.is_some(),
        "{} did not build: {:?}",
        site.display(),
        outcome.diagnostics
    );
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written"))
            .clone(),
    )
    .unwrap()
}

/// The output path of an absolute URL of the site.
fn path_of(url: &str, base: &str) -> String {
    let rel = url
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not under {base}"))
        .trim_start_matches('/');
    let rel = rel.split('#').next().unwrap();
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// What the sources say must never be published: the distinctive
/// sentences of withheld inputs and of their translations, and the names
/// of authors who did not agree to be named (or whose input is withheld).
struct Secrets {
    sentences: Vec<String>,
    names: Vec<String>,
    /// (consultation slug, input id) of withheld inputs.
    withheld: BTreeSet<(String, String)>,
}

fn front_value(front: &str, key: &str) -> Option<String> {
    front.lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn secrets(site: &Path) -> Secrets {
    let mut s = Secrets {
        sentences: Vec::new(),
        names: Vec::new(),
        withheld: BTreeSet::new(),
    };
    let consultations = site.join("content/consultations");
    for c in std::fs::read_dir(&consultations).unwrap() {
        let c = c.unwrap().path();
        let slug = c.file_name().unwrap().to_string_lossy().to_string();
        let Ok(inputs) = std::fs::read_dir(c.join("inputs")) else {
            continue;
        };
        let mut files: Vec<PathBuf> = inputs.map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut withheld_ids = BTreeSet::new();
        for f in &files {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            let Some(id) = name.strip_suffix(".md").filter(|n| !n.contains('.')) else {
                continue;
            };
            let source = std::fs::read_to_string(f).unwrap();
            let rest = source.strip_prefix("+++").unwrap();
            let (front, body) = rest.split_once("\n+++").unwrap();
            let withheld = front_value(front, "moderation").as_deref() == Some("withheld");
            let named = front_value(front, "publish_name").as_deref() == Some("true");
            if let Some(n) = front_value(front, "name") {
                if withheld || !named {
                    s.names.push(n);
                }
            }
            // A permalink identifies its author: like a name (1.1).
            if let Some(url) = front_value(front, "source_url") {
                if withheld || !named {
                    s.names.push(url);
                }
            }
            if withheld {
                withheld_ids.insert(id.to_string());
                s.withheld.insert((slug.clone(), id.to_string()));
                s.sentences.extend(sentences(body));
            }
        }
        // Their agency translations too.
        for f in &files {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".md") else {
                continue;
            };
            if let Some((id, _lang)) = stem.split_once('.') {
                if withheld_ids.contains(id) {
                    s.sentences
                        .extend(sentences(&std::fs::read_to_string(f).unwrap()));
                }
            }
        }
    }
    s
}

/// Sentences long enough to be distinctive.
fn sentences(body: &str) -> Vec<String> {
    body.split(['.', '!', '?', '؟', '\n', '،', ','])
        .map(|x| x.trim().to_string())
        .filter(|x| x.chars().count() >= 24)
        .collect()
}

#[test]
fn no_withheld_input_or_unpublished_name_appears_in_any_output_file() {
    for site in sites() {
        let s = secrets(&site);
        assert!(
            !s.sentences.is_empty() && !s.names.is_empty(),
            "{} has withheld inputs and unpublished names to test with",
            site.display()
        );
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        // The detector finds what it looks for: the sources hold the words.
        let source = std::fs::read_to_string(site.join(format!(
            "content/consultations/{}/inputs/{}.md",
            s.withheld.first().unwrap().0,
            s.withheld.first().unwrap().1
        )))
        .unwrap();
        assert!(s.sentences.iter().any(|x| source.contains(x.as_str())));
        for (path, bytes) in &files {
            let Ok(text) = std::str::from_utf8(bytes) else {
                continue;
            };
            // The XML and JSON formats escape quotes and ampersands; compare
            // with the text unescaped as well.
            let unescaped = text
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
                .replace("\\\"", "\"");
            for sentence in &s.sentences {
                assert!(
                    !text.contains(sentence.as_str()) && !unescaped.contains(sentence.as_str()),
                    "{path} contains words of a withheld input: {sentence:?}"
                );
            }
            for name in &s.names {
                assert!(
                    !text.contains(name.as_str()),
                    "{path} contains an unpublished name: {name:?}"
                );
            }
        }
    }
}

#[test]
fn consultations_json_matches_its_schema_and_holds_every_consultation() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/consultations.schema.json")).unwrap();
    let loose = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    // Strict: every object the schema describes may hold only the fields
    // it names, so a field added to the output without the schema fails.
    let mut strict_schema = schema.clone();
    close_objects(&mut strict_schema);
    let strict = jsonschema::options()
        .should_validate_formats(true)
        .build(&strict_schema)
        .unwrap();
    for site in sites() {
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        assert_eq!(
            text(&files, "data/consultations.schema.json"),
            include_str!("../schemas/consultations.schema.json")
        );
        let data: serde_json::Value =
            serde_json::from_str(&text(&files, "data/consultations.json")).unwrap();
        for v in [&loose, &strict] {
            let errors: Vec<String> = v
                .iter_errors(&data)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", site.display());
        }
        // The validators can fail: an unknown field, a day that does not exist.
        let mut extra = data.clone();
        extra["consultations"][0]["surprise"] = serde_json::json!(1);
        assert!(loose.is_valid(&extra) && !strict.is_valid(&extra));
        let mut bad_date = data.clone();
        bad_date["consultations"][0]["opens"] = serde_json::json!("2026-13-45");
        assert!(!loose.is_valid(&bad_date));
        assert_eq!(data["build_date"], BUILD_DATE);
        let base = data["site"]["base_url"].as_str().unwrap().to_string();
        let slugs: BTreeSet<String> = std::fs::read_dir(site.join("content/consultations"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        let listed: BTreeSet<String> = data["consultations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(listed, slugs, "every consultation is in the open data");
        for c in data["consultations"].as_array().unwrap() {
            assert_eq!(c["status_as_of"], BUILD_DATE);
            for (lang, urls) in c["urls"].as_object().unwrap() {
                for key in ["page", "inputs", "feed", "calendar"] {
                    let p = path_of(urls[key].as_str().unwrap(), &base);
                    assert!(
                        files.contains_key(&p),
                        "{lang} {key} of {}: {p} does not exist",
                        c["slug"]
                    );
                }
            }
            if let Some(d) = c["decision"].as_object() {
                for r in d["responses"].as_array().unwrap() {
                    for id in r["inputs"].as_array().unwrap() {
                        let page = format!(
                            "en/consultations/{}/inputs/{}/index.html",
                            c["slug"].as_str().unwrap(),
                            id.as_str().unwrap()
                        );
                        assert!(
                            files.contains_key(&page),
                            "answered input {page} has a page"
                        );
                    }
                }
            }
        }
        for key in [
            "consultations",
            "schema",
            "inputs",
            "inputs_dictionary",
            "manifest",
            "checksums",
        ] {
            let p = path_of(data["site"]["data"][key].as_str().unwrap(), &base);
            assert!(files.contains_key(&p), "{p}");
        }
    }
}

/// Adds `additionalProperties: false` to every object schema with
/// `properties` that does not say otherwise.
fn close_objects(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert(
                    "additionalProperties".into(),
                    serde_json::Value::Bool(false),
                );
            }
            for (_, child) in map.iter_mut() {
                close_objects(child);
            }
        }
        serde_json::Value::Array(list) => list.iter_mut().for_each(close_objects),
        _ => {}
    }
}

#[test]
fn inputs_csv_has_one_row_per_visible_published_input_and_opens_as_utf8() {
    for site in sites() {
        let s = secrets(&site);
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        let data: serde_json::Value =
            serde_json::from_str(&text(&files, "data/consultations.json")).unwrap();
        let base = data["site"]["base_url"].as_str().unwrap().to_string();
        let csv_text = text(&files, "data/inputs.csv");
        assert!(
            csv_text.starts_with(BOM),
            "the CSV starts with a byte order mark"
        );
        let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches(BOM).as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            headers[..15.min(headers.len())],
            [
                "consultation_id",
                "consultation_slug",
                "input_id",
                "received",
                "channel",
                "language",
                "author",
                "organisation",
                "name",
                "themes",
                "questions",
                "responses",
                "response_results",
                "url",
                "text"
            ]
        );
        // Content format 1.1 adds its columns after these, when used.
        if headers.len() > 15 {
            assert_eq!(
                headers[15..],
                [
                    "title",
                    "posted",
                    "platform",
                    "source_url",
                    "in_reply_to",
                    "attachments",
                    "translated_by"
                ]
            );
        }
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("RFC 4180")).collect();
        let expected: u64 = data["consultations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["inputs_visible"] == true)
            .map(|c| c["statistics"]["published"].as_u64().unwrap())
            .sum();
        assert_eq!(rows.len() as u64, expected, "{}", site.display());
        assert!(!rows.is_empty());
        let mut seen = BTreeSet::new();
        for row in &rows {
            let key = (row[1].to_string(), row[2].to_string());
            assert!(
                !s.withheld.contains(&key),
                "withheld input {key:?} has a row"
            );
            assert!(seen.insert(key.clone()), "{key:?} twice");
            assert!(!row[14].trim().is_empty(), "{key:?} has its text");
            assert!(
                files.contains_key(&path_of(&row[13], &base)),
                "{} exists",
                &row[13]
            );
            assert_eq!(
                row[11].split(';').filter(|x| !x.is_empty()).count(),
                row[12].split(';').filter(|x| !x.is_empty()).count()
            );
        }
        assert!(
            rows.iter()
                .any(|r| r[14].chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))),
            "Arabic text survives"
        );
        let dictionary = text(&files, "data/inputs.dictionary.csv");
        let mut reader = csv::Reader::from_reader(dictionary.trim_start_matches(BOM).as_bytes());
        let described: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        assert_eq!(described, headers, "the dictionary describes every column");
        for lang in ["ar", "en"] {
            let readme = text(&files, &format!("data/README.{lang}.txt"));
            assert!(
                readme.contains("sha256sum -c data/SHA256SUMS") && readme.contains("65/2008"),
                "{lang} readme"
            );
        }
    }
}

#[test]
fn atom_feeds_parse_and_cover_every_consultation_with_stable_ids() {
    for site in sites() {
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        let data: serde_json::Value =
            serde_json::from_str(&text(&files, "data/consultations.json")).unwrap();
        for lang in ["ar", "en"] {
            let site_feed = feed_rs::parser::parse(files[&format!("{lang}/feed.xml")].as_slice())
                .expect("the site feed parses");
            assert_eq!(site_feed.feed_type, feed_rs::model::FeedType::Atom);
            assert!(site_feed.id.starts_with("tag:"));
            assert_eq!(site_feed.language.as_deref(), Some(lang));
            let ids: BTreeSet<&str> = site_feed.entries.iter().map(|e| e.id.as_str()).collect();
            assert_eq!(ids.len(), site_feed.entries.len(), "entry ids are unique");
            for c in data["consultations"].as_array().unwrap() {
                let slug = c["slug"].as_str().unwrap();
                let feed = feed_rs::parser::parse(
                    files[&format!("{lang}/consultations/{slug}/feed.xml")].as_slice(),
                )
                .expect("a consultation feed parses");
                let opened = c["opens"].as_str().unwrap() <= BUILD_DATE;
                assert_eq!(
                    !feed.entries.is_empty(),
                    opened,
                    "{slug}: entries once opened"
                );
                for e in &feed.entries {
                    assert!(
                        e.id.starts_with("tag:") && e.id.contains(&format!("/{lang}/")),
                        "{}",
                        e.id
                    );
                    assert!(
                        e.updated.unwrap().date_naive()
                            <= chrono::NaiveDate::parse_from_str(BUILD_DATE, "%Y-%m-%d").unwrap(),
                        "no entry from the future"
                    );
                    assert!(e.title.is_some() && !e.links.is_empty());
                    assert!(
                        ids.contains(e.id.as_str()),
                        "{slug}'s entry {} is in the site feed too",
                        e.id
                    );
                }
                let decided = c["decision"].is_object();
                assert_eq!(
                    feed.entries.iter().any(|e| e.id.ends_with("/decision")),
                    decided,
                    "{slug}: the decision is news"
                );
            }
        }
    }
}

fn prop<'a>(
    props: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

#[test]
fn calendars_parse_with_a_period_per_consultation_and_each_due_date_still_to_meet() {
    for site in sites() {
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        let data: serde_json::Value =
            serde_json::from_str(&text(&files, "data/consultations.json")).unwrap();
        let consultations = data["consultations"].as_array().unwrap();
        let mut uids_by_file: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for path in [
            "consultations.ics",
            "ar/consultations.ics",
            "en/consultations.ics",
        ] {
            let mut parser = ical::IcalParser::new(std::io::BufReader::new(files[path].as_slice()));
            let cal = parser
                .next()
                .expect("one calendar")
                .expect("the calendar parses");
            assert!(parser.next().is_none());
            assert_eq!(
                prop(&cal.properties, "VERSION").unwrap().value.as_deref(),
                Some("2.0")
            );
            assert!(prop(&cal.properties, "PRODID").is_some());
            // The comment period of each, and the decision due date of
            // those still undecided (once decided, it is no event to come).
            let due_events = consultations
                .iter()
                .filter(|c| c["decision_due"].is_string() && c["decision"].is_null())
                .count();
            assert_eq!(cal.events.len(), consultations.len() + due_events);
            let mut uids = BTreeSet::new();
            for e in &cal.events {
                for name in ["DTSTART", "DTEND"] {
                    let p = prop(&e.properties, name).unwrap_or_else(|| panic!("{name}"));
                    let all_day = p
                        .params
                        .as_ref()
                        .is_some_and(|ps| ps.iter().any(|(k, v)| k == "VALUE" && v == &["DATE"]));
                    let value = p.value.as_deref().unwrap();
                    if all_day {
                        assert_eq!(value.len(), 8, "{name} {value}");
                    } else {
                        // A closing time (1.1): an instant in UTC.
                        assert!(
                            value.len() == 16
                                && value.ends_with('Z')
                                && value.as_bytes()[8] == b'T',
                            "{name} {value}"
                        );
                    }
                }
                assert!(
                    prop(&e.properties, "DTEND").unwrap().value
                        > prop(&e.properties, "DTSTART").unwrap().value
                );
                assert!(
                    prop(&e.properties, "DTSTAMP").is_some()
                        && prop(&e.properties, "SUMMARY").is_some()
                );
                assert!(
                    uids.insert(prop(&e.properties, "UID").unwrap().value.clone().unwrap()),
                    "UIDs are unique"
                );
            }
            for c in consultations {
                let id = c["id"].as_str().unwrap();
                let opens = c["opens"].as_str().unwrap().replace('-', "");
                let window = cal
                    .events
                    .iter()
                    .find(|e| {
                        prop(&e.properties, "UID")
                            .unwrap()
                            .value
                            .as_deref()
                            .unwrap()
                            .starts_with(&format!("{id}-comment-period@"))
                    })
                    .unwrap_or_else(|| panic!("{id} has its comment period"));
                // All day, or (with a closing time) from the start of that
                // day; the 1.1 fixture's zone is UTC+0 in March and November.
                let start = prop(&window.properties, "DTSTART").unwrap();
                assert!(
                    start.value.as_deref().unwrap().starts_with(opens.as_str()),
                    "{id}: {:?}",
                    start.value
                );
            }
            uids_by_file.insert(path, uids);
        }
        assert_eq!(
            uids_by_file["ar/consultations.ics"], uids_by_file["en/consultations.ics"],
            "the same events in every language"
        );
        assert_eq!(
            files["consultations.ics"], files["ar/consultations.ics"],
            "the root calendar is the default language's"
        );
        for c in consultations {
            for lang in ["ar", "en"] {
                let path = format!(
                    "{lang}/consultations/{}/calendar.ics",
                    c["slug"].as_str().unwrap()
                );
                let cal = ical::IcalParser::new(std::io::BufReader::new(files[&path].as_slice()))
                    .next()
                    .unwrap()
                    .expect("parses");
                let due = c["decision_due"].is_string() && c["decision"].is_null();
                assert_eq!(cal.events.len(), 1 + due as usize, "{path}");
            }
        }
    }
}

#[test]
fn sitemap_lists_every_page_with_reciprocal_alternates_and_robots_points_to_it() {
    for site in sites() {
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        let data: serde_json::Value =
            serde_json::from_str(&text(&files, "data/consultations.json")).unwrap();
        let base = data["site"]["base_url"].as_str().unwrap().to_string();
        let xml = text(&files, "sitemap.xml");
        let doc = roxmltree::Document::parse(&xml).expect("the sitemap parses");
        const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
        const XHTML: &str = "http://www.w3.org/1999/xhtml";
        assert!(doc.root_element().has_tag_name((SM, "urlset")));
        let mut alternates: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for url in doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((SM, "url")))
        {
            let loc = url
                .children()
                .find(|n| n.has_tag_name((SM, "loc")))
                .unwrap()
                .text()
                .unwrap()
                .to_string();
            let links: BTreeMap<String, String> = url
                .children()
                .filter(|n| n.has_tag_name((XHTML, "link")))
                .map(|n| {
                    assert_eq!(n.attribute("rel"), Some("alternate"));
                    (
                        n.attribute("hreflang").unwrap().to_string(),
                        n.attribute("href").unwrap().to_string(),
                    )
                })
                .collect();
            assert!(alternates.insert(loc, links).is_none(), "each URL once");
        }
        // Every HTML page but the not-found page, and nothing else.
        let pages: BTreeSet<String> = files
            .keys()
            .filter(|p| p.ends_with(".html") && *p != "404.html")
            .cloned()
            .collect();
        let listed: BTreeSet<String> = alternates.keys().map(|u| path_of(u, &base)).collect();
        assert_eq!(listed, pages);
        for (loc, links) in &alternates {
            if loc == &format!("{base}/") {
                continue;
            }
            assert_eq!(
                links.keys().cloned().collect::<Vec<_>>(),
                ["ar", "en", "x-default"],
                "{loc}"
            );
            assert_eq!(
                links["x-default"], links["ar"],
                "x-default is the default language"
            );
            assert!(
                links.values().any(|h| h == loc),
                "{loc} is among its own alternates"
            );
            for (lang, href) in links.iter().filter(|(l, _)| *l != "x-default") {
                let theirs = alternates
                    .get(href)
                    .unwrap_or_else(|| panic!("{lang} alternate {href} is listed"));
                assert_eq!(
                    theirs, links,
                    "alternates of {loc} and {href} are reciprocal"
                );
            }
        }
        let robots = text(&files, "robots.txt");
        assert!(
            robots
                .lines()
                .any(|l| l == format!("Sitemap: {base}/sitemap.xml")),
            "{robots}"
        );
    }
}

#[test]
fn manifest_lists_every_file_with_its_true_size_and_hash() {
    for site in sites() {
        let tmp = tempfile::tempdir().unwrap();
        let files = build(&site, &tmp.path().join("site"));
        let manifest: serde_json::Value =
            serde_json::from_str(&text(&files, "data/manifest.json")).unwrap();
        let listed: BTreeMap<String, (u64, String)> = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    (
                        f["size"].as_u64().unwrap(),
                        f["sha256"].as_str().unwrap().to_string(),
                    ),
                )
            })
            .collect();
        let expected: BTreeMap<String, (u64, String)> = files
            .iter()
            .filter(|(p, _)| *p != "data/manifest.json" && *p != "data/SHA256SUMS")
            // The compressed copies are encodings of listed files, not listed
            // themselves (tests/hosting.rs checks that they decompress to them).
            .filter(|(p, _)| {
                let stem = p.strip_suffix(".gz").or_else(|| p.strip_suffix(".br"));
                stem.is_none_or(|s| !files.contains_key(s))
            })
            .map(|(p, b)| (p.clone(), (b.len() as u64, hex(&Sha256::digest(b)))))
            .collect();
        assert_eq!(listed, expected, "{}", site.display());
        assert_eq!(
            manifest["file_count"].as_u64().unwrap() as usize,
            expected.len()
        );
        let sums = &files["data/SHA256SUMS"];
        assert_eq!(
            manifest["root_sha256"].as_str().unwrap(),
            hex(&Sha256::digest(sums))
        );
        let lines: Vec<String> = expected
            .iter()
            .map(|(p, (_, h))| format!("{h}  {p}"))
            .collect();
        assert_eq!(
            String::from_utf8(sums.clone()).unwrap(),
            lines.join("\n") + "\n",
            "SHA256SUMS is what sha256sum prints"
        );
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn rebuilding_gives_byte_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let a = build(&root(), &tmp.path().join("a"));
    let b = build(&root(), &tmp.path().join("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn pages_link_to_their_feeds_and_calendars() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build(&root(), &tmp.path().join("site"));
    for lang in ["ar", "en"] {
        let home = scraper::Html::parse_document(&text(&files, &format!("{lang}/index.html")));
        let sel = scraper::Selector::parse(r#"link[rel="alternate"][type="application/atom+xml"]"#)
            .unwrap();
        let hrefs: Vec<&str> = home
            .select(&sel)
            .filter_map(|e| e.value().attr("href"))
            .collect();
        assert_eq!(hrefs, [format!("/{lang}/feed.xml")]);
        let page = scraper::Html::parse_document(&text(
            &files,
            &format!("{lang}/consultations/aflaj-water-shares/index.html"),
        ));
        let hrefs: Vec<&str> = page
            .select(&sel)
            .filter_map(|e| e.value().attr("href"))
            .collect();
        assert!(
            hrefs.contains(&format!("/{lang}/consultations/aflaj-water-shares/feed.xml").as_str()),
            "{hrefs:?}"
        );
        let a = scraper::Selector::parse("section.follow a").unwrap();
        let links: Vec<&str> = page
            .select(&a)
            .filter_map(|e| e.value().attr("href"))
            .collect();
        assert_eq!(
            links,
            [
                format!("/{lang}/consultations/aflaj-water-shares/calendar.ics"),
                format!("/{lang}/consultations/aflaj-water-shares/feed.xml")
            ]
        );
        for l in links {
            assert!(files.contains_key(l.trim_start_matches('/')), "{l} exists");
        }
    }
}
