//! The render plan: every HTML page the site has, as routes, before any
//! template runs.
//!
//! [`plan`] is a pure function of the model and the derived facts. Pages
//! are grouped by what they depend on, so that the renderer computes what a
//! group shares (a consultation's views, a language's listings) once, and
//! so that `serve` knows which pages a change affects: a consultation's
//! group depends on that consultation only; a language's group on every
//! consultation's summary; the root group on the configuration. The
//! sitemap and the progress bar read the same plan. It renders nothing.

use crate::derive::{Facts, Status};
use crate::model::{Site, Stage};
use crate::routes::{ListView, Route};

/// Consultations and inputs per listing page.
pub const PAGE_SIZE: usize = 20;

/// What a group of pages depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// `/`, `/404.html` and the stylesheet.
    Root,
    /// A language's pages that list or link every consultation, and the
    /// free pages and legal notices.
    Language(String),
    /// The pages of the consultation at this index of `site.consultations`.
    Consultation(usize),
}

/// Pages rendered together.
#[derive(Debug, Clone)]
pub struct Group {
    pub owner: Owner,
    pub pages: Vec<Route>,
}

/// Every page of the site.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub groups: Vec<Group>,
}

impl Plan {
    /// Every page, in plan order.
    pub fn pages(&self) -> impl Iterator<Item = &Route> {
        self.groups.iter().flat_map(|g| g.pages.iter())
    }

    pub fn page_count(&self) -> usize {
        self.groups.iter().map(|g| g.pages.len()).sum()
    }
}

/// How many listing pages `n` items fill (an empty listing has one page).
/// The inputs an inputs listing shows: all but those pending moderation
/// (1.1), which are only counted.
pub fn listed_inputs(c: &crate::model::Consultation) -> impl Iterator<Item = usize> + '_ {
    c.inputs
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.is_pending())
        .map(|(n, _)| n)
}

pub fn pages_of(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// The consultation's own text files (`.txt`, `.md`) that get a page each:
/// its documents, then the files its timeline events link to, once each.
pub fn text_documents(c: &crate::model::Consultation) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let listed = c.meta.documents.iter().map(|d| d.path.get_ref().as_str());
    let linked = c
        .meta
        .timeline
        .iter()
        .filter_map(|e| e.link.as_ref().map(|l| l.get_ref().as_str()))
        .filter(|l| !l.starts_with('/'));
    for path in listed.chain(linked) {
        if crate::routes::document_has_page(path) && !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

/// The plan of `site` as of the facts' build date.
pub fn plan(site: &Site, facts: &Facts) -> Plan {
    let langs = site.config.languages();
    let mut groups = vec![Group {
        owner: Owner::Root,
        pages: vec![Route::Root, Route::NotFound],
    }];
    let count_status = |s: Status| facts.consultations.iter().filter(|f| f.status == s).count();
    let count_stage = |s: Stage| {
        site.consultations
            .iter()
            .filter(|c| c.meta.stage == s)
            .count()
    };
    let count_topic = |key: &str| {
        site.consultations
            .iter()
            .filter(|c| c.meta.topics.iter().any(|t| t.get_ref() == key))
            .count()
    };
    for lang in &langs {
        let l = || lang.clone();
        let mut pages = vec![Route::Home { lang: l() }];
        let mut listing = |view: ListView, n: usize| {
            for page in 1..=pages_of(n) {
                pages.push(Route::Consultations {
                    lang: l(),
                    view,
                    page,
                });
            }
        };
        listing(ListView::All, site.consultations.len());
        for &s in Status::ALL {
            listing(ListView::Status(s), count_status(s));
        }
        for &s in Stage::ALL {
            listing(ListView::Stage(s), count_stage(s));
        }
        for key in site.config.topics.keys() {
            for page in 1..=pages_of(count_topic(key)) {
                pages.push(Route::Topic {
                    lang: l(),
                    topic: key.clone(),
                    page,
                });
            }
        }
        for p in &site.pages {
            pages.push(Route::Page {
                lang: l(),
                slug: p.slug.clone(),
            });
        }
        pages.push(Route::Legal { lang: l() });
        if !site.config.social.is_empty() {
            pages.push(Route::Channels { lang: l() });
        }
        pages.push(Route::Search { lang: l() });
        groups.push(Group {
            owner: Owner::Language(lang.clone()),
            pages,
        });
    }
    for (index, (c, f)) in site
        .consultations
        .iter()
        .zip(&facts.consultations)
        .enumerate()
    {
        let mut pages = Vec::new();
        for lang in &langs {
            pages.push(Route::Consultation {
                lang: lang.clone(),
                slug: c.slug.clone(),
            });
            for page in 1..=pages_of(listed_inputs(c).count()) {
                pages.push(Route::Inputs {
                    lang: lang.clone(),
                    slug: c.slug.clone(),
                    page,
                });
            }
            for path in text_documents(c) {
                pages.push(Route::DocumentPage {
                    lang: lang.clone(),
                    slug: c.slug.clone(),
                    path: path.to_string(),
                });
            }
            if f.inputs_visible {
                for i in c.inputs.iter().filter(|i| i.is_published()) {
                    pages.push(Route::Input {
                        lang: lang.clone(),
                        slug: c.slug.clone(),
                        id: i.id.clone(),
                    });
                }
            }
        }
        groups.push(Group {
            owner: Owner::Consultation(index),
            pages,
        });
    }
    Plan { groups }
}
