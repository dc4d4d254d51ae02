//! Interface strings, from Fluent files: the theme's
//! `i18n/<lang>.ftl`, then the site's own `i18n/<lang>.ftl`, whose messages
//! override the theme's. Fluent's CLDR plural rules choose the right form
//! of counts (Arabic has six). Every language of the site must have every
//! message that any language has: a missing one is a build error that names
//! the key and the language.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::config::Digits;

pub struct Translations {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    digits: Digits,
}

/// A problem with the translation files, with the file it concerns.
#[derive(Debug)]
pub struct I18nError {
    pub file: String,
    pub message: String,
    /// Where in the file, for a syntax error (bytes).
    pub pos: Option<std::ops::Range<usize>>,
}

/// Where to point for a Fluent syntax error: where the parser stopped,
/// unless that is the start of a line after the broken message (it ran
/// on to the next line or the end), then the broken message's start.
fn error_place(text: &str, e: &fluent_syntax::parser::ParserError) -> std::ops::Range<usize> {
    let at = e.pos.start.min(text.len());
    let line_start = at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n');
    match &e.slice {
        Some(slice) if line_start && slice.start < at => slice.start..slice.start,
        _ => e.pos.clone(),
    }
}

impl Translations {
    /// `sources`: for each language, its `.ftl` texts in order of priority,
    /// lowest first (theme, then site), with their file names.
    pub fn new(
        languages: &[String],
        sources: &BTreeMap<String, Vec<(String, String)>>,
        digits: Digits,
    ) -> Result<Translations, Vec<I18nError>> {
        let mut errors = Vec::new();
        let mut bundles = BTreeMap::new();
        let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for lang in languages {
            let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            let files = sources.get(lang).cloned().unwrap_or_default();
            if files.is_empty() {
                errors.push(I18nError {
                    file: format!("i18n/{lang}.ftl"),
                    message: format!("there are no interface strings for the language \"{lang}\""),
                    pos: None,
                });
            }
            let mut lang_keys = BTreeSet::new();
            for (file, text) in files {
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(r) => r,
                    Err((r, errs)) => {
                        for e in errs {
                            errors.push(I18nError {
                                file: file.clone(),
                                message: format!(
                                    "the strings cannot be read (Fluent syntax): {}",
                                    e.kind
                                ),
                                pos: Some(error_place(&text, &e)),
                            });
                        }
                        r
                    }
                };
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        lang_keys.insert(m.id.name.to_string());
                    }
                }
                bundle.add_resource_overriding(resource);
            }
            keys.insert(lang.clone(), lang_keys);
            bundles.insert(lang.clone(), bundle);
        }
        let all: BTreeSet<&String> = keys.values().flatten().collect();
        for (lang, have) in &keys {
            for key in &all {
                if !have.contains(*key) {
                    errors.push(I18nError {
                        file: format!("i18n/{lang}.ftl"),
                        message: format!("the interface string `{key}` is missing in \"{lang}\""),
                        pos: None,
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(Translations { bundles, digits })
        } else {
            Err(errors)
        }
    }

    /// The message `key` in `lang`, with its arguments. Numbers (the
    /// message's own and numeric arguments) are written in the page's
    /// digits; string arguments (ids, names, dates already written out)
    /// are left exactly as given.
    pub fn get(&self, lang: &str, key: &str, args: &[(&str, FluentValue)]) -> String {
        let Some(bundle) = self.bundles.get(lang) else {
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fargs = FluentArgs::new();
        // String arguments stand in the text as private-use placeholders
        // while digits are localised, then are put back.
        let mut strings: Vec<(char, String)> = Vec::new();
        for (k, v) in args {
            match v {
                // Only a string with digits needs protecting; a keyword (a
                // selector such as `$gender`) must reach Fluent as it is.
                FluentValue::String(s) if s.bytes().any(|b| b.is_ascii_digit()) => {
                    let mark = char::from_u32(0xE000 + strings.len() as u32).unwrap_or('\u{E000}');
                    strings.push((mark, s.to_string()));
                    fargs.set(*k, FluentValue::from(mark.to_string()));
                }
                other => fargs.set(*k, other.clone()),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        let mut out = self.localise_digits(lang, &text);
        for (mark, s) in &strings {
            out = out.replace(*mark, s);
        }
        out
    }

    /// Western digits to Arabic-Indic on Arabic pages under `digits = "arab"`.
    pub fn localise_digits(&self, lang: &str, text: &str) -> String {
        localise_digits(self.digits, lang, text)
    }

    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles
            .get(lang)
            .map(|b| b.has_message(key))
            .unwrap_or(false)
    }
}

pub fn localise_digits(digits: Digits, lang: &str, text: &str) -> String {
    if digits == Digits::Arab && lang.split('-').next() == Some("ar") {
        text.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                '%' => '٪',
                _ => c,
            })
            .collect()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Translations {
        let mut s = BTreeMap::new();
        s.insert(
            "ar".to_string(),
            vec![(
                "ar.ftl".to_string(),
                include_str!("../../themes/default/i18n/ar.ftl").to_string(),
            )],
        );
        s.insert(
            "en".to_string(),
            vec![(
                "en.ftl".to_string(),
                include_str!("../../themes/default/i18n/en.ftl").to_string(),
            )],
        );
        Translations::new(&["ar".into(), "en".into()], &s, Digits::Latin).unwrap()
    }

    #[test]
    fn arabic_plurals_follow_cldr() {
        let t = theme();
        let n = |n: i64| t.get("ar", "inputs-count", &[("count", FluentValue::from(n))]);
        assert_eq!(n(0), "لا توجد مداخلات");
        assert_eq!(n(1), "مداخلة واحدة");
        assert_eq!(n(2), "مداخلتان");
        assert_eq!(n(3), "3 مداخلات");
        assert_eq!(n(10), "10 مداخلات");
        assert_eq!(n(11), "11 مداخلة");
        assert_eq!(n(99), "99 مداخلة");
        assert_eq!(n(100), "100 مداخلة");
        assert_eq!(n(101), "101 مداخلة");
        assert_eq!(n(102), "102 مداخلة");
        assert_eq!(
            t.get("en", "inputs-count", &[("count", FluentValue::from(1))]),
            "One input"
        );
        assert_eq!(
            t.get("en", "inputs-count", &[("count", FluentValue::from(7))]),
            "7 inputs"
        );
    }

    #[test]
    fn a_key_missing_in_one_language_is_an_error() {
        let mut s = BTreeMap::new();
        s.insert(
            "ar".to_string(),
            vec![("ar.ftl".to_string(), "a = 1\n".to_string())],
        );
        s.insert(
            "en".to_string(),
            vec![("en.ftl".to_string(), "a = 1\nb = 2\n".to_string())],
        );
        let errs = Translations::new(&["ar".into(), "en".into()], &s, Digits::Latin)
            .err()
            .unwrap();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("`b`") && errs[0].message.contains("\"ar\""));
    }

    #[test]
    fn arabic_indic_digits_on_request() {
        assert_eq!(localise_digits(Digits::Arab, "ar", "12 (45%)"), "١٢ (٤٥٪)");
        assert_eq!(localise_digits(Digits::Arab, "en", "12"), "12");
    }
}
