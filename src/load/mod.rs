//! Loads a [`SourceSet`] into the immutable [`Site`] model.
//!
//! Pure: it reads only the in-memory sources. It recognises each file by its
//! place in the folder layout (content format, section 1), parses TOML and
//! front matter through [`crate::toml_doc`], and reports what cannot be read.
//! It does not judge what was read (unknown topics, dates out of order, …):
//! that is [`crate::check`]. Consultations are loaded in parallel.

pub mod front_matter;
pub mod schema;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{
    Consultation, ConsultationMeta, Decision, DecisionMeta, Input, InputMeta, Page, Prose, Site,
    Text, Translation,
};
use crate::sources::{FileId, SourceSet};
use crate::toml_doc::{self, Origin};

/// An input's original file (if any) and its translations by language.
type InputFiles = (Option<FileId>, Vec<(String, FileId)>);

/// The files of one consultation folder, by role.
#[derive(Default)]
struct Folder {
    meta: Option<FileId>,
    texts: Vec<(String, FileId)>,
    decision: Option<FileId>,
    decision_texts: Vec<(String, FileId)>,
    /// `summary.<lang>.md` (1.1).
    summaries: Vec<(String, FileId)>,
    /// Input id → original file and translations.
    inputs: BTreeMap<String, InputFiles>,
}

/// Loads the site. `None` when `sablah.toml` cannot be read; every other
/// problem leaves out only the thing it concerns, and is in the diagnostics.
pub fn load(sources: &SourceSet) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let config = load_config(sources, &mut diags);

    let mut folders: BTreeMap<String, Folder> = BTreeMap::new();
    let mut pages: BTreeMap<String, Vec<(String, FileId)>> = BTreeMap::new();
    for (id, file) in sources.files.iter().enumerate() {
        let parts: Vec<&str> = file.path.split('/').collect();
        let recognised = match parts.as_slice() {
            ["sablah.toml"] => true,
            ["content", "consultations", slug, name] => {
                let f = folders.entry((*slug).to_string()).or_default();
                match split_name(name) {
                    ("consultation", None, "toml") => f.meta = Some(id),
                    ("consultation", Some(l), "md") => f.texts.push((l.to_string(), id)),
                    ("decision", None, "toml") => f.decision = Some(id),
                    ("decision", Some(l), "md") => f.decision_texts.push((l.to_string(), id)),
                    ("summary", Some(l), "md") => f.summaries.push((l.to_string(), id)),
                    _ => {
                        ignored(&mut diags, &file.path);
                    }
                }
                true
            }
            ["content", "consultations", slug, "inputs", name] => {
                let f = folders.entry((*slug).to_string()).or_default();
                match split_name(name) {
                    (input_id, None, "md") => {
                        f.inputs.entry(input_id.to_string()).or_default().0 = Some(id)
                    }
                    (input_id, Some(l), "md") => f
                        .inputs
                        .entry(input_id.to_string())
                        .or_default()
                        .1
                        .push((l.to_string(), id)),
                    _ => ignored(&mut diags, &file.path),
                }
                true
            }
            ["content", "pages", name] => {
                match split_name(name) {
                    (slug, Some(l), "md") => pages
                        .entry(slug.to_string())
                        .or_default()
                        .push((l.to_string(), id)),
                    _ => ignored(&mut diags, &file.path),
                }
                true
            }
            _ => false,
        };
        if !recognised {
            ignored(&mut diags, &file.path);
        }
    }

    let tz = config
        .as_ref()
        .map(|c| c.timezone())
        .unwrap_or(chrono_tz::Asia::Muscat);
    let loaded: Vec<(Option<Consultation>, Diagnostics)> = folders
        .into_par_iter()
        .map(|(slug, folder)| load_consultation(sources, slug, folder, tz))
        .collect();
    let mut consultations = Vec::with_capacity(loaded.len());
    for (c, d) in loaded {
        diags.extend(d);
        consultations.extend(c);
    }

    let mut page_list = Vec::new();
    for (slug, files) in pages {
        let mut texts = BTreeMap::new();
        for (lang, id) in files {
            if let Some(p) = prose(sources, id, &mut diags) {
                texts.insert(lang, p);
            }
        }
        page_list.push(Page { slug, texts });
    }

    let site = config.map(|config| Site {
        config,
        consultations,
        pages: page_list,
    });
    (site, diags)
}

fn ignored(diags: &mut Diagnostics, path: &str) {
    diags.push(
        Diagnostic::warning(Code::IgnoredFile, "this file is not part of the content format and is not published")
            .in_file(path.to_string())
            .help("consultation files are consultation.toml, consultation.<lang>.md, decision.toml, decision.<lang>.md and inputs/<id>.md; attachments go under files/; pages are content/pages/<slug>.<lang>.md"),
    );
}

/// `name.lang.ext` → (name, Some(lang), ext); `name.ext` → (name, None, ext).
fn split_name(file: &str) -> (&str, Option<&str>, &str) {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    match stem.split_once('.') {
        Some((name, lang)) => (name, Some(lang), ext),
        None => (stem, None, ext),
    }
}

fn load_config(sources: &SourceSet, diags: &mut Diagnostics) -> Option<Config> {
    let Some(id) = sources.find("sablah.toml") else {
        diags.push(
            Diagnostic::error(Code::MissingConfig, "there is no sablah.toml in the site folder")
                .in_file("sablah.toml")
                .help("run Sablah in the site folder (or pass it as an argument), or create sablah.toml: `sablah init` writes a minimal one"),
        );
        return None;
    };
    let (mut config, origin): (Config, Origin) = toml_file(sources, id, diags)?;
    config.origin = origin;
    Some(config)
}

fn empty(path: &str) -> Diagnostic {
    Diagnostic::error(Code::EmptyFile, "this file is empty")
        .in_file(path.to_string())
        .help("fill it in (see the content format) or delete it")
}

/// Parses a whole `.toml` file.
fn toml_file<T: DeserializeOwned + 'static>(
    sources: &SourceSet,
    id: FileId,
    diags: &mut Diagnostics,
) -> Option<(T, Origin)> {
    let text = &sources.files[id].text;
    if text.trim().is_empty() {
        diags.push(empty(&sources.files[id].path));
        return None;
    }
    let origin = Origin {
        file: id,
        offset: 0,
    };
    toml_doc::parse(text, origin, diags).map(|v| (v, origin))
}

/// Parses a Markdown file with required front matter.
fn prose<F: DeserializeOwned + 'static>(
    sources: &SourceSet,
    id: FileId,
    diags: &mut Diagnostics,
) -> Option<Prose<F>> {
    let file = &sources.files[id];
    let text = &file.text;
    if text.trim().is_empty() {
        diags.push(empty(&file.path));
        return None;
    }
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(front_matter::Problem::Missing) => {
            diags.push(
                Diagnostic::error(Code::FrontMatter, "this file has no front matter")
                    .at(crate::sources::Span { file: id, range: 0..0 })
                    .label("expected `+++` on the first line")
                    .help("start the file with a line `+++`, the TOML keys (such as title = \"…\"), and another line `+++`"),
            );
            return None;
        }
        Err(front_matter::Problem::Unclosed(range)) => {
            diags.push(
                Diagnostic::error(Code::FrontMatter, "the front matter is never closed")
                    .at(crate::sources::Span { file: id, range })
                    .label("opened here")
                    .help("add a line holding only `+++` after the last front matter key"),
            );
            return None;
        }
    };
    let origin = Origin {
        file: id,
        offset: split.front.start,
    };
    let front = toml_doc::parse(&text[split.front.clone()], origin, diags)?;
    Some(Prose {
        file: id,
        origin,
        front,
        body: Text::new(text.clone(), split.body),
    })
}

/// Loads one consultation folder; date-times written with an offset are
/// moved into the site's time zone `tz`.
fn load_consultation(
    sources: &SourceSet,
    slug: String,
    folder: Folder,
    tz: chrono_tz::Tz,
) -> (Option<Consultation>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let dir = format!("content/consultations/{slug}");
    let meta: Option<(ConsultationMeta, Origin)> = match folder.meta {
        Some(id) => toml_file(sources, id, &mut diags),
        None => {
            let first = folder.texts.first().map(|t| t.1).or(folder.decision);
            let d = Diagnostic::error(Code::MissingKey, format!("the consultation folder `{slug}` has no consultation.toml"))
                .in_file(format!("{dir}/consultation.toml"))
                .help("every consultation needs consultation.toml with its id, stage, unit and dates; or remove the folder");
            diags.push(match first {
                Some(f) => d.in_file(sources.files[f].path.clone()),
                None => d,
            });
            None
        }
    };
    let mut texts = BTreeMap::new();
    for (lang, id) in folder.texts {
        if let Some(p) = prose(sources, id, &mut diags) {
            texts.insert(lang, p);
        }
    }
    let mut inputs = Vec::with_capacity(folder.inputs.len());
    for (input_id, (original, translations)) in folder.inputs {
        let Some(original) = original else {
            for (_, t) in &translations {
                diags.push(
                    Diagnostic::error(Code::MissingKey, format!("a translation of input `{input_id}`, whose original inputs/{input_id}.md does not exist"))
                        .in_file(sources.files[*t].path.clone())
                        .help(format!("add inputs/{input_id}.md with the original text and its front matter, or rename this file")),
                );
            }
            continue;
        };
        let Some(p) = prose::<InputMeta>(sources, original, &mut diags) else {
            continue;
        };
        let translations = translations
            .into_iter()
            .map(|(lang, id)| {
                let text = &sources.files[id].text;
                let body = front_matter::body_of(text);
                (
                    lang,
                    Translation {
                        file: id,
                        body: Text::new(text.clone(), body),
                    },
                )
            })
            .collect();
        inputs.push(Input {
            id: input_id,
            file: p.file,
            origin: p.origin,
            meta: p.front,
            body: p.body,
            translations,
        });
    }
    inputs.sort_by(|a, b| crate::model::natural_cmp(&a.id, &b.id));
    let summaries = folder
        .summaries
        .iter()
        .map(|(lang, id)| {
            let text = &sources.files[*id].text;
            let body = front_matter::body_of(text);
            (
                lang.clone(),
                Translation {
                    file: *id,
                    body: Text::new(text.clone(), body),
                },
            )
        })
        .collect();
    let mut replies = Vec::new();
    let decision = folder.decision.and_then(|id| {
        let (mut meta, origin): (DecisionMeta, Origin) = toml_file(sources, id, &mut diags)?;
        replies = std::mem::take(&mut meta.replies);
        for r in &mut replies {
            r.origin = origin;
        }
        let mut texts = BTreeMap::new();
        for (lang, tid) in &folder.decision_texts {
            if let Some(p) = prose(sources, *tid, &mut diags) {
                texts.insert(lang.clone(), p);
            }
        }
        Some(Decision {
            file: id,
            origin,
            meta,
            texts,
        })
    });
    if folder.decision.is_none() {
        for (_, id) in &folder.decision_texts {
            diags.push(
                Diagnostic::error(Code::MissingKey, "a decision text without decision.toml")
                    .in_file(sources.files[*id].path.clone())
                    .help("add decision.toml (published date, outcome, responses) beside it, or remove this file until the decision is made"),
            );
        }
    }
    let consultation = meta.map(|(mut meta, origin)| {
        let opens = meta.opens.get_ref().in_zone(tz);
        let closes = meta.closes.get_ref().in_zone(tz);
        meta.opens = toml::Spanned::new(meta.opens.span(), opens);
        meta.closes = toml::Spanned::new(meta.closes.span(), closes);
        Consultation {
            slug,
            dir,
            file: origin.file,
            origin,
            meta,
            texts,
            summaries,
            inputs,
            decision,
            replies,
        }
    });
    (consultation, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const CONFIG: &str = r#"[site]
base_url = "https://example.gov.om"
languages = ["ar", "en"]
title = { ar = "س", en = "S" }
[agency]
id = "moh"
name = { ar = "و", en = "M" }
contact = "c@example.gov.om"
redress = { ar = "ت", en = "R" }
[units.policy]
name = { ar = "و", en = "Policy" }
"#;

    const CONSULTATION: &str = r#"id = "MOH-1"
stage = "drafting"
unit = "policy"
opens = 2026-03-01
closes = 2026-03-31
decision_due = 2026-05-31
"#;

    #[test]
    fn loads_a_consultation_with_inputs_and_translations() {
        let s = SourceSet::from_memory(&[
            ("sablah.toml", CONFIG),
            ("content/consultations/water/consultation.toml", CONSULTATION),
            ("content/consultations/water/consultation.ar.md", "+++\ntitle = \"ع\"\nsummary = \"م\"\n+++\nنص"),
            ("content/consultations/water/inputs/i-001.md", "+++\nreceived = 2026-03-05\nchannel = \"web\"\nlanguage = \"en\"\nauthor = \"individual\"\nmoderation = \"published\"\n+++\nHello"),
            ("content/consultations/water/inputs/i-001.ar.md", "مرحبا"),
            ("content/pages/about.en.md", "+++\ntitle = \"About\"\n+++\nText"),
        ]);
        let (site, d) = load(&s);
        assert!(d.items.is_empty(), "{d:?}");
        let site = site.unwrap();
        let c = site.consultation("water").unwrap();
        assert_eq!(c.texts["ar"].front.title, "ع");
        assert_eq!(c.inputs[0].body.as_str(), "Hello");
        assert_eq!(c.inputs[0].translations["ar"].body.as_str(), "مرحبا");
        assert_eq!(site.pages[0].slug, "about");
    }

    #[test]
    fn one_broken_file_does_not_hide_the_others() {
        let s = SourceSet::from_memory(&[
            ("sablah.toml", CONFIG),
            (
                "content/consultations/water/consultation.toml",
                CONSULTATION,
            ),
            (
                "content/consultations/water/inputs/i-001.md",
                "no front matter",
            ),
            (
                "content/consultations/water/inputs/i-002.md",
                "+++\nreceived = 2026-03-05\n",
            ),
            ("content/consultations/water/inputs/i-003.md", ""),
            ("content/consultations/water/notes.txt", "x"),
        ]);
        let (site, d) = load(&s);
        let codes: Vec<_> = d.items.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::FrontMatter));
        assert!(codes.contains(&Code::EmptyFile));
        assert!(codes.contains(&Code::IgnoredFile));
        assert_eq!(
            d.items
                .iter()
                .filter(|d| d.code == Code::FrontMatter)
                .count(),
            2
        );
        assert!(site.unwrap().consultation("water").is_some());
    }
}
