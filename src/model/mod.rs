//! The site as the content format describes it: typed, and never changed
//! after loading.
//!
//! Fields that a later check may need to point at are `Spanned` (byte ranges
//! into their TOML document, see [`crate::toml_doc::Origin`]). The model says
//! what the agency wrote, nothing more: derived facts such as a
//! consultation's status live in [`crate::derive`].

pub mod date;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::config::Config;
use crate::sources::FileId;
use crate::toml_doc::Origin;
pub use date::{Date, Received};

/// A language code, as listed in `sablah.toml` or given by an input.
pub type Lang = String;

/// A short text in every language: `{ ar = "…", en = "…" }`.
pub type Localized = BTreeMap<Lang, String>;

/// Text direction of a BCP 47 language tag.
pub fn is_rtl(lang: &str) -> bool {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "fa" | "ur" | "he")
}

pub fn dir(lang: &str) -> &'static str {
    if is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Whether `s` can be a slug or an input id: `[a-z0-9][a-z0-9-]{0,79}`.
pub fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 80
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// A slice of a source file's text, shared rather than copied.
#[derive(Clone)]
pub struct Text {
    src: Arc<str>,
    range: Range<usize>,
}

impl Text {
    pub fn new(src: Arc<str>, range: Range<usize>) -> Text {
        Text { src, range }
    }
    pub fn as_str(&self) -> &str {
        &self.src[self.range.clone()]
    }
    /// Byte offset of this text in its file.
    pub fn offset(&self) -> usize {
        self.range.start
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Text({:?})", self.as_str())
    }
}

/// The whole site.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Sorted by slug.
    pub consultations: Vec<Consultation>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
}

impl Site {
    pub fn consultation(&self, slug: &str) -> Option<&Consultation> {
        self.consultations
            .binary_search_by(|c| c.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.consultations[i])
    }
}

/// A Markdown file: its front matter and its body.
#[derive(Debug)]
pub struct Prose<F> {
    pub file: FileId,
    pub origin: Origin,
    pub front: F,
    pub body: Text,
}

/// Front matter with only a title (pages, decisions).
#[derive(Debug, Deserialize)]
pub struct TitleFront {
    pub title: String,
}

/// `consultation.<lang>.md` front matter.
#[derive(Debug, Deserialize)]
pub struct ConsultationFront {
    pub title: String,
    pub summary: String,
}

#[derive(Debug)]
pub struct Consultation {
    pub slug: String,
    /// `content/consultations/<slug>`.
    pub dir: String,
    pub file: FileId,
    pub origin: Origin,
    pub meta: ConsultationMeta,
    pub texts: BTreeMap<Lang, Prose<ConsultationFront>>,
    /// Sorted by id.
    pub inputs: Vec<Input>,
    pub decision: Option<Decision>,
}

impl Consultation {
    pub fn input(&self, id: &str) -> Option<usize> {
        self.inputs.binary_search_by(|i| i.id.as_str().cmp(id)).ok()
    }
    pub fn channels(&self) -> Vec<Channel> {
        match &self.meta.channels {
            Some(list) => list.iter().map(|c| *c.get_ref()).collect(),
            None => Channel::ALL.to_vec(),
        }
    }
}

/// `consultation.toml`.
#[derive(Debug, Deserialize)]
pub struct ConsultationMeta {
    pub id: Spanned<String>,
    pub stage: Stage,
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    pub unit: Spanned<String>,
    pub opens: Spanned<Date>,
    pub closes: Spanned<Date>,
    pub decision_due: Spanned<Date>,
    pub channels: Option<Vec<Spanned<Channel>>>,
    #[serde(default)]
    pub publish_inputs: PublishInputs,
    pub withdrawn: Option<Withdrawn>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub themes: BTreeMap<String, Theme>,
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub changes: Vec<Change>,
}

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The keyword as written in the sources and in URLs.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),* } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

keyword_enum!(
    /// Where in the policy cycle the consultation sits.
    Stage { AgendaSetting = "agenda-setting", PolicyDesign = "policy-design", Drafting = "drafting", Implementation = "implementation", Evaluation = "evaluation" }
);
keyword_enum!(
    Channel { Web = "web", Email = "email", Social = "social", Meeting = "meeting", Letter = "letter", Phone = "phone" }
);
keyword_enum!(
    PublishInputs { OnReceipt = "on-receipt", AfterClose = "after-close" }
);
keyword_enum!(
    AuthorKind { Individual = "individual", Organisation = "organisation", Anonymous = "anonymous" }
);
keyword_enum!(
    Moderation { Published = "published", Withheld = "withheld" }
);
keyword_enum!(
    /// Why an input was withheld: the guidelines' publishing restrictions.
    WithholdReason { Irrelevant = "irrelevant", Abusive = "abusive", Defamatory = "defamatory", Discriminatory = "discriminatory", Illegal = "illegal", IpViolation = "ip-violation", PersonalData = "personal-data", Duplicate = "duplicate", Spam = "spam" }
);
keyword_enum!(
    Outcome { Adopted = "adopted", AdoptedWithChanges = "adopted-with-changes", NotAdopted = "not-adopted", Deferred = "deferred" }
);
keyword_enum!(
    ResponseResult { Accepted = "accepted", PartlyAccepted = "partly-accepted", NotAccepted = "not-accepted", Noted = "noted", OutOfScope = "out-of-scope" }
);
keyword_enum!(
    MilestoneStatus { Scheduled = "scheduled", Met = "met", PartlyMet = "partly-met", NotMet = "not-met" }
);

#[allow(clippy::derivable_impls)] // the enum is declared by a macro
impl Default for PublishInputs {
    fn default() -> Self {
        PublishInputs::OnReceipt
    }
}

#[derive(Debug, Deserialize)]
pub struct Withdrawn {
    pub date: Spanned<Date>,
    pub reason: Spanned<Localized>,
}

#[derive(Debug, Deserialize)]
pub struct Question {
    pub id: Spanned<String>,
    pub text: Spanned<Localized>,
}

#[derive(Debug, Deserialize)]
pub struct Theme {
    pub label: Spanned<Localized>,
}

#[derive(Debug, Deserialize)]
pub struct TimelineEvent {
    pub date: Spanned<Date>,
    pub label: Spanned<Localized>,
    pub link: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct Document {
    pub path: Spanned<String>,
    pub title: Spanned<Localized>,
}

#[derive(Debug, Deserialize)]
pub struct Change {
    pub date: Spanned<Date>,
    pub note: Spanned<Localized>,
}

/// A citizen's input: untrusted text.
#[derive(Debug)]
pub struct Input {
    pub id: String,
    pub file: FileId,
    pub origin: Origin,
    pub meta: InputMeta,
    pub body: Text,
    /// Agency translations, by language.
    pub translations: BTreeMap<Lang, Translation>,
}

impl Input {
    pub fn is_published(&self) -> bool {
        self.meta.moderation.get_ref() == &Moderation::Published
    }
    /// The name to show, if its author agreed to it being published.
    pub fn public_name(&self) -> Option<&str> {
        if self.meta.publish_name && self.is_published() {
            self.meta.name.as_deref()
        } else {
            None
        }
    }
}

#[derive(Debug)]
pub struct Translation {
    pub file: FileId,
    pub body: Text,
}

/// An input's front matter.
#[derive(Debug, Deserialize)]
pub struct InputMeta {
    pub received: Spanned<Received>,
    pub channel: Spanned<Channel>,
    pub language: Spanned<String>,
    pub author: AuthorKind,
    pub name: Option<String>,
    #[serde(default)]
    pub publish_name: bool,
    pub organisation: Option<String>,
    #[serde(default)]
    pub questions: Vec<Spanned<String>>,
    #[serde(default)]
    pub themes: Vec<Spanned<String>>,
    pub moderation: Spanned<Moderation>,
    pub reason: Option<Spanned<WithholdReason>>,
}

#[derive(Debug)]
pub struct Decision {
    pub file: FileId,
    pub origin: Origin,
    pub meta: DecisionMeta,
    pub texts: BTreeMap<Lang, Prose<TitleFront>>,
}

/// `decision.toml`.
#[derive(Debug, Deserialize)]
pub struct DecisionMeta {
    pub published: Spanned<Date>,
    pub outcome: Outcome,
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub implementation: Vec<Milestone>,
}

/// How the agency used a group of inputs.
#[derive(Debug, Deserialize)]
pub struct Response {
    #[serde(default)]
    pub themes: Vec<Spanned<String>>,
    #[serde(default)]
    pub inputs: Vec<Spanned<String>>,
    pub result: ResponseResult,
    pub text: Spanned<Localized>,
    pub changes: Option<Spanned<String>>,
}

/// What the agency does after deciding.
#[derive(Debug, Deserialize)]
pub struct Milestone {
    pub label: Spanned<Localized>,
    pub due: Spanned<Date>,
    pub status: Spanned<MilestoneStatus>,
    pub done: Option<Spanned<Date>>,
    pub note: Option<Spanned<Localized>>,
}

/// A free page (about, moderation policy, …).
#[derive(Debug)]
pub struct Page {
    pub slug: String,
    pub texts: BTreeMap<Lang, Prose<TitleFront>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_format() {
        assert!(is_slug("i-001"));
        assert!(is_slug("2026-water"));
        assert!(!is_slug("-lead"));
        assert!(!is_slug("Upper"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug(""));
        assert!(!is_slug(&"a".repeat(81)));
        assert!(is_slug(&"a".repeat(80)));
    }

    #[test]
    fn direction_of_known_languages() {
        assert_eq!(dir("ar"), "rtl");
        assert_eq!(dir("ur-PK"), "rtl");
        assert_eq!(dir("ml"), "ltr");
        assert_eq!(dir("en"), "ltr");
    }
}
