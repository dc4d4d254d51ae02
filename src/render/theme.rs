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
use crate::sources::SourceSet;

use super::i18n::Translations;

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
        for (rel, o) in layered {
            if let Some(name) = rel.strip_prefix("templates/") {
                templates.insert(name.to_string(), o.text.to_string());
            } else if let Some(file) = rel.strip_prefix("i18n/") {
                if let Some(lang) = file.strip_suffix(".ftl") {
                    strings
                        .entry(lang.to_string())
                        .or_default()
                        .push((o.path.clone(), o.text.to_string()));
                }
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            diags.push(template_error(&e, None));
        }
        let translations = match Translations::new(languages, &strings, digits) {
            Ok(t) => Some(Arc::new(t)),
            Err(errors) => {
                for e in errors {
                    diags.push(
                        Diagnostic::error(Code::ThemeTemplate, e.message)
                            .in_file(e.file)
                            .help("add the message to that language's .ftl file (a site adds or overrides strings with i18n/<lang>.ftl in its folder)"),
                    );
                }
                None
            }
        };
        match translations {
            Some(translations) if !diags.has_errors() => Ok(Theme {
                tera,
                translations,
                csp: templates.get("base.html").and_then(|t| meta_csp(t)),
            }),
            _ => Err(diags),
        }
    }
}

/// A Tera error with its chain of causes, as a diagnostic.
pub fn template_error(e: &tera::Error, template: Option<&str>) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error(Code::ThemeTemplate, message)
        .in_file(format!("templates/{}", template.unwrap_or("")))
        .help("fix the template (Tera syntax); the default theme's templates in themes/default/templates show what each page receives")
}
