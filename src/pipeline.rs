//! The one pipeline that `check`, `build` and `serve` drive.
//!
//! sources → configuration and model ([`load`](crate::load)) → checks and
//! theme ([`check`]) → derived facts and the render plan ([`Checked::ready`])
//! → pages ([`render`]) → outputs. Each step takes the previous step's value
//! and returns its own; none of them writes a file: the drivers hand what
//! they produce to a [`Sink`] (the atomic directory writer for `build`,
//! memory for `serve`). A problem in the content is a diagnostic; a failure
//! to write is an `io::Error`, so a full disk exits 2, never 1.

use std::path::Path;

use crate::derive::Facts;
use crate::diagnostics::Diagnostics;
use crate::model::{Date, Site};
use crate::output::Sink;
use crate::render::plan::{Owner, Plan};
use crate::render::theme::Theme;
use crate::render::{File, Renderer};
use crate::sources::SourceSet;

/// What reading, loading and checking a site found.
pub struct Checked {
    pub sources: SourceSet,
    /// `None` when the configuration or the model could not be loaded.
    pub site: Option<Site>,
    /// `None` when the site could not be loaded or the theme has problems.
    pub theme: Option<Theme>,
    /// Every problem, sorted by file and position.
    pub diagnostics: Diagnostics,
}

/// A site with no errors, its facts as of the build date, and its plan.
pub struct Ready {
    pub sources: SourceSet,
    pub site: Site,
    pub theme: Theme,
    pub facts: Facts,
    pub plan: Plan,
    /// Source files not to publish: attachments of inputs that are not
    /// public as of the build date.
    pub hidden: std::collections::BTreeSet<String>,
    /// The warnings.
    pub diagnostics: Diagnostics,
}

/// Reads the site folder `dir`: the only input I/O.
pub fn read(dir: &Path) -> std::io::Result<(SourceSet, Diagnostics)> {
    crate::sources::read_site(dir)
}

/// Loads and checks `sources`, and loads the theme, so that `sablah check`
/// reports template and string problems as `build` would.
pub fn check(sources: SourceSet, mut diagnostics: Diagnostics) -> Checked {
    let (site, load_diags) = crate::load::load(&sources);
    diagnostics.extend(load_diags);
    let mut theme = None;
    if let Some(site) = &site {
        diagnostics.extend(crate::check::check(site, &sources));
        let config = &site.config;
        match Theme::load(
            &sources,
            &config.languages(),
            config.site.digits,
            config.theme(),
        ) {
            Ok(t) => theme = Some(t),
            Err(d) => diagnostics.extend(d),
        }
    }
    diagnostics.sort(&sources);
    Checked {
        sources,
        site,
        theme,
        diagnostics,
    }
}

/// Renders every page in memory, writing nothing, when the site or its
/// theme overrides templates and nothing else is wrong: what only
/// rendering finds (a template that reads a field it does not receive,
/// one that drops the legal notices) is then reported by `check` as by
/// `build`. The built-in theme alone is not rendered: its templates are
/// tested. The site given back is the one as of `date`.
pub fn render_check(checked: Checked, date: Date) -> Checked {
    let overridden = checked
        .theme
        .as_ref()
        .is_some_and(|t| !t.origins.is_empty());
    if !overridden || checked.diagnostics.has_errors() {
        return checked;
    }
    match checked.ready(date) {
        Ok(ready) => {
            let Ready {
                sources,
                site,
                theme,
                facts,
                plan,
                mut diagnostics,
                ..
            } = ready;
            let rendered = render(
                &site,
                &facts,
                &sources,
                &theme,
                &plan,
                &|_| true,
                &|_| None,
                &|_, _| Ok(()),
            );
            if let Ok(Err(problems)) = rendered {
                diagnostics.extend(problems);
                diagnostics.sort(&sources);
            }
            Checked {
                sources,
                site: Some(site),
                theme: Some(theme),
                diagnostics,
            }
        }
        Err(checked) => *checked,
    }
}

impl Checked {
    /// Derives the facts as of `date` and plans the pages, when nothing
    /// stops the build; otherwise gives `self` back.
    pub fn ready(self, date: Date) -> Result<Ready, Box<Checked>> {
        let Checked {
            sources,
            site,
            theme,
            diagnostics,
        } = self;
        match (site, theme) {
            (Some(site), Some(theme)) if !diagnostics.has_errors() => {
                // What was public on `date`: the model every output is made of.
                let claimed = crate::derive::embargo::claimed_attachments(&site);
                let site = crate::derive::embargo::as_of(site, date);
                let facts = crate::derive::derive(&site, date);
                let hidden = crate::derive::embargo::hidden_attachments(claimed, &site, &facts);
                let plan = crate::render::plan::plan(&site, &facts);
                Ok(Ready {
                    sources,
                    site,
                    theme,
                    facts,
                    plan,
                    hidden,
                    diagnostics,
                })
            }
            (site, theme) => Err(Box::new(Checked {
                sources,
                site,
                theme,
                diagnostics,
            })),
        }
    }
}

/// Renders the groups of `plan` that `only` keeps, in parallel, handing
/// each group's files to `write` with the group's owner as soon as they are
/// ready. `previous` gives a file of the previous output by path, from
/// which unchanged share images are taken. The outer error is `write`'s;
/// the inner one the templates'.
#[allow(clippy::too_many_arguments)]
pub fn render(
    site: &Site,
    facts: &Facts,
    sources: &SourceSet,
    theme: &Theme,
    plan: &Plan,
    only: &(dyn Fn(&Owner) -> bool + Sync),
    previous: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    write: &(dyn Fn(&Owner, Vec<File>) -> std::io::Result<()> + Sync),
) -> std::io::Result<Result<usize, Diagnostics>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let renderer = Renderer::new(site, facts, sources, theme).reusing(previous);
    let pages = AtomicUsize::new(0);
    plan.groups
        .par_iter()
        .filter(|g| only(&g.owner))
        .try_for_each(|g| {
            let files = renderer.render(g);
            pages.fetch_add(
                files.iter().filter(|f| f.path.ends_with(".html")).count(),
                Ordering::Relaxed,
            );
            write(&g.owner, files)
        })?;
    Ok(renderer.finish().map(|()| pages.into_inner()))
}

/// Writes rendered files into `sink`.
pub fn write_files(sink: &dyn Sink, files: Vec<File>) -> std::io::Result<()> {
    for f in files {
        sink.write(&f.path, &f.bytes)?;
    }
    Ok(())
}
