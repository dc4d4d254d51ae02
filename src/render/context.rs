//! The template contract: what each template of a theme receives.
//!
//! A site (or a shared theme) that overrides a template gets exactly the
//! variables listed here, and `docs/template-context.md` is generated from
//! these types and their doc comments ([`reference`]; `tests/docs.rs` fails
//! when the file is stale, and `SABLAH_BLESS=1 cargo test --test docs`
//! rewrites it).
//!
//! Every page template receives the same top-level variables
//! ([`PageContext`]): `lang`, `g` (what every page of the language shares),
//! `meta`, `page` (the page's own view, whose type depends on the template,
//! [`PAGE_TEMPLATES`]), `alternates`, `canonical` and `x_default`.
//!
//! Conventions, for every type:
//!
//! - strings are plain text unless the field's name is `html` or ends in
//!   `_html`: those are HTML, already sanitised, to print with `| safe` (a
//!   `*_html` field may be a [`LangText`], whose `html` is the HTML and
//!   whose `lang`, `dir` and `pending` say which language it is in);
//! - `page.title` is always the page's title as plain text;
//! - a keyword (`status`, `result`, `channel`, …) is a stable identifier for
//!   CSS classes and conditions, and each has its label beside it, already
//!   translated into the page's language (`status_label`, …): templates
//!   never build message keys from values;
//! - dates are [`DateText`]s, already written out in the page's language;
//! - URLs are root-relative, with the site's base path.
//!
//! Versioning ([`CONTEXT_VERSION`], given to every template as
//! `g.context_version`): adding a field, a type or a template is a
//! compatible change and raises the minor version (`1.1`); removing or
//! renaming a field, changing its type or meaning, or turning an optional
//! field into another is a breaking change and raises the major version
//! (`2.0`). A theme written for `1.x` works with every `1.y`, `y ≥ x`.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::Value;

pub use super::dates::DateText;
pub use super::views::*;

/// The version of this contract: `major.minor` (see the module's text).
pub const CONTEXT_VERSION: &str = "1.0";

/// The top-level variables of every page template.
#[derive(Serialize, JsonSchema)]
pub struct PageContext<'a> {
    /// The page's language code (`ar`, `en`, …); the pages in no language
    /// (`root.html`, `404.html`) are in the site's first language.
    pub lang: &'a str,
    /// What every page of the language shares (header, footer, links).
    #[schemars(with = "Global")]
    pub g: &'a Value,
    /// What the `<head>` says of the page.
    pub meta: &'a PageMeta,
    /// The page's own view: its type depends on the template (see each
    /// template's section).
    #[schemars(with = "PageView")]
    pub page: &'a Value,
    /// The same page in each of the site's languages, in the site's order
    /// (`hreflang` links and the language switch).
    pub alternates: &'a [Alternate],
    /// The page's absolute address (`<link rel="canonical">`, `og:url`).
    pub canonical: &'a str,
    /// The absolute address for `hreflang="x-default"`: the page in the
    /// site's first language, or `/` for the home pages.
    pub x_default: &'a str,
}

/// Stands for the type of `page` in the schema: the reference replaces it
/// with each template's own.
#[derive(JsonSchema)]
pub struct PageView {}

/// A page template and the type of its `page`.
pub struct PageTemplate {
    /// The template's file name under `templates/`.
    pub name: &'static str,
    /// Which pages it renders.
    pub what: &'static str,
    /// The schema of its `page`.
    pub page: fn(&mut SchemaGenerator) -> Schema,
}

macro_rules! template {
    ($name:literal, $what:literal, $ty:ty) => {
        PageTemplate {
            name: $name,
            what: $what,
            page: |g| g.subschema_for::<$ty>(),
        }
    };
}

/// Every page template of a site, with the type of its `page`.
pub const PAGE_TEMPLATES: &[PageTemplate] = &[
    template!(
        "root.html",
        "`/`: the choice of language, in every language",
        RootPage
    ),
    template!("home.html", "`/<lang>/`: the language's home page", HomePage<'static>),
    template!(
        "list.html",
        "`/<lang>/consultations/` and its filtered listings (by status, stage, topic), page by page",
        ListPage<'static>
    ),
    template!(
        "consultation.html",
        "`/<lang>/consultations/<slug>/`: a consultation's record",
        ConsultationView
    ),
    template!(
        "inputs.html",
        "`/<lang>/consultations/<slug>/inputs/`: its inputs, page by page",
        InputsPage<'static>
    ),
    template!(
        "input.html",
        "`/<lang>/consultations/<slug>/inputs/<id>/`: one published input",
        InputPage<'static>
    ),
    template!(
        "document.html",
        "`/<lang>/consultations/<slug>/read/<path>/`: a text document (`.txt`, `.md`) as a page",
        DocumentPage<'static>
    ),
    template!(
        "page.html",
        "`/<lang>/<slug>/`: a free page (about, participation guide, moderation policy, …)",
        ProsePage
    ),
    template!(
        "legal.html",
        "`/<lang>/legal/`: the legal notices (`page.languages` is empty)",
        RootPage
    ),
    template!(
        "channels.html",
        "`/<lang>/channels/`: the agency's official social-media accounts and their rules",
        ChannelsPage
    ),
    template!("search.html", "`/<lang>/search/`: the search page", SearchPage<'static>),
    template!(
        "404.html",
        "`/404.html`: the page for any missing address, in every language",
        RootPage
    ),
];

/// The national index's templates (`sablah index`, overridden by an index
/// folder's `templates/index/<name>`), with the type of their `page`.
pub const INDEX_TEMPLATES: &[PageTemplate] = {
    use crate::index::render as ix;
    &[
        template!(
            "index/home.html",
            "`/` and `/<lang>/`: the overview",
            ix::HomePage<'static>
        ),
        template!(
            "index/list.html",
            "`/<lang>/consultations/` and its listings by agency, status and topic, page by page",
            ix::ListPage<'static>
        ),
        template!(
            "index/agencies.html",
            "`/<lang>/agencies/` and its sorted versions: the table of agencies",
            ix::AgenciesPage
        ),
        template!(
            "index/agency.html",
            "`/<lang>/agencies/<id>/`: one agency",
            ix::AgencyPage<'static>
        ),
        template!(
            "index/legal.html",
            "`/<lang>/legal/`: the index's legal notices",
            ix::LegalPage
        ),
        template!(
            "index/search.html",
            "`/<lang>/search/`: the search page (the index's search files under it), and without JavaScript the consultations counted by national topic and status",
            ix::SearchPage
        ),
        template!(
            "index/404.html",
            "`/404.html`: \"not found\" in every language, for the host to send",
            ix::NotFoundPage
        ),
    ]
};

/// The table of templates, the pages each renders and the type of `page`.
fn templates_table(templates: &[(&PageTemplate, Value)]) -> String {
    let mut out = String::from("\n| template | pages | `page` |\n|---|---|---|\n");
    for (t, schema) in templates {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            t.name,
            t.what,
            type_of(schema)
        ));
    }
    out
}

/// `docs/template-context.md`: the reference of the contract, generated
/// from the types above and their doc comments.
pub fn reference() -> String {
    let mut generator = SchemaGenerator::default();
    let top = generator.subschema_for::<PageContext<'static>>();
    let index_top = generator.subschema_for::<crate::index::render::PageContext<'static>>();
    let pages: Vec<(&PageTemplate, Value)> = PAGE_TEMPLATES
        .iter()
        .map(|t| (t, (t.page)(&mut generator).to_value()))
        .collect();
    let index_pages: Vec<(&PageTemplate, Value)> = INDEX_TEMPLATES
        .iter()
        .map(|t| (t, (t.page)(&mut generator).to_value()))
        .collect();
    let defs: serde_json::Map<String, Value> = generator
        .definitions()
        .iter()
        .filter(|(name, _)| name.as_str() != "PageView")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let top = resolve(&top.to_value(), &defs).clone();
    let index_top = resolve(&index_top.to_value(), &defs).clone();

    let mut out = String::new();
    out.push_str(&format!(
        "# The template context, version {CONTEXT_VERSION}\n\n\
         <!-- Generated from src/render/context.rs and src/render/views.rs by \
         `SABLAH_BLESS=1 cargo test --test docs`: do not edit by hand. -->\n\n\
         What a template receives when a site overrides it (`templates/<name>` in the \
         site's folder, or in a theme `themes/<name>/templates/`). This is a contract, \
         versioned: the version is given to every template as `g.context_version`. \
         Adding a field, a type or a template is a compatible change (`1.0` → `1.1`); \
         removing or renaming a field, or changing its type or meaning, is a breaking \
         change (`1.x` → `2.0`). A theme written for `1.x` works with every later `1.y`.\n\n\
         Conventions:\n\n\
         - strings are plain text (Tera escapes them) unless the field is named `html` or \
         ends in `_html`: those hold HTML already sanitised, to print with `| safe` (a \
         `*_html` field may be a [LangText](#langtext): its `html` is the HTML, and \
         `lang`, `dir` and `pending` say which language it is in);\n\
         - `page.title` is always the page's title, plain;\n\
         - a keyword (`status`, `result`, `channel`, …) is a stable identifier, for CSS \
         classes and conditions; its label in the page's language is the field beside \
         it (`status_label`, …): templates never build message keys from values;\n\
         - dates are [DateText](#datetext)s, written out in the page's language;\n\
         - URLs are root-relative, with the site's base path (`g.base`);\n\
         - *optional* fields may be `null`: test them with `{{% if x %}}`.\n\n\
         Interface strings are read with `t(k=\"message-id\", l=lang, …arguments)` and \
         numbers written in the page's digits with `| num(l=lang)`; `macros.html` holds \
         the default theme's macros.\n\n"
    ));

    out.push_str("## Every page template\n\n");
    out.push_str(&table(&top, &defs, Some("a type per template, below")));
    out.push_str("\n## Templates\n");
    out.push_str(&templates_table(&pages));
    out.push_str(
        "\n`base.html` (the frame every page extends) and `macros.html` are \
         rendered with the variables of the page that uses them.\n\n",
    );
    out.push_str(
        "## The national index\n\n`sablah index` renders its own templates \
         (`index/*.html`; an index folder overrides them with \
         `templates/index/<name>`), with the same top-level names; every text is \
         plain (agencies' texts are shown only through Tera's escaping) and \
         interface strings without arguments are in `g.s`.\n\n",
    );
    out.push_str(&table(
        &index_top,
        &defs,
        Some("a type per template, below"),
    ));
    out.push_str(&templates_table(&index_pages));
    out.push_str(
        "\n`index/base.html` and `index/macros.html` are rendered with the \
         variables of the page that uses them.\n\n## Types\n\n",
    );
    for (name, schema) in &defs {
        out.push_str(&format!("### {name}\n\n"));
        if let Some(d) = schema.get("description").and_then(Value::as_str) {
            out.push_str(&prose(d, &defs));
            out.push_str("\n\n");
        }
        out.push_str(&table(schema, &defs, None));
        out.push('\n');
    }
    out
}

/// A `$ref` followed to its definition.
fn resolve<'a>(schema: &'a Value, defs: &'a serde_json::Map<String, Value>) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => defs
            .get(r.rsplit('/').next().unwrap_or(r))
            .unwrap_or(schema),
        None => schema,
    }
}

/// The Markdown table of an object's fields: field, type, description.
fn table(schema: &Value, defs: &serde_json::Map<String, Value>, page_type: Option<&str>) -> String {
    let mut out = String::from("| field | type | description |\n|---|---|---|\n");
    let empty = serde_json::Map::new();
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (field, p) in props {
        let ty = match (page_type, p.get("$ref").and_then(Value::as_str)) {
            (Some(t), Some(r)) if r.ends_with("/PageView") => t.to_string(),
            _ => type_of(p),
        };
        let description = p
            .get("description")
            .and_then(Value::as_str)
            .map(|d| prose(d, defs))
            .unwrap_or_default();
        out.push_str(&format!("| `{field}` | {ty} | {description} |\n"));
    }
    out
}

/// A field's type, in words, with links to the types of this reference.
fn type_of(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("[{name}](#{})", name.to_ascii_lowercase());
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let types: Vec<&Value> = any
            .iter()
            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if types.len() == 1 && any.len() == 2 {
            return format!("optional {}", type_of(types[0]));
        }
    }
    let (ty, optional) = match schema.get("type") {
        Some(Value::String(t)) => (t.as_str(), false),
        Some(Value::Array(ts)) => {
            let ts: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            let optional = ts.contains(&"null");
            let t = ts.iter().find(|t| **t != "null").copied().unwrap_or("null");
            (t, optional)
        }
        _ => ("any", false),
    };
    let words = match ty {
        "array" => format!(
            "list of {}",
            schema
                .get("items")
                .map(type_of)
                .unwrap_or_else(|| "any".into())
        ),
        "integer" => "integer".into(),
        "number" => "number".into(),
        other => other.to_string(),
    };
    if optional {
        format!("optional {words}")
    } else {
        words
    }
}

/// A doc comment as one Markdown table cell: one line, `|` escaped,
/// rustdoc's links to types made links to their sections.
fn prose(text: &str, defs: &serde_json::Map<String, Value>) -> String {
    let mut s = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in defs.keys() {
        s = s.replace(
            &format!("[`{name}`]"),
            &format!("[`{name}`](#{})", name.to_ascii_lowercase()),
        );
    }
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of every type is documented: the reference has no
    /// empty description.
    #[test]
    fn every_field_has_a_description() {
        let doc = reference();
        let undocumented: Vec<&str> = doc
            .lines()
            .filter(|l| l.starts_with("| `") && l.ends_with("|  |"))
            .collect();
        assert!(
            undocumented.is_empty(),
            "fields without a doc comment: {undocumented:#?}"
        );
        for t in PAGE_TEMPLATES.iter().chain(INDEX_TEMPLATES) {
            assert!(
                doc.contains(&format!("| `{}` |", t.name)),
                "{} is not listed",
                t.name
            );
        }
    }
}
