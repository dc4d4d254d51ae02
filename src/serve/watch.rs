//! Watching the site folder: which source paths changed, in batches.
//!
//! notify reports file-system events; notify-debouncer-full merges the burst
//! of events that one save makes and follows renames, so the "write a
//! temporary file, then rename it over the original" saves of most editors
//! arrive as one change of the original. Editors' own files (swap, backup,
//! lock and temporary files) are left out, and so is everything the site
//! does not read (its output folder, `.git`, …): only `sablah.toml` and the
//! folders `content/`, `static/`, `templates/` and `i18n/` are watched. This
//! module reports paths; what to rebuild is the workspace's business.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache,
};

/// How long the file system must be quiet before a batch is reported:
/// long enough to merge one save's events, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// The folders of a site that the build reads, besides `sablah.toml`.
pub const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "templates", "i18n"];

/// Source paths that changed, relative to the site folder, with `/`.
#[derive(Debug, Clone)]
pub struct Batch {
    pub paths: BTreeSet<String>,
    /// When the first of these changes happened: the save.
    pub since: Instant,
}

impl Batch {
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.since = self.since.min(other.since);
    }
}

/// Watches a site folder while it lives.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: BTreeSet<&'static str>,
}

impl Watcher {
    /// Starts watching `root` (canonical); batches go to `batches`.
    pub fn start(root: &Path, batches: Sender<Batch>) -> notify::Result<Watcher> {
        let handler_root = root.to_path_buf();
        let debouncer =
            new_debouncer(
                DEBOUNCE,
                None,
                move |result: DebounceEventResult| match result {
                    Ok(events) => {
                        if let Some(batch) = batch_of(&handler_root, &events) {
                            let _ = batches.send(batch);
                        }
                    }
                    Err(errors) => {
                        for e in errors {
                            eprintln!("warning: while watching the site folder: {e}");
                        }
                    }
                },
            )?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        // The folder itself, for sablah.toml and source folders created later.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.follow();
        Ok(watcher)
    }

    /// Watches the source folders that exist now: called after each batch,
    /// in case one was just created.
    pub fn follow(&mut self) {
        for folder in SOURCE_FOLDERS {
            let dir = self.root.join(folder);
            if !self.watched.contains(folder)
                && dir.is_dir()
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(folder);
            }
        }
    }
}

fn batch_of(root: &Path, events: &[DebouncedEvent]) -> Option<Batch> {
    let mut paths = BTreeSet::new();
    let mut since: Option<Instant> = None;
    for event in events {
        // Reading a file is no change (the rebuild itself reads them);
        // closing one that was written is.
        if matches!(event.kind, EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write))
        {
            continue;
        }
        for path in &event.paths {
            if let Some(rel) = source_path(root, path) {
                paths.insert(rel);
                since = Some(since.map_or(event.time, |s| s.min(event.time)));
            }
        }
    }
    Some(Batch {
        paths,
        since: since?,
    })
}

/// `path` relative to the site folder, if the build reads it and no editor
/// made it for itself.
pub fn source_path(root: &Path, path: &Path) -> Option<String> {
    let parts: Vec<String> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    let read =
        (first == "sablah.toml" && parts.len() == 1) || SOURCE_FOLDERS.contains(&first.as_str());
    if !read || parts.iter().any(|p| is_editor_file(p)) {
        return None;
    }
    Some(parts.join("/"))
}

/// Whether a file name is one that editors and tools write beside the file
/// being saved, or a hidden file.
pub fn is_editor_file(name: &str) -> bool {
    const SUFFIXES: [&str; 9] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".temp",
        ".bak",
        ".crswap",
        ".kate-swp",
    ];
    name.starts_with('.') // vim's .x.swp, emacs's .#x locks, gedit's .goutputstream-…, .DS_Store
        || (name.starts_with('#') && name.ends_with('#')) // emacs auto-save
        || name == "4913" // vim checks that it may write in the folder
        || name.contains("___jb_") // JetBrains "safe write"
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || is_sed_temporary(name)
}

/// `sed -i` writes `sedXXXXXX` beside the file, then renames it.
fn is_sed_temporary(name: &str) -> bool {
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_not_changes() {
        for name in [
            ".i-001.md.swp",
            "i-001.md~",
            "#i-001.md#",
            ".#i-001.md",
            "4913",
            "i-001.md___jb_tmp___",
            "sedAb12Cd",
            ".goutputstream-XK2",
        ] {
            assert!(is_editor_file(name), "{name}");
        }
        for name in [
            "i-001.md",
            "consultation.toml",
            "i-001.ar.md",
            "sedimentation.md",
        ] {
            assert!(!is_editor_file(name), "{name}");
        }
    }

    #[test]
    fn only_sources_are_watched() {
        let root = Path::new("/site");
        assert_eq!(
            source_path(
                root,
                Path::new("/site/content/consultations/x/inputs/i-001.md")
            )
            .as_deref(),
            Some("content/consultations/x/inputs/i-001.md")
        );
        assert_eq!(
            source_path(root, Path::new("/site/sablah.toml")).as_deref(),
            Some("sablah.toml")
        );
        assert_eq!(
            source_path(root, Path::new("/site/public/index.html")),
            None
        );
        assert_eq!(source_path(root, Path::new("/site/.git/index")), None);
        assert_eq!(
            source_path(root, Path::new("/site/content/.x.md.swp")),
            None
        );
        assert_eq!(source_path(root, Path::new("/elsewhere/sablah.toml")), None);
    }
}
