//! What templates see: plain, serialisable views of the model and the
//! facts, in one language, with every text already rendered to HTML and
//! every date already written out. Templates only lay them out.
//!
//! This is the template contract: every field is documented here, and
//! `docs/template-context.md` is generated from these comments (see
//! [`super::context`]). A change that removes or retypes a field raises
//! the major version of [`super::context::CONTEXT_VERSION`]. Conventions: a
//! field named `html` or ending in `_html` is HTML, already sanitised
//! (print it with `| safe`); every other string is plain text (Tera escapes
//! it), and `page.title` is always plain; keyword fields (`status`,
//! `result`, …) are stable identifiers for CSS classes, and each has a
//! `*_label` beside it, already translated, so templates never build
//! message keys.

use schemars::JsonSchema;
use serde::Serialize;

use super::dates::DateText;

/// A link with its text.
#[derive(Serialize, JsonSchema, Clone)]
pub struct Link {
    /// The link's text, plain.
    pub label: String,
    /// Root-relative URL (with the site's base path).
    pub url: String,
}

/// A text in a language, possibly not the page's (pending translation).
#[derive(Serialize, JsonSchema, Clone)]
pub struct LangText {
    /// The text as sanitised HTML (inline for titles and summaries).
    pub html: String,
    /// The language the text is in.
    pub lang: String,
    /// `rtl` or `ltr`: the direction of `lang`.
    pub dir: &'static str,
    /// Set when the text is shown in another language than the page's.
    pub pending: bool,
}

/// The same page in one of the site's languages.
#[derive(Serialize, JsonSchema, Clone)]
pub struct Alternate {
    /// Its language code.
    pub lang: String,
    /// The language's name in itself ("العربية", "English").
    pub name: String,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// Root-relative URL (with the base path).
    pub url: String,
    /// Absolute URL for `hreflang`.
    pub href: String,
}

/// Everything a page in one language shares: the template variable `g`.
#[derive(Serialize, JsonSchema, Clone)]
pub struct Global {
    /// The version of this template contract, `major.minor` ("1.0"): a
    /// theme written for `1.x` works with every `1.y` after it.
    pub context_version: &'static str,
    /// The page's language code.
    pub lang: String,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// The site's base path (`""` or `/sub/path`), to prefix root-relative links.
    pub base: String,
    /// The site's title in the page's language.
    pub site_title: String,
    /// The agency's name in the page's language.
    pub agency_name: String,
    /// The agency's official social-media accounts (1.1 `[[social]]`), for every page's footer.
    pub social: Vec<SocialAccountView>,
    /// The page about those accounts and the rules of the agency's pages there, when there are any.
    pub channels_url: Option<String>,
    /// The grammatical gender of that name, `feminine` (default) or `masculine` (1.1 `[agency] gender`): pass it to strings that agree with the agency (`gender=g.agency_gender`).
    pub agency_gender: &'static str,
    /// The agency's contact e-mail address.
    pub contact: String,
    /// How to complain about or appeal a decision, in the page's language.
    pub redress: String,
    /// The agency's own legal notice (`[legal] extra`), if any.
    pub legal_extra: Option<String>,
    /// The language's home page.
    pub home_url: String,
    /// The listing of every consultation.
    pub consultations_url: String,
    /// The legal notices page.
    pub legal_url: String,
    /// The moderation policy page, when the site has it.
    pub moderation_url: Option<String>,
    /// The theme's stylesheet.
    pub stylesheet: String,
    /// The agency's logo, when sablah.toml names one.
    pub logo: Option<String>,
    /// The build date ("as of").
    pub build_date: DateText,
    /// The language's Atom feed.
    pub feed_url: Option<String>,
    /// The site's icon (`<link rel="icon">`): the agency's logo, else the
    /// theme's icon, so that no browser asks for a missing `/favicon.ico`.
    pub icon: String,
    /// The icon's media type (`image/svg+xml`, `image/png`, …).
    pub icon_type: String,
    /// "Official site of …": the identity line of the header, plain.
    pub identity: String,
    /// The free pages (about, participation guide, moderation policy, …),
    /// in the site's order, for the footer's navigation.
    pub pages: Vec<Link>,
    /// The participation guide (the free page `participation-guide`), when
    /// the site has it.
    pub participation_guide_url: Option<String>,
    /// The open data: the readme of the `data/` folder in this language.
    pub data_url: String,
    /// The note said once per page about computed Hijri dates, when the
    /// site shows them.
    pub hijri_note: Option<String>,
    /// The `og:locale` of the page's language (`ar_OM`, `en_GB`).
    pub og_locale: String,
    /// The `og:locale` of the site's other languages.
    pub og_locale_alternates: Vec<String>,
    /// The language's search page.
    pub search_url: String,
}

/// What the `<head>` says of a page: the template variable `meta`, the
/// same for every template.
#[derive(Serialize, JsonSchema, Clone)]
pub struct PageMeta {
    /// The page's own title, plain (`og:title`).
    pub title: String,
    /// The document title (`<title>`): the page's title and the site's,
    /// the site's once when they are the same.
    pub doc_title: String,
    /// One or two sentences on the page, plain (`<meta name="description">`
    /// and `og:description`).
    pub description: String,
    /// Whether the page has a canonical address and language versions
    /// (not the 404 page, which answers at any address).
    pub indexable: bool,
    /// The share image a link to the page shows (`og:image`,
    /// `twitter:image`): a consultation's pages have the consultation's, in
    /// the page's language; other pages none.
    pub image: Option<ShareImageMeta>,
}

/// A page's share image, for the `<head>`.
#[derive(Serialize, JsonSchema, Clone)]
pub struct ShareImageMeta {
    /// Its absolute URL, under the site's `base_url`.
    pub url: String,
    /// Its width in pixels (1200).
    pub width: u32,
    /// Its height in pixels (630).
    pub height: u32,
    /// What it shows, in the page's language (`og:image:alt`).
    pub alt: String,
}

/// A consultation in a list (and the head of its own page).
#[derive(Serialize, JsonSchema, Clone)]
pub struct Summary {
    /// Its folder name, the last segment of its URL.
    pub slug: String,
    /// Its public reference (`id` in consultation.toml).
    pub id: String,
    /// Its page.
    pub url: String,
    /// Its title, plain.
    pub title: String,
    /// Its title (inline HTML), in the page's language or, pending its translation, another.
    pub title_html: LangText,
    /// Its one-paragraph summary, plain.
    pub summary: String,
    /// Its one-paragraph summary (inline HTML).
    pub summary_html: LangText,
    /// `upcoming`, `open`, `under-review`, `overdue`, `decided` or `withdrawn`, as of the build date.
    pub status: &'static str,
    /// The status in the page's language.
    pub status_label: String,
    /// The policy stage: `agenda-setting`, `policy-design`, `drafting`, `implementation` or `evaluation`.
    pub stage: &'static str,
    /// The stage in the page's language.
    pub stage_label: String,
    /// Its topics, each linking to the topic's listing.
    pub topics: Vec<Link>,
    /// The day comments open.
    pub opens: DateText,
    /// The last day comments are taken.
    pub closes: DateText,
    /// The closing time of day with its time zone ("23:59, UTC+04:00"), when `closes` gives one (1.1).
    pub closes_time: Option<String>,
    /// The day the agency committed to publish its outcome; none when it committed to no date (1.1).
    pub decision_due: Option<DateText>,
    /// The day the decision was published, once decided.
    pub decided: Option<DateText>,
    /// `adopted`, `adopted-with-changes`, `not-adopted` or `deferred`, once decided.
    pub outcome: Option<&'static str>,
    /// The outcome in the page's language, once decided.
    pub outcome_label: Option<String>,
    /// Days until it closes, while open.
    pub days_left: Option<i64>,
    /// Days past its decision due date, while overdue.
    pub days_overdue: Option<i64>,
    /// Inputs received (published and withheld).
    pub received: usize,
    /// Inputs published.
    pub published: usize,
}

/// A question participants are asked.
#[derive(Serialize, JsonSchema)]
pub struct Question {
    /// Its id, for anchors.
    pub id: String,
    /// Its text, plain.
    pub text: String,
}

/// A document of the consultation.
#[derive(Serialize, JsonSchema)]
pub struct DocumentView {
    /// Its title, plain.
    pub title: String,
    /// Where it is downloaded.
    pub url: String,
    /// Its file type, in capitals ("PDF"): `format` as the agency wrote it, else the file's extension.
    pub kind: String,
    /// Its own HTML page, for text documents (`.txt`, `.md`) that a
    /// browser would otherwise show raw; `url` stays the original file.
    pub page_url: Option<String>,
    /// Its size, written out ("120 KB"), in the page's digits; none for a document on another site (1.1).
    pub size: Option<String>,
    /// Whether it is on another site (`path` is a web address, 1.1).
    pub external: bool,
    /// `consultation`, `feedback` or `outcome`, when given (1.1).
    pub phase: Option<&'static str>,
    /// The phase in the page's language.
    pub phase_label: Option<String>,
    /// The agency's reference of the document (1.1).
    pub reference: Option<String>,
    /// Its number of pages, in the page's digits (1.1).
    pub pages: Option<String>,
    /// Where to ask for another format: a `mailto:` or https link (1.1).
    pub accessible_href: Option<String>,
    /// That address as shown.
    pub accessible: Option<String>,
}

/// A way to take part (1.1 `[[participation]]`, the consultation's or the agency's default).
#[derive(Serialize, JsonSchema)]
pub struct ParticipationView {
    /// `web`, `email`, `social`, `meeting`, `letter` or `phone`.
    pub channel: &'static str,
    /// The channel in the page's language.
    pub channel_label: String,
    /// The agency's own label for it, plain, if any.
    pub label: Option<String>,
    /// The address as shown (a URL, an e-mail, a phone number, a postal address or a place).
    pub address: String,
    /// A link for it: the form's URL, `mailto:` with the consultation's reference as subject, or `tel:`; none for a postal address or a place.
    pub href: Option<String>,
}

/// A reply of the agency during the consultation (1.1).
#[derive(Serialize, JsonSchema)]
pub struct ReplyView {
    /// When.
    pub date: DateText,
    /// The reply (HTML).
    pub html: String,
    /// The inputs it answers.
    pub inputs: Vec<InputRef>,
}

/// One of the agency's social-media posts about the consultation (1.1).
#[derive(Serialize, JsonSchema)]
pub struct SocialPostView {
    /// `x`, `facebook`, … (see the content format).
    pub platform: &'static str,
    /// The platform's name in the page's language.
    pub platform_label: String,
    /// The post.
    pub url: String,
    /// When it was posted.
    pub date: DateText,
    /// The agency's label, plain, if any.
    pub label: Option<String>,
}

/// A file attached to an input (1.1).
#[derive(Serialize, JsonSchema, Clone)]
pub struct AttachmentView {
    /// Its file name.
    pub name: String,
    /// Where it is downloaded.
    pub url: String,
    /// Its file type, in capitals.
    pub kind: String,
    /// Its size, written out, in the page's digits.
    pub size: String,
}

/// An entry of the consultation's public change history.
#[derive(Serialize, JsonSchema)]
pub struct ChangeView {
    /// When the record changed.
    pub date: DateText,
    /// What changed, plain.
    pub note: String,
}

/// One line of a breakdown: a key, its label and its count.
#[derive(Serialize, JsonSchema)]
pub struct Count {
    /// A stable key (a reason, channel, language code, theme or result).
    pub key: String,
    /// The key in the page's language.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// A consultation's statistics.
#[derive(Serialize, JsonSchema)]
pub struct StatsView {
    /// Inputs received (with the totals declared in `[received]`, 1.1).
    pub received: usize,
    /// Whether `received` includes declared totals, so that more was received than is published one by one (1.1).
    pub declared: bool,
    /// Inputs received but not yet reviewed (1.1 `moderation = "pending"`).
    pub pending: usize,
    /// Inputs published.
    pub published: usize,
    /// Inputs withheld under the moderation rules.
    pub withheld: usize,
    /// Published inputs answered by a response.
    pub answered: usize,
    /// `answered` as a share of `published`, once decided (none when nothing was published).
    pub answered_percent: Option<u32>,
    /// Days from closing to the decision, once decided.
    pub days_to_decision: Option<i64>,
    /// Whether the decision came on or before its due date, once decided.
    pub decision_on_time: Option<bool>,
    /// How long its published inputs waited for a first answer.
    pub answer_days: Option<AnswerDays>,
    /// Withheld inputs by reason.
    pub withheld_by_reason: Vec<Count>,
    /// Inputs by channel.
    pub by_channel: Vec<Count>,
    /// Inputs by the language they were written in.
    pub by_language: Vec<Count>,
    /// Inputs by theme.
    pub by_theme: Vec<Count>,
    /// Responses by result.
    pub responses_by_result: Vec<Count>,
}

/// A link to an input.
#[derive(Serialize, JsonSchema, Clone)]
pub struct InputRef {
    /// The input's id.
    pub id: String,
    /// Its page, when its text is published.
    pub url: Option<String>,
}

/// One response of the decision.
#[derive(Serialize, JsonSchema, Clone)]
pub struct ResponseView {
    /// Its number, from 1.
    pub n: usize,
    /// Its anchor on the consultation's page (`response-<n>`).
    pub anchor: String,
    /// Its address: the consultation's page with the anchor.
    pub url: String,
    /// `accepted`, `partly-accepted`, `not-accepted`, `noted` or `out-of-scope`.
    pub result: &'static str,
    /// The result in the page's language.
    pub result_label: String,
    /// The themes it answers, in the page's language.
    pub themes: Vec<String>,
    /// Its text, as sanitised HTML.
    pub html: String,
    /// The inputs it answers.
    pub inputs: Vec<InputRef>,
    /// What changed as a result, when the response names a file.
    pub changes_url: Option<String>,
}

/// An implementation milestone of the decision.
#[derive(Serialize, JsonSchema)]
pub struct MilestoneView {
    /// What is to be done, plain.
    pub label: String,
    /// When it is due.
    pub due: DateText,
    /// When it was done, for `met` and `partly-met`.
    pub done: Option<DateText>,
    /// `scheduled`, `met`, `partly-met` or `not-met`.
    pub status: &'static str,
    /// The status in the page's language.
    pub status_label: String,
    /// Still scheduled after its due date.
    pub late: bool,
    /// The agency's note, plain.
    pub note: Option<String>,
}

/// The agency's decision.
#[derive(Serialize, JsonSchema)]
pub struct DecisionView {
    /// Its title (inline HTML).
    pub title_html: LangText,
    /// The rationale (HTML).
    pub body_html: LangText,
    /// `adopted`, `adopted-with-changes`, `not-adopted` or `deferred`.
    pub outcome: &'static str,
    /// The outcome in the page's language.
    pub outcome_label: String,
    /// The outcome in one sentence, plain, in the page's language ("The
    /// proposal was adopted with changes on 25 May 2026.").
    pub sentence: String,
    /// When it was published.
    pub published: DateText,
    /// How the inputs were used.
    pub responses: Vec<ResponseView>,
    /// What the agency does after deciding.
    pub implementation: Vec<MilestoneView>,
    /// The outcome's own documents (1.1).
    pub documents: Vec<DocumentView>,
}

/// An event of the outcome timeline.
#[derive(Serialize, JsonSchema)]
pub struct TimelineView {
    /// When.
    pub date: DateText,
    /// `opening`, `closing`, `decision-due`, `decision`, `withdrawn`, `event`, `milestone`, `reply` or `social-post` (1.1).
    pub kind: &'static str,
    /// What happens, plain, in the page's language.
    pub label: String,
    /// A milestone's status (`scheduled`, `met`, `partly-met`, `not-met`).
    pub status: Option<&'static str>,
    /// A milestone's status in the page's language.
    pub status_label: Option<String>,
    /// A milestone still scheduled after its date.
    pub late: bool,
    /// After the build date.
    pub future: bool,
    /// One status for the timeline's single visual language: `done` (past,
    /// or a milestone met), `late`, `today` or `upcoming`.
    pub state: &'static str,
    /// `state` in the page's language.
    pub state_label: String,
    /// Where to read more, if anywhere.
    pub link: Option<String>,
}

/// A withdrawn consultation's notice.
#[derive(Serialize, JsonSchema)]
pub struct WithdrawnView {
    /// When it was withdrawn.
    pub date: DateText,
    /// Why, plain, in the page's language.
    pub reason: String,
}

/// A consultation's page: its summary's fields, and the rest of its record.
#[derive(Serialize, JsonSchema)]
pub struct ConsultationView {
    /// The fields of [`Summary`], at the top level.
    #[serde(flatten)]
    pub summary: Summary,
    /// Why the agency consults, what is open to change, how inputs are used (HTML).
    pub body_html: LangText,
    /// The accountable unit's name (the lead unit's, when several).
    pub unit: String,
    /// Every accountable unit's name, the lead first (1.1).
    pub units: Vec<String>,
    /// How to take part, per accepted channel that has an address (1.1).
    pub participation: Vec<ParticipationView>,
    /// The agency's summary of what it heard (HTML), when written (1.1 `summary.<lang>.md`).
    pub summary_of_responses_html: Option<LangText>,
    /// The agency's replies during the consultation (1.1).
    pub replies: Vec<ReplyView>,
    /// The agency's social-media posts about it (1.1).
    pub social_posts: Vec<SocialPostView>,
    /// The channels it accepts: `web`, `email`, `social`, `meeting`, `letter`, `phone`.
    pub channels: Vec<&'static str>,
    /// The channels in the page's language, in the same order.
    pub channel_labels: Vec<String>,
    /// What participants are asked.
    pub questions: Vec<Question>,
    /// Its documents.
    pub documents: Vec<DocumentView>,
    /// Its public change history.
    pub changes: Vec<ChangeView>,
    /// Its statistics.
    pub stats: StatsView,
    /// The decision, once published.
    pub decision: Option<DecisionView>,
    /// The outcome timeline, in date order.
    pub timeline: Vec<TimelineView>,
    /// Set when it was withdrawn.
    pub withdrawn: Option<WithdrawnView>,
    /// The listing of its inputs.
    pub inputs_url: String,
    /// Whether input texts are on the site yet (`publish_inputs = "after-close"` hides them until it closes).
    pub inputs_visible: bool,
    /// Its iCalendar file.
    pub calendar_url: Option<String>,
    /// Its Atom feed.
    pub feed_url: Option<String>,
}

/// An input as listed or shown.
#[derive(Serialize, JsonSchema, Clone)]
pub struct InputView {
    /// Its id.
    pub id: String,
    /// Its page, when its text is published.
    pub url: Option<String>,
    /// When it was received.
    pub received: DateText,
    /// The moderation reason, when withheld (then nothing else of its text or author is given).
    pub withheld: Option<&'static str>,
    /// The reason in the page's language, when withheld.
    pub withheld_label: Option<String>,
    /// `web`, `email`, `social`, `meeting`, `letter` or `phone`.
    pub channel: &'static str,
    /// The channel in the page's language.
    pub channel_label: String,
    /// `individual`, `organisation` or `anonymous`.
    pub author: &'static str,
    /// The kind of author in the page's language.
    pub author_label: String,
    /// The author's name, only when they agreed to its publication.
    pub name: Option<String>,
    /// The organisation, for a published organisation's input.
    pub organisation: Option<String>,
    /// Its author's title, plain, when published (1.1).
    pub title: Option<String>,
    /// The platform, for a social-media input (1.1), in the page's language.
    pub platform_label: Option<String>,
    /// The permalink of the original, only when the author agreed to their name being published (1.1).
    pub source_url: Option<String>,
    /// When the author posted it, if that differs from when it was received (1.1).
    pub posted: Option<DateText>,
    /// Its attachments, when its text is published (1.1).
    pub attachments: Vec<AttachmentView>,
    /// The input it answers (1.1 `in_reply_to`).
    pub in_reply_to: Option<InputRef>,
    /// The language it was written in.
    pub lang: String,
    /// That language's name in the page's language.
    pub lang_name: String,
    /// `rtl` or `ltr`, for `lang`.
    pub dir: &'static str,
    /// Its themes.
    pub themes: Vec<Link>,
    /// The questions it answers, plain.
    pub questions: Vec<String>,
    /// The citizen's words, as sanitised HTML (empty when not published).
    pub html: String,
    /// The agency's translations.
    pub translations: Vec<TranslationView>,
    /// Whether the original is in another language than the page's.
    pub foreign: bool,
    /// The translation into the page's language, when the original is in
    /// another and a translation exists (listings show it in its place,
    /// marked as a translation).
    pub page_translation: Option<TranslationView>,
    /// The responses that answer it.
    pub answered_by: Vec<ResponseView>,
}

/// A translation of an input.
#[derive(Serialize, JsonSchema, Clone)]
pub struct TranslationView {
    /// Its language.
    pub lang: String,
    /// That language's name in the page's language.
    pub lang_name: String,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// The translation, as sanitised HTML.
    pub html: String,
    /// Who translated it: `agency`, `author` or `machine` (1.1; default `agency`).
    pub by: &'static str,
    /// Who translated it, in the page's language.
    pub by_label: String,
    /// What the translation is worth, in the page's language, by who made
    /// it ("This translation was made by the agency; the original text
    /// prevails."): shown above it on the input's page.
    pub note: String,
    /// The mark of a listing that shows the translation in the original's
    /// place ("Translated from Arabic by the agency."), in the page's
    /// language.
    pub mark: String,
}

/// Inputs that share their first theme, on an inputs page.
#[derive(Serialize, JsonSchema)]
pub struct ThemeGroup {
    /// The theme's key (empty for inputs without a theme).
    pub key: String,
    /// The theme in the page's language.
    pub label: String,
    /// The inputs, in id order.
    pub inputs: Vec<InputView>,
}

/// One page of a paginated listing.
#[derive(Serialize, JsonSchema)]
pub struct Pager {
    /// This page's number, from 1.
    pub n: usize,
    /// How many pages there are.
    pub total: usize,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// Every page of the listing.
    pub pages: Vec<PageLink>,
}

/// A page of a listing.
#[derive(Serialize, JsonSchema)]
pub struct PageLink {
    /// Its number, from 1.
    pub n: usize,
    /// Its address.
    pub url: String,
}

/// A group of filters on a listing.
#[derive(Serialize, JsonSchema)]
pub struct FilterGroup {
    /// What the filters are by ("Status"), in the page's language.
    pub label: String,
    /// One listing per value.
    pub links: Vec<Link>,
}

/// `list.html`: a listing of consultations.
#[derive(Serialize, JsonSchema)]
pub struct ListPage<'a> {
    /// The page's title, plain.
    pub title: String,
    /// The listing's heading, plain (the title without the page number).
    pub heading: String,
    /// This page's consultations.
    pub consultations: &'a [Summary],
    /// Where this page stands among the listing's pages, when there are several.
    pub pager: Option<Pager>,
    /// The other listings (by status, stage, topic).
    pub filters: Vec<FilterGroup>,
    /// The first page of this listing, to mark the current filter.
    pub current: String,
}

/// `home.html`: the language's home page.
#[derive(Serialize, JsonSchema)]
pub struct HomePage<'a> {
    /// The page's title, plain.
    pub title: String,
    /// Open consultations, closing soonest first.
    pub open: Vec<&'a Summary>,
    /// The ten most recent decisions, newest first.
    pub outcomes: Vec<&'a Summary>,
    /// Consultations past their decision due date, most overdue first.
    pub overdue: Vec<&'a Summary>,
    /// Consultations not open yet, opening soonest first.
    pub upcoming: Vec<&'a Summary>,
    /// How quickly the agency answers inputs, over the whole site.
    pub answer_days: Option<AnswerDays>,
}

/// How long published inputs waited for the agency's first answer (a reply during the consultation, or the decision's response).
#[derive(Serialize, JsonSchema, Clone)]
pub struct AnswerDays {
    /// The median wait, in days.
    pub median: i64,
    /// The longest wait, in days.
    pub slowest: i64,
    /// The inputs answered, that the figures are over.
    pub answered: usize,
    /// The figures as a sentence in the page's language.
    pub text: String,
}

/// `page.html`: a free page (about, moderation policy, …).
#[derive(Serialize, JsonSchema)]
pub struct ProsePage {
    /// Its title, plain.
    pub title: String,
    /// Its title (inline HTML).
    pub title_html: LangText,
    /// Its text (HTML).
    pub body_html: LangText,
}

/// An official social-media account of the agency.
#[derive(Serialize, JsonSchema, Clone)]
pub struct SocialAccountView {
    /// `x`, `facebook`, `instagram`, … (see the content format).
    pub platform: &'static str,
    /// The platform's name in the page's language.
    pub platform_label: String,
    /// The account's address (https, as written; no tracking parameters are added).
    pub url: String,
    /// The account's handle, such as `@example`.
    pub handle: String,
    /// The agency's label for it, plain, if any.
    pub label: Option<String>,
}

/// `channels.html`: the agency's official accounts and the rules of its pages there.
#[derive(Serialize, JsonSchema)]
pub struct ChannelsPage {
    /// The page's title, plain.
    pub title: String,
    /// The text to paste in each platform's "about" field, as published in `/data/social-disclaimer.<lang>.txt`.
    pub disclaimer: String,
    /// That file.
    pub disclaimer_url: String,
}

/// `root.html`, `404.html` and `legal.html`.
#[derive(Serialize, JsonSchema)]
pub struct RootPage {
    /// The page's title, plain.
    pub title: String,
    /// The site's languages (`root.html`, `404.html`): each with its home
    /// page, for the language choice.
    pub languages: Vec<LanguageChoice>,
}

/// One language of the language choice, said in that language.
#[derive(Serialize, JsonSchema)]
pub struct LanguageChoice {
    /// Its code.
    pub lang: String,
    /// `rtl` or `ltr`.
    pub dir: &'static str,
    /// Its name in itself ("العربية").
    pub name: String,
    /// The site's title in it.
    pub site_title: String,
    /// "Enter the site in English", in it.
    pub enter: String,
    /// The 404 text in it.
    pub not_found: String,
    /// Its home page.
    pub url: String,
}

/// `document.html`: a text document (`.txt`, `.md`) as a page.
#[derive(Serialize, JsonSchema)]
pub struct DocumentPage<'a> {
    /// The document's title, plain.
    pub title: String,
    /// The consultation.
    pub consultation: &'a Summary,
    /// The document (its download address, type and size).
    pub document: &'a DocumentView,
    /// A Markdown document, rendered (sanitised HTML, headings under the `h1`).
    pub html: Option<String>,
    /// A plain-text document, as text (shown wrapped, in `<pre>`).
    pub text: Option<String>,
}

/// `inputs.html`: a page of a consultation's inputs.
#[derive(Serialize, JsonSchema)]
pub struct InputsPage<'a> {
    /// The page's title, plain.
    pub title: String,
    /// The consultation.
    pub consultation: &'a ConsultationView,
    /// This page's inputs by their first theme, in the consultation's theme order.
    pub groups: Vec<ThemeGroup>,
    /// Where this page stands among the listing's pages, when there are several.
    pub pager: Option<Pager>,
    /// Whether input texts are on the site yet.
    pub visible: bool,
}

/// `input.html`: one published input.
#[derive(Serialize, JsonSchema)]
pub struct InputPage<'a> {
    /// The page's title, plain.
    pub title: String,
    /// The consultation.
    pub consultation: &'a Summary,
    /// The input.
    pub input: &'a InputView,
    /// The listing of the consultation's inputs.
    pub inputs_url: String,
}

/// A value to filter by: its key and its label.
#[derive(Serialize, JsonSchema, Clone)]
pub struct Choice {
    /// The stable key (a status or topic key).
    pub key: String,
    /// The key in the page's language.
    pub label: String,
}

/// A text the search script shows, as a `data-<name>` attribute of the form.
#[derive(Serialize, JsonSchema)]
pub struct ScriptText {
    /// The attribute's name after `data-` (`count-one`, `kind-i`, …).
    pub name: String,
    /// The text, plain; `{n}` stands for a number and `{id}` for an input id.
    pub text: String,
}

/// Consultations of one status, in a browse group.
#[derive(Serialize, JsonSchema)]
pub struct BrowseStatus<'a> {
    /// The status, with its label.
    pub status: Choice,
    /// Its consultations, newest first.
    pub consultations: Vec<&'a Summary>,
}

/// Consultations of one topic (or of none), by status.
#[derive(Serialize, JsonSchema)]
pub struct BrowseTopic<'a> {
    /// The topic's key (empty for consultations without one) and label.
    pub topic: Choice,
    /// Its consultations by status, in status order; statuses without any left out.
    pub statuses: Vec<BrowseStatus<'a>>,
}

/// `search.html`: the search page.
#[derive(Serialize, JsonSchema)]
pub struct SearchPage<'a> {
    /// The page's title, plain.
    pub title: String,
    /// The folder of the language's index (ends in `/`), for the script.
    pub index_url: String,
    /// The search script (a JavaScript module).
    pub script: String,
    /// The ten digits numbers are written with in the page's language.
    pub digits: String,
    /// Texts the script shows.
    pub texts: Vec<ScriptText>,
    /// Every status, to filter by.
    pub statuses: Vec<Choice>,
    /// Every topic, to filter by.
    pub topics: Vec<Choice>,
    /// Every consultation by topic and status: the page without JavaScript.
    pub browse: Vec<BrowseTopic<'a>>,
}
