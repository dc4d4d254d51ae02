//! What a host needs: the headers file (and the nginx and Apache versions
//! of the same table) and the pre-compressed copies of text files.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use common::{build_ok, copy_dir, root};

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The minimal site with a hashed asset and a plain one in `static/`.
fn site(tmp: &Path) -> std::path::PathBuf {
    let site = tmp.join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    std::fs::create_dir_all(site.join("static/assets")).unwrap();
    std::fs::write(
        site.join("static/assets/app.3f2a9c1b.css"),
        "p{margin:0}\n".repeat(200),
    )
    .unwrap();
    std::fs::write(site.join("static/assets/plain.css"), "p{margin:0}\n").unwrap();
    site
}

/// `_headers` as (pattern, [(name, value)]) blocks.
fn blocks(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        if let Some(h) = line.strip_prefix("  ") {
            let (k, v) = h.split_once(": ").expect("a header line is `name: value`");
            out.last_mut()
                .unwrap()
                .1
                .push((k.to_string(), v.to_string()));
        } else {
            out.push((line.to_string(), Vec::new()));
        }
    }
    out
}

#[test]
fn the_headers_file_sends_the_page_csp_charsets_and_caches_only_hashed_assets() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_ok(&site(tmp.path()), &out);
    let all = files(&out);
    // The CSP of every page, from its <meta>.
    let meta =
        regex::Regex::new(r#"http-equiv="Content-Security-Policy" content="([^"]*)""#).unwrap();
    let mut csps: Vec<String> = all
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            let text = String::from_utf8_lossy(b);
            meta.captures(&text)
                .unwrap_or_else(|| panic!("{p} has no CSP meta"))[1]
                .to_string()
        })
        .collect();
    csps.sort();
    csps.dedup();
    // Every page's policy, and the search page's, which also allows the
    // site's own script: the header is the widest of them (each page's
    // meta narrows it again).
    let csp = csps
        .iter()
        .find(|c| c.contains("script-src 'self'"))
        .expect("the search page allows its script");
    let no_script: Vec<&String> = csps.iter().filter(|c| !c.contains("script-src")).collect();
    assert_eq!(csps.len(), 2, "{csps:?}");
    assert_eq!(
        format!("{}; script-src 'self'", no_script[0]),
        *csp,
        "the other pages allow no script"
    );

    let headers = String::from_utf8(all["_headers"].clone()).unwrap();
    let b = blocks(&headers);
    let everything = &b.iter().find(|(p, _)| p == "/*").expect("a /* rule").1;
    let get = |name: &str| {
        everything
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("Content-Security-Policy"), Some(csp.as_str()));
    assert_eq!(get("X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(get("Referrer-Policy"), Some("no-referrer"));
    for ext in [
        "html", "css", "js", "json", "xml", "csv", "ics", "txt", "svg",
    ] {
        let rule = &b
            .iter()
            .find(|(p, _)| *p == format!("/*.{ext}"))
            .unwrap_or_else(|| panic!("no /*.{ext}"))
            .1;
        assert!(
            rule.iter()
                .any(|(k, v)| k == "Content-Type" && v.ends_with("; charset=utf-8")),
            "{ext}: {rule:?}"
        );
    }
    // Immutable for the hashed asset only.
    let immutable: Vec<&str> = b
        .iter()
        .filter(|(_, h)| {
            h.iter()
                .any(|(k, v)| k == "Cache-Control" && v.contains("immutable"))
        })
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(immutable, ["/assets/app.3f2a9c1b.css"]);

    // nginx and Apache say the same.
    let nginx = String::from_utf8(all["sablah.nginx.conf"].clone()).unwrap();
    let apache = String::from_utf8(all[".htaccess"].clone()).unwrap();
    for text in [&nginx, &apache] {
        assert!(
            text.contains(&format!("Content-Security-Policy \"{csp}\"")),
            "{text}"
        );
        assert!(
            text.contains("nosniff") && text.contains("no-referrer"),
            "{text}"
        );
        assert_eq!(text.matches("immutable").count(), 1, "{text}");
        assert!(
            text.contains("app\\.3f2a9c1b\\.css") || text.contains("/assets/app.3f2a9c1b.css"),
            "{text}"
        );
        assert!(!text.contains("plain.css"), "{text}");
    }
    assert!(nginx.contains("charset utf-8;") && nginx.contains("gzip_static on;"));
    assert!(apache.contains("AddDefaultCharset utf-8"));

    // Listed in the manifest like every other file.
    let manifest: serde_json::Value = serde_json::from_slice(&all["data/manifest.json"]).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for f in ["_headers", "sablah.nginx.conf", ".htaccess"] {
        assert!(listed.contains(&f), "{f} not in the manifest");
    }
}

#[test]
fn compressed_copies_decompress_to_their_file_and_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site(tmp.path());
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_ok(&site, &a);
    build_ok(&site, &b);
    let first = files(&a);
    assert_eq!(first, files(&b), "two builds differ");
    let manifest: serde_json::Value = serde_json::from_slice(&first["data/manifest.json"]).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let text = [
        "html", "css", "js", "json", "xml", "csv", "ics", "txt", "svg",
    ];
    let mut copies = 0;
    for (path, bytes) in &first {
        if path.ends_with(".gz") || path.ends_with(".br") {
            assert!(!listed.contains(&path.as_str()), "{path} is listed");
            continue;
        }
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        let is_text = text.contains(&ext) || path.ends_with("SHA256SUMS");
        let (gz, br) = (
            first.get(&format!("{path}.gz")),
            first.get(&format!("{path}.br")),
        );
        if !is_text || bytes.len() < 1024 {
            assert!(
                gz.is_none() && br.is_none(),
                "{path} ({} bytes) has a copy",
                bytes.len()
            );
            continue;
        }
        let (gz, br) = (
            gz.unwrap_or_else(|| panic!("{path} has no .gz")),
            br.unwrap_or_else(|| panic!("{path} has no .br")),
        );
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{path}.gz");
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{path}.br");
        assert!(br.len() < bytes.len() && gz.len() < bytes.len(), "{path}");
        copies += 1;
    }
    assert!(copies > 20, "only {copies} files have copies");
    // The hashed asset, a page, the feed and the data have copies.
    for f in [
        "assets/app.3f2a9c1b.css.br",
        "en/index.html.gz",
        "en/feed.xml.br",
        "data/consultations.json.gz",
    ] {
        assert!(first.contains_key(f), "no {f}");
    }
}
