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
pub use date::{natural_cmp, Date, Moment, Received};

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
    /// `summary.<lang>.md` (1.1): the agency's summary of what it heard.
    pub summaries: BTreeMap<Lang, Translation>,
    /// Sorted by id, numbers by their value ([`natural_cmp`]).
    pub inputs: Vec<Input>,
    pub decision: Option<Decision>,
    /// The agency's replies during the consultation (1.1; written in
    /// `decision.toml`, but public on their own dates, before the decision).
    pub replies: Vec<Reply>,
}

impl Consultation {
    pub fn input(&self, id: &str) -> Option<usize> {
        self.inputs
            .binary_search_by(|i| natural_cmp(&i.id, id))
            .ok()
    }
    /// The accountable units' keys, the lead first.
    pub fn units(&self) -> &[String] {
        &self.meta.unit.get_ref().0
    }
    /// The lead unit's key.
    pub fn lead_unit(&self) -> &str {
        self.units().first().map(String::as_str).unwrap_or("")
    }
    /// The declared total of inputs received by `channel`, if any (1.1).
    pub fn declared(&self, channel: Channel) -> Option<u64> {
        self.meta
            .received
            .as_ref()
            .and_then(|r| r.get_ref().get(&channel).copied())
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
    /// One unit key or a list (1.1): co-owners, the first leads.
    pub unit: Spanned<Units>,
    /// A day, or a date-time (1.1) in the site's time zone.
    pub opens: Spanned<Moment>,
    pub closes: Spanned<Moment>,
    /// Optional since 1.1: without it the agency committed to no date.
    pub decision_due: Option<Spanned<Date>>,
    pub channels: Option<Vec<Spanned<Channel>>>,
    /// How to take part in this consultation, per channel (1.1).
    #[serde(default)]
    pub participation: Vec<Participation>,
    /// Declared totals per channel (1.1), when not every input is a file.
    pub received: Option<Spanned<BTreeMap<Channel, u64>>>,
    /// The agency's posts announcing or discussing it (1.1).
    #[serde(default)]
    pub social_posts: Vec<SocialPost>,
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
    /// `pending` (1.1): received, not yet reviewed; never published.
    Moderation { Published = "published", Withheld = "withheld", Pending = "pending" }
);
keyword_enum!(
    /// Social-media platforms (1.1).
    Platform { X = "x", Facebook = "facebook", Instagram = "instagram", Youtube = "youtube", Linkedin = "linkedin", Whatsapp = "whatsapp", Telegram = "telegram", Snapchat = "snapchat", Tiktok = "tiktok", Other = "other" }
);
keyword_enum!(
    /// When in the process a document was published (1.1).
    Phase { Consultation = "consultation", Feedback = "feedback", Outcome = "outcome" }
);
keyword_enum!(
    /// Who translated an input (1.1).
    TranslatedBy { Agency = "agency", Author = "author", Machine = "machine" }
);
keyword_enum!(
    /// Grammatical gender of the agency's name in a language (1.1).
    Gender { Feminine = "feminine", Masculine = "masculine" }
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
    /// Sablah's own addition: an event announced in advance (a public
    /// meeting) is shown before its date. Without it an event is public
    /// from its date, like everything else (the 1.1 embargo rule).
    #[serde(default)]
    pub announced: bool,
}

#[derive(Debug, Deserialize)]
pub struct Document {
    /// A file relative to the consultation folder, or (1.1) an absolute
    /// https URL, linked as it is.
    pub path: Spanned<String>,
    pub title: Spanned<Localized>,
    pub phase: Option<Phase>,
    pub reference: Option<String>,
    /// Shown; for a local file the extension is used when absent.
    pub format: Option<String>,
    pub pages: Option<u32>,
    /// How to ask for another format (an e-mail address or a URL).
    pub accessible: Option<Spanned<String>>,
}

impl Document {
    /// Whether `path` is a web address rather than a file of the site.
    pub fn is_url(&self) -> bool {
        is_web_address(self.path.get_ref())
    }
}

/// A link target with a scheme (`https://…`), not a file of the site.
pub fn is_web_address(s: &str) -> bool {
    s.contains("://")
}

/// `unit = "key"` or `unit = ["lead", "co-owner"]`.
#[derive(Debug)]
pub struct Units(pub Vec<String>);

impl<'de> Deserialize<'de> for Units {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Units, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        match OneOrMany::deserialize(d) {
            Ok(OneOrMany::One(s)) => Ok(Units(vec![s])),
            Ok(OneOrMany::Many(v)) => Ok(Units(v)),
            Err(_) => Err(serde::de::Error::custom(
                "expected a unit key such as \"policy-unit\", or a list of them such as [\"policy-unit\", \"legal-unit\"]",
            )),
        }
    }
}

/// A way to take part (1.1), in `sablah.toml` (the agency's defaults) or a
/// consultation.
#[derive(Debug, Deserialize)]
pub struct Participation {
    pub channel: Spanned<Channel>,
    pub address: Spanned<Address>,
    pub label: Option<Spanned<Localized>>,
}

/// A URL, an e-mail address, a phone number, or a postal address per
/// language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Address {
    Text(String),
    Localized(Localized),
}

/// One of the agency's posts about a consultation (1.1).
#[derive(Debug, Deserialize)]
pub struct SocialPost {
    pub platform: Spanned<Platform>,
    pub url: Spanned<String>,
    pub date: Spanned<Date>,
    pub label: Option<Spanned<Localized>>,
}

/// The agency's reply during the consultation (1.1), in `decision.toml`.
#[derive(Debug, Deserialize)]
pub struct Reply {
    pub date: Spanned<Date>,
    #[serde(default)]
    pub inputs: Vec<Spanned<String>>,
    pub text: Spanned<Localized>,
    /// Where it was written (set by the loader: `decision.toml`).
    #[serde(skip, default = "no_origin")]
    pub origin: Origin,
}

fn no_origin() -> Origin {
    Origin { file: 0, offset: 0 }
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
    pub fn is_pending(&self) -> bool {
        self.meta.moderation.get_ref() == &Moderation::Pending
    }
    /// The name to show, if its author agreed to it being published. An
    /// anonymous input shows none, whatever `publish_name` says (`check`
    /// warns of the contradiction, W009).
    pub fn public_name(&self) -> Option<&str> {
        if self.meta.publish_name
            && self.is_published()
            && self.meta.author != AuthorKind::Anonymous
        {
            self.meta.name.as_ref().map(|n| n.get_ref().as_str())
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
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub publish_name: bool,
    pub organisation: Option<Spanned<String>>,
    #[serde(default)]
    pub questions: Vec<Spanned<String>>,
    #[serde(default)]
    pub themes: Vec<Spanned<String>>,
    pub moderation: Spanned<Moderation>,
    pub reason: Option<Spanned<WithholdReason>>,
    /// A short title given by the author (1.1).
    pub title: Option<String>,
    /// Permalink of the original (1.1): published only with `publish_name`.
    pub source_url: Option<Spanned<String>>,
    /// For `channel = "social"` (1.1).
    pub platform: Option<Spanned<Platform>>,
    /// When the author posted it, if it differs from `received` (1.1).
    pub posted: Option<Spanned<Received>>,
    /// Local files relative to the consultation folder (1.1).
    #[serde(default)]
    pub attachments: Vec<Spanned<String>>,
    /// Who made each translation (1.1; default: the agency).
    #[serde(default)]
    pub translated_by: BTreeMap<Lang, TranslatedBy>,
    /// The input this one answers (1.1).
    pub in_reply_to: Option<Spanned<String>>,
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
    /// The outcome's own documents (1.1).
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Replies during the consultation (1.1); the loader moves them to
    /// [`Consultation::replies`], so this is always empty after loading.
    #[serde(default)]
    pub replies: Vec<Reply>,
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
