## Interface strings of the default theme, English.
## A site overrides any of them, or adds a language, with i18n/<lang>.ftl in
## its own folder. Numbers arrive already formatted in the page's digits.

language-name = English
skip-to-content = Skip to main content
nav-label = Main
nav-home = Home
nav-consultations = Consultations
nav-moderation = Moderation policy
nav-legal = Legal notices
other-language = Other languages
choose-language = Choose a language
home-heading = Public consultations
home-intro = { $agency } asks for the public's views before it decides. Every input is answered, and every decision explains how the inputs were used.
home-open = Open for comment
home-open-none = No consultation is open at the moment.
home-outcomes = Recent outcomes
home-outcomes-none = No outcome has been published yet.
home-overdue = Decisions overdue
home-upcoming = Coming soon
home-all = All consultations
as-of = Status as of { $date }

status-upcoming = Upcoming
status-open = Open
status-under-review = Under review
status-overdue = Decision overdue
status-decided = Decided
status-withdrawn = Withdrawn

stage-agenda-setting = Agenda setting
stage-policy-design = Policy design
stage-drafting = Drafting
stage-implementation = Implementation
stage-evaluation = Evaluation

days-left = { $count ->
    [0] Closes today
    [one] One day left
   *[other] { $count } days left
}
days-overdue = { $count ->
    [0] Decision due today
    [one] One day overdue
   *[other] { $count } days overdue
}
inputs-count = { $count ->
    [0] No inputs
    [one] One input
   *[other] { $count } inputs
}
published-count = { $count ->
    [0] none published
    [one] one published
   *[other] { $count } published
}
consultations-count = { $count ->
    [0] No consultations
    [one] One consultation
   *[other] { $count } consultations
}

list-heading = All consultations
list-filter-status = By status
list-filter-stage = By stage
list-filter-topic = By topic
list-all = All
list-empty = No consultation matches this view.
list-view-status = Consultations: { $status }
list-view-stage = Consultations at the stage: { $stage }
topic-heading = Topic: { $topic }

pagination = Pages
page-previous = Previous page
page-next = Next page
page-n = Page { $n }
page-of = Page { $n } of { $total }

field-reference = Reference
field-stage = Stage
field-status = Status
field-topics = Topics
field-unit = Accountable unit
field-contact = Contact
field-redress = How to seek redress
field-opens = Opens
field-closes = Closes
field-decision-due = Decision due
field-channels = Ways to take part
field-published = Published
field-outcome = Outcome

section-about = About this consultation
section-questions = Questions
section-documents = Documents
section-changes = Change history
section-statistics = Participation in figures
section-moderation = Moderation
section-decision = Decision
section-responses = How the inputs were used
section-implementation = Implementation
section-timeline = Timeline
section-inputs = Inputs
section-accountability = Accountability

document-size = { $type }, { $size }
stat-received = Inputs received
stat-published = Published
stat-withheld = Withheld under the moderation policy
stat-answered = Published inputs answered
stat-days-to-decision = Days from closing to decision
stat-on-time = Decision on time
stat-late = Decision late
stat-by-channel = By channel
stat-by-language = By language
stat-by-theme = By theme
stat-responses-by-result = Responses by result
moderation-intro = Inputs are published under the { $policy }. Withheld inputs are counted here and listed, without their text, where they would have stood.
moderation-policy-link = published moderation policy
moderation-none = No input was withheld.
withheld-reason-count = { $reason }: { $count }

reason-irrelevant = Irrelevant or out of context
reason-abusive = Abusive or offensive
reason-defamatory = Defamatory
reason-discriminatory = Discriminatory
reason-illegal = Supports or incites illegal activity
reason-ip-violation = Violates intellectual-property or other rights
reason-personal-data = Contains personal data
reason-duplicate = Duplicate
reason-spam = Spam

channel-web = Website
channel-email = E-mail
channel-social = Social media
channel-meeting = Meeting
channel-letter = Letter
channel-phone = Telephone

outcome-adopted = Adopted
outcome-adopted-with-changes = Adopted with changes
outcome-not-adopted = Not adopted
outcome-deferred = Deferred

result-accepted = Accepted
result-partly-accepted = Partly accepted
result-not-accepted = Not accepted
result-noted = Noted
result-out-of-scope = Out of scope

milestone-scheduled = Scheduled
milestone-met = Met
milestone-partly-met = Partly met
milestone-not-met = Not met
milestone-late = Late
milestone-due = Due { $date }
milestone-done = Done { $date }
response-answers = Answers these inputs
response-answers-none = Answers no published input.
response-changes = What changed as a result
response-n = Response { $n }

timeline-opening = Consultation opens
timeline-closing = Consultation closes
timeline-decision-due = Decision due (the agency's commitment)
timeline-decision = Decision published
timeline-withdrawn = Consultation withdrawn
timeline-future = upcoming

withdrawn-notice = This consultation was withdrawn on { $date }.
decision-pending = The agency has not yet published its decision. It committed to do so by { $date }.
decision-overdue = The decision was due on { $date } and has not been published.
inputs-hidden = Inputs to this consultation are published after it closes, on { $date }. Until then only their number is shown.
inputs-link = Read the published inputs
inputs-none = No input has been received.

inputs-heading = Inputs: { $title }
inputs-theme-none = No theme
input-heading = Input { $id }
input-received = Received
input-channel = Channel
input-author = From
input-language = Written in
input-questions = Questions answered
input-themes = Themes
author-individual = An individual
author-organisation = An organisation
author-anonymous = Anonymous
input-original = Original text
input-translation = Translation by the agency ({ $lang })
input-translation-note = This translation was made by the agency; the original text prevails.
input-answered-by = How the agency answered this input
input-not-answered-yet = The agency has not yet answered this input; it will do so in its decision.
withheld-placeholder = Input { $id }, received { $date }, was withheld: { $reason }.
inputs-translated-agency = Translated from { $lang } by the agency.
inputs-translated-author = Translated from { $lang } by its author.
inputs-translated-machine = Machine translation from { $lang }.
inputs-see-original = Read the original
inputs-no-translation = Written in { $lang }; no translation into English exists.
back-to-consultation = Back to the consultation
back-to-inputs = All inputs

translation-pending = The { $lang } translation of this text is pending; it is shown in the original language.

legal-heading = Legal notices
legal-ip-short = Citizens' inputs on this site are their authors' opinions, not the agency's, and remain their authors' works: reuse them only with their source named.
legal-copyright-short = Protected under the Copyright and Related Rights Law, promulgated by Royal Decree No. 65/2008.
legal-read-more = Legal notices in full
legal-ip-heading = Intellectual property and responsibility
legal-ip-full =
    This site is the official record of { $agency }'s public consultations.
    Inputs published on it are the opinions of their authors. The agency is not responsible for those opinions, and publishing an input does not mean that the agency endorses it.
    Each input remains the work of its author. It is published under the participation terms of this site; anyone who reuses it must name its source.
    The agency's own documents may be reused with attribution. Official documents, such as the texts of laws, regulations and decisions and their official translations, are not protected by copyright (Article 4 of the law cited below).
    Content that violates intellectual-property or other legal rights is not published. If you believe that something on this site infringes your rights, write to { $contact }.
legal-copyright-heading = Copyright
legal-copyright-full =
    The content of this site is protected under the Copyright and Related Rights Law, promulgated by Royal Decree No. 65/2008 and amended by Royal Decree No. 132/2008. The Sultanate of Oman has been party to the Berne Convention since 14 July 1999; protection needs no registration.
    Uses permitted without the author's consent are limited to those the law lists (Article 20), such as quotation for review or criticism, and each requires that the source and the author be named. An author's moral rights cannot be waived.
legal-privacy-heading = Personal data
legal-privacy-full = Names are published only with their authors' consent, and inputs are checked for personal data before publication, in keeping with the Personal Data Protection Law (Royal Decree No. 6/2022).
legal-agency-notice = Notice from the agency
legal-reuse-heading = Reusing the open data

footer-contact = Questions or complaints: { $contact }
footer-built = Built on { $date } with Sablah.

date-hijri = ({ $date })
list-separator = { ", " }
date-approx = approx.
not-found-heading = Page not found
not-found-text = The page you asked for does not exist. It may have moved.
not-found-home = Go to the home page

## Page heads, identity and navigation
meta-description = { $agency }: public consultations, what is open for comment, the inputs received, the decisions and how the inputs were used.
identity-line = { $agency }: official public-consultation site
nav-take-part = How to take part
nav-open-data = Open data
footer-nav-label = About this site
footer-contact-label = Questions or complaints:
enter-site = Enter the site in English
hijri-note = Hijri dates are computed with the Umm al-Qura calendar and may differ by a day from the dates fixed by moon sighting in Oman.

## The outcome and participation boxes at the top of a consultation
outcome-heading = What was decided
outcome-sentence-adopted = The proposal was adopted on { $date }.
outcome-sentence-adopted-with-changes = The proposal was adopted with changes on { $date }.
outcome-sentence-not-adopted = The proposal was not adopted; the decision was published on { $date }.
outcome-sentence-deferred = The decision on the proposal was deferred on { $date }.
outcome-read-rationale = Read the full decision and its reasons
answered-share = { $percent }% of published inputs answered
take-part-more = Other ways to take part
take-part-guide = Participation guide: how to take part and what happens to your input
section-facts = Key facts
document-download = Download the original ({ $type }, { $size })
timeline-today = Today
timeline-state-done = Done
timeline-state-late = Late
timeline-state-today = Today
timeline-state-upcoming = Upcoming

## Feeds, calendars and open data (src/output). Technical names
## ($utf8, $sha256, $rfc, $bcp, $draft, $codepage, $sig, $check, $root,
## $sums, $manifest) are arguments so that their digits stay Western.

feed-link-title = Updates (Atom feed)
feed-subtitle = Openings, closings, decisions and implementation of the public consultations of { $agency }
feed-consultation-subtitle = The dates, decision and implementation of this consultation
feed-opening = Consultation opened: { $title }
feed-opening-text = Inputs are welcome until { $date }.
feed-closing = Consultation closed: { $title }
feed-closing-text = The comment period has closed. The agency has committed to publish its decision by { $date }.
feed-event = { $title }: { $label }
feed-withdrawn = Consultation withdrawn: { $title }
feed-overdue = Decision overdue: { $title }
feed-overdue-text = The agency committed to publish its decision by { $date }, and had not published it by then.
feed-decision = Decision published: { $title }
feed-decision-text = Outcome: { $outcome }.
feed-milestone = { $title }: { $label } ({ $status })
calendar-window = Comment period: { $title }
calendar-decision-due = Decision due: { $title }
calendar-decision-due-text = The agency has committed to publish its decision on this consultation by this date.
follow-heading = Follow this consultation
follow-feed = Updates feed (Atom)
follow-calendar = Add its dates to your calendar (iCalendar)

data-readme-title = Open data
data-readme-intro = The records of the public consultations of this site are published as open data at the addresses below, by { $agency }. The files are rebuilt with the site and each states the date it was built. Withheld inputs are never included, only counted by reason, and names appear only where their authors agreed to it.
data-readme-files = Files
data-file-consultations = Every consultation: its dates, status, statistics, decision, the responses (with the inputs each answers) and the implementation. JSON, described by the schema below.
data-file-schema = The JSON Schema (draft { $draft }) of consultations.json. The field schema_version gives the version of the format: a new minor version only adds fields.
data-file-inputs = Every published input, one per row. CSV ({ $rfc }), { $utf8 } with a byte order mark.
data-file-dictionary = What each column of inputs.csv means, in every language of the site.
data-file-manifest = Every published file with its size and { $sha256 } hash, and one root hash over the list.
data-file-checksums = The same list, in the format of the sha256sum tool.
data-file-feed = Atom feed: openings, closings, decisions and implementation milestones.
data-file-calendar = iCalendar: the comment period of each consultation and the date by which its decision is due.
data-file-sitemap = Every page of the site, with its versions in the other languages.
data-readme-columns = Columns of inputs.csv
data-column-consultation_id = The agency's public reference of the consultation, as in consultations.json.
data-column-consultation_slug = The consultation's name in the addresses of the site's pages.
data-column-input_id = The input's identifier, unique within its consultation.
data-column-received = When the agency received the input: a date (YYYY-MM-DD), or a date and time with its offset from UTC, as recorded.
data-column-channel = How the input arrived: web (the website), email, social (social media), meeting, letter or phone.
data-column-language = The language of the original text, as a { $bcp } code such as ar or en.
data-column-author = Who wrote it: individual, organisation or anonymous.
data-column-organisation = The organisation on whose behalf the input was made, if any.
data-column-name = The author's name, only where the author agreed to its publication; empty otherwise.
data-column-themes = The issues the input raises, as theme keys separated by semicolons; their labels are in consultations.json.
data-column-questions = The consultation's questions that the input answers, as question ids separated by semicolons.
data-column-responses = The numbers of the agency's responses that answer the input, separated by semicolons; empty before the decision.
data-column-response_results = The result of each of those responses, in the same order: accepted, partly-accepted, not-accepted, noted or out-of-scope.
data-column-url = The input's page in the site's default language ({ $lang }); for another language, replace /{ $lang }/ in the address with that language's code.
data-column-text = The input's original text as published (Markdown). A cell that would begin with =, +, - or @ begins with an added apostrophe (') so that spreadsheets do not run it as a formula.
data-readme-terms = Reuse terms
data-terms =
    1. This data is the official record of the agency's public consultations. You may copy, publish, analyse and combine it with other data, naming its source: { $agency }, { $site }.
    2. Facts and figures (dates, statuses, counts and outcomes) are data, and official documents such as the texts of laws, regulations and decisions are not protected by copyright (Article 4 of the Copyright and Related Rights Law, Royal Decree No. 65/2008). The agency's own texts may be reused with attribution.
    3. Each citizen input remains the work of its author and is published under the participation terms of this site. Reuse it only as the law allows without the author's consent (Article 20, for example quotation for review or criticism), naming its source and its author as published, and without distorting it; the author's moral rights cannot be waived. Inputs are their authors' opinions: publishing them does not mean the agency endorses them.
    4. Names appear only where their authors agreed to it. Do not use this data to identify or contact people who chose not to be named: personal data is protected by the Personal Data Protection Law (Royal Decree No. 6/2022).
    5. Anyone who believes that something published here infringes their rights can write to { $contact }.
data-readme-spreadsheets = Opening inputs.csv in a spreadsheet
data-spreadsheets = The file is { $utf8 } and begins with a byte order mark, so Microsoft Excel, LibreOffice Calc and Google Sheets show Arabic text correctly when the file is opened directly. If you import it instead, choose the { $utf8 } encoding (code page { $codepage }) and the comma as separator. A field with several values separates them with semicolons. Programs that read the file should skip the byte order mark (in Python, open it with the encoding { $sig }).
data-readme-verify = Checking an archived copy
data-verify = In the folder of a copy of the site, the command « { $check } » checks that every listed file is present and unaltered, and « { $root } » prints the root hash, which must equal root_sha256 in { $manifest }. Only { $manifest } and { $sums } are not listed in it.

## Content format 1.1
closing-time = at { $time } ({ $zone })
decision-due-none = No date committed
decision-pending-no-date = The comment period has closed. The agency has not committed to a date for its decision.
feed-closing-text-no-date = The comment period has closed. The agency has not committed to a date for its decision.
section-take-part = How to take part
take-part-until = Send your views by { $date }
section-social-posts = Discussed on social media
section-replies = The agency's replies during the consultation
reply-to = In reply to
section-summary-of-responses = What we heard
section-outcome-documents = Documents of the outcome
stat-files = Published one by one or withheld
stat-pending = Under review
stat-answered-published = Inputs published one by one that were answered
inputs-pending = { $count ->
    [one] One more is under review and not yet published.
   *[other] { $count } more are under review and not yet published.
}
document-external = on another site
document-pages = { $n ->
    [one] one page
   *[other] { $n } pages
}
document-accessible = Another format:
phase-consultation = Consultation document
phase-feedback = Feedback received
phase-outcome = Outcome document
timeline-reply = The agency replied
timeline-social-post = Posted on { $platform }
feed-reply = The agency replied during the consultation: { $title }
feed-social-post = { $title }, on { $platform }
platform-x = X
platform-facebook = Facebook
platform-instagram = Instagram
platform-youtube = YouTube
platform-linkedin = LinkedIn
platform-whatsapp = WhatsApp
platform-telegram = Telegram
platform-snapchat = Snapchat
platform-tiktok = TikTok
platform-other = Other platform
input-posted = Posted by its author
input-source = original post
input-in-reply-to = In reply to
input-attachments = Attachments
input-translation-note-agency = This translation was made by the agency; the original text prevails.
input-translation-note-author = This translation was made by the author; the original text prevails.
input-translation-note-machine = This is a machine translation, not checked word for word; the original text prevails.
translated-by-agency = the agency
translated-by-author = the author
translated-by-machine = machine translation
redacted = removed: personal data
data-column-title = The short title its author gave the input, if any.
data-column-posted = When the author posted it, if that differs from when it was received (date or date-time).
data-column-platform = For an input made on social media: the platform (x, facebook, instagram, …).
data-column-source_url = The permalink of the original post, given only when its author agreed to their name being published.
data-column-in_reply_to = The id of the input this one answers, if any.
data-column-attachments = The addresses of the files attached to the input, separated by semicolons.
data-column-translated_by = Who made each translation, as language:agency, language:author or language:machine, separated by semicolons (none: the agency).
date-hijri-main = { $date }
stat-answer-days = Time to a first answer
home-answer-days = How quickly we answer: inputs waited for a first answer (a reply, or the decision's response)
answer-days = { $median ->
    [0] less than a day
    [one] 1 day
   *[other] { $median } days
} (median), { $slowest ->
    [0] less than a day
    [one] 1 day
   *[other] { $slowest } days
} at the longest, over { $answered ->
    [one] 1 answered input
   *[other] { $answered } answered inputs
}.
channels-heading = Our official social-media accounts
channels-footer-link = Rules of our social-media pages
channels-intro = These are the only official accounts of { $agency }. Consultations are announced and discussed on them; what you say there may become part of a consultation's public record.
channels-rules-heading = What we do not publish
channels-rules-intro = Following Oman's e-participation guidelines, a comment or post on our pages is removed when it:
channels-rule-irrelevant = contains irrelevant or out-of-context information;
channels-rule-abusive = is abusive, offensive or derogatory in any way;
channels-rule-defamatory = involves libellous, defamatory or discriminatory statements;
channels-rule-illegal = supports or incites illegal activities;
channels-rule-rights = violates any legal rights or intellectual property rights.
channels-record-heading = Your comments on the public record
channels-record = A comment you make on our social-media pages about a consultation may be brought into that consultation's public record on this site, as an input: anonymously, unless you agree to your name being published. Links to your posts are published only with your agreement.
channels-ip = The views in comments are their authors', not the agency's; publishing them does not mean the agency adopts them, and it holds no responsibility for them. Each comment remains its author's work; whoever reuses it must name its source.
channels-about-heading = The text of our "about" fields
channels-about-intro = This text is on each of our pages, in the field the platform gives for it (at most 1,000 characters; on X and Instagram, whose bios are shorter, we link to this page).
channels-about-file = The text as a file
social-disclaimer = Official account of { $agency }. We remove comments that are irrelevant, abusive, offensive, defamatory, discriminatory, that support illegal activities or that violate legal or intellectual property rights (Oman's e-participation guidelines). Views in comments are their authors', not ours. Content is protected under the Copyright and Related Rights Law (Royal Decree 65/2008). A comment about a consultation may be brought into its public record, anonymously unless you agree otherwise. Rules and record: { $page }

## Search (/L/search/)
nav-search = Search
search-heading = Search
search-label = Search consultations, decisions and inputs
search-help = Results appear as you type. Arabic spelling variants, vowel marks and both kinds of digits are found alike.
search-filter-status = Status
search-filter-topic = Topic
search-any-status = Any status
search-any-topic = Any topic
search-submit = Search
search-nojs = Searching needs JavaScript, which is not running in this browser. Every consultation is listed below by topic and status.
search-browse-heading = Every consultation by topic and status
search-topic-none = Without a topic
search-more = More results
search-error = The search index could not be loaded. Try again, or browse the consultations below.
search-none = No results
search-count = { $count ->
    [one] One result
   *[other] { $count } results
}
search-kind-c = Consultation
search-kind-d = Decision and responses
search-kind-i = Input { $id }
