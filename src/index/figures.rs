//! The agency figures of `central-index.md`, section 4: pure functions of
//! an agency's consultations and the index's date.
//!
//! What each figure counts, and over what:
//!
//! - `held`: consultations opened on or before the date (withdrawn ones
//!   included); `open`: open on the date; `decided`: with a published
//!   decision;
//! - `received`, `withheld` (and by reason): inputs, over all
//!   consultations;
//! - `answered` of `published`: published inputs answered by a response,
//!   over decided consultations only (before a decision nothing is
//!   answered yet); `None` when there is no such input;
//! - `median_days`: days from closing to the decision, over decided
//!   consultations;
//! - `on_time` of `decided`: decisions published on or before
//!   `decision_due`;
//! - `overdue`: past `decision_due` with no decision on the date, with the
//!   days of each (their total and the largest);
//! - `milestones_met` and `milestones_late` of `milestones`: implementation
//!   milestones of decided consultations; late is still scheduled and past
//!   its due date.
//!
//! A figure over an empty denominator is `None` ("—"), never 0 %.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::derive::Status;
use crate::model::Date;

use super::model::{Index, Record};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub held: u64,
    pub open: u64,
    pub decided: u64,
    pub received: u64,
    pub withheld: u64,
    pub withheld_by_reason: BTreeMap<String, u64>,
    /// Published inputs of decided consultations: the denominator of
    /// `answered`.
    pub published: u64,
    pub answered: u64,
    pub on_time: u64,
    pub overdue: u64,
    pub overdue_days_total: u64,
    pub overdue_days_max: Option<u64>,
    pub milestones: u64,
    pub milestones_met: u64,
    pub milestones_late: u64,
    /// Days from closing to each decision, sorted (for the median).
    #[serde(skip)]
    pub days_to_decision: Vec<i64>,
}

impl Figures {
    /// Share of published inputs answered, in percent, rounded down.
    pub fn answered_percent(&self) -> Option<u64> {
        (self.published > 0).then(|| self.answered * 100 / self.published)
    }
    /// Share of decisions on time, in percent, rounded down.
    pub fn on_time_percent(&self) -> Option<u64> {
        (self.decided > 0).then(|| self.on_time * 100 / self.decided)
    }
    /// The median of the days from closing to decision; a half day when
    /// the count is even and the middle two differ by an odd number.
    pub fn median_days(&self) -> Option<f64> {
        let d = &self.days_to_decision;
        if d.is_empty() {
            return None;
        }
        let n = d.len();
        Some(if n % 2 == 1 {
            d[n / 2] as f64
        } else {
            (d[n / 2 - 1] + d[n / 2]) as f64 / 2.0
        })
    }

    fn add(&mut self, c: &Record, today: Date) {
        let status = c.status(today);
        if c.opens <= today {
            self.held += 1;
        }
        if status == Status::Open {
            self.open += 1;
        }
        let s = &c.statistics;
        self.received += s.received;
        self.withheld += s.withheld;
        for (reason, n) in &s.withheld_by_reason {
            *self.withheld_by_reason.entry(reason.clone()).or_default() += n;
        }
        if let Some(d) = &c.decision {
            self.decided += 1;
            self.published += s.published;
            self.answered += s.answered.min(s.published);
            self.days_to_decision.push(c.closes.days_until(d.published));
            if d.published <= c.decision_due {
                self.on_time += 1;
            }
            for m in &d.implementation {
                self.milestones += 1;
                if m.status == "met" {
                    self.milestones_met += 1;
                } else if m.status == "scheduled" && m.due < today {
                    self.milestones_late += 1;
                }
            }
        }
        if status == Status::Overdue {
            let days = c.decision_due.days_until(today).max(0) as u64;
            self.overdue += 1;
            self.overdue_days_total += days;
            self.overdue_days_max = Some(self.overdue_days_max.unwrap_or(0).max(days));
        }
    }

    fn finish(mut self) -> Figures {
        self.days_to_decision.sort_unstable();
        self
    }
}

/// An agency's figures over all its consultations and per calendar year
/// of opening (oldest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgencyFigures {
    pub all: Figures,
    pub years: Vec<(i32, Figures)>,
}

/// The figures of one agency's consultations.
pub fn of(records: &[Record], today: Date) -> AgencyFigures {
    let mut all = Figures::default();
    let mut years: BTreeMap<i32, Figures> = BTreeMap::new();
    for c in records {
        all.add(c, today);
        years.entry(c.opens.year()).or_default().add(c, today);
    }
    AgencyFigures {
        all: all.finish(),
        years: years.into_iter().map(|(y, f)| (y, f.finish())).collect(),
    }
}

/// The figures of every agency of the index (`None` for an agency with no
/// copy: it is left out of the figures), and the national figures over
/// the available ones.
pub struct IndexFigures {
    pub agencies: Vec<Option<AgencyFigures>>,
    pub national: Figures,
}

pub fn all(index: &Index) -> IndexFigures {
    use rayon::prelude::*;
    let agencies: Vec<Option<AgencyFigures>> = index
        .agencies
        .par_iter()
        .map(|a| a.data.as_ref().map(|d| of(&d.consultations, index.date)))
        .collect();
    let mut national = Figures::default();
    for c in index.consultations().map(|(_, c)| c) {
        national.add(c, index.date);
    }
    IndexFigures {
        agencies,
        national: national.finish(),
    }
}

/// The figures an agencies page can be sorted by: their URL keys.
pub const SORT_KEYS: &[&str] = &[
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

/// The value an agency is sorted by for `key` (higher first; a figure
/// over an empty denominator sorts last).
pub fn sort_value(f: &Figures, key: &str) -> Option<f64> {
    Some(match key {
        "held" => f.held as f64,
        "open" => f.open as f64,
        "decided" => f.decided as f64,
        "received" => f.received as f64,
        "withheld" => f.withheld as f64,
        "answered" => f.answered_percent()? as f64,
        // Fewer days is better: sorted by the opposite.
        "median-days" => -f.median_days()?,
        "on-time" => f.on_time_percent()? as f64,
        "overdue" => f.overdue as f64,
        "milestones-met" => f.milestones_met as f64,
        "milestones-late" => f.milestones_late as f64,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::model::{Decision, Keyed, Milestone, Statistics};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn record(id: &str, opens: &str, closes: &str, due: &str) -> Record {
        Record {
            id: id.into(),
            slug: id.to_lowercase(),
            stage: "drafting".into(),
            title: Default::default(),
            summary: Default::default(),
            unit: Keyed {
                key: "u".into(),
                label: Default::default(),
            },
            topics: vec![],
            opens: d(opens),
            closes: d(closes),
            decision_due: d(due),
            withdrawn: None,
            statistics: Statistics::default(),
            decision: None,
            urls: Default::default(),
            agency: None,
            harvested: None,
        }
    }

    fn decided(mut r: Record, on: &str, published: u64, answered: u64) -> Record {
        r.statistics.published = published;
        r.statistics.received = published + 1;
        r.statistics.withheld = 1;
        r.statistics.withheld_by_reason.insert("spam".into(), 1);
        r.statistics.answered = answered;
        r.decision = Some(Decision {
            published: d(on),
            outcome: "adopted".into(),
            title: Default::default(),
            implementation: vec![
                Milestone {
                    due: d("2026-01-01"),
                    status: "met".into(),
                    done: Some(d("2026-01-01")),
                },
                Milestone {
                    due: d("2026-06-01"),
                    status: "scheduled".into(),
                    done: None,
                },
                Milestone {
                    due: d("2027-06-01"),
                    status: "scheduled".into(),
                    done: None,
                },
            ],
        });
        r
    }

    #[test]
    fn figures_count_what_they_say_over_their_denominators() {
        let today = d("2026-12-03");
        let records = vec![
            // Decided 10 days after closing, on time; 4 of 5 answered.
            decided(
                record("A-1", "2025-01-01", "2025-02-01", "2025-03-01"),
                "2025-02-11",
                5,
                4,
            ),
            // Decided 31 days after closing, late; 5 of 5 answered.
            decided(
                record("A-2", "2026-01-01", "2026-02-01", "2026-02-15"),
                "2026-03-04",
                5,
                5,
            ),
            // Overdue by 33 days.
            record("A-3", "2026-09-01", "2026-10-01", "2026-10-31"),
            // Open.
            record("A-4", "2026-12-01", "2026-12-20", "2027-01-20"),
            // Upcoming: not held.
            record("A-5", "2027-01-01", "2027-02-01", "2027-03-01"),
        ];
        let f = of(&records, today);
        let a = &f.all;
        assert_eq!((a.held, a.open, a.decided), (4, 1, 2));
        assert_eq!((a.received, a.withheld), (12, 2));
        assert_eq!(a.withheld_by_reason["spam"], 2);
        assert_eq!(
            (a.answered, a.published, a.answered_percent()),
            (9, 10, Some(90))
        );
        assert_eq!(a.median_days(), Some(20.5));
        assert_eq!((a.on_time, a.on_time_percent()), (1, Some(50)));
        assert_eq!(
            (a.overdue, a.overdue_days_total, a.overdue_days_max),
            (1, 33, Some(33))
        );
        assert_eq!(
            (a.milestones, a.milestones_met, a.milestones_late),
            (6, 2, 2)
        );
        let years: Vec<i32> = f.years.iter().map(|(y, _)| *y).collect();
        assert_eq!(years, [2025, 2026, 2027]);
        assert_eq!(f.years[0].1.median_days(), Some(10.0));
        assert_eq!(f.years[2].1.held, 0);
    }

    #[test]
    fn no_decision_means_no_share_never_zero_percent() {
        let f = of(
            &[record("B-1", "2026-01-01", "2026-02-01", "2027-03-01")],
            d("2026-12-03"),
        );
        assert_eq!(f.all.answered_percent(), None);
        assert_eq!(f.all.on_time_percent(), None);
        assert_eq!(f.all.median_days(), None);
        assert_eq!(sort_value(&f.all, "answered"), None);
        assert_eq!(sort_value(&f.all, "held"), Some(1.0));
    }
}
