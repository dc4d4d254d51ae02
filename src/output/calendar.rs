//! iCalendar files (RFC 5545): the whole site's consultations
//! (`/consultations.ics` in the default language, `/<lang>/consultations.ics`
//! in each), and each consultation's own (`/<lang>/consultations/<slug>/
//! calendar.ics`, linked from its page as "add to calendar").
//!
//! Per consultation there are two all-day events: the comment period (from
//! `opens` to `closes` inclusive) and the date by which the agency committed
//! to decide. A withdrawn consultation keeps both, marked cancelled, so that
//! a subscribed calendar updates instead of keeping a stale event. UIDs are
//! built from the consultation's public reference and the site's host, and
//! are the same in every language: it is the same event. `DTSTAMP` is the
//! record's last source date, never the clock. This module does not publish
//! implementation milestones or timeline events; the feeds carry those.

use fluent_bundle::FluentValue;
use rayon::prelude::*;

use crate::derive::{ConsultationFacts, Facts};
use crate::model::{Consultation, Date, Moment, Site};
use crate::output::feed::revised;
use crate::output::Sink;
use crate::render::i18n::Translations;
use crate::routes;

/// Writes every calendar; returns how many files were written.
pub fn write(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    sink: &dyn Sink,
) -> std::io::Result<usize> {
    let langs = site.config.languages();
    let mut n = 0;
    for lang in &langs {
        let all: Vec<usize> = (0..site.consultations.len()).collect();
        let ics = calendar(site, facts, tr, lang, &all, None);
        sink.write(&routes::site_calendar(lang), ics.as_bytes())?;
        if lang == site.config.default_language() {
            sink.write(routes::SITE_CALENDAR, ics.as_bytes())?;
            n += 1;
        }
        n += 1;
        site.consultations
            .par_iter()
            .enumerate()
            .try_for_each(|(i, c)| {
                let ics = calendar(site, facts, tr, lang, &[i], Some(c));
                sink.write(
                    &routes::consultation_calendar(lang, &c.slug),
                    ics.as_bytes(),
                )
            })?;
        n += site.consultations.len();
    }
    Ok(n)
}

/// A calendar of the consultations at `indices`; `single` names the one
/// consultation of a per-consultation calendar.
pub fn calendar(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    lang: &str,
    indices: &[usize],
    single: Option<&Consultation>,
) -> String {
    let c = &site.config;
    let name = match single {
        Some(one) => title_of(site, one, lang),
        None => text(site, c.site.title.get_ref(), lang),
    };
    let url = match single {
        Some(one) => routes::absolute(site, &routes::consultation(lang, &one.slug)),
        None => routes::absolute(site, &routes::home(lang)),
    };
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//Sablah//Sablah {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.to_ascii_uppercase()
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("NAME:{}", escape(&name)),
        format!("X-WR-CALNAME:{}", escape(&name)),
        format!("URL:{url}"),
        "X-WR-TIMEZONE:Asia/Muscat".into(),
        "REFRESH-INTERVAL;VALUE=DURATION:P1D".into(),
        "X-PUBLISHED-TTL:P1D".into(),
    ];
    for &i in indices {
        events(
            site,
            facts,
            tr,
            lang,
            &site.consultations[i],
            &facts.consultations[i],
            &mut lines,
        );
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::with_capacity(lines.len() * 80);
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

fn events(
    site: &Site,
    facts: &Facts,
    tr: &Translations,
    lang: &str,
    c: &Consultation,
    f: &ConsultationFacts,
    lines: &mut Vec<String>,
) {
    let m = &c.meta;
    let title = title_of(site, c, lang);
    let page = routes::absolute(site, &routes::consultation(lang, &c.slug));
    let summary = c
        .texts
        .get(lang)
        .or_else(|| site.config.languages().iter().find_map(|l| c.texts.get(l)))
        .map(|p| plain(&p.front.summary))
        .unwrap_or_default();
    let stamp = format!("{}T000000Z", compact(revised(c, f, facts.build_date)));
    let status = if m.withdrawn.is_some() {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let uid = |what: &str| format!("{}-{what}@{}", uid_part(m.id.get_ref()), routes::host(site));
    let arg = |s: String| [("title", FluentValue::from(s))];
    let tz = site.config.timezone();
    let mut event =
        |what: &str, start: &Moment, end: &Moment, summary_text: String, description: String| {
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}", uid(what)));
            lines.push(format!("DTSTAMP:{stamp}"));
            if start.time.is_none() && end.time.is_none() {
                lines.push(format!("DTSTART;VALUE=DATE:{}", compact(start.date)));
                // All-day events end on the day after (DTEND is exclusive).
                lines.push(format!("DTEND;VALUE=DATE:{}", compact(end.date.succ())));
            } else {
                // A closing time (1.1): exact instants, in UTC.
                let utc =
                    |m: &Moment, end: bool| m.utc(tz, end).format("%Y%m%dT%H%M%SZ").to_string();
                lines.push(format!("DTSTART:{}", utc(start, false)));
                lines.push(format!("DTEND:{}", utc(end, true)));
            }
            lines.push(format!("SUMMARY;LANGUAGE={lang}:{}", escape(&summary_text)));
            lines.push(format!(
                "DESCRIPTION;LANGUAGE={lang}:{}",
                escape(&description)
            ));
            lines.push(format!("URL:{page}"));
            lines.push(format!("STATUS:{status}"));
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("END:VEVENT".into());
        };
    let described = |extra: String| {
        let mut parts: Vec<String> = Vec::new();
        if !extra.is_empty() {
            parts.push(extra);
        }
        if !summary.is_empty() {
            parts.push(summary.clone());
        }
        parts.push(page.clone());
        parts.join("\n\n")
    };
    event(
        "comment-period",
        m.opens.get_ref(),
        m.closes.get_ref(),
        tr.get(lang, "calendar-window", &arg(title.clone())),
        described(String::new()),
    );
    // A committed date that is still to be met (not once decided, 1.1).
    if let (Some(due), None) = (&m.decision_due, &c.decision) {
        let due = Moment::day(*due.get_ref());
        event(
            "decision-due",
            &due,
            &due,
            tr.get(lang, "calendar-decision-due", &arg(title.clone())),
            described(tr.get(lang, "calendar-decision-due-text", &[])),
        );
    }
}

fn title_of(site: &Site, c: &Consultation, lang: &str) -> String {
    c.texts
        .get(lang)
        .or_else(|| site.config.languages().iter().find_map(|l| c.texts.get(l)))
        .map(|p| p.front.title.clone())
        .unwrap_or_else(|| c.meta.id.get_ref().clone())
}

fn text(site: &Site, label: &crate::model::Localized, lang: &str) -> String {
    label
        .get(lang)
        .or_else(|| site.config.languages().iter().find_map(|l| label.get(l)))
        .cloned()
        .unwrap_or_default()
}

/// `YYYYMMDD`.
fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A consultation reference as a UID part: kept where it is plain ASCII,
/// percent-encoded elsewhere, so that two references never meet.
fn uid_part(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Markdown as plain text: what a calendar can show.
pub fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Escapes a TEXT value (RFC 5545, 3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (RFC 5545, 3.1), never inside a
/// UTF-8 character, each physical line ending in CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        // The first line holds 75 octets; continuations hold 74 after the space.
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{fixture, MemorySink};

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "م".repeat(100)), &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "م".repeat(100)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(
            plain("A *summary* with [a link](https://x)."),
            "A summary with a link."
        );
    }

    #[test]
    fn each_consultation_has_its_period_and_a_due_date_still_to_meet() {
        let (site, facts) = fixture::site();
        let sink = MemorySink::default();
        let n = write(&site, &facts, &fixture::translations(), &sink).unwrap();
        assert_eq!(n, 1 + 2 * (1 + site.consultations.len()));
        let files = sink.files.lock().unwrap();
        let root = String::from_utf8(files["consultations.ics"].clone()).unwrap();
        assert_eq!(files["consultations.ics"], files["ar/consultations.ics"]);
        // c was decided by its due date, so its due date is no event any
        // more; the other still has one to meet.
        assert_eq!(root.matches("BEGIN:VEVENT").count(), 3);
        assert!(root.contains("UID:X-2026-2-decision-due@x.example.om\r\n"));
        assert!(
            root.contains("UID:X-2026-1-comment-period@x.example.om\r\n"),
            "{root}"
        );
        assert!(
            root.contains("DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260401\r\n"),
            "{root}"
        );
        let en = String::from_utf8(files["en/consultations/c/calendar.ics"].clone()).unwrap();
        assert!(en.contains("UID:X-2026-1-comment-period@x.example.om\r\n"));
        assert!(!en.contains("decision-due"), "{en}");
        assert!(en.contains("DTSTAMP:20261031T000000Z"), "{en}");
        assert!(!en.contains("X-2026-2"));
    }
}
