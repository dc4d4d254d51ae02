//! Facts derived from the model and the build date: each consultation's
//! status, statistics, outcome timeline, and who answers whom.
//!
//! Pure and computed once, before rendering, so that templates receive
//! everything they show and never compute it themselves (which is also how
//! we know which pages a source change affects). Nothing here reads the disk
//! or the clock: the build date is a parameter.

pub mod embargo;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{
    Channel, Consultation, Date, MilestoneStatus, Moderation, PublishInputs, ResponseResult, Site,
    WithholdReason,
};

/// A consultation's status on the build date (content format, section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Upcoming,
    Open,
    UnderReview,
    Overdue,
    Decided,
    Withdrawn,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Open,
        Status::Upcoming,
        Status::UnderReview,
        Status::Overdue,
        Status::Decided,
        Status::Withdrawn,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Open => "open",
            Status::UnderReview => "under-review",
            Status::Overdue => "overdue",
            Status::Decided => "decided",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// The status rule, in the order the format gives it.
pub fn status(c: &Consultation, today: Date) -> Status {
    let m = &c.meta;
    if m.withdrawn.is_some() {
        Status::Withdrawn
    } else if today < m.opens.get_ref().date {
        Status::Upcoming
    } else if today <= m.closes.get_ref().date {
        Status::Open
    } else if c.decision.is_some() {
        Status::Decided
    } else if m
        .decision_due
        .as_ref()
        .is_some_and(|due| today > *due.get_ref())
    {
        // Without a committed date a decision is never overdue (1.1).
        Status::Overdue
    } else {
        Status::UnderReview
    }
}

/// Which responses answer which inputs (indices into the consultation's
/// `inputs` and the decision's `responses`). Only published inputs count.
#[derive(Debug, Clone, Default)]
pub struct AnswerMap {
    /// For each input, the responses that answer it.
    pub by_input: Vec<Vec<usize>>,
    /// For each response, the inputs it answers.
    pub by_response: Vec<Vec<usize>>,
}

pub fn answer_map(c: &Consultation) -> AnswerMap {
    let mut map = AnswerMap {
        by_input: vec![Vec::new(); c.inputs.len()],
        by_response: Vec::new(),
    };
    let Some(d) = &c.decision else { return map };
    // Theme → published inputs, so each response is a look-up, not a scan.
    let mut by_theme: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, input) in c.inputs.iter().enumerate() {
        if input.is_published() {
            for t in &input.meta.themes {
                by_theme.entry(t.get_ref().as_str()).or_default().push(i);
            }
        }
    }
    for (r, response) in d.meta.responses.iter().enumerate() {
        let mut answered: Vec<usize> = Vec::new();
        for t in &response.themes {
            if let Some(list) = by_theme.get(t.get_ref().as_str()) {
                answered.extend(list);
            }
        }
        for id in &response.inputs {
            if let Some(i) = c.input(id.get_ref()) {
                if c.inputs[i].is_published() {
                    answered.push(i);
                }
            }
        }
        answered.sort_unstable();
        answered.dedup();
        for &i in &answered {
            map.by_input[i].push(r);
        }
        map.by_response.push(answered);
    }
    map
}

/// Counts shown on a consultation's page and in the open data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Statistics {
    /// Input files, or the declared totals where `[received]` gives them
    /// (1.1): every input received.
    pub received: usize,
    /// Input files (each published, withheld or pending input).
    pub files: usize,
    /// Whether `received` includes declared totals (then more was received
    /// than is published one by one).
    pub declared: bool,
    pub published: usize,
    pub withheld: usize,
    /// Received but not yet reviewed (1.1 `moderation = "pending"`).
    pub pending: usize,
    pub withheld_by_reason: BTreeMap<WithholdReason, usize>,
    pub by_channel: BTreeMap<Channel, usize>,
    /// By the language of the original text.
    pub by_language: BTreeMap<String, usize>,
    /// Published inputs by theme key.
    pub by_theme: BTreeMap<String, usize>,
    pub responses_by_result: BTreeMap<ResponseResult, usize>,
    /// Published inputs answered by at least one response.
    pub answered: usize,
    /// Share of published inputs answered, in percent; `None` before a decision.
    pub answered_percent: Option<u32>,
    /// Days from closing to the decision.
    pub days_to_decision: Option<i64>,
    /// Whether the decision came by `decision_due`; `None` while undecided.
    pub decision_on_time: Option<bool>,
    /// How long published inputs waited for the agency's first answer (a
    /// reply during the consultation, or the decision's response), in days:
    /// the median and the slowest, over the inputs answered so far.
    pub answer_days: Option<AnswerTimes>,
}

/// How quickly the agency answers ("be responsive", the guidelines ask).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AnswerTimes {
    pub median: i64,
    pub slowest: i64,
    /// Inputs the figures are over.
    pub answered: usize,
}

impl AnswerTimes {
    /// The figures over `days` (each input's wait), `None` when empty.
    pub fn of(days: &[i64]) -> Option<AnswerTimes> {
        if days.is_empty() {
            return None;
        }
        let mut d = days.to_vec();
        d.sort_unstable();
        let n = d.len();
        // The lower median for an even count: a whole number of days.
        Some(AnswerTimes {
            median: d[(n - 1) / 2],
            slowest: d[n - 1],
            answered: n,
        })
    }
}

/// One entry of the outcome timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: Date,
    #[serde(flatten)]
    pub kind: TimelineKind,
    /// Dated after the build date.
    pub future: bool,
    /// A milestone past its due date and still scheduled.
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TimelineKind {
    Opening,
    Closing,
    /// The agency's own `[[timeline]]` event (index into `meta.timeline`).
    Event {
        index: usize,
    },
    Withdrawn,
    DecisionDue,
    Decision,
    /// The agency's reply during the consultation (index into `replies`).
    Reply {
        index: usize,
    },
    /// The agency's social-media post (index into `meta.social_posts`).
    SocialPost {
        index: usize,
    },
    /// An implementation milestone (index into `implementation`).
    Milestone {
        index: usize,
        status: MilestoneStatus,
    },
}

impl TimelineKind {
    /// Same-day entries keep the order of the process.
    fn rank(&self) -> u8 {
        match self {
            TimelineKind::Opening => 0,
            TimelineKind::Event { .. } => 1,
            TimelineKind::SocialPost { .. } => 1,
            TimelineKind::Reply { .. } => 1,
            TimelineKind::Closing => 2,
            TimelineKind::Withdrawn => 3,
            TimelineKind::Decision => 4,
            TimelineKind::DecisionDue => 5,
            TimelineKind::Milestone { .. } => 6,
        }
    }
}

/// Everything derived about one consultation.
#[derive(Debug, Clone)]
pub struct ConsultationFacts {
    pub status: Status,
    /// Days left to comment, counting today, while open.
    pub days_left: Option<i64>,
    /// Days past `decision_due`, while overdue.
    pub days_overdue: Option<i64>,
    /// Whether input texts may be published yet (`publish_inputs`).
    pub inputs_visible: bool,
    pub stats: Statistics,
    pub timeline: Vec<TimelineEntry>,
    pub answers: AnswerMap,
    /// Each answered published input's wait for its first answer, in days
    /// (the site's figure is over all of them).
    pub waits: Vec<i64>,
}

/// Facts of the whole site, in the order of `site.consultations`.
#[derive(Debug, Clone)]
pub struct Facts {
    pub build_date: Date,
    pub consultations: Vec<ConsultationFacts>,
}

impl Facts {
    /// How quickly the agency answers, over every consultation.
    pub fn answer_times(&self) -> Option<AnswerTimes> {
        let all: Vec<i64> = self
            .consultations
            .iter()
            .flat_map(|f| f.waits.iter().copied())
            .collect();
        AnswerTimes::of(&all)
    }
}

pub fn derive(site: &Site, build_date: Date) -> Facts {
    Facts {
        build_date,
        consultations: site
            .consultations
            .par_iter()
            .map(|c| consultation_facts(c, build_date))
            .collect(),
    }
}

pub fn consultation_facts(c: &Consultation, today: Date) -> ConsultationFacts {
    let status = status(c, today);
    let m = &c.meta;
    let answers = answer_map(c);
    let mut stats = Statistics {
        received: c.inputs.len(),
        files: c.inputs.len(),
        ..Statistics::default()
    };
    for (i, input) in c.inputs.iter().enumerate() {
        let im = &input.meta;
        *stats.by_channel.entry(*im.channel.get_ref()).or_default() += 1;
        *stats
            .by_language
            .entry(im.language.get_ref().clone())
            .or_default() += 1;
        match im.moderation.get_ref() {
            Moderation::Published => {
                stats.published += 1;
                for t in &im.themes {
                    *stats.by_theme.entry(t.get_ref().clone()).or_default() += 1;
                }
                if !answers.by_input[i].is_empty() {
                    stats.answered += 1;
                }
            }
            Moderation::Withheld => {
                stats.withheld += 1;
                if let Some(r) = &im.reason {
                    *stats.withheld_by_reason.entry(*r.get_ref()).or_default() += 1;
                }
            }
            Moderation::Pending => stats.pending += 1,
        }
    }
    if let Some(declared) = &m.received {
        // Each declared total is at least the files of its channel (checked).
        for (channel, total) in declared.get_ref() {
            let n = stats.by_channel.entry(*channel).or_default();
            let total = usize::try_from(*total).unwrap_or(usize::MAX);
            stats.received = stats.received - *n + total.max(*n);
            *n = total.max(*n);
        }
        stats.declared = true;
    }
    let mut timeline = vec![
        entry(m.opens.get_ref().date, TimelineKind::Opening, today),
        entry(m.closes.get_ref().date, TimelineKind::Closing, today),
    ];
    for (index, r) in c.replies.iter().enumerate() {
        timeline.push(entry(
            *r.date.get_ref(),
            TimelineKind::Reply { index },
            today,
        ));
    }
    for (index, p) in m.social_posts.iter().enumerate() {
        timeline.push(entry(
            *p.date.get_ref(),
            TimelineKind::SocialPost { index },
            today,
        ));
    }
    for (index, e) in m.timeline.iter().enumerate() {
        timeline.push(entry(
            *e.date.get_ref(),
            TimelineKind::Event { index },
            today,
        ));
    }
    if let Some(w) = &m.withdrawn {
        timeline.push(entry(*w.date.get_ref(), TimelineKind::Withdrawn, today));
    } else if let Some(due) = &m.decision_due {
        // A decision made by its due date makes the due date moot: it is
        // not an event to come. A late decision keeps it, as history.
        let moot = c
            .decision
            .as_ref()
            .is_some_and(|d| d.meta.published.get_ref() <= due.get_ref());
        if !moot {
            timeline.push(entry(*due.get_ref(), TimelineKind::DecisionDue, today));
        }
    }
    if let Some(d) = &c.decision {
        let published = *d.meta.published.get_ref();
        timeline.push(entry(published, TimelineKind::Decision, today));
        for r in &d.meta.responses {
            *stats.responses_by_result.entry(r.result).or_default() += 1;
        }
        // With nothing published, nothing is left unanswered: 100%.
        stats.answered_percent = Some(
            (stats.answered * 100)
                .checked_div(stats.published)
                .unwrap_or(100) as u32,
        );
        stats.days_to_decision = Some(m.closes.get_ref().date.days_until(published));
        stats.decision_on_time = m
            .decision_due
            .as_ref()
            .map(|due| published <= *due.get_ref());
        for (index, ms) in d.meta.implementation.iter().enumerate() {
            let status = *ms.status.get_ref();
            let date = ms
                .done
                .as_ref()
                .map(|d| *d.get_ref())
                .unwrap_or(*ms.due.get_ref());
            let mut e = entry(date, TimelineKind::Milestone { index, status }, today);
            e.late = status == MilestoneStatus::Scheduled && *ms.due.get_ref() < today;
            timeline.push(e);
        }
    }
    timeline.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.rank().cmp(&b.kind.rank())));
    let days_left = (status == Status::Open).then(|| today.days_until(m.closes.get_ref().date) + 1);
    let days_overdue = match (&m.decision_due, status) {
        (Some(due), Status::Overdue) => Some(due.get_ref().days_until(today)),
        _ => None,
    };
    // Each published input's first answer: a reply naming it, or the
    // decision when a response answers it.
    let decided = c.decision.as_ref().map(|d| *d.meta.published.get_ref());
    let mut waits = Vec::new();
    for (i, input) in c.inputs.iter().enumerate() {
        if !input.is_published() {
            continue;
        }
        let by_reply = c
            .replies
            .iter()
            .filter(|r| r.inputs.iter().any(|id| id.get_ref() == &input.id))
            .map(|r| *r.date.get_ref())
            .min();
        let by_response = decided.filter(|_| !answers.by_input[i].is_empty());
        let first = match (by_reply, by_response) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(first) = first {
            waits.push(input.meta.received.get_ref().date.days_until(first).max(0));
        }
    }
    stats.answer_days = AnswerTimes::of(&waits);
    let inputs_visible = match m.publish_inputs {
        PublishInputs::OnReceipt => true,
        // By the dates, not the status: a consultation withdrawn before it
        // closes keeps its inputs off the site until `closes` is past.
        PublishInputs::AfterClose => today > m.closes.get_ref().date,
    };
    ConsultationFacts {
        status,
        days_left,
        days_overdue,
        inputs_visible,
        stats,
        timeline,
        answers,
        waits,
    }
}

fn entry(date: Date, kind: TimelineKind, today: Date) -> TimelineEntry {
    TimelineEntry {
        date,
        kind,
        future: date > today,
        late: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::SourceSet;

    const CONFIG: &str = "[site]\nbase_url = \"https://x.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"a\", en = \"b\" }\n[agency]\nid = \"x\"\nname = { ar = \"a\", en = \"b\" }\ncontact = \"a@x.om\"\nredress = { ar = \"a\", en = \"b\" }\n[units.u]\nname = { ar = \"a\", en = \"b\" }\n";

    fn site(extra: &[(&str, &str)], consultation_extra: &str) -> Site {
        let meta = format!("id = \"X-1\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\ndecision_due = 2026-05-31\n{consultation_extra}\n[themes.cost]\nlabel = {{ ar = \"a\", en = \"b\" }}\n[themes.other]\nlabel = {{ ar = \"a\", en = \"b\" }}\n");
        let mut files = vec![
            ("sablah.toml", CONFIG),
            ("content/consultations/c/consultation.toml", meta.as_str()),
        ];
        files.extend_from_slice(extra);
        let (site, d) = crate::load::load(&SourceSet::from_memory(&files));
        assert!(!d.has_errors(), "{d:?}");
        site.unwrap()
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    const INPUT_COST: &str = "+++\nreceived = 2026-03-05\nchannel = \"web\"\nlanguage = \"ar\"\nauthor = \"anonymous\"\nthemes = [\"cost\"]\nmoderation = \"published\"\n+++\nx";
    const INPUT_OTHER: &str = "+++\nreceived = 2026-03-06\nchannel = \"email\"\nlanguage = \"en\"\nauthor = \"anonymous\"\nthemes = [\"other\"]\nmoderation = \"published\"\n+++\nx";
    const INPUT_WITHHELD: &str = "+++\nreceived = 2026-03-07\nchannel = \"web\"\nlanguage = \"ar\"\nauthor = \"anonymous\"\nthemes = [\"cost\"]\nmoderation = \"withheld\"\nreason = \"abusive\"\n+++\nsecret";
    const DECISION: &str = "published = 2026-06-10\noutcome = \"adopted\"\n[[responses]]\nthemes = [\"cost\"]\nresult = \"accepted\"\ntext = { ar = \"a\", en = \"b\" }\n[[responses]]\ninputs = [\"i-2\", \"i-3\"]\nresult = \"noted\"\ntext = { ar = \"a\", en = \"b\" }\n[[implementation]]\nlabel = { ar = \"a\", en = \"b\" }\ndue = 2026-07-01\nstatus = \"scheduled\"\n[[implementation]]\nlabel = { ar = \"a\", en = \"b\" }\ndue = 2026-08-01\nstatus = \"met\"\ndone = 2026-07-20\n";

    #[test]
    fn status_follows_the_dates_in_order() {
        let s = site(&[], "");
        let c = &s.consultations[0];
        assert_eq!(status(c, day("2026-02-28")), Status::Upcoming);
        assert_eq!(status(c, day("2026-03-01")), Status::Open);
        assert_eq!(status(c, day("2026-03-31")), Status::Open);
        assert_eq!(status(c, day("2026-04-01")), Status::UnderReview);
        assert_eq!(status(c, day("2026-05-31")), Status::UnderReview);
        assert_eq!(status(c, day("2026-06-01")), Status::Overdue);
        let w = site(
            &[],
            "withdrawn = { date = 2026-03-10, reason = { ar = \"a\", en = \"b\" } }",
        );
        assert_eq!(
            status(&w.consultations[0], day("2026-03-05")),
            Status::Withdrawn
        );
        let d = site(&[("content/consultations/c/decision.toml", DECISION)], "");
        assert_eq!(
            status(&d.consultations[0], day("2026-04-01")),
            Status::Decided
        );
        // Still open on the last day even when decided early.
        assert_eq!(status(&d.consultations[0], day("2026-03-31")), Status::Open);
    }

    #[test]
    fn answers_link_both_ways_and_skip_withheld_inputs() {
        let s = site(
            &[
                ("content/consultations/c/decision.toml", DECISION),
                ("content/consultations/c/inputs/i-1.md", INPUT_COST),
                ("content/consultations/c/inputs/i-2.md", INPUT_OTHER),
                ("content/consultations/c/inputs/i-3.md", INPUT_WITHHELD),
            ],
            "",
        );
        let f = consultation_facts(&s.consultations[0], day("2026-07-15"));
        assert_eq!(f.answers.by_response, vec![vec![0], vec![1]]);
        assert_eq!(f.answers.by_input, vec![vec![0], vec![1], vec![]]);
        assert_eq!(f.stats.received, 3);
        assert_eq!(f.stats.published, 2);
        assert_eq!(f.stats.withheld_by_reason[&WithholdReason::Abusive], 1);
        assert_eq!(f.stats.by_channel[&Channel::Web], 2);
        assert_eq!(f.stats.by_theme["cost"], 1);
        assert_eq!(f.stats.answered_percent, Some(100));
        assert_eq!(f.stats.days_to_decision, Some(71));
        assert_eq!(f.stats.decision_on_time, Some(false));
    }

    #[test]
    fn timeline_is_in_date_order_with_late_milestones_marked() {
        let s = site(
            &[("content/consultations/c/decision.toml", DECISION)],
            "[[timeline]]\ndate = 2026-03-15\nlabel = { ar = \"a\", en = \"b\" }\n",
        );
        let f = consultation_facts(&s.consultations[0], day("2026-07-15"));
        let kinds: Vec<_> = f.timeline.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(kinds[0], TimelineKind::Opening);
        assert_eq!(kinds[1], TimelineKind::Event { index: 0 });
        assert_eq!(kinds[2], TimelineKind::Closing);
        assert_eq!(kinds[3], TimelineKind::DecisionDue);
        assert_eq!(kinds[4], TimelineKind::Decision);
        assert!(f.timeline.windows(2).all(|w| w[0].date <= w[1].date));
        let late: Vec<_> = f.timeline.iter().filter(|e| e.late).collect();
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].date, day("2026-07-01"));
    }

    #[test]
    fn days_left_counts_today() {
        let s = site(&[], "publish_inputs = \"after-close\"");
        let f = consultation_facts(&s.consultations[0], day("2026-03-31"));
        assert_eq!(f.days_left, Some(1));
        assert!(!f.inputs_visible);
        let f = consultation_facts(&s.consultations[0], day("2026-04-01"));
        assert!(f.inputs_visible);
    }

    #[test]
    fn after_close_inputs_stay_hidden_until_closes_even_when_withdrawn_early() {
        let s = site(
            &[("content/consultations/c/inputs/i-1.md", INPUT_COST)],
            "publish_inputs = \"after-close\"\nwithdrawn = { date = 2026-03-10, reason = { ar = \"a\", en = \"b\" } }",
        );
        let c = &s.consultations[0];
        for d in ["2026-03-05", "2026-03-10", "2026-03-20", "2026-03-31"] {
            let f = consultation_facts(c, day(d));
            assert_eq!(f.status, Status::Withdrawn);
            assert!(!f.inputs_visible, "inputs shown on {d}, before closes");
        }
        assert!(consultation_facts(c, day("2026-04-01")).inputs_visible);
        // Withdrawn before it even opened: still hidden until closes is past.
        assert!(!consultation_facts(c, day("2026-02-01")).inputs_visible);
    }
}
