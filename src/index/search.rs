//! The national index's search index, under `/L/search/` in each language:
//! the agencies' format and engine (`src/search/index.rs`,
//! `themes/default/static/search/`), over only what the index publishes of
//! each consultation: its agency's title, summary, reference and agency
//! name, and once decided the decision's title and outcome. The index
//! never republishes citizens' inputs or the decision's text, so neither
//! is searched here. Each result links to the consultation's page on its
//! agency's site (as the listings do), else to the agency's page on the
//! index.
//!
//! Filters: the status as of the index's date, the national topics of
//! `index.toml` (an agency's own topic that no national topic includes is
//! not a filter: with hundreds of agencies the choice would be unusable;
//! its words are not searched either, as the listings show its label
//! only), and the agency (`agencies` and `a` in `index.json`, which agency
//! sites do not have).

use rayon::prelude::*;

use crate::model::Localized;
use crate::output::Sink;
use crate::render::i18n::Translations;
use crate::routes::IndexRoute;
use crate::search::index::{files_of, plain, Doc, Group, Kind, W_BODY, W_SUMMARY, W_TITLE};

use super::config::IndexConfig;
use super::model::{Index, Record};

/// The text in `lang`, else in the first language that has it (as the
/// listings show it, marked).
fn text<'a>(l: &'a Localized, lang: &str) -> &'a str {
    l.get(lang)
        .or_else(|| l.values().next())
        .map(String::as_str)
        .unwrap_or("")
}

/// The documents of one consultation in `lang`: the consultation, and its
/// decision once there is one.
fn docs(
    tr: &Translations,
    base: &str,
    agency_id: &str,
    agency_name: &str,
    c: &Record,
    lang: &str,
) -> Vec<Doc> {
    let title = text(&c.title, lang).to_string();
    let summary = plain(text(&c.summary, lang));
    let page = c.page_url(lang).map(str::to_string).unwrap_or_else(|| {
        IndexRoute::Agency {
            lang: lang.into(),
            id: agency_id.into(),
        }
        .url(base)
    });
    let mut out = vec![Doc::of_fields(
        Kind::Consultation,
        title.clone(),
        page.clone(),
        &summary,
        &[
            (&title, W_TITLE),
            (&summary, W_SUMMARY),
            (&c.id, W_SUMMARY),
            (agency_name, W_BODY),
        ],
    )];
    if let Some(d) = &c.decision {
        let outcome = tr.get(lang, &format!("outcome-{}", d.outcome), &[]);
        let decision = text(&d.title, lang);
        // The decision's section on the agency's page, as agency sites
        // link their own decisions.
        let url = if c.page_url(lang).is_some() {
            format!("{page}#decision")
        } else {
            page
        };
        out.push(Doc::of_fields(
            Kind::Decision,
            title,
            url,
            &format!("{outcome}: {decision}"),
            &[(decision, W_TITLE), (&outcome, W_BODY)],
        ));
    }
    out
}

/// The files of one language's index (file under `/L/search/`, bytes).
pub fn language_files(
    config: &IndexConfig,
    index: &Index,
    tr: &Translations,
    lang: &str,
) -> Vec<(String, Vec<u8>)> {
    let topics: Vec<&str> = config.topics.keys().map(String::as_str).collect();
    let agencies: Vec<&str> = index.agencies.iter().map(|a| a.id.as_str()).collect();
    let base = config.base_path();
    let groups: Vec<Group> = index
        .agencies
        .par_iter()
        .enumerate()
        .flat_map_iter(|(a, agency)| {
            let name = agency
                .data
                .as_ref()
                .map(|d| text(&d.name, lang))
                .unwrap_or("");
            let topics = &topics;
            agency
                .data
                .iter()
                .flat_map(|d| d.consultations.iter())
                .map(move |c| {
                    let mut keys: Vec<usize> = c
                        .topics
                        .iter()
                        .filter_map(|t| config.national_topic(&agency.id, &t.key))
                        .filter_map(|k| topics.iter().position(|x| *x == k))
                        .collect();
                    keys.sort_unstable();
                    keys.dedup();
                    Group {
                        docs: docs(tr, base, &agency.id, name, c, lang),
                        status: c.status(index.date),
                        topics: keys,
                        agency: Some(a),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    files_of(groups, &topics, &agencies)
}

/// Writes every language's index into `sink`, one language after the
/// other (each is built in parallel inside; two at once held both
/// languages' documents and postings, about 190 MB at 300 agencies x 100
/// consultations, the index's peak).
pub fn write(
    config: &IndexConfig,
    index: &Index,
    tr: &Translations,
    sink: &dyn Sink,
) -> std::io::Result<()> {
    config
        .languages()
        .iter()
        .try_for_each(|lang| -> std::io::Result<()> {
            for (file, bytes) in language_files(config, index, tr, lang) {
                let route = IndexRoute::SearchIndex {
                    lang: lang.clone(),
                    file,
                };
                sink.write(&route.file(), &bytes)?;
            }
            Ok(())
        })
}
