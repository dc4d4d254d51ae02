//! `/sitemap.xml` (sitemaps.org 0.9) and `/robots.txt`.
//!
//! The sitemap lists every HTML page of the render plan (so a page the
//! plan adds is listed without a change here), except the not-found page.
//! Each page in one language links to the same route in every language and
//! to `x-default` (the default language, as the pages' own `hreflang` links
//! say) with `xhtml:link` alternates; since every route exists in every
//! language and the alternates come from the route table, they are
//! reciprocal by construction. Beyond 50,000
//! URLs or 50 MB, the URLs are split into `sitemaps/sitemap-<n>.xml` and
//! `/sitemap.xml` becomes a sitemap index.
//!
//! An agency's own `static/robots.txt` is kept; only a `Sitemap:` line is
//! added to it when it has none.

use std::collections::BTreeMap;

use crate::derive::Facts;
use crate::model::{Date, Site};
use crate::output::feed::{escape, revised};
use crate::output::Sink;
use crate::render::Plan;
use crate::routes::{self, Route};
use crate::sources::SourceSet;

/// The sitemaps.org limits for one file.
pub const MAX_URLS: usize = 50_000;
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// Writes the sitemap (or index and parts) of the pages of `plan`, and
/// `robots.txt`. Returns the number of URLs listed.
pub fn write(
    site: &Site,
    facts: &Facts,
    sources: &SourceSet,
    plan: &Plan,
    sink: &dyn Sink,
) -> std::io::Result<usize> {
    let pages: Vec<&Route> = plan.pages().collect();
    let urls_listed = sitemaps_into(
        site,
        facts,
        &pages,
        MAX_URLS,
        MAX_BYTES,
        &mut |path, xml| sink.write(&path, xml.as_bytes()),
    )?;
    sink.write(routes::ROBOTS, robots(site, sources).as_bytes())?;
    Ok(urls_listed)
}

/// The sitemap files, as (path, XML), and the number of URLs listed.
#[cfg(test)]
fn sitemaps(
    site: &Site,
    facts: &Facts,
    pages: &[&Route],
    max_urls: usize,
    max_bytes: usize,
) -> (Vec<(String, String)>, usize) {
    let mut files = Vec::new();
    let n = sitemaps_into(site, facts, pages, max_urls, max_bytes, &mut |p, x| {
        files.push((p, x));
        Ok(())
    })
    .expect("writing to memory");
    files.sort_by(|a, b| (a.0 != routes::SITEMAP, &a.0).cmp(&(b.0 != routes::SITEMAP, &b.0)));
    (files, n)
}

/// Hands each sitemap file, as (path, XML), to `emit` as soon as it is
/// full, so that at most two parts stand in memory; returns the number of
/// URLs listed.
fn sitemaps_into(
    site: &Site,
    facts: &Facts,
    pages: &[&Route],
    max_urls: usize,
    max_bytes: usize,
    emit: &mut dyn FnMut(String, String) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    let langs = site.config.languages();
    let default = site.config.default_language();
    // In the order of their files, as a listing of the output would be.
    let mut pages: Vec<(String, &Route)> = pages
        .iter()
        .filter(|r| r.is_page() && ***r != Route::NotFound)
        .map(|r| (r.file(), *r))
        .collect();
    pages.sort();
    pages.dedup_by(|a, b| a.0 == b.0);
    let lastmods: BTreeMap<&str, Date> = site
        .consultations
        .iter()
        .zip(&facts.consultations)
        .map(|(c, f)| (c.slug.as_str(), revised(c, f, facts.build_date)))
        .filter(|(_, d)| *d <= facts.build_date)
        .collect();
    // Split by count and by size, keeping room for the envelope. The first
    // part is kept until it is known whether there is a second: a single
    // part is the sitemap itself.
    let room = max_bytes.saturating_sub(URLSET_OPEN.len() + URLSET_CLOSE.len());
    let wrap = |body: &str| format!("{URLSET_OPEN}{body}{URLSET_CLOSE}");
    let part_path = |n: usize| format!("sitemaps/sitemap-{n}.xml");
    let mut first: Option<String> = None;
    let mut parts = 0;
    let mut current = String::new();
    let mut in_current = 0;
    let mut count = 0;
    let mut e = String::new();
    for (_, route) in &pages {
        e.clear();
        let loc = routes::absolute(site, &route.path());
        e.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&loc)));
        if let Some(d) = route.consultation().and_then(|slug| lastmods.get(slug)) {
            e.push_str(&format!("    <lastmod>{}</lastmod>\n", d.iso()));
        }
        if route.lang().is_some() && langs.len() > 1 {
            for l in &langs {
                let href = routes::absolute(site, &route.in_lang(l).path());
                e.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape(l),
                    escape(&href)
                ));
            }
            let href = routes::absolute(site, &route.in_lang(default).path());
            e.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                escape(&href)
            ));
        }
        e.push_str("  </url>\n");
        if in_current > 0 && (in_current == max_urls || current.len() + e.len() > room) {
            let full = std::mem::take(&mut current);
            parts += 1;
            match parts {
                1 => first = Some(full),
                2 => {
                    emit(part_path(1), wrap(&first.take().unwrap_or_default()))?;
                    emit(part_path(2), wrap(&full))?;
                }
                n => emit(part_path(n), wrap(&full))?,
            }
            in_current = 0;
        }
        current.push_str(&e);
        in_current += 1;
        count += 1;
    }
    parts += 1;
    match parts {
        1 => return emit(routes::SITEMAP.to_string(), wrap(&current)).map(|()| count),
        2 => {
            emit(part_path(1), wrap(&first.take().unwrap_or_default()))?;
            emit(part_path(2), wrap(&current))?;
        }
        n => emit(part_path(n), wrap(&current))?,
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for n in 1..=parts {
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>\n",
            escape(&routes::absolute(site, &part_path(n)))
        ));
    }
    index.push_str("</sitemapindex>\n");
    emit(routes::SITEMAP.to_string(), index)?;
    Ok(count)
}

/// `robots.txt`: everything may be crawled, and here is the sitemap.
pub fn robots(site: &Site, sources: &SourceSet) -> String {
    robots_text(&routes::absolute(site, routes::SITEMAP), sources)
}

/// `robots.txt` for a sitemap at `sitemap_url`: the folder's own
/// `static/robots.txt` if it has one (with a `Sitemap:` line added when it
/// has none), else "everything may be crawled". Shared by sites and the
/// national index.
pub fn robots_text(sitemap_url: &str, sources: &SourceSet) -> String {
    let sitemap_line = format!("Sitemap: {sitemap_url}\n");
    let own = sources
        .assets
        .iter()
        .find(|a| a.path == "static/robots.txt")
        .and_then(|a| std::fs::read_to_string(&a.absolute).ok());
    match own {
        Some(text)
            if text
                .lines()
                .any(|l| l.trim_start().to_ascii_lowercase().starts_with("sitemap:")) =>
        {
            text
        }
        Some(mut text) => {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&sitemap_line);
            text
        }
        None => format!("User-agent: *\nAllow: /\n\n{sitemap_line}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixture;

    fn routes() -> Vec<Route> {
        let mut w = vec![Route::Root, Route::NotFound, Route::Stylesheet];
        for l in ["ar", "en"] {
            let (lang, slug) = (l.to_string(), "c".to_string());
            w.push(Route::Home { lang: lang.clone() });
            w.push(Route::Consultation {
                lang: lang.clone(),
                slug: slug.clone(),
            });
            w.push(Route::Input {
                lang: lang.clone(),
                slug,
                id: "i-1".into(),
            });
            w.push(Route::SiteFeed { lang });
        }
        w
    }

    fn written() -> Vec<&'static Route> {
        Box::leak(Box::new(routes())).iter().collect()
    }

    #[test]
    fn every_page_once_with_reciprocal_alternates_and_x_default() {
        let (site, facts) = fixture::site();
        let (files, n) = sitemaps(&site, &facts, &written(), MAX_URLS, MAX_BYTES);
        assert_eq!(files.len(), 1);
        assert_eq!(n, 7);
        let xml = &files[0].1;
        assert!(!xml.contains("404") && !xml.contains("feed.xml") && !xml.contains(".css"));
        assert!(xml.contains("<loc>https://x.example.om/sub/</loc>"));
        assert!(xml.contains("<loc>https://x.example.om/sub/en/consultations/c/</loc>\n    <lastmod>2026-10-31</lastmod>"), "{xml}");
        assert_eq!(
            xml.matches(
                "hreflang=\"x-default\" href=\"https://x.example.om/sub/ar/consultations/c/\""
            )
            .count(),
            2
        );
    }

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let (site, facts) = fixture::site();
        let (files, n) = sitemaps(&site, &facts, &written(), 3, MAX_BYTES);
        assert_eq!(n, 7);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap.xml",
                "sitemaps/sitemap-1.xml",
                "sitemaps/sitemap-2.xml",
                "sitemaps/sitemap-3.xml"
            ]
        );
        assert!(
            files[0].1.contains("<sitemapindex")
                && files[0]
                    .1
                    .contains("https://x.example.om/sub/sitemaps/sitemap-3.xml")
        );
        let listed: usize = files[1..]
            .iter()
            .map(|(_, x)| x.matches("<url>").count())
            .sum();
        assert_eq!(listed, 7);
        // And by size: each part stays under the limit.
        let (files, _) = sitemaps(&site, &facts, &written(), MAX_URLS, 1500);
        assert!(files.len() > 2);
        assert!(files[1..].iter().all(|(_, x)| x.len() <= 1500));
    }

    #[test]
    fn robots_points_to_the_sitemap() {
        let (site, _) = fixture::site();
        let r = robots(&site, &SourceSet::default());
        assert!(r.contains("Sitemap: https://x.example.om/sub/sitemap.xml\n"));
    }
}
