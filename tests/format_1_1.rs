//! Content format 1.1: each addition, built from `tests/sites/format-1-1`
//! and read back from the files produced (pages with an HTML parser, open
//! data with a JSON parser). The open-data tests (`open_data.rs`) build the
//! same site too: schema (strict), CSV, feeds, calendars and the leak scan.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sablah::build::{build_site, BuildOptions};
use sablah::model::Date;
use scraper::{Html, Selector};

fn site() -> PathBuf {
    common::root().join("tests/sites/format-1-1")
}

/// Builds the 1.1 site as of `date` and returns every file written.
fn build_as_of(date: &str, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let outcome = build_site(
        &site(),
        &BuildOptions {
            output: Some(out.to_path_buf()),
            date: Date::parse(date).unwrap(),
            verbose: false,
        },
    )
    .unwrap();
    assert!(
        outcome.written.is_some(),
        "the 1.1 site builds: {:?}",
        outcome.diagnostics
    );
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(out).unwrap();
            files.insert(
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            );
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

fn html(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Html {
    Html::parse_document(&text(files, path))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn hrefs(doc: &Html) -> Vec<String> {
    select(doc, "a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

fn json(files: &BTreeMap<String, Vec<u8>>) -> serde_json::Value {
    serde_json::from_str(&text(files, "data/consultations.json")).unwrap()
}

fn record<'a>(data: &'a serde_json::Value, slug: &str) -> &'a serde_json::Value {
    data["consultations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == slug)
        .unwrap()
}

const DECIDED: &str = "en/consultations/desal-summary/index.html";

#[test]
fn a_document_given_by_url_is_linked_as_it_is_with_its_metadata() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let page = html(&files, DECIDED);
    let links = hrefs(&page);
    assert!(links.contains(&"https://www.example.gov.om/draft.pdf".to_string()));
    assert!(
        links.contains(&"https://www.example.gov.om/final.pdf".to_string()),
        "a response's `changes` URL too"
    );
    assert!(
        !links
            .iter()
            .any(|l| l.contains("/documents/") && l.contains("https")),
        "{links:?}"
    );
    let body = page.root_element().text().collect::<String>();
    assert!(
        !body.contains("0 B"),
        "no size for a document on another site"
    );
    assert!(
        body.contains("33 pages") && body.contains("MOH/26/114"),
        "{body}"
    );
    assert!(links.contains(&"mailto:accessible-formats@example.gov.om".to_string()));
    let data = json(&files);
    let c = record(&data, "desal-summary");
    let doc = &c["documents"][0];
    assert_eq!(doc["url"], "https://www.example.gov.om/draft.pdf");
    assert_eq!(doc["phase"], "consultation");
    assert_eq!(doc["pages"], 33);
    assert_eq!(
        c["decision"]["responses"][0]["changes_url"],
        "https://www.example.gov.om/final.pdf"
    );
    // The outcome's own document is a local file, copied.
    let outcome_doc = c["decision"]["documents"][0]["url"].as_str().unwrap();
    assert!(outcome_doc.ends_with("/documents/desal-summary/files/final.txt"));
    assert!(files.contains_key("documents/desal-summary/files/final.txt"));
}

#[test]
fn declared_totals_count_what_was_received_and_say_what_is_published() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let data = json(&files);
    let s = &record(&data, "desal-summary")["statistics"];
    // web 1450 and email 612 declared; social: the one file.
    assert_eq!(s["received"], 1450 + 612 + 1);
    assert_eq!(s["declared"], true);
    assert_eq!(s["published"], 3);
    assert_eq!(s["withheld"], 1);
    assert_eq!(s["by_channel"]["web"], 1450);
    let page = text(&files, DECIDED);
    assert!(page.contains("2063"), "the total received is shown");
    assert!(page.contains("Inputs published one by one that were answered"));
    assert!(
        page.contains("HEARD-SUMMARY-EN"),
        "the summary of what was heard"
    );
    assert!(text(&files, "ar/consultations/desal-summary/index.html").contains("HEARD-SUMMARY-AR"));
}

#[test]
fn nothing_dated_after_the_build_date_is_published() {
    let tmp = tempfile::tempdir().unwrap();
    // Before the decision (20 May) and after the reply (20 March).
    let files = build_as_of("2026-04-15", tmp.path());
    let data = json(&files);
    let c = record(&data, "desal-summary");
    assert_eq!(c["status"], "under-review");
    assert!(c["decision"].is_null());
    assert_eq!(c["replies"].as_array().unwrap().len(), 1);
    assert!(c.get("decision_due").is_none(), "no date was committed");
    let page = html(&files, DECIDED);
    assert!(select(&page, "#decision").is_empty());
    let body = text(&files, DECIDED);
    assert!(body.contains("REPLY-EN"));
    assert!(body.contains("has not committed to a date"));
    assert!(!body.contains("Rationale en"));
    // The open consultation of November does not exist yet... it is
    // upcoming, and its input of 10 November is not received.
    let open = record(&data, "open-call");
    assert_eq!(open["status"], "upcoming");
    assert_eq!(open["statistics"]["received"], 0);
    for (path, bytes) in &files {
        let t = String::from_utf8_lossy(bytes);
        assert!(
            !t.contains("Rationale en"),
            "{path} shows the decision early"
        );
    }

    // Before the reply: it is not public yet either.
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-03-10", tmp.path());
    let c = record(&json(&files), "desal-summary").clone();
    assert_eq!(c["status"], "open");
    assert!(c.get("replies").is_none());
    assert!(!text(&files, DECIDED).contains("REPLY-EN"));
    assert_eq!(c["statistics"]["published"], 3, "inputs of 5 to 7 March");
}

#[test]
fn a_closing_time_is_shown_in_the_site_zone_and_the_calendar_has_the_instant() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let body = text(&files, DECIDED);
    // 31 March 2026 is British Summer Time.
    assert!(
        body.contains("at 23:59 (UTC+01:00)"),
        "closing time and zone"
    );
    let data = json(&files);
    let c = record(&data, "desal-summary");
    assert_eq!(c["closes"], "2026-03-31");
    assert_eq!(c["closes_at"], "2026-03-31T22:59:00Z");
    assert_eq!(data["site"]["timezone"], "Europe/London");
    let ics = text(&files, "en/consultations/desal-summary/calendar.ics");
    assert!(ics.contains("DTEND:20260331T225900Z"), "{ics}");
    assert!(!ics.contains("decision-due"), "no date committed, no event");
    // An open consultation says how to take part, with the time.
    let open = text(&files, "en/consultations/open-call/index.html");
    assert!(open.contains("Send your views by 15 December 2026 at 12:00 (UTC+00:00)"));
}

#[test]
fn hijri_first_when_the_site_lists_it_first() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let page = html(&files, DECIDED);
    let opens = select(&page, "time[datetime='2026-03-01']");
    let first = opens.first().expect("the opening date");
    assert!(
        first.text().collect::<String>().contains("1447"),
        "Hijri is the main date"
    );
    let gregorian = first
        .next_siblings()
        .filter_map(scraper::ElementRef::wrap)
        .next()
        .unwrap();
    assert_eq!(gregorian.value().attr("class"), Some("gregorian"));
    assert!(gregorian
        .text()
        .collect::<String>()
        .contains("1 March 2026"));
}

#[test]
fn several_units_and_the_ways_to_take_part_are_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let body = text(&files, DECIDED);
    assert!(body.contains("Policy unit, Legal unit"));
    let data = json(&files);
    let c = record(&data, "desal-summary");
    assert_eq!(c["unit"]["key"], "policy-unit", "the lead");
    assert_eq!(c["units"][1]["key"], "legal-unit");
    assert_eq!(
        c["participation"][0]["address"],
        "https://forms.example.gov.om/desal"
    );
    let open = html(&files, "en/consultations/open-call/index.html");
    let links = hrefs(&open);
    assert!(links.contains(&"https://forms.example.gov.om/default".to_string()));
    assert!(
        links.contains(&"mailto:consultations@moh.example.gov.om?subject=MOH-2026-8".to_string()),
        "{links:?}"
    );
}

#[test]
fn a_permalink_needs_consent_and_attachments_titles_replies_and_translations_show() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let named_page = html(
        &files,
        "en/consultations/desal-summary/inputs/i-2/index.html",
    );
    assert!(hrefs(&named_page).contains(&"https://x.com/named/status/1".to_string()));
    let named = named_page.root_element().html();
    let named = named.replace("&#x2F;", "/");
    assert!(named.contains("Lower the first tier"));
    assert!(
        named.contains("This is a machine translation"),
        "who translated it"
    );
    assert!(named.contains("/documents/desal-summary/files/i-2-table.csv"));
    assert!(files.contains_key("documents/desal-summary/files/i-2-table.csv"));
    assert!(named.contains("Posted by its author"));
    let anonymous = text(
        &files,
        "en/consultations/desal-summary/inputs/i-9/index.html",
    );
    assert!(anonymous.contains("(X)"), "the platform of a social input");
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("secret-permalink"),
            "{path} publishes a permalink without consent"
        );
    }
    let reply = html(
        &files,
        "en/consultations/desal-summary/inputs/i-10/index.html",
    );
    assert!(
        hrefs(&reply).iter().any(|h| h.ends_with("/inputs/i-2/")),
        "in reply to i-2"
    );
    let redacted = select(&reply, ".citizen-text .redacted");
    assert_eq!(redacted.len(), 1);
    assert_eq!(
        redacted[0].text().collect::<String>(),
        "[removed: personal data]"
    );
    let words = select(&reply, ".citizen-text p")[0].inner_html();
    assert!(
        words.contains(".<br>") && words.contains("Second line"),
        "{words}"
    );
}

#[test]
fn pending_inputs_are_counted_never_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let data = json(&files);
    assert_eq!(record(&data, "open-call")["statistics"]["pending"], 1);
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("PENDING-CANARY"),
            "{path} shows a pending input"
        );
    }
    assert!(!files.keys().any(|p| p.contains("open-call/inputs/i-1")));
    let list = text(&files, "en/consultations/open-call/inputs/index.html");
    assert!(list.contains("One more is under review"));
    assert!(!list.contains("input-i-1"));
}

#[test]
fn input_ids_sort_by_their_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let list = text(&files, "en/consultations/desal-summary/inputs/index.html");
    let at = |id: &str| list.find(&format!("id=\"input-{id}\"")).unwrap();
    assert!(at("i-2") < at("i-3") && at("i-3") < at("i-9") && at("i-9") < at("i-10"));
}

#[test]
fn replies_and_social_posts_are_in_the_timeline_and_the_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let page = html(&files, DECIDED);
    assert_eq!(select(&page, ".timeline .tl-reply").len(), 1);
    assert_eq!(select(&page, ".timeline .tl-social-post").len(), 1);
    assert!(hrefs(&page).contains(&"https://x.com/the_council/status/100".to_string()));
    let feed = text(&files, "en/consultations/desal-summary/feed.xml");
    let parsed = feed_rs::parser::parse(feed.as_bytes()).expect("the feed parses");
    let titles: Vec<String> = parsed
        .entries
        .iter()
        .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
        .collect();
    assert!(titles.iter().any(|t| t.contains("replied")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("on X")), "{titles:?}");
    // Feeds keep the site's time zone (Europe/London: summer time in May).
    assert!(
        feed.contains("<updated>2026-05-20T00:00:00+01:00</updated>"),
        "{feed}"
    );
}

#[test]
fn interface_sentences_agree_with_a_masculine_agency_name() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let home = text(&files, "ar/index.html");
    assert!(
        home.contains("يستطلع المجلس آراء الجمهور قبل أن يتخذ قراراته"),
        "masculine"
    );
    assert!(!home.contains("تستطلع"));
    assert!(text(&files, "ar/feed.xml").contains("التي يجريها"));
    // The demo's ministry (وزارة) keeps the feminine default.
    let demo = tempfile::tempdir().unwrap();
    common::build_ok(&common::root(), demo.path());
    let demo_home = std::fs::read_to_string(demo.path().join("ar/index.html")).unwrap();
    assert!(demo_home.contains("تستطلع وزارة"));
}

#[test]
fn how_quickly_the_agency_answers_is_shown_and_published() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    let data = json(&files);
    // i-2 (5 March) was replied to on 20 March: 15 days; i-9 (6 March) and
    // i-10 (7 March) were answered by the decision of 20 May: 75 and 74.
    let a = &record(&data, "desal-summary")["statistics"]["answer_days"];
    assert_eq!(
        (a["median"].as_i64(), a["slowest"].as_i64()),
        (Some(74), Some(75))
    );
    assert_eq!(a["answered"], 3);
    assert_eq!(data["site"]["answer_days"]["slowest"], 75);
    assert!(record(&data, "open-call")["statistics"]
        .get("answer_days")
        .is_none());
    assert!(text(&files, DECIDED).contains("74 days (median), 75 days at the longest"));
    assert!(text(&files, "en/index.html").contains("How quickly we answer"));
}

#[test]
fn attachments_of_inputs_not_public_are_not_copied() {
    for date in ["2026-11-27", "2026-03-01"] {
        let tmp = tempfile::tempdir().unwrap();
        let files = build_as_of(date, tmp.path());
        for (path, bytes) in &files {
            let t = String::from_utf8_lossy(bytes);
            assert!(
                !t.contains("ATTACHMENT-CANARY")
                    && !t.contains("i-3-id-card")
                    && !t.contains("i-1-photo"),
                "{path} publishes an attachment of a withheld or pending input ({date})"
            );
        }
        assert!(!files
            .keys()
            .any(|p| p.contains("id-card") || p.contains("photo")));
        // A published input's attachment is copied once it is received.
        assert_eq!(
            files.contains_key("documents/desal-summary/files/i-2-table.csv"),
            date == "2026-11-27"
        );
    }
}

#[test]
fn official_accounts_are_in_every_footer_and_on_a_channels_page_with_their_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let files = build_as_of("2026-11-27", tmp.path());
    for lang in ["ar", "en"] {
        let page = html(&files, &format!("{lang}/channels/index.html"));
        let body = page.root_element().text().collect::<String>();
        assert!(body.contains("65/2008"), "{lang}: the copyright notice");
        assert_eq!(
            select(&page, "#rules li").len(),
            5,
            "{lang}: the five restrictions"
        );
        let about = text(&files, &format!("data/social-disclaimer.{lang}.txt"));
        assert!(about.chars().count() <= sablah::output::social::MAX_CHARS);
        assert!(about.contains("65/2008") && about.contains(&format!("/{lang}/channels/")));
    }
    // Every page's footer links the account, with an inline icon only.
    for (path, _) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        if path == "index.html" || path == "404.html" {
            continue;
        }
        let doc = html(&files, path);
        let links = select(
            &doc,
            ".site-footer .social-links a[href='https://x.com/the_council']",
        );
        assert_eq!(links.len(), 1, "{path}");
        assert!(
            select(&doc, ".social-links img").is_empty(),
            "no remote icon"
        );
    }
    // A site without accounts has no such page.
    let minimal = tempfile::tempdir().unwrap();
    common::build_ok(&common::root().join("tests/sites/minimal"), minimal.path());
    assert!(!minimal.path().join("en/channels").exists());
    assert!(!minimal
        .path()
        .join("data/social-disclaimer.en.txt")
        .exists());
}
