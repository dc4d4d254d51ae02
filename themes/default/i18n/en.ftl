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

date-approx = approx.
not-found-heading = Page not found
not-found-text = The page you asked for does not exist. It may have moved.
not-found-home = Go to the home page
