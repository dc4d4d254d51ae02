//! A small site in memory for the unit tests of the output formats: one
//! decided consultation with a published, a named and a withheld input, and
//! one open consultation that publishes its inputs only after it closes.

use crate::derive::Facts;
use crate::model::{Date, Site};
use crate::render::i18n::Translations;
use crate::sources::SourceSet;

/// Words of a withheld input and its translation: never in any output.
pub const SECRET: &str = "withheld-words-that-must-never-appear";
pub const SECRET_TRANSLATION: &str = "translated-withheld-words";
/// The name of the withheld input's author, who agreed to publication.
pub const HIDDEN_NAME: &str = "Hidden Withheld Author";
/// A name whose author did not agree to publication.
pub const UNPUBLISHED_NAME: &str = "Private Person Name";
/// A name published with consent.
pub const PUBLIC_NAME: &str = "Salim Al-Public";
/// The text of an input of a consultation still open, after-close.
pub const NOT_YET_VISIBLE: &str = "text-shown-only-after-closing";

pub const BUILD_DATE: &str = "2026-11-27";

const CONFIG: &str = r#"
[site]
base_url = "https://x.example.om/sub/"
languages = ["ar", "en"]
title = { ar = "استشارات", en = "Consultations & more" }
[agency]
id = "x-agency"
name = { ar = "الجهة", en = "The Agency" }
contact = "a@x.example.om"
redress = { ar = "تظلم", en = "Appeal" }
[units.u]
name = { ar = "الوحدة", en = "Unit" }
[topics.water]
label = { ar = "المياه", en = "Water" }
"#;

const C_META: &str = r#"
id = "X-2026-1"
stage = "drafting"
topics = ["water"]
unit = "u"
opens = 2026-03-01
closes = 2026-03-31
decision_due = 2026-05-31
[[questions]]
id = "q1"
text = { ar = "سؤال", en = "Question, with a comma; and a semicolon" }
[themes.cost]
label = { ar = "التكلفة", en = "Cost" }
[themes.other]
label = { ar = "أخرى", en = "Other" }
[[timeline]]
date = 2026-03-15
label = { ar = "ورشة", en = "Workshop <in> Muscat" }
link = "files/notes.txt"
"#;

const DECISION: &str = r#"
published = 2026-05-20
outcome = "adopted-with-changes"
[[responses]]
themes = ["cost"]
result = "accepted"
text = { ar = "نعم", en = "Yes" }
[[responses]]
inputs = ["i-2"]
result = "noted"
text = { ar = "لوحظ", en = "Noted" }
[[implementation]]
label = { ar = "التنفيذ", en = "Rollout" }
due = 2026-09-30
status = "met"
done = 2026-09-12
[[implementation]]
label = { ar = "المراجعة", en = "Review" }
due = 2026-10-31
status = "scheduled"
"#;

const I1: &str = "+++\nreceived = 2026-03-05T10:30:00+04:00\nchannel = \"web\"\nlanguage = \"ar\"\nauthor = \"individual\"\nname = \"Salim Al-Public\"\npublish_name = true\nquestions = [\"q1\"]\nthemes = [\"cost\"]\nmoderation = \"published\"\n+++\nالسعر مرتفع جدًا، \"ونحتاج\" إلى تعرفة عادلة.\nسطر ثانٍ.\n";
const I2: &str = "+++\nreceived = 2026-03-06\nchannel = \"email\"\nlanguage = \"en\"\nauthor = \"individual\"\nname = \"Private Person Name\"\nthemes = [\"other\"]\nmoderation = \"published\"\n+++\n=HYPERLINK(\"http://evil.example\", \"click\")\n";
const I3: &str = "+++\nreceived = 2026-03-07\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"individual\"\nname = \"Hidden Withheld Author\"\npublish_name = true\nthemes = [\"cost\"]\nmoderation = \"withheld\"\nreason = \"abusive\"\n+++\nwithheld-words-that-must-never-appear\n";
const I3_AR: &str = "translated-withheld-words\n";

const D_META: &str = r#"
id = "X-2026-2"
stage = "policy-design"
unit = "u"
opens = 2026-11-01
closes = 2026-12-15
decision_due = 2027-02-28
publish_inputs = "after-close"
"#;
const D1: &str = "+++\nreceived = 2026-11-05\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"anonymous\"\nmoderation = \"published\"\n+++\ntext-shown-only-after-closing\n";

pub fn sources() -> SourceSet {
    SourceSet::from_memory(&[
        ("sablah.toml", CONFIG),
        ("content/consultations/c/consultation.toml", C_META),
        (
            "content/consultations/c/consultation.ar.md",
            "+++\ntitle = \"تعرفة المياه\"\nsummary = \"ملخص\"\n+++\nنص",
        ),
        (
            "content/consultations/c/consultation.en.md",
            "+++\ntitle = \"Water tariffs & <fees>\"\nsummary = \"A *summary*.\"\n+++\nBody",
        ),
        ("content/consultations/c/decision.toml", DECISION),
        (
            "content/consultations/c/decision.ar.md",
            "+++\ntitle = \"القرار\"\n+++\nنص",
        ),
        (
            "content/consultations/c/decision.en.md",
            "+++\ntitle = \"The decision\"\n+++\nBody",
        ),
        ("content/consultations/c/inputs/i-1.md", I1),
        ("content/consultations/c/inputs/i-2.md", I2),
        ("content/consultations/c/inputs/i-3.md", I3),
        ("content/consultations/c/inputs/i-3.ar.md", I3_AR),
        ("content/consultations/d/consultation.toml", D_META),
        (
            "content/consultations/d/consultation.ar.md",
            "+++\ntitle = \"مفتوحة\"\nsummary = \"ملخص\"\n+++\nنص",
        ),
        (
            "content/consultations/d/consultation.en.md",
            "+++\ntitle = \"Open one\"\nsummary = \"Summary\"\n+++\nBody",
        ),
        ("content/consultations/d/inputs/i-1.md", D1),
    ])
}

pub fn site() -> (Site, Facts) {
    let (site, d) = crate::load::load(&sources());
    assert!(!d.has_errors(), "{d:?}");
    let site = site.expect("the fixture loads");
    let facts = crate::derive::derive(&site, Date::parse(BUILD_DATE).unwrap());
    (site, facts)
}

pub fn translations() -> std::sync::Arc<Translations> {
    let theme = crate::render::theme::Theme::load(
        &sources(),
        &["ar".to_string(), "en".to_string()],
        crate::config::Digits::Latin,
        None,
    )
    .unwrap_or_else(|d| panic!("the default theme loads: {d:?}"));
    theme.translations
}
