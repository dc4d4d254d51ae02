//! Checks the loaded [`Site`] against the rules of the content format.
//!
//! Pure: takes the model and the sources (for file names and spans), returns
//! diagnostics. Every rule runs on everything, so one run reports every
//! problem. Rules that need only one consultation run in parallel. What the
//! model cannot express (syntax, unknown keys, types) was already reported by
//! [`crate::load`]; what is computed from dates (status) is
//! [`crate::derive`].

pub mod personal_data;
pub mod placeholders;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use toml::Spanned;

use crate::config::{Config, PersonalDataMode};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{
    is_slug, AuthorKind, Consultation, Localized, MilestoneStatus, Moderation, Site,
};
use crate::sources::{SourceSet, Span};
use crate::toml_doc::{key_span, suggest, Origin, Seg};

/// Runs every rule.
pub fn check(site: &Site, sources: &SourceSet) -> Diagnostics {
    let cx = Cx {
        config: &site.config,
        sources,
        langs: site.config.languages(),
    };
    let mut diags = Diagnostics::default();
    check_config(&cx, &mut diags);
    let per: Vec<Diagnostics> = site
        .consultations
        .par_iter()
        .map(|c| {
            let mut d = Diagnostics::default();
            check_consultation(&cx, c, &mut d);
            d
        })
        .collect();
    for d in per {
        diags.extend(d);
    }
    check_unique_ids(site, &mut diags);
    check_pages(&cx, site, &mut diags);
    placeholders::check(site, sources, &mut diags);
    check_asset_names(sources, &mut diags);
    diags
}

/// Every file copied as it is (attachments, `static/`) keeps its name in
/// the site, and a name with `:` or `\` cannot be published: a `\` is a
/// folder separator on Windows hosts and a `:` reads as a URL scheme or a
/// drive. Refused here, at the file, rather than when the build writes it.
fn check_asset_names(sources: &SourceSet, diags: &mut Diagnostics) {
    for asset in &sources.assets {
        let name = asset.path.rsplit('/').next().unwrap_or(&asset.path);
        if let Some(bad) = asset.path.chars().find(|&ch| ch == ':' || ch == '\\') {
            let shown = if bad == ':' { "`:`" } else { "`\\`" };
            diags.push(
                Diagnostic::error(Code::UnsafePath, format!("the file name \"{name}\" contains {shown}, which a published file name may not"))
                    .in_file(asset.path.clone())
                    .label(format!("{shown} in the name"))
                    .help(format!("rename the file without {shown} (for example with `-` in its place), and change the paths that name it")),
            );
        }
    }
}

/// What every rule needs to know.
struct Cx<'a> {
    config: &'a Config,
    sources: &'a SourceSet,
    langs: Vec<String>,
}

impl Cx<'_> {
    fn strict(&self) -> bool {
        self.config.site.strict_translations
    }
    fn path(&self, file: usize) -> &str {
        &self.sources.files[file].path
    }
}

fn check_config(cx: &Cx, diags: &mut Diagnostics) {
    let c = cx.config;
    let o = c.origin;
    let url = c.site.base_url.get_ref();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url
            .split_once("://")
            .map(|(_, r)| !r.is_empty() && !r.starts_with('/'))
            .unwrap_or(false)
        && !url.contains(char::is_whitespace)
        && !url.contains(['?', '#']);
    if !ok {
        diags.push(
            Diagnostic::error(Code::InvalidUrl, format!("base_url \"{url}\" is not an absolute http(s) URL"))
                .at(o.spanned(&c.site.base_url))
                .label("not an absolute URL")
                .help("write the address the site is published at, such as \"https://consult.example.gov.om\" (a path is allowed; no query or fragment)"),
        );
    }
    if let (Some(name), Some(spanned)) = (c.theme(), &c.site.theme) {
        let prefix = format!("themes/{name}/");
        let has_files = cx
            .sources
            .overrides
            .iter()
            .map(|f| &f.path)
            .chain(cx.sources.assets.iter().map(|a| &a.path))
            .any(|p| p.starts_with(&prefix));
        if !has_files {
            diags.push(
                Diagnostic::error(
                    Code::ThemeNotFound,
                    format!("there is no theme \"{name}\": the folder themes/{name}/ has no templates/, i18n/ or static/ files"),
                )
                .at(o.spanned(spanned))
                .label("no such theme")
                .help(format!("create themes/{name}/templates/ (files named like the built-in theme's, such as base.html), or remove `theme` to use the built-in theme (\"default\")")),
            );
        }
    }
    let langs = c.site.languages.get_ref();
    if langs.is_empty() {
        diags.push(
            Diagnostic::error(Code::WrongType, "`languages` is empty")
                .at(o.spanned(&c.site.languages))
                .help("list the site's languages, the default first: languages = [\"ar\", \"en\"]"),
        );
    }
    let mut seen = BTreeSet::new();
    for l in langs {
        if !is_language_tag(l.get_ref()) {
            diags.push(
                Diagnostic::error(
                    Code::InvalidLanguage,
                    format!("\"{}\" is not a language code", l.get_ref()),
                )
                .at(o.spanned(l))
                .help("use a BCP 47 code such as \"ar\" or \"en\""),
            );
        } else if !seen.insert(l.get_ref().as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!("the language \"{}\" is listed twice", l.get_ref()),
                )
                .at(o.spanned(l))
                .help("list each language once"),
            );
        }
    }
    if !is_slug(c.agency.id.get_ref()) {
        diags.push(slug_error(
            "agency id",
            c.agency.id.get_ref(),
            o.spanned(&c.agency.id),
        ));
    }
    let contact = c.agency.contact.get_ref();
    if !contact.contains('@') || contact.contains(char::is_whitespace) {
        diags.push(
            Diagnostic::error(
                Code::WrongType,
                format!("contact \"{contact}\" is not an e-mail address"),
            )
            .at(o.spanned(&c.agency.contact))
            .help("give the address citizens write to, such as \"consultations@example.gov.om\""),
        );
    }
    labels(cx, o, &c.site.title, "the site title", diags);
    labels(cx, o, &c.agency.name, "the agency name", diags);
    labels(cx, o, &c.agency.redress, "`redress`", diags);
    if let Some(extra) = &c.legal.extra {
        labels(cx, o, extra, "the extra legal notice", diags);
    }
    let text = &cx.sources.files[o.file].text;
    for (section, keys) in [
        ("units", c.units.keys().collect::<Vec<_>>()),
        ("topics", c.topics.keys().collect::<Vec<_>>()),
    ] {
        for key in keys {
            if !is_slug(key) {
                let range = key_span(text, &[Seg::Key(section.into()), Seg::Key(key.clone())])
                    .unwrap_or(0..0);
                diags.push(slug_error(
                    &format!("the {section} key"),
                    key,
                    o.span(range),
                ));
            }
        }
    }
    for u in c.units.values() {
        labels(cx, o, &u.name, "the unit name", diags);
    }
    for t in c.topics.values() {
        labels(cx, o, &t.label, "the topic label", diags);
    }
    if let Some(tz) = &c.site.timezone {
        if tz.get_ref().parse::<chrono_tz::Tz>().is_err() {
            let near: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
            let hint = suggest(tz.get_ref(), &near)
                .map(|s| format!("did you mean \"{s}\"? "))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(Code::InvalidTimezone, format!("\"{}\" is not a time-zone name", tz.get_ref()))
                    .at(o.spanned(tz))
                    .label("unknown time zone")
                    .help(format!("{hint}write an IANA name such as \"Asia/Muscat\" (the default) or \"Asia/Dubai\"")),
            );
        }
    }
    for lang in c.agency.gender.keys() {
        if !cx.langs.contains(lang) {
            diags.push(
                Diagnostic::warning(
                    Code::ExtraLanguage,
                    format!(
                        "`gender` is given for \"{lang}\", which is not a language of the site"
                    ),
                )
                .in_file(cx.path(o.file).to_string())
                .help(format!(
                    "add \"{lang}\" to `languages`, or remove it from `gender`"
                )),
            );
        }
    }
    let mut seen_channels = BTreeSet::new();
    for p in &c.participation {
        participation(cx, p, o, diags);
        if !seen_channels.insert(*p.channel.get_ref()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!(
                        "two [[participation]] entries for the channel {}",
                        p.channel.get_ref()
                    ),
                )
                .at(o.spanned(&p.channel))
                .help("give one default address per channel; a consultation can give its own"),
            );
        }
    }
    for s in &c.social {
        web_address(&s.url, o, "the social account", diags);
        if s.handle.get_ref().trim().is_empty() {
            diags.push(
                Diagnostic::error(Code::MissingKey, "the social account has an empty `handle`")
                    .at(o.spanned(&s.handle))
                    .help("give the account's name as the platform shows it, such as \"@example\""),
            );
        }
        if let Some(l) = &s.label {
            labels(cx, o, l, "the social account label", diags);
        }
    }
    if let Some(logo) = &c.agency.logo {
        if cx.sources.asset(logo.get_ref()).is_none() && !cx.sources.root.as_os_str().is_empty() {
            diags.push(
                Diagnostic::error(Code::MissingDocument, format!("the logo \"{}\" does not exist", logo.get_ref()))
                    .at(o.spanned(logo))
                    .help("put the logo under static/ and give its path from the site folder, such as \"static/logo.svg\""),
            );
        }
    }
}

fn slug_error(what: &str, value: &str, span: Span) -> Diagnostic {
    Diagnostic::error(Code::InvalidSlug, format!("{what} \"{value}\" is not a valid slug"))
        .at(span)
        .label("becomes part of a URL")
        .help("use 1 to 80 lower-case ASCII letters, digits and hyphens, starting with a letter or digit, such as \"water-tariffs-2026\"")
}

/// BCP 47, loosely: a 2–3 letter primary subtag, then alphanumeric subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A label must exist in every language of the site (and not be blank).
fn labels(cx: &Cx, o: Origin, label: &Spanned<Localized>, what: &str, diags: &mut Diagnostics) {
    let map = label.get_ref();
    let missing: Vec<&str> = cx
        .langs
        .iter()
        .filter(|l| map.get(*l).map(|t| t.trim().is_empty()).unwrap_or(true))
        .map(|l| l.as_str())
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                Code::MissingTranslation,
                format!("{what} has no text in {}", missing.join(", ")),
            )
            .at(o.spanned(label))
            .label("every language of the site is required here")
            .help(format!(
                "add {} to this table, such as {{ {} }}",
                missing
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(" and "),
                cx.langs
                    .iter()
                    .map(|l| format!("{l} = \"…\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    }
    for key in map.keys() {
        if !cx.langs.contains(key) {
            diags.push(
                Diagnostic::warning(
                    Code::ExtraLanguage,
                    format!("{what} has text in \"{key}\", which is not a language of the site"),
                )
                .at(o.spanned(label))
                .help(format!(
                    "add \"{key}\" to `languages` in sablah.toml, or remove it here"
                )),
            );
        }
    }
}

/// Every language file of a thing must exist (strict) or is pending.
fn language_files<T>(
    cx: &Cx,
    texts: &BTreeMap<String, T>,
    expected: &str,
    diags: &mut Diagnostics,
) {
    for lang in &cx.langs {
        let path = expected.replace("{lang}", lang);
        // A file that exists but could not be loaded has its own diagnostic.
        if texts.contains_key(lang) || cx.sources.exists(&path) {
            continue;
        }
        let d = Diagnostic::error(Code::MissingTranslation, format!("{path} is missing"))
            .in_file(path.clone())
            .help(format!("write the {lang} text in {path}, or set strict_translations = false in sablah.toml to publish while it is pending"));
        diags.push(if cx.strict() {
            d
        } else {
            d.as_warning(Code::TranslationPending)
                .help(format!("until {path} exists, the page shows the text of another language with a notice that the translation is pending"))
        });
    }
    for lang in texts.keys() {
        if !cx.langs.contains(lang) {
            let path = expected.replace("{lang}", lang);
            diags.push(
                Diagnostic::warning(Code::ExtraLanguage, format!("{path} is in \"{lang}\", which is not a language of the site; it is not published"))
                    .in_file(path)
                    .help(format!("add \"{lang}\" to `languages` in sablah.toml, or rename the file")),
            );
        }
    }
}

fn unknown_ref(
    code: Code,
    what: &str,
    value: &str,
    known: &[&str],
    span: Span,
    define: &str,
) -> Diagnostic {
    let help = match suggest(value, known) {
        Some(s) => format!("did you mean \"{s}\"? {define}"),
        None if known.is_empty() => format!("none is defined: {define}"),
        None => format!("use one of: {}; or {define}", known.join(", ")),
    };
    Diagnostic::error(code, format!("unknown {what} \"{value}\""))
        .at(span)
        .label(format!("no such {what}"))
        .help(help)
}

fn check_consultation(cx: &Cx, c: &Consultation, diags: &mut Diagnostics) {
    let o = c.origin;
    let m = &c.meta;
    let file = format!("{}/consultation.toml", c.dir);
    if !is_slug(&c.slug) {
        diags.push(
            Diagnostic::error(Code::InvalidSlug, format!("the folder name \"{}\" is not a valid slug", c.slug))
                .in_file(file.clone())
                .help("rename the folder to 1 to 80 lower-case ASCII letters, digits and hyphens, such as \"water-tariffs-2026\": it becomes the consultation's URL"),
        );
    }
    if m.id.get_ref().trim().is_empty() {
        diags.push(
            Diagnostic::error(Code::WrongType, "the consultation id is empty")
                .at(o.spanned(&m.id))
                .help("give the public reference of the consultation, such as \"MOH-2026-003\""),
        );
    }
    let topics: Vec<&str> = cx.config.topics.keys().map(String::as_str).collect();
    for t in &m.topics {
        if cx.config.topic(t.get_ref()).is_none() {
            diags.push(unknown_ref(
                Code::UnknownTopic,
                "topic",
                t.get_ref(),
                &topics,
                o.spanned(t),
                "topics are defined as [topics.<key>] in sablah.toml",
            ));
        }
    }
    let units: Vec<&str> = cx.config.units.keys().map(String::as_str).collect();
    if c.units().is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingKey, "`unit` lists no unit")
                .at(o.spanned(&m.unit))
                .help("name the accountable unit, such as unit = \"policy-unit\", or several, the lead first: unit = [\"policy-unit\", \"legal-unit\"]"),
        );
    }
    for unit in c.units() {
        if cx.config.unit(unit).is_none() {
            diags.push(unknown_ref(
                Code::UnknownUnit,
                "unit",
                unit,
                &units,
                o.spanned(&m.unit),
                "units are defined as [units.<key>] in sablah.toml",
            ));
        }
    }
    let (opens, closes) = (m.opens.get_ref(), m.closes.get_ref());
    if (closes.date, closes.time) < (opens.date, opens.time.or(closes.time)) {
        diags.push(
            Diagnostic::error(
                Code::DateOrder,
                format!(
                    "the consultation closes ({}) before it opens ({})",
                    closes.date, opens.date
                ),
            )
            .at(o.spanned(&m.closes))
            .label("before `opens`")
            .help("`closes` must be on or after `opens`"),
        );
    }
    if let Some(due) = &m.decision_due {
        if *due.get_ref() < closes.date {
            diags.push(
                Diagnostic::error(Code::DateOrder, format!("the decision is due ({}) before the consultation closes ({})", due.get_ref(), closes.date))
                    .at(o.spanned(due))
                    .label("before `closes`")
                    .help("`decision_due` must be on or after `closes`: it is the date the agency commits to publish its outcome (or leave it out when no date is committed)"),
            );
        }
    }
    if let Some(received) = &m.received {
        for (channel, declared) in received.get_ref() {
            let files = c
                .inputs
                .iter()
                .filter(|i| i.meta.channel.get_ref() == channel)
                .count() as u64;
            if *declared < files {
                diags.push(
                    Diagnostic::error(Code::DeclaredTotalTooSmall, format!("[received] declares {declared} input(s) by {channel}, but inputs/ holds {files} of that channel"))
                        .at(o.spanned(received))
                        .label("smaller than the input files")
                        .help(format!("a declared total counts every input received by {channel}, published one by one or not: make it at least {files}")),
                );
            }
            if !c.channels().contains(channel) {
                diags.push(unknown_ref(
                    Code::UnknownChannel,
                    "channel",
                    channel.as_str(),
                    &c.channels().iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                    o.spanned(received),
                    "[received] counts only the channels the consultation accepts",
                ));
            }
        }
    }
    for p in &m.participation {
        participation(cx, p, o, diags);
        if !c.channels().contains(p.channel.get_ref()) {
            diags.push(unknown_ref(
                Code::UnknownChannel,
                "channel",
                p.channel.get_ref().as_str(),
                &c.channels().iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                o.spanned(&p.channel),
                "[[participation]] gives addresses for the channels in the consultation's `channels`",
            ));
        }
    }
    // Each accepted channel needs an address somewhere: the consultation's
    // own, the agency's default, the agency's contact (e-mail) or its
    // official accounts (social).
    let missing: Vec<&str> = c
        .channels()
        .into_iter()
        .filter(|ch| !has_address(cx.config, c, *ch))
        .map(|ch| ch.as_str())
        .collect();
    if !missing.is_empty() {
        let span = match &m.channels {
            Some(list) => list
                .iter()
                .find(|x| missing.contains(&x.get_ref().as_str()))
                .map(|x| o.spanned(x))
                .unwrap_or_else(|| o.span(0..0)),
            None => o.span(0..0),
        };
        let list = missing.join(", ");
        diags.push(
            Diagnostic::warning(Code::NoParticipationAddress, format!("citizens cannot tell how to take part by {list}: no address is given"))
                .at(span)
                .label("no address")
                .help("for each, add [[participation]] with its channel and address (a form URL, a phone number, a postal address or a meeting place) to this consultation or to sablah.toml; or list only the channels you use in `channels` (without `channels`, all six are accepted)"),
        );
    }
    for post in &m.social_posts {
        web_address(&post.url, o, "the social post", diags);
        if let Some(l) = &post.label {
            labels(cx, o, l, "the social post label", diags);
        }
    }
    if let Some(w) = &m.withdrawn {
        labels(cx, o, &w.reason, "the withdrawal reason", diags);
    }
    let text = &cx.sources.files[o.file].text;
    let mut question_ids = BTreeSet::new();
    for q in &m.questions {
        if !is_slug(q.id.get_ref()) {
            diags.push(slug_error(
                "the question id",
                q.id.get_ref(),
                o.spanned(&q.id),
            ));
        }
        if !question_ids.insert(q.id.get_ref().as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!("two questions have the id \"{}\"", q.id.get_ref()),
                )
                .at(o.spanned(&q.id))
                .help("give each question its own id"),
            );
        }
        labels(cx, o, &q.text, "the question", diags);
    }
    for (key, theme) in &m.themes {
        if !is_slug(key) {
            let range =
                key_span(text, &[Seg::Key("themes".into()), Seg::Key(key.clone())]).unwrap_or(0..0);
            diags.push(slug_error("the theme key", key, o.span(range)));
        }
        labels(cx, o, &theme.label, "the theme label", diags);
    }
    for e in &m.timeline {
        labels(cx, o, &e.label, "the timeline event", diags);
        if let Some(link) = &e.link {
            local_file(cx, c, link, o, "timeline link", diags);
        }
    }
    documents(cx, c, &m.documents, o, diags);
    for ch in &m.changes {
        labels(cx, o, &ch.note, "the change note", diags);
    }
    language_files(
        cx,
        &c.texts,
        &format!("{}/consultation.{{lang}}.md", c.dir),
        diags,
    );
    check_inputs(cx, c, diags);
    if c.decision.is_some() {
        check_decision(cx, c, diags);
    }
    check_replies(cx, c, diags);
    agency_mentions(cx, c, diags);
}

/// Replies during the consultation (1.1): to inputs that exist, dated
/// within the consultation and before the decision.
fn check_replies(cx: &Cx, c: &Consultation, diags: &mut Diagnostics) {
    let ids: Vec<&str> = c.inputs.iter().map(|i| i.id.as_str()).collect();
    for r in &c.replies {
        let o = r.origin;
        labels(cx, o, &r.text, "the reply text", diags);
        known_inputs(c, &r.inputs, &ids, o, diags);
        let date = *r.date.get_ref();
        let decided = c.decision.as_ref().map(|d| *d.meta.published.get_ref());
        if date < c.meta.opens.get_ref().date || decided.is_some_and(|d| date > d) {
            diags.push(
                Diagnostic::error(Code::DateOrder, format!("the reply is dated {date}, outside the consultation (it opens {}{})", c.meta.opens.get_ref().date, decided.map(|d| format!("; the decision is published {d}")).unwrap_or_default()))
                    .at(o.spanned(&r.date))
                    .label("outside the consultation")
                    .help("a reply is the agency's answer during the consultation: date it between `opens` and the decision's `published` (answers after that belong in [[responses]])"),
            );
        }
    }
}

/// Documents (1.0 local files; 1.1 also https URLs, with metadata).
fn documents(
    cx: &Cx,
    c: &Consultation,
    docs: &[crate::model::Document],
    o: Origin,
    diags: &mut Diagnostics,
) {
    for d in docs {
        labels(cx, o, &d.title, "the document title", diags);
        if d.is_url() {
            web_address(&d.path, o, "the document", diags);
        } else {
            local_file(cx, c, &d.path, o, "document", diags);
        }
        if let Some(a) = &d.accessible {
            let v = a.get_ref();
            let email = v.contains('@') && !v.contains(char::is_whitespace);
            if !email && !crate::model::is_web_address(v) {
                diags.push(
                    Diagnostic::error(Code::InvalidUrl, format!("`accessible` \"{v}\" is neither an e-mail address nor a web address"))
                        .at(o.spanned(a))
                        .help("say how to ask for another format: an e-mail address such as \"accessible-formats@example.gov.om\", or an https URL"),
                );
            } else if crate::model::is_web_address(v) {
                web_address(a, o, "`accessible`", diags);
            }
        }
    }
}

/// An absolute https URL (1.1 links to other sites).
fn web_address(url: &Spanned<String>, o: Origin, what: &str, diags: &mut Diagnostics) {
    let u = url.get_ref();
    let ok = u
        .strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !u.contains(char::is_whitespace)
        && !u.contains(['<', '>', '"']);
    if !ok {
        diags.push(
            Diagnostic::error(Code::InvalidUrl, format!("{what} \"{u}\" is not an absolute https URL"))
                .at(o.spanned(url))
                .label("not an https address")
                .help("write the full address, starting with https://, such as \"https://www.example.gov.om/draft.pdf\""),
        );
    }
}

/// Whether citizens can find an address for `channel` in `c`.
pub fn has_address(config: &Config, c: &Consultation, channel: crate::model::Channel) -> bool {
    use crate::model::Channel;
    c.meta
        .participation
        .iter()
        .any(|p| *p.channel.get_ref() == channel)
        || config.participation(channel).is_some()
        || channel == Channel::Email
        || (channel == Channel::Social && !config.social.is_empty())
}

/// `[[participation]]`: an address that fits its channel.
fn participation(cx: &Cx, p: &crate::model::Participation, o: Origin, diags: &mut Diagnostics) {
    use crate::model::{Address, Channel};
    let channel = *p.channel.get_ref();
    if let Some(l) = &p.label {
        labels(cx, o, l, "the participation label", diags);
    }
    let expected = match channel {
        Channel::Web | Channel::Social => {
            "an https URL, such as \"https://forms.example.gov.om/water\""
        }
        Channel::Email => "an e-mail address, such as \"consultations@example.gov.om\"",
        Channel::Phone => "a phone number, such as \"+968 2400 0000\"",
        Channel::Letter | Channel::Meeting => {
            "a text, or one per language such as { ar = \"…\", en = \"…\" }"
        }
    };
    let ok = match (channel, p.address.get_ref()) {
        (Channel::Web | Channel::Social, Address::Text(t)) => t
            .strip_prefix("https://")
            .is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace)),
        (Channel::Email, Address::Text(t)) => {
            t.contains('@')
                && !t.contains(char::is_whitespace)
                && !t.starts_with('@')
                && !t.ends_with('@')
        }
        (Channel::Phone, Address::Text(t)) => {
            t.chars().filter(|c| c.is_ascii_digit()).count() >= 4
                && t.chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        }
        (Channel::Letter | Channel::Meeting, Address::Text(t)) => !t.trim().is_empty(),
        (Channel::Letter | Channel::Meeting, Address::Localized(_)) => true,
        _ => false,
    };
    if !ok {
        diags.push(
            Diagnostic::error(
                Code::WrongType,
                format!("this address does not fit the channel {channel}"),
            )
            .at(o.spanned(&p.address))
            .label(format!("expected {expected}"))
            .help(format!(
                "for channel = \"{channel}\", `address` is {expected}"
            )),
        );
    } else if let Address::Localized(map) = p.address.get_ref() {
        let spanned = Spanned::new(p.address.span(), map.clone());
        labels(cx, o, &spanned, "the address", diags);
    }
}

/// A path relative to the consultation folder must stay inside it and exist.
/// Links with a scheme or a leading `/` are web addresses, not files.
fn local_file(
    cx: &Cx,
    c: &Consultation,
    path: &Spanned<String>,
    o: Origin,
    what: &str,
    diags: &mut Diagnostics,
) {
    let p = path.get_ref();
    if what == "timeline link" {
        if let Some(scheme) = url_scheme(p) {
            let lower = scheme.to_ascii_lowercase();
            let web = matches!(lower.as_str(), "http" | "https")
                && p[scheme.len()..].strip_prefix("://").is_some_and(|rest| {
                    !rest.is_empty()
                        && !rest.starts_with('/')
                        && !rest.contains(char::is_whitespace)
                });
            if !(web || lower == "mailto") {
                diags.push(
                    Diagnostic::error(Code::InvalidUrl, format!("the timeline link \"{p}\" is not an http(s) address"))
                        .at(o.spanned(path))
                        .label(format!("a `{scheme}:` link"))
                        .help("link to a web page with a full https:// address (such as \"https://www.example.gov.om/minutes.pdf\"), to a page of the site with a path from its root (\"/en/pages/x/\"), or to a file of the consultation (\"files/minutes.pdf\")"),
                );
            }
            return;
        }
        if p.starts_with('/') {
            return;
        }
    } else if p.contains("://") || p.starts_with("mailto:") {
        return;
    }
    let climbs = p.starts_with('/') || p.split('/').any(|s| s == ".." || s == ".");
    let bad_char = p.chars().find(|&ch| ch == ':' || ch == '\\');
    if climbs || bad_char.is_some() {
        let (message, label) = match bad_char {
            Some(ch) if !climbs => (
                format!(
                    "the {what} path \"{p}\" contains `{ch}`, which a published file name may not"
                ),
                format!("`{ch}` in the path"),
            ),
            _ => (
                format!("the {what} path \"{p}\" leaves the consultation folder"),
                "absolute, or climbs with `..`".to_string(),
            ),
        };
        diags.push(
            Diagnostic::error(Code::UnsafePath, message)
                .at(o.spanned(path))
                .label(label)
                .help(if climbs {
                    "give the path from the consultation folder, such as \"files/draft.pdf\", and keep the file inside it"
                } else {
                    "rename the file without `:` or `\\` (for example with `-` in their place) and give its new path; folders are separated by `/`"
                }),
        );
        return;
    }
    let full = format!("{}/{}", c.dir, p);
    if cx.sources.asset(&full).is_none() {
        diags.push(
            Diagnostic::error(Code::MissingDocument, format!("the {what} \"{p}\" does not exist"))
                .at(o.spanned(path))
                .label(format!("no file at {full}"))
                .help(format!("put the file at {full}, or correct the path (it is relative to the consultation folder)")),
        );
    }
}

/// The scheme of an absolute URL (`https` in `https://…`, `javascript` in
/// `javascript:…`), as RFC 3986 spells one: a letter, then letters, digits,
/// `+`, `-` or `.`, then `:`.
fn url_scheme(link: &str) -> Option<&str> {
    let (scheme, _) = link.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

fn check_inputs(cx: &Cx, c: &Consultation, diags: &mut Diagnostics) {
    let m = &c.meta;
    let channels = c.channels();
    let channel_names: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
    let themes: Vec<&str> = m.themes.keys().map(String::as_str).collect();
    let questions: Vec<&str> = m
        .questions
        .iter()
        .map(|q| q.id.get_ref().as_str())
        .collect();
    let pd_mode = cx.config.privacy.personal_data;
    for input in &c.inputs {
        let o = input.origin;
        let im = &input.meta;
        if !is_slug(&input.id) {
            diags.push(
                Diagnostic::error(Code::InvalidSlug, format!("the input id \"{}\" (its file name) is not valid", input.id))
                    .in_file(cx.path(input.file).to_string())
                    .help("name input files with 1 to 80 lower-case ASCII letters, digits and hyphens, such as inputs/i-001.md: the id becomes the input's URL"),
            );
        }
        if !channels.contains(im.channel.get_ref()) {
            diags.push(unknown_ref(
                Code::UnknownChannel,
                "channel",
                im.channel.get_ref().as_str(),
                &channel_names,
                o.spanned(&im.channel),
                "the consultation's `channels` lists those it accepts",
            ));
        }
        if !is_language_tag(im.language.get_ref()) {
            diags.push(
                Diagnostic::error(Code::InvalidLanguage, format!("\"{}\" is not a language code", im.language.get_ref()))
                    .at(o.spanned(&im.language))
                    .help("give the language of the original text as a BCP 47 code, such as \"ar\", \"en\", \"ur\" or \"ml\""),
            );
        }
        for q in &im.questions {
            if !questions.contains(&q.get_ref().as_str()) {
                diags.push(unknown_ref(
                    Code::UnknownQuestion,
                    "question",
                    q.get_ref(),
                    &questions,
                    o.spanned(q),
                    "questions are the consultation's [[questions]] ids",
                ));
            }
        }
        known_themes(&im.themes, &themes, o, diags);
        let received = im.received.get_ref().date;
        // A window that closes before it opens is the error (E013), once:
        // no input can be said to be outside it.
        let (o_at, c_at) = (m.opens.get_ref(), m.closes.get_ref());
        let window = (c_at.date, c_at.time) >= (o_at.date, o_at.time.or(c_at.time));
        let (opens, closes) = (o_at.date, c_at.date);
        if window && (received < opens || received > closes) {
            diags.push(
                Diagnostic::warning(Code::ReceivedOutsideWindow, format!("received on {received}, outside the consultation's window ({} to {})", m.opens.get_ref().date, m.closes.get_ref().date))
                    .at(o.spanned(&im.received))
                    .help("check the date; an input received outside the window is still published, and counted"),
            );
        }
        match (im.moderation.get_ref(), &im.reason) {
            (Moderation::Withheld, None) => diags.push(
                Diagnostic::error(Code::WithheldWithoutReason, "this input is withheld but does not say why")
                    .at(o.spanned(&im.moderation))
                    .label("withheld")
                    .help("add `reason = \"…\"`: one of irrelevant, abusive, defamatory, discriminatory, illegal, ip-violation, personal-data, duplicate, spam (the count by reason is published)"),
            ),
            (Moderation::Pending, _) if c.decision.is_some() => diags.push(
                Diagnostic::error(Code::PendingAfterDecision, "this input is still pending moderation, but the decision is made")
                    .at(o.spanned(&im.moderation))
                    .label("pending")
                    .help("review it before publishing the decision: set moderation = \"published\" (and answer it in a response) or \"withheld\" with a reason"),
            ),
            (Moderation::Published, Some(r)) => diags.push(
                Diagnostic::warning(Code::ReasonOnPublished, "this input is published but gives a reason for withholding it")
                    .at(o.spanned(r))
                    .help("remove `reason`, or set moderation = \"withheld\" if it should not be published"),
            ),
            _ => {}
        }
        if let Some(url) = &im.source_url {
            web_address(url, o, "the permalink `source_url`", diags);
        }
        if let Some(to) = &im.in_reply_to {
            if c.input(to.get_ref()).is_none() || to.get_ref() == &input.id {
                let ids: Vec<&str> = c
                    .inputs
                    .iter()
                    .map(|i| i.id.as_str())
                    .filter(|i| *i != input.id)
                    .collect();
                diags.push(unknown_ref(
                    Code::UnknownInput,
                    "input",
                    to.get_ref(),
                    &ids,
                    o.spanned(to),
                    "`in_reply_to` names another input of this consultation (its file name without .md)",
                ));
            }
        }
        for a in &im.attachments {
            local_file(cx, c, a, o, "attachment", diags);
        }
        if let (AuthorKind::Anonymous, true, Some(name)) = (&im.author, im.publish_name, &im.name) {
            diags.push(
                Diagnostic::warning(Code::AnonymousNamed, "this input is anonymous but asks for its name to be published; the name is not shown")
                    .at(o.spanned(name))
                    .label("a name on an anonymous input")
                    .help("if its author agreed to be named, set author = \"individual\"; otherwise remove `name` and `publish_name`"),
            );
        }
        if input.is_published() {
            // Names that may be shown: the agency's own accounts, and the
            // author's own name or handle when they agreed to be named.
            let mut allow = shown_names(cx);
            allow.extend(input.public_name().map(str::to_string));
            // `at` places a finding's range (in `text`) in its file.
            let mut scan = |text: &str, what: &str, at: &dyn Fn(std::ops::Range<usize>) -> Span| {
                for f in personal_data::scan(text, &allow) {
                    diags.push(personal_data_diagnostic(
                        pd_mode,
                        what,
                        &text[f.range.clone()],
                        f.kind,
                        at(f.range.clone()),
                    ));
                }
            };
            let shifted = |file: usize, offset: usize| {
                move |r: std::ops::Range<usize>| Span {
                    file,
                    range: r.start + offset..r.end + offset,
                }
            };
            let what = "this published input";
            scan(
                input.body.as_str(),
                what,
                &shifted(input.file, input.body.offset()),
            );
            if let Some(title) = &im.title {
                if let Some(off) = cx.sources.files[input.file].text.find(title.as_str()) {
                    scan(title, what, &shifted(input.file, off));
                }
            }
            // Attachments are published under their own names.
            for a in &im.attachments {
                scan(
                    a.get_ref(),
                    what,
                    &shifted(input.file, o.spanned(a).range.start + 1),
                );
            }
            for t in input.translations.values() {
                scan(t.body.as_str(), what, &shifted(t.file, t.body.offset()));
            }
            // The front-matter fields that are published with the text.
            let file_text = &cx.sources.files[input.file].text;
            let shown = [
                (
                    input.public_name().and(im.name.as_ref()),
                    "the published name",
                ),
                (im.organisation.as_ref(), "the organisation's name"),
            ];
            for (field, what) in shown {
                let Some(value) = field else { continue };
                let span = o.spanned(value);
                // Where the value's characters start inside its TOML string
                // (after the quote); a string written with escapes is
                // pointed at whole.
                let raw = file_text.get(span.range.clone()).unwrap_or("");
                match raw.find(value.get_ref().as_str()) {
                    Some(k) => scan(
                        value.get_ref(),
                        what,
                        &shifted(input.file, span.range.start + k),
                    ),
                    None => scan(value.get_ref(), what, &|_| span.clone()),
                }
            }
        }
    }
}

/// The `[privacy] allow` list with the agency's own social-media handles:
/// what the personal-data guard never reports.
fn shown_names(cx: &Cx) -> Vec<String> {
    let mut allow = cx.config.privacy.allow.clone();
    allow.extend(cx.config.social.iter().map(|a| a.handle.get_ref().clone()));
    allow
}

/// A finding of the personal-data guard, masked: an error, or a warning
/// under `personal_data = "warn"`.
fn personal_data_diagnostic(
    mode: PersonalDataMode,
    what: &str,
    matched: &str,
    kind: personal_data::PersonalDataKind,
    at: Span,
) -> Diagnostic {
    let help = match kind {
        personal_data::PersonalDataKind::Handle => "a handle names a person: replace it with [removed: personal data] (or withhold the input with reason = \"personal-data\"); the agency's own [[social]] accounts, and an author's own handle (`name`) when publish_name = true, are not reported; a public account meant to be named goes in [privacy] allow in sablah.toml",
        _ => "remove or mask it in the published text (or withhold the input with reason = \"personal-data\"); if it is public and meant to be shown, add the exact text to [privacy] allow in sablah.toml",
    };
    let d = Diagnostic::error(
        Code::PersonalData,
        format!(
            "{what} seems to contain {}: {}",
            kind.describe(),
            personal_data::mask(matched)
        ),
    )
    .at(at)
    .label(kind.describe())
    .help(help)
    .redacted();
    match mode {
        PersonalDataMode::Error => d,
        PersonalDataMode::Warn => d.as_warning(Code::PersonalDataWarning),
    }
}

/// `@handle` mentions in the agency's published texts of a consultation
/// (its decision, responses and replies): a mention of someone who did not
/// agree to be named is flagged as in an input. The agency's own accounts,
/// and the authors of this consultation's inputs who agreed to be named
/// (their `name`), may be mentioned.
fn agency_mentions(cx: &Cx, c: &Consultation, diags: &mut Diagnostics) {
    let mode = cx.config.privacy.personal_data;
    let mut allow = shown_names(cx);
    allow.extend(
        c.inputs
            .iter()
            .filter(|i| i.is_published())
            .filter_map(|i| i.public_name().map(str::to_string)),
    );
    let mut scan = |text: &str, what: &str, at: &dyn Fn(std::ops::Range<usize>) -> Span| {
        for f in personal_data::scan(text, &allow) {
            if f.kind == personal_data::PersonalDataKind::Handle {
                diags.push(personal_data_diagnostic(
                    mode,
                    what,
                    &text[f.range.clone()],
                    f.kind,
                    at(f.range.clone()),
                ));
            }
        }
    };
    let localized = |o: Origin, t: &Spanned<crate::model::Localized>| {
        let span = o.spanned(t);
        move |_: std::ops::Range<usize>| span.clone()
    };
    if let Some(d) = &c.decision {
        for p in d.texts.values() {
            let (file, offset) = (p.file, p.body.offset());
            scan(p.body.as_str(), "the published decision", &move |r| Span {
                file,
                range: r.start + offset..r.end + offset,
            });
        }
        for r in &d.meta.responses {
            for text in r.text.get_ref().values() {
                scan(text, "a published response", &localized(d.origin, &r.text));
            }
        }
    }
    for r in &c.replies {
        for text in r.text.get_ref().values() {
            scan(text, "a published reply", &localized(r.origin, &r.text));
        }
    }
}

/// Every input named (by a response or a reply) is one of the consultation's.
fn known_inputs(
    c: &Consultation,
    named: &[Spanned<String>],
    ids: &[&str],
    o: Origin,
    diags: &mut Diagnostics,
) {
    for i in named {
        if c.input(i.get_ref()).is_none() {
            diags.push(unknown_ref(
                Code::UnknownInput,
                "input",
                i.get_ref(),
                ids,
                o.spanned(i),
                "inputs are the files inputs/<id>.md of this consultation",
            ));
        }
    }
}

/// Every theme named (by an input or a response) is one the consultation defines.
fn known_themes(named: &[Spanned<String>], themes: &[&str], o: Origin, diags: &mut Diagnostics) {
    for t in named {
        if !themes.contains(&t.get_ref().as_str()) {
            diags.push(unknown_ref(
                Code::UnknownTheme,
                "theme",
                t.get_ref(),
                themes,
                o.spanned(t),
                "themes are defined as [themes.<key>] in consultation.toml",
            ));
        }
    }
}

fn check_decision(cx: &Cx, c: &Consultation, diags: &mut Diagnostics) {
    let Some(d) = &c.decision else { return };
    let o = d.origin;
    let m = &d.meta;
    if *m.published.get_ref() < c.meta.closes.get_ref().date {
        diags.push(
            Diagnostic::error(
                Code::DateOrder,
                format!(
                    "the decision is published ({}) before the consultation closes ({})",
                    m.published.get_ref(),
                    c.meta.closes.get_ref().date
                ),
            )
            .at(o.spanned(&m.published))
            .label("before `closes`")
            .help("`published` must be on or after the consultation's `closes` date"),
        );
    }
    let themes: Vec<&str> = c.meta.themes.keys().map(String::as_str).collect();
    let ids: Vec<&str> = c.inputs.iter().map(|i| i.id.as_str()).collect();
    for r in &m.responses {
        known_themes(&r.themes, &themes, o, diags);
        known_inputs(c, &r.inputs, &ids, o, diags);
        labels(cx, o, &r.text, "the response text", diags);
        if let Some(changes) = &r.changes {
            if crate::model::is_web_address(changes.get_ref()) {
                web_address(changes, o, "the changes link", diags);
            } else {
                local_file(cx, c, changes, o, "changes file", diags);
            }
        }
    }
    documents(cx, c, &m.documents, o, diags);
    for ms in &m.implementation {
        labels(cx, o, &ms.label, "the milestone label", diags);
        if let Some(note) = &ms.note {
            labels(cx, o, note, "the milestone note", diags);
        }
        let needs_done = matches!(
            ms.status.get_ref(),
            MilestoneStatus::Met | MilestoneStatus::PartlyMet
        );
        if needs_done && ms.done.is_none() {
            diags.push(
                Diagnostic::error(
                    Code::MissingDone,
                    format!(
                        "a milestone marked {} has no `done` date",
                        ms.status.get_ref()
                    ),
                )
                .at(o.spanned(&ms.status))
                .help("add `done = YYYY-MM-DD`, the day it was met"),
            );
        }
    }
    language_files(
        cx,
        &d.texts,
        &format!("{}/decision.{{lang}}.md", c.dir),
        diags,
    );

    // Every published input must be answered, by theme or by id: each one
    // that is not is reported at its own file (its `themes` line, or the
    // line that publishes it), with the decision's responses beside it.
    let answered = crate::derive::answer_map(c);
    let text = &cx.sources.files[o.file].text;
    let responses = key_span(text, &[Seg::Key("responses".into())])
        .map(|r| o.span(r))
        .unwrap_or_else(|| o.span(0..0));
    let responses_label = if m.responses.is_empty() {
        "this decision has no [[responses]]"
    } else {
        "no response of this decision answers it"
    };
    for (i, input) in c.inputs.iter().enumerate() {
        if !input.is_published() || !answered.by_input[i].is_empty() {
            continue;
        }
        let themes: Vec<&str> = input
            .meta
            .themes
            .iter()
            .map(|t| t.get_ref().as_str())
            .collect();
        let file = &cx.sources.files[input.file].text;
        let themes_line = crate::load::front_matter::split(file)
            .ok()
            .and_then(|s| key_span(&file[s.front], &[Seg::Key("themes".into())]))
            .map(|r| input.origin.span(r));
        let (span, label) = match themes_line {
            Some(span) => (span, "no response answers these themes"),
            None => (
                input.origin.spanned(&input.meta.moderation),
                "published, and names no theme",
            ),
        };
        let raised = if themes.is_empty() {
            "it names no theme".to_string()
        } else {
            format!("its themes: {}", themes.join(", "))
        };
        diags.push(
            Diagnostic::error(Code::UnansweredInput, format!("the published input {} is not answered by any response of the decision ({raised})", input.id))
                .at(span)
                .label(label)
                .also(responses.clone(), responses_label)
                .help(format!("in {}, add a [[responses]] entry whose `themes` include one of its themes, or add \"{}\" to a response's `inputs`: every published input must be answered", cx.path(o.file), input.id)),
        );
    }
}

/// `c` has the public id of `first`, another consultation: the one rule
/// that spans consultations (`serve` applies it to a consultation it
/// reloads alone).
pub fn duplicate_consultation_id(c: &Consultation, first: &Consultation) -> Diagnostic {
    let id = c.meta.id.get_ref();
    Diagnostic::error(
        Code::DuplicateId,
        format!("the consultation id \"{id}\" is also used by {}", first.dir),
    )
    .at(c.origin.spanned(&c.meta.id))
    .label("already used")
    .help("each consultation needs its own public id")
}

fn check_unique_ids(site: &Site, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Consultation> = HashMap::new();
    for c in &site.consultations {
        let id = c.meta.id.get_ref().as_str();
        if let Some(first) = seen.get(id) {
            diags.push(duplicate_consultation_id(c, first));
        } else {
            seen.insert(id, c);
        }
    }
}

fn check_pages(cx: &Cx, site: &Site, diags: &mut Diagnostics) {
    for p in &site.pages {
        if !is_slug(&p.slug) {
            let file = p
                .texts
                .values()
                .next()
                .map(|t| cx.path(t.file).to_string())
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(Code::InvalidSlug, format!("the page name \"{}\" is not a valid slug", p.slug))
                    .in_file(file)
                    .help("rename the file to <slug>.<lang>.md with a slug of lower-case ASCII letters, digits and hyphens"),
            );
        }
        language_files(
            cx,
            &p.texts,
            &format!("content/pages/{}.{{lang}}.md", p.slug),
            diags,
        );
    }
    // The policy says how inputs are moderated: a site without inputs has
    // nothing to moderate yet.
    let has_inputs = site.consultations.iter().any(|c| !c.inputs.is_empty());
    let policy = &cx.config.site.moderation_policy;
    if has_inputs && !site.pages.iter().any(|p| &p.slug == policy.get_ref()) {
        let o = cx.config.origin;
        let d = Diagnostic::warning(Code::NoModerationPolicy, format!("there is no moderation policy page \"{}\"", policy.get_ref()))
            .help(format!("write content/pages/{}.<lang>.md stating the rules by which inputs are published or withheld (the e-participation guidelines ask for transparent moderation rules)", policy.get_ref()));
        diags.push(if policy.span() == (0..0) {
            d.in_file(cx.path(o.file).to_string())
        } else {
            d.at(o.spanned(policy))
        });
    }
}
