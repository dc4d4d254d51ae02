//! The route table: every page and file a site publishes, and where.
//!
//! A [`Route`] names a page (or a language's feed, a document, …) by what it
//! is; [`Route::path`] is the one place its path is spelled, and
//! [`Route::url`] and [`absolute`] turn a path into a link. The renderer's
//! plan, the sitemap, the feeds, open data, the progress count and `serve`
//! all ask this table, and none of them parses a path back into a slug:
//! [`Route::consultation`] says which consultation a route belongs to.
//! It knows nothing of how pages look or what they contain.

use crate::derive::Status;
use crate::model::{Site, Stage};

/// A listing of consultations: all, or one view by status or stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListView {
    All,
    Status(Status),
    Stage(Stage),
}

/// A published page or file. Pages in a language carry it; `page` is the
/// 1-based page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    /// `/`: the language choice.
    Root,
    /// `/404.html`, in the default language.
    NotFound,
    Home {
        lang: String,
    },
    Consultations {
        lang: String,
        view: ListView,
        page: usize,
    },
    Topic {
        lang: String,
        topic: String,
        page: usize,
    },
    Page {
        lang: String,
        slug: String,
    },
    Legal {
        lang: String,
    },
    /// The agency's official social-media accounts and the rules of its
    /// pages there (when `[[social]]` lists any).
    Channels {
        lang: String,
    },
    /// The text for the "about" field of each social-media page.
    SocialDisclaimer {
        lang: String,
    },
    /// `/L/search/`: the search page, and without JavaScript a list of
    /// every consultation by topic and status.
    Search {
        lang: String,
    },
    /// A file of a language's search index, under `/L/search/`.
    SearchIndex {
        lang: String,
        file: String,
    },
    Consultation {
        lang: String,
        slug: String,
    },
    Inputs {
        lang: String,
        slug: String,
        page: usize,
    },
    Input {
        lang: String,
        slug: String,
        id: String,
    },
    SiteFeed {
        lang: String,
    },
    ConsultationFeed {
        lang: String,
        slug: String,
    },
    SiteCalendar {
        lang: String,
    },
    ConsultationCalendar {
        lang: String,
        slug: String,
    },
    /// A consultation's share image in a language (`og:image`), 1200×630 PNG.
    ShareImage {
        lang: String,
        slug: String,
    },
    /// A text document (`.txt`, `.md`) of a consultation shown as a page
    /// in a language; the file itself stays at [`Route::Document`].
    DocumentPage {
        lang: String,
        slug: String,
        path: String,
    },
    /// An attachment of a consultation, copied once for all languages.
    Document {
        slug: String,
        path: String,
    },
    /// A file of the site's `static/` folder, at the same path.
    Static {
        path: String,
    },
    Stylesheet,
    /// A script of the theme (the search page's), under `/theme/`.
    Script {
        file: String,
    },
}

/// The routes in a language, binding their `lang` field: one list for
/// [`Route::lang`] and [`Route::in_lang`].
macro_rules! in_language {
    ($lang:ident) => {
        Route::Home { lang: $lang }
            | Route::Consultations { lang: $lang, .. }
            | Route::Topic { lang: $lang, .. }
            | Route::Page { lang: $lang, .. }
            | Route::Legal { lang: $lang }
            | Route::Channels { lang: $lang }
            | Route::SocialDisclaimer { lang: $lang }
            | Route::Search { lang: $lang }
            | Route::Consultation { lang: $lang, .. }
            | Route::Inputs { lang: $lang, .. }
            | Route::Input { lang: $lang, .. }
            | Route::DocumentPage { lang: $lang, .. }
            | Route::SiteFeed { lang: $lang }
            | Route::ConsultationFeed { lang: $lang, .. }
            | Route::SiteCalendar { lang: $lang }
            | Route::ConsultationCalendar { lang: $lang, .. }
            | Route::ShareImage { lang: $lang, .. }
    };
}

/// The file written at `path`: `index.html` in a page's folder (a path
/// that is empty or ends in `/`), else the path itself.
fn file_of(path: String) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

/// `<dir>` for page 1, `<dir>page/<n>/` after it.
fn paged(dir: String, page: usize) -> String {
    if page <= 1 {
        dir
    } else {
        format!("{dir}page/{page}/")
    }
}

impl Route {
    /// The path relative to the site root, with `/`; a page's ends in `/`
    /// (its file is `index.html` there, see [`Route::file`]).
    pub fn path(&self) -> String {
        match self {
            Route::Root => String::new(),
            Route::NotFound => "404.html".into(),
            Route::Home { lang } => format!("{lang}/"),
            Route::Consultations { lang, view, page } => {
                let dir = match view {
                    ListView::All => format!("{lang}/consultations/"),
                    ListView::Status(s) => format!("{lang}/consultations/status/{}/", s.as_str()),
                    ListView::Stage(s) => format!("{lang}/consultations/stage/{}/", s.as_str()),
                };
                paged(dir, *page)
            }
            Route::Topic { lang, topic, page } => paged(format!("{lang}/topics/{topic}/"), *page),
            Route::Page { lang, slug } => format!("{lang}/pages/{slug}/"),
            Route::Legal { lang } => format!("{lang}/legal/"),
            Route::Channels { lang } => format!("{lang}/channels/"),
            Route::SocialDisclaimer { lang } => format!("data/social-disclaimer.{lang}.txt"),
            Route::Search { lang } => format!("{lang}/search/"),
            Route::SearchIndex { lang, file } => format!("{lang}/search/{file}"),
            Route::Consultation { lang, slug } => format!("{lang}/consultations/{slug}/"),
            Route::Inputs { lang, slug, page } => {
                paged(format!("{lang}/consultations/{slug}/inputs/"), *page)
            }
            Route::Input { lang, slug, id } => format!("{lang}/consultations/{slug}/inputs/{id}/"),
            Route::DocumentPage { lang, slug, path } => {
                format!("{lang}/consultations/{slug}/read/{path}/")
            }
            Route::SiteFeed { lang } => format!("{lang}/feed.xml"),
            Route::ConsultationFeed { lang, slug } => {
                format!("{lang}/consultations/{slug}/feed.xml")
            }
            Route::SiteCalendar { lang } => format!("{lang}/consultations.ics"),
            Route::ConsultationCalendar { lang, slug } => {
                format!("{lang}/consultations/{slug}/calendar.ics")
            }
            Route::ShareImage { lang, slug } => {
                format!("{lang}/consultations/{slug}/share.png")
            }
            Route::Document { slug, path } => format!("documents/{slug}/{path}"),
            Route::Static { path } => path.clone(),
            Route::Stylesheet => crate::render::theme::STYLESHEET_PATH.into(),
            Route::Script { file } => format!("theme/{file}"),
        }
    }

    /// The file written for this route: `index.html` in a page's folder.
    pub fn file(&self) -> String {
        file_of(self.path())
    }

    /// The link to this route from a page: under the site's base path
    /// (`""` or `/sub/path`), percent-encoded.
    pub fn url(&self, base: &str) -> String {
        format!("{base}/{}", encode_path(&self.path()))
    }

    /// The language the route is in, if any.
    pub fn lang(&self) -> Option<&str> {
        match self {
            in_language!(lang) => Some(lang),
            _ => None,
        }
    }

    /// The slug of the consultation the route belongs to, if any.
    pub fn consultation(&self) -> Option<&str> {
        match self {
            Route::Consultation { slug, .. }
            | Route::Inputs { slug, .. }
            | Route::Input { slug, .. }
            | Route::DocumentPage { slug, .. }
            | Route::ConsultationFeed { slug, .. }
            | Route::ConsultationCalendar { slug, .. }
            | Route::ShareImage { slug, .. }
            | Route::Document { slug, .. } => Some(slug),
            _ => None,
        }
    }

    /// The same route in language `to`; a route in no language is itself.
    pub fn in_lang(&self, to: &str) -> Route {
        let mut r = self.clone();
        match &mut r {
            in_language!(lang) => *lang = to.to_string(),
            _ => {}
        }
        r
    }

    /// Whether the route is an HTML page (listed in the sitemap).
    pub fn is_page(&self) -> bool {
        !matches!(
            self,
            Route::SiteFeed { .. }
                | Route::SocialDisclaimer { .. }
                | Route::ConsultationFeed { .. }
                | Route::SiteCalendar { .. }
                | Route::ConsultationCalendar { .. }
                | Route::ShareImage { .. }
                | Route::Document { .. }
                | Route::Static { .. }
                | Route::Stylesheet
                | Route::SearchIndex { .. }
                | Route::Script { .. }
        )
    }
}

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

fn l(lang: &str) -> String {
    lang.to_string()
}

pub fn home(lang: &str) -> String {
    Route::Home { lang: l(lang) }.path()
}

pub fn consultation(lang: &str, slug: &str) -> String {
    Route::Consultation {
        lang: l(lang),
        slug: l(slug),
    }
    .path()
}

pub fn inputs(lang: &str, slug: &str) -> String {
    Route::Inputs {
        lang: l(lang),
        slug: l(slug),
        page: 1,
    }
    .path()
}

pub fn input(lang: &str, slug: &str, id: &str) -> String {
    Route::Input {
        lang: l(lang),
        slug: l(slug),
        id: l(id),
    }
    .path()
}

/// An attachment, copied once for all languages.
pub fn document(slug: &str, path: &str) -> String {
    Route::Document {
        slug: l(slug),
        path: l(path),
    }
    .path()
}

/// Whether a document of this path gets a page of its own
/// ([`Route::DocumentPage`]): text a browser would show raw, in whatever
/// encoding the server claims, and without wrapping.
pub fn document_has_page(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    !path.contains("://") && matches!(ext.as_deref(), Some("txt" | "md"))
}

/// The Atom feed of the whole site in `lang`.
pub fn site_feed(lang: &str) -> String {
    Route::SiteFeed { lang: l(lang) }.path()
}

pub fn consultation_feed(lang: &str, slug: &str) -> String {
    Route::ConsultationFeed {
        lang: l(lang),
        slug: l(slug),
    }
    .path()
}

/// The site-wide calendar in `lang` ([`SITE_CALENDAR`] is the default
/// language's).
pub fn site_calendar(lang: &str) -> String {
    Route::SiteCalendar { lang: l(lang) }.path()
}

pub fn consultation_calendar(lang: &str, slug: &str) -> String {
    Route::ConsultationCalendar {
        lang: l(lang),
        slug: l(slug),
    }
    .path()
}

/// The URL of `path` (relative to the site root) under `base_url`, with
/// every byte that may not stand in a URL path percent-encoded.
pub fn absolute(site: &Site, path: &str) -> String {
    absolute_under(site.config.base_url(), path)
}

/// [`absolute`] under a `base_url` given as it is (without its final `/`).
pub fn absolute_under(base_url: &str, path: &str) -> String {
    format!("{base_url}/{}", encode_path(path))
}

/// Where a document (or a response's `changes`) is: a web address as
/// written (1.1), or the absolute URL of the consultation's file.
pub fn document_link(site: &Site, slug: &str, path: &str) -> String {
    if crate::model::is_web_address(path) {
        path.to_string()
    } else {
        absolute(site, &document(slug, path))
    }
}

/// A link as the agency wrote it in a `[[timeline]]` event: a full URL, a
/// path from the site root, or a file of the consultation.
pub fn timeline_link(site: &Site, slug: &str, link: &str) -> String {
    timeline_link_under(site.config.base_url(), slug, link)
}

/// [`timeline_link`] under `base` (a `base_url`, or a page's base path).
/// A path from the site root is a URL reference the agency wrote: its `#`
/// and `?` and its `%XX` escapes are kept, and only what a URL may not hold
/// (spaces, non-ASCII, quotes) is encoded. A file of the consultation is a
/// file name: all of it is encoded, as every document link is.
pub fn timeline_link_under(base: &str, slug: &str, link: &str) -> String {
    if link.contains("://") {
        link.to_string()
    } else if let Some(rest) = link.strip_prefix('/') {
        format!("{base}/{}", encode_reference(rest))
    } else {
        format!("{base}/{}", encode_path(&document(slug, link)))
    }
}

/// Percent-encodes what may not stand in a URL reference, keeping its
/// delimiters (`#`, `?`) and escapes already written (`%` and two hex digits).
pub fn encode_reference(link: &str) -> String {
    let b = link.as_bytes();
    let mut out = String::with_capacity(link.len());
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        let escape = c == b'%'
            && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if matches!(c, b'#' | b'?' | b'&') || escape {
            out.push_str(&encode_path(&link[start..i]));
            out.push(c as char);
            start = i + 1;
        }
    }
    out.push_str(&encode_path(&link[start..]));
    out
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

/// The national index's consultation listings: all, or one filter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndexFilter {
    All,
    Agency(String),
    Status(Status),
    /// A national topic of index.toml.
    Topic(String),
    /// An agency's own topic that no national topic includes.
    AgencyTopic(String, String),
}

/// Every page and file of the national index (`sablah index`): the index's
/// one table of URLs, as [`Route`] is a site's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndexRoute {
    /// `/`: the overview in the default language.
    Root,
    Home {
        lang: String,
    },
    Consultations {
        lang: String,
        filter: IndexFilter,
        page: usize,
    },
    /// The agencies side by side, sorted by name or by a figure.
    Agencies {
        lang: String,
        sort: Option<String>,
    },
    Agency {
        lang: String,
        id: String,
    },
    Legal {
        lang: String,
    },
    Feed {
        lang: String,
    },
    /// `/L/search/`: the search page, and without JavaScript the
    /// consultations counted by topic and status, with links.
    Search {
        lang: String,
    },
    /// A file of a language's search index, under `/L/search/`.
    SearchIndex {
        lang: String,
        file: String,
    },
    /// A script of the search page, under `/theme/` as on agency sites.
    Script {
        file: String,
    },
    Calendar,
    ConsultationsJson,
    Schema,
    AgenciesJson,
    AgenciesCsv,
    Harvest,
    Sitemap,
    Manifest,
    Checksums,
    /// `/404.html`: "not found" in every language, for the host to send.
    NotFound,
    /// `/robots.txt`, pointing at the sitemap.
    Robots,
    Stylesheet,
    /// The index's additions to the stylesheet (tables, charts).
    IndexStylesheet,
    /// A file of the index's `static/` folder, at the same path.
    Static {
        path: String,
    },
}

/// The segment the agencies page's sorted views sit under; no source may
/// take it as its id.
pub const AGENCIES_SORT: &str = "sort";

macro_rules! index_in_language {
    ($lang:ident) => {
        IndexRoute::Home { lang: $lang }
            | IndexRoute::Consultations { lang: $lang, .. }
            | IndexRoute::Agencies { lang: $lang, .. }
            | IndexRoute::Agency { lang: $lang, .. }
            | IndexRoute::Legal { lang: $lang }
            | IndexRoute::Feed { lang: $lang }
            | IndexRoute::Search { lang: $lang }
    };
}

impl IndexRoute {
    /// The path relative to the index root, with `/`.
    pub fn path(&self) -> String {
        match self {
            IndexRoute::Root => String::new(),
            IndexRoute::Home { lang } => format!("{lang}/"),
            IndexRoute::Consultations { lang, filter, page } => {
                let dir = match filter {
                    IndexFilter::All => format!("{lang}/consultations/"),
                    IndexFilter::Agency(a) => format!("{lang}/consultations/agency/{a}/"),
                    IndexFilter::Status(s) => {
                        format!("{lang}/consultations/status/{}/", s.as_str())
                    }
                    IndexFilter::Topic(t) => format!("{lang}/consultations/topic/{t}/"),
                    IndexFilter::AgencyTopic(a, t) => {
                        format!("{lang}/consultations/agency/{a}/topic/{t}/")
                    }
                };
                paged(dir, *page)
            }
            IndexRoute::Agencies { lang, sort: None } => format!("{lang}/agencies/"),
            IndexRoute::Agencies {
                lang,
                sort: Some(k),
            } => format!("{lang}/agencies/{AGENCIES_SORT}/{k}/"),
            IndexRoute::Agency { lang, id } => format!("{lang}/agencies/{id}/"),
            IndexRoute::Legal { lang } => format!("{lang}/legal/"),
            IndexRoute::Feed { lang } => format!("{lang}/feed.xml"),
            IndexRoute::Search { lang } => format!("{lang}/search/"),
            IndexRoute::SearchIndex { lang, file } => format!("{lang}/search/{file}"),
            IndexRoute::Script { file } => format!("theme/{file}"),
            IndexRoute::Calendar => SITE_CALENDAR.into(),
            IndexRoute::ConsultationsJson => CONSULTATIONS_JSON.into(),
            IndexRoute::Schema => CONSULTATIONS_SCHEMA.into(),
            IndexRoute::AgenciesJson => "data/agencies.json".into(),
            IndexRoute::AgenciesCsv => "data/agencies.csv".into(),
            IndexRoute::Harvest => "data/harvest.json".into(),
            IndexRoute::Sitemap => SITEMAP.into(),
            IndexRoute::Manifest => MANIFEST.into(),
            IndexRoute::Checksums => CHECKSUMS.into(),
            IndexRoute::NotFound => "404.html".into(),
            IndexRoute::Robots => ROBOTS.into(),
            IndexRoute::Stylesheet => crate::render::theme::STYLESHEET_PATH.into(),
            IndexRoute::IndexStylesheet => "theme/index.css".into(),
            IndexRoute::Static { path } => path.clone(),
        }
    }

    /// The file written: `index.html` in a page's folder.
    pub fn file(&self) -> String {
        file_of(self.path())
    }

    pub fn url(&self, base: &str) -> String {
        format!("{base}/{}", encode_path(&self.path()))
    }

    pub fn lang(&self) -> Option<&str> {
        match self {
            index_in_language!(lang) => Some(lang),
            _ => None,
        }
    }

    /// The same route in language `to` (the root is the default
    /// language's overview, so it becomes that language's).
    pub fn in_lang(&self, to: &str) -> IndexRoute {
        let mut r = self.clone();
        match &mut r {
            index_in_language!(lang) => *lang = to.to_string(),
            IndexRoute::Root => {
                r = IndexRoute::Home {
                    lang: to.to_string(),
                }
            }
            _ => {}
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_keeps_its_fragment_query_and_escapes() {
        assert_eq!(encode_reference("ar/x/#decision"), "ar/x/#decision");
        assert_eq!(
            encode_reference("files/two words.txt?a=1&b=%20"),
            "files/two%20words.txt?a=1&b=%20"
        );
        assert_eq!(encode_reference("100%.txt"), "100%25.txt");
        assert_eq!(encode_reference("ملف"), "%D9%85%D9%84%D9%81");
    }

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

    #[test]
    fn index_routes_have_distinct_paths() {
        let l = || "ar".to_string();
        let routes = [
            IndexRoute::Root,
            IndexRoute::Home { lang: l() },
            IndexRoute::Consultations {
                lang: l(),
                filter: IndexFilter::All,
                page: 2,
            },
            IndexRoute::Consultations {
                lang: l(),
                filter: IndexFilter::Agency("mwre".into()),
                page: 1,
            },
            IndexRoute::Consultations {
                lang: l(),
                filter: IndexFilter::AgencyTopic("mwre".into(), "water".into()),
                page: 1,
            },
            IndexRoute::Agencies {
                lang: l(),
                sort: Some("held".into()),
            },
            IndexRoute::Agency {
                lang: l(),
                id: "mwre".into(),
            },
            IndexRoute::Search { lang: l() },
            IndexRoute::SearchIndex {
                lang: l(),
                file: "index.json".into(),
            },
            IndexRoute::Script {
                file: "search/search.js".into(),
            },
        ];
        let paths: std::collections::BTreeSet<String> = routes.iter().map(|r| r.path()).collect();
        assert_eq!(paths.len(), routes.len());
        assert_eq!(routes[5].path(), "ar/agencies/sort/held/");
        assert_eq!(IndexRoute::Root.in_lang("en").path(), "en/");
        // The search page and its files where an agency site has them.
        assert_eq!(
            IndexRoute::Search { lang: l() }.in_lang("en").path(),
            Route::Search { lang: "en".into() }.path()
        );
        assert_eq!(
            routes[9].path(),
            Route::Script {
                file: "search/search.js".into()
            }
            .path()
        );
    }
}
