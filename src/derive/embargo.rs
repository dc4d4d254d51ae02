//! The site as the public could see it on the build date (content format
//! 1.1, "nothing is published before its date").
//!
//! An input received, a decision, a milestone done, a change, a timeline
//! event, a reply, a social post or a withdrawal dated after the build date
//! is left out of the model (a timeline event marked `announced`, such as
//! a public meeting, is shown before its date) that every output is made from, so no output can
//! show it by mistake; statuses and counts then follow from what is shown.
//! The sources' model is not changed: [`as_of`] takes it by value and
//! returns another. Checks run before, on everything the agency wrote.

use std::collections::BTreeSet;

use toml::Spanned;

use crate::model::{Consultation, Date, MilestoneStatus, Site};

/// Every file an input names as an attachment (its path from the site
/// folder), in the sources' model: taken before [`as_of`], which drops the
/// inputs not received yet.
pub fn claimed_attachments(site: &Site) -> BTreeSet<String> {
    site.consultations
        .iter()
        .flat_map(|c| {
            c.inputs.iter().flat_map(move |i| {
                i.meta
                    .attachments
                    .iter()
                    .map(move |a| format!("{}/{}", c.dir, a.get_ref()))
            })
        })
        .collect()
}

/// The attachments that must not be copied to the site: those of inputs
/// that are not public as of the build date (withheld, pending, not received
/// yet, or kept off the site until the consultation closes).
pub fn hidden_attachments(
    claimed: BTreeSet<String>,
    shown: &Site,
    facts: &crate::derive::Facts,
) -> BTreeSet<String> {
    let mut public = BTreeSet::new();
    for (c, f) in shown.consultations.iter().zip(&facts.consultations) {
        for i in &c.inputs {
            if i.is_published() && f.inputs_visible {
                for a in &i.meta.attachments {
                    public.insert(format!("{}/{}", c.dir, a.get_ref()));
                }
            }
        }
    }
    claimed.difference(&public).cloned().collect()
}

/// The site as of `date`.
pub fn as_of(mut site: Site, date: Date) -> Site {
    site.consultations = site
        .consultations
        .into_iter()
        .map(|c| consultation_as_of(c, date))
        .collect();
    site
}

/// One consultation as of `date`.
pub fn consultation_as_of(mut c: Consultation, date: Date) -> Consultation {
    let m = &mut c.meta;
    m.timeline
        .retain(|e| e.announced || *e.date.get_ref() <= date);
    m.changes.retain(|ch| *ch.date.get_ref() <= date);
    m.social_posts.retain(|p| *p.date.get_ref() <= date);
    if m.withdrawn
        .as_ref()
        .is_some_and(|w| *w.date.get_ref() > date)
    {
        m.withdrawn = None;
    }
    c.inputs.retain(|i| i.meta.received.get_ref().date <= date);
    c.replies.retain(|r| *r.date.get_ref() <= date);
    if c.decision
        .as_ref()
        .is_some_and(|d| *d.meta.published.get_ref() > date)
    {
        c.decision = None;
    }
    if let Some(d) = &mut c.decision {
        for ms in &mut d.meta.implementation {
            if ms.done.as_ref().is_some_and(|done| *done.get_ref() > date) {
                ms.done = None;
                ms.status = Spanned::new(ms.status.span(), MilestoneStatus::Scheduled);
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::SourceSet;

    const CONFIG: &str = "[site]\nbase_url = \"https://x.om\"\nlanguages = [\"en\"]\ntitle = { en = \"b\" }\n[agency]\nid = \"x\"\nname = { en = \"b\" }\ncontact = \"a@x.om\"\nredress = { en = \"b\" }\n[units.u]\nname = { en = \"b\" }\n";
    const META: &str = "id = \"X-1\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\n[themes.t]\nlabel = { en = \"t\" }\n[[timeline]]\ndate = 2026-03-10\nlabel = { en = \"meeting\" }\n[[timeline]]\ndate = 2026-04-20\nlabel = { en = \"later\" }\n[[changes]]\ndate = 2026-05-02\nnote = { en = \"fixed\" }\n";
    const DECISION: &str = "published = 2026-05-01\noutcome = \"adopted\"\n[[responses]]\nthemes = [\"t\"]\nresult = \"accepted\"\ntext = { en = \"r\" }\n[[implementation]]\nlabel = { en = \"m\" }\ndue = 2026-06-01\nstatus = \"met\"\ndone = 2026-06-15\n[[replies]]\ndate = 2026-03-20\ninputs = [\"i-1\"]\ntext = { en = \"thanks\" }\n";

    fn input(received: &str) -> String {
        format!("+++\nreceived = {received}\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"anonymous\"\nthemes = [\"t\"]\nmoderation = \"published\"\n+++\nx")
    }

    fn site() -> Site {
        let (i1, i2) = (input("2026-03-05"), input("2026-03-25"));
        let files = [
            ("sablah.toml", CONFIG),
            ("content/consultations/c/consultation.toml", META),
            ("content/consultations/c/decision.toml", DECISION),
            ("content/consultations/c/inputs/i-1.md", i1.as_str()),
            ("content/consultations/c/inputs/i-2.md", i2.as_str()),
        ];
        let (site, d) = crate::load::load(&SourceSet::from_memory(&files));
        assert!(!d.has_errors(), "{d:?}");
        site.unwrap()
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn nothing_dated_after_the_build_date_is_in_the_site() {
        let c = &as_of(site(), day("2026-03-21")).consultations[0];
        assert_eq!(
            c.inputs.len(),
            1,
            "the input of 25 March is not received yet"
        );
        assert_eq!(c.replies.len(), 1);
        assert!(c.decision.is_none(), "the decision of 1 May is not public");
        assert_eq!(c.meta.timeline.len(), 1);
        assert!(c.meta.changes.is_empty());
        let c = &as_of(site(), day("2026-05-01")).consultations[0];
        assert_eq!(c.inputs.len(), 2);
        let d = c.decision.as_ref().unwrap();
        let ms = &d.meta.implementation[0];
        assert_eq!(
            *ms.status.get_ref(),
            MilestoneStatus::Scheduled,
            "met only on 15 June"
        );
        assert!(ms.done.is_none());
        assert!(c.meta.changes.is_empty());
        let c = &as_of(site(), day("2026-07-01")).consultations[0];
        assert_eq!(c.meta.changes.len(), 1);
        assert_eq!(c.meta.timeline.len(), 2);
        assert_eq!(
            *c.decision.as_ref().unwrap().meta.implementation[0]
                .status
                .get_ref(),
            MilestoneStatus::Met
        );
    }

    #[test]
    fn statuses_follow_what_is_shown() {
        let before = as_of(site(), day("2026-04-15"));
        let f = crate::derive::derive(&before, day("2026-04-15"));
        assert_eq!(
            f.consultations[0].status,
            crate::derive::Status::UnderReview
        );
        let after = as_of(site(), day("2026-05-02"));
        let f = crate::derive::derive(&after, day("2026-05-02"));
        assert_eq!(f.consultations[0].status, crate::derive::Status::Decided);
    }
}
