//! Dates written out in each language's long form, with ICU4X: Gregorian,
//! and Hijri (Umm al-Qura rules) where `calendars` asks for it. Oman fixes
//! Hijri months by moon sighting, so the computed Hijri date is marked as
//! approximate. Digits follow `digits` on Arabic pages through the locale's
//! numbering-system extension, never by hand.

use std::cell::RefCell;
use std::collections::HashMap;

use icu::datetime::fieldsets::YMD;
use icu::datetime::input::Date as IcuDate;
use icu::datetime::DateTimeFormatter;
use icu::locale::Locale;
use serde::Serialize;

use crate::config::{Calendar, Digits};
use crate::model::Date;

/// A date as a page shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq, Eq)]
pub struct DateText {
    /// For `<time datetime>`.
    pub iso: String,
    /// The long Gregorian date in the page's language.
    pub text: String,
    /// The computed Hijri date, when shown.
    pub hijri: Option<String>,
    /// Whether the Hijri date is the main one (`calendars` lists it first,
    /// 1.1): then it is shown first and the Gregorian date follows it.
    pub hijri_first: bool,
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<String, Option<DateTimeFormatter<YMD>>>> = RefCell::new(HashMap::new());
}

fn locale_for(lang: &str, hijri: bool, digits: Digits) -> String {
    let base = match lang {
        "ar" => "ar-OM",
        "en" => "en-GB",
        other => other,
    };
    let mut ext = Vec::new();
    if hijri {
        ext.push("ca-islamic-umalqura");
    } else {
        ext.push("ca-gregory");
    }
    if lang.starts_with("ar") {
        ext.push(if digits == Digits::Arab {
            "nu-arab"
        } else {
            "nu-latn"
        });
    }
    format!("{base}-u-{}", ext.join("-"))
}

fn format_with(locale: &str, date: Date) -> Option<String> {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let formatter = cache.entry(locale.to_string()).or_insert_with(|| {
            let loc: Locale = locale.parse().ok()?;
            DateTimeFormatter::try_new(loc.into(), YMD::long()).ok()
        });
        let f = formatter.as_ref()?;
        let d = IcuDate::try_new_iso(date.year(), date.month() as u8, date.day() as u8).ok()?;
        Some(f.format(&d).to_string())
    })
}

/// Formats `date` for a page in `lang`.
pub fn format(date: Date, lang: &str, calendars: &[Calendar], digits: Digits) -> DateText {
    let text = format_with(&locale_for(lang, false, digits), date).unwrap_or_else(|| date.iso());
    let hijri = calendars
        .contains(&Calendar::Hijri)
        .then(|| format_with(&locale_for(lang, true, digits), date))
        .flatten()
        .map(|h| {
            if lang.starts_with("ar") {
                genitive_months(&h)
            } else {
                h
            }
        });
    let hijri_first = calendars.first() == Some(&Calendar::Hijri) && hijri.is_some();
    DateText {
        iso: date.iso(),
        text,
        hijri,
        hijri_first,
    }
}

/// A day of a month reads "١٤ ذي الحجة": the months named with ذو take the
/// genitive after the day (CLDR gives the nominative, ذو القعدة, ذو الحجة).
fn genitive_months(text: &str) -> String {
    text.replace("ذو القعدة", "ذي القعدة")
        .replace("ذو الحجة", "ذي الحجة")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_in_both_languages_calendars_and_digits() {
        let d = Date::parse("2026-03-01").unwrap();
        let both = [Calendar::Gregorian, Calendar::Hijri];
        let en = format(d, "en", &both, Digits::Latin);
        assert_eq!(en.iso, "2026-03-01");
        assert_eq!(en.text, "1 March 2026");
        assert!(
            en.hijri.as_deref().unwrap().contains("1447"),
            "{:?}",
            en.hijri
        );
        let ar = format(d, "ar", &both, Digits::Latin);
        assert!(
            ar.text.contains("مارس") && ar.text.contains("2026"),
            "{}",
            ar.text
        );
        assert!(
            ar.hijri.as_deref().unwrap().contains("1447"),
            "{:?}",
            ar.hijri
        );
        let ar_digits = format(d, "ar", &both, Digits::Arab);
        assert!(ar_digits.text.contains("٢٠٢٦"), "{}", ar_digits.text);
        assert!(
            ar_digits.hijri.as_deref().unwrap().contains("١٤٤٧"),
            "{:?}",
            ar_digits.hijri
        );
        assert_eq!(
            format(d, "en", &[Calendar::Gregorian], Digits::Latin).hijri,
            None
        );
        assert!(!en.hijri_first);
        assert!(
            format(
                d,
                "ar",
                &[Calendar::Hijri, Calendar::Gregorian],
                Digits::Latin
            )
            .hijri_first
        );
        // 31 May 2026 is in Dhu al-Hijjah 1447: genitive after the day.
        let dh = format(
            Date::parse("2026-05-31").unwrap(),
            "ar",
            &both,
            Digits::Latin,
        );
        let h = dh.hijri.unwrap();
        assert!(h.contains("ذي الحجة") && !h.contains("ذو"), "{h}");
    }
}
