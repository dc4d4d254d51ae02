//! The open data: `data/consultations.json` (every consultation, its facts,
//! statistics, responses and milestones, valid against the JSON Schema
//! published beside it), `data/inputs.csv` (every published input), the
//! data dictionary of the CSV, and a readme per language with the reuse
//! terms.
//!
//! The JSON is a public API that the central index reads: its shape is
//! written out here field by field, not serialised from the model, so that
//! a change inside the generator cannot change it by accident. Additions
//! raise the minor `schema_version`; anything else raises the major one.
//!
//! What is never written, whatever the sources say: the text, name or
//! translation of a withheld input; a name whose author did not agree to
//! publish it; any input of a consultation whose inputs are not yet
//! visible (`publish_inputs = "after-close"` while it is open).

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;
use serde::Serialize;

use crate::derive::{ConsultationFacts, Facts, TimelineKind};
use crate::model::{Consultation, Input, Localized, Site};
use crate::output::Sink;
use crate::render::i18n::Translations;
use crate::routes;

/// The version of the shape of `consultations.json`.
pub const SCHEMA_VERSION: &str = "1.1";

/// The JSON Schema, kept in the repository and published as it is.
pub const SCHEMA: &str = include_str!("../../schemas/consultations.schema.json");

/// A UTF-8 byte order mark: without it, Excel reads a CSV file in the
/// computer's legacy code page and shows Arabic as mojibake.
pub const BOM: &str = "\u{feff}";

/// The columns of `inputs.csv`, in order.
pub const INPUT_COLUMNS: &[(&str, &str)] = &[
    ("consultation_id", "text"),
    ("consultation_slug", "text"),
    ("input_id", "text"),
    ("received", "date"),
    ("channel", "keyword"),
    ("language", "language"),
    ("author", "keyword"),
    ("organisation", "text"),
    ("name", "text"),
    ("themes", "list"),
    ("questions", "list"),
    ("responses", "list"),
    ("response_results", "list"),
    ("url", "url"),
    ("text", "text"),
];

/// Columns added by content format 1.1, written after [`INPUT_COLUMNS`]
/// only when some input of the site uses them, so that a 1.0 site's file
/// is unchanged.
pub const INPUT_COLUMNS_1_1: &[(&str, &str)] = &[
    ("title", "text"),
    ("posted", "date"),
    ("platform", "keyword"),
    ("source_url", "url"),
    ("in_reply_to", "text"),
    ("attachments", "list"),
    ("translated_by", "list"),
];

/// The columns of `inputs.csv` for `site`.
pub fn input_columns(site: &Site) -> Vec<(&'static str, &'static str)> {
    let uses_1_1 = site.consultations.iter().flat_map(|c| &c.inputs).any(|i| {
        let m = &i.meta;
        m.title.is_some()
            || m.posted.is_some()
            || m.platform.is_some()
            || m.source_url.is_some()
            || m.in_reply_to.is_some()
            || !m.attachments.is_empty()
            || !m.translated_by.is_empty()
    });
    let mut columns = INPUT_COLUMNS.to_vec();
    if uses_1_1 {
        columns.extend_from_slice(INPUT_COLUMNS_1_1);
    }
    columns
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct DataSummary {
    pub consultations: usize,
    pub input_rows: usize,
}

/// Writes every open-data file into `sink`.
pub fn write(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    sink: &dyn Sink,
) -> std::io::Result<DataSummary> {
    sink.write_stream(routes::CONSULTATIONS_JSON, &mut |w| {
        write_consultations_json(site, facts, w)
    })?;
    sink.write(routes::CONSULTATIONS_SCHEMA, SCHEMA.as_bytes())?;
    let mut rows = 0;
    sink.write_stream(routes::INPUTS_CSV, &mut |w| {
        rows = write_inputs_csv(site, facts, w)?;
        Ok(())
    })?;
    sink.write(routes::INPUTS_DICTIONARY, &dictionary_csv(site, tr)?)?;
    for lang in site.config.languages() {
        sink.write(
            &routes::data_readme(&lang),
            readme(site, tr, &lang).as_bytes(),
        )?;
    }
    Ok(DataSummary {
        consultations: site.consultations.len(),
        input_rows: rows,
    })
}

// ---------------------------------------------------------------------------
// consultations.json

#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: String,
    schema_version: &'static str,
    generator: String,
    build_date: String,
    site: SiteRecord<'a>,
    agency: AgencyRecord<'a>,
    consultations: Records<'a>,
}

/// The consultations' records, made one at a time as they are written, so
/// that the file never stands whole in memory.
struct Records<'a> {
    site: &'a Site,
    facts: &'a Facts,
}

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.site.consultations.len()))?;
        for (c, f) in self
            .site
            .consultations
            .iter()
            .zip(&self.facts.consultations)
        {
            seq.serialize_element(&consultation_record(self.site, self.facts, c, f))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct SiteRecord<'a> {
    base_url: &'a str,
    languages: Vec<String>,
    default_language: &'a str,
    title: &'a Localized,
    home: BTreeMap<String, String>,
    feeds: BTreeMap<String, String>,
    calendars: BTreeMap<String, String>,
    /// 1.1: the IANA time zone of closing times, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    timezone: Option<&'a str>,
    /// 1.1: the agency's official social-media accounts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    social: Vec<SocialAccountRecord<'a>>,
    /// How long published inputs waited for a first answer, over the site.
    #[serde(skip_serializing_if = "Option::is_none")]
    answer_days: Option<crate::derive::AnswerTimes>,
    data: DataLinks,
}

#[derive(Serialize)]
struct SocialAccountRecord<'a> {
    platform: &'static str,
    url: &'a str,
    handle: &'a str,
}

#[derive(Serialize)]
struct DataLinks {
    consultations: String,
    schema: String,
    inputs: String,
    inputs_dictionary: String,
    manifest: String,
    checksums: String,
}

#[derive(Serialize)]
struct AgencyRecord<'a> {
    id: &'a str,
    name: &'a Localized,
    contact: &'a str,
    redress: &'a Localized,
}

#[derive(Serialize)]
struct Keyed<'a> {
    key: &'a str,
    label: &'a Localized,
}

#[derive(Serialize)]
struct ConsultationRecord<'a> {
    id: &'a str,
    slug: &'a str,
    status: &'static str,
    status_as_of: String,
    stage: &'static str,
    title: Localized,
    summary: Localized,
    unit: Keyed<'a>,
    topics: Vec<Keyed<'a>>,
    opens: String,
    closes: String,
    /// 1.1: the instant, when a time of day was given (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closes_at: Option<String>,
    /// Absent when the agency committed to no date (1.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    decision_due: Option<String>,
    /// 1.1: every accountable unit, the lead first (`unit` is the lead).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    units: Vec<Keyed<'a>>,
    days_left: Option<i64>,
    days_overdue: Option<i64>,
    channels: Vec<&'static str>,
    publish_inputs: &'static str,
    inputs_visible: bool,
    withdrawn: Option<WithdrawnRecord<'a>>,
    questions: Vec<QuestionRecord<'a>>,
    themes: Vec<Keyed<'a>>,
    documents: Vec<DocumentRecord<'a>>,
    timeline: Vec<TimelineRecord<'a>>,
    changes: Vec<ChangeRecord<'a>>,
    /// 1.1: how to take part, per channel (the consultation's or the
    /// agency's default address).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    participation: Vec<ParticipationRecord<'a>>,
    /// 1.1: the agency's summary of what it heard, Markdown per language.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    summary_of_responses: BTreeMap<String, &'a str>,
    /// 1.1: replies during the consultation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    replies: Vec<ReplyRecord<'a>>,
    /// 1.1: the agency's posts on social media.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    social_posts: Vec<SocialPostRecord<'a>>,
    statistics: StatisticsRecord,
    decision: Option<DecisionRecord<'a>>,
    urls: BTreeMap<String, PageUrls>,
}

#[derive(Serialize)]
struct ParticipationRecord<'a> {
    channel: &'static str,
    address: &'a crate::model::Address,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a Localized>,
}

#[derive(Serialize)]
struct ReplyRecord<'a> {
    date: String,
    inputs: Vec<&'a str>,
    text: &'a Localized,
}

#[derive(Serialize)]
struct SocialPostRecord<'a> {
    platform: &'static str,
    url: &'a str,
    date: String,
}

#[derive(Serialize)]
struct WithdrawnRecord<'a> {
    date: String,
    reason: &'a Localized,
}

#[derive(Serialize)]
struct QuestionRecord<'a> {
    id: &'a str,
    text: &'a Localized,
}

#[derive(Serialize)]
struct DocumentRecord<'a> {
    title: &'a Localized,
    url: String,
    /// 1.1 metadata, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessible: Option<&'a str>,
}

fn document_record<'a>(
    site: &Site,
    slug: &str,
    d: &'a crate::model::Document,
) -> DocumentRecord<'a> {
    DocumentRecord {
        title: d.title.get_ref(),
        url: routes::document_link(site, slug, d.path.get_ref()),
        phase: d.phase.map(|p| p.as_str()),
        reference: d.reference.as_deref(),
        format: d.format.as_deref(),
        pages: d.pages,
        accessible: d.accessible.as_ref().map(|a| a.get_ref().as_str()),
    }
}

#[derive(Serialize)]
struct TimelineRecord<'a> {
    date: String,
    kind: &'static str,
    label: Option<&'a Localized>,
    status: Option<&'static str>,
    future: bool,
    late: bool,
    link: Option<String>,
}

#[derive(Serialize)]
struct ChangeRecord<'a> {
    date: String,
    note: &'a Localized,
}

#[derive(Serialize)]
struct StatisticsRecord {
    received: usize,
    /// 1.1: `received` includes totals declared in `[received]`, so it
    /// counts more than the inputs published one by one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    declared: bool,
    published: usize,
    withheld: usize,
    /// 1.1: received, not yet reviewed.
    #[serde(skip_serializing_if = "is_zero")]
    pending: usize,
    withheld_by_reason: BTreeMap<&'static str, usize>,
    by_channel: BTreeMap<&'static str, usize>,
    by_language: BTreeMap<String, usize>,
    by_theme: BTreeMap<String, usize>,
    responses_by_result: BTreeMap<&'static str, usize>,
    answered: usize,
    answered_percent: Option<u32>,
    days_to_decision: Option<i64>,
    decision_on_time: Option<bool>,
    /// How long published inputs waited for a first answer, in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    answer_days: Option<crate::derive::AnswerTimes>,
}

#[derive(Serialize)]
struct DecisionRecord<'a> {
    published: String,
    outcome: &'static str,
    title: Localized,
    responses: Vec<ResponseRecord<'a>>,
    implementation: Vec<MilestoneRecord<'a>>,
    /// 1.1: the outcome's own documents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    documents: Vec<DocumentRecord<'a>>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct ResponseRecord<'a> {
    number: usize,
    result: &'static str,
    themes: Vec<&'a str>,
    inputs: Vec<&'a str>,
    text: &'a Localized,
    changes_url: Option<String>,
}

#[derive(Serialize)]
struct MilestoneRecord<'a> {
    label: &'a Localized,
    due: String,
    status: &'static str,
    done: Option<String>,
    note: Option<&'a Localized>,
    late: bool,
}

#[derive(Serialize)]
struct PageUrls {
    page: String,
    inputs: String,
    feed: String,
    calendar: String,
}

/// `data/consultations.json`, pretty-printed (journalists read it too).
pub fn consultations_json(site: &Site, facts: &Facts) -> Vec<u8> {
    let mut out = Vec::new();
    write_consultations_json(site, facts, &mut out).expect("writing to memory");
    out
}

/// [`consultations_json`], written to `w` a record at a time.
pub fn write_consultations_json(
    site: &Site,
    facts: &Facts,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let c = &site.config;
    let langs = c.languages();
    let per_lang = |f: &dyn Fn(&str) -> String| -> BTreeMap<String, String> {
        langs
            .iter()
            .map(|l| (l.clone(), routes::absolute(site, &f(l))))
            .collect()
    };
    let doc = Document {
        schema: routes::absolute(site, routes::CONSULTATIONS_SCHEMA),
        schema_version: SCHEMA_VERSION,
        generator: generator(),
        build_date: facts.build_date.iso(),
        site: SiteRecord {
            base_url: c.base_url(),
            languages: langs.clone(),
            default_language: c.default_language(),
            title: c.site.title.get_ref(),
            home: per_lang(&|l| routes::home(l)),
            feeds: per_lang(&|l| routes::site_feed(l)),
            calendars: per_lang(&|l| routes::site_calendar(l)),
            timezone: c.site.timezone.as_ref().map(|t| t.get_ref().as_str()),
            social: c
                .social
                .iter()
                .map(|a| SocialAccountRecord {
                    platform: a.platform.get_ref().as_str(),
                    url: a.url.get_ref(),
                    handle: a.handle.get_ref(),
                })
                .collect(),
            answer_days: facts.answer_times(),
            data: DataLinks {
                consultations: routes::absolute(site, routes::CONSULTATIONS_JSON),
                schema: routes::absolute(site, routes::CONSULTATIONS_SCHEMA),
                inputs: routes::absolute(site, routes::INPUTS_CSV),
                inputs_dictionary: routes::absolute(site, routes::INPUTS_DICTIONARY),
                manifest: routes::absolute(site, routes::MANIFEST),
                checksums: routes::absolute(site, routes::CHECKSUMS),
            },
        },
        agency: AgencyRecord {
            id: c.agency.id.get_ref(),
            name: c.agency.name.get_ref(),
            contact: c.agency.contact.get_ref(),
            redress: c.agency.redress.get_ref(),
        },
        consultations: Records { site, facts },
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// `sablah <version>`: which generator wrote the file.
pub fn generator() -> String {
    format!("sablah {}", env!("CARGO_PKG_VERSION"))
}

fn consultation_record<'a>(
    site: &'a Site,
    facts: &Facts,
    c: &'a Consultation,
    f: &ConsultationFacts,
) -> ConsultationRecord<'a> {
    let config = &site.config;
    let m = &c.meta;
    let unit_record = |key: &'a str| Keyed {
        key,
        label: config.unit(key).map(|u| u.name.get_ref()).unwrap_or(&EMPTY),
    };
    let tz = config.timezone();
    let instant = |at: &crate::model::Moment, end: bool| {
        at.time
            .map(|_| at.utc(tz, end).format("%Y-%m-%dT%H:%M:%SZ").to_string())
    };
    let themes_of = |keys: &'a [toml::Spanned<String>]| {
        keys.iter()
            .map(|t| t.get_ref().as_str())
            .collect::<Vec<_>>()
    };
    let decision = c.decision.as_ref().map(|d| DecisionRecord {
        published: d.meta.published.get_ref().iso(),
        outcome: d.meta.outcome.as_str(),
        title: d
            .texts
            .iter()
            .map(|(l, p)| (l.clone(), p.front.title.clone()))
            .collect(),
        responses: d
            .meta
            .responses
            .iter()
            .enumerate()
            .map(|(r, resp)| ResponseRecord {
                number: r + 1,
                result: resp.result.as_str(),
                themes: themes_of(&resp.themes),
                // Only published inputs are in the answer map.
                inputs: f.answers.by_response[r]
                    .iter()
                    .map(|&i| c.inputs[i].id.as_str())
                    .collect(),
                text: resp.text.get_ref(),
                changes_url: resp
                    .changes
                    .as_ref()
                    .map(|p| routes::document_link(site, &c.slug, p.get_ref())),
            })
            .collect(),
        documents: d
            .meta
            .documents
            .iter()
            .map(|doc| document_record(site, &c.slug, doc))
            .collect(),
        implementation: d
            .meta
            .implementation
            .iter()
            .map(|ms| MilestoneRecord {
                label: ms.label.get_ref(),
                due: ms.due.get_ref().iso(),
                status: ms.status.get_ref().as_str(),
                done: ms.done.as_ref().map(|d| d.get_ref().iso()),
                note: ms.note.as_ref().map(|n| n.get_ref()),
                late: ms.status.get_ref() == &crate::model::MilestoneStatus::Scheduled
                    && *ms.due.get_ref() < facts.build_date,
            })
            .collect(),
    });
    let s = &f.stats;
    ConsultationRecord {
        id: m.id.get_ref(),
        slug: &c.slug,
        status: f.status.as_str(),
        status_as_of: facts.build_date.iso(),
        stage: m.stage.as_str(),
        title: c
            .texts
            .iter()
            .map(|(l, p)| (l.clone(), p.front.title.clone()))
            .collect(),
        summary: c
            .texts
            .iter()
            .map(|(l, p)| (l.clone(), p.front.summary.clone()))
            .collect(),
        unit: unit_record(c.lead_unit()),
        units: if c.units().len() > 1 {
            c.units().iter().map(|u| unit_record(u)).collect()
        } else {
            Vec::new()
        },
        topics: m
            .topics
            .iter()
            .map(|t| Keyed {
                key: t.get_ref(),
                label: config
                    .topic(t.get_ref())
                    .map(|x| x.label.get_ref())
                    .unwrap_or(&EMPTY),
            })
            .collect(),
        opens: m.opens.get_ref().date.iso(),
        closes: m.closes.get_ref().date.iso(),
        opens_at: instant(m.opens.get_ref(), false),
        closes_at: instant(m.closes.get_ref(), true),
        decision_due: m.decision_due.as_ref().map(|d| d.get_ref().iso()),
        days_left: f.days_left,
        days_overdue: f.days_overdue,
        channels: c.channels().iter().map(|ch| ch.as_str()).collect(),
        publish_inputs: m.publish_inputs.as_str(),
        inputs_visible: f.inputs_visible,
        withdrawn: m.withdrawn.as_ref().map(|w| WithdrawnRecord {
            date: w.date.get_ref().iso(),
            reason: w.reason.get_ref(),
        }),
        questions: m
            .questions
            .iter()
            .map(|q| QuestionRecord {
                id: q.id.get_ref(),
                text: q.text.get_ref(),
            })
            .collect(),
        themes: m
            .themes
            .iter()
            .map(|(k, t)| Keyed {
                key: k,
                label: t.label.get_ref(),
            })
            .collect(),
        documents: m
            .documents
            .iter()
            .map(|d| document_record(site, &c.slug, d))
            .collect(),
        participation: c
            .channels()
            .into_iter()
            .filter_map(|ch| {
                let p = m
                    .participation
                    .iter()
                    .find(|p| *p.channel.get_ref() == ch)
                    .or_else(|| config.participation(ch))?;
                Some(ParticipationRecord {
                    channel: ch.as_str(),
                    address: p.address.get_ref(),
                    label: p.label.as_ref().map(|l| l.get_ref()),
                })
            })
            .collect(),
        summary_of_responses: c
            .summaries
            .iter()
            .map(|(l, t)| (l.clone(), t.body.as_str()))
            .collect(),
        replies: c
            .replies
            .iter()
            .map(|r| ReplyRecord {
                date: r.date.get_ref().iso(),
                inputs: r.inputs.iter().map(|i| i.get_ref().as_str()).collect(),
                text: r.text.get_ref(),
            })
            .collect(),
        social_posts: m
            .social_posts
            .iter()
            .map(|p| SocialPostRecord {
                platform: p.platform.get_ref().as_str(),
                url: p.url.get_ref(),
                date: p.date.get_ref().iso(),
            })
            .collect(),
        timeline: f
            .timeline
            .iter()
            .map(|e| {
                let (kind, label, status, link) = match &e.kind {
                    TimelineKind::Opening => ("opening", None, None, None),
                    TimelineKind::Closing => ("closing", None, None, None),
                    TimelineKind::DecisionDue => ("decision-due", None, None, None),
                    TimelineKind::Decision => ("decision", None, None, None),
                    TimelineKind::Withdrawn => ("withdrawn", None, None, None),
                    TimelineKind::Reply { index } => (
                        "reply",
                        c.replies.get(*index).map(|r| r.text.get_ref()),
                        None,
                        None,
                    ),
                    TimelineKind::SocialPost { index } => (
                        "social-post",
                        m.social_posts
                            .get(*index)
                            .and_then(|p| p.label.as_ref())
                            .map(|l| l.get_ref()),
                        None,
                        m.social_posts.get(*index).map(|p| p.url.get_ref().clone()),
                    ),
                    TimelineKind::Event { index } => {
                        let ev = &m.timeline[*index];
                        (
                            "event",
                            Some(ev.label.get_ref()),
                            None,
                            ev.link
                                .as_ref()
                                .map(|l| routes::timeline_link(site, &c.slug, l.get_ref())),
                        )
                    }
                    TimelineKind::Milestone { index, status } => {
                        let label = c
                            .decision
                            .as_ref()
                            .and_then(|d| d.meta.implementation.get(*index))
                            .map(|ms| ms.label.get_ref());
                        ("milestone", label, Some(status.as_str()), None)
                    }
                };
                TimelineRecord {
                    date: e.date.iso(),
                    kind,
                    label,
                    status,
                    future: e.future,
                    late: e.late,
                    link,
                }
            })
            .collect(),
        changes: m
            .changes
            .iter()
            .map(|ch| ChangeRecord {
                date: ch.date.get_ref().iso(),
                note: ch.note.get_ref(),
            })
            .collect(),
        statistics: StatisticsRecord {
            received: s.received,
            declared: s.declared,
            published: s.published,
            withheld: s.withheld,
            pending: s.pending,
            withheld_by_reason: s
                .withheld_by_reason
                .iter()
                .map(|(r, n)| (r.as_str(), *n))
                .collect(),
            by_channel: s
                .by_channel
                .iter()
                .map(|(ch, n)| (ch.as_str(), *n))
                .collect(),
            by_language: s.by_language.clone(),
            by_theme: s.by_theme.clone(),
            responses_by_result: s
                .responses_by_result
                .iter()
                .map(|(r, n)| (r.as_str(), *n))
                .collect(),
            answered: s.answered,
            answered_percent: s.answered_percent,
            days_to_decision: s.days_to_decision,
            decision_on_time: s.decision_on_time,
            answer_days: s.answer_days,
        },
        decision,
        urls: config
            .languages()
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    PageUrls {
                        page: routes::absolute(site, &routes::consultation(l, &c.slug)),
                        inputs: routes::absolute(site, &routes::inputs(l, &c.slug)),
                        feed: routes::absolute(site, &routes::consultation_feed(l, &c.slug)),
                        calendar: routes::absolute(
                            site,
                            &routes::consultation_calendar(l, &c.slug),
                        ),
                    },
                )
            })
            .collect(),
    }
}

static EMPTY: Localized = Localized::new();

// ---------------------------------------------------------------------------
// inputs.csv

/// Whether an input's text, and so its row, may be published.
pub fn input_is_public(input: &Input, f: &ConsultationFacts) -> bool {
    input.is_published() && f.inputs_visible
}

/// `data/inputs.csv`: a byte order mark, then RFC 4180 (CRLF, quotes only
/// where needed), one row per input whose text is on the site. Returns the
/// bytes and the number of rows.
pub fn inputs_csv(site: &Site, facts: &Facts) -> std::io::Result<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let rows = write_inputs_csv(site, facts, &mut out)?;
    Ok((out, rows))
}

/// [`inputs_csv`], written to `out` a row at a time; returns the rows.
pub fn write_inputs_csv(
    site: &Site,
    facts: &Facts,
    out: &mut dyn std::io::Write,
) -> std::io::Result<usize> {
    let default = site.config.default_language();
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let columns = input_columns(site);
    let extended = columns.len() > INPUT_COLUMNS.len();
    w.write_record(columns.iter().map(|(name, _)| *name))?;
    let mut rows = 0;
    for (c, f) in site.consultations.iter().zip(&facts.consultations) {
        let responses = c
            .decision
            .as_ref()
            .map(|d| d.meta.responses.as_slice())
            .unwrap_or_default();
        for (i, input) in c.inputs.iter().enumerate() {
            if !input_is_public(input, f) {
                continue;
            }
            let im = &input.meta;
            let answered = &f.answers.by_input[i];
            let received = im.received.get_ref();
            let record: [String; 15] = [
                c.meta.id.get_ref().clone(),
                c.slug.clone(),
                input.id.clone(),
                received
                    .datetime
                    .clone()
                    .unwrap_or_else(|| received.date.iso()),
                im.channel.get_ref().as_str().to_string(),
                im.language.get_ref().clone(),
                im.author.as_str().to_string(),
                im.organisation
                    .as_ref()
                    .map_or("", |o| o.get_ref().as_str())
                    .to_string(),
                input.public_name().unwrap_or("").to_string(),
                im.themes
                    .iter()
                    .map(|t| t.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                im.questions
                    .iter()
                    .map(|q| q.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                answered
                    .iter()
                    .map(|r| (r + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
                answered
                    .iter()
                    .map(|&r| responses[r].result.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                routes::absolute(site, &routes::input(default, &c.slug, &input.id)),
                input.body.as_str().trim().to_string(),
            ];
            // Every column, not only the citizen's: an agency's id or a
            // question key can start with `=` too.
            if extended {
                let public_name = input.public_name().is_some();
                let more: [String; 7] = [
                    cell(im.title.as_deref().unwrap_or("")),
                    im.posted
                        .as_ref()
                        .map(|p| {
                            let p = p.get_ref();
                            p.datetime.clone().unwrap_or_else(|| p.date.iso())
                        })
                        .unwrap_or_default(),
                    im.platform
                        .as_ref()
                        .map(|p| p.get_ref().as_str().to_string())
                        .unwrap_or_default(),
                    // A permalink identifies its author: only with consent.
                    if public_name {
                        cell(
                            im.source_url
                                .as_ref()
                                .map(|u| u.get_ref().as_str())
                                .unwrap_or(""),
                        )
                    } else {
                        String::new()
                    },
                    im.in_reply_to
                        .as_ref()
                        .map(|r| r.get_ref().clone())
                        .unwrap_or_default(),
                    im.attachments
                        .iter()
                        .map(|a| routes::document_link(site, &c.slug, a.get_ref()))
                        .collect::<Vec<_>>()
                        .join(";"),
                    im.translated_by
                        .iter()
                        .map(|(l, by)| format!("{l}:{}", by.as_str()))
                        .collect::<Vec<_>>()
                        .join(";"),
                ];
                w.write_record(record.iter().chain(more.iter()).map(|field| cell(field)))?;
            } else {
                w.write_record(record.iter().map(|field| cell(field)))?;
            }
            rows += 1;
        }
    }
    w.flush()?;
    Ok(rows)
}

/// Citizen-written text for a spreadsheet cell: the same characters the
/// pages show (no bidi overrides or invisible characters), and a leading
/// apostrophe before a first character that a spreadsheet would run as a
/// formula: `= + - @` or their full-width forms `＝ ＋ － ＠` (which some
/// spreadsheets read as the same), also behind leading spaces, and a
/// leading tab, carriage return or line feed (OWASP's advice on CSV
/// injection).
pub fn cell(text: &str) -> String {
    let text = crate::render::markdown::neutralise(text);
    let starts_control = text.starts_with(['\t', '\r', '\n']);
    let first = text.trim_start().chars().next();
    let formula = matches!(
        first,
        Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}')
    );
    if starts_control || formula {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// `data/inputs.dictionary.csv`: each column of `inputs.csv`, its type and
/// its meaning in every language of the site.
pub fn dictionary_csv(site: &Site, tr: &Translations) -> std::io::Result<Vec<u8>> {
    let langs = site.config.languages();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let mut header = vec!["column".to_string(), "type".to_string()];
    header.extend(langs.iter().map(|l| format!("description_{l}")));
    w.write_record(&header)?;
    for (name, kind) in input_columns(site) {
        let mut row = vec![name.to_string(), kind.to_string()];
        row.extend(langs.iter().map(|l| column_description(site, tr, l, name)));
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

fn column_description(site: &Site, tr: &Translations, lang: &str, column: &str) -> String {
    tr.get(
        lang,
        &format!("data-column-{column}"),
        &message_args(site, lang),
    )
}

/// The arguments of the open-data messages. Technical names are passed as
/// arguments, not written in the messages, so that `digits = "arab"` does
/// not turn `UTF-8` into `UTF-٨`.
fn message_args(site: &Site, lang: &str) -> Vec<(&'static str, FluentValue<'static>)> {
    let c = &site.config;
    let agency = c.agency_name(lang);
    let arg = |s: &str| FluentValue::from(s.to_string());
    vec![
        ("agency", arg(&agency)),
        ("gender", arg(c.gender(lang))),
        ("site", arg(c.base_url())),
        ("contact", arg(c.agency.contact.get_ref())),
        ("lang", arg(c.default_language())),
        ("utf8", arg("UTF-8")),
        ("sha256", arg("SHA-256")),
        ("rfc", arg("RFC 4180")),
        ("bcp", arg("BCP 47")),
        ("draft", arg("2020-12")),
        ("codepage", arg("65001")),
        ("sig", arg("utf-8-sig")),
        ("check", arg(&format!("sha256sum -c {}", routes::CHECKSUMS))),
        ("root", arg(&format!("sha256sum {}", routes::CHECKSUMS))),
        ("sums", arg(routes::CHECKSUMS)),
        ("manifest", arg(routes::MANIFEST)),
    ]
}

/// `data/README.<lang>.txt`: what the files are, what each column means,
/// the reuse terms and how to check the files, in one language. Starts
/// with a byte order mark so that browsers show Arabic text right even
/// when the server names no character set.
pub fn readme(site: &Site, tr: &Translations, lang: &str) -> String {
    let c = &site.config;
    let text = |l: &Localized| {
        l.get(lang)
            .or_else(|| l.get(c.default_language()))
            .cloned()
            .unwrap_or_default()
    };
    let args = message_args(site, lang);
    let t = |key: &str| tr.get(lang, key, &args);
    let mut out = String::from(BOM);
    let heading = |out: &mut String, title: String| {
        out.push_str(&title);
        out.push('\n');
        out.push_str(&"=".repeat(title.chars().count()));
        out.push_str("\n\n");
    };
    heading(
        &mut out,
        format!(
            "{} — {}",
            t("data-readme-title"),
            text(c.site.title.get_ref())
        ),
    );
    out.push_str(&t("data-readme-intro"));
    out.push_str("\n\n");
    let files = [
        (
            routes::CONSULTATIONS_JSON.to_string(),
            "data-file-consultations",
        ),
        (routes::CONSULTATIONS_SCHEMA.to_string(), "data-file-schema"),
        (routes::INPUTS_CSV.to_string(), "data-file-inputs"),
        (
            routes::INPUTS_DICTIONARY.to_string(),
            "data-file-dictionary",
        ),
        (routes::MANIFEST.to_string(), "data-file-manifest"),
        (routes::CHECKSUMS.to_string(), "data-file-checksums"),
        (routes::site_feed(lang), "data-file-feed"),
        (routes::site_calendar(lang), "data-file-calendar"),
        (routes::SITEMAP.to_string(), "data-file-sitemap"),
    ];
    heading(&mut out, t("data-readme-files"));
    for (path, key) in files {
        out.push_str(&format!(
            "- {}\n  {}\n",
            routes::absolute(site, &path),
            t(key)
        ));
    }
    out.push('\n');
    heading(&mut out, t("data-readme-columns"));
    for (name, kind) in input_columns(site) {
        out.push_str(&format!(
            "- {name} ({kind}): {}\n",
            column_description(site, tr, lang, name)
        ));
    }
    out.push('\n');
    heading(&mut out, t("data-readme-terms"));
    out.push_str(&t("data-terms"));
    out.push_str("\n\n");
    heading(&mut out, t("data-readme-spreadsheets"));
    out.push_str(&t("data-spreadsheets"));
    out.push_str("\n\n");
    heading(&mut out, t("data-readme-verify"));
    out.push_str(&t("data-verify"));
    out.push('\n');
    out.replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixture;

    #[test]
    fn json_holds_every_consultation_and_never_a_withheld_text() {
        let (site, facts) = fixture::site();
        let json = String::from_utf8(consultations_json(&site, &facts)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(
            v["consultations"].as_array().unwrap().len(),
            site.consultations.len()
        );
        let c = &v["consultations"][0];
        assert_eq!(c["statistics"]["withheld_by_reason"]["abusive"], 1);
        assert_eq!(
            c["decision"]["responses"][0]["inputs"],
            serde_json::json!(["i-1"])
        );
        assert_eq!(
            c["urls"]["en"]["page"],
            "https://x.example.om/sub/en/consultations/c/"
        );
        assert!(
            !json.contains(fixture::SECRET)
                && !json.contains(fixture::SECRET_TRANSLATION)
                && !json.contains(fixture::HIDDEN_NAME),
            "{json}"
        );
    }

    #[test]
    fn csv_starts_with_a_bom_and_skips_withheld_and_hidden_inputs() {
        let (site, facts) = fixture::site();
        let (bytes, rows) = inputs_csv(&site, &facts).unwrap();
        assert!(bytes.starts_with(BOM.as_bytes()));
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains(fixture::SECRET)
                && !text.contains(fixture::HIDDEN_NAME)
                && !text.contains(fixture::UNPUBLISHED_NAME)
        );
        assert!(!text.contains(fixture::NOT_YET_VISIBLE));
        assert!(text.contains("\r\n"));
        let mut r = csv::Reader::from_reader(text.trim_start_matches(BOM).as_bytes());
        let headers = r.headers().unwrap().clone();
        assert_eq!(headers.len(), INPUT_COLUMNS.len());
        let records: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(records.len(), rows);
        assert_eq!(rows, 2);
        let first = &records[0];
        assert_eq!(&first[2], "i-1");
        assert_eq!(&first[8], fixture::PUBLIC_NAME);
        assert_eq!(&first[11], "1");
        assert_eq!(&first[12], "accepted");
        assert_eq!(
            &first[13],
            "https://x.example.om/sub/ar/consultations/c/inputs/i-1/"
        );
        assert!(first[14].contains("السعر"), "{}", &first[14]);
        assert!(
            records[1][14].starts_with("'=HYPERLINK"),
            "{}",
            &records[1][14]
        );
    }

    #[test]
    fn cells_with_a_formula_behind_spaces_or_full_width_signs_are_defused() {
        for formula in [
            " =1+1",
            "\t=1+1",
            "  @SUM(A1)",
            "\u{3000}=1",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
            "\n=1",
            "\r\n+1",
        ] {
            assert!(
                cell(formula).starts_with('\''),
                "{formula:?} -> {:?}",
                cell(formula)
            );
        }
        assert_eq!(cell(" plain"), " plain");
        assert_eq!(cell("a = b"), "a = b");
    }

    #[test]
    fn every_text_column_of_inputs_csv_is_defused() {
        let config = "[site]\nbase_url = \"https://x.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"a\", en = \"b\" }\n[agency]\nid = \"x\"\nname = { ar = \"a\", en = \"b\" }\ncontact = \"a@x.om\"\nredress = { ar = \"a\", en = \"b\" }\n[units.u]\nname = { ar = \"a\", en = \"b\" }\n";
        let meta = "id = \"=HYPERLINK(\\\"https://evil.example/\\\")\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\ndecision_due = 2026-05-31\n[[questions]]\nid = \"+q\"\ntext = { ar = \"a\", en = \"b\" }\n[themes.t]\nlabel = { ar = \"a\", en = \"b\" }\n";
        let input = "+++\nreceived = 2026-03-05\nchannel = \"web\"\nlanguage = \"ar\"\nauthor = \"organisation\"\norganisation = \" =cmd|' /C calc'!A0\"\nname = \"＝1+1\"\npublish_name = true\nquestions = [\"+q\"]\nthemes = [\"t\"]\nmoderation = \"published\"\n+++\n\t@SUM(1)\n";
        let sources = crate::sources::SourceSet::from_memory(&[
            ("sablah.toml", config),
            ("content/consultations/c/consultation.toml", meta),
            ("content/consultations/c/inputs/i-1.md", input),
        ]);
        let (site, _) = crate::load::load(&sources);
        let site = site.expect("loads");
        let facts = crate::derive::derive(&site, crate::model::Date::parse("2026-04-01").unwrap());
        let (bytes, rows) = inputs_csv(&site, &facts).unwrap();
        assert_eq!(rows, 1);
        let text = String::from_utf8(bytes).unwrap();
        let mut r = csv::Reader::from_reader(text.trim_start_matches(BOM).as_bytes());
        let record = r.records().next().unwrap().unwrap();
        let mut defused = 0;
        for field in record.iter() {
            let first = field.trim_start().chars().next();
            let formula = matches!(
                first,
                Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
            ) || field.starts_with(['\t', '\r', '\n']);
            assert!(
                !formula || field.starts_with('\''),
                "{field:?} in {record:?}"
            );
            defused += usize::from(field.starts_with('\''));
        }
        // consultation_id, organisation, name, questions and text.
        assert_eq!(defused, 5, "{record:?}");
    }

    #[test]
    fn cells_are_defused_and_disguising_characters_removed() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("- a list"), "'- a list");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a\u{202E}b"), "ab");
    }

    #[test]
    fn dictionary_and_readme_exist_in_every_language() {
        let (site, _) = fixture::site();
        let tr = fixture::translations();
        let dict = String::from_utf8(dictionary_csv(&site, &tr).unwrap()).unwrap();
        let mut r = csv::Reader::from_reader(dict.trim_start_matches(BOM).as_bytes());
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            ["column", "type", "description_ar", "description_en"]
        );
        let rows: Vec<_> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), INPUT_COLUMNS.len());
        for row in &rows {
            assert!(
                !row[2].is_empty() && !row[2].starts_with("data-column-"),
                "{row:?}"
            );
            assert!(
                !row[3].is_empty() && !row[3].starts_with("data-column-"),
                "{row:?}"
            );
        }
        let ar = readme(&site, &tr, "ar");
        assert!(ar.contains("65/2008") && ar.contains("sha256sum"), "{ar}");
        assert!(!ar.contains("data-"), "a message is missing: {ar}");
        let en = readme(&site, &tr, "en");
        assert!(
            en.contains("Article 20") && en.contains("a@x.example.om"),
            "{en}"
        );
    }
}
