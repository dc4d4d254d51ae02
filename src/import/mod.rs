//! `sablah import inputs`: turns a form tool's or a social-media export
//! (CSV) into input files of one consultation (content format 1.1,
//! "Import").
//!
//! Each new input gets the next free id, `moderation = "pending"` (an agency
//! reviews it before it is published) and no published name. A row already
//! imported — same `source_url`, or same text and date as an input of the
//! consultation — is skipped, so an import can be run again on a growing
//! export. Common exports need no mapping: a timestamp column, a text
//! column, a column per question (headed by the question's text or id), an
//! e-mail column (never copied: it is personal data) are recognised by their
//! headers; `--map MAP.toml` names the columns otherwise.
//!
//! [`plan`] is pure (it reads the texts it is given and returns the files
//! to write, or every problem found); [`write`] is the only I/O. Every row
//! is checked before anything is written, and each file is written under a
//! temporary name and then renamed, so that a failed import leaves no
//! half-written input (and an interrupted one can simply be run again).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{Channel, Consultation, Platform};
use crate::sources::{FileId, SourceSet, Span};
use crate::toml_doc::Origin;

/// `MAP.toml`: how the export's columns become input keys.
#[derive(Debug, Default, Deserialize)]
pub struct Mapping {
    /// The channel of every row (default `web`).
    pub channel: Option<Channel>,
    /// The platform of every row, for `channel = "social"`.
    pub platform: Option<Platform>,
    /// The language of every row, when there is no language column
    /// (default: Arabic when the text is in Arabic script, else the site's
    /// other language).
    pub language: Option<String>,
    /// A chrono format for the timestamp column when it is not ISO 8601,
    /// such as "%d/%m/%Y %H:%M:%S".
    pub date_format: Option<String>,
    /// Input key (`received`, `text`, `name`, `email`, `source_url`,
    /// `title`, `language`, or a question id) → the column's header.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

/// One input to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInput {
    pub id: String,
    /// The file's text: front matter and body.
    pub text: String,
    /// The CSV line it came from (1-based, the header is line 1).
    pub line: usize,
}

/// What an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub inputs: Vec<NewInput>,
    /// Rows skipped because they were imported before, by line.
    pub skipped: Vec<usize>,
    /// Why each was skipped, in the same order.
    pub skipped_why: Vec<&'static str>,
    /// Data rows read (blank rows aside).
    pub rows: usize,
    /// The date form used, when it was not ISO 8601 (a note for the user).
    pub date_form: Option<String>,
}

/// The column of each key, found by the mapping or by the header's words.
struct Columns {
    received: Option<usize>,
    text: Option<usize>,
    name: Option<usize>,
    source_url: Option<usize>,
    title: Option<usize>,
    language: Option<usize>,
    platform: Option<usize>,
    posted: Option<usize>,
    /// Question id → column.
    questions: Vec<(String, usize)>,
}

fn norm(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| c == '?' || c == '؟' || c == ':' || c == '*')
        .trim()
        .to_lowercase()
}

/// Header words, in order of preference (a submission time before a
/// start time). `#[rustfmt::skip]` keeps each list on a line or two.
#[rustfmt::skip]
const RECEIVED: &[&str] = &[
    "_submission_time", "completion time", "timestamp", "date", "received", "submitted",
    "submitted at", "submission date", "created", "created at", "created_at", "time",
    "التاريخ", "الطابع الزمني", "وقت الإرسال", "تاريخ الإرسال",
];
#[rustfmt::skip]
const TEXT: &[&str] = &[
    "text", "comment", "comments", "message", "body", "response", "feedback", "content",
    "your comment", "your views", "full_text", "تعليق", "التعليق", "الرأي", "رأيك", "النص", "المداخلة",
];
#[rustfmt::skip]
const NAME: &[&str] = &[
    "name", "full name", "your name", "author", "user", "username", "handle", "الاسم", "الاسم الكامل",
];
#[rustfmt::skip]
const EMAIL: &[&str] = &["email", "e-mail", "email address", "e-mail address", "البريد الإلكتروني"];
#[rustfmt::skip]
const SOURCE_URL: &[&str] = &["url", "permalink", "link", "source_url", "post url", "الرابط"];
const TITLE: &[&str] = &["title", "subject", "العنوان", "الموضوع"];
const LANGUAGE: &[&str] = &["language", "lang", "اللغة"];
const PLATFORM: &[&str] = &["platform", "network", "المنصة"];
#[rustfmt::skip]
const POSTED: &[&str] = &["posted", "posted at", "post date", "published at", "تاريخ النشر"];

/// Decodes an export: UTF-8 (with or without a byte order mark), or UTF-16
/// with its mark (a spreadsheet's "Unicode text"). Anything else is refused
/// at the line of its first byte that is not UTF-8: guessing an encoding
/// could corrupt a citizen's words.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(format!("the file starts with a {} byte order mark but is not {0} throughout: export it again", enc.name()));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            Err(format!("line {line} is not UTF-8 (the rest of the file may be in another encoding): export the file again as \"CSV UTF-8\" or \"Unicode text\""))
        }
    }
}

/// The delimiter of the header line: comma, semicolon or tab, whichever
/// occurs most outside quotes.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Date forms of common exports, tried on every row: the first that reads
/// them all is used. Day first before month first (Oman writes the day
/// first); `date_format` in the map settles any other case.
const DATE_FORMS: &[&str] = &[
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
];

fn platform_of(v: &str) -> Option<Platform> {
    let v = norm(v);
    Some(match v.as_str() {
        "x" | "twitter" | "x (twitter)" => Platform::X,
        "facebook" | "fb" => Platform::Facebook,
        "instagram" | "ig" => Platform::Instagram,
        "youtube" => Platform::Youtube,
        "linkedin" => Platform::Linkedin,
        "whatsapp" => Platform::Whatsapp,
        "telegram" => Platform::Telegram,
        "snapchat" => Platform::Snapchat,
        "tiktok" => Platform::Tiktok,
        "" => return None,
        _ => Platform::Other,
    })
}

/// Plans importing `csv_text` (the file `csv_file` of `sources`) into `c`.
pub fn plan(
    sources: &SourceSet,
    csv_file: FileId,
    c: &Consultation,
    site_langs: &[String],
    mapping: &Mapping,
    map_file: Option<FileId>,
    existing_ids: &[String],
) -> Result<Plan, Diagnostics> {
    let csv_text = sources.files[csv_file].text.as_ref();
    let mut diags = Diagnostics::default();
    let at = |range: std::ops::Range<usize>| Span {
        file: csv_file,
        range,
    };
    let body = csv_text.trim_start_matches('\u{feff}');
    let bom = csv_text.len() - body.len();
    // A quote never closed would swallow every later row into one cell.
    let mut open_quote = None;
    for (i, b) in body.bytes().enumerate() {
        if b == b'"' {
            open_quote = match open_quote {
                None => Some(i),
                Some(_) => None,
            };
        }
    }
    if let Some(i) = open_quote {
        let start = bom + i;
        diags.push(
            Diagnostic::error(Code::ImportRow, "a quote opened here is never closed")
                .at(at(start..start + 1))
                .label("opened here")
                .help("every later row would become part of this cell: close the quote (a quote inside a cell is written twice, \"\"), or export the file again"),
        );
        return Err(diags);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    Code::ImportRow,
                    format!("the export cannot be read as CSV: {e}"),
                )
                .at(at(bom..bom))
                .help("export the responses as CSV (comma-separated, UTF-8), with a header row"),
            );
            return Err(diags);
        }
    };
    let find = |key: &str, words: &[&str]| -> Option<usize> {
        match mapping.columns.get(key) {
            Some(h) => headers.iter().position(|x| norm(x) == norm(h)),
            None => headers
                .iter()
                .position(|x| words.contains(&norm(x).as_str())),
        }
    };
    // A mapped column that the export does not have is a mistake in the map.
    for (key, header) in &mapping.columns {
        if !headers.iter().any(|x| norm(x) == norm(header)) {
            let d = Diagnostic::error(
                Code::ImportRow,
                format!("the export has no column \"{header}\" (mapped to `{key}`)"),
            )
            .help(format!("its columns are: {}", headers.join(", ")));
            diags.push(match map_file {
                Some(f) => d.at(Span {
                    file: f,
                    range: 0..0,
                }),
                None => d.at(at(bom..bom)),
            });
        }
    }
    let mut questions = Vec::new();
    for q in &c.meta.questions {
        let id = q.id.get_ref();
        let col = match mapping.columns.get(id) {
            Some(h) => headers.iter().position(|x| norm(x) == norm(h)),
            None => headers.iter().position(|x| {
                let x = norm(x);
                x == norm(id) || q.text.get_ref().values().any(|t| norm(t) == x)
            }),
        };
        if let Some(col) = col {
            questions.push((id.clone(), col));
        }
    }
    let columns = Columns {
        received: find("received", RECEIVED),
        text: find("text", TEXT),
        name: find("name", NAME),
        source_url: find("source_url", SOURCE_URL),
        title: find("title", TITLE),
        language: find("language", LANGUAGE),
        platform: find("platform", PLATFORM),
        posted: find("posted", POSTED),
        questions,
    };
    // A social-comments export has only the time of posting: it is also
    // when the agency received the comment.
    let columns = Columns {
        received: columns.received.or(columns.posted),
        ..columns
    };
    let _email = find("email", EMAIL); // recognised, never copied
    if columns.received.is_none() {
        diags.push(
            Diagnostic::error(Code::ImportRow, "the export has no timestamp column")
                .at(at(bom..bom + headers.join(",").len()))
                .label("the header row")
                .help("name it in the map: [columns] received = \"<its header>\" (headers such as Timestamp or Date are found by themselves)"),
        );
    }
    if columns.text.is_none() && columns.questions.is_empty() {
        diags.push(
            Diagnostic::error(Code::ImportRow, "the export has no text column and no column per question")
                .at(at(bom..bom + headers.join(",").len()))
                .label("the header row")
                .help("name the column of the participant's words in the map: [columns] text = \"<its header>\"; or head each answer column with the question's text or id"),
        );
    }
    if diags.has_errors() {
        return Err(diags);
    }

    // What is already in the consultation, to skip.
    let mut seen_urls: HashSet<String> = HashSet::new();
    let mut seen_texts: HashSet<(String, String)> = HashSet::new();
    for i in &c.inputs {
        if let Some(u) = &i.meta.source_url {
            seen_urls.insert(u.get_ref().clone());
        }
        seen_texts.insert((
            squash(i.body.as_str()),
            i.meta.received.get_ref().date.iso(),
        ));
    }

    // Platform column without a channel: the rows are social-media comments.
    let channel = mapping.channel.unwrap_or(if columns.platform.is_some() {
        Channel::Social
    } else {
        Channel::Web
    });
    if !c.channels().contains(&channel) {
        diags.push(
            Diagnostic::error(Code::ImportRow, format!("the consultation does not accept the channel {channel}, which these rows came by"))
                .at(at(bom..bom))
                .help(format!("add \"{channel}\" to the consultation's `channels` (and say where to take part by it), or set channel = \"…\" in the map")),
        );
        return Err(diags);
    }
    let mut taken: HashSet<String> = existing_ids.iter().cloned().collect();
    let mut ids = IdSequence::after(existing_ids);
    let mut out = Plan::default();
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => rows.push(r),
            Err(e) => {
                let start = e.position().map(|p| p.byte() as usize + bom).unwrap_or(bom);
                diags.push(
                    Diagnostic::error(Code::ImportRow, format!("this row cannot be read: {e}"))
                        .at(at(start..start))
                        .help("the file must be CSV with a header row; re-export it, or fix the quotes of this row"),
                );
            }
        }
    }
    out.rows = rows.len();
    // One date form for the whole file: the map's, else ISO 8601 row by
    // row, else the first common form that reads every row.
    let stamps: Vec<&str> = rows
        .iter()
        .filter_map(|r| columns.received.and_then(|c| r.get(c)).map(str::trim))
        .filter(|v| !v.is_empty())
        .collect();
    let form: Option<String> = match &mapping.date_format {
        Some(f) => Some(f.clone()),
        None if stamps.iter().all(|v| timestamp(v, None).is_some()) => None,
        None => DATE_FORMS
            .iter()
            .find(|f| stamps.iter().all(|v| timestamp(v, Some(f)).is_some()))
            .map(|f| f.to_string()),
    };
    if mapping.date_format.is_none() {
        out.date_form = form.clone();
    }
    for record in rows {
        let pos = record.position().map(|p| p.byte() as usize).unwrap_or(0) + bom;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let row_end = csv_text[pos..]
            .find('\n')
            .map(|n| pos + n)
            .unwrap_or(csv_text.len());
        let row = at(pos..row_end);
        let cell = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let received = match cell(columns.received) {
            Some(v) => match timestamp(v, form.as_deref()).or_else(|| timestamp(v, None)) {
                Some(t) => t,
                None => {
                    diags.push(
                        Diagnostic::error(Code::ImportRow, format!("\"{v}\" is not a date Sablah can read"))
                            .at(row.clone())
                            .label(format!("column \"{}\"", headers[columns.received.unwrap_or(0)]))
                            .help("dates are read as ISO 8601 (2026-03-05, 2026-03-05 10:30:00, 2026-03-05T10:30:00+04:00) or a common export form (05/03/2026 10:30:00), one form for the whole file; for another, set date_format in the map, such as date_format = \"%d/%m/%Y %H:%M:%S\""),
                    );
                    continue;
                }
            },
            None => {
                diags.push(
                    Diagnostic::error(Code::ImportRow, "this row has no date")
                        .at(row.clone())
                        .help("every input needs the date it was received: fill in the timestamp, or remove the row"),
                );
                continue;
            }
        };
        let posted = cell(columns.posted)
            .filter(|_| columns.posted != columns.received)
            .and_then(|v| timestamp(v, form.as_deref()).or_else(|| timestamp(v, None)));
        let platform = mapping
            .platform
            .or_else(|| cell(columns.platform).and_then(platform_of));
        let mut text = String::new();
        let mut answered = Vec::new();
        if let Some(t) = cell(columns.text) {
            text.push_str(t);
        }
        for (qid, col) in &columns.questions {
            if let Some(answer) = cell(Some(*col)) {
                answered.push(qid.clone());
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                let question = c
                    .meta
                    .questions
                    .iter()
                    .find(|q| q.id.get_ref() == qid)
                    .and_then(|q| q.text.get_ref().values().next().cloned())
                    .unwrap_or_else(|| qid.clone());
                if columns.questions.len() > 1 || columns.text.is_some() {
                    text.push_str(&format!("**{}**\n\n", question.trim()));
                }
                text.push_str(answer);
            }
        }
        if text.trim().is_empty() {
            diags.push(
                Diagnostic::error(Code::ImportRow, "this row has no text")
                    .at(row.clone())
                    .help("remove the row from the export, or fill in the participant's words"),
            );
            continue;
        }
        let source_url = cell(columns.source_url).map(str::to_string);
        if let Some(u) = &source_url {
            if !u.starts_with("https://") && !u.starts_with("http://") {
                diags.push(
                    Diagnostic::error(Code::ImportRow, format!("\"{u}\" is not a web address"))
                        .at(row.clone())
                        .label(format!("column \"{}\"", headers[columns.source_url.unwrap_or(0)]))
                        .help("the permalink column holds the original post's address (https://…); map another column, or leave the cell empty"),
                );
                continue;
            }
            if !seen_urls.insert(u.clone()) {
                out.skipped.push(line);
                out.skipped_why
                    .push("same permalink as an input already there");
                continue;
            }
        }
        if !seen_texts.insert((squash(&text), received.date.clone())) {
            out.skipped.push(line);
            out.skipped_why
                .push("same text and date as an input already there");
            continue;
        }
        let language = cell(columns.language)
            .map(str::to_string)
            .or_else(|| mapping.language.clone())
            .unwrap_or_else(|| detect_language(&text, site_langs));
        let id = ids.next(&taken);
        taken.insert(id.clone());
        let mut front = String::new();
        front.push_str(&format!("received = {}\n", received.toml));
        front.push_str(&format!("channel = \"{}\"\n", channel.as_str()));
        if let Some(p) = platform.filter(|_| channel == Channel::Social) {
            front.push_str(&format!("platform = \"{}\"\n", p.as_str()));
        }
        if let Some(p) = &posted {
            if p.toml != received.toml {
                front.push_str(&format!("posted = {}\n", p.toml));
            }
        }
        front.push_str(&format!("language = {}\n", toml_string(&language)));
        match cell(columns.name) {
            Some(n) => {
                front.push_str("author = \"individual\"\n");
                front.push_str(&format!("name = {}\n", toml_string(n)));
                front.push_str(
                    "publish_name = false        # set to true only with the author's consent\n",
                );
            }
            None => front.push_str("author = \"anonymous\"\n"),
        }
        if let Some(t) = cell(columns.title) {
            front.push_str(&format!("title = {}\n", toml_string(t)));
        }
        if let Some(u) = &source_url {
            front.push_str(&format!(
                "source_url = {}   # published only with publish_name = true\n",
                toml_string(u)
            ));
        }
        if !answered.is_empty() {
            let list: Vec<String> = answered.iter().map(|q| toml_string(q)).collect();
            front.push_str(&format!("questions = [{}]\n", list.join(", ")));
        }
        front.push_str(
            "themes = []                 # the issues it raises, of the consultation's [themes]\n",
        );
        front.push_str(
            "moderation = \"pending\"      # review it: published, or withheld with a reason\n",
        );
        let file_name = Path::new(&sources.files[csv_file].path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        front.push_str(&format!("# imported from {file_name}, line {line}\n"));
        out.inputs.push(NewInput {
            id,
            text: format!("+++\n{front}+++\n{}\n", text.trim()),
            line,
        });
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// A date (and time) read from an export, as TOML writes it.
struct Stamp {
    toml: String,
    date: String,
}

fn timestamp(v: &str, format: Option<&str>) -> Option<Stamp> {
    // A two-digit year read as a four-digit one (year 26) is no date.
    timestamp_any(v, format).filter(|s| {
        s.date
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok())
            .is_some_and(|y| (1900..=2200).contains(&y))
    })
}

fn timestamp_any(v: &str, format: Option<&str>) -> Option<Stamp> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let from_naive = |dt: NaiveDateTime| Stamp {
        toml: dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
        date: dt.format("%Y-%m-%d").to_string(),
    };
    if let Some(f) = format {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v, f) {
            return Some(from_naive(dt));
        }
        return NaiveDate::parse_from_str(v, f).ok().map(|d| Stamp {
            toml: d.format("%Y-%m-%d").to_string(),
            date: d.format("%Y-%m-%d").to_string(),
        });
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(v) {
        return Some(Stamp {
            toml: dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            date: dt.format("%Y-%m-%d").to_string(),
        });
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v, f) {
            return Some(from_naive(dt));
        }
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .map(|d| Stamp {
            toml: d.format("%Y-%m-%d").to_string(),
            date: d.format("%Y-%m-%d").to_string(),
        })
}

/// Text compared for duplicates: without spacing differences.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Arabic when the text is mostly in Arabic script, else the site's first
/// language that is not Arabic (or its first).
fn detect_language(text: &str, site_langs: &[String]) -> String {
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if arabic >= latin && arabic > 0 {
        "ar".into()
    } else {
        site_langs
            .iter()
            .find(|l| !l.starts_with("ar"))
            .or(site_langs.first())
            .cloned()
            .unwrap_or_else(|| "en".into())
    }
}

/// The next free input id after `existing`, in the form of the largest
/// numbered one (`i-001` → `i-002`; `i-` and three digits when none is).
pub fn next_free_id(existing: &[String]) -> String {
    let taken: HashSet<String> = existing.iter().cloned().collect();
    IdSequence::after(existing).next(&taken)
}

/// Ids after the consultation's: in the form of its largest numbered one,
/// counted on (never a scan of all ids per row: an export may hold 100,000).
struct IdSequence {
    n: u64,
    prefix: String,
    width: usize,
}

impl IdSequence {
    fn after(existing: &[String]) -> IdSequence {
        let numbered = existing.iter().filter_map(|id| {
            let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let (prefix, number) = id.split_at(id.len() - digits);
            number
                .parse::<u64>()
                .ok()
                .map(|n| (n, prefix.to_string(), digits))
        });
        let (n, prefix, width) = numbered.max().unwrap_or((0, "i-".into(), 3));
        IdSequence { n, prefix, width }
    }

    fn next(&mut self, taken: &HashSet<String>) -> String {
        loop {
            self.n += 1;
            let id = format!("{}{:0width$}", self.prefix, self.n, width = self.width);
            if !taken.contains(&id) && crate::model::is_slug(&id) {
                return id;
            }
        }
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Parses `MAP.toml` (file `id` of `sources`).
pub fn mapping(sources: &SourceSet, id: FileId) -> Result<Mapping, Diagnostics> {
    let mut diags = Diagnostics::default();
    let origin = Origin {
        file: id,
        offset: 0,
    };
    let m = crate::toml_doc::parse::<Mapping>(&sources.files[id].text, origin, &mut diags);
    match m {
        Some(m) if !diags.has_errors() => Ok(m),
        _ => Err(diags),
    }
}

/// Writes the planned inputs into `inputs_dir`: each under a temporary
/// name, then renamed, never over an existing file. Returns the paths.
pub fn write(inputs_dir: &Path, plan: &Plan) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(inputs_dir)?;
    let mut temps = Vec::new();
    let result = (|| {
        for input in &plan.inputs {
            let tmp = inputs_dir.join(format!(".{}.md.importing", input.id));
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", tmp.display())))?;
            std::io::Write::write_all(&mut f, input.text.as_bytes())?;
            temps.push((tmp, inputs_dir.join(format!("{}.md", input.id))));
        }
        for (_, target) in &temps {
            if target.exists() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("{} exists already", target.display()),
                ));
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &temps {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    let mut written = Vec::new();
    for (tmp, target) in temps {
        std::fs::rename(&tmp, &target)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "[site]\nbase_url = \"https://x.om\"\nlanguages = [\"ar\", \"en\"]\ntitle = { ar = \"a\", en = \"b\" }\n[agency]\nid = \"x\"\nname = { ar = \"a\", en = \"b\" }\ncontact = \"a@x.om\"\nredress = { ar = \"a\", en = \"b\" }\n[units.u]\nname = { ar = \"a\", en = \"b\" }\n";
    const META: &str = "id = \"X-1\"\nstage = \"drafting\"\nunit = \"u\"\nopens = 2026-03-01\ncloses = 2026-03-31\n[[questions]]\nid = \"q1\"\ntext = { ar = \"ما رأيك في التعرفة؟\", en = \"What do you think of the tariff?\" }\n";
    const EXISTING: &str = "+++\nreceived = 2026-03-05\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"anonymous\"\nmoderation = \"published\"\nsource_url = \"https://x.com/a/status/1\"\n+++\nAlready here.";

    fn run(csv: &str, map: Option<&str>) -> Result<Plan, Diagnostics> {
        let mut files = vec![
            ("sablah.toml", CONFIG),
            ("content/consultations/c/consultation.toml", META),
            ("content/consultations/c/inputs/i-007.md", EXISTING),
            ("export.csv", csv),
        ];
        if let Some(m) = map {
            files.push(("map.toml", m));
        }
        let sources = SourceSet::from_memory(&files);
        let (site, d) = crate::load::load(&sources);
        assert!(!d.has_errors(), "{d:?}");
        let site = site.unwrap();
        let c = site.consultation("c").unwrap();
        let csv_id = sources.find("export.csv").unwrap();
        let map_id = sources.find("map.toml");
        let mapping = match map_id {
            Some(id) => mapping(&sources, id).unwrap(),
            None => Mapping::default(),
        };
        plan(
            &sources,
            csv_id,
            c,
            &site.config.languages(),
            &mapping,
            map_id,
            &["i-007".to_string()],
        )
    }

    #[test]
    fn a_form_export_needs_no_mapping() {
        let csv = "\u{feff}Timestamp,Email address,What do you think of the tariff?\n2026-03-06 10:30:00,someone@example.om,Too high for families.\n2026-03-07 09:00:00,other@example.om,التعرفة مرتفعة\n";
        let p = run(csv, None).unwrap();
        assert_eq!(p.inputs.len(), 2);
        assert_eq!(p.inputs[0].id, "i-008");
        assert_eq!(p.inputs[1].id, "i-009");
        let first = &p.inputs[0].text;
        assert!(
            first.contains("received = 2026-03-06T10:30:00\n"),
            "{first}"
        );
        assert!(first.contains("moderation = \"pending\""));
        assert!(first.contains("questions = [\"q1\"]"));
        assert!(first.contains("language = \"en\""));
        assert!(first.contains("author = \"anonymous\""));
        assert!(
            !first.contains("someone@example.om"),
            "an e-mail is never copied"
        );
        assert!(p.inputs[1].text.contains("language = \"ar\""));
        // The import's own sources check: the files load as inputs.
        for i in &p.inputs {
            let (_, d) = crate::load::front_matter::split(&i.text)
                .map(|s| {
                    let mut d = Diagnostics::default();
                    let m: Option<crate::model::InputMeta> = crate::toml_doc::parse(
                        &i.text[s.front],
                        Origin { file: 0, offset: 0 },
                        &mut d,
                    );
                    (m, d)
                })
                .unwrap();
            assert!(!d.has_errors(), "{d:?}\n{}", i.text);
        }
    }

    #[test]
    fn a_social_export_with_a_map_keeps_permalinks_but_no_names_published() {
        let map = "channel = \"social\"\nplatform = \"x\"\n[columns]\nreceived = \"created_at\"\ntext = \"full_text\"\nname = \"user\"\nsource_url = \"permalink\"\n";
        let csv = "created_at,user,full_text,permalink\n2026-03-06T18:20:00+04:00,@someone,رأيي في التعرفة,https://x.com/someone/status/2\n2026-03-07T08:00:00+04:00,@a,Already here.,https://x.com/a/status/1\n";
        let p = run(csv, Some(map)).unwrap();
        assert_eq!(p.inputs.len(), 1, "the second was imported before");
        assert_eq!(p.skipped, vec![3]);
        let t = &p.inputs[0].text;
        assert!(t.contains("channel = \"social\"\nplatform = \"x\""), "{t}");
        assert!(t.contains("name = \"@someone\"\npublish_name = false"));
        assert!(t.contains("source_url = \"https://x.com/someone/status/2\""));
        assert!(t.contains("received = 2026-03-06T18:20:00+04:00"));
    }

    #[test]
    fn running_it_again_skips_what_it_imported() {
        let csv = "date,comment\n2026-03-06,Same words\n2026-03-06,Same   words\n";
        let p = run(csv, None).unwrap();
        assert_eq!(p.inputs.len(), 1);
        assert_eq!(p.skipped, vec![3]);
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_is_planned() {
        let csv = "date,comment\nyesterday,One\n2026-03-06,\n2026-03-07,Fine\n";
        let d = run(csv, None).unwrap_err();
        let messages: Vec<&str> = d.items.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.items.len(), 2, "{messages:?}");
        assert!(messages[0].contains("\"yesterday\" is not a date"));
        assert!(messages[1].contains("no text"));
        let map_missing = run("a,b\n1,2\n", Some("[columns]\nreceived = \"When\"\n")).unwrap_err();
        assert!(map_missing
            .items
            .iter()
            .any(|d| d.message.contains("no column \"When\"")));
    }

    #[test]
    fn written_files_never_replace_an_existing_one() {
        let tmp = tempfile::tempdir().unwrap();
        let plan = Plan {
            inputs: vec![NewInput {
                id: "i-001".into(),
                text: "x".into(),
                line: 2,
            }],
            ..Plan::default()
        };
        std::fs::write(tmp.path().join("i-001.md"), "original").unwrap();
        assert!(write(tmp.path(), &plan).is_err());
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("i-001.md")).unwrap(),
            "original"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left");
    }
}
