//! Where each machine-readable file is published, and the public address
//! of every page the open data, feeds, calendars and sitemap point to.
//!
//! One place for these paths, so that a page's link to its feed and the
//! feed itself cannot disagree. Paths are relative to the site root, with
//! `/`; [`absolute`] turns one into a URL under `base_url`. It does not
//! decide the HTML pages' scheme (that is the renderer's); it only spells
//! it the same way, and the integration tests check both agree.

use crate::model::Site;

/// Open data: every consultation.
pub const CONSULTATIONS_JSON: &str = "data/consultations.json";
/// The JSON Schema of [`CONSULTATIONS_JSON`].
pub const CONSULTATIONS_SCHEMA: &str = "data/consultations.schema.json";
/// Open data: every published input.
pub const INPUTS_CSV: &str = "data/inputs.csv";
/// What each column of [`INPUTS_CSV`] means, in every language.
pub const INPUTS_DICTIONARY: &str = "data/inputs.dictionary.csv";
/// Every published file with its size and SHA-256.
pub const MANIFEST: &str = "data/manifest.json";
/// The same list in the format `sha256sum -c` reads.
pub const CHECKSUMS: &str = "data/SHA256SUMS";
/// The site-wide calendar, in the default language.
pub const SITE_CALENDAR: &str = "consultations.ics";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The open data's readme (files, dictionary, reuse terms) in `lang`.
pub fn data_readme(lang: &str) -> String {
    format!("data/README.{lang}.txt")
}

pub fn home(lang: &str) -> String {
    format!("{lang}/")
}

pub fn consultation(lang: &str, slug: &str) -> String {
    format!("{lang}/consultations/{slug}/")
}

pub fn inputs(lang: &str, slug: &str) -> String {
    format!("{lang}/consultations/{slug}/inputs/")
}

pub fn input(lang: &str, slug: &str, id: &str) -> String {
    format!("{lang}/consultations/{slug}/inputs/{id}/")
}

/// An attachment, copied once for all languages.
pub fn document(slug: &str, path: &str) -> String {
    format!("documents/{slug}/{path}")
}

/// The Atom feed of the whole site in `lang`.
pub fn site_feed(lang: &str) -> String {
    format!("{lang}/feed.xml")
}

pub fn consultation_feed(lang: &str, slug: &str) -> String {
    format!("{lang}/consultations/{slug}/feed.xml")
}

/// The site-wide calendar in `lang` ([`SITE_CALENDAR`] is the default
/// language's).
pub fn site_calendar(lang: &str) -> String {
    format!("{lang}/consultations.ics")
}

pub fn consultation_calendar(lang: &str, slug: &str) -> String {
    format!("{lang}/consultations/{slug}/calendar.ics")
}

/// The URL of `path` (relative to the site root) under `base_url`, with
/// every byte that may not stand in a URL path percent-encoded.
pub fn absolute(site: &Site, path: &str) -> String {
    format!("{}/{}", site.config.base_url(), encode_path(path))
}

/// A link as the agency wrote it in a `[[timeline]]` event: a full URL, a
/// path from the site root, or a file of the consultation.
pub fn timeline_link(site: &Site, slug: &str, link: &str) -> String {
    if link.contains("://") {
        link.to_string()
    } else if let Some(rest) = link.strip_prefix('/') {
        absolute(site, rest)
    } else {
        absolute(site, &document(slug, link))
    }
}

/// Percent-encodes a path, keeping RFC 3986's unreserved characters and
/// the sub-delimiters that are safe in a path segment.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The host of `base_url`, for `tag:` URIs and iCalendar UIDs.
pub fn host(site: &Site) -> String {
    let url = site.config.base_url();
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    // Drop user information and port: neither names the authority.
    let host = host.rsplit('@').next().unwrap_or(host);
    host.split(':').next().unwrap_or(host).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_but_slashes_kept() {
        assert_eq!(
            encode_path("documents/x/files/a b.pdf"),
            "documents/x/files/a%20b.pdf"
        );
        assert_eq!(
            encode_path("documents/x/ملف.txt"),
            "documents/x/%D9%85%D9%84%D9%81.txt"
        );
        assert_eq!(encode_path("ar/consultations/x/"), "ar/consultations/x/");
    }
}
