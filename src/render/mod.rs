//! Renders the HTML pages of the content format's section 6, in every
//! language, from the theme's templates.
//!
//! [`plan::plan`] lists every page as a [`Route`], grouped by what the
//! pages depend on; a [`Renderer`] turns one group into [`File`]s and
//! writes nothing: the caller hands them to the output stage, so a full
//! disk is an I/O error there, never a content diagnostic here. Everything
//! a template shows is computed first ([`views`]; the variables a template
//! receives, and their versioned contract, are [`context`]), and every Markdown text
//! is rendered once and shared between the pages that show it. After
//! rendering, each page is checked to carry both legal notices in its
//! language.

pub mod context;
pub mod dates;
pub mod i18n;
pub mod markdown;
pub mod plan;
pub mod share;
pub mod theme;
pub mod views;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use std::sync::{Arc, Mutex};

use fluent_bundle::FluentValue;
use rayon::prelude::*;
use serde::Serialize;

use crate::derive::{ConsultationFacts, Facts, Status, TimelineKind};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{dir, is_rtl, Consultation, Input, Lang, Localized, Site, Stage};
use crate::routes::{ListView, Route};
use crate::sources::SourceSet;

use dates::DateText;
use i18n::Translations;
use theme::Theme;
use views::*;

pub use plan::{Group, Owner, Plan, PAGE_SIZE};

/// A rendered file: its path relative to the site root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Shared, read-only state of one render.
struct Cx<'a> {
    site: &'a Site,
    facts: &'a Facts,
    sources: &'a SourceSet,
    tera: tera::Tera,
    /// Where each overridden template comes from ([`Theme::origins`]).
    origins: BTreeMap<String, String>,
    tr: Arc<Translations>,
    langs: Vec<Lang>,
    base: String,
    base_url: String,
    globals: BTreeMap<Lang, serde_json::Value>,
    summaries: BTreeMap<Lang, Vec<Summary>>,
    /// Each language's name in itself, for the language switch.
    lang_names: BTreeMap<Lang, String>,
    /// Finders of the legal notices' short texts, escaped as in HTML, per
    /// language (memchr's SIMD search: every page is searched).
    notices: BTreeMap<Lang, [memchr::memmem::Finder<'static>; 2]>,
    errors: Mutex<Diagnostics>,
    /// The agency's logo as the share images draw it (SVG or PNG).
    logo: Option<share::Logo>,
    /// A file of the previous output, by path: a share image whose key is
    /// unchanged is taken from there instead of being drawn again.
    previous: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

/// Renders the groups of a [`Plan`]: built once per build (it formats what
/// every page of a language shares), then asked for any group, from any
/// thread.
pub struct Renderer<'a> {
    cx: Cx<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        facts: &'a Facts,
        sources: &'a SourceSet,
        theme: &Theme,
    ) -> Renderer<'a> {
        let mut tera = theme.tera.clone();
        let tr = theme.translations.clone();
        register_functions(&mut tera, tr.clone(), site);
        let langs = site.config.languages();
        let base = site.config.base_path().to_string();
        let mut cx = Cx {
            site,
            facts,
            sources,
            tera,
            origins: theme.origins.clone(),
            tr: tr.clone(),
            langs: langs.clone(),
            base: base.clone(),
            base_url: site.config.base_url().to_string(),
            globals: BTreeMap::new(),
            summaries: BTreeMap::new(),
            notices: BTreeMap::new(),
            lang_names: langs
                .iter()
                .map(|l| (l.clone(), tr.get(l, "language-name", &[])))
                .collect(),
            errors: Mutex::new(Diagnostics::default()),
            logo: share_logo(site, sources),
            previous: &|_| None,
        };
        for lang in &langs {
            let g = global(&cx, lang);
            cx.globals
                .insert(lang.clone(), serde_json::to_value(g).unwrap_or_default());
            let notices = [
                memchr::memmem::Finder::new(
                    tera::escape_html(&tr.get(lang, "legal-ip-short", &[])).as_bytes(),
                )
                .into_owned(),
                memchr::memmem::Finder::new(
                    tera::escape_html(&tr.get(lang, "legal-copyright-short", &[])).as_bytes(),
                )
                .into_owned(),
            ];
            cx.notices.insert(lang.clone(), notices);
            let summaries = site
                .consultations
                .par_iter()
                .zip(facts.consultations.par_iter())
                .map(|(c, f)| summary(&cx, c, f, lang))
                .collect();
            cx.summaries.insert(lang.clone(), summaries);
        }
        Renderer { cx }
    }

    /// Takes unchanged share images from `previous` (the files of the
    /// previous output, by path) instead of drawing them again.
    pub fn reusing(mut self, previous: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync)) -> Self {
        self.cx.previous = previous;
        self
    }

    /// The files of one group's pages, in the group's order. A template
    /// that fails is recorded (see [`Renderer::finish`]) and its page left
    /// out.
    pub fn render(&self, group: &Group) -> Vec<File> {
        let cx = &self.cx;
        let mut out = Vec::with_capacity(group.pages.len() + 1);
        match &group.owner {
            Owner::Root => {
                root_pages(cx, &group.pages, &mut out);
                out.push(File {
                    path: Route::Stylesheet.file(),
                    bytes: theme::STYLESHEET.as_bytes().to_vec(),
                });
                out.push(File {
                    path: theme::ICON_PATH.into(),
                    bytes: theme::ICON.as_bytes().to_vec(),
                });
                for (file, text) in theme::SCRIPTS {
                    out.push(File {
                        path: Route::Script {
                            file: file.to_string(),
                        }
                        .file(),
                        bytes: text.as_bytes().to_vec(),
                    });
                }
            }
            Owner::Language(lang) => site_pages(cx, lang, &group.pages, &mut out),
            Owner::Consultation(index) => {
                let (c, f) = (
                    &cx.site.consultations[*index],
                    &cx.facts.consultations[*index],
                );
                consultation_pages(cx, *index, c, f, &group.pages, &mut out);
            }
        }
        out
    }

    /// The template problems met, if any: a build with any is not written.
    pub fn finish(self) -> Result<(), Diagnostics> {
        let mut errors = self.cx.errors.into_inner().unwrap_or_default();
        // Pages are rendered in parallel: the report is sorted.
        errors.sort(self.cx.sources);
        if errors.has_errors() {
            Err(errors)
        } else {
            Ok(())
        }
    }
}

impl Cx<'_> {
    fn fail(&self, d: Diagnostic) {
        if let Ok(mut e) = self.errors.lock() {
            // One diagnostic per template problem is enough.
            if !e.items.iter().any(|x| x.message == d.message) {
                e.push(d);
            }
        }
    }

    fn text(&self, label: &Localized, lang: &str) -> String {
        label
            .get(lang)
            .or_else(|| self.langs.iter().find_map(|l| label.get(l)))
            .cloned()
            .unwrap_or_default()
    }

    fn date(&self, d: crate::model::Date, lang: &str) -> DateText {
        let s = &self.site.config.site;
        dates::format(d, lang, &s.calendars, s.digits)
    }

    fn t(&self, lang: &str, key: &str) -> String {
        self.tr.get(lang, key, &[])
    }

    /// A keyword's label in `lang`: the message `<kind>-<keyword>`. The one
    /// place where keywords (statuses, results, channels, …) become words;
    /// templates receive the label beside the keyword.
    fn label(&self, lang: &str, kind: &str, keyword: &str) -> String {
        self.tr.get(lang, &format!("{kind}-{keyword}"), &[])
    }

    /// Renders `template` with `page` at `route` and checks it; `None` when
    /// the template failed (the problem is recorded).
    fn page<T: Serialize>(&self, template: &str, route: &Route, page: &T) -> Option<File> {
        let lang = route.lang().unwrap_or(&self.langs[0]);
        let path = route.path();
        let page = match tera::to_value(page) {
            Ok(v) => v,
            Err(e) => {
                self.fail(theme::template_error(
                    &tera::Error::msg(e.to_string()),
                    &self.origin(template),
                    &[],
                    Some(self.sources),
                ));
                return None;
            }
        };
        let meta = self.meta(route, lang, &page);
        let alternates = self.alternates(route);
        // The language choice at `/` is every home page's default version.
        let x_default = match route {
            Route::Home { .. } | Route::Root => String::new(),
            _ => route.in_lang(&self.langs[0]).path(),
        };
        let x_default = crate::routes::absolute_under(&self.base_url, &x_default);
        let canonical = crate::routes::absolute_under(&self.base_url, &path);
        // The template contract: exactly the variables of `PageContext`.
        let vars = context::PageContext {
            lang,
            g: &self.globals[lang],
            meta: &meta,
            page: &page,
            alternates: &alternates,
            canonical: &canonical,
            x_default: &x_default,
        };
        let html = match tera::Context::from_serialize(&vars)
            .and_then(|context| self.tera.render(template, &context))
        {
            Ok(h) => h,
            Err(e) => {
                self.fail(theme::template_error(
                    &e,
                    &self.origin(template),
                    &theme::overridden_chain(&self.tera, &self.origins, template),
                    Some(self.sources),
                ));
                return None;
            }
        };
        self.check_notices(template, lang, &html);
        Some(File {
            path: route.file(),
            bytes: html.into_bytes(),
        })
    }

    /// Records `E030` when a page lacks a legal notice: once per file to
    /// blame and language (not per page, so that the report is the same
    /// whatever the order pages are rendered in), at the end of the page's
    /// frame (`</body>`) when the file has one.
    fn check_notices(&self, template: &str, lang: &str, html: &str) {
        let [ip, copyright] = &self.notices[lang];
        if ip.find(html.as_bytes()).is_some() && copyright.find(html.as_bytes()).is_some() {
            return;
        }
        let file = self.origin(template);
        let d = Diagnostic::error(Code::ThemeTemplate, format!("the pages of {file} do not show the intellectual-property disclaimer and the Royal Decree 65/2008 notice in \"{lang}\""))
            .help("every page must carry both legal notices in its language: keep the footer of the built-in base.html (the messages legal-ip-short and legal-copyright-short, linking to the legal page) in templates that replace it");
        let end = self.sources.find_override(&file).and_then(|id| {
            let text = &self.sources.text_file(id)?.text;
            let at = text.rfind("</body>")?;
            Some(crate::sources::Span {
                file: id,
                range: at..at + "</body>".len(),
            })
        });
        self.fail(match end {
            Some(span) => d.at(span).label("the legal notices belong before this"),
            None => d.in_file(file),
        });
    }

    /// The file to blame for a problem of `template`'s pages.
    fn origin(&self, template: &str) -> String {
        theme::origin(&self.tera, &self.origins, template)
    }

    /// What the `<head>` says of a page, read off its view: its `title`
    /// (plain, or a [`LangText`]) and, for a consultation, its summary.
    fn meta(&self, route: &Route, lang: &str, page: &serde_json::Value) -> PageMeta {
        let site_title = self.text(self.site.config.site.title.get_ref(), lang);
        let plain = |v: &serde_json::Value| -> Option<String> {
            match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Object(o) => {
                    o.get("html").and_then(|h| h.as_str()).map(html_to_plain)
                }
                _ => None,
            }
        };
        let title = page
            .get("title")
            .and_then(plain)
            .unwrap_or_else(|| site_title.clone());
        let agency = self.text(self.site.config.agency.name.get_ref(), lang);
        let description = page
            .get("summary")
            .and_then(plain)
            .or_else(|| {
                page.get("consultation")
                    .and_then(|c| c.get("summary"))
                    .and_then(plain)
            })
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| {
                self.tr.get(
                    lang,
                    "meta-description",
                    &[("agency", FluentValue::from(agency))],
                )
            });
        let doc_title = if title == site_title || matches!(route, Route::Home { .. }) {
            site_title
        } else {
            format!("{title} · {site_title}")
        };
        PageMeta {
            title,
            doc_title,
            description,
            indexable: !matches!(route, Route::NotFound),
            image: self.share_meta(route, lang),
        }
    }

    /// The share image of a consultation's pages: its URL under `base_url`
    /// and, as its text, what it draws.
    fn share_meta(&self, route: &Route, lang: &str) -> Option<ShareImageMeta> {
        if !matches!(
            route,
            Route::Consultation { .. }
                | Route::Inputs { .. }
                | Route::Input { .. }
                | Route::DocumentPage { .. }
        ) {
            return None;
        }
        let slug = route.consultation()?;
        let index = self
            .site
            .consultations
            .iter()
            .position(|c| c.slug == slug)?;
        let card = share_card(self, index, &self.site.consultations[index], lang);
        let image = Route::ShareImage {
            lang: lang.into(),
            slug: slug.into(),
        };
        Some(ShareImageMeta {
            url: crate::routes::absolute_under(&self.base_url, &image.path()),
            width: share::WIDTH,
            height: share::HEIGHT,
            alt: [card.agency, card.title, card.status_label, card.date_line]
                .join(&self.t(lang, "list-separator")),
        })
    }

    fn alternates(&self, route: &Route) -> Vec<Alternate> {
        self.langs
            .iter()
            .map(|l| {
                // The pages in no language (`/`, 404) lead to each home.
                let p = match route {
                    Route::Root | Route::NotFound => Route::Home { lang: l.clone() },
                    _ => route.in_lang(l),
                };
                Alternate {
                    lang: l.clone(),
                    name: self.lang_names[l].clone(),
                    dir: dir(l),
                    url: p.url(&self.base),
                    href: crate::routes::absolute_under(&self.base_url, &p.path()),
                }
            })
            .collect()
    }

    /// The link to `route` from a page.
    fn link(&self, route: Route) -> String {
        route.url(&self.base)
    }
}

fn global(cx: &Cx, lang: &str) -> Global {
    let c = &cx.site.config;
    let policy = c.site.moderation_policy.get_ref();
    Global {
        context_version: context::CONTEXT_VERSION,
        lang: lang.to_string(),
        dir: dir(lang),
        base: cx.base.clone(),
        site_title: cx.text(c.site.title.get_ref(), lang),
        agency_name: cx.text(c.agency.name.get_ref(), lang),
        social: c
            .social
            .iter()
            .map(|a| SocialAccountView {
                platform: a.platform.get_ref().as_str(),
                platform_label: cx.label(lang, "platform", a.platform.get_ref().as_str()),
                url: a.url.get_ref().clone(),
                handle: a.handle.get_ref().clone(),
                label: a.label.as_ref().map(|l| cx.text(l.get_ref(), lang)),
            })
            .collect(),
        channels_url: (!c.social.is_empty())
            .then(|| cx.link(Route::Channels { lang: lang.into() })),
        agency_gender: c.gender(lang),
        contact: c.agency.contact.get_ref().clone(),
        redress: cx.text(c.agency.redress.get_ref(), lang),
        legal_extra: c.legal.extra.as_ref().map(|e| cx.text(e.get_ref(), lang)),
        home_url: cx.link(Route::Home { lang: lang.into() }),
        consultations_url: cx.link(Route::Consultations {
            lang: lang.into(),
            view: ListView::All,
            page: 1,
        }),
        legal_url: cx.link(Route::Legal { lang: lang.into() }),
        moderation_url: cx.site.pages.iter().any(|p| p.slug == *policy).then(|| {
            cx.link(Route::Page {
                lang: lang.into(),
                slug: policy.clone(),
            })
        }),
        stylesheet: cx.link(Route::Stylesheet),
        logo: c.agency.logo.as_ref().map(|l| {
            cx.link(Route::Static {
                path: l
                    .get_ref()
                    .strip_prefix("static/")
                    .unwrap_or(l.get_ref())
                    .to_string(),
            })
        }),
        build_date: cx.date(cx.facts.build_date, lang),
        feed_url: Some(cx.link(Route::SiteFeed { lang: lang.into() })),
        icon: match &c.agency.logo {
            Some(l) => cx.link(Route::Static {
                path: l
                    .get_ref()
                    .strip_prefix("static/")
                    .unwrap_or(l.get_ref())
                    .to_string(),
            }),
            None => cx.link(Route::Static {
                path: theme::ICON_PATH.into(),
            }),
        },
        icon_type: match &c.agency.logo {
            Some(l) => mime_guess::from_path(l.get_ref())
                .first_or_octet_stream()
                .essence_str()
                .to_string(),
            None => "image/svg+xml".into(),
        },
        identity: cx.tr.get(
            lang,
            "identity-line",
            &[(
                "agency",
                FluentValue::from(cx.text(c.agency.name.get_ref(), lang)),
            )],
        ),
        pages: cx
            .site
            .pages
            .iter()
            .map(|p| Link {
                label: html_to_plain(
                    &prose_text(cx, &p.texts, lang, |t| tera::escape_html(&t.front.title)).html,
                ),
                url: cx.link(Route::Page {
                    lang: lang.into(),
                    slug: p.slug.clone(),
                }),
            })
            .collect(),
        participation_guide_url: cx
            .site
            .pages
            .iter()
            .any(|p| p.slug == "participation-guide")
            .then(|| {
                cx.link(Route::Page {
                    lang: lang.into(),
                    slug: "participation-guide".into(),
                })
            }),
        data_url: format!(
            "{}/{}",
            cx.base,
            crate::routes::encode_path(&crate::routes::data_readme(lang))
        ),
        hijri_note: c
            .site
            .calendars
            .contains(&crate::config::Calendar::Hijri)
            .then(|| cx.t(lang, "hijri-note")),
        og_locale: og_locale(lang),
        og_locale_alternates: cx
            .langs
            .iter()
            .filter(|l| l.as_str() != lang)
            .map(|l| og_locale(l))
            .collect(),
        search_url: cx.link(Route::Search { lang: lang.into() }),
    }
}

/// The Open Graph locale of a language: the form the dates use.
fn og_locale(lang: &str) -> String {
    match lang {
        "ar" => "ar_OM".into(),
        "en" => "en_GB".into(),
        other => other.replace('-', "_"),
    }
}

/// Sanitised HTML as plain text: tags dropped, entities read back (Tera
/// escapes it again where it is printed).
pub(crate) fn html_to_plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A consultation's prose in `lang`, or in another language, marked.
fn prose_text<F>(
    cx: &Cx,
    texts: &BTreeMap<Lang, crate::model::Prose<F>>,
    lang: &str,
    pick: impl Fn(&crate::model::Prose<F>) -> String,
) -> LangText {
    if let Some(p) = texts.get(lang) {
        return LangText {
            html: pick(p),
            lang: lang.to_string(),
            dir: dir(lang),
            pending: false,
        };
    }
    for l in &cx.langs {
        if let Some(p) = texts.get(l) {
            return LangText {
                html: pick(p),
                lang: l.clone(),
                dir: dir(l),
                pending: true,
            };
        }
    }
    LangText {
        html: String::new(),
        lang: lang.to_string(),
        dir: dir(lang),
        pending: false,
    }
}

fn consultation_url(cx: &Cx, lang: &str, c: &Consultation) -> String {
    cx.link(Route::Consultation {
        lang: lang.into(),
        slug: c.slug.clone(),
    })
}

fn summary(cx: &Cx, c: &Consultation, f: &ConsultationFacts, lang: &str) -> Summary {
    let m = &c.meta;
    let title = prose_text(cx, &c.texts, lang, |p| tera::escape_html(&p.front.title));
    let summary = prose_text(cx, &c.texts, lang, |p| {
        markdown::agency_inline(&p.front.summary, &cx.base)
    });
    Summary {
        slug: c.slug.clone(),
        id: m.id.get_ref().clone(),
        url: consultation_url(cx, lang, c),
        title: html_to_plain(&title.html),
        title_html: title,
        summary: html_to_plain(&summary.html),
        summary_html: summary,
        status: f.status.as_str(),
        status_label: cx.label(lang, "status", f.status.as_str()),
        stage: m.stage.as_str(),
        stage_label: cx.label(lang, "stage", m.stage.as_str()),
        topics: m
            .topics
            .iter()
            .filter_map(|t| {
                let topic = cx.site.config.topic(t.get_ref())?;
                Some(Link {
                    label: cx.text(topic.label.get_ref(), lang),
                    url: cx.link(Route::Topic {
                        lang: lang.into(),
                        topic: t.get_ref().clone(),
                        page: 1,
                    }),
                })
            })
            .collect(),
        opens: cx.date(m.opens.get_ref().date, lang),
        closes: cx.date(m.closes.get_ref().date, lang),
        closes_time: closing_time(cx, c, lang),
        decision_due: m.decision_due.as_ref().map(|d| cx.date(*d.get_ref(), lang)),
        decided: c
            .decision
            .as_ref()
            .map(|d| cx.date(*d.meta.published.get_ref(), lang)),
        outcome: c.decision.as_ref().map(|d| d.meta.outcome.as_str()),
        outcome_label: c
            .decision
            .as_ref()
            .map(|d| cx.label(lang, "outcome", d.meta.outcome.as_str())),
        days_left: f.days_left,
        days_overdue: f.days_overdue,
        received: f.stats.received,
        published: f.stats.published,
    }
}

/// "23:59 (UTC+04:00)" when `closes` gives a time of day (1.1).
fn closing_time(cx: &Cx, c: &Consultation, lang: &str) -> Option<String> {
    use chrono::{Offset, TimeZone};
    let closes = c.meta.closes.get_ref();
    let time = closes.hhmm()?;
    let tz = cx.site.config.timezone();
    let at = closes.utc(tz, true);
    let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
    let zone = format!("UTC{offset}");
    Some(cx.tr.localise_digits(
        lang,
        &cx.tr.get(
            lang,
            "closing-time",
            &[
                ("time", FluentValue::from(time)),
                ("zone", FluentValue::from(zone)),
            ],
        ),
    ))
}

/// The home page of `lang`: open first (closing soonest), then recent
/// outcomes, then overdue and upcoming.
fn home_page<'a>(cx: &'a Cx, lang: &str) -> HomePage<'a> {
    let summaries = &cx.summaries[lang];
    let facts = &cx.facts.consultations;
    let idx: Vec<usize> = (0..summaries.len()).collect();

    let mut open: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| facts[i].status == Status::Open)
        .collect();
    open.sort_by_key(|&i| (summaries[i].closes.iso.clone(), summaries[i].slug.clone()));
    let mut outcomes: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| facts[i].status == Status::Decided)
        .collect();
    outcomes.sort_by(|&a, &b| {
        summaries[b]
            .decided
            .as_ref()
            .map(|d| &d.iso)
            .cmp(&summaries[a].decided.as_ref().map(|d| &d.iso))
            .then(summaries[a].slug.cmp(&summaries[b].slug))
    });
    outcomes.truncate(10);
    let mut overdue: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| facts[i].status == Status::Overdue)
        .collect();
    overdue.sort_by_key(|&i| {
        (
            summaries[i].decision_due.as_ref().map(|d| d.iso.clone()),
            summaries[i].slug.clone(),
        )
    });
    let mut upcoming: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| facts[i].status == Status::Upcoming)
        .collect();
    upcoming.sort_by_key(|&i| (summaries[i].opens.iso.clone(), summaries[i].slug.clone()));
    let home = HomePage {
        title: cx.text(cx.site.config.site.title.get_ref(), lang),
        open: open.iter().map(|&i| &summaries[i]).collect(),
        outcomes: outcomes.iter().map(|&i| &summaries[i]).collect(),
        overdue: overdue.iter().map(|&i| &summaries[i]).collect(),
        upcoming: upcoming.iter().map(|&i| &summaries[i]).collect(),
        answer_days: cx.facts.answer_times().map(|a| answer_days(cx, lang, a)),
    };
    home
}

fn answer_days(cx: &Cx, lang: &str, a: crate::derive::AnswerTimes) -> AnswerDays {
    AnswerDays {
        median: a.median,
        slowest: a.slowest,
        answered: a.answered,
        text: cx.tr.get(
            lang,
            "answer-days",
            &[
                ("median", FluentValue::from(a.median)),
                ("slowest", FluentValue::from(a.slowest)),
                ("answered", FluentValue::from(a.answered)),
            ],
        ),
    }
}

/// One language's site-wide pages, as `pages` lists them.
fn site_pages(cx: &Cx, lang: &str, pages: &[Route], out: &mut Vec<File>) {
    let summaries = &cx.summaries[lang];
    // Listings: all (newest first), and one view per status, stage, topic.
    let mut all: Vec<usize> = (0..summaries.len()).collect();
    all.sort_by(|&a, &b| {
        summaries[b]
            .opens
            .iso
            .cmp(&summaries[a].opens.iso)
            .then(summaries[a].slug.cmp(&summaries[b].slug))
    });
    let filters = filter_groups(cx, lang);
    let ordered: Vec<&Summary> = all.iter().map(|&i| &summaries[i]).collect();
    // The listing a route pages through, computed once per view.
    let mut views: HashMap<ListKey, (String, Vec<Summary>)> = HashMap::new();
    for route in pages {
        let file = match route {
            Route::Home { .. } => cx.page("home.html", route, &home_page(cx, lang)),
            Route::Consultations { view, page, .. } => {
                let key = ListKey::View(*view);
                let (heading, list) = views
                    .entry(key.clone())
                    .or_insert_with(|| listing_of(cx, lang, &key, &ordered));
                listing_page(cx, lang, route, heading, list, &filters, *page)
            }
            Route::Topic { topic, page, .. } => {
                let key = ListKey::Topic(topic.clone());
                let (heading, list) = views
                    .entry(key.clone())
                    .or_insert_with(|| listing_of(cx, lang, &key, &ordered));
                listing_page(cx, lang, route, heading, list, &filters, *page)
            }
            Route::Page { slug, .. } => {
                cx.site
                    .pages
                    .iter()
                    .find(|p| &p.slug == slug)
                    .and_then(|p| {
                        let title =
                            prose_text(cx, &p.texts, lang, |t| tera::escape_html(&t.front.title));
                        let page = ProsePage {
                            title: html_to_plain(&title.html),
                            title_html: title,
                            body_html: prose_text(cx, &p.texts, lang, |t| {
                                markdown::agency_under(t.body.as_str(), &cx.base, 2)
                            }),
                        };
                        cx.page("page.html", route, &page)
                    })
            }
            Route::Search { .. } => cx.page("search.html", route, &search_page(cx, lang, &all)),
            Route::Legal { .. } => cx.page(
                "legal.html",
                route,
                &RootPage {
                    title: cx.t(lang, "legal-heading"),
                    languages: Vec::new(),
                },
            ),
            Route::Channels { .. } => cx.page(
                "channels.html",
                route,
                &ChannelsPage {
                    title: cx.t(lang, "channels-heading"),
                    disclaimer: crate::output::social::disclaimer(cx.site, &cx.tr, lang),
                    disclaimer_url: cx.link(Route::SocialDisclaimer { lang: lang.into() }),
                },
            ),
            _ => None,
        };
        out.extend(file);
    }
}

/// The search page of `lang`; `order` lists the consultations newest first.
fn search_page<'a>(cx: &'a Cx, lang: &str, order: &[usize]) -> SearchPage<'a> {
    let summaries = &cx.summaries[lang];
    let statuses: Vec<Choice> = Status::ALL
        .iter()
        .map(|s| Choice {
            key: s.as_str().into(),
            label: cx.label(lang, "status", s.as_str()),
        })
        .collect();
    let topics: Vec<Choice> = cx
        .site
        .config
        .topics
        .iter()
        .map(|(k, t)| Choice {
            key: k.clone(),
            label: cx.text(t.label.get_ref(), lang),
        })
        .collect();
    let of_topic = |key: &str| -> Vec<usize> {
        order
            .iter()
            .copied()
            .filter(|&i| {
                let t = &cx.site.consultations[i].meta.topics;
                if key.is_empty() {
                    t.is_empty()
                } else {
                    t.iter().any(|t| t.get_ref() == key)
                }
            })
            .collect()
    };
    let none = Choice {
        key: String::new(),
        label: cx.t(lang, "search-topic-none"),
    };
    let browse = topics
        .iter()
        .cloned()
        .chain(std::iter::once(none))
        .filter_map(|topic| {
            let ids = of_topic(&topic.key);
            let statuses: Vec<BrowseStatus> = Status::ALL
                .iter()
                .zip(&statuses)
                .filter_map(|(s, choice)| {
                    let consultations: Vec<&Summary> = ids
                        .iter()
                        .filter(|&&i| cx.facts.consultations[i].status == *s)
                        .map(|&i| &summaries[i])
                        .collect();
                    (!consultations.is_empty()).then(|| BrowseStatus {
                        status: choice.clone(),
                        consultations,
                    })
                })
                .collect();
            (!statuses.is_empty()).then_some(BrowseTopic { topic, statuses })
        })
        .collect();
    let mut texts = search_texts(
        &cx.tr,
        lang,
        &[
            ("count-none", "search-none"),
            ("error", "search-error"),
            ("kind-c", "search-kind-c"),
            ("kind-d", "search-kind-d"),
        ],
    );
    texts.push(ScriptText {
        name: "kind-i".into(),
        text: cx
            .tr
            .get(lang, "search-kind-i", &[("id", FluentValue::from("{id}"))]),
    });
    SearchPage {
        title: cx.t(lang, "search-heading"),
        index_url: cx.link(Route::Search { lang: lang.into() }),
        script: cx.link(Route::Script {
            file: "search/search.js".into(),
        }),
        digits: cx.tr.localise_digits(lang, "0123456789"),
        texts,
        statuses,
        topics,
        browse,
    }
}

/// Which listing a page belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ListKey {
    View(ListView),
    Topic(String),
}

/// A listing's heading and consultations, in listing order.
fn listing_of(cx: &Cx, lang: &str, key: &ListKey, ordered: &[&Summary]) -> (String, Vec<Summary>) {
    let keep = |f: &dyn Fn(&Summary) -> bool| -> Vec<Summary> {
        ordered
            .iter()
            .filter(|s| f(s))
            .map(|s| (*s).clone())
            .collect()
    };
    match key {
        ListKey::View(ListView::All) => (cx.t(lang, "list-heading"), keep(&|_| true)),
        ListKey::View(ListView::Status(status)) => (
            view_heading(cx, lang, "status", status.as_str()),
            keep(&|s| s.status == status.as_str()),
        ),
        ListKey::View(ListView::Stage(stage)) => (
            view_heading(cx, lang, "stage", stage.as_str()),
            keep(&|s| s.stage == stage.as_str()),
        ),
        ListKey::Topic(key) => {
            let label = cx
                .site
                .config
                .topics
                .get(key)
                .map(|t| cx.text(t.label.get_ref(), lang))
                .unwrap_or_default();
            let heading = cx.tr.get(
                lang,
                "topic-heading",
                &[("topic", FluentValue::from(label))],
            );
            let topic_url = cx.link(Route::Topic {
                lang: lang.into(),
                topic: key.clone(),
                page: 1,
            });
            (
                heading,
                keep(&|s| s.topics.iter().any(|t| t.url == topic_url)),
            )
        }
    }
}

/// "Consultations: <label>", the heading of the listing of one `kind`
/// (`status` or `stage`) of consultations.
fn view_heading(cx: &Cx, lang: &str, kind: &str, keyword: &str) -> String {
    let label = cx.label(lang, kind, keyword);
    cx.tr.get(
        lang,
        &format!("list-view-{kind}"),
        &[(kind, FluentValue::from(label))],
    )
}

fn languages(cx: &Cx) -> Vec<LanguageChoice> {
    cx.langs
        .iter()
        .map(|l| LanguageChoice {
            lang: l.clone(),
            dir: dir(l),
            name: cx.lang_names[l].clone(),
            site_title: cx.text(cx.site.config.site.title.get_ref(), l),
            enter: cx.t(l, "enter-site"),
            not_found: cx.t(l, "not-found-text"),
            url: cx.link(Route::Home { lang: l.clone() }),
        })
        .collect()
}

fn root_pages(cx: &Cx, pages: &[Route], out: &mut Vec<File>) {
    let lang = &cx.langs[0];
    for route in pages {
        let file = match route {
            Route::Root => cx.page(
                "root.html",
                route,
                &RootPage {
                    title: cx.text(cx.site.config.site.title.get_ref(), lang),
                    languages: languages(cx),
                },
            ),
            Route::NotFound => cx.page(
                "404.html",
                route,
                &RootPage {
                    title: cx.t(lang, "not-found-heading"),
                    languages: languages(cx),
                },
            ),
            _ => None,
        };
        out.extend(file);
    }
}

fn filter_groups(cx: &Cx, lang: &str) -> Vec<FilterGroup> {
    let mut groups = vec![
        FilterGroup {
            label: cx.t(lang, "list-filter-status"),
            links: Status::ALL
                .iter()
                .map(|s| Link {
                    label: cx.label(lang, "status", s.as_str()),
                    url: cx.link(Route::Consultations {
                        lang: lang.into(),
                        view: ListView::Status(*s),
                        page: 1,
                    }),
                })
                .collect(),
        },
        FilterGroup {
            label: cx.t(lang, "list-filter-stage"),
            links: Stage::ALL
                .iter()
                .map(|s| Link {
                    label: cx.label(lang, "stage", s.as_str()),
                    url: cx.link(Route::Consultations {
                        lang: lang.into(),
                        view: ListView::Stage(*s),
                        page: 1,
                    }),
                })
                .collect(),
        },
    ];
    if !cx.site.config.topics.is_empty() {
        groups.push(FilterGroup {
            label: cx.t(lang, "list-filter-topic"),
            links: cx
                .site
                .config
                .topics
                .iter()
                .map(|(k, t)| Link {
                    label: cx.text(t.label.get_ref(), lang),
                    url: cx.link(Route::Topic {
                        lang: lang.into(),
                        topic: k.clone(),
                        page: 1,
                    }),
                })
                .collect(),
        });
    }
    groups
}

/// The pager of page `n` of `total` of the listing whose page 1 is `first`.
fn pager(cx: &Cx, first: &Route, n: usize, total: usize) -> Option<Pager> {
    if total <= 1 {
        return None;
    }
    let url = |k: usize| cx.link(with_page(first, k));
    Some(Pager {
        n,
        total,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < total).then(|| url(n + 1)),
        pages: (1..=total)
            .map(|k| PageLink { n: k, url: url(k) })
            .collect(),
    })
}

/// The same listing at page `k`.
fn with_page(route: &Route, k: usize) -> Route {
    let mut r = route.clone();
    match &mut r {
        Route::Consultations { page, .. }
        | Route::Topic { page, .. }
        | Route::Inputs { page, .. } => *page = k,
        _ => {}
    }
    r
}

/// Page `n` of a listing of consultations.
fn listing_page(
    cx: &Cx,
    lang: &str,
    route: &Route,
    heading: &str,
    list: &[Summary],
    filters: &[FilterGroup],
    n: usize,
) -> Option<File> {
    let total = plan::pages_of(list.len());
    let chunk = list.chunks(PAGE_SIZE).nth(n - 1).unwrap_or(&[]);
    let first = with_page(route, 1);
    let page = ListPage {
        title: if n == 1 {
            heading.to_string()
        } else {
            format!(
                "{heading} ({})",
                cx.tr.get(lang, "page-n", &[("n", FluentValue::from(n))])
            )
        },
        heading: heading.to_string(),
        consultations: chunk,
        pager: pager(cx, &first, n, total),
        filters: filters
            .iter()
            .map(|g| FilterGroup {
                label: g.label.clone(),
                links: g.links.clone(),
            })
            .collect(),
        current: cx.link(first),
    };
    cx.page("list.html", route, &page)
}

/// Language-neutral renderings of one consultation, done once.
struct Shared {
    /// Input body HTML, by input index (published and visible only).
    inputs: Vec<Option<String>>,
    /// Translations HTML, by input index.
    translations: Vec<Vec<(Lang, String)>>,
}

/// Renders consultation `index` (its place in `site.consultations`, which
/// is also its place in each language's summaries).
fn consultation_pages(
    cx: &Cx,
    index: usize,
    c: &Consultation,
    f: &ConsultationFacts,
    pages: &[Route],
    out: &mut Vec<File>,
) {
    let visible = |i: &Input| i.is_published() && f.inputs_visible;
    let shared = Shared {
        inputs: c
            .inputs
            .iter()
            .map(|i| {
                visible(i).then(|| markdown::with_auto_dir(&markdown::citizen(i.body.as_str())))
            })
            .collect(),
        translations: c
            .inputs
            .iter()
            .map(|i| {
                if visible(i) {
                    i.translations
                        .iter()
                        .map(|(l, t)| {
                            (
                                l.clone(),
                                markdown::with_auto_dir(&markdown::citizen(t.body.as_str())),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect(),
    };
    for lang in &cx.langs {
        let routes: Vec<&Route> = pages
            .iter()
            .filter(|r| r.lang() == Some(lang.as_str()))
            .collect();
        if !routes.is_empty() {
            consultation_lang_pages(cx, index, c, f, lang, &shared, &routes, out);
        }
        if routes
            .iter()
            .any(|r| matches!(r, Route::Consultation { .. }))
        {
            out.push(share_image(cx, index, c, lang));
        }
    }
}

/// The agency's logo, read for the share images; none when sablah.toml
/// names none, or one that is neither SVG nor PNG, or cannot be read.
fn share_logo(site: &Site, sources: &SourceSet) -> Option<share::Logo> {
    let path = site.config.agency.logo.as_ref()?.get_ref();
    let asset = sources.assets.iter().find(|a| a.path == *path)?;
    share::Logo::of(path, std::fs::read(&asset.absolute).ok()?)
}

/// What consultation `index`'s share image shows in `lang`: its title,
/// status and the date that matters now, worded as its page words them.
fn share_card(cx: &Cx, index: usize, c: &Consultation, lang: &str) -> share::Card {
    let s = &cx.summaries[lang][index];
    let field = |key: &str, date: &DateText| format!("{}: {}", cx.t(lang, key), date.text);
    let date_line = match s.status {
        "upcoming" => field("field-opens", &s.opens),
        "open" => field("field-closes", &s.closes),
        "under-review" | "overdue" => match &s.decision_due {
            Some(due) => field("field-decision-due", due),
            None => field("field-closes", &s.closes),
        },
        "decided" => match &s.decided {
            Some(d) => field("field-published", d),
            None => field("field-closes", &s.closes),
        },
        "withdrawn" => match &c.meta.withdrawn {
            Some(w) => cx.tr.get(
                lang,
                "withdrawn-notice",
                &[(
                    "date",
                    FluentValue::from(cx.date(*w.date.get_ref(), lang).text),
                )],
            ),
            None => field("field-closes", &s.closes),
        },
        _ => field("field-closes", &s.closes),
    };
    share::Card {
        lang: lang.to_string(),
        rtl: is_rtl(lang),
        agency: cx.text(cx.site.config.agency.name.get_ref(), lang),
        title: s.title.clone(),
        title_rtl: is_rtl(&s.title_html.lang),
        status: s.status.to_string(),
        status_label: s.status_label.clone(),
        date_line,
    }
}

/// Consultation `index`'s share image in `lang`: the previous output's
/// when what it draws is unchanged, else drawn.
fn share_image(cx: &Cx, index: usize, c: &Consultation, lang: &str) -> File {
    let path = Route::ShareImage {
        lang: lang.into(),
        slug: c.slug.clone(),
    }
    .file();
    let card = share_card(cx, index, c, lang);
    let key = card.key(cx.logo.as_ref());
    let bytes = match (cx.previous)(&path) {
        Some(old) if share::reusable(&old, &key) => old,
        _ => share::render(&card, cx.logo.as_ref()),
    };
    File { path, bytes }
}

/// The name of language `code` in the page's language: the site's own
/// message `lang-<code>` if it has one, else CLDR's display name (ICU4X),
/// else the code itself.
fn lang_name(cx: &Cx, page_lang: &str, code: &str) -> String {
    if cx.tr.has(page_lang, &format!("lang-{code}")) {
        return cx.t(page_lang, &format!("lang-{code}"));
    }
    display_name(page_lang, code).unwrap_or_else(|| code.to_string())
}

thread_local! {
    static DISPLAY_NAMES: std::cell::RefCell<HashMap<String, Option<icu_experimental::displaynames::multi::LanguageDisplayNames>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// CLDR's name of the language of the tag `code` (its language subtag), in
/// `page_lang`, from ICU4X's compiled data.
pub(crate) fn display_name(page_lang: &str, code: &str) -> Option<String> {
    use icu_experimental::displaynames::{multi::LanguageDisplayNames, DisplayNamesOptions};
    let language: icu::locale::subtags::Language = code.split(['-', '_']).next()?.parse().ok()?;
    DISPLAY_NAMES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let names = cache.entry(page_lang.to_string()).or_insert_with(|| {
            let locale: icu::locale::Locale = page_lang.parse().ok()?;
            LanguageDisplayNames::try_new(locale.into(), DisplayNamesOptions::default()).ok()
        });
        names.as_ref()?.of(language).map(str::to_string)
    })
}

#[allow(clippy::too_many_arguments)]
fn consultation_lang_pages(
    cx: &Cx,
    index: usize,
    c: &Consultation,
    f: &ConsultationFacts,
    lang: &str,
    shared: &Shared,
    routes: &[&Route],
    out: &mut Vec<File>,
) {
    let m = &c.meta;
    let summary = cx.summaries[lang][index].clone();
    let page_route = Route::Consultation {
        lang: lang.into(),
        slug: c.slug.clone(),
    };
    let page_url = cx.link(page_route.clone());
    let inputs_route = Route::Inputs {
        lang: lang.into(),
        slug: c.slug.clone(),
        page: 1,
    };
    let input_url = |i: usize| -> Option<String> {
        shared.inputs[i].as_ref().map(|_| {
            cx.link(Route::Input {
                lang: lang.into(),
                slug: c.slug.clone(),
                id: c.inputs[i].id.clone(),
            })
        })
    };
    let theme_label = |key: &str| {
        m.themes
            .get(key)
            .map(|t| cx.text(t.label.get_ref(), lang))
            .unwrap_or_else(|| key.to_string())
    };

    let responses: Vec<ResponseView> = match &c.decision {
        Some(d) => d
            .meta
            .responses
            .iter()
            .enumerate()
            .map(|(r, resp)| ResponseView {
                n: r + 1,
                anchor: format!("response-{}", r + 1),
                url: format!("{page_url}#response-{}", r + 1),
                result: resp.result.as_str(),
                result_label: cx.label(lang, "result", resp.result.as_str()),
                themes: resp
                    .themes
                    .iter()
                    .map(|t| theme_label(t.get_ref()))
                    .collect(),
                html: markdown::agency_under(&cx.text(resp.text.get_ref(), lang), &cx.base, 5),
                inputs: f.answers.by_response[r]
                    .iter()
                    .map(|&i| InputRef {
                        id: c.inputs[i].id.clone(),
                        url: input_url(i),
                    })
                    .collect(),
                changes_url: resp.changes.as_ref().map(|p| doc_href(cx, c, p.get_ref())),
            })
            .collect(),
        None => Vec::new(),
    };

    let unit_name = |key: &str| {
        cx.site
            .config
            .unit(key)
            .map(|u| cx.text(u.name.get_ref(), lang))
            .unwrap_or_default()
    };
    let count = |key: String, label: String, count: usize| Count { key, label, count };
    let s = &f.stats;
    let stats = StatsView {
        received: s.received,
        declared: s.declared,
        pending: s.pending,
        published: s.published,
        withheld: s.withheld,
        answered: s.answered,
        answered_percent: s.answered_percent,
        days_to_decision: s.days_to_decision,
        decision_on_time: s.decision_on_time,
        answer_days: s.answer_days.map(|a| answer_days(cx, lang, a)),
        withheld_by_reason: s
            .withheld_by_reason
            .iter()
            .map(|(r, n)| count(r.as_str().into(), cx.label(lang, "reason", r.as_str()), *n))
            .collect(),
        by_channel: s
            .by_channel
            .iter()
            .map(|(ch, n)| {
                count(
                    ch.as_str().into(),
                    cx.label(lang, "channel", ch.as_str()),
                    *n,
                )
            })
            .collect(),
        by_language: s
            .by_language
            .iter()
            .map(|(l, n)| count(l.clone(), lang_name(cx, lang, l), *n))
            .collect(),
        by_theme: s
            .by_theme
            .iter()
            .map(|(t, n)| count(t.clone(), theme_label(t), *n))
            .collect(),
        responses_by_result: s
            .responses_by_result
            .iter()
            .map(|(r, n)| count(r.as_str().into(), cx.label(lang, "result", r.as_str()), *n))
            .collect(),
    };

    let timeline = f
        .timeline
        .iter()
        .map(|e| {
            let (kind, label, status, link) = match &e.kind {
                TimelineKind::Opening => ("opening", cx.t(lang, "timeline-opening"), None, None),
                TimelineKind::Closing => ("closing", cx.t(lang, "timeline-closing"), None, None),
                TimelineKind::DecisionDue => (
                    "decision-due",
                    cx.t(lang, "timeline-decision-due"),
                    None,
                    None,
                ),
                TimelineKind::Decision => (
                    "decision",
                    cx.t(lang, "timeline-decision"),
                    None,
                    Some(format!("{page_url}#decision")),
                ),
                TimelineKind::Withdrawn => {
                    ("withdrawn", cx.t(lang, "timeline-withdrawn"), None, None)
                }
                TimelineKind::Reply { index } => (
                    "reply",
                    cx.t(lang, "timeline-reply"),
                    None,
                    Some(format!("{page_url}#reply-{}", index + 1)),
                ),
                TimelineKind::SocialPost { index } => {
                    let post = &m.social_posts[*index];
                    let label = post
                        .label
                        .as_ref()
                        .map(|l| cx.text(l.get_ref(), lang))
                        .unwrap_or_else(|| {
                            cx.tr.get(
                                lang,
                                "timeline-social-post",
                                &[(
                                    "platform",
                                    FluentValue::from(cx.label(
                                        lang,
                                        "platform",
                                        post.platform.get_ref().as_str(),
                                    )),
                                )],
                            )
                        });
                    ("social-post", label, None, Some(post.url.get_ref().clone()))
                }
                TimelineKind::Event { index } => {
                    let ev = &m.timeline[*index];
                    let link = ev.link.as_ref().map(|l| {
                        let l = l.get_ref();
                        if !l.contains("://")
                            && !l.starts_with('/')
                            && crate::routes::document_has_page(l)
                        {
                            // A text file: its readable page.
                            cx.link(Route::DocumentPage {
                                lang: lang.into(),
                                slug: c.slug.clone(),
                                path: l.clone(),
                            })
                        } else {
                            crate::routes::timeline_link_under(&cx.base, &c.slug, l)
                        }
                    });
                    ("event", cx.text(ev.label.get_ref(), lang), None, link)
                }
                TimelineKind::Milestone { index, status } => {
                    let ms = &c
                        .decision
                        .as_ref()
                        .expect("milestones come from a decision")
                        .meta
                        .implementation[*index];
                    (
                        "milestone",
                        cx.text(ms.label.get_ref(), lang),
                        Some(status.as_str()),
                        None,
                    )
                }
            };
            // One status per entry: late (a milestone past due or not
            // met, a decision due date passed without a decision), today,
            // upcoming, else done.
            let late = e.late
                || status == Some("not-met")
                || (kind == "decision-due" && f.status == Status::Overdue);
            let state = if late {
                "late"
            } else if e.date == cx.facts.build_date {
                "today"
            } else if e.future {
                "upcoming"
            } else {
                "done"
            };
            TimelineView {
                date: cx.date(e.date, lang),
                kind,
                label,
                status,
                status_label: status.map(|s| cx.label(lang, "milestone", s)),
                late: e.late,
                future: e.future,
                state,
                state_label: cx.label(lang, "timeline-state", state),
                link,
            }
        })
        .collect();
    // The "today" marker, after what is dated today or before.
    let mut timeline: Vec<TimelineView> = timeline;
    let at = f
        .timeline
        .iter()
        .take_while(|e| e.date <= cx.facts.build_date)
        .count();
    timeline.insert(
        at,
        TimelineView {
            date: cx.date(cx.facts.build_date, lang),
            kind: "today",
            label: cx.t(lang, "timeline-today"),
            status: None,
            status_label: None,
            late: false,
            future: false,
            state: "today",
            state_label: cx.label(lang, "timeline-state", "today"),
            link: None,
        },
    );

    // Whether each milestone is late: a derived fact, read off the timeline.
    let late_milestones: BTreeSet<usize> = f
        .timeline
        .iter()
        .filter_map(|e| match e.kind {
            TimelineKind::Milestone { index, .. } if e.late => Some(index),
            _ => None,
        })
        .collect();
    let decision = c.decision.as_ref().map(|d| DecisionView {
        title_html: prose_text(cx, &d.texts, lang, |p| tera::escape_html(&p.front.title)),
        body_html: prose_text(cx, &d.texts, lang, |p| {
            markdown::agency_under(p.body.as_str(), &cx.base, 3)
        }),
        outcome: d.meta.outcome.as_str(),
        outcome_label: cx.label(lang, "outcome", d.meta.outcome.as_str()),
        sentence: cx.tr.get(
            lang,
            &format!("outcome-sentence-{}", d.meta.outcome.as_str()),
            &[(
                "date",
                FluentValue::from(cx.date(*d.meta.published.get_ref(), lang).text),
            )],
        ),
        published: cx.date(*d.meta.published.get_ref(), lang),
        responses: responses.clone(),
        implementation: d
            .meta
            .implementation
            .iter()
            .enumerate()
            .map(|(index, ms)| MilestoneView {
                label: cx.text(ms.label.get_ref(), lang),
                due: cx.date(*ms.due.get_ref(), lang),
                done: ms.done.as_ref().map(|d| cx.date(*d.get_ref(), lang)),
                status: ms.status.get_ref().as_str(),
                status_label: cx.label(lang, "milestone", ms.status.get_ref().as_str()),
                late: late_milestones.contains(&index),
                note: ms.note.as_ref().map(|n| cx.text(n.get_ref(), lang)),
            })
            .collect(),
        documents: d
            .meta
            .documents
            .iter()
            .map(|doc| document_view(cx, c, doc, lang))
            .collect(),
    });

    let view = ConsultationView {
        summary,
        body_html: prose_text(cx, &c.texts, lang, |p| {
            markdown::agency_under(p.body.as_str(), &cx.base, 3)
        }),
        unit: unit_name(c.lead_unit()),
        units: c.units().iter().map(|u| unit_name(u)).collect(),
        participation: participation_views(cx, c, lang),
        summary_of_responses_html: (!c.summaries.is_empty()).then(|| {
            let (l, t) = c
                .summaries
                .get_key_value(lang)
                .or_else(|| cx.langs.iter().find_map(|l| c.summaries.get_key_value(l)))
                .or_else(|| c.summaries.iter().next())
                .expect("not empty");
            LangText {
                html: markdown::agency(t.body.as_str(), &cx.base),
                lang: l.clone(),
                dir: dir(l),
                pending: l != lang,
            }
        }),
        replies: c
            .replies
            .iter()
            .map(|r| ReplyView {
                date: cx.date(*r.date.get_ref(), lang),
                html: markdown::agency(&cx.text(r.text.get_ref(), lang), &cx.base),
                inputs: r
                    .inputs
                    .iter()
                    .filter_map(|id| c.input(id.get_ref()))
                    .map(|i| InputRef {
                        id: c.inputs[i].id.clone(),
                        url: input_url(i),
                    })
                    .collect(),
            })
            .collect(),
        social_posts: m
            .social_posts
            .iter()
            .map(|p| SocialPostView {
                platform: p.platform.get_ref().as_str(),
                platform_label: cx.label(lang, "platform", p.platform.get_ref().as_str()),
                url: p.url.get_ref().clone(),
                date: cx.date(*p.date.get_ref(), lang),
                label: p.label.as_ref().map(|l| cx.text(l.get_ref(), lang)),
            })
            .collect(),
        channels: c.channels().iter().map(|ch| ch.as_str()).collect(),
        channel_labels: c
            .channels()
            .iter()
            .map(|ch| cx.label(lang, "channel", ch.as_str()))
            .collect(),
        questions: m
            .questions
            .iter()
            .map(|q| Question {
                id: q.id.get_ref().clone(),
                text: cx.text(q.text.get_ref(), lang),
            })
            .collect(),
        documents: m
            .documents
            .iter()
            .map(|d| document_view(cx, c, d, lang))
            .collect(),
        changes: m
            .changes
            .iter()
            .map(|ch| ChangeView {
                date: cx.date(*ch.date.get_ref(), lang),
                note: cx.text(ch.note.get_ref(), lang),
            })
            .collect(),
        stats,
        decision,
        timeline,
        withdrawn: m.withdrawn.as_ref().map(|w| WithdrawnView {
            date: cx.date(*w.date.get_ref(), lang),
            reason: cx.text(w.reason.get_ref(), lang),
        }),
        inputs_url: cx.link(inputs_route.clone()),
        inputs_visible: f.inputs_visible,
        calendar_url: Some(cx.link(Route::ConsultationCalendar {
            lang: lang.into(),
            slug: c.slug.clone(),
        })),
        feed_url: Some(cx.link(Route::ConsultationFeed {
            lang: lang.into(),
            slug: c.slug.clone(),
        })),
    };
    if routes.contains(&&page_route) {
        out.extend(cx.page("consultation.html", &page_route, &view));
    }

    // Text documents, each as a page of its own.
    for route in routes {
        let Route::DocumentPage { path, .. } = route else {
            continue;
        };
        // A listed document, or a file a timeline event links to.
        let linked;
        let document = match m.documents.iter().position(|d| d.path.get_ref() == path) {
            Some(i) => &view.documents[i],
            None => {
                let Some(ev) = m
                    .timeline
                    .iter()
                    .find(|e| e.link.as_ref().is_some_and(|l| l.get_ref() == path))
                else {
                    continue;
                };
                let size = cx
                    .sources
                    .asset(&format!("{}/{}", c.dir, path))
                    .map(|a| a.size)
                    .unwrap_or(0);
                linked = DocumentView {
                    title: cx.text(ev.label.get_ref(), lang),
                    page_url: Some(cx.link((*route).clone())),
                    url: doc_href(cx, c, path),
                    kind: path
                        .rsplit_once('.')
                        .map(|(_, e)| e.to_ascii_uppercase())
                        .unwrap_or_default(),
                    size: Some(cx.tr.localise_digits(lang, &human_size(size))),
                    external: false,
                    phase: None,
                    phase_label: None,
                    reference: None,
                    pages: None,
                    accessible_href: None,
                    accessible: None,
                };
                &linked
            }
        };
        let bytes = cx
            .sources
            .asset(&format!("{}/{}", c.dir, path))
            .and_then(|a| std::fs::read(&a.absolute).ok())
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let markdown = path.to_ascii_lowercase().ends_with(".md");
        let page = DocumentPage {
            title: document.title.clone(),
            consultation: &view.summary,
            document,
            html: markdown.then(|| markdown::agency_under(text, &cx.base, 2)),
            text: (!markdown).then(|| text.to_string()),
        };
        out.extend(cx.page("document.html", route, &page));
    }

    // Inputs: every input in id order, withheld ones as placeholders.
    let input_views: Vec<InputView> = c
        .inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            input_view(
                cx,
                c,
                f,
                lang,
                i,
                input,
                shared,
                &responses,
                &input_url,
                &theme_label,
            )
        })
        .collect();
    let ids: Vec<usize> = plan::listed_inputs(c).collect();
    let total = plan::pages_of(ids.len());
    for route in routes {
        let Route::Inputs { page: n, .. } = route else {
            continue;
        };
        let n = *n;
        let chunk = ids.chunks(PAGE_SIZE).nth(n - 1).unwrap_or(&[]);
        // Group the page's inputs by their first theme, in theme order.
        let mut groups: BTreeMap<(usize, String), Vec<InputView>> = BTreeMap::new();
        for &i in chunk {
            let first = c.inputs[i].meta.themes.first().map(|t| t.get_ref().clone());
            let key = match &first {
                Some(t) => (
                    m.themes
                        .keys()
                        .position(|k| k == t)
                        .unwrap_or(usize::MAX - 1),
                    t.clone(),
                ),
                None => (usize::MAX, String::new()),
            };
            groups.entry(key).or_default().push(input_views[i].clone());
        }
        let page = InputsPage {
            title: cx.tr.get(
                lang,
                "inputs-heading",
                &[("title", FluentValue::from(view.summary.title.clone()))],
            ),
            consultation: &view,
            groups: groups
                .into_iter()
                .map(|((_, key), inputs)| ThemeGroup {
                    label: if key.is_empty() {
                        cx.t(lang, "inputs-theme-none")
                    } else {
                        theme_label(&key)
                    },
                    key,
                    inputs,
                })
                .collect(),
            pager: pager(cx, &inputs_route, n, total),
            visible: f.inputs_visible,
        };
        out.extend(cx.page("inputs.html", route, &page));
    }
    let by_id: HashMap<&str, usize> = c
        .inputs
        .iter()
        .enumerate()
        .map(|(i, input)| (input.id.as_str(), i))
        .collect();
    for route in routes {
        let Route::Input { id, .. } = route else {
            continue;
        };
        let Some(&i) = by_id.get(id.as_str()) else {
            continue;
        };
        if shared.inputs[i].is_none() {
            continue;
        }
        let v = &input_views[i];
        let page = InputPage {
            title: cx.tr.get(
                lang,
                "input-heading",
                &[("id", FluentValue::from(v.id.clone()))],
            ),
            consultation: &view.summary,
            input: v,
            inputs_url: view.inputs_url.clone(),
        };
        out.extend(cx.page("input.html", route, &page));
    }
}

#[allow(clippy::too_many_arguments)]
fn input_view(
    cx: &Cx,
    c: &Consultation,
    f: &ConsultationFacts,
    lang: &str,
    i: usize,
    input: &Input,
    shared: &Shared,
    responses: &[ResponseView],
    input_url: &dyn Fn(usize) -> Option<String>,
    theme_label: &dyn Fn(&str) -> String,
) -> InputView {
    let im = &input.meta;
    let published = shared.inputs[i].is_some();
    let code = im.language.get_ref().clone();
    let withheld_reason = if input.is_published() {
        None
    } else {
        im.reason.as_ref().map(|r| r.get_ref().as_str())
    };
    let original = lang_name(cx, lang, &code);
    let translations: Vec<TranslationView> = shared.translations[i]
        .iter()
        .map(|(l, html)| {
            let by = im
                .translated_by
                .get(l)
                .copied()
                .unwrap_or(crate::model::TranslatedBy::Agency);
            TranslationView {
                lang: l.clone(),
                lang_name: lang_name(cx, lang, l),
                dir: dir(l),
                html: html.clone(),
                by: by.as_str(),
                by_label: cx.label(lang, "translated-by", by.as_str()),
                note: cx.label(lang, "input-translation-note", by.as_str()),
                mark: cx.tr.get(
                    lang,
                    &format!("inputs-translated-{}", by.as_str()),
                    &[("lang", FluentValue::from(original.clone()))],
                ),
            }
        })
        .collect();
    InputView {
        id: input.id.clone(),
        url: input_url(i),
        received: cx.date(im.received.get_ref().date, lang),
        withheld: withheld_reason,
        withheld_label: withheld_reason.map(|r| cx.label(lang, "reason", r)),
        channel: im.channel.get_ref().as_str(),
        channel_label: cx.label(lang, "channel", im.channel.get_ref().as_str()),
        author: im.author.as_str(),
        author_label: cx.label(lang, "author", im.author.as_str()),
        // Names and texts only for inputs whose text is published.
        name: if published {
            input.public_name().map(str::to_string)
        } else {
            None
        },
        organisation: if input.is_published() {
            im.organisation.as_ref().map(|o| o.get_ref().clone())
        } else {
            None
        },
        title: if published { im.title.clone() } else { None },
        platform_label: im
            .platform
            .as_ref()
            .map(|p| cx.label(lang, "platform", p.get_ref().as_str())),
        // A permalink identifies its author: only with their consent.
        source_url: if published && input.public_name().is_some() {
            im.source_url.as_ref().map(|u| u.get_ref().clone())
        } else {
            None
        },
        posted: im
            .posted
            .as_ref()
            .map(|p| p.get_ref().date)
            .filter(|d| *d != im.received.get_ref().date)
            .map(|d| cx.date(d, lang)),
        attachments: if published {
            im.attachments
                .iter()
                .map(|a| {
                    let path = a.get_ref();
                    let bytes = cx
                        .sources
                        .asset(&format!("{}/{}", c.dir, path))
                        .map(|x| x.size)
                        .unwrap_or(0);
                    AttachmentView {
                        name: path.rsplit('/').next().unwrap_or(path).to_string(),
                        url: doc_href(cx, c, path),
                        kind: path
                            .rsplit_once('.')
                            .map(|(_, e)| e.to_ascii_uppercase())
                            .unwrap_or_default(),
                        size: cx.tr.localise_digits(lang, &human_size(bytes)),
                    }
                })
                .collect()
        } else {
            Vec::new()
        },
        in_reply_to: im
            .in_reply_to
            .as_ref()
            .and_then(|to| c.input(to.get_ref()))
            .map(|j| InputRef {
                id: c.inputs[j].id.clone(),
                url: input_url(j),
            }),
        lang_name: original,
        dir: if is_rtl(&code) { "rtl" } else { "ltr" },
        lang: code,
        themes: im
            .themes
            .iter()
            .map(|t| Link {
                label: theme_label(t.get_ref()),
                url: String::new(),
            })
            .collect(),
        questions: im
            .questions
            .iter()
            .filter_map(|q| {
                c.meta
                    .questions
                    .iter()
                    .find(|x| x.id.get_ref() == q.get_ref())
                    .map(|x| cx.text(x.text.get_ref(), lang))
            })
            .collect(),
        html: shared.inputs[i].clone().unwrap_or_default(),
        foreign: im.language.get_ref() != lang,
        page_translation: if im.language.get_ref() == lang {
            None
        } else {
            translations.iter().find(|t| t.lang == lang).cloned()
        },
        translations,
        answered_by: if published {
            f.answers.by_input[i]
                .iter()
                .map(|&r| responses[r].clone())
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Where a document or a `changes` link points: the web address as written
/// (1.1), or the consultation's copy of the file.
fn doc_href(cx: &Cx, c: &Consultation, path: &str) -> String {
    if crate::model::is_web_address(path) {
        path.to_string()
    } else {
        cx.link(Route::Document {
            slug: c.slug.clone(),
            path: path.to_string(),
        })
    }
}

fn document_view(
    cx: &Cx,
    c: &Consultation,
    d: &crate::model::Document,
    lang: &str,
) -> DocumentView {
    let p = d.path.get_ref();
    let external = d.is_url();
    let size = (!external).then(|| {
        let bytes = cx
            .sources
            .asset(&format!("{}/{}", c.dir, p))
            .map(|a| a.size)
            .unwrap_or(0);
        cx.tr.localise_digits(lang, &human_size(bytes))
    });
    let extension = || {
        let last = p.rsplit('/').next().unwrap_or(p);
        let last = last.split(['?', '#']).next().unwrap_or(last);
        last.rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .filter(|e| e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
            .unwrap_or_default()
    };
    let accessible = d.accessible.as_ref().map(|a| a.get_ref().clone());
    DocumentView {
        title: cx.text(d.title.get_ref(), lang),
        page_url: (!external && crate::routes::document_has_page(p)).then(|| {
            cx.link(Route::DocumentPage {
                lang: lang.into(),
                slug: c.slug.clone(),
                path: p.clone(),
            })
        }),
        url: doc_href(cx, c, p),
        kind: d.format.clone().unwrap_or_else(extension),
        size,
        external,
        phase: d.phase.map(|ph| ph.as_str()),
        phase_label: d.phase.map(|ph| cx.label(lang, "phase", ph.as_str())),
        reference: d.reference.clone(),
        pages: d.pages.map(|n| cx.tr.localise_digits(lang, &n.to_string())),
        accessible_href: accessible.as_ref().map(|a| {
            if crate::model::is_web_address(a) {
                a.clone()
            } else {
                format!("mailto:{a}")
            }
        }),
        accessible,
    }
}

/// Each accepted channel with its address: the consultation's own, else
/// the agency's default (1.1 `[[participation]]`).
fn participation_views(cx: &Cx, c: &Consultation, lang: &str) -> Vec<ParticipationView> {
    use crate::model::{Address, Channel};
    let config = &cx.site.config;
    let mut out = Vec::new();
    // Only a site that states its addresses (1.1) gets the list; a 1.0 site
    // keeps its pages as they were.
    if c.meta.participation.is_empty() && config.participation.is_empty() {
        return out;
    }
    for ch in c.channels() {
        let view = |address: String, label: Option<String>| {
            let href = match ch {
                Channel::Web | Channel::Social => Some(address.clone()),
                Channel::Email => Some(format!(
                    "mailto:{address}?subject={}",
                    crate::routes::encode_path(c.meta.id.get_ref())
                )),
                Channel::Phone => Some(format!(
                    "tel:{}",
                    address
                        .chars()
                        .filter(|c| c.is_ascii_digit() || *c == '+')
                        .collect::<String>()
                )),
                Channel::Letter | Channel::Meeting => None,
            };
            ParticipationView {
                channel: ch.as_str(),
                channel_label: cx.label(lang, "channel", ch.as_str()),
                label,
                address,
                href,
            }
        };
        let given = c
            .meta
            .participation
            .iter()
            .find(|p| *p.channel.get_ref() == ch)
            .or_else(|| config.participation(ch));
        if let Some(p) = given {
            let address = match p.address.get_ref() {
                Address::Text(t) => t.clone(),
                Address::Localized(map) => cx.text(map, lang),
            };
            out.push(view(
                address,
                p.label.as_ref().map(|l| cx.text(l.get_ref(), lang)),
            ));
        } else if ch == Channel::Email {
            out.push(view(config.agency.contact.get_ref().clone(), None));
        } else if ch == Channel::Social {
            for a in &config.social {
                let label = a
                    .label
                    .as_ref()
                    .map(|l| cx.text(l.get_ref(), lang))
                    .unwrap_or_else(|| {
                        format!(
                            "{} {}",
                            cx.label(lang, "platform", a.platform.get_ref().as_str()),
                            a.handle.get_ref()
                        )
                    });
                out.push(view(a.url.get_ref().clone(), Some(label)));
            }
        }
    }
    out
}

fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    } else {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    }
}

/// Template functions: `t(k=…, l=…, …)` for interface strings, and the
/// `num(l=…)` filter for numbers in the page's digits.
fn register_functions(tera: &mut tera::Tera, tr: Arc<Translations>, site: &Site) {
    let langs = site.config.languages();
    // Messages without arguments are formatted once per language and
    // looked up without allocating.
    let mut cache: HashMap<String, HashMap<String, String>> = HashMap::new();
    for lang in &langs {
        let by_key = cache.entry(lang.clone()).or_default();
        for (_, text) in theme::STRINGS.iter().take(1) {
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =") {
                    let key = key.trim();
                    if !key.is_empty() && !key.starts_with('#') && !key.contains(' ') {
                        by_key.insert(key.to_string(), tr.get(lang, key, &[]));
                    }
                }
            }
        }
    }
    let tr_fn = tr.clone();
    tera.register_function("t", move |args: &HashMap<String, tera::Value>| {
        let key = args
            .get("k")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs k=\"message-id\""))?;
        let lang = args
            .get("l")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs l=lang"))?;
        if args.len() == 2 {
            if let Some(s) = cache.get(lang).and_then(|m| m.get(key)) {
                return Ok(tera::Value::String(s.clone()));
            }
        }
        let fargs: Vec<(&str, FluentValue)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "k" && k.as_str() != "l")
            .map(|(k, v)| {
                let value = match v {
                    tera::Value::Number(n) => match n.as_i64() {
                        Some(i) => FluentValue::from(i),
                        None => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                    },
                    tera::Value::String(s) => FluentValue::from(s.clone()),
                    other => FluentValue::from(other.to_string()),
                };
                (k.as_str(), value)
            })
            .collect();
        Ok(tera::Value::String(tr_fn.get(lang, key, &fargs)))
    });
    tera.register_filter(
        "num",
        move |value: &tera::Value, args: &HashMap<String, tera::Value>| {
            let lang = args.get("l").and_then(|v| v.as_str()).unwrap_or("");
            let text = match value {
                tera::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Ok(tera::Value::String(tr.localise_digits(lang, &text)))
        },
    );
}

/// The texts the search page's script shows, as `data-*` attributes: the
/// result count in each CLDR plural category with `{n}` where the script
/// puts the number, then the `(name, message key)` texts given. Shared by
/// agency sites and the national index.
pub fn search_texts(tr: &Translations, lang: &str, keys: &[(&str, &str)]) -> Vec<ScriptText> {
    let samples: &[(&str, i64)] = &[
        ("zero", 0),
        ("one", 1),
        ("two", 2),
        ("few", 3),
        ("many", 11),
        ("other", 100),
    ];
    let mut texts: Vec<ScriptText> = samples
        .iter()
        .map(|(cat, n)| {
            let text = tr.get(lang, "search-count", &[("count", FluentValue::from(*n))]);
            let local = tr.localise_digits(lang, &n.to_string());
            ScriptText {
                name: format!("count-{cat}"),
                text: text.replace(&local, "{n}").replace(&n.to_string(), "{n}"),
            }
        })
        .collect();
    texts.extend(keys.iter().map(|(name, key)| ScriptText {
        name: (*name).into(),
        text: tr.get(lang, key, &[]),
    }));
    texts
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_names_come_from_cldr_in_the_page_language() {
        assert_eq!(super::display_name("ar", "ur").as_deref(), Some("الأوردية"));
        assert_eq!(super::display_name("en", "ur").as_deref(), Some("Urdu"));
        assert_eq!(
            super::display_name("ar", "en").as_deref(),
            Some("الإنجليزية")
        );
        assert_eq!(super::display_name("en", "ar").as_deref(), Some("Arabic"));
        assert_eq!(super::display_name("en", "not a code"), None);
    }
}
