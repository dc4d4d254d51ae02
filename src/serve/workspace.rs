//! The site held in memory while `sablah serve` runs, and how a change to
//! its sources is rebuilt.
//!
//! [`Workspace::open`] runs the whole pipeline once into an in-memory map of
//! output files (path → bytes): the same files `sablah build` writes, in the
//! same order of steps. After that, [`Workspace::update`] takes the source
//! paths that changed:
//!
//! - in one consultation's folder: that folder alone is re-read, loaded and
//!   checked with `sablah.toml`, and only that consultation's pages are
//!   rendered again. This is the fast step: it is what the author looks at;
//! - in `content/pages/`: the free pages are re-read;
//! - anything else (`sablah.toml`, `templates/`, `i18n/`, `static/`, a free
//!   page added or removed, a new day when the date is today's): everything
//!   is rebuilt.
//!
//! The pages that list every consultation and the machine-readable files
//! (open data, feeds, calendars, sitemap, manifest) follow as later, slower
//! steps ([`Workspace::step`]), which the server runs when no newer change
//! is waiting. A change whose sources have errors changes no file: the last
//! good files stay, and [`Workspace::problems`] says what is wrong.
//!
//! This relies on what the pipeline promises: a consultation's pages depend
//! on that consultation, the configuration, the theme and the list of free
//! pages, never on another consultation. The test that compares an
//! incremental rebuild with a full build, file for file, guards it.
//!
//! This module neither watches files nor speaks HTTP.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codespan_reporting::term::termcolor::{Ansi, NoColor};
use rayon::prelude::*;

use crate::derive::Facts;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Resolved, Severity};
use crate::model::{Date, Site};
use crate::output::{FileRecord, MemorySink};
use crate::pipeline;
use crate::render::plan::{Owner, Plan};
use crate::render::theme::Theme;
use crate::render::File;
use crate::sources::{SourceFile, SourceSet};

/// The bytes of one output file, shared with the server without copying.
pub type FileBytes = Arc<Vec<u8>>;

/// The date statuses are computed "as of".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildDate {
    /// A fixed date (`--date`, `SOURCE_DATE_EPOCH`).
    Fixed(Date),
    /// Today in the site's time zone: everything is rebuilt when the day
    /// changes there.
    Today(chrono_tz::Tz),
}

impl BuildDate {
    pub fn resolve(self) -> Date {
        match self {
            BuildDate::Fixed(d) => d,
            BuildDate::Today(zone) => Date::today_in(zone),
        }
    }
}

/// One diagnostic, rendered as `sablah check` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub error: bool,
    /// Without colours, for the browser.
    pub plain: String,
    /// With ANSI colours, for a terminal.
    pub coloured: String,
}

/// What one rebuild step did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// What was rebuilt, in words, for the terminal.
    pub what: String,
    /// Output files added or changed, by path.
    pub changed: Vec<String>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    /// Whether the list of problems changed.
    pub problems_changed: bool,
    /// Whether everything was rebuilt.
    pub full: bool,
    pub elapsed: Duration,
}

/// The later steps of an incremental rebuild, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    SiteWide,
    MachineReadable,
}

/// Which step wrote each output file, so that a step can drop what it no
/// longer writes.
#[derive(Debug, Default)]
struct Owners {
    site_wide: BTreeSet<String>,
    machine: BTreeSet<String>,
    statics: BTreeSet<String>,
    consultations: BTreeMap<String, BTreeSet<String>>,
}

/// Problems by the part of the site they belong to, replaced part by part.
#[derive(Debug, Default)]
struct Problems {
    site: Vec<Problem>,
    pages: Vec<Problem>,
    consultations: BTreeMap<String, Vec<Problem>>,
}

/// The last good build's model.
struct Model {
    /// Every source as last read in full; the assets are kept current.
    sources: SourceSet,
    site: Site,
    facts: Facts,
    theme: Theme,
    plan: Plan,
}

pub struct Workspace {
    root: PathBuf,
    date: BuildDate,
    built_for: Date,
    model: Option<Model>,
    files: BTreeMap<String, FileBytes>,
    records: BTreeMap<String, FileRecord>,
    owners: Owners,
    problems: Problems,
    pending: BTreeSet<Step>,
    /// Set when the last full build failed, or when a file's owner could not
    /// be told: the next change rebuilds everything.
    needs_full: bool,
}

impl Workspace {
    /// Builds the site in `root` in memory. An I/O error (no such folder)
    /// is `Err`; problems in the content are in [`Workspace::problems`].
    pub fn open(root: &Path, date: BuildDate) -> std::io::Result<(Workspace, Outcome)> {
        let root = root.canonicalize()?;
        if !root.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a folder", root.display()),
            ));
        }
        let mut ws = Workspace {
            root,
            built_for: date.resolve(),
            date,
            model: None,
            files: BTreeMap::new(),
            records: BTreeMap::new(),
            owners: Owners::default(),
            problems: Problems::default(),
            pending: BTreeSet::new(),
            needs_full: true,
        };
        let outcome = ws.full();
        Ok((ws, outcome))
    }

    /// The site folder, canonical.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every output file of the last good build, by path.
    pub fn files(&self) -> &BTreeMap<String, FileBytes> {
        &self.files
    }

    /// Whether a build has ever succeeded.
    pub fn has_site(&self) -> bool {
        self.model.is_some()
    }

    /// The path the site is served under: `base_url`'s path, without the
    /// final `/` (empty for a site at the root of its domain).
    pub fn base_path(&self) -> String {
        self.model
            .as_ref()
            .map(|m| m.site.config.base_path().trim_end_matches('/').to_string())
            .unwrap_or_default()
    }

    /// Every current problem: the site's, the free pages', then each
    /// consultation's.
    pub fn problems(&self) -> Vec<Problem> {
        let p = &self.problems;
        p.site
            .iter()
            .chain(&p.pages)
            .chain(p.consultations.values().flatten())
            .cloned()
            .collect()
    }

    pub fn has_errors(&self) -> bool {
        self.problems().iter().any(|p| p.error)
    }

    /// Whether the day changed since the last full build (when the date is
    /// today's): statuses must then be computed again.
    pub fn date_changed(&self) -> bool {
        self.date.resolve() != self.built_for
    }

    /// Whether later steps of the last update are still to run.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Rebuilds what changed, then every later step: what a test wants.
    pub fn rebuild(&mut self, changed: &BTreeSet<String>) -> Outcome {
        let mut outcome = self.update(changed);
        while let Some(next) = self.step() {
            outcome.changed.extend(next.changed);
            outcome.removed.extend(next.removed);
            outcome.problems_changed |= next.problems_changed;
            outcome.elapsed += next.elapsed;
        }
        outcome
    }

    /// The first, fast step of a rebuild for source paths (relative to the
    /// site folder, with `/`) that changed on disk. Later steps may be left
    /// pending: run them with [`Workspace::step`].
    pub fn update(&mut self, changed: &BTreeSet<String>) -> Outcome {
        if self.needs_full || self.model.is_none() || self.date_changed() {
            return self.full();
        }
        let mut consultations = BTreeSet::new();
        let mut pages = false;
        for path in changed {
            let segments: Vec<&str> = path.split('/').collect();
            match segments.as_slice() {
                ["content", "consultations", slug, ..]
                    if !self.root.join("content/consultations").join(slug).is_file() =>
                {
                    consultations.insert(slug.to_string());
                }
                ["content", "pages", ..] => pages = true,
                _ => return self.full(),
            }
        }
        let started = Instant::now();
        let before = self.problems();
        let mut outcome = Outcome::default();
        let mut what = Vec::new();
        if pages {
            what.push("free pages".to_string());
            if self.reload_pages() {
                return self.full();
            }
        }
        for slug in &consultations {
            what.push(format!("consultation {slug}"));
            match self.reload_consultation(slug) {
                None => return self.full(),
                Some(changes) => {
                    outcome.changed.extend(changes.0);
                    outcome.removed.extend(changes.1);
                }
            }
        }
        outcome.what = what.join(", ");
        outcome.problems_changed = before != self.problems();
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Runs the next pending step, if any.
    pub fn step(&mut self) -> Option<Outcome> {
        let step = self.pending.pop_first()?;
        let started = Instant::now();
        let before = self.problems();
        let mut changes = Changes::default();
        let what = match step {
            Step::SiteWide => {
                self.site_wide_pages(&mut changes);
                "pages that list every consultation"
            }
            Step::MachineReadable => {
                if let Err(e) = self.machine_readable(&mut changes) {
                    self.problems.site.push(io_problem(&e));
                }
                "open data, feeds, calendars, sitemap and manifest"
            }
        };
        Some(Outcome {
            what: what.to_string(),
            changed: changes.0,
            removed: changes.1,
            problems_changed: before != self.problems(),
            full: false,
            elapsed: started.elapsed(),
        })
    }

    /// Reads, checks and renders everything, as `sablah build` does.
    fn full(&mut self) -> Outcome {
        let started = Instant::now();
        let before = self.problems();
        let date = self.date.resolve();
        self.built_for = date;
        self.pending.clear();
        let mut changes = Changes::default();
        match self.full_build(date, &mut changes) {
            Ok(()) => self.needs_full = false,
            Err(problems) => {
                self.problems = problems;
                self.needs_full = true;
            }
        }
        Outcome {
            what: "everything".into(),
            changed: changes.0,
            removed: changes.1,
            problems_changed: before != self.problems(),
            full: true,
            elapsed: started.elapsed(),
        }
    }

    fn full_build(&mut self, date: Date, changes: &mut Changes) -> Result<(), Problems> {
        let io = |e: std::io::Error| Problems {
            site: vec![io_problem(&e)],
            ..Problems::default()
        };
        let (sources, diagnostics) = pipeline::read(&self.root).map_err(io)?;
        let ready = pipeline::check(sources, diagnostics)
            .ready(date)
            .map_err(|c| partition(c.diagnostics, &c.sources))?;
        let pipeline::Ready {
            sources,
            site,
            theme,
            facts,
            plan,
            hidden,
            mut diagnostics,
        } = ready;

        // Every group's files with the group's owner, so that the owner of
        // every file is known.
        let rendered: Mutex<Vec<(Owner, Vec<File>)>> = Mutex::new(Vec::new());
        let result = pipeline::render(
            &site,
            &facts,
            &sources,
            &theme,
            &plan,
            &|_| true,
            &|path| self.files.get(path).map(|b| b.to_vec()),
            &|owner, files| {
                rendered
                    .lock()
                    .map_err(|_| std::io::Error::other("a render thread panicked"))?
                    .push((owner.clone(), files));
                Ok(())
            },
        )
        .map_err(io)?;
        if let Err(d) = result {
            diagnostics.extend(d);
            return Err(partition(diagnostics, &sources));
        }
        let mut owners = Owners::default();
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (owner, group) in rendered.into_inner().unwrap_or_default() {
            let owned = match owner {
                Owner::Consultation(i) => owners
                    .consultations
                    .entry(site.consultations[i].slug.clone())
                    .or_default(),
                Owner::Root | Owner::Language(_) => &mut owners.site_wide,
            };
            for f in group {
                owned.insert(f.path.clone());
                files.insert(f.path, f.bytes);
            }
        }
        let assets = MemorySink::default();
        crate::output::copy_assets(&sources, site.config.theme(), &hidden, &assets).map_err(io)?;
        let mut asset_files = assets.files.into_inner().unwrap_or_default();
        for (route, _) in crate::output::asset_routes(&sources, site.config.theme(), &hidden) {
            let path = route.file();
            let Some(bytes) = asset_files.remove(&path) else {
                continue;
            };
            match route.consultation() {
                Some(slug) => owners
                    .consultations
                    .entry(slug.to_string())
                    .or_default()
                    .insert(path.clone()),
                None => owners.statics.insert(path.clone()),
            };
            files.insert(path, bytes);
        }
        let records: BTreeMap<String, FileRecord> = files
            .par_iter()
            .map(|(p, b)| (p.clone(), FileRecord::of(p, b)))
            .collect();
        let machine = MemorySink::default();
        let written = || merged(records.values().cloned(), &machine);
        crate::build::write_machine_readable(
            &site,
            &facts,
            &sources,
            &theme,
            &plan,
            &machine,
            &written,
            &|_, _| {},
        )
        .map_err(io)?;
        for (path, bytes) in machine.files.into_inner().unwrap_or_default() {
            owners.machine.insert(path.clone());
            files.insert(path, bytes);
        }

        let old: BTreeSet<String> = self.files.keys().cloned().collect();
        self.apply(&old, files, changes);
        self.owners = owners;
        self.problems = partition(diagnostics, &sources);
        self.needs_full = false;
        self.model = Some(Model {
            sources,
            site,
            facts,
            theme,
            plan,
        });
        Ok(())
    }

    /// Re-reads the free pages. `true`: a page was added or removed, which
    /// changes every page's links, so everything must be rebuilt.
    fn reload_pages(&mut self) -> bool {
        let folder = "content/pages";
        let Some(model) = self.model.as_mut() else {
            return true;
        };
        let (mini, mut diags) = match read_with_config(&self.root, folder, &model.sources) {
            Ok(r) => r,
            Err(_) => return true,
        };
        let (loaded, d) = crate::load::load(&mini);
        diags.extend(d);
        let Some(loaded) = loaded else { return true };
        diags.extend(crate::check::check(&loaded, &mini));
        let diags = only_under(diags, &mini, folder);
        self.problems.pages = problems_of(&diags, &mini);
        if diags.has_errors() {
            return false;
        }
        let slugs = |site: &Site| {
            site.pages
                .iter()
                .map(|p| p.slug.clone())
                .collect::<Vec<_>>()
        };
        if slugs(&loaded) != slugs(&model.site) {
            return true;
        }
        model.site.pages = loaded.pages;
        self.pending.extend([Step::SiteWide, Step::MachineReadable]);
        false
    }

    /// Re-reads, checks and renders one consultation, and returns the files
    /// that changed (none when its sources have errors). `None`: the whole
    /// site must be rebuilt instead.
    fn reload_consultation(&mut self, slug: &str) -> Option<Changes> {
        let date = self.built_for;
        let folder = format!("content/consultations/{slug}");
        let model = self.model.as_mut()?;
        let files_now = &self.files;
        let (mini, mut diags) = read_with_config(&self.root, &folder, &model.sources).ok()?;
        let (loaded, d) = crate::load::load(&mini);
        diags.extend(d);
        let loaded = loaded?;
        diags.extend(crate::check::check(&loaded, &mini));
        // The one rule that spans consultations: their ids are unique.
        if let Some(c) = loaded.consultations.first() {
            let id = c.meta.id.get_ref();
            if let Some(other) = model
                .site
                .consultations
                .iter()
                .find(|o| o.slug != c.slug && o.meta.id.get_ref() == id)
            {
                diags.push(crate::check::duplicate_consultation_id(c, other));
            }
        }
        let diags = only_under(diags, &mini, &folder);
        set_problems(
            &mut self.problems.consultations,
            slug,
            problems_of(&diags, &mini),
        );
        if diags.has_errors() {
            return Some(Changes::default());
        }

        // Its documents, as they are now.
        let prefix = format!("{folder}/");
        model
            .sources
            .assets
            .retain(|a| !a.path.starts_with(&prefix));
        model.sources.assets.extend(mini.assets.iter().cloned());
        model.sources.assets.sort_by(|a, b| a.path.cmp(&b.path));

        let sink = MemorySink::default();
        let index = model
            .site
            .consultations
            .binary_search_by(|c| c.slug.as_str().cmp(slug));
        if loaded.consultations.is_empty() {
            // The folder is gone.
            if let Ok(i) = index {
                model.site.consultations.remove(i);
                model.facts.consultations.remove(i);
            }
        } else {
            // Rendered alone, with the site's free pages for the links that
            // every page carries.
            let claimed = crate::derive::embargo::claimed_attachments(&loaded);
            let mut loaded = crate::derive::embargo::as_of(loaded, date);
            loaded.pages = std::mem::take(&mut model.site.pages);
            let mut facts = crate::derive::derive(&loaded, date);
            let hidden = crate::derive::embargo::hidden_attachments(claimed, &loaded, &facts);
            let plan = crate::render::plan::plan(&loaded, &facts);
            let rendered = pipeline::render(
                &loaded,
                &facts,
                &model.sources,
                &model.theme,
                &plan,
                &|owner| matches!(owner, Owner::Consultation(_)),
                &|path| files_now.get(path).map(|b| b.to_vec()),
                &|_, files| pipeline::write_files(&sink, files),
            )
            .unwrap_or_else(|e| Err(io_diagnostics(&e)));
            model.site.pages = std::mem::take(&mut loaded.pages);
            if let Err(d) = rendered {
                set_problems(
                    &mut self.problems.consultations,
                    slug,
                    problems_of(&d, &mini),
                );
                return Some(Changes::default());
            }
            if let Err(e) = crate::output::copy_assets(&mini, None, &hidden, &sink) {
                set_problems(&mut self.problems.consultations, slug, vec![io_problem(&e)]);
                return Some(Changes::default());
            }
            let (c, f) = (loaded.consultations.pop()?, facts.consultations.pop()?);
            match index {
                Ok(i) => {
                    model.site.consultations[i] = c;
                    model.facts.consultations[i] = f;
                }
                Err(i) => {
                    model.site.consultations.insert(i, c);
                    model.facts.consultations.insert(i, f);
                }
            }
        }
        let files = sink.files.into_inner().unwrap_or_default();
        let old = self.owners.consultations.remove(slug).unwrap_or_default();
        if !files.is_empty() {
            self.owners
                .consultations
                .insert(slug.to_string(), files.keys().cloned().collect());
        }
        let mut changes = Changes::default();
        self.apply(&old, files, &mut changes);
        self.pending.extend([Step::SiteWide, Step::MachineReadable]);
        Some(changes)
    }

    /// Renders the pages that list every consultation, and the rest that
    /// belong to none.
    fn site_wide_pages(&mut self, changes: &mut Changes) {
        let date = self.built_for;
        let Some(model) = self.model.as_mut() else {
            return;
        };
        // Facts are derived again over the whole site, in case one of them
        // ever depends on more than its consultation.
        model.facts = crate::derive::derive(&model.site, date);
        model.plan = crate::render::plan::plan(&model.site, &model.facts);
        let sink = MemorySink::default();
        if let Err(d) = pipeline::render(
            &model.site,
            &model.facts,
            &model.sources,
            &model.theme,
            &model.plan,
            &|owner| !matches!(owner, Owner::Consultation(_)),
            &|_| None,
            &|_, files| pipeline::write_files(&sink, files),
        )
        .unwrap_or_else(|e| Err(io_diagnostics(&e)))
        {
            self.problems.site.extend(problems_of(&d, &model.sources));
            self.needs_full = true;
            return;
        }
        let files = sink.files.into_inner().unwrap_or_default();
        let old = std::mem::replace(&mut self.owners.site_wide, files.keys().cloned().collect());
        self.apply(&old, files, changes);
    }

    /// Writes the machine-readable files again, over the current pages.
    fn machine_readable(&mut self, changes: &mut Changes) -> std::io::Result<()> {
        let Some(model) = self.model.as_ref() else {
            return Ok(());
        };
        let old = &self.owners.machine;
        let sink = MemorySink::default();
        let base: Vec<FileRecord> = self
            .records
            .iter()
            .filter(|(p, _)| !old.contains(*p))
            .map(|(_, r)| r.clone())
            .collect();
        let written = || merged(base.iter().cloned(), &sink);
        let plan = crate::render::plan::plan(&model.site, &model.facts);
        crate::build::write_machine_readable(
            &model.site,
            &model.facts,
            &model.sources,
            &model.theme,
            &plan,
            &sink,
            &written,
            &|_, _| {},
        )?;
        let files = sink.files.into_inner().unwrap_or_default();
        let old = std::mem::replace(&mut self.owners.machine, files.keys().cloned().collect());
        self.apply(&old, files, changes);
        Ok(())
    }

    /// Replaces the files in `old` by `new`, noting what really changed.
    fn apply(
        &mut self,
        old: &BTreeSet<String>,
        new: BTreeMap<String, Vec<u8>>,
        changes: &mut Changes,
    ) {
        for path in old {
            if !new.contains_key(path) && self.files.remove(path).is_some() {
                self.records.remove(path);
                changes.1.push(path.clone());
            }
        }
        let fresh: Vec<(String, Vec<u8>)> = new
            .into_iter()
            .filter(|(p, b)| self.files.get(p).is_none_or(|old| **old != *b))
            .collect();
        let records: Vec<FileRecord> = fresh
            .par_iter()
            .map(|(p, b)| FileRecord::of(p, b))
            .collect();
        for ((path, bytes), record) in fresh.into_iter().zip(records) {
            self.records.insert(path.clone(), record);
            self.files.insert(path.clone(), Arc::new(bytes));
            changes.0.push(path);
        }
    }
}

/// Paths written and removed.
#[derive(Debug, Default)]
struct Changes(Vec<String>, Vec<String>);

/// A write into memory failed: as a problem of the whole site.
fn io_diagnostics(e: &std::io::Error) -> Diagnostics {
    let mut d = Diagnostics::default();
    d.push(Diagnostic::error(Code::Unreadable, e.to_string()));
    d
}

/// Every file's record, those already written and those `sink` holds,
/// sorted by path: what `sablah build` lists as written.
fn merged(records: impl Iterator<Item = FileRecord>, sink: &MemorySink) -> Vec<FileRecord> {
    let mut all: BTreeMap<String, FileRecord> = records.map(|r| (r.path.clone(), r)).collect();
    for r in sink.written() {
        all.insert(r.path.clone(), r);
    }
    all.into_values().collect()
}

/// Reads `folder` of the site, with the current `sablah.toml` beside it.
fn read_with_config(
    root: &Path,
    folder: &str,
    sources: &SourceSet,
) -> std::io::Result<(SourceSet, Diagnostics)> {
    let (mut mini, diags) = crate::sources::read_folder(root, folder)?;
    if let Some(config) = sources.files.iter().find(|f| f.path == "sablah.toml") {
        mini.files.push(SourceFile {
            path: config.path.clone(),
            text: config.text.clone(),
        });
        mini.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    Ok((mini, diags))
}

/// The diagnostics about files under `folder`, sorted.
fn only_under(mut diags: Diagnostics, sources: &SourceSet, folder: &str) -> Diagnostics {
    let prefix = format!("{folder}/");
    diags.items.retain(|d| {
        Resolved::of(d, sources)
            .file
            .is_some_and(|f| f.starts_with(&prefix))
    });
    diags.sort(sources);
    diags
}

fn set_problems(map: &mut BTreeMap<String, Vec<Problem>>, slug: &str, problems: Vec<Problem>) {
    if problems.is_empty() {
        map.remove(slug);
    } else {
        map.insert(slug.to_string(), problems);
    }
}

/// Files the diagnostics of a full build by the part of the site they are in.
fn partition(mut diags: Diagnostics, sources: &SourceSet) -> Problems {
    diags.sort(sources);
    let mut parts = Problems::default();
    for d in diags.items {
        let file = Resolved::of(&d, sources).file.unwrap_or_default();
        let one = Diagnostics { items: vec![d] };
        let problem = problems_of(&one, sources);
        let segments: Vec<&str> = file.split('/').collect();
        match segments.as_slice() {
            ["content", "consultations", slug, _, ..] => parts
                .consultations
                .entry(slug.to_string())
                .or_default()
                .extend(problem),
            ["content", "pages", ..] => parts.pages.extend(problem),
            _ => parts.site.extend(problem),
        }
    }
    parts
}

/// Renders each diagnostic as the terminal shows it, without the count.
fn problems_of(diags: &Diagnostics, sources: &SourceSet) -> Vec<Problem> {
    diags
        .items
        .iter()
        .map(|d| {
            let one = Diagnostics {
                items: vec![d.clone()],
            };
            let summary = one.summary();
            let mut plain = NoColor::new(Vec::new());
            let _ = one.emit_human(sources, &mut plain);
            let mut coloured = Ansi::new(Vec::new());
            let _ = one.emit_human(sources, &mut coloured);
            let strip = |bytes: Vec<u8>| {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                s.trim_end()
                    .strip_suffix(summary.as_str())
                    .unwrap_or(s.trim_end())
                    .trim_end()
                    .to_string()
            };
            Problem {
                error: d.severity == Severity::Error,
                plain: strip(plain.into_inner()),
                coloured: strip(coloured.into_inner()),
            }
        })
        .collect()
}

fn io_problem(e: &std::io::Error) -> Problem {
    let d = Diagnostic::error(
        Code::Unreadable,
        format!("cannot read the site folder: {e}"),
    )
    .help("check that the folder exists and that you may read it");
    problems_of(&Diagnostics { items: vec![d] }, &SourceSet::default()).remove(0)
}
