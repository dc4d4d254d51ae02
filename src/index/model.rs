//! The harvested index: every agency with its consultations, validated and
//! immutable once built. The agencies' texts (names, titles, summaries,
//! outcomes) are untrusted here: they are kept as plain text and escaped
//! wherever they are shown; links are kept only when they are http(s).

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};

use crate::derive::Status;
use crate::model::{Date, Lang, Localized};

use super::config::Location;
use super::harvest::Problem;

/// A date written `YYYY-MM-DD` in JSON.
pub fn iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not a date")))
}

fn iso_date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) => Date::parse(&s)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not a date"))),
    }
}

/// What the index reads of an agency's `consultations.json` (a subset of
/// the schema; fields it does not use are skipped).
#[derive(Debug, Deserialize)]
pub struct SourceDoc {
    #[serde(deserialize_with = "iso_date")]
    pub build_date: Date,
    pub site: SiteDoc,
    pub agency: AgencyDoc,
    pub consultations: Vec<Record>,
}

#[derive(Debug, Deserialize)]
pub struct SiteDoc {
    pub title: Localized,
    pub home: BTreeMap<Lang, String>,
}

#[derive(Debug, Deserialize)]
pub struct AgencyDoc {
    pub id: String,
    pub name: Localized,
    pub contact: String,
    pub redress: Localized,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Keyed {
    pub key: String,
    pub label: Localized,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Withdrawn {
    #[serde(deserialize_with = "iso_date")]
    pub date: Date,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Statistics {
    pub received: u64,
    pub published: u64,
    pub withheld: u64,
    pub withheld_by_reason: BTreeMap<String, u64>,
    pub answered: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Milestone {
    #[serde(deserialize_with = "iso_date")]
    pub due: Date,
    pub status: String,
    #[serde(deserialize_with = "iso_date_opt")]
    pub done: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Decision {
    #[serde(deserialize_with = "iso_date")]
    pub published: Date,
    pub outcome: String,
    pub title: Localized,
    pub implementation: Vec<Milestone>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Urls {
    pub page: String,
}

/// One consultation as its agency published it.
#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    pub id: String,
    pub slug: String,
    pub stage: String,
    pub title: Localized,
    pub summary: Localized,
    pub unit: Keyed,
    pub topics: Vec<Keyed>,
    #[serde(deserialize_with = "iso_date")]
    pub opens: Date,
    #[serde(deserialize_with = "iso_date")]
    pub closes: Date,
    #[serde(deserialize_with = "iso_date")]
    pub decision_due: Date,
    pub withdrawn: Option<Withdrawn>,
    pub statistics: Statistics,
    pub decision: Option<Decision>,
    pub urls: BTreeMap<Lang, Urls>,
    /// The index adds these two to each record of its union: a source that
    /// sets them is refused rather than allowed to speak for the index.
    #[serde(default)]
    pub agency: Option<IgnoredAny>,
    #[serde(default)]
    pub harvested: Option<IgnoredAny>,
}

impl Record {
    /// The status as of the index's date (the agency's own is as of its
    /// build date): the rule of the content format.
    pub fn status(&self, today: Date) -> Status {
        if self.withdrawn.is_some() {
            Status::Withdrawn
        } else if today < self.opens {
            Status::Upcoming
        } else if today <= self.closes {
            Status::Open
        } else if self.decision.is_some() {
            Status::Decided
        } else if today > self.decision_due {
            Status::Overdue
        } else {
            Status::UnderReview
        }
    }

    /// Its page on the agency's site in `lang` (else in any language), when
    /// the link is http(s).
    pub fn page_url(&self, lang: &str) -> Option<&str> {
        self.urls
            .get(lang)
            .or_else(|| self.urls.values().next())
            .map(|u| u.page.as_str())
            .filter(|u| is_http(u))
    }
}

pub fn is_http(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || c.is_control())
}

/// How a source stands after the harvest (`harvest.json`'s `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceStatus {
    /// Fetched, or confirmed by a `304`, in this run.
    Fresh,
    /// `--offline`: the cached copy, not older than `stale_after_days`.
    Cached,
    /// The source failed and its cached copy is used, or the copy is older
    /// than `stale_after_days`.
    Stale,
    /// No copy: the agency is listed as not available.
    Failed,
}

impl SourceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::Fresh => "fresh",
            SourceStatus::Cached => "cached",
            SourceStatus::Stale => "stale",
            SourceStatus::Failed => "failed",
        }
    }
}

/// An agency's data in the index.
#[derive(Debug)]
pub struct AgencyData {
    pub name: Localized,
    pub contact: String,
    pub redress: Localized,
    pub site_title: Localized,
    /// Its home page per language (http(s) links only).
    pub home: BTreeMap<Lang, String>,
    pub build_date: Date,
    /// Sorted by opening date, newest first, then id. (The records as the
    /// source wrote them, which the union republishes, are read back from
    /// the cached copy when the union is written, so that they never stand
    /// in memory all at once.)
    pub consultations: Vec<Record>,
}

/// One source of the index and what the harvest made of it.
#[derive(Debug)]
pub struct Agency {
    pub id: String,
    pub location: Location,
    pub status: SourceStatus,
    /// The date of the copy in use.
    pub harvested: Option<Date>,
    pub sha256: Option<String>,
    pub problem: Option<Problem>,
    /// `None` when no copy is available.
    pub data: Option<AgencyData>,
}

impl Agency {
    pub fn available(&self) -> bool {
        self.data.is_some()
    }
}

/// The whole index, as of `date`.
#[derive(Debug)]
pub struct Index {
    pub date: Date,
    /// Sorted by id.
    pub agencies: Vec<Agency>,
}

impl Index {
    /// Every available consultation with its agency's position.
    pub fn consultations(&self) -> impl Iterator<Item = (usize, &Record)> {
        self.agencies.iter().enumerate().flat_map(|(i, a)| {
            a.data
                .iter()
                .flat_map(move |d| d.consultations.iter().map(move |c| (i, c)))
        })
    }
}
