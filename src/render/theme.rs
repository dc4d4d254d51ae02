//! The theme: Tera templates, CSS and interface strings.
//!
//! The default theme (`themes/default/`) is compiled into the binary, so
//! Sablah works from anywhere. Over it lie, in order: the theme the site
//! names with `theme = "<name>"` (its `themes/<name>/templates/` and
//! `themes/<name>/i18n/`), then the site's own `templates/` and
//! `i18n/<lang>.ftl`; each replaces a template by name and a string by key.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::sources::{SourceSet, Span};

use super::i18n::{I18nError, Translations};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "root.html",
    "home.html",
    "list.html",
    "consultation.html",
    "inputs.html",
    "input.html",
    "page.html",
    "legal.html",
    "channels.html",
    "404.html",
    "document.html",
    "search.html",
);

/// The search page's scripts, published under `/theme/`: the page's own,
/// the analyser that stems as the build does, and the Snowball stemmers
/// (generated with the Rust ones in `src/search/snowball/`).
pub const SCRIPTS: &[(&str, &str)] = &[
    (
        "search/search.js",
        include_str!("../../themes/default/static/search/search.js"),
    ),
    (
        "search/engine.js",
        include_str!("../../themes/default/static/search/engine.js"),
    ),
    (
        "search/analyse.js",
        include_str!("../../themes/default/static/search/analyse.js"),
    ),
    (
        "search/base-stemmer.js",
        include_str!("../../themes/default/static/search/base-stemmer.js"),
    ),
    (
        "search/stem-ar.js",
        include_str!("../../themes/default/static/search/stem-ar.js"),
    ),
    (
        "search/stem-en.js",
        include_str!("../../themes/default/static/search/stem-en.js"),
    ),
];

/// The default theme's stylesheet, published at `/theme/sablah.css`.
pub const STYLESHEET: &str = include_str!("../../themes/default/static/sablah.css");
pub const STYLESHEET_PATH: &str = "theme/sablah.css";

/// The theme's icon, linked as the site's icon when the agency names no
/// logo (so that no browser falls back to a missing `/favicon.ico`).
pub const ICON: &str = include_str!("../../themes/default/static/icon.svg");
pub const ICON_PATH: &str = "theme/icon.svg";

/// The default theme's interface strings.
pub const STRINGS: &[(&str, &str)] = &[
    ("ar", include_str!("../../themes/default/i18n/ar.ftl")),
    ("en", include_str!("../../themes/default/i18n/en.ftl")),
];

pub struct Theme {
    pub tera: tera::Tera,
    pub translations: Arc<Translations>,
    /// The Content-Security-Policy of the pages, as `base.html` states it
    /// in its `<meta http-equiv>`: the headers file for hosts sends the same.
    pub csp: Option<String>,
    /// The file each template that the site or its theme overrides comes
    /// from (`templates/page.html`, `themes/civic/templates/base.html`), by
    /// template name: where a problem of the template is reported.
    pub origins: BTreeMap<String, String>,
}

/// The `content` of the Content-Security-Policy `<meta>` of a template.
pub fn meta_csp(template: &str) -> Option<String> {
    static META: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?i)<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)""#)
            .expect("the CSP pattern compiles")
    });
    static TAGS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\{%-?\s*(end)?block[^%]*-?%\}").expect("the block pattern compiles")
    });
    let csp = META.captures(template).map(|c| c[1].to_string())?;
    // The policy as the pages have it, without the template's block tags.
    let csp = TAGS.replace_all(&csp, "").trim().to_string();
    // A page may allow the site's own scripts (the search page does, in
    // its meta); the header is the widest policy of any page, and each
    // page's meta narrows it: pages without scripts still block all.
    if csp.contains("script-src") {
        Some(csp)
    } else {
        Some(format!("{csp}; script-src 'self'"))
    }
}

impl Theme {
    /// Loads the default theme with the site's overrides.
    pub fn load(
        sources: &SourceSet,
        languages: &[String],
        digits: crate::config::Digits,
        theme: Option<&str>,
    ) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut templates: BTreeMap<String, String> = TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut strings: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for (lang, text) in STRINGS {
            strings
                .entry(lang.to_string())
                .or_default()
                .push((format!("themes/default/i18n/{lang}.ftl"), text.to_string()));
        }
        // The named theme's files first, then the site's own, which win.
        let prefix = theme.map(|t| format!("themes/{t}/"));
        let layered = sources
            .overrides
            .iter()
            .filter_map(|o| {
                let rel = o.path.strip_prefix(prefix.as_deref()?)?;
                Some((rel, o))
            })
            .chain(
                sources
                    .overrides
                    .iter()
                    .filter(|o| !o.path.starts_with("themes/"))
                    .map(|o| (o.path.as_str(), o)),
            );
        let mut origins: BTreeMap<String, String> = BTreeMap::new();
        for (rel, o) in layered {
            if let Some(name) = rel.strip_prefix("templates/") {
                templates.insert(name.to_string(), o.text.to_string());
                origins.insert(name.to_string(), o.path.clone());
            } else if let Some(file) = rel.strip_prefix("i18n/") {
                if let Some(lang) = file.strip_suffix(".ftl") {
                    strings
                        .entry(lang.to_string())
                        .or_default()
                        .push((o.path.clone(), o.text.to_string()));
                }
            }
        }
        let tera = compile(&templates, &origins, sources, &mut diags);
        let translations = match Translations::new(languages, &strings, digits) {
            Ok(t) => Some(Arc::new(t)),
            Err(errors) => {
                for e in errors {
                    diags.push(i18n_error(e, sources, "a site"));
                }
                None
            }
        };
        match translations {
            Some(translations) if !diags.has_errors() => Ok(Theme {
                tera,
                translations,
                csp: templates.get("base.html").and_then(|t| meta_csp(t)),
                origins,
            }),
            _ => Err(diags),
        }
    }

    /// The file to blame for a problem of the pages of `template`: the
    /// overridden file nearest the frame in its chain (the template, then
    /// the templates it extends), where the footer and its notices live.
    pub fn origin_of(&self, template: &str) -> String {
        origin(&self.tera, &self.origins, template)
    }
}

/// [`Theme::origin_of`], for a copy of its templates.
pub fn origin(tera: &tera::Tera, origins: &BTreeMap<String, String>, template: &str) -> String {
    overridden_chain(tera, origins, template)
        .pop()
        .unwrap_or_else(|| format!("templates/{template}"))
}

/// The files of `template` and of the templates it extends that the site
/// or its theme overrides, the template's first.
pub fn overridden_chain(
    tera: &tera::Tera,
    origins: &BTreeMap<String, String>,
    template: &str,
) -> Vec<String> {
    let parents = tera
        .get_template(template)
        .map(|t| t.parents.clone())
        .unwrap_or_default();
    std::iter::once(template.to_string())
        .chain(parents)
        .filter_map(|name| origins.get(&name).cloned())
        .collect()
}

/// Compiles the templates. Each overridden one is parsed alone first, so
/// that every broken file is reported at its line and column (Tera stops
/// at the first); then all together, for their inheritance.
pub fn compile(
    templates: &BTreeMap<String, String>,
    origins: &BTreeMap<String, String>,
    sources: &SourceSet,
    diags: &mut Diagnostics,
) -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    let mut broken = false;
    for (name, path) in origins {
        let Some(text) = templates.get(name) else {
            continue;
        };
        if let Err(e) = tera::Template::new(name, None, text) {
            broken = true;
            diags.push(parse_error(&e, name, path, text, sources));
        }
    }
    if broken {
        return tera;
    }
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        // A missing parent or macro file: the message names the template.
        let message = chain(&e);
        let culprit = origins
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .map(|(_, path)| path.clone());
        let d = Diagnostic::error(Code::ThemeTemplate, message).help(
            "a template can only extend, import or include templates that exist: the built-in theme's names (themes/default/templates) or files of the site's templates/",
        );
        diags.push(match culprit {
            Some(path) => d.in_file(path),
            None => d,
        });
    }
    tera
}

/// A template's syntax error, at its line and column.
fn parse_error(
    e: &tera::Error,
    name: &str,
    path: &str,
    text: &str,
    sources: &SourceSet,
) -> Diagnostic {
    static AT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"-->\s*(\d+):(\d+)").expect("the position pattern compiles")
    });
    let full = chain(e);
    // Pest's report: the position, a drawing of the line, and what it
    // expected after `= `; the drawing is the diagnostic's own snippet.
    let expected = full
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= "))
        .collect::<Vec<_>>()
        .join("; ");
    let message = if expected.is_empty() {
        format!("the template {name} cannot be parsed: {full}")
    } else {
        format!("the template {name} cannot be parsed: {expected}")
    };
    let d = Diagnostic::error(Code::ThemeTemplate, message).help(
        "fix the template's Tera syntax ({{ value }}, {% tag %}, {# comment #}); docs/template-context.md lists what each template receives",
    );
    let place = AT.captures(&full).and_then(|c| {
        let line: usize = c[1].parse().ok()?;
        let column: usize = c[2].parse().ok()?;
        let start = offset_of(text, line, column)?;
        Some(Span {
            file: sources.find_override(path)?,
            range: start..start,
        })
    });
    match place {
        Some(span) => d.at(span).label("here"),
        None => d.in_file(path),
    }
}

/// The byte offset of a 1-based line and column (in characters).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = text.get(start..)?;
    Some(
        start
            + rest
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// A strings problem, at its line and column when it is a syntax error in
/// one of the site's (or its theme's) files. `who` says whose folder can
/// add strings ("a site", "an index").
pub fn i18n_error(e: I18nError, sources: &SourceSet, who: &str) -> Diagnostic {
    let d = Diagnostic::error(Code::ThemeTemplate, e.message);
    match (e.pos, sources.find_override(&e.file)) {
        (Some(pos), Some(file)) => d
            .at(Span { file, range: pos })
            .label("here")
            .help("fix the Fluent syntax: a message is `id = text`, a continuation line starts with spaces, and an argument is written `{ $name }` (https://projectfluent.org/fluent/guide/)"),
        (Some(_), None) => d.in_file(e.file).help("fix the Fluent syntax of the file"),
        (None, _) => d.in_file(e.file).help(format!(
            "add the message to that language's .ftl file ({who} adds or overrides strings with i18n/<lang>.ftl in its folder)"
        )),
    }
}

/// A Tera error's message with its chain of causes.
fn chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// A Tera error with its chain of causes, as a diagnostic.
///
/// `file` is where the template comes from (see [`Theme::origin_of`]); a
/// variable that does not exist is pointed at where the first of `files`
/// (the overridden files of the template's chain) reads it, since Tera's
/// render errors give no position.
pub fn template_error(
    e: &tera::Error,
    file: &str,
    files: &[String],
    sources: Option<&SourceSet>,
) -> Diagnostic {
    static MISSING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"Variable `([^`]+)` not found").expect("the variable pattern compiles")
    });
    let message = chain(e);
    let d = Diagnostic::error(Code::ThemeTemplate, message.clone())
        .help("fix the template: docs/template-context.md lists what each template receives, field by field; the built-in theme's templates in themes/default/templates use them");
    let place = (|| {
        let variable = MISSING.captures(&message)?.get(1)?.as_str().to_string();
        let sources = sources?;
        files.iter().find_map(|f| {
            let id = sources.find_override(f)?;
            let at = sources.text_file(id)?.text.find(&variable)?;
            Some(Span {
                file: id,
                range: at..at + variable.len(),
            })
        })
    })();
    match place {
        Some(span) => d.at(span).label("not in this template's context"),
        None => d.in_file(file),
    }
}
