//! The index's HTML pages (`central-index.md`, section 3), from the Tera
//! templates under `themes/default/templates/index/` and the strings of
//! `themes/default/i18n/index/<lang>.ftl` (over the agency site's), with
//! the index folder's own `templates/` and `i18n/` laid over them.
//!
//! Everything a template shows is computed here as plain text: the
//! agencies' texts are untrusted and reach the page only through Tera's
//! escaping (Markdown summaries are shown as their plain text); links to
//! agencies' pages are kept only when they are http(s).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use fluent_bundle::FluentValue;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use crate::config::{Calendar, Digits};
use crate::derive::Status;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{dir, Localized};
use crate::output::Sink;
use crate::render::dates::{self, DateText};
use crate::render::i18n::Translations;
use crate::routes::{IndexFilter, IndexRoute};
use crate::sources::SourceSet;

use super::config::IndexConfig;
use super::figures::{self, Figures, IndexFigures};
use super::model::{Index, Record, SourceStatus};

/// Consultations per listing page.
pub const PAGE_SIZE: usize = 50;
/// Decisions on the overview.
const RECENT_DECISIONS: usize = 10;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The index's templates.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "index/base.html",
    "index/macros.html",
    "index/home.html",
    "index/list.html",
    "index/agencies.html",
    "index/agency.html",
    "index/legal.html",
    "index/404.html",
    "index/search.html",
);

/// The index's additions to the stylesheet.
pub const STYLESHEET: &str = include_str!("../../themes/default/static/index.css");

/// The index's strings, added to the agency site's.
pub const STRINGS: &[(&str, &str)] = &[
    ("ar", include_str!("../../themes/default/i18n/index/ar.ftl")),
    ("en", include_str!("../../themes/default/i18n/index/en.ftl")),
];

pub struct IndexTheme {
    pub tera: tera::Tera,
    pub tr: Arc<Translations>,
    /// Where each overridden template comes from, by name.
    pub origins: BTreeMap<String, String>,
}

/// Loads the index theme, with the index folder's `templates/` (by name,
/// such as `templates/index/home.html`) and `i18n/<lang>.ftl` over it.
pub fn load_theme(set: &SourceSet, languages: &[String]) -> Result<IndexTheme, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut templates: BTreeMap<String, String> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut strings: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (lang, text) in crate::render::theme::STRINGS {
        strings
            .entry(lang.to_string())
            .or_default()
            .push((format!("themes/default/i18n/{lang}.ftl"), text.to_string()));
    }
    for (lang, text) in STRINGS {
        strings.entry(lang.to_string()).or_default().push((
            format!("themes/default/i18n/index/{lang}.ftl"),
            text.to_string(),
        ));
    }
    let mut origins: BTreeMap<String, String> = BTreeMap::new();
    for o in &set.overrides {
        if let Some(name) = o.path.strip_prefix("templates/") {
            templates.insert(name.to_string(), o.text.to_string());
            origins.insert(name.to_string(), o.path.clone());
        } else if let Some(lang) = o
            .path
            .strip_prefix("i18n/")
            .and_then(|f| f.strip_suffix(".ftl"))
        {
            strings
                .entry(lang.to_string())
                .or_default()
                .push((o.path.clone(), o.text.to_string()));
        }
    }
    let tera = crate::render::theme::compile(&templates, &origins, set, &mut diags);
    match Translations::new(languages, &strings, Digits::Latin) {
        Ok(tr) if !diags.has_errors() => Ok(IndexTheme {
            tera,
            tr: Arc::new(tr),
            origins,
        }),
        Ok(_) => Err(diags),
        Err(errors) => {
            for e in errors {
                diags.push(crate::render::theme::i18n_error(e, set, "an index"));
            }
            Err(diags)
        }
    }
}

// ---------------------------------------------------------------------
// Views: what templates receive (the index's part of the template
// contract, documented in docs/template-context.md: see
// crate::render::context). Every text is plain: agencies' texts are
// untrusted and reach the page only through Tera's escaping.

/// Everything an index page in one language shares: the template variable `g`.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexGlobal")]
pub struct Global {
    /// The version of the template contract, `major.minor` ("1.0").
    context_version: &'static str,
    /// The page's language code.
    lang: String,
    /// `rtl` or `ltr`.
    dir: &'static str,
    /// The index's title in the page's language (`[index] title`).
    title: String,
    /// Who runs the index, in the page's language (`[index] operator`).
    operator: String,
    /// The operator's contact e-mail address.
    contact: String,
    /// The language's overview page.
    home_url: String,
    /// The listing of every consultation.
    consultations_url: String,
    /// The table of agencies.
    agencies_url: String,
    /// The legal notices page.
    legal_url: String,
    /// The language's search page.
    search_url: String,
    /// The agency theme's stylesheet.
    stylesheet: String,
    /// The index's additions to it.
    index_stylesheet: String,
    /// "Run by …": the footer's first line.
    footer_operator: String,
    /// "Contact: …": the footer's contact line.
    footer_contact: String,
    /// "Built on …, from the agencies' open data": the footer's last line.
    footer_built: String,
    /// The language's Atom feed of every consultation.
    feed_url: String,
    /// The iCalendar file of every consultation's dates.
    calendar_url: String,
    /// The merged open data, `consultations.json`.
    data_url: String,
    /// The build date ("as of").
    build_date: DateText,
    /// Every message without arguments, by key: `g.s["ix-open-now"]` (the
    /// index's `ix-` messages and the agency theme's messages the index
    /// templates use).
    s: BTreeMap<String, String>,
}

/// The same index page in one of its languages.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexAlternate")]
pub struct Alternate {
    /// Its language code.
    lang: String,
    /// The language's name in itself.
    name: String,
    /// `rtl` or `ltr`.
    dir: &'static str,
    /// Root-relative URL (with the base path).
    url: String,
    /// Absolute URL for `hreflang`.
    href: String,
}

/// A text of an agency in the page's language, or in another, marked.
#[derive(Serialize, JsonSchema, Clone)]
#[schemars(rename = "IndexText")]
pub struct Text {
    /// The text, plain.
    text: String,
    /// The language it is in.
    lang: String,
    /// `rtl` or `ltr`, for `lang`.
    dir: &'static str,
    /// Set when `lang` is not the page's (the agency gave no text in it):
    /// mark it with `lang` and `dir`.
    other: bool,
}

/// A link, and whether it is the current page.
#[derive(Serialize, JsonSchema, Clone)]
#[schemars(rename = "IndexLink")]
pub struct Link {
    /// Its text, plain.
    label: String,
    /// Root-relative URL.
    url: String,
    /// Whether it leads to the page it is on (`aria-current`).
    current: bool,
}

/// A consultation of an agency, as the index lists it.
#[derive(Serialize, JsonSchema, Clone)]
#[schemars(rename = "IndexItem")]
pub struct Item {
    /// Its public reference.
    id: String,
    /// Its title.
    title: Text,
    /// Its summary, as plain text.
    summary: Text,
    /// The agency's name.
    agency: Text,
    /// The agency's page on the index.
    agency_url: String,
    /// `upcoming`, `open`, `under-review`, `overdue`, `decided` or `withdrawn`, as of the build date.
    status: &'static str,
    /// The status in the page's language.
    status_label: String,
    /// "Opens … · closes …", in the page's language.
    dates: String,
    /// Days left while open, days overdue while overdue, in words.
    days: Option<String>,
    /// "Decided (outcome) on …", once decided.
    decision: Option<String>,
    /// The consultation's page on the agency's site (http or https only).
    page_url: Option<String>,
    /// "Last harvested on …" when the agency's copy is stale.
    stale: Option<String>,
    /// Its topics, each linking to the index's listing of the topic.
    topics: Vec<Link>,
}

/// One row of a table of figures.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexFigureRow")]
pub struct FigureRow {
    /// The figure's stable key (`held`, `open`, `decided`, `received`, `withheld`, `answered`, `median-days`, `on-time`, `overdue`).
    key: &'static str,
    /// The figure's name in the page's language.
    label: String,
    /// What it counts, when it needs saying.
    what: Option<String>,
    /// One value per column, written out.
    values: Vec<String>,
}

/// A bar of a chart.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexBar")]
pub struct Bar {
    /// What the bar stands for (an agency's name).
    label: String,
    /// Its value, written out.
    value: String,
    /// Width in the chart's units (0–100).
    width: f64,
    /// Its vertical position in the chart's units.
    y: usize,
}

/// A bar chart (inline SVG), scaled to its largest value.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexChart")]
pub struct Chart {
    /// An id for its title and description.
    id: String,
    /// Its title, plain.
    title: String,
    /// Its height in the chart's units.
    height: usize,
    /// Its bars; none when there is nothing to chart.
    bars: Vec<Bar>,
}

/// Where a listing page stands among its pages.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexPager")]
pub struct Pager {
    /// The navigation's name ("Pages").
    label: String,
    /// "Previous".
    previous_label: String,
    /// "Next".
    next_label: String,
    /// The previous page, if any.
    previous: Option<String>,
    /// The next page, if any.
    next: Option<String>,
    /// Every page, its number as `label`, the current one marked.
    pages: Vec<Link>,
}

// ---------------------------------------------------------------------

struct Cx<'a> {
    config: &'a IndexConfig,
    index: &'a Index,
    figures: &'a IndexFigures,
    tera: &'a tera::Tera,
    origins: &'a BTreeMap<String, String>,
    tr: &'a Translations,
    langs: Vec<String>,
    base: String,
    base_url: String,
    globals: BTreeMap<String, serde_json::Value>,
    /// Each consultation's item per language, by (agency, position).
    items: BTreeMap<String, Vec<Vec<Item>>>,
    /// (agency index, consultation index) of every consultation, newest
    /// first: the order of every listing.
    order: Vec<(usize, usize)>,
    /// The filter links every listing shows, per language.
    filter_links: BTreeMap<String, FilterLinks>,
    errors: std::sync::Mutex<Diagnostics>,
}

struct FilterLinks {
    agencies: Vec<Link>,
    statuses: Vec<Link>,
    topics: Vec<Link>,
}

impl Cx<'_> {
    fn t(&self, lang: &str, key: &str) -> String {
        self.tr.get(lang, key, &[])
    }
    fn ta(&self, lang: &str, key: &str, args: &[(&str, FluentValue)]) -> String {
        self.tr.get(lang, key, args)
    }
    fn text(&self, label: &Localized, lang: &str) -> Text {
        if let Some(t) = label.get(lang) {
            return Text {
                text: t.clone(),
                lang: lang.into(),
                dir: dir(lang),
                other: false,
            };
        }
        match label.iter().next() {
            Some((l, t)) => Text {
                text: t.clone(),
                lang: l.clone(),
                dir: dir(l),
                other: true,
            },
            None => Text {
                text: String::new(),
                lang: lang.into(),
                dir: dir(lang),
                other: false,
            },
        }
    }
    fn plain(&self, label: &Localized, lang: &str) -> String {
        self.text(label, lang).text
    }
    fn date(&self, d: crate::model::Date, lang: &str) -> DateText {
        dates::format(d, lang, &[Calendar::Gregorian], Digits::Latin)
    }
    fn link(&self, r: IndexRoute) -> String {
        r.url(&self.base)
    }
    fn agency_name(&self, a: usize, lang: &str) -> Text {
        let agency = &self.index.agencies[a];
        match &agency.data {
            Some(d) => self.text(&d.name, lang),
            None => Text {
                text: agency.id.clone(),
                lang: "en".into(),
                dir: "ltr",
                other: lang != "en",
            },
        }
    }
    fn stale_note(&self, a: usize, lang: &str) -> Option<String> {
        let agency = &self.index.agencies[a];
        (agency.status == SourceStatus::Stale).then(|| {
            let date = agency
                .harvested
                .map(|d| self.date(d, lang).text)
                .unwrap_or_default();
            self.ta(lang, "ix-stale", &[("date", date.into())])
        })
    }
    fn fail(&self, d: Diagnostic) {
        if let Ok(mut e) = self.errors.lock() {
            if !e.items.iter().any(|x| x.message == d.message) {
                e.push(d);
            }
        }
    }

    fn page<T: Serialize>(
        &self,
        template: &str,
        route: &IndexRoute,
        page: &T,
    ) -> Option<(String, Vec<u8>)> {
        let lang = route.lang().unwrap_or(&self.langs[0]).to_string();
        // A "not found" page has no address of its own: no canonical link,
        // and its language links lead to each language's overview.
        let indexable = *route != IndexRoute::NotFound;
        let canonical_route = match route {
            IndexRoute::Root | IndexRoute::NotFound => IndexRoute::Home {
                lang: self.langs[0].clone(),
            },
            r => r.clone(),
        };
        let alternates: Vec<Alternate> = self
            .langs
            .iter()
            .map(|l| {
                let p = canonical_route.in_lang(l);
                Alternate {
                    lang: l.clone(),
                    name: self.t(l, "language-name"),
                    dir: dir(l),
                    url: p.url(&self.base),
                    href: crate::routes::absolute_under(&self.base_url, &p.path()),
                }
            })
            .collect();
        let x_default = crate::routes::absolute_under(
            &self.base_url,
            &canonical_route.in_lang(&self.langs[0]).path(),
        );
        let canonical = crate::routes::absolute_under(&self.base_url, &canonical_route.path());
        // The template contract: exactly the variables of `PageContext`.
        let rendered = tera::to_value(page)
            .map_err(|e| tera::Error::msg(e.to_string()))
            .and_then(|page| {
                let vars = PageContext {
                    lang: &lang,
                    g: &self.globals[&lang],
                    page: &page,
                    alternates: &alternates,
                    canonical: &canonical,
                    x_default: &x_default,
                    indexable,
                };
                self.tera
                    .render(template, &tera::Context::from_serialize(&vars)?)
            });
        match rendered {
            Ok(html) => {
                let ip = tera::escape_html(&self.t(&lang, "legal-ip-short"));
                let copyright = tera::escape_html(&self.t(&lang, "legal-copyright-short"));
                if !html.contains(&ip) || !html.contains(&copyright) {
                    // Once per file to blame and language, whatever the
                    // order pages are rendered in.
                    let file = crate::render::theme::origin(self.tera, self.origins, template);
                    self.fail(
                        Diagnostic::error(Code::ThemeTemplate, format!("the pages of {file} do not show both legal notices in \"{lang}\""))
                            .in_file(file)
                            .help("keep the footer of index/base.html (the messages legal-ip-short and legal-copyright-short) in templates that override it"),
                    );
                    return None;
                }
                Some((route.file(), html.into_bytes()))
            }
            Err(e) => {
                self.fail(crate::render::theme::template_error(
                    &e,
                    &crate::render::theme::origin(self.tera, self.origins, template),
                    &[],
                    None,
                ));
                None
            }
        }
    }
}

/// The agency theme's messages that the index templates use, beside every
/// `ix-` message of the index's strings.
const SITE_MESSAGES: &[&str] = &[
    "field-contact",
    "field-redress",
    "legal-copyright-full",
    "legal-copyright-heading",
    "legal-copyright-short",
    "legal-ip-heading",
    "legal-ip-short",
    "list-empty",
    "nav-label",
    "nav-legal",
    "other-language",
    "skip-to-content",
    "nav-search",
    "search-any-status",
    "search-any-topic",
    "search-filter-status",
    "search-filter-topic",
    "search-help",
    "search-more",
    "search-submit",
];

/// The messages without arguments that templates read as `g.s["key"]`.
fn strings_without_args(tr: &Translations, lang: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = SITE_MESSAGES
        .iter()
        .map(|k| (k.to_string(), tr.get(lang, k, &[])))
        .collect();
    let en = STRINGS
        .iter()
        .find(|(l, _)| *l == "en")
        .map(|(_, t)| *t)
        .unwrap_or("");
    for line in en.lines() {
        if let Some((key, value)) = line.split_once(" =") {
            let key = key.trim();
            if key.starts_with("ix-") && !key.contains(' ') && !value.contains('$') {
                out.insert(key.to_string(), tr.get(lang, key, &[]));
            }
        }
    }
    out
}

fn global(cx: &Cx, lang: &str) -> Global {
    let l = || lang.to_string();
    Global {
        context_version: crate::render::context::CONTEXT_VERSION,
        lang: l(),
        dir: dir(lang),
        title: cx.plain(cx.config.index.title.get_ref(), lang),
        operator: cx.plain(cx.config.index.operator.get_ref(), lang),
        contact: cx.config.index.contact.get_ref().clone(),
        home_url: cx.link(IndexRoute::Home { lang: l() }),
        consultations_url: cx.link(IndexRoute::Consultations {
            lang: l(),
            filter: IndexFilter::All,
            page: 1,
        }),
        agencies_url: cx.link(IndexRoute::Agencies {
            lang: l(),
            sort: None,
        }),
        legal_url: cx.link(IndexRoute::Legal { lang: l() }),
        search_url: cx.link(IndexRoute::Search { lang: l() }),
        stylesheet: cx.link(IndexRoute::Stylesheet),
        index_stylesheet: cx.link(IndexRoute::IndexStylesheet),
        footer_operator: cx.ta(
            lang,
            "ix-footer-operator",
            &[(
                "operator",
                cx.plain(cx.config.index.operator.get_ref(), lang).into(),
            )],
        ),
        footer_contact: cx.ta(
            lang,
            "footer-contact",
            &[("contact", cx.config.index.contact.get_ref().clone().into())],
        ),
        footer_built: cx.ta(
            lang,
            "ix-footer-built",
            &[("date", cx.date(cx.index.date, lang).text.into())],
        ),
        feed_url: cx.link(IndexRoute::Feed { lang: l() }),
        calendar_url: cx.link(IndexRoute::Calendar),
        data_url: cx.link(IndexRoute::ConsultationsJson),
        build_date: cx.date(cx.index.date, lang),
        s: strings_without_args(cx.tr, lang),
    }
}

/// The index key of an agency's topic: a national topic, or its own.
fn topic_filter(config: &IndexConfig, agency: &str, key: &str) -> IndexFilter {
    match config.national_topic(agency, key) {
        Some(t) => IndexFilter::Topic(t.to_string()),
        None => IndexFilter::AgencyTopic(agency.to_string(), key.to_string()),
    }
}

fn item(cx: &Cx, a: usize, c: &Record, lang: &str) -> Item {
    let today = cx.index.date;
    let status = c.status(today);
    let agency = &cx.index.agencies[a];
    let days = match status {
        Status::Open => Some(cx.ta(
            lang,
            "days-left",
            &[("count", today.days_until(c.closes).into())],
        )),
        Status::Overdue => Some(cx.ta(
            lang,
            "days-overdue",
            &[("count", c.decision_due.days_until(today).into())],
        )),
        _ => None,
    };
    let topics = c
        .topics
        .iter()
        .map(|t| {
            let filter = topic_filter(cx.config, &agency.id, &t.key);
            let label = match &filter {
                IndexFilter::Topic(k) => cx.plain(cx.config.topics[k].label.get_ref(), lang),
                _ => cx.plain(&t.label, lang),
            };
            Link {
                label,
                url: cx.link(IndexRoute::Consultations {
                    lang: lang.into(),
                    filter,
                    page: 1,
                }),
                current: false,
            }
        })
        .collect();
    Item {
        id: c.id.clone(),
        title: cx.text(&c.title, lang),
        summary: {
            let mut t = cx.text(&c.summary, lang);
            t.text = crate::output::calendar::plain(&t.text);
            t
        },
        agency: cx.agency_name(a, lang),
        agency_url: cx.link(IndexRoute::Agency {
            lang: lang.into(),
            id: agency.id.clone(),
        }),
        status: status.as_str(),
        status_label: cx.t(lang, &format!("status-{}", status.as_str())),
        dates: cx.ta(
            lang,
            "ix-opens-closes",
            &[
                ("opens", cx.date(c.opens, lang).text.into()),
                ("closes", cx.date(c.closes, lang).text.into()),
            ],
        ),
        days,
        decision: c.decision.as_ref().map(|d| {
            cx.ta(
                lang,
                "ix-decided-on",
                &[
                    (
                        "outcome",
                        cx.t(lang, &format!("outcome-{}", d.outcome)).into(),
                    ),
                    ("date", cx.date(d.published, lang).text.into()),
                ],
            )
        }),
        page_url: c.page_url(lang).map(str::to_string),
        stale: cx.stale_note(a, lang),
        topics,
    }
}

fn num(n: u64) -> FluentValue<'static> {
    FluentValue::from(n as i64)
}

fn percent_of(cx: &Cx, lang: &str, percent: Option<u64>, part: u64, whole: u64) -> String {
    match percent {
        None => cx.t(lang, "ix-none"),
        Some(p) => cx.ta(
            lang,
            "ix-percent-of",
            &[
                ("percent", num(p)),
                ("part", num(part)),
                ("whole", num(whole)),
            ],
        ),
    }
}

/// A figure's value as text, for tables.
fn value(cx: &Cx, lang: &str, f: &Figures, key: &str) -> String {
    match key {
        "held" => f.held.to_string(),
        "open" => f.open.to_string(),
        "decided" => f.decided.to_string(),
        "received" => f.received.to_string(),
        "withheld" => {
            if f.withheld_by_reason.is_empty() {
                f.withheld.to_string()
            } else {
                let reasons: Vec<String> = f
                    .withheld_by_reason
                    .iter()
                    .map(|(r, c)| {
                        cx.ta(
                            lang,
                            "ix-withheld-reason",
                            &[
                                ("reason", cx.t(lang, &format!("reason-{r}")).into()),
                                ("count", num(*c)),
                            ],
                        )
                    })
                    .collect();
                format!(
                    "{} ({})",
                    f.withheld,
                    reasons.join(&cx.t(lang, "list-separator"))
                )
            }
        }
        "answered" => percent_of(cx, lang, f.answered_percent(), f.answered, f.published),
        "median-days" => match f.median_days() {
            None => cx.t(lang, "ix-none"),
            Some(m) if m.fract() == 0.0 => cx.ta(lang, "ix-days", &[("days", (m as i64).into())]),
            Some(m) => cx.ta(lang, "ix-days", &[("days", m.into())]),
        },
        "on-time" => percent_of(cx, lang, f.on_time_percent(), f.on_time, f.decided),
        "overdue" => match f.overdue_days_max {
            None => "0".into(),
            Some(max) => cx.ta(
                lang,
                "ix-overdue-days",
                &[
                    ("count", num(f.overdue)),
                    ("total", num(f.overdue_days_total)),
                    ("max", num(max)),
                ],
            ),
        },
        "milestones" => cx.ta(
            lang,
            "ix-milestones-value",
            &[
                ("met", num(f.milestones_met)),
                ("late", num(f.milestones_late)),
                ("total", num(f.milestones)),
            ],
        ),
        _ => String::new(),
    }
}

/// The figure rows of section 4: key, label message, "what it counts".
const FIGURES: &[(&str, &str, Option<&str>)] = &[
    ("held", "ix-fig-held", Some("ix-fig-held-what")),
    ("open", "ix-fig-open", None),
    ("decided", "ix-fig-decided", None),
    ("received", "ix-fig-received", None),
    ("withheld", "ix-fig-withheld", None),
    ("answered", "ix-fig-answered", Some("ix-fig-answered-what")),
    ("median-days", "ix-fig-median", None),
    ("on-time", "ix-fig-on-time", Some("ix-fig-on-time-what")),
    ("overdue", "ix-fig-overdue", Some("ix-fig-overdue-what")),
    (
        "milestones",
        "ix-fig-milestones",
        Some("ix-fig-milestones-what"),
    ),
];

fn figure_label(cx: &Cx, lang: &str, key: &str) -> String {
    let msg = match key {
        "milestones-met" | "milestones-late" | "milestones" => "ix-fig-milestones",
        k => FIGURES
            .iter()
            .find(|(f, _, _)| *f == k)
            .map(|(_, m, _)| *m)
            .unwrap_or("ix-fig-held"),
    };
    let label = cx.t(lang, msg);
    match key {
        "milestones-met" => format!("{label}: {}", cx.t(lang, "milestone-met")),
        "milestones-late" => format!("{label}: {}", cx.t(lang, "milestone-late")),
        _ => label,
    }
}

fn rows(cx: &Cx, lang: &str, columns: &[&Figures]) -> Vec<FigureRow> {
    FIGURES
        .iter()
        .map(|(key, label, what)| FigureRow {
            key,
            label: cx.t(lang, label),
            what: what.map(|w| cx.t(lang, w)),
            values: columns.iter().map(|f| value(cx, lang, f, key)).collect(),
        })
        .collect()
}

/// A bar chart: one bar per label, scaled to the largest value.
fn chart(id: &str, title: String, bars: Vec<(String, f64, String)>) -> Chart {
    let max = bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
    let bars: Vec<Bar> = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, v, text))| Bar {
            label,
            value: text,
            width: if max > 0.0 {
                (v / max * 100.0 * 10.0).round() / 10.0
            } else {
                0.0
            },
            y: i * 24,
        })
        .collect();
    Chart {
        id: id.into(),
        title,
        height: bars.len().max(1) * 24,
        bars,
    }
}

fn pager(
    cx: &Cx,
    lang: &str,
    route: &dyn Fn(usize) -> IndexRoute,
    page: usize,
    pages: usize,
) -> Option<Pager> {
    (pages > 1).then(|| Pager {
        label: cx.t(lang, "pagination"),
        previous_label: cx.t(lang, "page-previous"),
        next_label: cx.t(lang, "page-next"),
        previous: (page > 1).then(|| cx.link(route(page - 1))),
        next: (page < pages).then(|| cx.link(route(page + 1))),
        pages: (1..=pages)
            .map(|n| Link {
                label: cx.ta(lang, "page-n", &[("n", (n as i64).into())]),
                url: cx.link(route(n)),
                current: n == page,
            })
            .collect(),
    })
}

/// `index/home.html`: the overview of a language.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexHomePage")]
pub struct HomePage<'a> {
    /// The page's title, plain.
    title: String,
    /// "As of …", in the page's language.
    as_of: String,
    /// Consultations open now, closing soonest first.
    open: Vec<&'a Item>,
    /// The most recent decisions, newest first.
    decisions: Vec<&'a Item>,
    /// The national figures, one column (every year).
    figures: Vec<FigureRow>,
    /// The agencies whose data is not available, by name.
    unavailable: Vec<Text>,
    /// How many agencies the index lists.
    agencies: usize,
    /// How many consultations it lists.
    consultations: usize,
}

/// `index/list.html`: a page of the listing of consultations, filtered or not.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexListPage")]
pub struct ListPage<'a> {
    /// The page's title, plain.
    title: String,
    /// This page's first page, to mark the current filter.
    current: String,
    /// How many consultations the listing has, in words.
    count: String,
    /// This page's consultations, newest first.
    items: Vec<&'a Item>,
    /// Where this page stands among the listing's pages, when there are several.
    pager: Option<Pager>,
    /// A listing per agency.
    agencies: &'a [Link],
    /// A listing per status.
    statuses: &'a [Link],
    /// A listing per national topic.
    topics: &'a [Link],
    /// On an agency's listing, a listing per topic of its own.
    agency_topics: Vec<Link>,
}

/// A row of the table of agencies.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexAgencyRow")]
pub struct AgencyRow {
    /// The agency's name.
    name: Text,
    /// Its page on the index.
    url: String,
    /// The state of its data: `fresh`, `cached`, `stale` or `failed`.
    status: &'static str,
    /// The state of its data in words, in the page's language ("harvested on …", "not available").
    status_label: String,
    /// Whether the index has its data (none when it never could be read).
    available: bool,
    /// One value per column, written out.
    values: Vec<String>,
}

/// A column of the table of agencies.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexColumn")]
pub struct Column {
    /// The figure's name.
    label: String,
    /// The table sorted by it.
    sort_url: String,
    /// "Sort by …", for the link's accessible name.
    sort_label: String,
    /// Whether the table is sorted by it.
    current: bool,
}

/// `index/agencies.html`: the table of agencies and their figures.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexAgenciesPage")]
pub struct AgenciesPage {
    /// The page's title, plain.
    title: String,
    /// "As of …", in the page's language.
    as_of: String,
    /// "Sorted by …", when sorted by a figure.
    sorted_by: Option<String>,
    /// The table sorted by name, when sorted by a figure.
    sort_by_name: Option<String>,
    /// The figures' columns.
    columns: Vec<Column>,
    /// One row per agency.
    rows: Vec<AgencyRow>,
    /// Charts of the figures across agencies.
    charts: Vec<Chart>,
}

/// `index/agency.html`: one agency.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexAgencyPage")]
pub struct AgencyPage<'a> {
    /// The page's title, plain: the agency's name.
    title: String,
    /// The agency's name, marked when in another language.
    name: Text,
    /// The agency's site, if it says.
    site_url: Option<String>,
    /// Its contact e-mail address, when its data is available.
    contact: Option<String>,
    /// How to complain about its decisions, when its data is available.
    redress: Option<Text>,
    /// When its data was harvested, or that it is not available, in words.
    harvest: String,
    /// "Last harvested on …" when its copy is stale.
    stale: Option<String>,
    /// Whether the index has its data.
    available: bool,
    /// The figures' columns: each year, then every year.
    years: Vec<String>,
    /// Its figures, one value per year.
    figures: Vec<FigureRow>,
    /// Charts of its figures over the years.
    charts: Vec<Chart>,
    /// Its consultations, newest first.
    items: &'a [Item],
    /// The index's listing of its consultations.
    consultations_url: String,
}

/// `index/404.html`: "not found" in every language, at `/404.html`.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexNotFoundPage")]
pub struct NotFoundPage {
    /// The page's title in the index's first language, plain.
    title: String,
    /// The message in each of the index's languages, in order.
    languages: Vec<NotFoundLanguage>,
}

/// The "not found" message in one language.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexNotFoundLanguage")]
pub struct NotFoundLanguage {
    /// The language's code.
    lang: String,
    /// `rtl` or `ltr`.
    dir: &'static str,
    /// The language's name for itself.
    name: String,
    /// "Page not found", in that language.
    heading: String,
    /// What may have happened, in that language.
    text: String,
    /// "Go to the national overview", in that language.
    enter: String,
    /// The overview in that language.
    url: String,
}

/// `index/legal.html`: the legal notices of the index.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexLegalPage")]
pub struct LegalPage {
    /// The page's title, plain.
    title: String,
    /// The intellectual-property notice, plain, paragraphs separated by `\n`.
    ip: String,
}

/// The top-level variables of every index template.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexPageContext")]
pub struct PageContext<'a> {
    /// The page's language code; `/` is in the index's first language.
    lang: &'a str,
    /// What every page of the language shares.
    #[schemars(with = "Global")]
    g: &'a serde_json::Value,
    /// The page's own view: its type depends on the template.
    #[schemars(with = "crate::render::context::PageView")]
    page: &'a serde_json::Value,
    /// The same page in each of the index's languages.
    alternates: &'a [Alternate],
    /// The page's absolute address.
    canonical: &'a str,
    /// The absolute address for `hreflang="x-default"`: the page in the index's first language.
    x_default: &'a str,
    /// False on `/404.html` alone: no canonical or alternate links, and `noindex`.
    indexable: bool,
}

fn as_of(cx: &Cx, lang: &str) -> String {
    cx.ta(
        lang,
        "as-of",
        &[("date", cx.date(cx.index.date, lang).text.into())],
    )
}

/// The table columns of the agencies page, in order (keys of
/// [`figures::sort_value`]).
const TABLE: &[&str] = &[
    "held",
    "open",
    "decided",
    "received",
    "withheld",
    "answered",
    "median-days",
    "on-time",
    "overdue",
    "milestones-met",
    "milestones-late",
];

fn table_value(cx: &Cx, lang: &str, f: &Figures, key: &str) -> String {
    match key {
        "withheld" => f.withheld.to_string(),
        "answered" => f
            .answered_percent()
            .map(|p| format!("{p} %"))
            .unwrap_or_else(|| cx.t(lang, "ix-none")),
        "on-time" => f
            .on_time_percent()
            .map(|p| format!("{p} %"))
            .unwrap_or_else(|| cx.t(lang, "ix-none")),
        "overdue" => f.overdue.to_string(),
        "milestones-met" => format!("{} / {}", f.milestones_met, f.milestones),
        "milestones-late" => format!("{} / {}", f.milestones_late, f.milestones),
        k => value(cx, lang, f, k),
    }
}

fn agencies_page(cx: &Cx, lang: &str, sort: Option<&str>) -> AgenciesPage {
    let mut order: Vec<usize> = (0..cx.index.agencies.len()).collect();
    let name = |a: usize| cx.agency_name(a, lang).text;
    match sort {
        None => order.sort_by(|&a, &b| name(a).cmp(&name(b)).then(a.cmp(&b))),
        Some(key) => {
            let v = |a: usize| {
                cx.figures.agencies[a]
                    .as_ref()
                    .and_then(|f| figures::sort_value(&f.all, key))
            };
            order.sort_by(|&a, &b| {
                let (x, y) = (v(a), v(b));
                match (x, y) {
                    (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
                .then_with(|| name(a).cmp(&name(b)))
                .then(a.cmp(&b))
            });
        }
    }
    let columns = TABLE
        .iter()
        .map(|k| {
            let label = figure_label(cx, lang, k);
            Column {
                sort_label: cx.ta(lang, "ix-sort-link", &[("figure", label.clone().into())]),
                label,
                sort_url: cx.link(IndexRoute::Agencies {
                    lang: lang.into(),
                    sort: Some(k.to_string()),
                }),
                current: sort == Some(*k),
            }
        })
        .collect();
    let rows = order
        .iter()
        .map(|&a| {
            let agency = &cx.index.agencies[a];
            let status_label = match (&agency.data, agency.harvested) {
                (None, _) => cx.t(lang, "ix-not-available"),
                (Some(_), Some(d)) if agency.status == SourceStatus::Stale => {
                    cx.ta(lang, "ix-stale", &[("date", cx.date(d, lang).text.into())])
                }
                (Some(_), Some(d)) => {
                    cx.ta(lang, "ix-fresh", &[("date", cx.date(d, lang).text.into())])
                }
                (Some(_), None) => String::new(),
            };
            AgencyRow {
                name: cx.agency_name(a, lang),
                url: cx.link(IndexRoute::Agency {
                    lang: lang.into(),
                    id: agency.id.clone(),
                }),
                status: agency.status.as_str(),
                status_label,
                available: agency.available(),
                values: match &cx.figures.agencies[a] {
                    Some(f) => TABLE
                        .iter()
                        .map(|k| table_value(cx, lang, &f.all, k))
                        .collect(),
                    None => TABLE.iter().map(|_| cx.t(lang, "ix-none")).collect(),
                },
            }
        })
        .collect();
    let available: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&a| cx.figures.agencies[a].is_some())
        .collect();
    let charts = ["held", "received", "answered", "on-time"]
        .iter()
        .map(|key| {
            let label = figure_label(cx, lang, key);
            let bars = available
                .iter()
                .map(|&a| {
                    let f = &cx.figures.agencies[a].as_ref().expect("available").all;
                    let v = figures::sort_value(f, key).unwrap_or(0.0);
                    (name(a), v, table_value(cx, lang, f, key))
                })
                .collect();
            chart(
                &format!("chart-{key}"),
                cx.ta(lang, "ix-chart-title", &[("figure", label.into())]),
                bars,
            )
        })
        .collect();
    AgenciesPage {
        title: cx.t(lang, "ix-agencies-heading"),
        as_of: as_of(cx, lang),
        sorted_by: sort.map(|k| {
            cx.ta(
                lang,
                "ix-sorted-by",
                &[("figure", figure_label(cx, lang, k).into())],
            )
        }),
        sort_by_name: sort.map(|_| {
            cx.link(IndexRoute::Agencies {
                lang: lang.into(),
                sort: None,
            })
        }),
        columns,
        rows,
        charts,
    }
}

fn agency_page<'a>(cx: &'a Cx, lang: &str, a: usize) -> AgencyPage<'a> {
    let agency = &cx.index.agencies[a];
    let name = cx.agency_name(a, lang);
    let (years, figures, charts) = match &cx.figures.agencies[a] {
        Some(f) => {
            let mut years: Vec<String> = f.years.iter().map(|(y, _)| y.to_string()).collect();
            years.push(cx.t(lang, "ix-all-years"));
            let mut columns: Vec<&Figures> = f.years.iter().map(|(_, f)| f).collect();
            columns.push(&f.all);
            let rows = rows(cx, lang, &columns);
            let charts = ["held", "received"]
                .iter()
                .map(|key| {
                    let label = figure_label(cx, lang, key);
                    chart(
                        &format!("chart-{key}"),
                        cx.ta(lang, "ix-chart-year-title", &[("figure", label.into())]),
                        f.years
                            .iter()
                            .map(|(y, fy)| {
                                (
                                    y.to_string(),
                                    figures::sort_value(fy, key).unwrap_or(0.0),
                                    table_value(cx, lang, fy, key),
                                )
                            })
                            .collect(),
                    )
                })
                .collect();
            (years, rows, charts)
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let harvest = match agency.harvested {
        Some(d) if agency.status == SourceStatus::Stale => cx.ta(
            lang,
            "ix-stale-text",
            &[("date", cx.date(d, lang).text.into())],
        ),
        Some(d) => cx.ta(lang, "ix-fresh", &[("date", cx.date(d, lang).text.into())]),
        None => cx.t(lang, "ix-not-available-text"),
    };
    AgencyPage {
        title: name.text.clone(),
        name,
        site_url: agency
            .data
            .as_ref()
            .and_then(|d| d.home.get(lang).or_else(|| d.home.values().next()).cloned()),
        contact: agency.data.as_ref().map(|d| d.contact.clone()),
        redress: agency.data.as_ref().map(|d| cx.text(&d.redress, lang)),
        harvest,
        stale: cx.stale_note(a, lang),
        available: agency.available(),
        years,
        figures,
        charts,
        items: &cx.items[lang][a],
        consultations_url: cx.link(IndexRoute::Consultations {
            lang: lang.into(),
            filter: IndexFilter::Agency(agency.id.clone()),
            page: 1,
        }),
    }
}

/// Every filter of the listings, with the consultations it keeps (in the
/// listings' order).
fn filters(cx: &Cx) -> Vec<(IndexFilter, Vec<(usize, usize)>)> {
    let today = cx.index.date;
    let mut by: BTreeMap<IndexFilter, Vec<(usize, usize)>> = BTreeMap::new();
    by.insert(IndexFilter::All, cx.order.clone());
    for s in Status::ALL {
        by.insert(IndexFilter::Status(*s), Vec::new());
    }
    for k in cx.config.topics.keys() {
        by.insert(IndexFilter::Topic(k.clone()), Vec::new());
    }
    for agency in &cx.index.agencies {
        if agency.available() {
            by.insert(IndexFilter::Agency(agency.id.clone()), Vec::new());
        }
    }
    for &(a, c) in &cx.order {
        let agency = &cx.index.agencies[a];
        let record = &agency.data.as_ref().expect("ordered").consultations[c];
        by.entry(IndexFilter::Agency(agency.id.clone()))
            .or_default()
            .push((a, c));
        by.entry(IndexFilter::Status(record.status(today)))
            .or_default()
            .push((a, c));
        let mut seen = BTreeSet::new();
        for t in &record.topics {
            let f = topic_filter(cx.config, &agency.id, &t.key);
            if seen.insert(f.clone()) {
                by.entry(f).or_default().push((a, c));
            }
        }
    }
    by.into_iter().collect()
}

fn list_title(cx: &Cx, lang: &str, filter: &IndexFilter) -> String {
    let agency_name = |id: &str| {
        cx.index
            .agencies
            .iter()
            .position(|a| a.id == id)
            .map(|a| cx.agency_name(a, lang).text)
            .unwrap_or_else(|| id.to_string())
    };
    match filter {
        IndexFilter::All => cx.t(lang, "ix-all-consultations"),
        IndexFilter::Agency(a) => {
            cx.ta(lang, "ix-list-agency", &[("agency", agency_name(a).into())])
        }
        IndexFilter::Status(s) => cx.ta(
            lang,
            "ix-list-status",
            &[(
                "status",
                cx.t(lang, &format!("status-{}", s.as_str())).into(),
            )],
        ),
        IndexFilter::Topic(t) => cx.ta(
            lang,
            "ix-list-topic",
            &[(
                "topic",
                cx.plain(cx.config.topics[t].label.get_ref(), lang).into(),
            )],
        ),
        IndexFilter::AgencyTopic(a, t) => {
            let label = cx
                .index
                .agencies
                .iter()
                .find(|x| x.id == *a)
                .and_then(|x| x.data.as_ref())
                .and_then(|d| {
                    d.consultations
                        .iter()
                        .flat_map(|c| c.topics.iter())
                        .find(|k| k.key == *t)
                        .map(|k| cx.plain(&k.label, lang))
                })
                .unwrap_or_else(|| t.clone());
            cx.ta(
                lang,
                "ix-list-agency-topic",
                &[("agency", agency_name(a).into()), ("topic", label.into())],
            )
        }
    }
}

/// One page to render: its file path and bytes, or `None` when its
/// template failed.
type Job<'a> = Box<dyn Fn() -> Option<(String, Vec<u8>)> + Send + Sync + 'a>;

/// Renders every page and writes it to `sink`. Returns the number of
/// pages, or the template problems (then nothing should be committed).
pub fn render_all(
    config: &IndexConfig,
    index: &Index,
    figures: &IndexFigures,
    theme: &IndexTheme,
    sink: &dyn Sink,
) -> std::io::Result<Result<usize, Diagnostics>> {
    let langs = config.languages();
    let mut order: Vec<(usize, usize)> = index
        .agencies
        .iter()
        .enumerate()
        .flat_map(|(a, ag)| {
            ag.data
                .iter()
                .flat_map(move |d| (0..d.consultations.len()).map(move |c| (a, c)))
        })
        .collect();
    let rec = |&(a, c): &(usize, usize)| {
        &index.agencies[a]
            .data
            .as_ref()
            .expect("listed")
            .consultations[c]
    };
    order.sort_by(|x, y| {
        let (p, q) = (rec(x), rec(y));
        q.opens
            .cmp(&p.opens)
            .then_with(|| index.agencies[x.0].id.cmp(&index.agencies[y.0].id))
            .then_with(|| p.id.cmp(&q.id))
    });
    let mut cx = Cx {
        config,
        index,
        figures,
        tera: &theme.tera,
        origins: &theme.origins,
        tr: &theme.tr,
        langs: langs.clone(),
        base: config.base_path().to_string(),
        base_url: config.base_url().to_string(),
        globals: BTreeMap::new(),
        items: BTreeMap::new(),
        order,
        filter_links: BTreeMap::new(),
        errors: std::sync::Mutex::new(Diagnostics::default()),
    };
    for lang in &langs {
        let g = serde_json::to_value(global(&cx, lang)).unwrap_or_default();
        cx.globals.insert(lang.clone(), g);
        let items: Vec<Vec<Item>> = index
            .agencies
            .par_iter()
            .enumerate()
            .map(|(a, ag)| {
                ag.data
                    .iter()
                    .flat_map(|d| d.consultations.iter())
                    .map(|c| item(&cx, a, c, lang))
                    .collect()
            })
            .collect();
        cx.items.insert(lang.clone(), items);
        let link = |f: IndexFilter, label: String| Link {
            current: false,
            url: cx.link(IndexRoute::Consultations {
                lang: lang.clone(),
                filter: f,
                page: 1,
            }),
            label,
        };
        let links = FilterLinks {
            agencies: index
                .agencies
                .iter()
                .enumerate()
                .filter(|(_, a)| a.available())
                .map(|(i, a)| {
                    link(
                        IndexFilter::Agency(a.id.clone()),
                        cx.agency_name(i, lang).text,
                    )
                })
                .collect(),
            statuses: Status::ALL
                .iter()
                .map(|s| {
                    link(
                        IndexFilter::Status(*s),
                        cx.t(lang, &format!("status-{}", s.as_str())),
                    )
                })
                .collect(),
            topics: config
                .topics
                .iter()
                .map(|(k, t)| {
                    link(
                        IndexFilter::Topic(k.clone()),
                        cx.plain(t.label.get_ref(), lang),
                    )
                })
                .collect(),
        };
        cx.filter_links.insert(lang.clone(), links);
    }
    let cx = &cx;
    let filters = &filters(cx);
    let mut jobs: Vec<Job<'_>> = Vec::new();
    for lang in &langs {
        let home = move |route: IndexRoute| {
            move || {
                let today = cx.index.date;
                let items = &cx.items[lang];
                let at = |&(a, c): &(usize, usize)| &items[a][c];
                let recs = |&(a, c): &(usize, usize)| {
                    &cx.index.agencies[a]
                        .data
                        .as_ref()
                        .expect("listed")
                        .consultations[c]
                };
                let mut open: Vec<(usize, usize)> = cx
                    .order
                    .iter()
                    .copied()
                    .filter(|p| recs(p).status(today) == Status::Open)
                    .collect();
                open.sort_by(|x, y| recs(x).closes.cmp(&recs(y).closes).then(x.cmp(y)));
                let mut decided: Vec<(usize, usize)> = cx
                    .order
                    .iter()
                    .copied()
                    .filter(|p| recs(p).decision.is_some())
                    .collect();
                decided.sort_by(|x, y| {
                    let d = |p| recs(p).decision.as_ref().map(|d| d.published);
                    d(y).cmp(&d(x)).then(x.cmp(y))
                });
                decided.truncate(RECENT_DECISIONS);
                let page = HomePage {
                    title: cx.t(lang, "ix-overview-heading"),
                    as_of: as_of(cx, lang),
                    open: open.iter().map(at).collect(),
                    decisions: decided.iter().map(at).collect(),
                    figures: rows(cx, lang, &[&cx.figures.national]),
                    unavailable: cx
                        .index
                        .agencies
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| !a.available())
                        .map(|(i, _)| cx.agency_name(i, lang))
                        .collect(),
                    agencies: cx.index.agencies.len(),
                    consultations: cx.order.len(),
                };
                cx.page("index/home.html", &route, &page)
            }
        };
        if *lang == langs[0] {
            jobs.push(Box::new(home(IndexRoute::Root)));
        }
        jobs.push(Box::new(home(IndexRoute::Home { lang: lang.clone() })));
        for (filter, members) in filters {
            let pages = members.len().div_ceil(PAGE_SIZE).max(1);
            for page in 1..=pages {
                let filter = filter.clone();
                jobs.push(Box::new(move || {
                    let route_of = |n: usize| IndexRoute::Consultations {
                        lang: lang.clone(),
                        filter: filter.clone(),
                        page: n,
                    };
                    let items = &cx.items[lang];
                    let link = |f: IndexFilter, label: String| Link {
                        current: f == filter,
                        url: cx.link(IndexRoute::Consultations {
                            lang: lang.clone(),
                            filter: f,
                            page: 1,
                        }),
                        label,
                    };
                    let agency_filter = match &filter {
                        IndexFilter::Agency(a) | IndexFilter::AgencyTopic(a, _) => Some(a.clone()),
                        _ => None,
                    };
                    let view = ListPage {
                        title: list_title(cx, lang, &filter),
                        count: cx.ta(
                            lang,
                            "consultations-count",
                            &[("count", (members.len() as i64).into())],
                        ),
                        items: members
                            .iter()
                            .skip((page - 1) * PAGE_SIZE)
                            .take(PAGE_SIZE)
                            .map(|&(a, c)| &items[a][c])
                            .collect(),
                        pager: pager(cx, lang, &route_of, page, pages),
                        current: cx.link(route_of(1)),
                        // The list of every agency only on the first page of
                        // all consultations (with hundreds of agencies it
                        // would outweigh the page); the others link to the
                        // agencies page.
                        agencies: if filter == IndexFilter::All && page == 1 {
                            &cx.filter_links[lang].agencies
                        } else {
                            &[]
                        },
                        statuses: &cx.filter_links[lang].statuses,
                        topics: &cx.filter_links[lang].topics,
                        agency_topics: filters
                            .iter()
                            .filter_map(|(f, _)| match f {
                                IndexFilter::AgencyTopic(a, _)
                                    if Some(a) == agency_filter.as_ref() =>
                                {
                                    Some(link(f.clone(), list_title(cx, lang, f)))
                                }
                                _ => None,
                            })
                            .collect(),
                    };
                    cx.page("index/list.html", &route_of(page), &view)
                }));
            }
        }
        jobs.push(Box::new(move || {
            let route = IndexRoute::Agencies {
                lang: lang.clone(),
                sort: None,
            };
            cx.page(
                "index/agencies.html",
                &route,
                &agencies_page(cx, lang, None),
            )
        }));
        for key in TABLE {
            jobs.push(Box::new(move || {
                let route = IndexRoute::Agencies {
                    lang: lang.clone(),
                    sort: Some(key.to_string()),
                };
                cx.page(
                    "index/agencies.html",
                    &route,
                    &agencies_page(cx, lang, Some(key)),
                )
            }));
        }
        for (a, agency) in index.agencies.iter().enumerate() {
            jobs.push(Box::new(move || {
                let route = IndexRoute::Agency {
                    lang: lang.clone(),
                    id: agency.id.clone(),
                };
                cx.page("index/agency.html", &route, &agency_page(cx, lang, a))
            }));
        }
        jobs.push(Box::new(move || {
            let route = IndexRoute::Search { lang: lang.clone() };
            cx.page("index/search.html", &route, &search_page(cx, lang))
        }));
        jobs.push(Box::new(move || {
            let route = IndexRoute::Legal { lang: lang.clone() };
            let page = LegalPage {
                title: cx.t(lang, "legal-heading"),
                ip: cx.ta(
                    lang,
                    "legal-ip-full",
                    &[
                        (
                            "agency",
                            cx.plain(cx.config.index.operator.get_ref(), lang).into(),
                        ),
                        ("contact", cx.config.index.contact.get_ref().clone().into()),
                    ],
                ),
            };
            cx.page("index/legal.html", &route, &page)
        }));
    }
    let all_langs = &langs;
    jobs.push(Box::new(move || {
        let langs = all_langs;
        let languages = langs
            .iter()
            .map(|l| NotFoundLanguage {
                lang: l.clone(),
                dir: dir(l),
                name: cx.t(l, "language-name"),
                heading: cx.t(l, "not-found-heading"),
                text: cx.t(l, "not-found-text"),
                enter: cx.t(l, "ix-not-found-home"),
                url: cx.link(IndexRoute::Home { lang: l.clone() }),
            })
            .collect::<Vec<_>>();
        let page = NotFoundPage {
            title: cx.t(&langs[0], "not-found-heading"),
            languages,
        };
        cx.page("index/404.html", &IndexRoute::NotFound, &page)
    }));
    let written: std::io::Result<usize> = jobs
        .par_iter()
        .map(|job| match job() {
            Some((path, bytes)) => sink.write(&path, &bytes).map(|_| 1),
            None => Ok(0),
        })
        .try_reduce(|| 0, |a, b| Ok(a + b));
    let pages = written?;
    sink.write(
        &IndexRoute::Stylesheet.file(),
        crate::render::theme::STYLESHEET.as_bytes(),
    )?;
    sink.write(&IndexRoute::IndexStylesheet.file(), STYLESHEET.as_bytes())?;
    // The search page's index and scripts: the agency sites' format, engine
    // and files, at the same addresses.
    super::search::write(config, index, &theme.tr, sink)?;
    for (file, text) in crate::render::theme::SCRIPTS {
        let route = IndexRoute::Script {
            file: file.to_string(),
        };
        sink.write(&route.file(), text.as_bytes())?;
    }
    let mut errors = cx.errors.lock().map(|e| e.clone()).unwrap_or_default();
    // Pages are rendered in parallel; these problems name whole files.
    errors.sort(&SourceSet::default());
    if errors.has_errors() {
        return Ok(Err(errors));
    }
    Ok(Ok(pages))
}

// --- The search page -------------------------------------------------

/// A row of the search page's table without JavaScript: a national topic
/// (or the consultations without one, or all), counted by status.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexBrowseRow")]
pub struct BrowseRow {
    /// The topic's label, plain.
    label: String,
    /// Its listing, when it has one (the consultations without a national
    /// topic have none).
    url: Option<String>,
    /// Its consultations, written out.
    total: String,
    /// Its consultations of each status, in the order of `statuses`, written out.
    counts: Vec<String>,
}

/// `index/search.html`: the search page.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "IndexSearchPage")]
pub struct SearchPage {
    /// The page's title, plain.
    title: String,
    /// The folder of the language's index (ends in `/`), for the script.
    index_url: String,
    /// The search script (a JavaScript module).
    script: String,
    /// The ten digits numbers are written with in the page's language.
    digits: String,
    /// Texts the script shows.
    texts: Vec<crate::render::views::ScriptText>,
    /// Every status, to filter by.
    statuses: Vec<crate::render::views::Choice>,
    /// Every national topic, to filter by.
    topics: Vec<crate::render::views::Choice>,
    /// Every available agency (by id), to filter by.
    agencies: Vec<crate::render::views::Choice>,
    /// Every status with its listing: the columns of the table.
    status_links: Vec<Link>,
    /// The consultations by national topic and status: the page without
    /// JavaScript. Counts with links to the listings rather than every
    /// consultation, so that the page stays small with any number of agencies.
    browse: Vec<BrowseRow>,
    /// Every consultation, by status: the table's last row.
    overall: BrowseRow,
}

fn search_page(cx: &Cx, lang: &str) -> SearchPage {
    use crate::render::views::Choice;
    let today = cx.index.date;
    let topics: Vec<&String> = cx.config.topics.keys().collect();
    // Per national topic (and one more for none), per status.
    let mut counts = vec![vec![0usize; Status::ALL.len()]; topics.len() + 1];
    let mut all = vec![0usize; Status::ALL.len()];
    for (a, c) in cx.index.consultations() {
        let agency = &cx.index.agencies[a].id;
        let s = Status::ALL
            .iter()
            .position(|s| *s == c.status(today))
            .unwrap_or(0);
        all[s] += 1;
        let mut keys: Vec<usize> = c
            .topics
            .iter()
            .filter_map(|t| cx.config.national_topic(agency, &t.key))
            .filter_map(|k| topics.iter().position(|x| *x == k))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            keys.push(topics.len());
        }
        for k in keys {
            counts[k][s] += 1;
        }
    }
    let row = |label: String, url: Option<String>, counts: &[usize]| BrowseRow {
        label,
        url,
        total: counts.iter().sum::<usize>().to_string(),
        counts: counts.iter().map(usize::to_string).collect(),
    };
    let browse = topics
        .iter()
        .enumerate()
        .map(|(i, k)| {
            row(
                cx.plain(cx.config.topics[*k].label.get_ref(), lang),
                Some(cx.link(IndexRoute::Consultations {
                    lang: lang.into(),
                    filter: IndexFilter::Topic(k.to_string()),
                    page: 1,
                })),
                &counts[i],
            )
        })
        .chain(std::iter::once(row(
            cx.t(lang, "ix-search-topic-none"),
            None,
            &counts[topics.len()],
        )))
        .collect();
    let texts = crate::render::search_texts(
        cx.tr,
        lang,
        &[
            ("count-none", "search-none"),
            ("error", "ix-search-error"),
            ("kind-c", "search-kind-c"),
            ("kind-d", "ix-search-kind-d"),
        ],
    );
    SearchPage {
        title: cx.t(lang, "search-heading"),
        index_url: cx.link(IndexRoute::Search { lang: lang.into() }),
        script: cx.link(IndexRoute::Script {
            file: "search/search.js".into(),
        }),
        digits: cx.tr.localise_digits(lang, "0123456789"),
        texts,
        statuses: Status::ALL
            .iter()
            .map(|s| Choice {
                key: s.as_str().into(),
                label: cx.t(lang, &format!("status-{}", s.as_str())),
            })
            .collect(),
        topics: cx
            .config
            .topics
            .iter()
            .map(|(k, t)| Choice {
                key: k.clone(),
                label: cx.plain(t.label.get_ref(), lang),
            })
            .collect(),
        agencies: cx
            .index
            .agencies
            .iter()
            .enumerate()
            .filter(|(_, a)| a.available())
            .map(|(i, a)| Choice {
                key: a.id.clone(),
                label: cx.agency_name(i, lang).text,
            })
            .collect(),
        status_links: cx.filter_links[lang].statuses.clone(),
        browse,
        overall: row(
            cx.t(lang, "ix-all-consultations"),
            Some(cx.link(IndexRoute::Consultations {
                lang: lang.into(),
                filter: IndexFilter::All,
                page: 1,
            })),
            &all,
        ),
    }
}
