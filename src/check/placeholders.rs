//! The placeholders that `sablah init` and `sablah new` write, still in
//! place (W010): a site straight from `init` builds, so without this it
//! would publish "Name of the agency" at consult.example.gov.om silently.
//!
//! The placeholders are read from the skeletons themselves
//! ([`crate::scaffold`]), so the two cannot drift apart. Only texts that
//! cannot be an agency's own are flagged: the example address and contact,
//! the agency's placeholder id, name and redress notice, the example
//! participation addresses, the consultation's
//! title, summary and guiding paragraphs, and an input's or translation's
//! placeholder text. The moderation policy `init` writes is a real policy,
//! and is not flagged.

use std::sync::OnceLock;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{Address, Localized, Participation, Site};
use crate::scaffold::{Bilingual, BODY, INPUT, SITE_CONFIG, SUMMARY, TITLE, TRANSLATION};
use crate::sources::{SourceSet, Span};
use crate::toml_doc::{key_span, Seg};

/// The values `sablah init` writes in sablah.toml.
struct Config {
    base_url: String,
    contact: String,
    id: String,
    name: Vec<String>,
    redress: Vec<String>,
    /// The addresses of its `[[participation]]` entries.
    addresses: Vec<String>,
}

fn init_config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let t: toml::Table = SITE_CONFIG.parse().unwrap_or_default();
        let get = |table: &str, key: &str| -> Option<&toml::Value> { t.get(table)?.get(key) };
        let text = |table: &str, key: &str| {
            get(table, key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let texts = |table: &str, key: &str| -> Vec<String> {
            get(table, key)
                .and_then(|v| v.as_table())
                .map(|m| {
                    m.values()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        Config {
            base_url: text("site", "base_url"),
            contact: text("agency", "contact"),
            id: text("agency", "id"),
            name: texts("agency", "name"),
            redress: texts("agency", "redress"),
            addresses: t
                .get("participation")
                .and_then(|v| v.as_array())
                .map(|list| {
                    list.iter()
                        .filter_map(|p| p.get("address")?.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        }
    })
}

fn warning(what: &str, span: Span, help: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::Placeholder,
        format!("{what} is still a placeholder that `sablah init` or `sablah new` wrote"),
    )
    .at(span)
    .label("placeholder")
    .help(format!("{help} (this warning stays until it is replaced)"))
}

fn is_one_of(text: &str, placeholders: &[String]) -> bool {
    let t = text.trim();
    !t.is_empty() && placeholders.iter().any(|p| p.trim() == t)
}

fn bilingual(b: &Bilingual) -> [String; 2] {
    [b.ar.to_string(), b.en.to_string()]
}

fn any_language(label: &Localized, placeholders: &[String]) -> bool {
    label.values().any(|t| is_one_of(t, placeholders))
}

/// Adds a W010 for each placeholder left.
pub fn check(site: &Site, sources: &SourceSet, diags: &mut Diagnostics) {
    let init = init_config();
    let c = &site.config;
    let o = c.origin;
    if c.site.base_url.get_ref().trim_end_matches('/') == init.base_url {
        diags.push(warning(
            "base_url",
            o.spanned(&c.site.base_url),
            "write the address the site will be published at: every link in the feeds, calendars and sitemap is built from it",
        ));
    }
    if c.agency.contact.get_ref() == &init.contact {
        diags.push(warning(
            "the agency's contact",
            o.spanned(&c.agency.contact),
            "give the address where citizens write to the agency about its consultations",
        ));
    }
    if c.agency.id.get_ref() == &init.id {
        diags.push(warning(
            "the agency's id",
            o.spanned(&c.agency.id),
            "give the agency's short id, such as \"moh\": it begins the id of each new consultation",
        ));
    }
    if any_language(c.agency.name.get_ref(), &init.name) {
        diags.push(warning(
            "the agency's name",
            o.spanned(&c.agency.name),
            "write the agency's name in every language of the site",
        ));
    }
    if any_language(c.agency.redress.get_ref(), &init.redress) {
        diags.push(warning(
            "`redress`",
            o.spanned(&c.agency.redress),
            "say how, and by when, the agency's decisions can really be contested: the text `init` wrote is an example, not the agency's rule",
        ));
    }

    let address = |p: &Participation, o: crate::toml_doc::Origin, diags: &mut Diagnostics| {
        if let Address::Text(a) = p.address.get_ref() {
            if is_one_of(a, &init.addresses) {
                diags.push(warning(
                    &format!("the address of the `{}` channel", p.channel.get_ref()),
                    o.spanned(&p.address),
                    "give the real address where citizens take part this way (the form, e-mail, phone or place)",
                ));
            }
        }
    };
    for p in &c.participation {
        address(p, o, diags);
    }
    for cons in &site.consultations {
        for p in &cons.meta.participation {
            address(p, cons.origin, diags);
        }
    }

    let title = bilingual(&TITLE);
    let summary = bilingual(&SUMMARY);
    let input = bilingual(&INPUT);
    let translation = bilingual(&TRANSLATION);
    // The guiding paragraphs of the skeleton's text (not its headings,
    // which an agency may well keep).
    let guides: Vec<&str> = [BODY.ar, BODY.en]
        .iter()
        .flat_map(|b| b.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('#'))
        .collect();
    for cons in &site.consultations {
        for prose in cons.texts.values() {
            let file = &sources.files[prose.file].text;
            let front = crate::load::front_matter::split(file).ok().map(|s| s.front);
            let key = |k: &str| {
                front
                    .clone()
                    .and_then(|f| key_span(&file[f], &[Seg::Key(k.into())]))
                    .map(|r| prose.origin.span(r))
                    .unwrap_or_else(|| prose.origin.span(0..0))
            };
            if is_one_of(&prose.front.title, &title) {
                diags.push(warning(
                    "the consultation's title",
                    key("title"),
                    "give the consultation its own title",
                ));
            }
            if is_one_of(&prose.front.summary, &summary) {
                diags.push(warning(
                    "the consultation's summary",
                    key("summary"),
                    "say in one paragraph what the consultation is about and what the agency asks",
                ));
            }
            let body = prose.body.as_str();
            let left: Vec<usize> = guides.iter().filter_map(|g| body.find(g)).collect();
            if let Some(first) = left.iter().min() {
                let start = prose.body.offset() + first;
                let len = guides
                    .iter()
                    .find(|g| body[*first..].starts_with(**g))
                    .map(|g| g.len())
                    .unwrap_or(0);
                diags.push(
                    Diagnostic::warning(
                        Code::Placeholder,
                        format!(
                            "{} guiding paragraph(s) that `sablah new` wrote are still in the consultation's text",
                            left.len()
                        ),
                    )
                    .at(Span {
                        file: prose.file,
                        range: start..start + len,
                    })
                    .label("placeholder")
                    .help("replace each guiding paragraph with what it asks for: the issue, what can change, how inputs are handled, how the outcome is reported (this warning stays until they are replaced)"),
                );
            }
        }
        for i in &cons.inputs {
            if is_one_of(i.body.as_str(), &input) {
                let start = i.body.offset();
                diags.push(warning(
                    "this input's text",
                    Span {
                        file: i.file,
                        range: start..start + i.body.as_str().trim_end().len(),
                    },
                    "paste the participant's own words, as received",
                ));
            }
            for t in i.translations.values() {
                if is_one_of(t.body.as_str(), &translation) {
                    let start = t.body.offset();
                    diags.push(warning(
                        "this translation",
                        Span {
                            file: t.file,
                            range: start..start + t.body.as_str().trim_end().len(),
                        },
                        "write the agency's translation of the input, or delete this file until it is translated",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholders_are_read_from_the_skeleton() {
        let init = init_config();
        assert_eq!(init.base_url, "https://consult.example.gov.om");
        assert_eq!(init.contact, "consultations@example.gov.om");
        assert_eq!(init.id, "agency");
        assert!(init.name.iter().any(|n| n == "Name of the agency"));
        assert_eq!(init.redress.len(), 2);
        assert!(!init.addresses.is_empty());
    }
}
