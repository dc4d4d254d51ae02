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

use sha2::{Digest, Sha256};

use crate::sources::SourceSet;

/// A file written to the output: what the integrity manifest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Relative to the site root, with `/`.
    pub path: String,
    pub size: u64,
    pub sha256: [u8; 32],
}

impl FileRecord {
    pub fn of(path: &str, bytes: &[u8]) -> FileRecord {
        FileRecord {
            path: path.to_string(),
            size: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
        }
    }
    /// The SHA-256 in lowercase hexadecimal, as `sha256sum` prints it.
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

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
        || path
            .split('/')
            .any(|s| s.is_empty() || s == ".." || s == ".");
    if bad {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {path:?}"),
        ))
    } else {
        Ok(path)
    }
}

/// Writes into a staging folder, then swaps it into place.
pub struct DirSink {
    staging: PathBuf,
    target: PathBuf,
    pub files: AtomicUsize,
    /// Every file written, by path, with its size and hash: hashed by the
    /// writing thread, so the lock is held only to insert.
    written: Mutex<BTreeMap<String, FileRecord>>,
}

impl DirSink {
    pub fn new(target: &Path) -> std::io::Result<DirSink> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
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
            written: Mutex::new(BTreeMap::new()),
        })
    }

    /// What has been written so far, sorted by path.
    pub fn written(&self) -> Vec<FileRecord> {
        self.written
            .lock()
            .map(|w| w.values().cloned().collect())
            .unwrap_or_default()
    }

    fn record(&self, record: FileRecord) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(record.path.clone(), record);
        }
    }

    /// Replaces the target with the staging folder. The old site is moved
    /// aside first and removed only after the new one is in place.
    pub fn commit(self) -> std::io::Result<PathBuf> {
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        ));
        if old.exists() {
            remove_tree(&old)?;
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
            remove_tree(&old)?;
        }
        Ok(self.target.clone())
    }

    /// Removes the staging folder after a failed build.
    pub fn abandon(self) {
        let _ = remove_tree(&self.staging);
    }
}

/// `remove_dir_all`, with the folders of a level removed in parallel: a
/// previous site of tens of thousands of pages goes in a fraction of the time.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Sink for DirSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&full, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.record(FileRecord::of(path, bytes));
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Copied and hashed in one pass, so a large document is read once.
        let mut input = std::fs::File::open(from)?;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&full)?);
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = std::io::Read::read(&mut input, &mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            size += n as u64;
        }
        out.flush()?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.record(FileRecord {
            path: path.to_string(),
            size,
            sha256: hasher.finalize().into(),
        });
        Ok(())
    }
}

/// Collects files in memory: for tests of the stages, without a disk.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    /// What has been written, sorted by path, as [`DirSink::written`].
    pub fn written(&self) -> Vec<FileRecord> {
        self.files
            .lock()
            .map(|f| f.iter().map(|(p, b)| FileRecord::of(p, b)).collect())
            .unwrap_or_default()
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        safe_relative(path)?;
        self.files
            .lock()
            .unwrap()
            .insert(path.to_string(), bytes.to_vec());
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

pub mod calendar;
pub mod data;
pub mod feed;
#[cfg(test)]
mod fixture;
pub mod manifest;
pub mod sitemap;
pub mod urls;
