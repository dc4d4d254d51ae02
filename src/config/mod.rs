//! `sablah.toml`: the site's configuration (content format, section 2).
//!
//! Each field is documented where it is declared. Unknown keys are reported
//! by [`crate::toml_doc`] with a suggestion; the rules that relate fields to
//! each other (URLs, slugs, languages) are in [`crate::check`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::model::{dir, Gender, Lang, Localized, Participation, Platform};
use crate::toml_doc::Origin;

/// The whole `sablah.toml`.
#[derive(Debug, Deserialize)]
pub struct Config {
    pub site: SiteSettings,
    pub agency: Agency,
    /// Accountable units, by key.
    #[serde(default)]
    pub units: BTreeMap<String, Unit>,
    /// The topic taxonomy, by key.
    #[serde(default)]
    pub topics: BTreeMap<String, Topic>,
    #[serde(default)]
    pub legal: Legal,
    #[serde(default)]
    pub privacy: Privacy,
    /// The agency's default ways to take part (1.1), used by every
    /// consultation that lists the channel and gives no address of its own.
    #[serde(default)]
    pub participation: Vec<Participation>,
    /// The agency's official social-media accounts (1.1).
    #[serde(default)]
    pub social: Vec<SocialAccount>,
    /// Where the file's text sits (set by the loader).
    #[serde(skip, default = "no_origin")]
    pub origin: Origin,
}

fn no_origin() -> Origin {
    Origin { file: 0, offset: 0 }
}

#[derive(Debug, Deserialize)]
pub struct SiteSettings {
    /// Absolute http(s) URL the site is published at; may have a path.
    pub base_url: Spanned<String>,
    /// Language codes; the first is the default language.
    pub languages: Spanned<Vec<Spanned<String>>>,
    /// The site's name in every language.
    pub title: Spanned<Localized>,
    /// Output folder, relative to the site folder (default `public`).
    pub output: Option<String>,
    /// A folder under `themes/` of the site (default `default`, the built-in
    /// theme): its `templates/`, `i18n/` and `static/` lay over the built-in
    /// theme, and the site's own `templates/`, `i18n/` and `static/` over it.
    pub theme: Option<Spanned<String>>,
    /// Calendars in which dates are shown; the first is the main date (1.1).
    #[serde(default = "default_calendars")]
    pub calendars: Vec<Calendar>,
    /// IANA time-zone name (1.1; default Asia/Muscat): closing times, feeds
    /// and calendars use it.
    pub timezone: Option<Spanned<String>>,
    /// Digits on Arabic pages.
    #[serde(default)]
    pub digits: Digits,
    /// Slug of the free page that states the moderation rules.
    #[serde(default = "default_policy")]
    pub moderation_policy: Spanned<String>,
    /// A missing language file is an error (true) or a warning (false).
    #[serde(default = "yes")]
    pub strict_translations: bool,
}

/// The time zone named in `sablah.toml` of the site folder `site`, read
/// before the site is loaded (the build date is needed first); the default
/// when there is none or the file cannot be read (the loader then says why).
pub fn site_zone(site: &std::path::Path) -> chrono_tz::Tz {
    std::fs::read_to_string(site.join("sablah.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| {
            let name = t.get("site")?.get("timezone")?.as_str()?.to_string();
            crate::model::date::time_zone(&name)
        })
        .unwrap_or(crate::model::date::DEFAULT_TIME_ZONE)
}

fn default_calendars() -> Vec<Calendar> {
    vec![Calendar::Gregorian]
}
fn default_policy() -> Spanned<String> {
    Spanned::new(0..0, "moderation-policy".to_string())
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    #[default]
    Latin,
    Arab,
}

#[derive(Debug, Deserialize)]
pub struct Agency {
    /// A slug, unique across the central index.
    pub id: Spanned<String>,
    pub name: Spanned<Localized>,
    /// E-mail address for questions and complaints.
    pub contact: Spanned<String>,
    /// How to complain about or appeal a decision.
    pub redress: Spanned<Localized>,
    /// Path of a logo under `static/`.
    pub logo: Option<Spanned<String>>,
    /// Grammatical gender of the agency's name per language (1.1; default
    /// feminine, as in وزارة, بلدية).
    #[serde(default)]
    pub gender: BTreeMap<Lang, Gender>,
}

/// An official social-media account (1.1).
#[derive(Debug, Deserialize)]
pub struct SocialAccount {
    pub platform: Spanned<Platform>,
    /// https only.
    pub url: Spanned<String>,
    pub handle: Spanned<String>,
    pub label: Option<Spanned<Localized>>,
}

#[derive(Debug, Deserialize)]
pub struct Unit {
    pub name: Spanned<Localized>,
}

#[derive(Debug, Deserialize)]
pub struct Topic {
    pub label: Spanned<Localized>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Legal {
    /// The agency's own notice, shown after the built-in ones.
    pub extra: Option<Spanned<Localized>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Privacy {
    #[serde(default)]
    pub personal_data: PersonalDataMode,
    /// Exact strings never flagged as personal data.
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonalDataMode {
    #[default]
    Error,
    Warn,
}

impl Config {
    /// The theme folder laid over the built-in theme, if any.
    pub fn theme(&self) -> Option<&str> {
        self.site
            .theme
            .as_ref()
            .map(|t| t.get_ref().as_str())
            .filter(|t| *t != "default")
    }

    /// The languages, default first.
    pub fn languages(&self) -> Vec<Lang> {
        self.site
            .languages
            .get_ref()
            .iter()
            .map(|l| l.get_ref().clone())
            .collect()
    }
    pub fn default_language(&self) -> &str {
        self.site
            .languages
            .get_ref()
            .first()
            .map(|l| l.get_ref().as_str())
            .unwrap_or("ar")
    }
    pub fn dir(&self, lang: &str) -> &'static str {
        dir(lang)
    }
    /// `base_url` without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.site.base_url.get_ref().trim_end_matches('/')
    }
    /// The path part of `base_url`, without a trailing slash ("" at the root).
    pub fn base_path(&self) -> &str {
        let url = self.base_url();
        let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        match after_scheme.find('/') {
            Some(i) => &after_scheme[i..],
            None => "",
        }
    }
    /// The site's time zone (`[site] timezone`, default Asia/Muscat); a
    /// name the tz database does not know is an error of `check`, and
    /// falls back to Asia/Muscat here.
    pub fn timezone(&self) -> chrono_tz::Tz {
        self.site
            .timezone
            .as_ref()
            .and_then(|t| t.get_ref().parse().ok())
            .unwrap_or(chrono_tz::Asia::Muscat)
    }
    /// The agency's name in `lang`, else in the default language.
    pub fn agency_name(&self, lang: &str) -> String {
        let name = self.agency.name.get_ref();
        name.get(lang)
            .or_else(|| name.get(self.default_language()))
            .cloned()
            .unwrap_or_default()
    }
    /// The grammatical gender of the agency's name in `lang`, as the
    /// interface strings select on it (`$gender`): `feminine` or `masculine`.
    pub fn gender(&self, lang: &str) -> &'static str {
        if self.masculine(lang) {
            "masculine"
        } else {
            "feminine"
        }
    }
    /// Whether the agency's name is masculine in `lang`.
    pub fn masculine(&self, lang: &str) -> bool {
        self.agency.gender.get(lang) == Some(&Gender::Masculine)
    }
    /// The agency's default address for `channel`.
    pub fn participation(&self, channel: crate::model::Channel) -> Option<&Participation> {
        self.participation
            .iter()
            .find(|p| *p.channel.get_ref() == channel)
    }
    pub fn unit(&self, key: &str) -> Option<&Unit> {
        self.units.get(key)
    }
    pub fn topic(&self, key: &str) -> Option<&Topic> {
        self.topics.get(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    fn parse(text: &str) -> (Option<Config>, Diagnostics) {
        let mut d = Diagnostics::default();
        let c = crate::toml_doc::parse::<Config>(text, Origin { file: 0, offset: 0 }, &mut d);
        (c, d)
    }

    const MINIMAL: &str = r#"
[site]
base_url = "https://consult.example.gov.om/agency/"
languages = ["ar", "en"]
title = { ar = "س", en = "S" }
[agency]
id = "moh"
name = { ar = "و", en = "M" }
contact = "c@example.gov.om"
redress = { ar = "ت", en = "R" }
[topics.water]
label = { ar = "م", en = "Water" }
"#;

    #[test]
    fn minimal_config_reads_with_defaults() {
        let (c, d) = parse(MINIMAL);
        assert!(d.items.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert_eq!(c.languages(), ["ar", "en"]);
        assert_eq!(c.base_path(), "/agency");
        assert!(c.site.strict_translations);
        assert_eq!(c.site.moderation_policy.get_ref(), "moderation-policy");
        assert!(c.topic("water").is_some());
        assert_eq!(c.site.calendars, [Calendar::Gregorian]);
    }

    #[test]
    fn typo_in_a_key_is_reported() {
        let (c, d) = parse(&MINIMAL.replace("contact =", "contakt ="));
        let codes: Vec<_> = d.items.iter().map(|d| d.code.code()).collect();
        // One mistake, one message: `contakt` is unknown, with the key
        // meant, and read as `contact` (no E004 for it), so the rest of the
        // site is still checked.
        assert_eq!(codes, ["E003"], "{d:?}");
        assert!(d.items[0].help.as_deref().unwrap().contains("`contact`"));
        assert!(c.is_some());
    }
}
