//! What templates see: plain, serialisable views of the model and the
//! facts, in one language, with every text already rendered to HTML and
//! every date already written out. Templates only lay them out.

use serde::Serialize;

use super::dates::DateText;

#[derive(Serialize, Clone)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// A text in a language, possibly not the page's (pending translation).
#[derive(Serialize, Clone)]
pub struct LangText {
    pub html: String,
    pub lang: String,
    pub dir: &'static str,
    /// Set when the text is shown in another language than the page's.
    pub pending: bool,
}

#[derive(Serialize, Clone)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    pub dir: &'static str,
    /// Root-relative URL (with the base path).
    pub url: String,
    /// Absolute URL for `hreflang`.
    pub href: String,
}

/// Everything a page in one language shares.
#[derive(Serialize, Clone)]
pub struct Global {
    pub lang: String,
    pub dir: &'static str,
    pub base: String,
    pub site_title: String,
    pub agency_name: String,
    pub contact: String,
    pub redress: String,
    pub legal_extra: Option<String>,
    pub home_url: String,
    pub consultations_url: String,
    pub legal_url: String,
    pub moderation_url: Option<String>,
    pub stylesheet: String,
    pub logo: Option<String>,
    pub build_date: DateText,
    pub feed_url: Option<String>,
}

/// A consultation in a list.
#[derive(Serialize, Clone)]
pub struct Summary {
    pub slug: String,
    pub id: String,
    pub url: String,
    pub title: LangText,
    pub summary: LangText,
    pub status: &'static str,
    pub stage: &'static str,
    pub topics: Vec<Link>,
    pub opens: DateText,
    pub closes: DateText,
    pub decision_due: DateText,
    pub decided: Option<DateText>,
    pub outcome: Option<&'static str>,
    pub days_left: Option<i64>,
    pub days_overdue: Option<i64>,
    pub received: usize,
    pub published: usize,
}

#[derive(Serialize)]
pub struct Question {
    pub id: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub title: String,
    pub url: String,
    pub kind: String,
    pub size: String,
}

#[derive(Serialize)]
pub struct ChangeView {
    pub date: DateText,
    pub note: String,
}

#[derive(Serialize)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct StatsView {
    pub received: usize,
    pub published: usize,
    pub withheld: usize,
    pub answered: usize,
    pub answered_percent: Option<u32>,
    pub days_to_decision: Option<i64>,
    pub decision_on_time: Option<bool>,
    pub withheld_by_reason: Vec<Count>,
    pub by_channel: Vec<Count>,
    pub by_language: Vec<Count>,
    pub by_theme: Vec<Count>,
    pub responses_by_result: Vec<Count>,
}

#[derive(Serialize, Clone)]
pub struct InputRef {
    pub id: String,
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct ResponseView {
    pub n: usize,
    pub anchor: String,
    pub url: String,
    pub result: &'static str,
    pub themes: Vec<String>,
    pub html: String,
    pub inputs: Vec<InputRef>,
    pub changes_url: Option<String>,
}

#[derive(Serialize)]
pub struct MilestoneView {
    pub label: String,
    pub due: DateText,
    pub done: Option<DateText>,
    pub status: &'static str,
    pub late: bool,
    pub note: Option<String>,
}

#[derive(Serialize)]
pub struct DecisionView {
    pub title: LangText,
    pub body: LangText,
    pub outcome: &'static str,
    pub published: DateText,
    pub responses: Vec<ResponseView>,
    pub implementation: Vec<MilestoneView>,
}

#[derive(Serialize)]
pub struct TimelineView {
    pub date: DateText,
    pub kind: &'static str,
    pub label: String,
    pub status: Option<&'static str>,
    pub late: bool,
    pub future: bool,
    pub link: Option<String>,
}

#[derive(Serialize)]
pub struct ConsultationView {
    #[serde(flatten)]
    pub summary: Summary,
    pub body: LangText,
    pub unit: String,
    pub channels: Vec<&'static str>,
    pub questions: Vec<Question>,
    pub documents: Vec<DocumentView>,
    pub changes: Vec<ChangeView>,
    pub stats: StatsView,
    pub decision: Option<DecisionView>,
    pub timeline: Vec<TimelineView>,
    pub withdrawn: Option<(DateText, String)>,
    pub inputs_url: String,
    pub inputs_visible: bool,
    pub calendar_url: Option<String>,
    pub feed_url: Option<String>,
}

/// An input as listed or shown.
#[derive(Serialize, Clone)]
pub struct InputView {
    pub id: String,
    pub url: Option<String>,
    pub received: DateText,
    pub withheld: Option<&'static str>,
    pub channel: &'static str,
    pub author: &'static str,
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub lang: String,
    pub lang_name: String,
    pub dir: &'static str,
    pub themes: Vec<Link>,
    pub questions: Vec<String>,
    pub html: String,
    pub translations: Vec<TranslationView>,
    pub answered_by: Vec<ResponseView>,
}

#[derive(Serialize, Clone)]
pub struct TranslationView {
    pub lang: String,
    pub lang_name: String,
    pub dir: &'static str,
    pub html: String,
}

#[derive(Serialize)]
pub struct ThemeGroup {
    pub key: String,
    pub label: String,
    pub inputs: Vec<InputView>,
}

#[derive(Serialize)]
pub struct Pager {
    pub n: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<(usize, String)>,
}
