//! Share previews (issue 15, point 5): each consultation has a 1200×630 PNG
//! per language, listed in the manifest, linked from its pages' Open Graph
//! and Twitter-card tags by an absolute URL; the same sources give the same
//! bytes; a changed title changes that image only; a rebuild takes the
//! previous output's unchanged images as they are; a hostile title draws
//! without breaking the SVG or the page.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

const SLUGS: [&str; 2] = ["water-tariffs", "well-permits"];
const LANGS: [&str; 2] = ["ar", "en"];

/// The minimal site with a second consultation.
fn site(dir: &Path) {
    common::copy_dir(&common::root().join("tests/sites/minimal"), dir);
    let from = dir.join("content/consultations/water-tariffs");
    let to = dir.join("content/consultations/well-permits");
    common::copy_dir(&from, &to);
    let toml = std::fs::read_to_string(to.join("consultation.toml")).unwrap();
    std::fs::write(
        to.join("consultation.toml"),
        toml.replace("MOH-2026-001", "MOH-2026-002"),
    )
    .unwrap();
    set_title(dir, "well-permits", "en", "Well permits");
}

fn set_title(dir: &Path, slug: &str, lang: &str, title: &str) {
    let path = dir.join(format!(
        "content/consultations/{slug}/consultation.{lang}.md"
    ));
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, rest) = text.split_once("title = \"").unwrap();
    let (_, end) = rest.split_once('"').unwrap();
    let escaped = title.replace('\\', "\\\\").replace('"', "\\\"");
    std::fs::write(&path, format!("{start}title = \"{escaped}\"{end}")).unwrap();
}

fn image(out: &Path, lang: &str, slug: &str) -> Vec<u8> {
    std::fs::read(out.join(format!("{lang}/consultations/{slug}/share.png")))
        .unwrap_or_else(|e| panic!("{lang}/{slug}: {e}"))
}

fn images(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    for slug in SLUGS {
        for lang in LANGS {
            all.insert(format!("{lang}/{slug}"), image(out, lang, slug));
        }
    }
    all
}

/// Decodes the whole PNG: its size, and that every pixel is there.
fn decoded_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("its pixels decode");
    (info.width, info.height)
}

#[test]
fn each_consultation_has_a_share_image_per_language_linked_from_its_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("site");
    site(&src);
    let out = tmp.path().join("out");
    common::build_ok(&src, &out);
    let manifest = std::fs::read_to_string(out.join("data/manifest.json")).unwrap();
    for (name, png) in images(&out) {
        assert_eq!(decoded_size(&png), (1200, 630), "{name}");
        let (lang, slug) = name.split_once('/').unwrap();
        let path = format!("{lang}/consultations/{slug}/share.png");
        assert!(
            manifest.contains(&format!("\"{path}\"")),
            "{path} not in the manifest"
        );
        // The pages of the consultation point at it, absolutely.
        let page =
            std::fs::read_to_string(out.join(format!("{lang}/consultations/{slug}/index.html")))
                .unwrap();
        let doc = scraper::Html::parse_document(&page);
        let meta = |attr: &str, key: &str| -> Option<String> {
            let sel = scraper::Selector::parse(&format!("meta[{attr}=\"{key}\"]")).unwrap();
            doc.select(&sel)
                .next()
                .and_then(|m| m.value().attr("content").map(str::to_string))
        };
        let url = format!("https://consult.moh.example.gov.om/{path}");
        assert_eq!(meta("property", "og:image").as_deref(), Some(url.as_str()));
        assert_eq!(meta("name", "twitter:image").as_deref(), Some(url.as_str()));
        assert_eq!(
            meta("name", "twitter:card").as_deref(),
            Some("summary_large_image")
        );
        assert_eq!(meta("property", "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta("property", "og:image:height").as_deref(), Some("630"));
        let alt = meta("property", "og:image:alt").unwrap();
        let status = if lang == "ar" {
            "صدر القرار"
        } else {
            "Decided"
        };
        assert!(alt.contains(status), "{lang}: {alt}");
        assert!(meta("name", "twitter:title").is_some_and(|t| !t.is_empty()));
        assert!(meta("name", "twitter:description").is_some_and(|t| !t.is_empty()));
        let inputs = std::fs::read_to_string(
            out.join(format!("{lang}/consultations/{slug}/inputs/index.html")),
        )
        .unwrap();
        assert!(inputs.contains(&format!(
            "<meta property=\"og:image\" content=\"{}\">",
            url.replace('/', "&#x2F;")
        )));
    }
    // A page of no consultation has no image: a summary card.
    let home = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(!home.contains("og:image"));
    assert!(home.contains("<meta name=\"twitter:title\""));
}

#[test]
fn the_same_sources_give_the_same_bytes_and_a_title_changes_its_image_only() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("site");
    site(&src);
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    common::build_ok(&src, &a);
    common::build_ok(&src, &b);
    let first = images(&a);
    assert_eq!(first, images(&b), "two cold builds, the same images");
    // The two consultations differ only by their English title.
    assert_eq!(first["ar/water-tariffs"], first["ar/well-permits"]);
    assert_ne!(first["en/water-tariffs"], first["en/well-permits"]);

    set_title(&src, "well-permits", "en", "Permits for new wells");
    common::build_ok(&src, &a);
    let after = images(&a);
    for (name, png) in &after {
        if name == "en/well-permits" {
            assert_ne!(png, &first[name], "{name} must change");
            assert_eq!(decoded_size(png), (1200, 630));
        } else {
            assert_eq!(png, &first[name], "{name} must not change");
        }
    }
}

/// The bytes of `png` with the text of its `tEXt` chunk `keyword` replaced.
fn with_text(png: &[u8], keyword: &str, text: &[u8]) -> Vec<u8> {
    let mut out = png[..8].to_vec();
    let mut at = 8;
    while at < png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let chunk = &png[at..at + 12 + len];
        let data = &chunk[8..8 + len];
        if &chunk[4..8] == b"tEXt" && data.starts_with(format!("{keyword}\0").as_bytes()) {
            let mut body = format!("{keyword}\0").into_bytes();
            body.extend_from_slice(text);
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(b"tEXt");
            crc.update(&body);
            out.extend_from_slice(b"tEXt");
            out.extend_from_slice(&body);
            out.extend_from_slice(&crc.sum().to_be_bytes());
        } else {
            out.extend_from_slice(chunk);
        }
        at += 12 + len;
    }
    out
}

fn text_of<'a>(png: &'a [u8], keyword: &str) -> &'a [u8] {
    let needle = format!("tEXt{keyword}\0");
    let at = png
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
        .expect("the key chunk")
        + needle.len();
    let len = u32::from_be_bytes(
        png[at - needle.len() - 4..at - needle.len()]
            .try_into()
            .unwrap(),
    ) as usize;
    &png[at..at - keyword.len() - 1 + len]
}

#[test]
fn a_rebuild_takes_the_previous_image_when_its_key_is_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("site");
    site(&src);
    let out = tmp.path().join("out");
    common::build_ok(&src, &out);
    let key = "sablah-share-key";
    let water = image(&out, "en", "water-tariffs");
    let wells = image(&out, "en", "well-permits");
    // Another image under this one's key stands in the previous output:
    // the build keeps it, which shows it was not drawn again.
    let planted = with_text(&water, key, text_of(&wells, key));
    assert_ne!(planted, wells);
    std::fs::write(
        out.join("en/consultations/well-permits/share.png"),
        &planted,
    )
    .unwrap();
    common::build_ok(&src, &out);
    assert_eq!(image(&out, "en", "well-permits"), planted);
    // An image whose key does not match is drawn again.
    let stale = with_text(&water, key, b"0000");
    std::fs::write(out.join("en/consultations/well-permits/share.png"), &stale).unwrap();
    common::build_ok(&src, &out);
    assert_eq!(image(&out, "en", "well-permits"), wells);
}

#[test]
fn a_hostile_title_draws_without_breaking_the_image_or_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("site");
    site(&src);
    let hostile =
        "<script>alert(1)</script> & ]]> \u{202E}gnp.exe\u{202C} \"q\" <!-- x --> <svg onload=1>";
    set_title(&src, "well-permits", "en", hostile);
    set_title(
        &src,
        "well-permits",
        "ar",
        &format!("\u{202E}{hostile} عنوان"),
    );
    let out = tmp.path().join("out");
    common::build_ok(&src, &out);
    for lang in LANGS {
        let png = image(&out, lang, "well-permits");
        assert_eq!(decoded_size(&png), (1200, 630), "{lang}");
        assert_ne!(
            png,
            image(&out, lang, "water-tariffs"),
            "{lang}: the title is drawn"
        );
        let page = std::fs::read_to_string(
            out.join(format!("{lang}/consultations/well-permits/index.html")),
        )
        .unwrap();
        let head = &page[..page.find("</head>").unwrap()];
        assert!(
            !head.contains("<script>") && !head.contains("<svg"),
            "{head}"
        );
        assert!(head.contains("og:image:alt"));
    }
}
