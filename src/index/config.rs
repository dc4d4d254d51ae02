//! `index.toml`: the national index's configuration (`central-index.md`,
//! section 1), read through [`crate::toml_doc`] so that every problem is a
//! located diagnostic, as for `sablah.toml`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::Localized;
use crate::toml_doc::Origin;

/// The whole `index.toml`.
#[derive(Debug, Deserialize)]
pub struct IndexConfig {
    pub index: IndexSettings,
    /// One per agency; their order does not matter (sources are reported
    /// and shown sorted by id).
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    /// National topics, by key, each mapping agencies' own topic keys.
    #[serde(default)]
    pub topics: BTreeMap<String, NationalTopic>,
}

#[derive(Debug, Deserialize)]
pub struct IndexSettings {
    /// Absolute http(s) URL the index is published at.
    pub base_url: Spanned<String>,
    /// Language codes; the first is the default language.
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub title: Spanned<Localized>,
    /// Who runs the index.
    pub operator: Spanned<Localized>,
    /// E-mail address of the index's team.
    pub contact: Spanned<String>,
    /// Output folder, relative to the index folder (default `public`).
    pub output: Option<String>,
    /// Folder of harvested copies and their validators, relative to the
    /// index folder (default `.sablah-cache`).
    pub cache: Option<String>,
    /// A copy older than this many days is shown as stale (default 30).
    pub stale_after_days: Option<Spanned<i64>>,
    /// The whole-request timeout in seconds (default 60; the connection
    /// timeout is 10 s, or this when it is shorter). An extension of the
    /// contract, for portals behind slow links and for tests.
    pub timeout_seconds: Option<Spanned<u64>>,
}

/// Where one agency's `consultations.json` is.
#[derive(Debug, Deserialize)]
pub struct SourceEntry {
    /// The agency id, a slug; must equal `agency.id` in the data.
    pub id: Spanned<String>,
    pub url: Option<Spanned<String>>,
    /// Relative to the index folder (or absolute).
    pub path: Option<Spanned<String>>,
    /// Check the file's SHA-256 against the `manifest.json` beside it.
    #[serde(default)]
    pub verify: bool,
}

#[derive(Debug, Deserialize)]
pub struct NationalTopic {
    pub label: Spanned<Localized>,
    /// `"<source id>:<topic key>"`.
    #[serde(default)]
    pub includes: Vec<Spanned<String>>,
}

/// Where a source is read from, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Url(String),
    Path(String),
}

impl Location {
    /// What `harvest.json` and the diagnostics name it by.
    pub fn describe(&self) -> &str {
        match self {
            Location::Url(u) | Location::Path(u) => u,
        }
    }
}

/// A source as the harvest uses it: checked, with where its entry is.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub location: Location,
    pub verify: bool,
    /// The span of its `id` value in index.toml, where its problems point.
    pub span: crate::sources::Span,
}

pub const DEFAULT_STALE_AFTER_DAYS: i64 = 30;
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

impl IndexConfig {
    pub fn languages(&self) -> Vec<String> {
        self.index
            .languages
            .get_ref()
            .iter()
            .map(|l| l.get_ref().clone())
            .collect()
    }
    /// `base_url` without its final `/`.
    pub fn base_url(&self) -> &str {
        self.index.base_url.get_ref().trim_end_matches('/')
    }
    /// The path part of `base_url` (`""` or `/sub/path`), for links.
    pub fn base_path(&self) -> &str {
        let url = self.base_url();
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        match rest.find('/') {
            Some(i) => &rest[i..],
            None => "",
        }
    }
    pub fn stale_after_days(&self) -> i64 {
        self.index
            .stale_after_days
            .as_ref()
            .map(|s| *s.get_ref())
            .unwrap_or(DEFAULT_STALE_AFTER_DAYS)
    }
    pub fn timeout_seconds(&self) -> u64 {
        self.index
            .timeout_seconds
            .as_ref()
            .map(|s| *s.get_ref())
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }
    /// The national topic that includes `<source>:<key>`, if any.
    pub fn national_topic(&self, source: &str, key: &str) -> Option<&str> {
        let wanted = format!("{source}:{key}");
        self.topics
            .iter()
            .find(|(_, t)| t.includes.iter().any(|i| *i.get_ref() == wanted))
            .map(|(k, _)| k.as_str())
    }
}

/// A slug: lower-case ASCII letters, digits and hyphens, not starting with
/// a hyphen, at most 80 characters (as `agency.id` in the schema).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Reads `index.toml` (file 0 of its source set) and checks the rules that
/// relate its fields. Returns the sources in id order when the file can be
/// used at all.
pub fn read(
    text: &str,
    origin: Origin,
    diags: &mut Diagnostics,
) -> Option<(IndexConfig, Vec<Source>)> {
    let config: IndexConfig = crate::toml_doc::parse(text, origin, diags)?;
    let before = diags.errors();
    let i = &config.index;
    if !is_http_url(i.base_url.get_ref()) {
        diags.push(
            Diagnostic::error(Code::InvalidUrl, "base_url is not an absolute http(s) URL")
                .at(origin.spanned(&i.base_url))
                .label("here")
                .help("write the address the index is published at, such as \"https://participate.example.gov.om\""),
        );
    }
    if i.languages.get_ref().is_empty() {
        diags.push(
            Diagnostic::error(Code::WrongType, "`languages` lists no language")
                .at(origin.spanned(&i.languages))
                .label("empty")
                .help(
                    "list the index's languages, the default first: languages = [\"ar\", \"en\"]",
                ),
        );
    }
    let mut seen_langs = BTreeSet::new();
    for l in i.languages.get_ref() {
        let ok = unic_langid::LanguageIdentifier::from_bytes(l.get_ref().as_bytes()).is_ok()
            && !l.get_ref().is_empty()
            && l.get_ref()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            diags.push(
                Diagnostic::error(
                    Code::InvalidLanguage,
                    format!("\"{}\" is not a BCP 47 language tag", l.get_ref()),
                )
                .at(origin.spanned(l))
                .label("not a language tag")
                .help("write a language code such as \"ar\" or \"en\""),
            );
        } else if !seen_langs.insert(l.get_ref().clone()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!("the language \"{}\" is listed twice", l.get_ref()),
                )
                .at(origin.spanned(l))
                .label("listed again")
                .help("list each language once"),
            );
        }
    }
    let langs = config.languages();
    for (name, label) in [("title", &i.title), ("operator", &i.operator)] {
        for lang in &langs {
            if label
                .get_ref()
                .get(lang)
                .is_none_or(|t| t.trim().is_empty())
            {
                diags.push(
                    Diagnostic::error(Code::MissingTranslation, format!("`{name}` has no text in \"{lang}\""))
                        .at(origin.spanned(label))
                        .label(format!("no \"{lang}\""))
                        .help(format!("add {lang} = \"…\" to `{name}`: the index shows it on every page in every language")),
                );
            }
        }
    }
    if !i.contact.get_ref().contains('@') {
        diags.push(
            Diagnostic::error(Code::WrongType, "`contact` is not an e-mail address")
                .at(origin.spanned(&i.contact))
                .label("here")
                .help("write the index team's address, such as \"e-participation@example.gov.om\""),
        );
    }
    if let Some(s) = &i.stale_after_days {
        if *s.get_ref() < 1 {
            diags.push(
                Diagnostic::error(Code::WrongType, "`stale_after_days` must be at least 1")
                    .at(origin.spanned(s))
                    .label("here")
                    .help("write a number of days, such as 30"),
            );
        }
    }
    if let Some(s) = &i.timeout_seconds {
        if *s.get_ref() < 1 || *s.get_ref() > 600 {
            diags.push(
                Diagnostic::error(
                    Code::WrongType,
                    "`timeout_seconds` must be between 1 and 600",
                )
                .at(origin.spanned(s))
                .label("here")
                .help("leave it out for the default of 60 seconds"),
            );
        }
    }
    if config.sources.is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingKey, "index.toml lists no source")
                .at(origin.span(0..0))
                .help("add a [[sources]] table per agency, with its id and the url or path of its data/consultations.json"),
        );
    }
    let mut sources = Vec::new();
    let mut ids: BTreeMap<String, Spanned<String>> = BTreeMap::new();
    for s in &config.sources {
        let id = s.id.get_ref();
        let span = origin.spanned(&s.id);
        if !is_slug(id) {
            diags.push(
                Diagnostic::error(Code::InvalidSlug, format!("the source id \"{id}\" is not a slug"))
                    .at(span.clone())
                    .label("not a slug")
                    .help("use the agency's id as its own sablah.toml has it: lower-case letters, digits and hyphens"),
            );
            continue;
        }
        if id == crate::routes::AGENCIES_SORT {
            diags.push(
                Diagnostic::error(Code::InvalidSlug, format!("the source id \"{id}\" is reserved"))
                    .at(span.clone())
                    .label("reserved")
                    .help("the agencies page's sorted views live under /agencies/sort/: give the source another id"),
            );
            continue;
        }
        if let Some(first) = ids.get(id) {
            let (line, _) = crate::diagnostics::line_col(
                text,
                origin.spanned(first).range.start - origin.offset,
            );
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!("the source id \"{id}\" is used twice"),
                )
                .at(span.clone())
                .label("used again")
                .help(format!(
                    "each agency is listed once; the first is on line {line}"
                )),
            );
            continue;
        }
        ids.insert(id.clone(), s.id.clone());
        let location = match (&s.url, &s.path) {
            (Some(u), None) => {
                if !is_http_url(u.get_ref()) {
                    diags.push(
                        Diagnostic::error(Code::InvalidUrl, format!("the url of source \"{id}\" is not an http(s) URL"))
                            .at(origin.spanned(u))
                            .label("here")
                            .help("write the address of the agency's consultations.json, such as \"https://consult.mwre.example.gov.om/data/consultations.json\""),
                    );
                    continue;
                }
                Location::Url(u.get_ref().clone())
            }
            (None, Some(p)) => {
                if p.get_ref().trim().is_empty() {
                    diags.push(
                        Diagnostic::error(Code::WrongType, format!("the path of source \"{id}\" is empty"))
                            .at(origin.spanned(p))
                            .label("here")
                            .help("write the path of the agency's built data/consultations.json, relative to the index folder"),
                    );
                    continue;
                }
                Location::Path(p.get_ref().clone())
            }
            (Some(_), Some(p)) => {
                diags.push(
                    Diagnostic::error(Code::WrongType, format!("source \"{id}\" has both `url` and `path`"))
                        .at(origin.spanned(p))
                        .label("one of the two")
                        .help("keep exactly one: `url` for a published site, `path` for a site built on this machine"),
                );
                continue;
            }
            (None, None) => {
                diags.push(
                    Diagnostic::error(Code::MissingKey, format!("source \"{id}\" has neither `url` nor `path`"))
                        .at(span.clone())
                        .label("this source")
                        .help("add url = \"https://…/data/consultations.json\" or path = \"…/public/data/consultations.json\""),
                );
                continue;
            }
        };
        sources.push(Source {
            id: id.clone(),
            location,
            verify: s.verify,
            span,
        });
    }
    for (key, topic) in &config.topics {
        if !is_slug(key) {
            diags.push(
                Diagnostic::error(
                    Code::InvalidSlug,
                    format!("the topic key \"{key}\" is not a slug"),
                )
                .at(origin.spanned(&topic.label))
                .label("in this topic")
                .help("topic keys become URLs: lower-case letters, digits and hyphens"),
            );
        }
        for lang in &langs {
            if topic.label.get_ref().get(lang).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::MissingTranslation,
                        format!("the label of topic \"{key}\" has no text in \"{lang}\""),
                    )
                    .at(origin.spanned(&topic.label))
                    .label(format!("no \"{lang}\""))
                    .help(format!("add {lang} = \"…\" to the label")),
                );
            }
        }
        for inc in &topic.includes {
            let ok = inc
                .get_ref()
                .split_once(':')
                .is_some_and(|(s, k)| is_slug(s) && is_slug(k));
            if !ok {
                diags.push(
                    Diagnostic::error(Code::WrongType, format!("\"{}\" is not \"<source id>:<topic key>\"", inc.get_ref()))
                        .at(origin.spanned(inc))
                        .label("here")
                        .help("write the source's id and the agency's own topic key, such as \"mwre:water\""),
                );
            } else if let Some((s, _)) = inc.get_ref().split_once(':') {
                if !ids.contains_key(s) {
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownTopic,
                            format!(
                                "\"{}\" names the source \"{s}\", which [[sources]] does not list",
                                inc.get_ref()
                            ),
                        )
                        .at(origin.spanned(inc))
                        .label("unknown source")
                        .help("use the id of one of the [[sources]]"),
                    );
                }
            }
        }
    }
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    if diags.errors() > before {
        return None;
    }
    Some((config, sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"[index]
base_url = "https://participate.example.gov.om"
languages = ["ar", "en"]
title = { ar = "الفهرس", en = "Index" }
operator = { ar = "الوزارة", en = "The Ministry" }
contact = "e@example.gov.om"

[[sources]]
id = "mwre"
path = "../mwre/public/data/consultations.json"

[[sources]]
id = "muscat"
url = "https://consult.muscat.example.gov.om/data/consultations.json"
verify = true

[topics.water]
label = { ar = "المياه", en = "Water" }
includes = ["mwre:water", "muscat:water-supply"]
"#;

    fn run(text: &str) -> (Option<(IndexConfig, Vec<Source>)>, Diagnostics) {
        let mut d = Diagnostics::default();
        let r = read(text, Origin { file: 0, offset: 0 }, &mut d);
        (r, d)
    }

    #[test]
    fn a_good_index_toml_reads_with_its_sources_sorted() {
        let (r, d) = run(GOOD);
        assert!(d.items.is_empty(), "{:?}", d.items);
        let (c, s) = r.unwrap();
        assert_eq!(s[0].id, "muscat");
        assert!(s[0].verify);
        assert_eq!(
            s[1].location,
            Location::Path("../mwre/public/data/consultations.json".into())
        );
        assert_eq!(c.national_topic("muscat", "water-supply"), Some("water"));
        assert_eq!(c.national_topic("muscat", "roads"), None);
        assert_eq!(c.stale_after_days(), 30);
    }

    #[test]
    fn bad_sources_are_each_reported_at_their_place() {
        let text = GOOD.replace("id = \"muscat\"", "id = \"mwre\"").replace(
            "verify = true",
            "verify = true\n\n[[sources]]\nid = \"Bad Id\"\npath = \"x\"\n\n[[sources]]\nid = \"both\"\nurl = \"ftp://x\"\n",
        );
        let (r, d) = run(&text);
        assert!(r.is_none());
        let codes: Vec<&str> = d.items.iter().map(|d| d.code.code()).collect();
        assert!(codes.contains(&"E006"), "{codes:?}");
        assert!(codes.contains(&"E005"), "{codes:?}");
        assert!(codes.contains(&"E018"), "{codes:?}");
        assert!(d
            .items
            .iter()
            .all(|d| matches!(d.location, crate::diagnostics::Location::Span(_))));
    }

    #[test]
    fn an_unknown_key_is_reported() {
        let (_, d) = run(&GOOD.replace("contact =", "contakt = \"x\"\ncontact ="));
        assert_eq!(d.items[0].code, Code::UnknownKey);
    }
}
