//! The `.br` and `.gz` files beside every compressible file, for hosts that
//! serve pre-compressed files, written on every core; and the build's
//! closing figures (files, bytes, time, peak memory).

use std::path::Path;

use super::cache::Cache;
use super::out::{sha_of, Out, Sha};
use super::parallel::each;
use crate::tools::Result;

/// The build's peak resident memory in KiB (Linux), Trunk's own not included.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a file is sent compressed.
fn compressible(p: &Path) -> bool {
    let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
    matches!(
        ext,
        "html" | "js" | "css" | "json" | "wasm" | "svg" | "txt" | "md"
    )
}

/// Writes `.br` and `.gz` beside every compressible file the build made
/// (kept as they are while the file is the last build's, `out.rs`).
/// Returns (files, bytes, brotli bytes).
pub fn compress_all(out: &Out, cache: &Cache) -> Result<(usize, u64, u64)> {
    let all: Vec<(String, Sha)> = (out.files().into_iter())
        .filter(|(rel, _)| compressible(Path::new(rel)))
        .collect();
    each(&all, |share| {
        for (rel, d) in share {
            let q = quality(Path::new(rel));
            let read = || {
                let p = out.dir().join(rel);
                std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))
            };
            let q_bytes = q.to_le_bytes();
            let br_key = sha_of(&[b"br", d, &q_bytes]);
            out.keyed(
                &format!("{rel}.br"),
                br_key,
                |_| true,
                || {
                    let b = cache.bytes("br", &[d, &q_bytes], || Ok(brotli_at(&read()?, q)))?;
                    Ok((b, Vec::new()))
                },
            )?;
            out.keyed(
                &format!("{rel}.gz"),
                sha_of(&[b"gz", d]),
                |_| true,
                || {
                    Ok((
                        cache.bytes("gz", &[d], || gzip_bytes(&read()?))?,
                        Vec::new(),
                    ))
                },
            )?;
        }
        Ok(())
    })?;
    let len = |rel: &str| out.len(rel).unwrap_or(0);
    let raw = all.iter().map(|(rel, _)| len(rel)).sum();
    let br = all.iter().map(|(rel, _)| len(&format!("{rel}.br"))).sum();
    Ok((all.len(), raw, br))
}

/// Brotli's quality for a file: the highest for the viewer's own files
/// (every reader fetches them, and there are few); 10 for the data files (a
/// report, the glossary, the catalogue: a page's first load fetches them,
/// and 10 makes them about 9 % smaller than 9 did, for 32 MB of them at 500
/// reports); lower for the pages, of which an archive has tens of thousands
/// (1 GB at 500 reports), where 10 would add minutes to the build for 7 %.
fn quality(p: &Path) -> i32 {
    match p.extension().and_then(|x| x.to_str()) {
        Some("wasm" | "js" | "css") => 11,
        Some("json") => 10,
        _ => 7,
    }
}

pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    brotli_at(bytes, 11)
}

fn brotli_at(bytes: &[u8], quality: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

/// Compresses every file and prints what the build made and took.
pub fn compress_and_report(
    out: &Out,
    routes: usize,
    prerendered: f64,
    started: std::time::Instant,
    reports: usize,
    cache: &Cache,
) -> Result {
    let t = std::time::Instant::now();
    let (n, raw, br) = compress_all(out, cache)?;
    println!(
        "  wrote an HTML file for each of {} routes, in Swedish and English, in {prerendered:.1} s",
        routes
    );
    println!(
        "  compressed {n} files in {:.1} s: {} KB → {} KB brotli (.br and .gz beside each; {}; {})",
        t.elapsed().as_secs_f64(),
        raw / 1024,
        br / 1024,
        cache.take_counts(),
        out.take_counts()
    );
    let (files, bytes) = out.size();
    println!(
        "  built {} reports in {:.1} s: {files} files, {:.1} MB, peak memory of the build {}",
        reports,
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6,
        peak_memory().map_or("unknown".into(), |kb| format!(
            "{:.0} MB",
            kb as f64 / 1024.0
        ))
    );
    Ok(())
}
