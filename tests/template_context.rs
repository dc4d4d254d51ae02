//! The template contract from the side of an agency that overrides a
//! template: a template written from `docs/template-context.md` alone
//! renders, and receives the labels and plain titles the reference promises.

mod common;

use common::{build, build_ok, copy_dir, root};

/// The section of the reference that documents `ty`.
fn section<'a>(reference: &'a str, ty: &str) -> &'a str {
    let start = reference
        .find(&format!("\n### {ty}\n"))
        .unwrap_or_else(|| panic!("docs/template-context.md has no section {ty}"));
    let rest = &reference[start + 1..];
    let end = rest[4..].find("\n### ").map_or(rest.len(), |e| e + 4);
    &rest[..end]
}

/// Every `<var>.<field>` the template reads is a field of `ty` in the
/// reference.
fn assert_documented(template: &str, reference: &str, var: &str, ty: &str) {
    let table = section(reference, ty);
    let pattern = regex::Regex::new(&format!(r"\b{var}\.([a-z_]+)")).unwrap();
    let mut seen = 0;
    for m in pattern.captures_iter(template) {
        let field = &m[1];
        assert!(
            table.contains(&format!("| `{field}` |")),
            "`{var}.{field}` is not documented in the section {ty} of docs/template-context.md"
        );
        seen += 1;
    }
    assert!(seen > 0, "the template reads no field of {var}");
}

const CONSULTATION: &str = r#"{% extends "base.html" %}
{% block main %}
<h1 class="agency-title">{{ page.title }}</h1>
<p class="version">contract {{ g.context_version }}</p>
<p class="agency-status status-{{ page.status }}">{{ page.status_label }}</p>
<p class="agency-stage">{{ page.stage_label }}</p>
<div class="agency-summary"{% if page.summary_html.pending %} lang="{{ page.summary_html.lang }}"{% endif %}>{{ page.summary_html.html | safe }}</div>
{% if page.decision %}{% set d = page.decision %}<p class="agency-outcome outcome-{{ d.outcome }}">{{ d.outcome_label }}</p>
<ul>{% for r in d.responses %}<li class="agency-result result-{{ r.result }}">{{ r.result_label }}</li>{% endfor %}</ul>{% endif %}
<ol>{% for e in page.timeline %}<li class="agency-tl tl-{{ e.state }}">{{ e.state_label }}</li>{% endfor %}</ol>
<ul>{% for ch in page.channel_labels %}<li class="agency-channel">{{ ch }}</li>{% endfor %}</ul>
{% endblock main %}
"#;

/// The text of the first element with `class` in `html`, between `>` and `<`.
fn text_after(html: &str, class: &str) -> String {
    let at = html
        .find(class)
        .unwrap_or_else(|| panic!("no {class} in the page"));
    let rest = &html[at..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest[open..].find('<').unwrap() + open;
    rest[open..close].to_string()
}

#[test]
fn an_override_written_from_the_reference_renders_with_translated_labels() {
    let reference = std::fs::read_to_string(root().join("docs/template-context.md")).unwrap();
    assert_documented(CONSULTATION, &reference, "page", "ConsultationView");
    assert_documented(CONSULTATION, &reference, "g", "Global");
    assert_documented(CONSULTATION, &reference, "d", "DecisionView");
    assert_documented(CONSULTATION, &reference, "r", "ResponseView");
    assert_documented(CONSULTATION, &reference, "e", "TimelineView");

    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    // The default theme's page, for the labels it shows.
    let plain = tmp.path().join("plain");
    build_ok(&site, &plain);
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/consultation.html"), CONSULTATION).unwrap();
    let out = tmp.path().join("out");
    let outcome = build(&site, &out);
    assert!(outcome.written.is_some(), "{:?}", outcome.diagnostics);

    for lang in ["ar", "en"] {
        let page = format!("{lang}/consultations/water-tariffs/index.html");
        let default = std::fs::read_to_string(plain.join(&page)).unwrap();
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        assert!(html.contains("contract 1.0"), "g.context_version");
        // The labels are the default theme's, in the page's language.
        let status = text_after(&default, "class=\"status status-");
        assert!(!status.is_empty());
        assert_eq!(text_after(&html, "agency-status"), status, "{lang}");
        let result = text_after(&default, "class=\"result result-");
        assert_eq!(text_after(&html, "agency-result"), result, "{lang}");
        // `page.title` is plain text: the default page's <h1> shows the
        // same words (as inline HTML).
        let title = text_after(&html, "agency-title");
        assert!(!title.is_empty() && !title.contains('<'));
        assert!(default.contains(&title), "{lang}: {title}");
        assert!(html.contains("agency-tl tl-"), "timeline states");
    }
    let en =
        std::fs::read_to_string(out.join("en/consultations/water-tariffs/index.html")).unwrap();
    let ar =
        std::fs::read_to_string(out.join("ar/consultations/water-tariffs/index.html")).unwrap();
    assert_ne!(
        text_after(&en, "agency-status"),
        text_after(&ar, "agency-status"),
        "each page has the label in its own language"
    );
}

/// A template that reads a field the contract does not have is a located
/// problem (`E030`, naming the template), not a page with a hole.
#[test]
fn a_field_outside_the_contract_is_an_error_naming_the_template() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/sites/minimal"), &site);
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/consultation.html"),
        CONSULTATION.replace("page.status_label", "page.status_text"),
    )
    .unwrap();
    let outcome = build(&site, &tmp.path().join("out"));
    assert!(outcome.written.is_none());
    let r: Vec<_> = outcome.diagnostics.resolved(&outcome.sources).collect();
    assert!(
        r.iter().any(|d| d.code == "E030"
            && d.file.as_deref() == Some("templates/consultation.html")
            && d.message.contains("status_text")),
        "{r:#?}"
    );
}

/// The national index's templates follow the same rules: an index
/// folder's broken override is reported at its line and column.
#[test]
fn a_broken_index_template_is_located() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    std::fs::create_dir_all(dir.join("templates/index")).unwrap();
    std::fs::copy(
        root().join("examples/national-index/index.toml"),
        dir.join("index.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("templates/index/legal.html"),
        "{% extends \"index/base.html\" %}\n{% block main %}<h1>{{ page.title </h1>{% endblock main %}\n",
    )
    .unwrap();
    let outcome = sablah::index::run(
        &dir,
        &sablah::index::IndexOptions {
            output: Some(tmp.path().join("out")),
            date: sablah::model::Date::parse("2026-12-02").unwrap(),
            offline: true,
            strict: false,
            verbose: false,
        },
    )
    .unwrap();
    assert!(outcome.written.is_none());
    let r: Vec<_> = outcome.diagnostics.resolved(&outcome.sources).collect();
    assert!(
        r.iter().any(|d| d.code == "E030"
            && d.file.as_deref() == Some("templates/index/legal.html")
            && d.line == Some(2)
            && d.column == Some(36)
            && d.message.contains("cannot be parsed")),
        "{r:#?}"
    );
}
