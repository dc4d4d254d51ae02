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
    // index.toml
    "index",
    "sources",
    "operator",
    "cache",
    "stale_after_days",
    "timeout_seconds",
    "verify",
    "includes",
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

/// At most this many unknown keys are reported per document; one more
/// diagnostic says how many others there are.
pub const MAX_UNKNOWN_KEYS: usize = 50;

/// At most this many wrong values are reported per document (each one
/// costs a new pass over the document).
const MAX_VALUE_ERRORS: usize = 20;

/// Parses `text` as a `T`. Returns `None` when the document cannot be read
/// as a `T` at all (the reasons are in `diags`).
///
/// Every problem of the document is reported in one run: a key misspelt
/// close to a key of its table is reported once (E003 with the suggestion)
/// and read as that key, so that the rest of the site is checked as if it
/// were fixed; a wrong value is reported and left out, and the document is
/// read again to find the next one.
pub fn parse<T: DeserializeOwned + 'static>(
    text: &str,
    origin: Origin,
    diags: &mut Diagnostics,
) -> Option<T> {
    let mut table = match DeTable::parse(text) {
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
    let mut unknown: Vec<Unknown> = Vec::new();
    let mut seen: std::collections::HashSet<usize> = std::collections::HashSet::new();
    // Misspelt keys read as meant: (the key meant, the key as written).
    let mut renames: Vec<(&'static str, String)> = Vec::new();
    // Keys whose wrong values were left out: their absence is not news.
    let mut removed: Vec<String> = Vec::new();
    let mut value_errors = 0;
    // Each round reads the whole document again: a huge one gets few.
    let rounds = (MAX_WORK / text.len().max(1)).clamp(2, MAX_VALUE_ERRORS + 2);
    let mut round = 0;
    let value = loop {
        round += 1;
        // Past the cap, later rounds need not collect unknown keys again.
        let listen = round == 1 || unknown.len() < MAX_UNKNOWN_KEYS;
        let mut ignored: Vec<Vec<Seg>> = Vec::new();
        let de = toml::Deserializer::from(table.clone());
        let value: Result<T, _> = serde_ignored::deserialize(de, |path| {
            if listen {
                ignored.push(segments(&path))
            }
        });
        let fresh = unknown.len();
        for path in ignored {
            let Some(range) = locate_key(table.get_ref(), &path) else {
                continue;
            };
            if seen.insert(range.start) {
                unknown.push(Unknown {
                    range,
                    path,
                    advice: None,
                });
            }
        }
        // A misspelt key is read as the key meant, unless the document is
        // full of unknown keys (then it is not a typo).
        let mut renamed = false;
        if unknown.len() <= MAX_UNKNOWN_KEYS {
            for u in &mut unknown[fresh..] {
                let advice = u.advise::<T>();
                if let (Advice::Suggest(s), Some((Seg::Key(key), parent))) =
                    (&advice, u.path.split_last())
                {
                    if rename(table.get_mut(), parent, key, s) {
                        renamed = true;
                        renames.push((s, key.clone()));
                    }
                }
                u.advice = Some(advice);
            }
        }
        if renamed && round < rounds {
            // Read again with the misspelt keys read as meant.
            continue;
        }
        match value {
            Ok(v) => break Some(v),
            Err(e) => {
                let message = first_line(e.message());
                if let Some(field) = between(message, "missing field `", "`") {
                    let explained = removed.iter().any(|r| r == field)
                        || renames.iter().any(|(to, _)| *to == field);
                    if !explained {
                        diags.push(missing_key(field, e.span(), origin));
                    }
                    break None;
                }
                let Some(span) = e.span() else {
                    diags.push(value_error(&e, None, &renames, origin));
                    break None;
                };
                let found = find_value(table.get_ref(), &span);
                diags.push(value_error(&e, found.as_ref(), &renames, origin));
                value_errors += 1;
                let Some((path, _)) = found else { break None };
                if value_errors >= MAX_VALUE_ERRORS
                    || round >= rounds
                    || !remove(table.get_mut(), &path)
                {
                    break None;
                }
                if let Some(Seg::Key(k)) = path.iter().rev().find(|s| matches!(s, Seg::Key(_))) {
                    removed.push(k.clone());
                }
            }
        }
    };
    unknown.sort_by_key(|u| u.range.start);
    for u in unknown.iter_mut().take(MAX_UNKNOWN_KEYS) {
        if u.advice.is_none() {
            u.advice = Some(u.advise::<T>());
        }
    }
    report_unknown(unknown, origin, diags);
    value
}

/// How many bytes of a document its rounds may read in all (a document
/// with several wrong values is read once per value).
const MAX_WORK: usize = 64 << 20;

/// An unknown key, and what to say about it.
struct Unknown {
    range: std::ops::Range<usize>,
    path: Vec<Seg>,
    advice: Option<Advice>,
}

impl Unknown {
    fn advise<T: 'static>(&self) -> Advice {
        match self.path.split_last() {
            Some((Seg::Key(key), parent)) => advise::<T>(key, parent),
            _ => Advice::None,
        }
    }
}

enum Advice {
    /// A near key of the same table.
    Suggest(&'static str),
    /// A near key of the format, in a table the schema does not list.
    Guess(&'static str),
    /// The key belongs elsewhere.
    Elsewhere(Vec<&'static str>),
    None,
}

/// What to say about the unknown `key` in the table at `parent` of a `T`.
fn advise<T: 'static>(key: &str, parent: &[Seg]) -> Advice {
    if !crate::load::schema::knows::<T>() {
        return match suggest(key, KNOWN_KEYS) {
            Some(s) if s != key => Advice::Guess(s),
            _ => Advice::None,
        };
    }
    let table = crate::load::schema::table::<T>(parent);
    match table {
        Some(t) => {
            let candidates: Vec<&'static str> =
                t.keys.iter().copied().filter(|k| *k != key).collect();
            if let Some(s) = suggest(key, &candidates) {
                return Advice::Suggest(s);
            }
        }
        // A table the schema does not list: a guess among all the keys,
        // said but not acted on.
        None => {
            if let Some(s) = suggest(key, KNOWN_KEYS).filter(|s| *s != key) {
                return Advice::Guess(s);
            }
        }
    }
    let places = crate::load::schema::places_of(key, table);
    if places.is_empty() {
        Advice::None
    } else {
        Advice::Elsewhere(places)
    }
}

/// Renames `key` to `to` in the table at `parent`, unless `to` is set there.
fn rename(table: &mut DeTable, parent: &[Seg], key: &str, to: &'static str) -> bool {
    let Some(t) = table_at(table, parent) else {
        return false;
    };
    if t.contains_key(to) {
        return false;
    }
    let Some((k, v)) = t.remove_entry(key) else {
        return false;
    };
    t.insert(Spanned::new(k.span(), std::borrow::Cow::Borrowed(to)), v);
    true
}

fn table_at<'t, 'i>(table: &'t mut DeTable<'i>, path: &[Seg]) -> Option<&'t mut DeTable<'i>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(table);
    };
    let Seg::Key(k) = first else { return None };
    let value = table.get_mut(k.as_str())?;
    value_table_at(value.get_mut(), rest)
}

fn value_table_at<'t, 'i>(value: &'t mut DeValue<'i>, path: &[Seg]) -> Option<&'t mut DeTable<'i>> {
    match (value, path.first()) {
        (DeValue::Table(t), _) => table_at(t, path),
        (DeValue::Array(a), Some(Seg::Index(i))) => {
            value_table_at(a.get_mut(*i)?.get_mut(), &path[1..])
        }
        _ => None,
    }
}

/// The path of the value (or array element) whose span is `span`, and the
/// value. Walks the document once.
fn find_value<'t, 'i>(
    table: &'t DeTable<'i>,
    span: &std::ops::Range<usize>,
) -> Option<(Vec<Seg>, &'t DeValue<'i>)> {
    for (k, v) in table.iter() {
        let mut path = vec![Seg::Key(k.get_ref().to_string())];
        if let Some(found) = find_in_value(v, span, &mut path) {
            return Some(found);
        }
    }
    None
}

fn find_in_value<'t, 'i>(
    value: &'t Spanned<DeValue<'i>>,
    span: &std::ops::Range<usize>,
    path: &mut Vec<Seg>,
) -> Option<(Vec<Seg>, &'t DeValue<'i>)> {
    let r = value.span();
    if r == *span {
        return Some((path.clone(), value.get_ref()));
    }
    // A table's span may cover only its header, not its keys: search it
    // whole; other values hold what lies inside their span.
    let inside = r.start <= span.start && span.end <= r.end;
    let table = matches!(value.get_ref(), DeValue::Table(_));
    if !inside && !table {
        return None;
    }
    match value.get_ref() {
        DeValue::Table(t) => {
            for (k, v) in t.iter() {
                path.push(Seg::Key(k.get_ref().to_string()));
                if let Some(found) = find_in_value(v, span, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        DeValue::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.push(Seg::Index(i));
                if let Some(found) = find_in_value(v, span, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        _ => None,
    }
}

/// Removes the value at `path`; for an element of a list, the whole list
/// (a list of the toml crate cannot lose an element).
fn remove(table: &mut DeTable, path: &[Seg]) -> bool {
    let Some(last) = path.iter().rposition(|s| matches!(s, Seg::Key(_))) else {
        return false;
    };
    let Seg::Key(k) = &path[last] else {
        return false;
    };
    table_at(table, &path[..last])
        .map(|t| t.remove(k.as_str()).is_some())
        .unwrap_or(false)
}

/// Reports the unknown keys in the order they are written, at most
/// [`MAX_UNKNOWN_KEYS`] of them and a count of the others.
fn report_unknown(unknown: Vec<Unknown>, origin: Origin, diags: &mut Diagnostics) {
    let more = unknown.len().saturating_sub(MAX_UNKNOWN_KEYS);
    let first_hidden = unknown.get(MAX_UNKNOWN_KEYS).map(|u| u.range.clone());
    for u in unknown.into_iter().take(MAX_UNKNOWN_KEYS) {
        let path = dotted(&u.path);
        let d = Diagnostic::error(Code::UnknownKey, format!("unknown key `{path}`"))
            .at(origin.span(u.range));
        diags.push(match u.advice.unwrap_or(Advice::None) {
            Advice::Suggest(s) => d
                .label(format!("did you mean `{s}`?"))
                .help(format!("did you mean `{s}`? (rename the key; the keys of each table are listed in the content format)")),
            Advice::Guess(s) => d
                .label("not a key of the content format")
                .help(format!("did you mean `{s}`? (the keys of each table are listed in the content format)")),
            Advice::Elsewhere(places) => d
                .label("not a key of this table")
                .help(format!(
                    "`{}` is a key of {}: move it there, or remove it here",
                    path.rsplit('.').next().unwrap_or(&path),
                    places.join(", or of ")
                )),
            Advice::None => d
                .label("not a key of the content format")
                .help("remove it, or check the spelling against the content format"),
        });
    }
    if let Some(range) = first_hidden {
        diags.push(
            Diagnostic::error(
                Code::UnknownKey,
                format!("{more} more unknown key(s) in this document are not listed (only the first {MAX_UNKNOWN_KEYS} are)"),
            )
            .at(origin.span(range))
            .label("the first of them")
            .help("remove the keys the content format does not define; is this file really a Sablah source?"),
        );
    }
}

fn missing_key(field: &str, span: Option<std::ops::Range<usize>>, origin: Origin) -> Diagnostic {
    let range = span.unwrap_or(0..0);
    Diagnostic::error(
        Code::MissingKey,
        format!("the required key `{field}` is missing"),
    )
    .at(origin.span(range.start..range.start))
    .label(format!("`{field}` must be set in this table"))
    .help(format!(
        "add `{field} = …` (see the content format for its meaning)"
    ))
}

/// Turns a toml/serde value error into a diagnostic in the format's words:
/// what the key takes, and what it was given.
fn value_error(
    e: &toml::de::Error,
    found: Option<&(Vec<Seg>, &DeValue)>,
    renames: &[(&'static str, String)],
    origin: Origin,
) -> Diagnostic {
    let message = first_line(e.message()).to_string();
    let range = e.span().unwrap_or(0..0);
    let key = found
        .and_then(|(path, _)| {
            path.iter().rev().find_map(|s| match s {
                Seg::Key(k) => Some(k.clone()),
                Seg::Index(_) => None,
            })
        })
        .unwrap_or_else(|| "this key".into());
    let in_list = found
        .map(|(path, _)| matches!(path.last(), Some(Seg::Index(_))))
        .unwrap_or(false);
    // A misspelt key read as the key meant is named as written.
    let written = match renames.iter().find(|(to, _)| *to == key) {
        Some((to, from)) => format!("`{from}` (read as `{to}`)"),
        None => format!("`{key}`"),
    };
    let subject = if in_list {
        format!("each item of {written}")
    } else {
        written
    };
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
            format!("\"{variant}\" is not an allowed value of {subject}"),
        )
        .at(origin.span(range))
        .label("not allowed")
        .help(help);
    }
    let given = found.map(|(_, v)| kind(v));
    let takes = takes(&key, &message);
    let text = match (&takes, given) {
        (Some((t, _)), Some(g)) => format!("{subject} takes {t}, not {g}"),
        (Some((t, _)), None) => format!("{subject} takes {t}"),
        // A message of the model's own (an impossible day, …) is already
        // in the format's words.
        (None, _) => format!("wrong value of {subject}: {message}"),
    };
    let help = match takes {
        Some((_, example)) => format!(
            "write it as {}",
            example.replace("KEY", &key)
        ),
        None => "check the value against the content format: dates are bare (2026-03-01), lists use [ ], labels are { ar = \"…\", en = \"…\" }".into(),
    };
    Diagnostic::error(Code::WrongType, text)
        .at(origin.span(range))
        .label("this value")
        .help(help)
}

/// The keys whose value is a day.
const DATE_KEYS: &[&str] = &[
    "opens",
    "closes",
    "decision_due",
    "date",
    "published",
    "due",
    "done",
    "received",
];

/// What a key takes, in the format's words, and an example (`KEY` stands
/// for the key), from the key's name and what serde expected.
fn takes(key: &str, message: &str) -> Option<(&'static str, &'static str)> {
    let expected = message.split("expected ").nth(1).unwrap_or("");
    if message.contains("wanted string or table") {
        // A keyword (an enum) given something other than text.
        return Some((
            "one of its keywords, in quotes",
            "KEY = \"…\", one of the values the content format lists for `KEY`",
        ));
    }
    if !message.starts_with("invalid type") {
        return None;
    }
    if DATE_KEYS.contains(&key) || expected.contains("datetime") {
        return Some((
            "a date like 2026-03-01",
            "a bare date, without quotes: KEY = 2026-03-01",
        ));
    }
    Some(
        if expected.starts_with("a string") || expected.starts_with("string") {
            ("text", "text in double quotes: KEY = \"…\"")
        } else if expected.starts_with("a boolean") {
            ("true or false", "KEY = true or KEY = false, without quotes")
        } else if expected.starts_with("a sequence") {
            ("a list", "a list in brackets: KEY = [\"…\", \"…\"]")
        } else if expected.starts_with("a map") {
            (
                "a text in each language",
                "one text per language: KEY = { ar = \"…\", en = \"…\" }",
            )
        } else if expected.starts_with("struct") {
            (
                "a table of keys",
                "a table: [KEY] on its own line, then its keys",
            )
        } else if expected.contains("integer") {
            ("a whole number", "KEY = 3")
        } else {
            return None;
        },
    )
}

/// What a value is, in the format's words.
fn kind(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(d) if d.time.is_some() => "a date with a time",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
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
    // The table is a sorted map: a lookup, not a scan (a document may have
    // a million keys).
    let (key, value) = table.get_key_value(k.as_str())?;
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

    fn input(front: &str) -> (Option<crate::model::InputMeta>, Diagnostics) {
        let mut d = Diagnostics::default();
        let v = parse(front, Origin { file: 0, offset: 0 }, &mut d);
        (v, d)
    }

    const INPUT: &str = "received = 2026-03-05\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"individual\"\nmoderation = \"published\"\n";

    #[test]
    fn wrong_values_are_told_in_the_format_s_words() {
        let cases = [
            (
                "language = \"en\"",
                "language = [\"en\"]",
                "`language` takes text, not a list",
            ),
            ("author = \"individual\"", "author = 3", "`author` takes"),
            (
                "received = 2026-03-05",
                "received = \"5 March\"",
                "`received` takes a date like 2026-03-01, not text",
            ),
            (
                "moderation = \"published\"",
                "moderation = \"published\"\npublish_name = \"yes\"",
                "`publish_name` takes true or false, not text",
            ),
            (
                "moderation = \"published\"",
                "moderation = \"published\"\nthemes = \"water\"",
                "`themes` takes a list, not text",
            ),
            (
                "moderation = \"published\"",
                "moderation = \"published\"\nthemes = [3]",
                "each item of `themes` takes text, not a number",
            ),
        ];
        for (from, to, want) in cases {
            let (_, d) = input(&INPUT.replace(from, to));
            let e = d.items.iter().find(|d| d.code == Code::WrongType);
            let e = e.unwrap_or_else(|| panic!("{to}: {d:?}"));
            assert!(e.message.contains(want), "{to}: {}", e.message);
            assert!(!e.message.contains("invalid type"), "{}", e.message);
        }
    }

    #[test]
    fn a_typo_is_one_message_and_the_document_still_loads() {
        let (v, d) = input(&INPUT.replace("channel =", "chanel ="));
        assert!(v.is_some(), "{d:?}");
        assert_eq!(d.items.len(), 1, "{d:?}");
        assert_eq!(d.items[0].code, Code::UnknownKey);
        assert!(d.items[0].help.as_deref().unwrap().contains("`channel`"));
        // No near key: the missing key is reported.
        let (v, d) = input(&INPUT.replace("channel =", "medium ="));
        assert!(v.is_none());
        let codes: Vec<Code> = d.items.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::MissingKey, Code::UnknownKey], "{d:?}");
    }

    #[test]
    fn the_key_itself_is_never_suggested() {
        // `unit` is a key of consultation.toml, not of decision.toml.
        let mut d = Diagnostics::default();
        let v = parse::<crate::model::DecisionMeta>(
            "published = 2026-05-20\noutcome = \"adopted\"\nunit = \"policy\"\n",
            Origin { file: 0, offset: 0 },
            &mut d,
        );
        assert!(v.is_some());
        let help = d.items[0].help.as_deref().unwrap();
        assert!(!help.contains("did you mean"), "{help}");
        assert!(help.contains("consultation.toml"), "{help}");
    }

    #[test]
    fn unknown_keys_are_capped_with_a_count() {
        let mut text = String::from("title = \"x\"\n");
        for n in 0..(MAX_UNKNOWN_KEYS + 7) {
            text.push_str(&format!("zz{n:04} = 1\n"));
        }
        let (v, d) = run(&text);
        assert!(v.is_some());
        assert_eq!(d.items.len(), MAX_UNKNOWN_KEYS + 1);
        assert!(
            d.items[MAX_UNKNOWN_KEYS].message.starts_with("7 more"),
            "{:?}",
            d.items[MAX_UNKNOWN_KEYS]
        );
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggest("chanel", &["channel", "channels"]), Some("channel"));
        assert_eq!(suggest("zzzz", &["channel"]), None);
    }
}
