//! Atom feeds (RFC 4287): one per language for the whole site
//! (`/<lang>/feed.xml`) and one per consultation and language
//! (`/<lang>/consultations/<slug>/feed.xml`).
//!
//! Entries are the consultation's events that have happened by the build
//! date: opening, closing, the agency's own timeline events, withdrawal,
//! a decision that missed its committed date, the decision, and each
//! implementation milestone met, partly met, missed or late. Every date
//! comes from the sources (as midnight in Oman, UTC+4), never from the
//! clock, and every id is a `tag:` URI built from the site's host and the
//! consultation's public reference, so rebuilding the site does not make
//! subscribers see old entries as new. Future dates are left to the
//! calendars; this module does not announce what has not happened.

use fluent_bundle::FluentValue;
use rayon::prelude::*;

use crate::derive::{ConsultationFacts, Facts, TimelineKind};
use crate::model::{Consultation, Date, Localized, MilestoneStatus, Site};
use crate::output::Sink;
use crate::render::i18n::Translations;
use crate::routes;

/// Entries in a language's site-wide feed, newest first; each
/// consultation's own feed has all of its entries.
pub const SITE_FEED_LIMIT: usize = 200;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub date: Date,
    /// What happened: `opening`, `closing`, `event`, `withdrawn`,
    /// `decision-overdue`, `decision` or `milestone`.
    pub kind: &'static str,
    pub title: String,
    pub link: String,
    /// HTML.
    pub summary: String,
}

/// Writes every feed; returns how many files were written.
pub fn write(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    sink: &dyn Sink,
) -> std::io::Result<usize> {
    let mut n = 0;
    for lang in site.config.languages() {
        // One task per consultation: its entries, and its own feed written.
        let per_consultation: Vec<Vec<Entry>> = site
            .consultations
            .par_iter()
            .zip(facts.consultations.par_iter())
            .map(|(c, f)| {
                let list = entries(site, facts, tr, &lang, c, f);
                let xml = consultation_feed(site, facts, tr, &lang, c, f, &list);
                sink.write(&routes::consultation_feed(&lang, &c.slug), xml.as_bytes())?;
                Ok(list)
            })
            .collect::<std::io::Result<_>>()?;
        n += per_consultation.len();
        let all: Vec<Entry> = per_consultation.into_iter().flatten().collect();
        sink.write(
            &routes::site_feed(&lang),
            site_feed(site, facts, tr, &lang, all).as_bytes(),
        )?;
        n += 1;
    }
    Ok(n)
}

/// The last date on which something about the consultation happened by
/// `today` (a timeline event or a change to its record); its opening date
/// when nothing has happened yet. Feeds, calendars and the sitemap use it
/// as the record's "last modified" date.
pub fn revised(c: &Consultation, f: &ConsultationFacts, today: Date) -> Date {
    f.timeline
        .iter()
        .map(|e| e.date)
        .chain(c.meta.changes.iter().map(|ch| *ch.date.get_ref()))
        .filter(|d| *d <= today)
        .max()
        .unwrap_or(c.meta.opens.get_ref().date)
}

/// A `tag:` URI (RFC 4151) under the site's host.
fn tag(site: &Site, year: i32, specific: &str) -> String {
    format!(
        "tag:{},{year}:{}",
        routes::host(site),
        routes::encode_path(specific)
    )
}

/// An Atom date: midnight in Oman.
/// The start of day `d` in the site's time zone (`[site] timezone`,
/// Asia/Muscat by default), as RFC 3339.
pub fn timestamp(d: Date, tz: chrono_tz::Tz) -> String {
    use chrono::{Offset, TimeZone};
    let offset = tz
        .from_local_datetime(&d.0.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|t| t.offset().fix())
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(4 * 3600).expect("an offset"));
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!(
        "{}T00:00:00{sign}{:02}:{:02}",
        d.iso(),
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// The text of `label` in `lang`, else in the default language.
fn text(site: &Site, label: &Localized, lang: &str) -> String {
    label
        .get(lang)
        .or_else(|| site.config.languages().iter().find_map(|l| label.get(l)))
        .cloned()
        .unwrap_or_default()
}

fn title_of(site: &Site, c: &Consultation, lang: &str) -> String {
    c.texts
        .get(lang)
        .or_else(|| site.config.languages().iter().find_map(|l| c.texts.get(l)))
        .map(|p| p.front.title.clone())
        .unwrap_or_else(|| c.meta.id.get_ref().clone())
}

/// The entries of one consultation in `lang`, oldest first.
pub fn entries(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    lang: &str,
    c: &Consultation,
    f: &ConsultationFacts,
) -> Vec<Entry> {
    let today = facts.build_date;
    let m = &c.meta;
    let s = &site.config.site;
    let date_text = |d: Date| crate::render::dates::format(d, lang, &s.calendars, s.digits).text;
    let title = title_of(site, c, lang);
    let page = routes::absolute(site, &routes::consultation(lang, &c.slug));
    let year = m.opens.get_ref().date.year();
    let id = |what: &str| tag(site, year, &format!("{}/{lang}/{what}", m.id.get_ref()));
    let t = |key: &str, args: &[(&str, String)]| {
        let args: Vec<(&str, FluentValue)> = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(v.clone())))
            .collect();
        tr.get(lang, key, &args)
    };
    let p = |text: String| format!("<p>{}</p>", escape(&text));
    let mut out = Vec::new();
    let mut push = |id: String,
                    date: Date,
                    kind: &'static str,
                    title: String,
                    link: String,
                    summary: String| {
        out.push(Entry {
            id,
            date,
            kind,
            title,
            link,
            summary,
        });
    };
    // Same-date events of one kind are told apart by their order.
    let mut events_on: std::collections::BTreeMap<Date, usize> = Default::default();
    let mut milestones_on: std::collections::BTreeMap<Date, usize> = Default::default();
    for e in &f.timeline {
        if e.date > today {
            continue;
        }
        match &e.kind {
            TimelineKind::Opening => {
                let summary = c
                    .texts
                    .get(lang)
                    .or_else(|| site.config.languages().iter().find_map(|l| c.texts.get(l)))
                    .map(|p| {
                        format!(
                            "<p>{}</p>",
                            crate::render::markdown::agency_inline(
                                &p.front.summary,
                                site.config.base_path()
                            )
                        )
                    })
                    .unwrap_or_default();
                let summary = summary
                    + &p(t(
                        "feed-opening-text",
                        &[("date", date_text(m.closes.get_ref().date))],
                    ));
                push(
                    id("opening"),
                    e.date,
                    "opening",
                    t("feed-opening", &[("title", title.clone())]),
                    page.clone(),
                    summary,
                );
            }
            TimelineKind::Closing => {
                let summary = match (&m.withdrawn, &m.decision_due) {
                    (Some(_), _) => String::new(),
                    (None, Some(due)) => p(t(
                        "feed-closing-text",
                        &[("date", date_text(*due.get_ref()))],
                    )),
                    (None, None) => p(t("feed-closing-text-no-date", &[])),
                };
                push(
                    id("closing"),
                    e.date,
                    "closing",
                    t("feed-closing", &[("title", title.clone())]),
                    page.clone(),
                    summary,
                );
            }
            TimelineKind::Event { index } => {
                let ev = &m.timeline[*index];
                let k = events_on.entry(e.date).or_default();
                *k += 1;
                let label = text(site, ev.label.get_ref(), lang);
                let link = ev
                    .link
                    .as_ref()
                    .map(|l| routes::timeline_link(site, &c.slug, l.get_ref()))
                    .unwrap_or_else(|| page.clone());
                push(
                    id(&format!("event/{}/{k}", e.date.iso())),
                    e.date,
                    "event",
                    t(
                        "feed-event",
                        &[("title", title.clone()), ("label", label.clone())],
                    ),
                    link,
                    p(label),
                );
            }
            TimelineKind::Reply { index } => {
                let Some(r) = c.replies.get(*index) else {
                    continue;
                };
                let text = text(site, r.text.get_ref(), lang);
                push(
                    id(&format!("reply/{}", index + 1)),
                    e.date,
                    "reply",
                    t("feed-reply", &[("title", title.clone())]),
                    format!("{page}#reply-{}", index + 1),
                    p(text),
                );
            }
            TimelineKind::SocialPost { index } => {
                let Some(post) = m.social_posts.get(*index) else {
                    continue;
                };
                let platform = tr.get(
                    lang,
                    &format!("platform-{}", post.platform.get_ref().as_str()),
                    &[],
                );
                push(
                    id(&format!("social-post/{}", index + 1)),
                    e.date,
                    "social-post",
                    t(
                        "feed-social-post",
                        &[("title", title.clone()), ("platform", platform)],
                    ),
                    post.url.get_ref().clone(),
                    post.label
                        .as_ref()
                        .map(|l| p(text(site, l.get_ref(), lang)))
                        .unwrap_or_default(),
                );
            }
            TimelineKind::Withdrawn => {
                let reason = m
                    .withdrawn
                    .as_ref()
                    .map(|w| p(text(site, w.reason.get_ref(), lang)))
                    .unwrap_or_default();
                push(
                    id("withdrawn"),
                    e.date,
                    "withdrawn",
                    t("feed-withdrawn", &[("title", title.clone())]),
                    page.clone(),
                    reason,
                );
            }
            TimelineKind::DecisionDue => {
                // News only when the committed date passed without a decision.
                let due = e.date;
                let late = c
                    .decision
                    .as_ref()
                    .map(|d| *d.meta.published.get_ref() > due)
                    .unwrap_or(true);
                if late && due.succ() <= today {
                    let summary = p(t("feed-overdue-text", &[("date", date_text(due))]));
                    push(
                        id("decision-overdue"),
                        due.succ(),
                        "decision-overdue",
                        t("feed-overdue", &[("title", title.clone())]),
                        page.clone(),
                        summary,
                    );
                }
            }
            TimelineKind::Decision => {
                let Some(d) = &c.decision else { continue };
                let outcome = tr.get(lang, &format!("outcome-{}", d.meta.outcome.as_str()), &[]);
                let mut summary = p(t("feed-decision-text", &[("outcome", outcome)]));
                if let Some(text) = d
                    .texts
                    .get(lang)
                    .or_else(|| site.config.languages().iter().find_map(|l| d.texts.get(l)))
                {
                    summary.push_str(&p(text.front.title.clone()));
                }
                push(
                    id("decision"),
                    e.date,
                    "decision",
                    t("feed-decision", &[("title", title.clone())]),
                    format!("{page}#decision"),
                    summary,
                );
            }
            TimelineKind::Milestone { index, status } => {
                let Some(ms) = c
                    .decision
                    .as_ref()
                    .and_then(|d| d.meta.implementation.get(*index))
                else {
                    continue;
                };
                // A milestone still scheduled is news only once it is late.
                let key = if e.late {
                    "milestone-late"
                } else if *status == MilestoneStatus::Scheduled {
                    continue;
                } else {
                    match status {
                        MilestoneStatus::Met => "milestone-met",
                        MilestoneStatus::PartlyMet => "milestone-partly-met",
                        _ => "milestone-not-met",
                    }
                };
                let k = milestones_on.entry(*ms.due.get_ref()).or_default();
                *k += 1;
                let label = text(site, ms.label.get_ref(), lang);
                let status_text = tr.get(lang, key, &[]);
                let mut summary = p(format!("{label}: {status_text}"));
                if let Some(note) = &ms.note {
                    summary.push_str(&p(text(site, note.get_ref(), lang)));
                }
                let what = format!(
                    "milestone/{}/{k}/{}",
                    ms.due.get_ref().iso(),
                    key.trim_start_matches("milestone-")
                );
                push(
                    id(&what),
                    e.date,
                    "milestone",
                    t(
                        "feed-milestone",
                        &[
                            ("title", title.clone()),
                            ("label", label),
                            ("status", status_text),
                        ],
                    ),
                    format!("{page}#implementation"),
                    summary,
                );
            }
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The feed of one consultation.
#[allow(clippy::too_many_arguments)]
pub fn consultation_feed(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    lang: &str,
    c: &Consultation,
    f: &ConsultationFacts,
    entries: &[Entry],
) -> String {
    let updated = entries
        .iter()
        .map(|e| e.date)
        .max()
        .unwrap_or_else(|| revised(c, f, facts.build_date));
    let head = Head {
        id: tag(
            site,
            c.meta.opens.get_ref().date.year(),
            &format!("{}/{lang}/feed", c.meta.id.get_ref()),
        ),
        title: title_of(site, c, lang),
        subtitle: tr.get(lang, "feed-consultation-subtitle", &[]),
        updated,
        self_path: routes::consultation_feed(lang, &c.slug),
        page_path: routes::consultation(lang, &c.slug),
        other_feeds: site
            .config
            .languages()
            .into_iter()
            .filter(|l| l != lang)
            .map(|l| (routes::consultation_feed(&l, &c.slug), l))
            .collect(),
    };
    let mut sorted = entries.to_vec();
    sorted.reverse();
    atom(site, tr, lang, &head, &sorted)
}

/// The feed of the whole site in `lang`: the newest [`SITE_FEED_LIMIT`]
/// entries of all consultations.
pub fn site_feed(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    lang: &str,
    mut entries: Vec<Entry>,
) -> String {
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    entries.truncate(SITE_FEED_LIMIT);
    let c = &site.config;
    let first_year = site
        .consultations
        .iter()
        .map(|x| x.meta.opens.get_ref().date.year())
        .min()
        .unwrap_or(facts.build_date.year());
    let agency = text(site, c.agency.name.get_ref(), lang);
    let head = Head {
        id: tag(
            site,
            first_year,
            &format!("{}/{lang}/feed", c.agency.id.get_ref()),
        ),
        title: text(site, c.site.title.get_ref(), lang),
        subtitle: tr.get(
            lang,
            "feed-subtitle",
            &[
                ("agency", FluentValue::from(agency)),
                ("gender", FluentValue::from(c.gender(lang))),
            ],
        ),
        updated: entries
            .iter()
            .map(|e| e.date)
            .max()
            .unwrap_or(facts.build_date),
        self_path: routes::site_feed(lang),
        page_path: routes::home(lang),
        other_feeds: c
            .languages()
            .into_iter()
            .filter(|l| l != lang)
            .map(|l| (routes::site_feed(&l), l))
            .collect(),
    };
    atom(site, tr, lang, &head, &entries)
}

struct Head {
    id: String,
    title: String,
    subtitle: String,
    updated: Date,
    self_path: String,
    page_path: String,
    /// The same feed in the other languages: (path, language).
    other_feeds: Vec<(String, String)>,
}

fn atom(site: &Site, tr: &Translations, lang: &str, head: &Head, entries: &[Entry]) -> String {
    let c = &site.config;
    let mut x = String::with_capacity(1024 + entries.len() * 800);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(lang)
    ));
    x.push_str(&format!("  <id>{}</id>\n", escape(&head.id)));
    x.push_str(&format!(
        "  <title type=\"text\">{}</title>\n",
        escape(&head.title)
    ));
    x.push_str(&format!(
        "  <subtitle type=\"text\">{}</subtitle>\n",
        escape(&head.subtitle)
    ));
    x.push_str(&format!(
        "  <updated>{}</updated>\n",
        timestamp(head.updated, site.config.timezone())
    ));
    x.push_str(&format!(
        "  <author>\n    <name>{}</name>\n    <email>{}</email>\n    <uri>{}</uri>\n  </author>\n",
        escape(&text(site, c.agency.name.get_ref(), lang)),
        escape(c.agency.contact.get_ref()),
        escape(&routes::absolute(site, &routes::home(lang)))
    ));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&routes::absolute(site, &head.self_path))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>\n",
        escape(lang),
        escape(&routes::absolute(site, &head.page_path))
    ));
    for (path, l) in &head.other_feeds {
        x.push_str(&format!("  <link rel=\"alternate\" type=\"application/atom+xml\" hreflang=\"{}\" href=\"{}\"/>\n", escape(l), escape(&routes::absolute(site, path))));
    }
    x.push_str(&format!(
        "  <generator version=\"{}\">Sablah</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    x.push_str(&format!(
        "  <rights type=\"text\">{}</rights>\n",
        escape(&format!(
            "{} {}",
            tr.get(lang, "legal-ip-short", &[]),
            tr.get(lang, "legal-copyright-short", &[])
        ))
    ));
    for e in entries {
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <id>{}</id>\n", escape(&e.id)));
        x.push_str(&format!(
            "    <title type=\"text\">{}</title>\n",
            escape(&e.title)
        ));
        x.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(e.date, site.config.timezone())
        ));
        x.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(e.date, site.config.timezone())
        ));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&e.link)
        ));
        x.push_str(&format!("    <category term=\"{}\"/>\n", e.kind));
        if !e.summary.is_empty() {
            x.push_str(&format!(
                "    <summary type=\"html\">{}</summary>\n",
                escape(&e.summary)
            ));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// Escapes text for XML content and attribute values, and drops the
/// characters XML 1.0 does not allow at all.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{fixture, MemorySink};

    fn feeds() -> MemorySink {
        let (site, facts) = fixture::site();
        let sink = MemorySink::default();
        let n = write(&site, &facts, &fixture::translations(), &sink).unwrap();
        assert_eq!(n, 2 * (site.consultations.len() + 1));
        sink
    }

    #[test]
    fn entries_are_past_events_with_stable_tag_ids() {
        let (site, facts) = fixture::site();
        let tr = fixture::translations();
        let list = entries(
            &site,
            &facts,
            &tr,
            "en",
            &site.consultations[0],
            &facts.consultations[0],
        );
        let kinds: Vec<&str> = list.iter().map(|e| e.kind).collect();
        // The review milestone (due 2026-10-31, still scheduled) is late.
        assert_eq!(
            kinds,
            [
                "opening",
                "event",
                "closing",
                "decision",
                "milestone",
                "milestone"
            ]
        );
        assert!(
            list.iter()
                .all(|e| e.id.starts_with("tag:x.example.om,2026:X-2026-1/en/")),
            "{list:?}"
        );
        assert!(list.iter().all(|e| e.date <= facts.build_date));
        assert_eq!(list[0].title, "Consultation opened: Water tariffs & <fees>");
        let again = entries(
            &site,
            &facts,
            &tr,
            "en",
            &site.consultations[0],
            &facts.consultations[0],
        );
        assert_eq!(list, again);
        // The open consultation has opened, nothing more.
        let open = entries(
            &site,
            &facts,
            &tr,
            "ar",
            &site.consultations[1],
            &facts.consultations[1],
        );
        assert_eq!(open.iter().map(|e| e.kind).collect::<Vec<_>>(), ["opening"]);
    }

    #[test]
    fn feeds_are_well_formed_escaped_and_free_of_withheld_text() {
        let sink = feeds();
        let files = sink.files.lock().unwrap();
        let en = String::from_utf8(files["en/consultations/c/feed.xml"].clone()).unwrap();
        assert!(en.contains("Water tariffs &amp; &lt;fees&gt;"), "{en}");
        assert!(
            en.contains("<updated>2026-10-31T00:00:00+04:00</updated>"),
            "{en}"
        );
        for (path, bytes) in files.iter() {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains(fixture::SECRET) && !text.contains(fixture::HIDDEN_NAME),
                "{path}"
            );
        }
        assert!(files.contains_key("ar/feed.xml") && files.contains_key("en/feed.xml"));
    }

    #[test]
    fn an_overdue_decision_is_news_the_day_after_it_was_due() {
        let (site, _) = fixture::site();
        let tr = fixture::translations();
        // Consultation d is due 2027-02-28 and has no decision.
        let day = |s: &str| Date::parse(s).unwrap();
        let f = crate::derive::consultation_facts(&site.consultations[1], day("2027-02-28"));
        let facts = Facts {
            build_date: day("2027-02-28"),
            consultations: vec![],
        };
        let list = entries(&site, &facts, &tr, "en", &site.consultations[1], &f);
        assert!(!list.iter().any(|e| e.kind == "decision-overdue"));
        let f = crate::derive::consultation_facts(&site.consultations[1], day("2027-03-01"));
        let facts = Facts {
            build_date: day("2027-03-01"),
            consultations: vec![],
        };
        let list = entries(&site, &facts, &tr, "en", &site.consultations[1], &f);
        let overdue: Vec<_> = list
            .iter()
            .filter(|e| e.kind == "decision-overdue")
            .collect();
        assert_eq!(overdue.len(), 1);
        assert_eq!(overdue[0].date, day("2027-03-01"));
    }

    #[test]
    fn escape_drops_characters_xml_forbids() {
        assert_eq!(escape("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
