//! New sources from skeletons: `sablah init` (a site folder), `sablah new
//! consultation` and `sablah new input`.
//!
//! Each skeleton passes `sablah check` as it is written: placeholders say
//! what to write, in every language of the site, and dates start from the
//! given day. Nothing here overwrites a file: a target that exists is an
//! error. The placeholder texts are in Arabic and English; a site language
//! other than these gets the English text, to translate.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Days;

use crate::model::{is_slug, Channel, Date, Site};
use crate::sources::{SourceFile, SourceSet};

/// A text in Arabic and English, the languages the skeletons are written in.
pub(crate) struct Bilingual {
    pub(crate) ar: &'static str,
    pub(crate) en: &'static str,
}

impl Bilingual {
    fn get(&self, lang: &str) -> &'static str {
        if lang == "ar" || lang.starts_with("ar-") {
            self.ar
        } else {
            self.en
        }
    }
}

/// The slug `sablah init` gives its sample consultation.
pub const SAMPLE_CONSULTATION: &str = "sample-consultation";

/// Makes a new site folder: a minimal `sablah.toml`, the moderation policy
/// in both languages, and a sample consultation with one input. Returns the
/// files written.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, String> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_some()
    {
        return Err(format!("{} is not empty: `sablah init` makes a new site folder (name one that does not exist yet)", dir.display()));
    }
    let mut written = Vec::new();
    written.push(create(&dir.join("sablah.toml"), SITE_CONFIG)?);
    for lang in ["ar", "en"] {
        let text = format!(
            "+++\ntitle = {}\n+++\n{}",
            toml_string(POLICY_TITLE.get(lang)),
            POLICY_BODY.get(lang)
        );
        written.push(create(
            &dir.join(format!("content/pages/moderation-policy.{lang}.md")),
            &text,
        )?);
    }
    written.extend(new_consultation(dir, SAMPLE_CONSULTATION, today)?);
    written.extend(new_input(dir, SAMPLE_CONSULTATION, None, today)?);
    Ok(written)
}

/// The `index.toml` that `sablah init --index` writes.
const INDEX_CONFIG: &str = r#"# The national e-participation index (see central-index.md).
# Replace the placeholders, then add one [[sources]] table per agency.

[index]
base_url = "https://participate.example.gov.om"
languages = ["ar", "en"]
title = { ar = "المؤشر الوطني للمشاركة الإلكترونية", en = "National e-Participation Index" }
operator = { ar = "وزارة النقل والاتصالات وتقنية المعلومات", en = "Ministry of Transport, Communications and Information Technology" }
contact = "e-participation@example.gov.om"
# output = "public"
# cache = ".sablah-cache"
# stale_after_days = 30

# A sample agency site, built on this machine (sample-agency/). Replace it
# with the agencies' published data, such as:
#   url = "https://consult.mwre.example.gov.om/data/consultations.json"
#   verify = true
[[sources]]
id = "agency"
path = "sample-agency/public/data/consultations.json"
"#;

/// Makes a new index folder: `index.toml` over a sample agency site in
/// `sample-agency/`, built so that `sablah index <dir>` works at once.
pub fn init_index(dir: &Path, today: Date) -> Result<Vec<PathBuf>, String> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_some()
    {
        return Err(format!("{} is not empty: `sablah init --index` makes a new index folder (name one that does not exist yet)", dir.display()));
    }
    let mut written = vec![create(&dir.join("index.toml"), INDEX_CONFIG)?];
    let agency = dir.join("sample-agency");
    written.extend(init(&agency, today)?);
    let outcome = crate::build::build_site(
        &agency,
        &crate::build::BuildOptions {
            output: None,
            date: today,
            verbose: false,
        },
    )
    .map_err(|e| e.to_string())?;
    match outcome.written {
        Some(w) => written.push(w.output),
        None => {
            return Err("the sample agency site did not build (a bug: please report it)".into())
        }
    }
    Ok(written)
}

/// Writes `content/consultations/<slug>/`: `consultation.toml` with the next
/// free public id, opening today for 30 days, and one
/// `consultation.<lang>.md` per language of the site.
pub fn new_consultation(site_dir: &Path, slug: &str, today: Date) -> Result<Vec<PathBuf>, String> {
    if !is_slug(slug) {
        return Err(format!(
            "\"{slug}\" cannot be a consultation's folder name: use 1 to 80 lower-case ASCII letters, digits and hyphens, such as \"water-tariffs-2026\" (it becomes the consultation's URL)"
        ));
    }
    let site = site_config(site_dir)?;
    let config = &site.config;
    let folder = site_dir.join("content/consultations").join(slug);
    if folder.exists() {
        return Err(format!(
            "{} exists already: choose another slug",
            folder.display()
        ));
    }
    let Some(unit) = config.units.keys().next() else {
        return Err("sablah.toml defines no unit: add a [units.<key>] table with a name in every language (each consultation names the unit accountable for it)".into());
    };
    let langs = config.languages();
    let id = next_consultation_id(site_dir, config.agency.id.get_ref(), today);
    let closes = add_days(today, 30);
    let due = add_days(closes, 60);
    let topics = config
        .topics
        .keys()
        .next()
        .map(|t| format!("[{}]", toml_string(t)))
        .unwrap_or_else(|| "[]".into());
    let meta = format!(
        "# The facts of this consultation (content-format.md, section 3); its words\n\
         # are in consultation.<lang>.md, one file per language.\n\
         id = {id}\n\
         stage = \"policy-design\"      # agenda-setting | policy-design | drafting | implementation | evaluation\n\
         topics = {topics}\n\
         unit = {unit}\n\
         opens = {today}\n\
         closes = {closes}             # or a closing time: {closes}T23:59:00 (in the site's time zone)\n\
         decision_due = {due}    # the date by which you commit to publish the outcome (leave it out if none is committed)\n\
         channels = [\"web\", \"email\"]   # any of web, email, social, meeting, letter, phone; each needs an address\n\
         # publish_inputs = \"after-close\"   # keep the inputs' texts off the site until it closes\n\
         # unit = [\"lead-unit\", \"co-owner\"]   # several accountable units, the lead first\n\
         \n\
         # [[participation]]          # an address for this consultation only (else sablah.toml's)\n\
         # channel = \"web\"\n\
         # address = \"https://forms.example.gov.om/this-consultation\"\n\
         \n\
         # [received]                 # declared totals, when not every input is a file here\n\
         # web = 1450\n\
         \n\
         # [[documents]]\n\
         # path = \"files/draft.pdf\"   # a file in this folder, or an https address\n\
         # title = {{ ar = \"…\", en = \"…\" }}\n\
         # phase = \"consultation\"     # consultation | feedback | outcome\n\
         \n\
         [[questions]]\n\
         id = \"q1\"\n\
         text = {question}\n\
         \n\
         [themes.general]             # the issues raised, to group inputs; add more\n\
         label = {theme}\n",
        id = toml_string(&id),
        unit = toml_string(unit),
        question = localized(&langs, &QUESTION),
        theme = localized(&langs, &THEME),
    );
    let mut written = vec![create(&folder.join("consultation.toml"), &meta)?];
    for lang in &langs {
        let text = format!(
            "+++\ntitle = {}\nsummary = {}\n+++\n{}",
            toml_string(TITLE.get(lang)),
            toml_string(SUMMARY.get(lang)),
            BODY.get(lang)
        );
        written.push(create(
            &folder.join(format!("consultation.{lang}.md")),
            &text,
        )?);
    }
    Ok(written)
}

/// Writes the next free input of a consultation, received today: the
/// original in `language` (default: the site's first), and a translation
/// file for each other language of the site.
pub fn new_input(
    site_dir: &Path,
    consultation: &str,
    language: Option<&str>,
    today: Date,
) -> Result<Vec<PathBuf>, String> {
    let folder = format!("content/consultations/{consultation}");
    let site = site_with(site_dir, &folder)?;
    let Some(c) = site.consultation(consultation) else {
        return Err(format!(
            "there is no consultation \"{consultation}\" in {}/content/consultations, or its consultation.toml has errors (run `sablah check`)",
            site_dir.display()
        ));
    };
    let langs = site.config.languages();
    let language = language
        .map(str::to_string)
        .unwrap_or_else(|| langs[0].clone());
    if !crate::check::is_language_tag(&language) {
        return Err(format!("\"{language}\" is not a language code: give a BCP 47 code such as \"ar\", \"en\" or \"ur\""));
    }
    let inputs = site_dir.join(&folder).join("inputs");
    let id = next_input_id(&inputs);
    let channels = c.channels();
    let channel = if channels.contains(&Channel::Web) {
        Channel::Web
    } else {
        channels.first().copied().unwrap_or(Channel::Web)
    };
    // A decided consultation answers every published input: file the new
    // one under a theme that a response answers, when there is one.
    let answered_theme = c.decision.as_ref().and_then(|d| {
        d.meta
            .responses
            .iter()
            .flat_map(|r| &r.themes)
            .map(|t| t.get_ref().clone())
            .next()
    });
    let themes = match &answered_theme {
        Some(t) => format!("[{}]", toml_string(t)),
        None => "[]".into(),
    };
    let known_themes: Vec<&str> = c.meta.themes.keys().map(String::as_str).collect();
    let known_questions: Vec<&str> = c
        .meta
        .questions
        .iter()
        .map(|q| q.id.get_ref().as_str())
        .collect();
    let original = format!(
        "+++\n\
         received = {today}\n\
         channel = \"{channel}\"            # {channels}\n\
         language = {language}            # the language the participant wrote in\n\
         author = \"individual\"       # individual | organisation | anonymous\n\
         # name = \"…\"                # shown only with publish_name = true\n\
         # organisation = \"…\"        # for author = \"organisation\"; always shown\n\
         questions = []               # answered, of: {questions}\n\
         themes = {themes}            # raised, of: {theme_list}\n\
         moderation = \"published\"    # or \"withheld\", with a reason; or \"pending\" until reviewed\n\
         # title = \"…\"               # a short title the author gave\n\
         # posted = {today}          # when the author posted it, if not the day received\n\
         # source_url = \"https://…\"  # permalink of the original: published only with publish_name = true\n\
         # attachments = [\"files/…\"] # files in the consultation folder\n\
         # translated_by = {{ en = \"agency\" }}   # per translation: agency | author | machine\n\
         # in_reply_to = \"i-001\"     # another input this one answers\n\
         +++\n\
         {body}\n",
        channel = channel.as_str(),
        channels = channels.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" | "),
        language = toml_string(&language),
        questions = list_or_none(&known_questions),
        theme_list = list_or_none(&known_themes),
        body = INPUT.get(&language),
    );
    let mut written = vec![create(&inputs.join(format!("{id}.md")), &original)?];
    for lang in langs.iter().filter(|l| **l != language) {
        written.push(create(
            &inputs.join(format!("{id}.{lang}.md")),
            &format!("{}\n", TRANSLATION.get(lang)),
        )?);
    }
    if c.decision.is_some() && answered_theme.is_none() {
        eprintln!("note: {consultation} is decided: add \"{id}\" to the `inputs` of a response in its decision.toml, since every published input must be answered");
    }
    Ok(written)
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "(none defined)".into()
    } else {
        items.join(", ")
    }
}

/// The site's configuration alone: enough to know its languages, units and
/// topics.
fn site_config(site_dir: &Path) -> Result<Site, String> {
    let path = site_dir.join("sablah.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (is this a site folder? `sablah init` makes one)",
            path.display()
        )
    })?;
    let sources = SourceSet {
        files: vec![SourceFile {
            path: "sablah.toml".into(),
            text: text.into(),
        }],
        ..SourceSet::default()
    };
    load(&sources)
}

/// The configuration and the one folder `folder` of the site.
/// Loads `sablah.toml` and one folder of the site (what `new` and `import`
/// need, without reading the whole site).
pub fn site_with(site_dir: &Path, folder: &str) -> Result<Site, String> {
    let config = site_dir.join("sablah.toml");
    let text = std::fs::read_to_string(&config).map_err(|e| {
        format!(
            "{}: {e} (is this a site folder? `sablah init` makes one)",
            config.display()
        )
    })?;
    let (mut sources, _) = crate::sources::read_folder(site_dir, folder)
        .map_err(|e| format!("{}: {e}", site_dir.join(folder).display()))?;
    sources.files.push(SourceFile {
        path: "sablah.toml".into(),
        text: text.into(),
    });
    sources.files.sort_by(|a, b| a.path.cmp(&b.path));
    load(&sources)
}

fn load(sources: &SourceSet) -> Result<Site, String> {
    crate::load::load(sources)
        .0
        .ok_or_else(|| "sablah.toml has errors: run `sablah check` and fix them first".to_string())
}

/// `<AGENCY>-<year>-<n>`, one more than the largest such number in use.
fn next_consultation_id(site_dir: &Path, agency: &str, today: Date) -> String {
    let prefix = format!("{}-{}-", agency.to_ascii_uppercase(), today.0.format("%Y"));
    let mut last = 0;
    if let Ok(entries) = std::fs::read_dir(site_dir.join("content/consultations")) {
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path().join("consultation.toml")) else {
                continue;
            };
            let Ok(table) = text.parse::<toml::Table>() else {
                continue;
            };
            let n = table
                .get("id")
                .and_then(|v| v.as_str())
                .and_then(|id| id.strip_prefix(&prefix))
                .and_then(|n| n.parse::<u32>().ok());
            last = last.max(n.unwrap_or(0));
        }
    }
    format!("{prefix}{:03}", last + 1)
}

/// The input id after the largest in `inputs/`, in the same form (`i-007`
/// after `i-006`, `0013` after `0012`); `i-001` for the first.
fn next_input_id(inputs: &Path) -> String {
    let mut ids: Vec<String> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(inputs) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name
                .strip_suffix(".md")
                .map(|s| s.split('.').next().unwrap_or(s))
            {
                ids.push(id.to_string());
            }
        }
    }
    crate::import::next_free_id(&ids)
}

fn add_days(date: Date, days: u64) -> Date {
    Date(date.0.checked_add_days(Days::new(days)).unwrap_or(date.0))
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `{ ar = "…", en = "…" }` over the site's languages.
fn localized(langs: &[String], text: &Bilingual) -> String {
    let pairs: Vec<String> = langs
        .iter()
        .map(|l| format!("{} = {}", toml_key(l), toml_string(text.get(l))))
        .collect();
    format!("{{ {} }}", pairs.join(", "))
}

fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// Writes a new file, never over an existing one.
fn create(path: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

pub(crate) const SITE_CONFIG: &str = r#"# The site's configuration; content-format.md, section 2, says what each key
# means. Replace every placeholder below with your agency's own details.

[site]
base_url = "https://consult.example.gov.om"   # where the site will be published
languages = ["ar", "en"]                        # the first is the default
title = { ar = "الاستشارات العامة", en = "Public consultations" }
moderation_policy = "moderation-policy"         # content/pages/moderation-policy.<lang>.md
# timezone = "Asia/Muscat"                      # closing times, feeds and calendars (the default)
# calendars = ["hijri", "gregorian"]            # the first is the main date shown

[agency]
id = "agency"                                    # a short slug, such as "moh"
name = { ar = "اسم الجهة", en = "Name of the agency" }
contact = "consultations@example.gov.om"
redress = { ar = "يمكن التظلم من القرارات المنشورة على هذه المنصة بطلب مكتوب يُقدَّم إلى الجهة خلال 60 يومًا من تاريخ النشر.", en = "Decisions published on this platform may be contested by a written request to the agency within 60 days of publication." }

# gender = { ar = "masculine" }                 # for a name such as مجلس or مركز (default feminine)

# How citizens take part: the default address of each channel, used by every
# consultation that accepts it (a consultation can give its own).
[[participation]]
channel = "web"
address = "https://forms.example.gov.om/consultations"   # your online form
# [[participation]]
# channel = "phone"                              # also: letter, meeting (an address
# address = "+968 2400 0000"                     # { ar = "…", en = "…" }), social

# Your official social-media accounts, shown on every page.
# [[social]]
# platform = "x"                                 # x | facebook | instagram | youtube | linkedin | whatsapp | telegram | snapchat | tiktok | other
# url = "https://x.com/your-agency"
# handle = "@your-agency"

[units.policy]                                   # the units accountable for consultations
name = { ar = "وحدة السياسات", en = "Policy unit" }

[topics.general]                                 # the topics consultations are filed under
label = { ar = "عام", en = "General" }
"#;

const POLICY_TITLE: Bilingual = Bilingual {
    ar: "سياسة الإشراف على المشاركات",
    en: "Moderation policy",
};

const POLICY_BODY: Bilingual = Bilingual {
    ar: "تُحصى كل مشاركة تصل عبر أي قناة، وتُدرج في صفحة الاستشارة الخاصة بها. ننشر كل مشاركة كما وردت، إلا إذا وجب حجبها لأحد الأسباب المذكورة أدناه. ولا تختفي أي مشاركة محجوبة دون أثر: يظهر في مكانها من القائمة رقمها وتاريخ ورودها وسبب حجبها، وتعرض صفحة الاستشارة عدد المشاركات المحجوبة لكل سبب.

تُحجب المشاركة إذا كانت:

- **خارج الموضوع**: لا تتعلق بالاستشارة؛
- **مسيئة** أو **تشهيرية** أو **تمييزية**؛
- **مخالفة للقانون**، أو تنتهك حقوق الملكية الفكرية؛
- تكشف **بيانات شخصية** لصاحبها أو لغيره، مثل رقم هاتف أو عنوان أو رقم هوية؛
- **مكررة** لمشاركة سبق ورودها، أو **رسائل دعائية**.

لا تُنشر الأسماء إلا بموافقة أصحابها. وللاعتراض على قرار إشراف، راسلوا الجهة على عنوان التواصل المذكور في أسفل كل صفحة.
",
    en: "Every input received, through any channel, is counted and listed on its consultation's page. We publish each input as it was received, unless it must be withheld for one of the reasons below. A withheld input never vanishes: its place in the list shows its number, the date it was received and the reason it was withheld, and the consultation's page counts withheld inputs by reason.

An input is withheld when it is:

- **irrelevant**: it does not concern the consultation;
- **abusive**, **defamatory** or **discriminatory**;
- **illegal**, or it infringes intellectual property;
- revealing **personal data** of its author or of anyone else, such as a telephone number, an address or an identity number;
- a **duplicate** of an input already received, or **spam**.

Names are published only with their owners' consent. To contest a moderation decision, write to the agency at the contact address given at the foot of every page.
",
};

pub(crate) const TITLE: Bilingual = Bilingual {
    ar: "عنوان الاستشارة",
    en: "Title of the consultation",
};

pub(crate) const SUMMARY: Bilingual = Bilingual {
    ar: "فقرة واحدة تلخص موضوع الاستشارة وما تطلبه الجهة من المشاركين.",
    en: "One paragraph that says what the consultation is about and what the agency asks of participants.",
};

pub(crate) const BODY: Bilingual = Bilingual {
    ar: "## لماذا نستشيركم

اشرحوا المسألة التي تعالجها الجهة، وما الذي دفعها إلى الاستشارة الآن.

## ما الذي يمكن تغييره وما الذي لا يمكن

حددوا المسائل المفتوحة للنقاش، والقيود القائمة (القانونية أو المالية أو الفنية) التي لا يمكن تغييرها.

## كيف تُعالَج المشاركات وتُنشر

اذكروا كيف تُقرأ المشاركات وتُصنَّف، ومتى تُنشر، ووفق أي سياسة إشراف.

## كيف نعلن النتيجة

اذكروا الموعد الذي تلتزم فيه الجهة بنشر قرارها، وكيف سترد على المشاركات.
",
    en: "## Why we are consulting

Explain the issue the agency is addressing, and why it consults now.

## What can change, and what cannot

Name the questions open for discussion, and the constraints (legal, financial, technical) that cannot change.

## How inputs are processed and published

Say how inputs are read and grouped, when they are published, and under which moderation policy.

## How we will report the outcome

Give the date by which the agency commits to publish its decision, and say how it will answer the inputs.
",
};

const QUESTION: Bilingual = Bilingual {
    ar: "ما رأيكم في المقترح، وما الذي تقترحون تغييره؟",
    en: "What do you think of the proposal, and what would you change?",
};

const THEME: Bilingual = Bilingual {
    ar: "ملاحظات عامة",
    en: "General comments",
};

pub(crate) const INPUT: Bilingual = Bilingual {
    ar: "نص المشاركة كما ورد من صاحبها، دون أي تعديل.",
    en: "The participant's own words, as received, without any change.",
};

pub(crate) const TRANSLATION: Bilingual = Bilingual {
    ar: "ترجمة الجهة لنص المشاركة.",
    en: "The agency's translation of the input.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_input_id_keeps_the_form_in_use() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(next_input_id(dir.path()), "i-001");
        for name in ["i-001.md", "i-002.md", "i-002.en.md", "i-009.ar.md"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(next_input_id(dir.path()), "i-010");
        std::fs::write(dir.path().join("0099.md"), "x").unwrap();
        assert_eq!(next_input_id(dir.path()), "0100");
    }

    #[test]
    fn labels_cover_every_language() {
        let langs = vec!["ar".to_string(), "en".to_string(), "ur".to_string()];
        assert_eq!(
            localized(&langs, &THEME),
            "{ ar = \"ملاحظات عامة\", en = \"General comments\", ur = \"General comments\" }"
        );
    }
}
