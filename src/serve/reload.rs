//! Live reload and problems in the browser, for `sablah serve` only.
//!
//! The server adds a small script to each HTML page as it sends it; nothing
//! here ever touches the files `sablah build` writes. The script listens to
//! Server-Sent Events at [`EVENTS_PATH`] and reloads the page when it
//! changed, or when the list of problems changed. While the sources have
//! errors, each page also shows them in a panel over the last good version
//! of the page. The pages' Content-Security-Policy allows no script and no
//! connection; the served copy allows this server's own (`'self'`), and
//! nothing more.

use std::sync::LazyLock;

use regex::Regex;

use super::workspace::Problem;

/// Where the server publishes its own files; no site path starts with `_`
/// (a slug starts with a letter or a digit).
pub const PREFIX: &str = "/__sablah/";
pub const SCRIPT_PATH: &str = "/__sablah/reload.js";
pub const STYLE_PATH: &str = "/__sablah/problems.css";
pub const EVENTS_PATH: &str = "/__sablah/events";
pub const STATUS_PATH: &str = "/__sablah/status";

/// The live-reload script. Events: `hello` (the server's id, on connect:
/// a new id means the server restarted) and `reload` (JSON: `all`, or the
/// `paths` of the pages that changed).
pub const SCRIPT: &str = r#"// Live reload for `sablah serve`. Never part of a built site.
(() => {
  const here = location.pathname.replace(/index\.html$/, "");
  let server = null;
  const events = new EventSource("/__sablah/events");
  events.addEventListener("hello", (e) => {
    if (server !== null && server !== e.data) location.reload();
    server = e.data;
  });
  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    if (change.all || change.paths.some((p) => p === here || encodeURI(p) === here)) location.reload();
  });
})();
"#;

/// The problems panel's style: plain, readable over any theme, left to
/// right (diagnostics are in English, with file paths and code).
pub const STYLE: &str = "#sablah-problems{position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;\
margin:0;padding:1rem 1.25rem;box-sizing:border-box;background:#1b1b1b;color:#f2f2f2;border-bottom:4px solid #d93025;\
font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;box-shadow:0 4px 16px rgba(0,0,0,.4)}\
#sablah-problems h2{font:bold 15px/1.4 inherit;margin:0 0 .25rem;color:#ff8a80}\
#sablah-problems p{margin:0 0 .75rem;color:#cfcfcf}\
#sablah-problems pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 1rem;font:inherit}\
body.sablah-no-site{margin:0;background:#1b1b1b}\
body.sablah-no-site #sablah-problems{position:static;max-height:none;min-height:100vh}\n";

/// The HTML page with the server's script, the problems panel if there
/// are errors, and a Content-Security-Policy that lets them work.
pub fn inject(html: &str, problems: &[Problem]) -> String {
    let html = allow_own_resources(html);
    let mut extra = String::new();
    if problems.iter().any(|p| p.error) {
        extra.push_str(&format!("<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">"));
        extra.push_str(&panel(problems, true));
    }
    extra.push_str(&format!("<script src=\"{SCRIPT_PATH}\" defer></script>"));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}\n{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}\n"),
    }
}

/// The page served in place of every page when no build has succeeded yet.
pub fn problems_page(problems: &[Problem]) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>sablah serve: the site cannot be built</title>\n<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n\
         </head>\n<body class=\"sablah-no-site\">\n{}\n<script src=\"{SCRIPT_PATH}\" defer></script>\n</body>\n</html>\n",
        panel(problems, false)
    )
}

fn panel(problems: &[Problem], has_site: bool) -> String {
    let errors = problems.iter().filter(|p| p.error).count();
    let warnings = problems.len() - errors;
    let count = |n: usize, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let mut out = format!(
        "<aside id=\"sablah-problems\" lang=\"en\" dir=\"ltr\" role=\"alert\">\n<h2>{}, {}</h2>\n<p>{}</p>\n",
        count(errors, "error"),
        count(warnings, "warning"),
        if has_site {
            "This is the last good version of the page. Fix the sources: the page reloads by itself."
        } else {
            "The site cannot be built yet. Fix the sources: the page reloads by itself."
        }
    );
    for p in problems {
        out.push_str("<pre>");
        out.push_str(&escape(&p.plain));
        out.push_str("</pre>\n");
    }
    out.push_str("</aside>");
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Rewrites each Content-Security-Policy `<meta>` of `html` with
/// [`allow_self`].
pub fn allow_own_resources(html: &str) -> String {
    static META: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<meta\b[^>]*>").expect("a valid pattern"));
    static EQUIV: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)http-equiv\s*=\s*["']?content-security-policy"#).expect("a valid pattern")
    });
    static CONTENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)(\bcontent\s*=\s*")([^"]*)(")"#).expect("a valid pattern")
    });
    META.replace_all(html, |m: &regex::Captures| {
        let tag = &m[0];
        if !EQUIV.is_match(tag) {
            return tag.to_string();
        }
        CONTENT
            .replace(tag, |c: &regex::Captures| {
                format!(
                    "{}{}{}",
                    &c[1],
                    allow_self(&c[2].replace("&#39;", "'")),
                    &c[3]
                )
            })
            .into_owned()
    })
    .into_owned()
}

/// A policy that also lets the page load scripts and styles from, and
/// connect to, its own origin. A directive that is absent falls back to
/// `default-src`, so it starts from that.
pub fn allow_self(policy: &str) -> String {
    let mut directives: Vec<(String, Vec<String>)> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            let name = words.next().unwrap_or_default().to_ascii_lowercase();
            (name, words.collect())
        })
        .collect();
    let default: Vec<String> = directives
        .iter()
        .find(|(n, _)| n == "default-src")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    for name in ["script-src", "style-src", "connect-src"] {
        let at = match directives.iter().position(|(n, _)| n == name) {
            Some(at) => at,
            None => {
                directives.push((name.to_string(), default.clone()));
                directives.len() - 1
            }
        };
        let sources = &mut directives[at].1;
        sources.retain(|s| s != "'none'");
        if !sources.iter().any(|s| s == "'self'") {
            sources.insert(0, "'self'".to_string());
        }
    }
    directives
        .iter()
        .map(|(n, v)| {
            if v.is_empty() {
                n.clone()
            } else {
                format!("{n} {}", v.join(" "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_gains_self_for_scripts_styles_and_connections_only() {
        let csp = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";
        assert_eq!(
            allow_self(csp),
            "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; script-src 'self'; connect-src 'self'"
        );
        assert_eq!(
            allow_self("script-src 'none'"),
            "script-src 'self'; style-src 'self'; connect-src 'self'"
        );
    }

    #[test]
    fn the_script_is_added_before_the_end_of_the_body_and_the_meta_is_rewritten() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body><p>x</p></body></html>";
        let served = inject(page, &[]);
        assert!(served.contains("content=\"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'\""), "{served}");
        assert!(
            served.contains("<script src=\"/__sablah/reload.js\" defer></script>\n</body>"),
            "{served}"
        );
        assert!(!served.contains("sablah-problems"));
    }

    #[test]
    fn errors_are_shown_escaped_over_the_page() {
        let problem = Problem {
            error: true,
            plain: "error[E001]: <bad> & worse".into(),
            coloured: String::new(),
        };
        let served = inject("<body></body>", &[problem]);
        assert!(served.contains("1 error, 0 warnings"));
        assert!(served.contains("error[E001]: &lt;bad&gt; &amp; worse"));
    }
}
