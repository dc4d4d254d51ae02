//! Reads a TOML document (a `.toml` file or a front matter) into a typed
//! value, turning every problem into a located diagnostic.
//!
//! Unknown keys are collected with `serde_ignored`, so all of them are
//! reported at once, each with a "did you mean" suggestion; a syntax error or
//! a wrong value stops that one document only. Spans returned by the toml
//! crate are relative to the document; `offset` moves them to the file (a
//! front matter starts a few bytes into its Markdown file).

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::sources::{FileId, Span};

/// Every key the content format knows, for "did you mean" suggestions.
const KNOWN_KEYS: &[&str] = &[
    "site",
    "base_url",
    "languages",
    "title",
    "output",
    "theme",
    "calendars",
    "digits",
    "moderation_policy",
    "strict_translations",
    "agency",
    "id",
    "name",
    "contact",
    "redress",
    "logo",
    "units",
    "topics",
    "label",
    "legal",
    "extra",
    "privacy",
    "personal_data",
    "allow",
    "stage",
    "unit",
    "opens",
    "closes",
    "decision_due",
    "channels",
    "publish_inputs",
    "withdrawn",
    "date",
    "reason",
    "questions",
    "text",
    "themes",
    "timeline",
    "link",
    "documents",
    "path",
    "changes",
    "note",
    "summary",
    "received",
    "channel",
    "language",
    "author",
    "publish_name",
    "organisation",
    "moderation",
    "published",
    "outcome",
    "responses",
    "inputs",
    "result",
    "implementation",
    "due",
    "status",
    "done",
    // Content format 1.1
    "timezone",
    "gender",
    "participation",
    "address",
    "social",
    "platform",
    "url",
    "handle",
    "social_posts",
    "phase",
    "reference",
    "format",
    "pages",
    "accessible",
    "source_url",
    "posted",
    "attachments",
    "translated_by",
    "in_reply_to",
    "replies",
    "announced",
];

/// Where a document sits: its file and the byte offset of its first byte.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub file: FileId,
    pub offset: usize,
}

impl Origin {
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span {
            file: self.file,
            range: range.start + self.offset..range.end + self.offset,
        }
    }
    pub fn spanned<T>(&self, s: &Spanned<T>) -> Span {
        self.span(s.span())
    }
}

/// Parses `text` as a `T`. Returns `None` when the document cannot be read
/// as a `T` at all (the reason is in `diags`).
pub fn parse<T: DeserializeOwned>(
    text: &str,
    origin: Origin,
    diags: &mut Diagnostics,
) -> Option<T> {
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            diags.push(
                Diagnostic::error(Code::TomlSyntax, format!("invalid TOML: {}", first_line(e.message())))
                    .at(origin.span(range))
                    .label("here")
                    .help("fix the TOML syntax: strings in \"double quotes\", dates as 2026-03-01, one key per line, inline tables { … } on one line"),
            );
            return None;
        }
    };
    let mut ignored: Vec<Vec<Seg>> = Vec::new();
    let de = toml::Deserializer::from(table.clone());
    let value: Result<T, _> = serde_ignored::deserialize(de, |path| ignored.push(segments(&path)));
    for path in &ignored {
        let key = match path.last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => continue,
        };
        let range = locate_key(table.get_ref(), path).unwrap_or(0..0);
        let mut d = Diagnostic::error(Code::UnknownKey, format!("unknown key `{}`", dotted(path)))
            .at(origin.span(range))
            .label("not a key of the content format");
        d = match suggest(&key, KNOWN_KEYS) {
            Some(s) => d.help(format!(
                "did you mean `{s}`? (keys are listed in the content format, version 1.1)"
            )),
            None => {
                d.help("remove it, or check the spelling against the content format, version 1")
            }
        };
        diags.push(d);
    }
    match value {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(value_error(&e, origin));
            None
        }
    }
}

/// Turns a toml/serde deserialisation error into a diagnostic.
fn value_error(e: &toml::de::Error, origin: Origin) -> Diagnostic {
    let message = first_line(e.message()).to_string();
    let range = e.span().unwrap_or(0..0);
    if let Some(field) = between(&message, "missing field `", "`") {
        return Diagnostic::error(
            Code::MissingKey,
            format!("the required key `{field}` is missing"),
        )
        .at(origin.span(range.start..range.start))
        .label(format!("`{field}` must be set in this table"))
        .help(format!(
            "add `{field} = …` (see the content format for its meaning)"
        ));
    }
    if let Some(variant) = between(&message, "unknown variant `", "`") {
        let expected: Vec<&str> = message
            .split("expected ")
            .nth(1)
            .map(|rest| rest.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let help = match suggest(variant, &expected) {
            Some(s) => format!(
                "did you mean \"{s}\"? allowed values: {}",
                expected.join(", ")
            ),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return Diagnostic::error(
            Code::WrongType,
            format!("\"{variant}\" is not an allowed value here"),
        )
        .at(origin.span(range))
        .label("not allowed")
        .help(help);
    }
    Diagnostic::error(Code::WrongType, format!("wrong value: {message}"))
        .at(origin.span(range))
        .label("this value")
        .help("check the value's type against the content format: dates are bare (2026-03-01), lists use [ ], labels are { ar = \"…\", en = \"…\" }")
}

/// A path step: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

fn segments(path: &serde_ignored::Path) -> Vec<Seg> {
    use serde_ignored::Path as P;
    let mut out = Vec::new();
    let mut p = path;
    loop {
        match p {
            P::Root => break,
            P::Seq { parent, index } => {
                out.push(Seg::Index(*index));
                p = parent;
            }
            P::Map { parent, key } => {
                out.push(Seg::Key(key.clone()));
                p = parent;
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                p = parent
            }
        }
    }
    out.reverse();
    out
}

fn dotted(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// The span of the key at `path` in the TOML document `text`, if it parses.
pub fn key_span(text: &str, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    let table = DeTable::parse(text).ok()?;
    locate_key(table.get_ref(), path)
}

/// The span of the key at `path` (its value's span for an array element).
pub fn locate_key(table: &DeTable, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    let (first, rest) = path.split_first()?;
    let Seg::Key(k) = first else { return None };
    let (key, value) = table
        .iter()
        .find(|(key, _)| key.get_ref().as_ref() == k.as_str())?;
    if rest.is_empty() {
        return Some(key.span());
    }
    locate_in_value(value, rest)
}

fn locate_in_value(value: &Spanned<DeValue>, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    match (value.get_ref(), &path[0]) {
        (DeValue::Table(t), Seg::Key(_)) => locate_key(t, path),
        (DeValue::Array(a), Seg::Index(i)) => {
            let item = a.get(*i)?;
            if path.len() == 1 {
                Some(item.span())
            } else {
                locate_in_value(item, &path[1..])
            }
        }
        _ => Some(value.span()),
    }
}

/// The closest candidate, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < c.len())
        .min()
        .map(|(_, c)| c)
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        opens: Option<toml::value::Datetime>,
    }

    fn run(text: &str) -> (Option<Doc>, Diagnostics) {
        let mut d = Diagnostics::default();
        let v = parse::<Doc>(text, Origin { file: 0, offset: 4 }, &mut d);
        (v, d)
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let (v, d) = run("title = \"x\"\ntitel = \"y\"\nopen = 2026-01-01\n");
        assert!(v.is_some());
        assert_eq!(d.items.len(), 2);
        let titel = d
            .items
            .iter()
            .find(|d| d.message.contains("titel"))
            .unwrap();
        let open = d.items.iter().find(|d| d.message.contains("open")).unwrap();
        assert_eq!(titel.code, Code::UnknownKey);
        assert!(titel.help.as_deref().unwrap().contains("`title`"));
        assert!(open.help.as_deref().unwrap().contains("`opens`"));
        // The key `titel` starts at byte 12 of the document, 16 of the file.
        match &titel.location {
            crate::diagnostics::Location::Span(s) => assert_eq!(s.range.start, 16),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_and_wrong_values_are_errors() {
        let (v, d) = run("opens = 2026-01-01\n");
        assert!(v.is_none());
        assert_eq!(d.items[0].code, Code::MissingKey);
        let (_, d) = run("title = 3\n");
        assert_eq!(d.items[0].code, Code::WrongType);
        let (_, d) = run("title = \"unclosed\n");
        assert_eq!(d.items[0].code, Code::TomlSyntax);
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggest("chanel", &["channel", "channels"]), Some("channel"));
        assert_eq!(suggest("zzzz", &["channel"]), None);
    }
}
