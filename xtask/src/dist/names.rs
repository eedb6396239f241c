//! The build's one naming scheme for the files it writes under a content
//! hash (the family modules, the validator and the importer, the boot
//! scripts, the `<noscript>` sheet, the catalogue), and the Subresource
//! Integrity the pages load them with.

/// `stem-<16 hex digits><suffix>` (`insyn-report-0a1b2c3d4e5f6a7b_bg.wasm`,
/// `boot-….js`, `catalogue-….json`), the hash the first 8 bytes of the
/// content's SHA-384: a new name whenever the content changes, in the form
/// the hosting rules cache for good (`docs/hosting.md`).
pub fn hashed(stem: &str, bytes: &[u8], suffix: &str) -> String {
    use sha2::Digest;
    let hash: String = sha2::Sha384::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{stem}-{hash}{suffix}")
}

/// `sha384-…` Subresource Integrity of some bytes.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_change_with_the_content_and_keep_the_family() {
        let a = hashed("insyn-report", b"one", "_bg.wasm");
        let b = hashed("insyn-report", b"two", "_bg.wasm");
        assert!(a.starts_with("insyn-report-") && a.ends_with("_bg.wasm"));
        assert_ne!(a, b);
        assert_eq!(a, hashed("insyn-report", b"one", "_bg.wasm"));
    }

    #[test]
    fn every_hashed_name_ends_in_sixteen_hex_digits_before_its_suffix() {
        for (stem, suffix) in [
            ("boot", ".js"),
            ("nojs", ".css"),
            ("catalogue", ".json"),
            ("insyn-check", "_bg.wasm"),
        ] {
            let name = hashed(stem, b"content", suffix);
            let hash = &name[stem.len() + 1..name.len() - suffix.len()];
            assert!(name.starts_with(&format!("{stem}-")), "{name}");
            assert_eq!(hash.len(), 16, "{name}");
            assert!(hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
    }
}
