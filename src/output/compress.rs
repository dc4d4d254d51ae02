//! Pre-compressed copies of the text files: `<file>.br` (Brotli) and
//! `<file>.gz` (gzip) beside each HTML, CSS, JS, JSON, XML, CSV, ICS, TXT
//! and SVG file of 1 KiB or more, for hosts that send a stored copy to a
//! browser that accepts it (nginx `gzip_static`/`brotli_static`, Apache
//! with the `.htaccess` written beside them, most static hosts): citizens on
//! slow or metered connections get the site several times smaller, and no
//! server compresses anything on the fly.
//!
//! The bytes are deterministic: gzip with no file name and a zero time
//! stamp, Brotli at fixed settings, so two builds of the same sources and
//! date stay byte-identical. The copies are encodings of listed files, not
//! files of their own: the manifest lists the originals only (decompress a
//! copy and you have the listed bytes). Written last, in parallel.

use std::io::Write;

use rayon::prelude::*;

use crate::output::{FileRecord, Sink};

/// Files smaller than this are not worth a copy (headers cost more).
pub const MIN_SIZE: u64 = 1024;

/// Brotli quality 0–11. Measured on the demo's 206 text files (1.79 MB,
/// see the `timing` test): q4 534 kB in 0.04–0.09 s (hardly smaller than
/// gzip's 544 kB), q5–q9 484–492 kB in about 1.2 s, q11 416 kB in 2.7–4.3 s,
/// on a loaded 2-core machine. From q5 on, the cost is mostly per file: at
/// corpus M (1,000 consultations × 20 inputs, about 100,000 text files) q9
/// made the build 64 s wall instead of about 6. On the 20,576 English
/// consultation and input pages of corpus M (217 MB), one core, 2026-12-03:
/// q0 80.0 MB in 4.1 s, q1 77.8 MB in 6.0 s, q2 73.9 MB in 11.6 s, q3 72.8
/// MB in 11.1 s (gzip's fastest level: 85.7 MB in 1.4 s). Brotli dominated
/// the build's compression step, so q1: half q2's time for 5 % more bytes,
/// still 9 % smaller than the gzip copy that old clients get.
pub const BROTLI_QUALITY: u32 = 1;
/// Largest Brotli window, as a power of two (4 MiB); a smaller file gets a
/// window just larger than itself (a 4 MiB window costs far more to set up
/// than a 10 KiB page takes to compress, for the same bytes out).
pub const BROTLI_WINDOW: u32 = 22;

/// The Brotli window for `len` bytes: the smallest power of two (at least
/// 2^10) holding them, at most [`BROTLI_WINDOW`].
pub fn brotli_window(len: usize) -> u32 {
    let bits = usize::BITS - len.max(1).leading_zeros();
    bits.clamp(10, BROTLI_WINDOW)
}

/// Whether `path` gets compressed copies.
pub fn wanted(record: &FileRecord) -> bool {
    record.size >= MIN_SIZE
        && !record.path.ends_with(".gz")
        && !record.path.ends_with(".br")
        && crate::output::headers::text_type(&record.path).is_some()
}

pub fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    // No name, no comment, mtime 0, OS "unknown": the same bytes anywhere.
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(
            Vec::with_capacity(bytes.len() / 3),
            flate2::Compression::fast(),
        );
    encoder.write_all(bytes)?;
    encoder.finish()
}

pub fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut encoder = brotli::CompressorWriter::new(
            &mut out,
            64 * 1024,
            BROTLI_QUALITY,
            brotli_window(bytes.len()),
        );
        encoder.write_all(bytes)?;
        encoder.flush()?;
    }
    Ok(out)
}

/// Writes the copies of every wanted file of `files` into `sink`, reading
/// each file back with `read`. Returns how many files got copies.
pub fn write_copies(
    files: &[FileRecord],
    read: &(dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync),
    sink: &dyn Sink,
) -> std::io::Result<usize> {
    // A file that already has a `.gz` or `.br` beside it (an agency's own)
    // keeps it: nothing is overwritten.
    let taken: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let wanted: Vec<&FileRecord> = files
        .iter()
        .filter(|f| wanted(f))
        .filter(|f| {
            !taken.contains(format!("{}.gz", f.path).as_str())
                && !taken.contains(format!("{}.br", f.path).as_str())
        })
        .collect();
    // Largest first, so that one big CSV does not start last.
    let mut wanted = wanted;
    wanted.sort_by(|a, b| b.size.cmp(&a.size).then(a.path.cmp(&b.path)));
    wanted.par_iter().try_for_each(|f| {
        let bytes = read(&f.path)?;
        let (gz, br) = rayon::join(|| gzip(&bytes), || brotli(&bytes));
        sink.write(&format!("{}.gz", f.path), &gz?)?;
        sink.write(&format!("{}.br", f.path), &br?)?;
        Ok::<_, std::io::Error>(())
    })?;
    Ok(wanted.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_original_and_are_always_the_same() {
        let text = "<p>التعرفة مرتفعة على الأسر.</p>\n".repeat(200);
        let gz = gzip(text.as_bytes()).unwrap();
        assert_eq!(gz, gzip(text.as_bytes()).unwrap());
        // No mtime (bytes 4..8) and no name flag (byte 3).
        assert_eq!(&gz[3..8], &[0, 0, 0, 0, 0]);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = brotli(text.as_bytes()).unwrap();
        assert_eq!(br, brotli(text.as_bytes()).unwrap());
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(br.len() < text.len() / 5 && gz.len() < text.len() / 5);
    }

    #[test]
    fn the_window_fits_the_file() {
        assert_eq!(brotli_window(0), 10);
        assert_eq!(brotli_window(1024), 11);
        assert_eq!(brotli_window(10_000), 14);
        assert_eq!(brotli_window(300_000_000), BROTLI_WINDOW);
    }
}

#[cfg(test)]
mod timing {
    /// `SABLAH_COMPRESS_DIR=public cargo test --release --lib timing -- --ignored --nocapture`:
    /// time and size of the copies of a built site at several settings.
    #[test]
    #[ignore]
    fn brotli_qualities() {
        use std::io::Write;
        let Ok(dir) = std::env::var("SABLAH_COMPRESS_DIR") else {
            return;
        };
        let files: Vec<Vec<u8>> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| crate::output::headers::text_type(&e.path().to_string_lossy()).is_some())
            .map(|e| std::fs::read(e.path()).unwrap())
            .filter(|b| b.len() >= 1024)
            .collect();
        let total: usize = files.iter().map(Vec::len).sum();
        for q in [0u32, 1, 2, 3, 4, 5, 9, 11] {
            let t = std::time::Instant::now();
            let mut out = 0;
            for b in &files {
                let mut v = Vec::new();
                {
                    let mut e = brotli::CompressorWriter::new(
                        &mut v,
                        64 * 1024,
                        q,
                        super::brotli_window(b.len()),
                    );
                    e.write_all(b).unwrap();
                }
                out += v.len();
            }
            println!(
                "brotli q{q}: {} files, {total} -> {out} bytes, {:?}",
                files.len(),
                t.elapsed()
            );
        }
        let t = std::time::Instant::now();
        let out: usize = files.iter().map(|b| super::gzip(b).unwrap().len()).sum();
        println!("gzip best: {total} -> {out} bytes, {:?}", t.elapsed());
    }
}
