//! Writing the site: where files go, and the atomic swap.
//!
//! Pages are written as they are rendered, into a staging folder beside the
//! output (`.<name>.staging`); only when every page and file is written does
//! the staging folder replace the old output, so a failed or interrupted
//! build leaves the previous site untouched. The [`Sink`] trait lets tests
//! collect output in memory instead.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::sources::SourceSet;

/// Somewhere rendered files go. `path` is relative to the site root, with `/`.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Copies a source file as it is.
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.write(path, &bytes)
    }
}

/// Refuses paths that could leave the output folder.
fn safe_relative(path: &str) -> std::io::Result<&str> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.split('/').any(|s| s.is_empty() || s == ".." || s == ".");
    if bad {
        Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("refusing to write outside the output folder: {path:?}")))
    } else {
        Ok(path)
    }
}

/// Writes into a staging folder, then swaps it into place.
pub struct DirSink {
    staging: PathBuf,
    target: PathBuf,
    pub files: AtomicUsize,
}

impl DirSink {
    pub fn new(target: &Path) -> std::io::Result<DirSink> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let staging = parent.join(format!(".{name}.staging"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        Ok(DirSink {
            staging,
            target: target.to_path_buf(),
            files: AtomicUsize::new(0),
        })
    }

    /// Replaces the target with the staging folder. The old site is moved
    /// aside first and removed only after the new one is in place.
    pub fn commit(self) -> std::io::Result<PathBuf> {
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging.file_name().unwrap_or_default().to_string_lossy()
        ));
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(self.target.clone())
    }

    /// Removes the staging folder after a failed build.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

impl Sink for DirSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut f = std::io::BufWriter::new(std::fs::File::create(&full)?);
        f.write_all(bytes)?;
        f.flush()?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(from, &full)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Collects files in memory: for tests of the stages, without a disk.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        safe_relative(path)?;
        self.files.lock().unwrap().insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// Copies `static/` to the root, and each consultation's attachments once
/// (they are language-neutral) to `documents/<slug>/<path as written>`.
pub fn copy_assets(sources: &SourceSet, sink: &dyn Sink) -> std::io::Result<usize> {
    let mut n = 0;
    for asset in &sources.assets {
        let target = if let Some(rest) = asset.path.strip_prefix("static/") {
            rest.to_string()
        } else if let Some(rest) = asset.path.strip_prefix("content/consultations/") {
            format!("documents/{rest}")
        } else {
            continue;
        };
        sink.copy(&target, &asset.absolute)?;
        n += 1;
    }
    Ok(n)
}
