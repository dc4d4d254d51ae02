//! Markdown to HTML, in two trust levels.
//!
//! Agency text (consultation bodies, decisions, pages, responses) keeps full
//! Markdown; its root-relative links are moved under `base_url`'s path, and
//! ammonia removes what could run (scripts, event attributes, `javascript:`
//! and other links that are not http, https, mailto, tel or relative).
//! Citizens' text is untrusted: raw HTML and images are dropped while
//! parsing, then ammonia cleans the HTML with an allow-list, keeps only
//! http, https and mailto links and gives each `rel="nofollow ugc noopener"`.
//! Invisible characters that can disguise text (bidi overrides and
//! isolates, zero-width spaces) are removed from citizens' text first.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Renders agency-written Markdown. `base_path` is prefixed to links that
/// start with `/` so that the site works under a sub-path. Headings keep
/// the levels the agency wrote: for text placed under a page's own
/// headings, use [`agency_under`].
pub fn agency(text: &str, base_path: &str) -> String {
    render_agency(text, base_path, None)
}

/// Renders agency-written Markdown placed under a heading of the page: the
/// text's highest heading becomes level `top` (2 under the page's `h1`, 3
/// inside an `h2` section), the levels below it follow without skipping
/// any (`#` then `###` become `top`, `top + 1`), and none goes past `h6`.
/// A page thus keeps one `h1` and an outline without gaps, whatever the
/// agency wrote.
pub fn agency_under(text: &str, base_path: &str, top: u8) -> String {
    render_agency(text, base_path, Some(top.clamp(1, 6)))
}

fn heading_level(n: u8) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn render_agency(text: &str, base_path: &str, top: Option<u8>) -> String {
    let mut events: Vec<Event> = Parser::new_ext(text, options()).collect();
    if let Some(top) = top {
        // The distinct levels used, highest first, map to top, top + 1, …;
        // then a heading never goes more than one below the previous one.
        let mut used: Vec<u8> = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
                _ => None,
            })
            .collect();
        used.sort_unstable();
        used.dedup();
        let mut prev = top - 1;
        let mut open: Vec<HeadingLevel> = Vec::new();
        for e in events.iter_mut() {
            match e {
                Event::Start(Tag::Heading { level, .. }) => {
                    let rank = used.iter().position(|l| *l == *level as u8).unwrap_or(0) as u8;
                    let n = (top + rank).min(prev + 1).min(6);
                    prev = n;
                    *level = heading_level(n);
                    open.push(*level);
                }
                Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
                    if let Some(l) = open.pop() {
                        *level = l;
                    }
                }
                _ => {}
            }
        }
    }
    let parser = events.into_iter().map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rebase(dest_url, base_path),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rebase(dest_url, base_path),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, parser);
    AGENCY_CLEANER.clean(&out).to_string()
}

/// Agency text keeps what Markdown makes (headings, tables, footnotes,
/// images) and ordinary inline HTML, but never an element or attribute that
/// runs anything, nor a link that is not http, https, mailto, tel or
/// relative: the same in pages, where the CSP would stop it anyway, and in
/// the Atom feed, where a reader applies no CSP.
static AGENCY_CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.clean_content_tags(["script", "style"].into_iter().collect())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .add_generic_attributes(["dir"])
        // Footnotes as pulldown-cmark writes them.
        .add_tag_attributes("div", ["class", "id"])
        .add_tag_attributes("sup", ["class"])
        // Table column alignment, and nothing else, in a style attribute.
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(|_, attr, value| match attr {
            "style" => matches!(
                value,
                "text-align: left" | "text-align: center" | "text-align: right"
            )
            .then_some(value.into()),
            _ => Some(value.into()),
        });
    b
});

fn rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if !base_path.is_empty() && url.starts_with('/') && !url.starts_with("//") {
        CowStr::from(format!("{base_path}{url}"))
    } else {
        url
    }
}

/// Renders a short agency label that may hold inline Markdown, without the
/// surrounding paragraph.
pub fn agency_inline(text: &str, base_path: &str) -> String {
    let html = agency(text, base_path);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Characters removed from untrusted text: bidi embeddings, overrides and
/// isolates, and invisible characters that can hide or reorder text.
pub fn is_disguising(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}' | '\u{180E}' | '\u{206A}'..='\u{206F}' | '\u{00AD}')
}

pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_disguising) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !is_disguising(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "em",
        "strong",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    let mut b = ammonia::Builder::default();
    b.tags(tags)
        .clean_content_tags(["script", "style"].into_iter().collect())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow ugc noopener"))
        .url_relative(ammonia::UrlRelative::Deny)
        .tag_attributes(Default::default())
        .generic_attributes(HashSet::new())
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"]);
    b
});

/// The deepest nesting of lists and quotes kept in citizens' text; deeper
/// structure is flattened to text (a 10,000-deep quote is an attack, not a
/// comment).
const MAX_NESTING: usize = 32;

/// Renders a citizen's Markdown safely. Headings are shifted down so a
/// citizen cannot write the page's main heading.
pub fn citizen(text: &str) -> String {
    let text = neutralise(text);
    let mut depth = 0usize;
    let parser = Parser::new_ext(&text, options()).filter_map(|event| match event {
        // A line break written as HTML (common in exports of web forms)
        // stays a line break; any other markup is dropped.
        Event::Html(h) | Event::InlineHtml(h) if is_br(&h) => Some(Event::HardBreak),
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Image { .. }) | Event::End(pulldown_cmark::TagEnd::Image) => None,
        Event::Start(Tag::BlockQuote(_)) | Event::Start(Tag::List(_)) => {
            depth += 1;
            (depth <= MAX_NESTING).then_some(event)
        }
        Event::End(pulldown_cmark::TagEnd::BlockQuote(_))
        | Event::End(pulldown_cmark::TagEnd::List(_)) => {
            depth -= 1;
            (depth < MAX_NESTING).then_some(event)
        }
        Event::Start(Tag::Item) | Event::End(pulldown_cmark::TagEnd::Item)
            if depth > MAX_NESTING =>
        {
            None
        }
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Paragraph)),
        Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
            Some(Event::End(pulldown_cmark::TagEnd::Paragraph))
        }
        Event::Start(Tag::FootnoteDefinition(_))
        | Event::End(pulldown_cmark::TagEnd::FootnoteDefinition) => None,
        Event::FootnoteReference(_) => None,
        other => Some(other),
    });
    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    mark_redactions(&CLEANER.clean(&raw).to_string())
}

fn is_br(html: &str) -> bool {
    let t = html.trim().to_ascii_lowercase();
    let t = t
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    t.trim() == "br"
}

/// The markers an agency writes where it removed a detail (content format
/// 1.1), in the forms they take once escaped.
const REDACTIONS: &[&str] = &[
    "[removed: personal data]",
    "[حُذف: بيانات شخصية]",
    "[حذف: بيانات شخصية]",
];

/// Shows each redaction marker as a visible redaction.
fn mark_redactions(html: &str) -> String {
    if !REDACTIONS.iter().any(|m| html.contains(m)) {
        return html.to_string();
    }
    let mut out = html.to_string();
    for m in REDACTIONS {
        out = out.replace(m, &format!("<span class=\"redacted\">{m}</span>"));
    }
    out
}

/// Paragraphs of citizens' text get `dir="auto"`, so each takes the
/// direction of its own first strong character.
pub fn with_auto_dir(html: &str) -> String {
    html.replace("<p>", "<p dir=\"auto\">")
        .replace("<li>", "<li dir=\"auto\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citizen_text_loses_scripts_images_and_raw_html() {
        let html = citizen("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n![t](http://track.example/p.gif)\n\n[x](javascript:alert(1)) [y](https://ok.example/)");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://ok.example/\""), "{html}");
        assert!(html.contains("rel=\"nofollow ugc noopener\""), "{html}");
    }

    #[test]
    fn a_br_in_a_comment_is_a_line_break_not_glue() {
        let html = citizen("first line<br>second line<BR/>third");
        assert!(html.contains("first line<br>"), "{html}");
        assert!(!html.contains("linesecond"), "{html}");
        assert_eq!(html.matches("<br>").count(), 2, "{html}");
    }

    #[test]
    fn redaction_markers_are_shown_as_redactions() {
        let html =
            citizen("My number is [removed: personal data], call me. رقمي [حُذف: بيانات شخصية]");
        assert!(
            html.contains("<span class=\"redacted\">[removed: personal data]</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"redacted\">[حُذف: بيانات شخصية]</span>"),
            "{html}"
        );
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(neutralise("a\u{202E}b\u{2066}c\u{200B}d"), "abcd");
        assert_eq!(neutralise("نص\u{200C}عادي"), "نص\u{200C}عادي");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = ">".repeat(10_000) + " x";
        let html = citizen(&deep);
        assert!(html.matches("<blockquote>").count() <= MAX_NESTING);
    }

    #[test]
    fn agency_headings_go_under_the_page_headings_without_gaps() {
        let html = agency_under("# A\n\n### B\n\n## C\n\n# D\n\n###### E", "", 3);
        assert_eq!(html.matches("<h").map(|_| ()).count(), 5, "{html}");
        // # -> h3, ### -> h5 by rank but never more than one below h3.
        assert!(html.contains("<h3>A</h3>"), "{html}");
        assert!(html.contains("<h4>B</h4>"), "{html}");
        assert!(html.contains("<h4>C</h4>"), "{html}");
        assert!(html.contains("<h3>D</h3>"), "{html}");
        assert!(html.contains("<h4>E</h4>"), "{html}");
        assert!(!html.contains("<h1") && !html.contains("<h2"), "{html}");
        // Deep text stops at h6.
        let deep = agency_under("# A\n\n## B\n\n### C", "", 5);
        assert!(
            deep.contains("<h5>A</h5>")
                && deep.contains("<h6>B</h6>")
                && deep.contains("<h6>C</h6>"),
            "{deep}"
        );
    }

    #[test]
    fn agency_links_follow_the_base_path() {
        let html = agency("[p](/en/pages/x/) [e](https://e.example/)", "/sub");
        assert!(html.contains("href=\"/sub/en/pages/x/\""));
        assert!(html.contains("href=\"https://e.example/\""));
    }

    #[test]
    fn agency_text_loses_raw_html_and_unsafe_links() {
        let html = agency(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick=\"x()\">b</b>\n\n<iframe src=\"https://e.example/\"></iframe>\n\n[j](javascript:alert(1)) [v](vbscript:x) [d](data:text/html,<script>alert(1)</script>) [jj](JavaScript://%0aalert(1))\n\n[h](https://ok.example/) [r](/en/pages/x/) [f](files/a.pdf) [m](mailto:a@x.om) [t](tel:+96824000000) [#](#top)",
            "",
        );
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "<iframe",
            "javascript:",
            "JavaScript:",
            "vbscript:",
            "data:",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        for good in [
            "href=\"https://ok.example/\"",
            "href=\"/en/pages/x/\"",
            "href=\"files/a.pdf\"",
            "href=\"mailto:a@x.om\"",
            "href=\"tel:+96824000000\"",
            "href=\"#top\"",
            "<b>b</b>",
        ] {
            assert!(html.contains(good), "{good} not in {html}");
        }
        // Markdown's own structure is kept.
        let html = agency(
            "# T\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nx[^1]\n\n[^1]: n\n\n![alt](files/p.png)",
            "/sub",
        );
        for good in [
            "<h1>T</h1>",
            "<table>",
            "<td",
            "footnote",
            "<img src=\"files/p.png\" alt=\"alt\"",
        ] {
            assert!(html.contains(good), "{good} not in {html}");
        }
        let inline = agency_inline("A <script>x</script> [a](javascript:alert(1))", "");
        assert!(
            !inline.contains("<script") && !inline.contains("javascript:"),
            "{inline}"
        );
        assert!(inline.contains("<a>a</a>"), "{inline}");
    }
}
