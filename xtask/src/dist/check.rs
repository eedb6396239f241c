//! The check of a built site as a whole (issue #34), run at the end of
//! every `cargo xtask dist` and failing it: every internal `href`, `src`,
//! `srcset`, `action` and share-card address of every page, every
//! `<loc>` and `hreflang` address of the sitemap, every address in the
//! pages' JSON-LD and in the DCAT catalogue resolves to a file of the
//! build under its base path; every page's canonical address is in the
//! sitemap; and no page, CSV file or report file is orphaned from every
//! link and the sitemap (a report file the catalogue lists counts as
//! linked). Zola's `zola check` is the model; this goes beyond it with
//! the data files' links. Files the viewer fetches by code (a goal's or a
//! board's file, the glossary, the search index, the modules) are not
//! links and are not checked here: the e2e suite fetches them.
//!
//! A build checks again only what changed (`check_build`): not at all a
//! site whose files the last build's check passed, and otherwise only the
//! pages whose bytes changed or that link to a file now gone (`Kept`).
//!
//! Written by hand over lol_html (which parses the pages) rather than
//! with a link checker: the checkers that exist (lychee, zola's) check one
//! page's links, not a site's orphans, its data files or its sitemap
//! against its canonicals, and none runs offline inside the build.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use lol_html::{element, rewrite_str, text, RewriteStrSettings};

use super::out::{sha_of, Out, Sha};
use crate::tools::Result;

/// The site as the check reads it: its files (paths below the folder,
/// with `/`), its base path and its public address, where known.
struct Site<'a> {
    files: HashSet<String>,
    base: &'a str,
    url: Option<&'a str>,
}

/// The files some page, the sitemap or the catalogue links to.
type Linked = HashSet<String>;

/// A problem: the file it is in, the address, and what is wrong.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub link: String,
    pub what: &'static str,
}

/// Checks the site in `dir`, built for `base` (and `url`, its public
/// address, when given): an error listing every problem when there is one.
pub fn check(dir: &Path, base: &str, url: Option<&str>) -> Result {
    report(problems(dir, base, url)?)
}

/// An error listing every problem, when there is one.
fn report(problems: Vec<Problem>) -> Result {
    if problems.is_empty() {
        return Ok(());
    }
    let mut out = format!("the site check found {} problem(s):", problems.len());
    for p in problems.iter().take(40) {
        out += &format!("\n  {}: {} ({})", p.file, p.link, p.what);
    }
    if problems.len() > 40 {
        out += &format!("\n  … and {} more", problems.len() - 40);
    }
    Err(out)
}

/// The check as the end of a build runs it: [`check`], and how long it
/// took; not run again on the files of the last build's site, which it
/// passed (the check reads nothing else: the same files, address and
/// program find the same problems).
pub fn check_build(out: &Out, base: &str, url: Option<&str>) -> Result {
    let t = std::time::Instant::now();
    let mut site = Vec::new();
    for (rel, d) in out.files() {
        if !rel.ends_with(".br") && !rel.ends_with(".gz") {
            site.extend(rel.as_bytes());
            site.push(0);
            site.extend(d);
        }
    }
    let program = super::out::program()?;
    let key = sha_of(&[
        &site,
        base.as_bytes(),
        url.unwrap_or("").as_bytes(),
        &program,
    ]);
    let kept = Kept::new(
        out,
        &[base.as_bytes(), url.unwrap_or("").as_bytes(), &program],
    );
    if out.checked_before(&key) {
        kept.carry()?;
        println!("  the site's files are those the last build's check passed: not checked again");
    } else {
        report(problems_in(out.dir(), base, url, Some(&kept))?)?;
        println!(
            "  checked the site's links, sitemap and data addresses in {:.1} s ({} pages read, {} as the last build's check left them)",
            t.elapsed().as_secs_f64(),
            kept.read.load(Relaxed),
            kept.recalled.load(Relaxed)
        );
    }
    out.passed_check(key);
    Ok(())
}

/// Every problem of the site in `dir`, sorted.
pub fn problems(dir: &Path, base: &str, url: Option<&str>) -> Result<Vec<Problem>> {
    problems_in(dir, base, url, None)
}

/// What the check keeps of each page that passed it, in the output's
/// record (`Out::remember`), by the page's path and digest, the site's
/// address and this program: the page's canonical address and the files
/// its links resolve to. A page whose bytes did not change is not read
/// again while each of those files is still in the site: the same links
/// resolve to the same files (a file added where a link fell back to
/// `{link}/index.html` aside, which only an address naming both a file
/// and a folder could meet). The files are kept as numbers into one list
/// of them (a 500-report site's pages hold 6 million links), which only
/// grows until the program or the site's address changes.
struct Kept<'a> {
    out: &'a Out,
    /// The site's address and this program.
    context: Sha,
    /// The last build's list of linked files.
    names: Vec<String>,
    /// Each page's digest, by path.
    pages: HashMap<String, Sha>,
    read: AtomicUsize,
    recalled: AtomicUsize,
}

/// A page as the check leaves it: its canonical, what it found wrong, and
/// the files its links resolve to.
struct Checked {
    canonical: Option<String>,
    problems: Vec<Problem>,
    linked: Targets,
}

/// The files a page links to: read from it, or as the last build's check
/// kept them (its kept bytes, and the numbers of the files).
enum Targets {
    Read(Linked),
    Kept(Vec<u8>, Vec<u32>),
}

/// A page as [`Kept`] keeps it: its canonical and its files' numbers.
fn encode(canonical: Option<&String>, numbers: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + numbers.len() * 4);
    match canonical {
        Some(c) => {
            out.extend((c.len() as u32).to_le_bytes());
            out.extend(c.as_bytes());
        }
        None => out.extend(u32::MAX.to_le_bytes()),
    }
    numbers.iter().for_each(|n| out.extend(n.to_le_bytes()));
    out
}

/// What [`encode`] wrote.
fn decode(bytes: &[u8]) -> Option<(Option<String>, Vec<u32>)> {
    let n = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    let (canonical, rest) = if n == u32::MAX {
        (None, &bytes[4..])
    } else {
        let end = 4 + n as usize;
        let c = std::str::from_utf8(bytes.get(4..end)?).ok()?;
        (Some(c.to_string()), &bytes[end..])
    };
    let chunks = rest.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        return None;
    }
    let numbers = chunks.map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    Some((canonical, numbers.collect()))
}

impl<'a> Kept<'a> {
    fn new(out: &'a Out, context: &[&[u8]]) -> Self {
        let context = sha_of(context);
        let names = (out.recall("check-names", &context))
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Kept {
            out,
            context,
            names,
            pages: out.files().into_iter().collect(),
            read: AtomicUsize::new(0),
            recalled: AtomicUsize::new(0),
        }
    }

    fn key(&self, file: &str) -> Option<Sha> {
        let page = self.pages.get(file)?;
        Some(sha_of(&[&self.context, file.as_bytes(), page]))
    }

    /// Which of the kept list's files are in the site.
    fn present(&self, files: &HashSet<String>) -> Vec<bool> {
        self.names.iter().map(|n| files.contains(n)).collect()
    }

    /// The page `file` as the last build's check left it, if its bytes and
    /// the files it links to (`present`) are still there.
    fn recall(&self, file: &str, present: &[bool]) -> Option<Checked> {
        let bytes = self.out.recall("check-page", &self.key(file)?)?;
        let (canonical, numbers) = decode(&bytes)?;
        if !numbers
            .iter()
            .all(|n| present.get(*n as usize) == Some(&true))
        {
            return None;
        }
        self.recalled.fetch_add(1, Relaxed);
        Some(Checked {
            canonical,
            problems: Vec::new(),
            linked: Targets::Kept(bytes, numbers),
        })
    }

    /// Keeps for the next build what the last build's check kept, when this
    /// build's site is the same and not checked again.
    fn carry(&self) -> Result {
        for file in self.pages.keys().filter(|f| f.ends_with(".html")) {
            let Some(key) = self.key(file) else { continue };
            if let Some(bytes) = self.out.recall("check-page", &key) {
                self.out.remember("check-page", &key, bytes)?;
            }
        }
        match self.out.recall("check-names", &self.context) {
            Some(names) => self.out.remember("check-names", &self.context, names),
            None => Ok(()),
        }
    }

    /// Keeps every page that passed for the next build: the files of those
    /// read as numbers into the kept list, new files added at its end.
    fn keep(&self, pages: &[&String], checked: &[Checked]) -> Result {
        let mut names = self.names.clone();
        let mut number: HashMap<String, u32> = HashMap::new();
        for (file, c) in pages.iter().zip(checked) {
            let Some(key) = self.key(file).filter(|_| c.problems.is_empty()) else {
                continue;
            };
            let bytes = match &c.linked {
                Targets::Kept(bytes, _) => bytes.clone(),
                Targets::Read(linked) => {
                    if number.is_empty() {
                        number = (names.iter().enumerate())
                            .map(|(i, n)| (n.clone(), i as u32))
                            .collect();
                    }
                    let mut numbers: Vec<u32> = (linked.iter())
                        .map(|l| {
                            *number.entry(l.clone()).or_insert_with(|| {
                                names.push(l.clone());
                                names.len() as u32 - 1
                            })
                        })
                        .collect();
                    numbers.sort_unstable();
                    encode(c.canonical.as_ref(), &numbers)
                }
            };
            self.out.remember("check-page", &key, bytes)?;
        }
        let names = serde_json::to_vec(&names).map_err(|e| e.to_string())?;
        self.out.remember("check-names", &self.context, names)
    }
}

/// A page of `dir` read, its links resolved.
fn check_page(dir: &Path, site: &Site, file: &str) -> Result<Checked> {
    let html = std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    let page = page_links(&html).map_err(|e| format!("{file}: {e}"))?;
    let (mut found, mut to) = (Vec::new(), Linked::new());
    for link in &page.links {
        site.resolve_into(file, link, &mut found, &mut to);
    }
    Ok(Checked {
        canonical: page.canonical,
        problems: found,
        linked: Targets::Read(to),
    })
}

/// [`problems`], with what the last build's check kept of the pages.
fn problems_in(
    dir: &Path,
    base: &str,
    url: Option<&str>,
    kept: Option<&Kept>,
) -> Result<Vec<Problem>> {
    let mut files = HashSet::new();
    list(dir, "", &mut files)?;
    let site = Site {
        files,
        base,
        url: url.map(|u| u.trim_end_matches('/')),
    };
    let mut problems = Vec::new();
    let mut linked = Linked::new();
    let sitemap = sitemap(dir, &site, &mut problems, &mut linked)?;
    let mut canonicals = Vec::new();
    // Each page read, parsed and its links resolved on every core: a
    // 500-report site has 32 000 pages and millions of links.
    let mut pages: Vec<&String> = site.files.iter().filter(|f| f.ends_with(".html")).collect();
    pages.sort();
    let present = kept.map(|k| k.present(&site.files)).unwrap_or_default();
    let checked = super::parallel::map(&pages, |file| {
        if let Some(page) = kept.and_then(|k| k.recall(file, &present)) {
            return Ok(page);
        }
        if let Some(k) = kept {
            k.read.fetch_add(1, Relaxed);
        }
        check_page(dir, &site, file)
    })?;
    if let Some(k) = kept {
        k.keep(&pages, &checked)?;
    }
    let mut kept_linked = vec![false; present.len()];
    for (file, c) in pages.into_iter().zip(checked) {
        problems.extend(c.problems);
        match c.linked {
            Targets::Read(to) => linked.extend(to),
            Targets::Kept(_, numbers) => {
                numbers.iter().for_each(|n| kept_linked[*n as usize] = true)
            }
        }
        if let Some(c) = c.canonical {
            canonicals.push((file.clone(), c));
        }
    }
    if let Some(k) = kept {
        let names = k.names.iter().zip(kept_linked).filter(|(_, l)| *l);
        linked.extend(names.map(|(n, _)| n.clone()));
    }
    if let Some(locs) = &sitemap {
        for (file, c) in canonicals {
            if !locs.contains(&c) {
                problems.push(problem(
                    &file,
                    &c,
                    "its canonical address is not in the sitemap",
                ));
            }
        }
    }
    for file in ["katalog.rdf"].iter().filter(|f| site.files.contains(**f)) {
        let text = std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
        for link in quoted_addresses(&text, &["rdf:about=\"", "rdf:resource=\""]) {
            site.resolve_into(file, &link, &mut problems, &mut linked);
        }
    }
    catalogue_files(dir, &site, &mut linked)?;
    orphans(&site, &linked, &mut problems);
    problems.sort();
    problems.dedup();
    Ok(problems)
}

fn problem(file: &str, link: &str, what: &'static str) -> Problem {
    Problem {
        file: file.into(),
        link: link.into(),
        what,
    }
}

/// Every file below `dir`, its compressed copies aside.
fn list(dir: &Path, prefix: &str, out: &mut HashSet<String>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        if e.path().is_dir() {
            list(&e.path(), &format!("{rel}/"), out)?;
        } else if !name.ends_with(".br") && !name.ends_with(".gz") {
            out.insert(rel);
        }
    }
    Ok(())
}

/// What a page links to, and its canonical address.
#[derive(Default)]
struct PageLinks {
    links: Vec<String>,
    canonical: Option<String>,
}

/// The addresses of a page: its elements' `href`, `src`, `srcset` and
/// `action`, its share card's image and address, and every string of its
/// JSON-LD.
fn page_links(html: &str) -> std::result::Result<PageLinks, String> {
    let out = std::cell::RefCell::new(PageLinks::default());
    let json = std::cell::RefCell::new(String::new());
    let push = |v: Option<String>| {
        if let Some(v) = v {
            out.borrow_mut().links.push(v);
        }
    };
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("[href]", |el| {
                    if el.get_attribute("rel").as_deref() == Some("canonical") {
                        out.borrow_mut().canonical = el.get_attribute("href");
                    }
                    push(el.get_attribute("href"));
                    Ok(())
                }),
                element!("[src]", |el| {
                    push(el.get_attribute("src"));
                    Ok(())
                }),
                element!("form[action]", |el| {
                    push(el.get_attribute("action"));
                    Ok(())
                }),
                element!("[srcset]", |el| {
                    for part in el.get_attribute("srcset").unwrap_or_default().split(',') {
                        push(part.split_whitespace().next().map(str::to_string));
                    }
                    Ok(())
                }),
                element!(
                    "meta[property='og:image'], meta[property='og:url'], meta[name='twitter:image']",
                    |el| {
                        push(el.get_attribute("content"));
                        Ok(())
                    }
                ),
                text!("script[type='application/ld+json']", |t| {
                    json.borrow_mut().push_str(t.as_str());
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let mut out = out.into_inner();
    let json = json.into_inner();
    if !json.trim().is_empty() {
        let v: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| format!("JSON-LD: {e}"))?;
        strings(&v, &mut out.links);
    }
    Ok(out)
}

/// Every string of a JSON value that reads as an address (`/…` or `http…`).
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.starts_with('/') || s.starts_with("http") => {
            out.push(s.clone())
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The values of `text` that follow one of `starts`, up to the next `"`.
fn quoted_addresses(text: &str, starts: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for start in starts {
        for (i, _) in text.match_indices(start) {
            let rest = &text[i + start.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

impl Site<'_> {
    /// The file an address of `from` names, `None` for an address outside
    /// the site (another host, `mailto:`, a fragment), `Some(Err)` for an
    /// address of the site that is not under its base.
    fn target(&self, from: &str, link: &str) -> Option<std::result::Result<String, ()>> {
        let link = link.trim();
        let path = if let Some(rest) = self.url.and_then(|u| link.strip_prefix(u)) {
            if !rest.is_empty() && !rest.starts_with('/') {
                return None;
            }
            if rest.is_empty() { "/" } else { rest }.to_string()
        } else if link.starts_with("//")
            || link.contains(':')
            || link.starts_with('#')
            || link.is_empty()
        {
            return None;
        } else if link.starts_with('/') {
            link.to_string()
        } else {
            // Relative to the page's folder.
            let folder = from.rfind('/').map_or("", |i| &from[..=i]);
            format!("{}{folder}{link}", self.base)
        };
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let Some(rel) = path
            .strip_prefix(self.base)
            .or_else(|| (path.to_string() + "/").strip_prefix(self.base).map(|_| ""))
        else {
            return Some(Err(()));
        };
        let rel = urlencoding::decode(rel).map_or_else(|_| rel.to_string(), |s| s.into_owned());
        let rel = normalize(&rel);
        if rel.is_empty() || rel.ends_with('/') {
            return Some(Ok(format!("{rel}index.html")));
        }
        if self.files.contains(&rel) {
            return Some(Ok(rel));
        }
        Some(Ok(format!("{rel}/index.html")))
    }

    /// Checks an address of `from`, noting the file it names as linked.
    fn resolve_into(
        &self,
        from: &str,
        link: &str,
        problems: &mut Vec<Problem>,
        linked: &mut Linked,
    ) {
        match self.target(from, link) {
            None => {}
            Some(Err(())) => problems.push(problem(from, link, "outside the site's base path")),
            Some(Ok(file)) if self.files.contains(&file) && file != from => {
                linked.insert(file);
            }
            Some(Ok(file)) if self.files.contains(&file) => {}
            Some(Ok(_)) => problems.push(problem(from, link, "no file of the build")),
        }
    }
}

/// A path without `.` and `..` segments.
fn normalize(rel: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in rel.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The sitemap's addresses, each checked: `None` for a site without one.
fn sitemap(
    dir: &Path,
    site: &Site,
    problems: &mut Vec<Problem>,
    linked: &mut Linked,
) -> Result<Option<BTreeSet<String>>> {
    if !site.files.contains("sitemap.xml") {
        return Ok(None);
    }
    let text = std::fs::read_to_string(dir.join("sitemap.xml"))
        .map_err(|e| format!("sitemap.xml: {e}"))?;
    let locs: BTreeSet<String> = text
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|s| s.replace("&amp;", "&"))
        .collect();
    for link in locs
        .iter()
        .cloned()
        .chain(quoted_addresses(&text, &["href=\""]))
    {
        site.resolve_into("sitemap.xml", &link, problems, linked);
    }
    Ok(Some(locs))
}

/// The report files the catalogue (or the manifest) lists count as linked.
fn catalogue_files(dir: &Path, site: &Site, linked: &mut Linked) -> Result {
    let lists: Vec<&String> = site
        .files
        .iter()
        .filter(|f| {
            f.as_str() == "reports/index.json"
                || (f.starts_with("reports/catalogue-") && f.ends_with(".json"))
        })
        .collect();
    for f in lists {
        let text = std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{f}: {e}"))?;
        for r in v["reports"].as_array().into_iter().flatten() {
            if let Some(file) = r["file"].as_str() {
                linked.insert(format!("reports/{file}"));
            }
        }
    }
    Ok(())
}

/// Whether the check asks that something link to `file`: a page (the
/// embeds aside, which a page offers as code to copy, and the error
/// pages), a CSV file, a report file.
fn needs_a_link(file: &str) -> bool {
    let embed = file.starts_with("inbaddning/") || file.starts_with("en/inbaddning/");
    let page = file.ends_with("/index.html") && !embed;
    let csv = file.ends_with(".csv");
    let report = file.starts_with("reports/")
        && file.ends_with(".json")
        && file.matches('/').count() == 1
        && file != "reports/index.json"
        && file != "reports/schema.json"
        && !file.starts_with("reports/catalogue-");
    page || csv || report
}

fn orphans(site: &Site, linked: &Linked, problems: &mut Vec<Problem>) {
    for f in site
        .files
        .iter()
        .filter(|f| needs_a_link(f) && !linked.contains(*f))
    {
        problems.push(problem(
            f,
            "",
            "no page links to it and the sitemap does not list it",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site in a fresh folder: (path, content) pairs.
    fn site(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("insyn-sitecheck-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    const GOOD: &[(&str, &str)] = &[
        ("index.html", "<a href=/r/>r</a><a href=/r/t.csv>csv</a><link rel=canonical href=https://x.org/><script type=application/ld+json>{\"url\":\"https://x.org/r/\"}</script>"),
        ("r/index.html", "<a href=../>start</a><a href=t.csv>csv</a><img srcset=\"/p.png 1x, /p.png 2x\"><link rel=canonical href=https://x.org/r/>"),
        ("r/t.csv", "a,b"),
        ("p.png", ""),
        ("reports/index.json", "{\"reports\":[{\"file\":\"r.json\"}]}"),
        ("reports/r.json", "{}"),
        ("inbaddning/r/index.html", "<p>embed</p>"),
        ("sitemap.xml", "<urlset><url><loc>https://x.org/</loc></url><url><loc>https://x.org/r/</loc><xhtml:link rel=\"alternate\" hreflang=\"sv\" href=\"https://x.org/r/\"/></url></urlset>"),
    ];

    /// `files` built into `dir` as a build writes them, and checked with
    /// what the last check there kept: its problems, and how many pages it
    /// read and recalled.
    fn checked_again(dir: &Path, files: &[(&str, &str)]) -> (Vec<Problem>, usize, usize) {
        let out = Out::open(dir, Some(&dir.with_extension("records")), false);
        for (path, text) in files {
            out.write(path, text.as_bytes()).unwrap();
        }
        out.sweep().unwrap();
        let kept = Kept::new(&out, &[b"/", b"https://x.org"]);
        let problems = problems_in(dir, "/", Some("https://x.org"), Some(&kept)).unwrap();
        out.save();
        let (read, recalled) = (kept.read.load(Relaxed), kept.recalled.load(Relaxed));
        (problems, read, recalled)
    }

    #[test]
    fn a_page_is_read_again_only_if_it_changed_or_a_file_it_links_to_is_gone() {
        let dir = std::env::temp_dir().join(format!("insyn-sitecheck-kept-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(dir.with_extension("records"));
        assert_eq!(checked_again(&dir, GOOD), (vec![], 3, 0));
        assert_eq!(checked_again(&dir, GOOD), (vec![], 0, 3), "nothing read");
        // A build whose site the last check passed carries what it kept.
        let out = Out::open(&dir, Some(&dir.with_extension("records")), false);
        for (path, text) in GOOD {
            out.write(path, text.as_bytes()).unwrap();
        }
        Kept::new(&out, &[b"/", b"https://x.org"]).carry().unwrap();
        out.save();
        // One page changed: it alone is read.
        let mut files = GOOD.to_vec();
        files[2].1 = "a,b,c";
        files[1].1 = "<a href=../>start</a><a href=t.csv>the table</a><img srcset=\"/p.png 1x, /p.png 2x\"><link rel=canonical href=https://x.org/r/>";
        assert_eq!(checked_again(&dir, &files), (vec![], 1, 2));
        // The image an unchanged page shows is gone: that page is read again
        // and its broken link found.
        let files: Vec<(&str, &str)> = files.into_iter().filter(|(p, _)| *p != "p.png").collect();
        let (problems, read, _) = checked_again(&dir, &files);
        assert_eq!(read, 1);
        let broken: Vec<(&str, &str)> = (problems.iter())
            .map(|p| (p.file.as_str(), p.link.as_str()))
            .collect();
        assert_eq!(broken, [("r/index.html", "/p.png")]);
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(dir.with_extension("records"));
    }

    #[test]
    fn a_whole_site_passes() {
        let dir = site("good", GOOD);
        assert_eq!(problems(&dir, "/", Some("https://x.org")).unwrap(), vec![]);
        assert!(check(&dir, "/", Some("https://x.org")).is_ok());
    }

    #[test]
    fn a_broken_link_a_missing_data_file_and_an_orphan_each_fail_naming_page_and_link() {
        let mut files = GOOD.to_vec();
        files[0] = ("index.html", "<a href=/r/>r</a><a href=/saknas/>x</a><a href=/r/u.csv>csv</a><link rel=canonical href=https://x.org/>");
        files.push(("ensam/index.html", "<p>no one links here</p>"));
        files.push(("r/gammal.csv", "a"));
        let dir = site("bad", &files);
        let found = problems(&dir, "/", Some("https://x.org")).unwrap();
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.file.as_str(), p.link.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("ensam/index.html", ""),
                ("index.html", "/r/u.csv"),
                ("index.html", "/saknas/"),
                ("r/gammal.csv", ""),
            ]
        );
        let err = check(&dir, "/", Some("https://x.org")).unwrap_err();
        assert!(
            err.contains("index.html: /saknas/ (no file of the build)"),
            "{err}"
        );
        assert!(
            err.contains("ensam/index.html:  (no page links to it"),
            "{err}"
        );
    }

    #[test]
    fn a_canonical_missing_from_the_sitemap_a_sitemap_address_without_a_page_and_a_link_outside_the_base_fail(
    ) {
        let files = [
            ("index.html", "<a href=/insyn/r/>r</a><a href=/annan/>out</a><link rel=canonical href=https://x.org/insyn/>"),
            ("r/index.html", "<a href=/insyn/>s</a><link rel=canonical href=https://x.org/insyn/r/>"),
            ("sitemap.xml", "<urlset><url><loc>https://x.org/insyn/</loc></url><url><loc>https://x.org/insyn/borta/</loc></url></urlset>"),
        ];
        let dir = site("base", &files);
        let found = problems(&dir, "/insyn/", Some("https://x.org")).unwrap();
        let whats: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|p| (p.file.as_str(), p.link.as_str(), p.what))
            .collect();
        assert_eq!(
            whats,
            [
                ("index.html", "/annan/", "outside the site's base path"),
                (
                    "r/index.html",
                    "https://x.org/insyn/r/",
                    "its canonical address is not in the sitemap"
                ),
                (
                    "sitemap.xml",
                    "https://x.org/insyn/borta/",
                    "no file of the build"
                ),
            ]
        );
    }
}
