//! Problems found in a site's sources, reported like a compiler does.
//!
//! Every stage adds to one [`Diagnostics`] list instead of stopping at the
//! first problem, so a web team sees everything wrong in one run. Each
//! diagnostic carries a stable [`Code`] (documented in the README; agencies'
//! scripts may match on it), a location, and a `help` line that says how to
//! fix it. Rendering uses codespan-reporting for the terminal and plain JSON
//! lines for machines. This module does not decide what is wrong: the
//! loaders and [`crate::check`] do.

use std::collections::BTreeMap;
use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde::Serialize;

use crate::sources::{FileId, SourceSet, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $what:literal;)*) => {
        /// The stable code of a diagnostic: `E…` for errors, `W…` for warnings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }
        impl Code {
            /// Every code, for the README's table and its test.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
            pub fn code(self) -> &'static str { match self { $(Code::$variant => $code),* } }
            pub fn name(self) -> &'static str { match self { $(Code::$variant => $name),* } }
            pub fn meaning(self) -> &'static str { match self { $(Code::$variant => $what),* } }
        }
    };
}

codes! {
    TomlSyntax = "E001", "toml-syntax", "the TOML (a `.toml` file or a front matter) cannot be parsed";
    WrongType = "E002", "wrong-value", "a value has the wrong type or is not one of the allowed values";
    UnknownKey = "E003", "unknown-key", "a key that the format does not know (often a typo)";
    MissingKey = "E004", "missing-key", "a required key is absent";
    InvalidSlug = "E005", "invalid-slug", "a slug or id that cannot be a URL segment";
    DuplicateId = "E006", "duplicate-id", "two things share an id that must be unique";
    UnknownTopic = "E007", "unknown-topic", "a topic that `[topics]` in sablah.toml does not define";
    UnknownUnit = "E008", "unknown-unit", "a unit that `[units]` in sablah.toml does not define";
    UnknownTheme = "E009", "unknown-theme", "a theme that the consultation's `[themes]` does not define";
    UnknownQuestion = "E010", "unknown-question", "a question id that the consultation's `[[questions]]` does not define";
    UnknownChannel = "E011", "unknown-channel", "a channel that the consultation does not accept";
    UnansweredInput = "E012", "unanswered-input", "a published input that no response of the decision answers";
    DateOrder = "E013", "dates-out-of-order", "dates in an impossible order (closing before opening, …)";
    WithheldWithoutReason = "E014", "withheld-without-reason", "a withheld input that does not say why";
    MissingTranslation = "E015", "missing-translation", "a language file or label is missing under strict_translations";
    MissingDocument = "E016", "missing-document", "a document, changes file or timeline link names a file that does not exist";
    PersonalData = "E017", "personal-data", "a published input seems to contain personal data";
    InvalidUrl = "E018", "invalid-url", "base_url, or a timeline link with a scheme, is not an absolute http(s) URL";
    FrontMatter = "E019", "front-matter", "a Markdown file's `+++` front matter is missing or never closed";
    NotUtf8 = "E020", "not-utf8", "a source file is not UTF-8 text";
    EmptyFile = "E021", "empty-file", "a source file is empty";
    UnknownInput = "E022", "unknown-input", "a response names an input id that does not exist";
    FileTooLarge = "E023", "file-too-large", "a source file is larger than 16 MB";
    LinkOutsideSite = "E024", "link-outside-site", "a symbolic link leads out of the site folder";
    Unreadable = "E025", "unreadable", "a file or folder cannot be read (permissions, broken link, link loop)";
    MissingDone = "E026", "missing-done-date", "an implementation milestone marked met or partly-met has no `done` date";
    InvalidLanguage = "E027", "invalid-language", "a language code that is not a BCP 47 tag";
    MissingConfig = "E028", "missing-config", "the site folder has no sablah.toml";
    UnsafePath = "E029", "unsafe-path", "a document path that is absolute or climbs out with `..`, or a published file name with `:` or `\\`";
    ThemeTemplate = "E030", "theme-template", "a template cannot be parsed or rendered, or drops the legal notices";
    ThemeNotFound = "E031", "theme-not-found", "`theme` in sablah.toml names a folder that `themes/` does not have";
    DeclaredTotalTooSmall = "E032", "declared-total-too-small", "a total in `[received]` is smaller than the input files of that channel";
    PendingAfterDecision = "E033", "pending-after-decision", "an input is still `pending` moderation though the decision is made";
    InvalidTimezone = "E034", "invalid-timezone", "`timezone` is not an IANA time-zone name";
    ImportRow = "E035", "import-row", "`sablah import`: the export, its map or one of its rows cannot become an input";
    ReceivedOutsideWindow = "W001", "received-outside-window", "an input received before opening or after closing";
    NoModerationPolicy = "W002", "no-moderation-policy", "the moderation policy page named in sablah.toml does not exist";
    TranslationPending = "W003", "translation-pending", "a language file is missing (strict_translations = false)";
    PersonalDataWarning = "W004", "personal-data-suspected", "a published input seems to contain personal data (personal_data = \"warn\")";
    IgnoredFile = "W005", "ignored-file", "a file in content/ that the format does not expect; it is not published";
    ReasonOnPublished = "W006", "reason-on-published", "a published input gives a withholding reason";
    ExtraLanguage = "W007", "extra-language", "a label or file in a language that sablah.toml does not list";
    NoParticipationAddress = "W008", "no-participation-address", "a channel a consultation accepts has no address (form, e-mail, phone, place) anywhere";
    AnonymousNamed = "W009", "anonymous-named", "an anonymous input with a name and publish_name = true (the name is not shown)";
    Placeholder = "W010", "placeholder", "a placeholder that `sablah init` or `sablah new` wrote is still there";
    SourceUnreachable = "E101", "source-unreachable", "index: a source cannot be read (no such host or file, connection refused, TLS failure, too many redirects)";
    SourceTimeout = "E102", "source-timeout", "index: a source did not answer in time (10 s to connect, 60 s in all)";
    SourceHttpError = "E103", "source-http-error", "index: a source answered with an HTTP error status";
    SourceTooLarge = "E104", "source-too-large", "index: a source is larger than 64 MiB";
    SourceNotJson = "E105", "source-not-json", "index: a source is not JSON (often an HTML error page)";
    SourceSchema = "E106", "source-schema", "index: a source's JSON does not follow the schema agency sites publish";
    SourceVersion = "E107", "source-version", "index: a source's `schema_version` has a major version other than 1";
    ManifestMismatch = "E108", "manifest-mismatch", "index: with `verify = true`, the manifest beside a source is missing or gives another SHA-256";
    AgencyMismatch = "E109", "agency-mismatch", "index: the agency id in a source's data differs from the source's id in index.toml";
    DuplicateConsultation = "E110", "duplicate-consultation", "index: two agencies publish the same consultation id";
    NotCached = "E111", "not-cached", "index: `--offline`, and the cache holds no copy of a source";
    SourceStale = "W101", "source-stale", "index: the copy of a source in use is older than `stale_after_days`";
}

impl Code {
    pub fn severity(self) -> Severity {
        if self.code().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

/// Where a diagnostic points.
#[derive(Debug, Clone)]
pub enum Location {
    /// A place inside a text source.
    Span(Span),
    /// A whole file (relative path), when it has no readable text.
    File(String),
    /// The site as a whole.
    Site,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// Short text shown under the offending place.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// Other places that explain this one (shown, not counted as locations).
    pub secondary: Vec<(Span, String)>,
    /// The text at the location is someone's personal data: the human
    /// report's snippet shows it masked, never in clear.
    pub redact: bool,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            location: Location::Site,
            label: String::new(),
            help: None,
            notes: Vec::new(),
            secondary: Vec::new(),
            redact: false,
        }
    }
    /// A diagnostic of an error code (`E…`); the severity is the code's.
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        debug_assert_eq!(
            code.severity(),
            Severity::Error,
            "{} is not an error code",
            code.code()
        );
        Diagnostic::new(code, message)
    }
    /// A diagnostic of a warning code (`W…`); the severity is the code's.
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        debug_assert_eq!(
            code.severity(),
            Severity::Warning,
            "{} is not a warning code",
            code.code()
        );
        Diagnostic::new(code, message)
    }
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.location = Location::Span(span);
        self
    }
    pub fn at_opt(self, span: Option<Span>, file: FileId, sources: &SourceSet) -> Diagnostic {
        match span {
            Some(s) => self.at(s),
            None => self.in_file(sources.files[file].path.clone()),
        }
    }
    pub fn in_file(mut self, path: impl Into<String>) -> Diagnostic {
        self.location = Location::File(path.into());
        self
    }
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    /// Adds a secondary label: another place that explains this one.
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary.push((span, label.into()));
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
    /// Masks the located text in the human report's snippet.
    pub fn redacted(mut self) -> Diagnostic {
        self.redact = true;
        self
    }
    /// Downgrades an error to a warning with another code (for the settings
    /// that make a rule a warning, such as `personal_data = "warn"`).
    pub fn as_warning(mut self, code: Code) -> Diagnostic {
        self.code = code;
        self.severity = Severity::Warning;
        self
    }
}

/// Every problem of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Sorts by file, then position, then code: the order they are reported in.
    pub fn sort(&mut self, sources: &SourceSet) {
        self.items.sort_by_cached_key(|d| {
            let (path, pos) = match &d.location {
                Location::Span(s) => (
                    sources
                        .text_file(s.file)
                        .map(|f| f.path.clone())
                        .unwrap_or_default(),
                    s.range.start,
                ),
                Location::File(p) => (p.clone(), 0),
                Location::Site => (String::new(), 0),
            };
            (path, pos, d.code, d.message.clone())
        });
    }

    /// The resolved, plain-value view of each diagnostic (file, line, column).
    pub fn resolved<'a>(&'a self, sources: &'a SourceSet) -> impl Iterator<Item = Resolved> + 'a {
        self.items.iter().map(move |d| Resolved::of(d, sources))
    }

    /// Writes human-readable reports, then a count.
    pub fn emit_human(&self, sources: &SourceSet, out: &mut dyn WriteColor) -> std::io::Result<()> {
        let config = term::Config::default();
        let styles = term::Styles::default();
        let files = SourceFiles(sources);
        let mut writer = term::StylesWriter::new(&mut *out, &styles);
        // Personal data never shows in clear: every snippet of a file that
        // holds some is drawn from a copy with all of it masked.
        let mut redacted: BTreeMap<usize, Vec<std::ops::Range<usize>>> = BTreeMap::new();
        for d in &self.items {
            if let (Location::Span(s), true) = (&d.location, d.redact) {
                redacted.entry(s.file).or_default().push(s.range.clone());
            }
        }
        let masked: BTreeMap<usize, Masked> = redacted
            .into_iter()
            .filter_map(|(file, ranges)| {
                Some((file, Masked::new(files.source(file).ok()?, ranges)))
            })
            .collect();
        for d in &self.items {
            let cs = to_codespan(d);
            let copy = match &d.location {
                Location::Span(s) => masked.get(&s.file).map(|m| (s.file, m)),
                _ => None,
            };
            match copy {
                Some((id, m)) => {
                    let name = files.name(id).map_err(std::io::Error::other)?;
                    let file = codespan_reporting::files::SimpleFile::new(name, m.text.as_str());
                    let cs = CsDiagnostic {
                        severity: cs.severity,
                        code: cs.code,
                        message: cs.message,
                        // Labels in this file only (a personal-data finding
                        // has no secondary place elsewhere).
                        labels: cs
                            .labels
                            .into_iter()
                            .filter(|l| l.file_id == id)
                            .map(|l| {
                                Label::primary((), m.map(l.range.start)..m.map(l.range.end))
                                    .with_message(l.message)
                            })
                            .collect(),
                        notes: cs.notes,
                    };
                    term::emit_to_write_style(&mut writer, &config, &file, &cs)
                        .map_err(std::io::Error::other)?;
                }
                None => term::emit_to_write_style(&mut writer, &config, &files, &cs)
                    .map_err(std::io::Error::other)?,
            }
        }
        writeln!(out, "{}", self.summary())
    }

    /// Writes one JSON object per line, then nothing else (the count is
    /// derivable and would break line-by-line readers).
    pub fn emit_json(&self, sources: &SourceSet, out: &mut dyn Write) -> std::io::Result<()> {
        for r in self.resolved(sources) {
            serde_json::to_writer(&mut *out, &r)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub fn summary(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        format!(
            "{}, {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        )
    }
}

/// A diagnostic with its place worked out: what `--format json` prints.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Resolved {
    pub severity: Severity,
    pub code: &'static str,
    pub name: &'static str,
    pub file: Option<String>,
    /// 1-based; `None` for a whole file or the whole site.
    pub line: Option<usize>,
    /// 1-based, in characters.
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Resolved {
    pub fn of(d: &Diagnostic, sources: &SourceSet) -> Resolved {
        let (file, line, column) = match &d.location {
            Location::Span(s) => match sources.text_file(s.file) {
                Some(f) => {
                    let (line, col) = line_col(&f.text, s.range.start);
                    (Some(f.path.clone()), Some(line), Some(col))
                }
                None => (None, None, None),
            },
            Location::File(p) => (Some(p.clone()), None, None),
            Location::Site => (None, None, None),
        };
        Resolved {
            severity: d.severity,
            code: d.code.code(),
            name: d.code.name(),
            file,
            line,
            column,
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn to_codespan(d: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let mut cs = CsDiagnostic::new(severity)
        .with_code(format!("{} {}", d.code.code(), d.code.name()))
        .with_message(&d.message);
    let mut notes = Vec::new();
    match &d.location {
        Location::Span(s) => {
            let mut labels = vec![Label::primary(s.file, s.range.clone()).with_message(&d.label)];
            labels.extend(
                d.secondary
                    .iter()
                    .map(|(s, l)| Label::secondary(s.file, s.range.clone()).with_message(l)),
            );
            cs = cs.with_labels(labels);
        }
        Location::File(p) => notes.push(format!("in {p}")),
        Location::Site => {}
    }
    notes.extend(d.notes.iter().cloned());
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    cs.with_notes(notes)
}

/// A source with some ranges masked (letters and digits shown as `•`), and
/// the way from an offset in the source to the same place in the copy.
struct Masked {
    text: String,
    /// Each masked range of the source with the copy's offset of its end.
    ranges: Vec<(std::ops::Range<usize>, usize)>,
}

impl Masked {
    fn new(source: &str, mut ranges: Vec<std::ops::Range<usize>>) -> Masked {
        ranges.sort_by_key(|r| r.start);
        let mut text = String::with_capacity(source.len() + 64);
        let mut done = 0;
        let mut kept = Vec::new();
        for r in ranges {
            let start = r.start.max(done).min(source.len());
            let end = r.end.min(source.len());
            let (Some(before), Some(inside)) = (source.get(done..start), source.get(start..end))
            else {
                continue;
            };
            text.push_str(before);
            text.push_str(&crate::check::personal_data::mask_all(inside));
            kept.push((start..end, text.len()));
            done = end;
        }
        text.push_str(source.get(done..).unwrap_or(""));
        Masked { text, ranges: kept }
    }

    /// The copy's offset of source offset `at` (a place inside a masked
    /// range moves to its end).
    fn map(&self, at: usize) -> usize {
        let mut shift: isize = 0;
        for (r, new_end) in &self.ranges {
            if at < r.start {
                break;
            }
            if at <= r.end {
                return if at == r.start {
                    (at as isize + shift) as usize
                } else {
                    *new_end
                };
            }
            shift = *new_end as isize - r.end as isize;
        }
        (at as isize + shift) as usize
    }
}

/// Lets codespan-reporting read our sources.
struct SourceFiles<'a>(&'a SourceSet);

impl<'a> Files<'a> for SourceFiles<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.0
            .text_file(id)
            .map(|f| f.path.as_str())
            .ok_or(files::Error::FileMissing)
    }
    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.0
            .text_file(id)
            .map(|f| &*f.text)
            .ok_or(files::Error::FileMissing)
    }
    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let text = self.source(id)?;
        let byte_index = byte_index.min(text.len());
        Ok(text.as_bytes()[..byte_index]
            .iter()
            .filter(|b| **b == b'\n')
            .count())
    }
    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        let text = self.source(id)?;
        let mut start = 0;
        for _ in 0..line_index {
            match text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => {
                    return Err(files::Error::LineTooLarge {
                        given: line_index,
                        max: 0,
                    })
                }
            }
        }
        let end = text[start..]
            .find('\n')
            .map(|i| start + i + 1)
            .unwrap_or(text.len());
        Ok(start..end)
    }
}

/// An I/O error that names the path it happened at and what was being done,
/// so that a message never blames the site folder for a failure elsewhere.
pub fn io_at(e: std::io::Error, doing: &str, path: &std::path::Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot {doing} {}: {e}", path.display()))
}
