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

pub use crate::diagnostics::io_at;
use crate::routes::Route;
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
    /// Writes the file that `body` produces, a piece at a time: what large
    /// files (open data, the manifest) use so that they never stand whole in
    /// memory. By default the pieces are gathered and written at once.
    fn write_stream(
        &self,
        path: &str,
        body: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        body(&mut bytes)?;
        self.write(path, &bytes)
    }
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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

/// Writes into a staging folder beside the target, then swaps it into place.
///
/// The guarantee: at every moment the target is either the whole previous
/// site or the whole new one. On Linux the swap is one
/// `renameat2(RENAME_EXCHANGE)`; elsewhere (or on a file system without it)
/// it is two renames, and a build killed between them leaves the previous
/// site at `.<name>.staging.old`, which the next build puts back before
/// anything else. Nothing here follows a symbolic link when it removes: a
/// link is removed, never the folder it names.
pub struct DirSink {
    staging: PathBuf,
    target: PathBuf,
    pub files: AtomicUsize,
    /// Every file written, by path, with its size and hash: hashed by the
    /// writing thread, so the lock is held only to insert.
    written: Mutex<BTreeMap<String, FileRecord>>,
    /// What the user should know that did not stop the build.
    notes: Mutex<Vec<String>>,
}

/// What [`DirSink::commit`] did.
pub struct Committed {
    pub output: PathBuf,
    /// Problems that did not stop the build (a previous site that could not
    /// be removed whole, a stale staging folder set aside).
    pub notes: Vec<String>,
}

impl DirSink {
    /// Prepares a staging folder for `target`, which [`location::resolve`]
    /// has accepted.
    pub fn new(target: &Path) -> std::io::Result<DirSink> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_at(e, "create", parent))?;
        let staging = staging_for(target);
        let mut notes: Vec<String> = recover_interrupted(target)?.into_iter().collect();
        // Entries set aside by earlier builds go as soon as they can.
        let stale_prefix = format!(".{name}.staging.stale-");
        let mut taken = std::collections::BTreeSet::new();
        if let Ok(dir) = std::fs::read_dir(parent) {
            for entry in dir.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if let Some(n) = file.strip_prefix(&stale_prefix) {
                    if let Err(e) = remove_entry(&entry.path()) {
                        taken.insert(n.to_string());
                        notes.push(format!(
                            "a folder an earlier build set aside is still there ({e}): remove {} by hand",
                            entry.path().display()
                        ));
                    }
                }
            }
        }
        if let Err(e) = remove_entry(&staging) {
            // An entry that cannot be removed must not break every later
            // build: it is set aside under a free name and named.
            let free = (1..).find(|n| !taken.contains(&n.to_string())).unwrap_or(1);
            let stale = parent.join(format!("{stale_prefix}{free}"));
            std::fs::rename(&staging, &stale)
                .map_err(|e| io_at(e, "set aside the stale staging folder", &staging))?;
            notes.push(format!(
                "could not remove the staging folder an earlier build left ({e}); it was moved to {}: remove it by hand",
                stale.display()
            ));
        }
        std::fs::create_dir(&staging).map_err(|e| io_at(e, "create", &staging))?;
        Ok(DirSink {
            staging,
            target: target.to_path_buf(),
            files: AtomicUsize::new(0),
            written: Mutex::new(BTreeMap::new()),
            notes: Mutex::new(notes),
        })
    }

    /// The bytes of a file written so far (for the compressed copies).
    pub fn read_written(&self, path: &str) -> std::io::Result<Vec<u8>> {
        let full = self.staging.join(safe_relative(path)?);
        std::fs::read(&full).map_err(|e| io_at(e, "read", &full))
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

    /// Puts the staging folder in the target's place, in one step where the
    /// system allows, then removes the previous site.
    pub fn commit(self) -> std::io::Result<Committed> {
        let mut notes = self.notes.into_inner().unwrap_or_default();
        if !exists(&self.target) {
            std::fs::rename(&self.staging, &self.target)
                .map_err(|e| io_at(e, "move the new site into", &self.target))?;
            return Ok(Committed {
                output: self.target,
                notes,
            });
        }
        // After the exchange the previous site is where staging was.
        let previous = match exchange(&self.staging, &self.target) {
            Ok(()) => self.staging.clone(),
            Err(e) if !exchange_unsupported(&e) => {
                return Err(io_at(e, "swap the new site into", &self.target))
            }
            Err(_) => {
                let old = aside(&self.staging);
                remove_entry(&old)?;
                std::fs::rename(&self.target, &old)
                    .map_err(|e| io_at(e, "move the previous site aside from", &self.target))?;
                if let Err(e) = std::fs::rename(&self.staging, &self.target) {
                    let _ = std::fs::rename(&old, &self.target);
                    return Err(io_at(e, "move the new site into", &self.target));
                }
                old
            }
        };
        if let Err(e) = remove_entry(&previous) {
            notes.push(format!(
                "the new site is in place, but the previous one could not be removed whole ({e}); the next build tries again"
            ));
        }
        Ok(Committed {
            output: self.target,
            notes,
        })
    }

    /// Removes the staging folder after a failed build.
    pub fn abandon(self) {
        let _ = remove_entry(&self.staging);
    }
}

/// `.<name>.staging` beside `target`.
fn staging_for(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.staging"))
}

/// Puts back a previous site that an earlier build, killed between the two
/// renames of the fallback swap, left beside `target`; says so when it did.
pub fn recover_interrupted(target: &Path) -> std::io::Result<Option<String>> {
    let old = aside(&staging_for(target));
    if exists(target) || !is_real_dir(&old) || !location::is_sablah_output(&old) {
        return Ok(None);
    }
    std::fs::rename(&old, target).map_err(|e| io_at(e, "restore the previous site from", &old))?;
    Ok(Some(format!(
        "put back the previous site from {} (an earlier build was interrupted)",
        old.display()
    )))
}

/// `.<name>.staging.old`: where the fallback swap keeps the previous site.
fn aside(staging: &Path) -> PathBuf {
    staging.with_file_name(format!(
        "{}.old",
        staging.file_name().unwrap_or_default().to_string_lossy()
    ))
}

/// Whether anything, even a dangling link, is at `path`.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "NUL in path"))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The system or the file system cannot exchange: use two renames.
fn exchange_unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)
    ) {
        return true;
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// Removes whatever is at `path` without following a symbolic link: a link
/// or a file is unlinked, a real folder removed with its contents. Nothing
/// there is not an error.
pub fn remove_entry(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_at(e, "read", path)),
        Ok(m) if m.is_dir() => remove_tree(path),
        Ok(_) => std::fs::remove_file(path).map_err(|e| io_at(e, "remove", path)),
    }
}

/// `remove_dir_all`, with the folders of a level removed in parallel: a
/// previous site of tens of thousands of pages goes in a fraction of the
/// time. `DirEntry::file_type` does not follow links, so a link inside is
/// removed as a file.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .and_then(|d| d.collect::<Result<_, _>>())
        .map_err(|e| io_at(e, "read", dir))?;
    entries.par_iter().try_for_each(|e| {
        let path = e.path();
        if e.file_type()
            .map_err(|err| io_at(err, "read", &path))?
            .is_dir()
        {
            remove_tree(&path)
        } else {
            std::fs::remove_file(&path).map_err(|err| io_at(err, "remove", &path))
        }
    })?;
    std::fs::remove_dir(dir).map_err(|e| io_at(e, "remove", dir))
}

impl Sink for DirSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_at(e, "create", dir))?;
        }
        std::fs::write(&full, bytes).map_err(|e| io_at(e, "write", &full))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.record(FileRecord::of(path, bytes));
        Ok(())
    }
    fn write_stream(
        &self,
        path: &str,
        body: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_at(e, "create", dir))?;
        }
        let file = std::fs::File::create(&full).map_err(|e| io_at(e, "write", &full))?;
        let mut out = Hashing {
            inner: std::io::BufWriter::with_capacity(256 * 1024, file),
            hasher: Sha256::new(),
            size: 0,
        };
        body(&mut out).map_err(|e| io_at(e, "write", &full))?;
        out.flush().map_err(|e| io_at(e, "write", &full))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.record(FileRecord {
            path: path.to_string(),
            size: out.size,
            sha256: out.hasher.finalize().into(),
        });
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let full = self.staging.join(safe_relative(path)?);
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_at(e, "create", dir))?;
        }
        // Copied and hashed in one pass, so a large document is read once.
        let mut input = std::fs::File::open(from).map_err(|e| io_at(e, "read", from))?;
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&full).map_err(|e| io_at(e, "write", &full))?,
        );
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n =
                std::io::Read::read(&mut input, &mut buf).map_err(|e| io_at(e, "read", from))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])
                .map_err(|e| io_at(e, "write", &full))?;
            size += n as u64;
        }
        out.flush().map_err(|e| io_at(e, "write", &full))?;
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

/// Where each asset is published: the named theme's `static/` and the
/// site's `static/` at the root (the site's file wins where both have one),
/// and each consultation's attachments once (they are language-neutral)
/// under [`Route::Document`] with their path as written.
pub fn asset_routes<'a>(
    sources: &'a SourceSet,
    theme: Option<&str>,
    hidden: &std::collections::BTreeSet<String>,
) -> Vec<(Route, &'a crate::sources::Asset)> {
    let theme_static = theme.map(|t| format!("themes/{t}/static/"));
    let in_site_static = |rest: &str| {
        let path = format!("static/{rest}");
        sources.assets.iter().any(|a| a.path == path)
    };
    sources
        .assets
        .iter()
        .filter(|asset| !hidden.contains(&asset.path))
        .filter_map(|asset| {
            let route = if let Some(rest) = asset.path.strip_prefix("static/") {
                Route::Static {
                    path: rest.to_string(),
                }
            } else if asset.path.starts_with("themes/") {
                let rest = asset.path.strip_prefix(theme_static.as_deref()?)?;
                if in_site_static(rest) {
                    return None;
                }
                Route::Static {
                    path: rest.to_string(),
                }
            } else {
                let rest = asset.path.strip_prefix("content/consultations/")?;
                let (slug, path) = rest.split_once('/')?;
                Route::Document {
                    slug: slug.to_string(),
                    path: path.to_string(),
                }
            };
            Some((route, asset))
        })
        .collect()
}

/// Copies every asset to where [`asset_routes`] publishes it.
pub fn copy_assets(
    sources: &SourceSet,
    theme: Option<&str>,
    hidden: &std::collections::BTreeSet<String>,
    sink: &dyn Sink,
) -> std::io::Result<usize> {
    let routes = asset_routes(sources, theme, hidden);
    for (route, asset) in &routes {
        sink.copy(&route.file(), &asset.absolute)?;
    }
    Ok(routes.len())
}

pub mod calendar;
pub mod compress;
pub mod data;
pub mod feed;
#[cfg(test)]
mod fixture;
pub mod headers;
pub mod location;
pub mod manifest;
pub mod sitemap;
pub mod social;

#[cfg(test)]
mod swap_tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("new"), "").unwrap();
        std::fs::write(b.join("old"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(b.join("new").is_file() && a.join("old").is_file());
    }

    #[test]
    fn commit_replaces_the_target_and_removes_the_previous_site() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("stale.html"), "old").unwrap();
        let sink = DirSink::new(&target).unwrap();
        sink.write("index.html", b"new").unwrap();
        let done = sink.commit().unwrap();
        assert!(done.notes.is_empty(), "{:?}", done.notes);
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"new");
        assert!(!target.join("stale.html").exists());
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only public/ is left");
    }

    #[cfg(unix)]
    #[test]
    fn removing_a_link_never_touches_what_it_names() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = tmp.path().join("kept");
        std::fs::create_dir_all(&kept).unwrap();
        std::fs::write(kept.join("f"), "x").unwrap();
        let tree = tmp.path().join("tree");
        std::fs::create_dir_all(&tree).unwrap();
        std::os::unix::fs::symlink(&kept, tree.join("inner-link")).unwrap();
        std::os::unix::fs::symlink(&kept, tmp.path().join("top-link")).unwrap();
        remove_entry(&tree).unwrap();
        remove_entry(&tmp.path().join("top-link")).unwrap();
        assert!(kept.join("f").is_file());
        assert!(!tree.exists());
    }
}
