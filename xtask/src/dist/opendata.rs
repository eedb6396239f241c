//! Data as files: each table as CSV at `/{report}/ekonomi/{table}.csv` (the
//! bytes of the viewer's download, `model::export::table_csv`), and each
//! chart of a board's or a council goal's page at every year beside the
//! page, in each language (`/namnd/{board}/{table}.csv`, below `/en/` in
//! English: its words are ours, `history::chart_files`), schema.org
//! `Dataset` data on each report page, and a DCAT-AP-SE catalogue
//! (`katalog.rdf`, RDF/XML) describing every report as a dataset with its
//! CSV and JSON distributions, for Sveriges dataportal to harvest.
//!
//! The source documents state no licence for their figures, so unless the
//! build is given one (`--licence URL`) the metadata says that it is not
//! stated rather than inventing one.

use insyn::model::export::table_csv;
use insyn::model::format::Lang;
use insyn::model::{ManifestEntry, Report};
use insyn::ui::components::{report_heading, text};
use insyn::ui::route::{recognize, Route};
use serde_json::{json, Value};

use super::out::Out;
use super::site::{escape, Findable};
use crate::tools::Result;

/// The CSV file of a table, below the base.
pub fn csv_file(report: &str, table: &str) -> String {
    format!("{report}/ekonomi/{table}.csv")
}

/// The charts of the page at `route` over the years (a board's, a council
/// goal's) whose files the build writes: each one's file below the base
/// without extension, in `lang`'s folder, and its table.
pub fn history_files(f: &Findable, route: &str, lang: Lang) -> Vec<(String, insyn::model::Table)> {
    let h = &f.histories;
    insyn::ui::pages::history::chart_files(&recognize(route), &h.boards, &h.goals, lang)
        .into_iter()
        .map(|(stem, t)| {
            let file = insyn::ui::prerender::in_lang(&format!("/{stem}"), lang);
            (file.trim_start_matches('/').to_string(), t)
        })
        .collect()
}

/// The words for a licence that the sources do not state.
fn licence_not_stated(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Licensen anges inte i källdokumenten",
        Lang::En => "The licence is not stated in the source documents",
    }
}

/// The organisation that publishes the documents ("Malmö stad", the part of
/// the printed publisher before the board) and the board itself.
fn publisher_and_board(r: &Report) -> (String, String) {
    let (printed, board) = match r {
        Report::Annual(a) => (&a.source.publisher, &a.board.name),
        Report::Statement(s) => (&s.source.publisher, &s.board.name),
    };
    let city = printed
        .split(',')
        .next()
        .unwrap_or(printed)
        .trim()
        .to_string();
    (city, board.clone())
}

/// A report's year and summary.
fn year_and_summary(r: &Report, lang: Lang) -> (u16, String) {
    match r {
        Report::Annual(a) => (a.year, text(&a.summary, lang)),
        Report::Statement(s) => (s.year, text(&s.summary, lang)),
    }
}

/// A report's files: (address below the base, media type, title) for each
/// CSV and the report's JSON.
fn files(e: &ManifestEntry, r: &Report) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    if let Some(a) = r.as_annual() {
        for t in &a.tables {
            out.push((csv_file(&e.id, &t.id), "text/csv", t.title.clone()));
        }
    }
    out.push((
        format!("reports/{}", e.file),
        "application/json",
        format!("{} (JSON)", e.title),
    ));
    out
}

/// The address of a file: absolute with the origin, else below the host.
fn address(f: &Findable, file: &str) -> String {
    let path = f.site.file(file);
    f.site.absolute(&path).unwrap_or(path)
}

/// schema.org `Dataset` data (JSON-LD) of a report's page, in the page's language.
pub fn page_json_ld(f: &Findable, route: &str, lang: Lang) -> Option<String> {
    let Route::Report { report } = recognize(route) else {
        return None;
    };
    let (e, r) = f.report(&report)?;
    Some(dataset(f, e, r, route, lang).to_string())
}

/// The `Dataset` object of one report.
pub fn dataset(f: &Findable, e: &ManifestEntry, r: &Report, route: &str, lang: Lang) -> Value {
    let (city, board) = publisher_and_board(r);
    let (year, summary) = year_and_summary(r, lang);
    let licence = match &f.options.licence {
        Some(url) => json!(url),
        None => json!({"@type": "CreativeWork", "name": licence_not_stated(lang)}),
    };
    let distribution: Vec<Value> = files(e, r)
        .into_iter()
        .map(|(file, mime, title)| {
            json!({
                "@type": "DataDownload",
                "name": title,
                "encodingFormat": mime,
                "contentUrl": address(f, &file),
            })
        })
        .collect();
    let page = f.site.path(route, lang);
    json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": report_heading(r, lang),
        "description": summary,
        "url": f.site.absolute(&page).unwrap_or(page),
        "inLanguage": lang.code(),
        "temporalCoverage": year.to_string(),
        "isAccessibleForFree": true,
        "publisher": {"@type": "GovernmentOrganization", "name": city},
        "creator": {"@type": "GovernmentOrganization", "name": board},
        "license": licence,
        "distribution": distribution,
    })
}

/// The DCAT-AP-SE catalogue (RDF/XML): one `dcat:Dataset` a report, each
/// with a distribution per file. `None` without the origin (RDF needs
/// absolute addresses). `contact` is the e-mail address of the contact
/// point, where the build was given one.
pub fn catalogue(f: &Findable, contact: Option<&str>) -> Option<String> {
    let origin = f.site.url.as_ref()?;
    let uri = |path: &str| escape(&format!("{origin}{}", f.site.file(path)));
    let cat = uri("katalog.rdf");
    let mut publisher = String::new();
    let mut datasets = String::new();
    let mut refs = String::new();
    let licence = match &f.options.licence {
        Some(url) => format!("<dcterms:license rdf:resource=\"{}\"/>", escape(url)),
        None => format!(
            "<dcterms:license><dcterms:LicenseDocument><rdfs:label xml:lang=\"sv\">{}</rdfs:label><rdfs:label xml:lang=\"en\">{}</rdfs:label></dcterms:LicenseDocument></dcterms:license>",
            licence_not_stated(Lang::Sv),
            licence_not_stated(Lang::En)
        ),
    };
    for (e, r) in f.manifest.reports.iter().zip(&f.reports) {
        let (city, board) = publisher_and_board(r);
        if publisher.is_empty() {
            publisher = city.clone();
        }
        let ds = uri(&format!("{}/#dataset", e.id));
        refs += &format!("<dcat:dataset rdf:resource=\"{ds}\"/>");
        datasets += &dcat_dataset(f, e, r, &ds, &city, &board, &licence, contact, &uri);
    }
    let org = uri("#publisher");
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\" xmlns:dcat=\"http://www.w3.org/ns/dcat#\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:foaf=\"http://xmlns.com/foaf/0.1/\" xmlns:vcard=\"http://www.w3.org/2006/vcard/ns#\">\n\
<dcat:Catalog rdf:about=\"{cat}\"><dcterms:title xml:lang=\"sv\">Insyn: Malmö stads nämnder, mål och budget</dcterms:title><dcterms:title xml:lang=\"en\">Insyn: Malmö's boards, goals and budgets</dcterms:title><dcterms:description xml:lang=\"sv\">{}</dcterms:description><dcterms:description xml:lang=\"en\">{}</dcterms:description><dcterms:publisher rdf:resource=\"{org}\"/><foaf:homepage rdf:resource=\"{}\"/>{licence}{refs}</dcat:Catalog>\n\
<foaf:Agent rdf:about=\"{org}\"><foaf:name>{}</foaf:name></foaf:Agent>\n{datasets}</rdf:RDF>\n",
        escape(insyn::ui::i18n::t(Lang::Sv).site_description),
        escape(insyn::ui::i18n::t(Lang::En).site_description),
        uri(""),
        escape(&publisher),
    ))
}

/// One report as a `dcat:Dataset` with its distributions and contact point.
#[allow(clippy::too_many_arguments)]
fn dcat_dataset(
    f: &Findable,
    e: &ManifestEntry,
    r: &Report,
    ds: &str,
    city: &str,
    board: &str,
    licence: &str,
    contact: Option<&str>,
    uri: &dyn Fn(&str) -> String,
) -> String {
    let title = |lang| escape(&report_heading(r, lang));
    let summary = |lang| escape(&year_and_summary(r, lang).1);
    let year = year_and_summary(r, Lang::Sv).0;
    let mut dists = String::new();
    let mut refs = String::new();
    for (i, (file, mime, name)) in files(e, r).into_iter().enumerate() {
        let id = format!("{ds}-{i}");
        refs += &format!("<dcat:distribution rdf:resource=\"{id}\"/>");
        let url = uri(&file);
        dists += &format!(
            "<dcat:Distribution rdf:about=\"{id}\"><dcterms:title xml:lang=\"sv\">{}</dcterms:title><dcat:accessURL rdf:resource=\"{url}\"/><dcat:downloadURL rdf:resource=\"{url}\"/><dcat:mediaType rdf:resource=\"https://www.iana.org/assignments/media-types/{mime}\"/>{licence}</dcat:Distribution>\n",
            escape(&name)
        );
    }
    let email = contact
        .map(|c| format!("<vcard:hasEmail rdf:resource=\"mailto:{}\"/>", escape(c)))
        .unwrap_or_default();
    let page = f.site.path(&format!("/{}", e.id), Lang::Sv);
    format!(
        "<dcat:Dataset rdf:about=\"{ds}\"><dcterms:title xml:lang=\"sv\">{}</dcterms:title><dcterms:title xml:lang=\"en\">{}</dcterms:title><dcterms:description xml:lang=\"sv\">{}</dcterms:description><dcterms:description xml:lang=\"en\">{}</dcterms:description><dcterms:publisher rdf:resource=\"{}\"/><dcterms:creator><foaf:Agent><foaf:name>{}</foaf:name></foaf:Agent></dcterms:creator><dcterms:temporal><dcterms:PeriodOfTime><dcat:startDate rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">{year}-01-01</dcat:startDate><dcat:endDate rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">{year}-12-31</dcat:endDate></dcterms:PeriodOfTime></dcterms:temporal><dcat:landingPage rdf:resource=\"{}\"/><dcat:contactPoint><vcard:Organization><vcard:fn>{}</vcard:fn>{email}</vcard:Organization></dcat:contactPoint>{refs}</dcat:Dataset>\n{dists}",
        title(Lang::Sv),
        title(Lang::En),
        summary(Lang::Sv),
        summary(Lang::En),
        uri("#publisher"),
        escape(board),
        escape(&f.site.absolute(&page).unwrap_or(page)),
        escape(city),
    )
}

/// Writes each table's CSV, each chart's over the years on the pages of
/// `routes`, and, with an origin, the catalogue.
pub fn write_files(f: &Findable, out: &Out, routes: &[String]) -> Result {
    let mut n = 0;
    for (e, r) in f.manifest.reports.iter().zip(&f.reports) {
        let Some(a) = r.as_annual() else { continue };
        for t in &a.tables {
            out.write(&csv_file(&e.id, &t.id), table_csv(t).as_ref())?;
            n += 1;
        }
    }
    let mut over_years = 0;
    for route in routes {
        for lang in [Lang::Sv, Lang::En] {
            for (file, t) in history_files(f, route, lang) {
                out.write(&format!("{file}.csv"), table_csv(&t).as_ref())?;
                over_years += 1;
            }
        }
    }
    println!("  wrote {n} tables and {over_years} charts over the years as CSV files");
    match catalogue(f, f.options.contact.as_deref()) {
        Some(rdf) => {
            out.write("katalog.rdf", rdf.as_bytes())?;
            println!(
                "  wrote katalog.rdf (DCAT-AP-SE, {} datasets; licence: {}; contact e-mail: {})",
                f.reports.len(),
                f.options
                    .licence
                    .as_deref()
                    .unwrap_or("not stated in the sources"),
                f.options
                    .contact
                    .as_deref()
                    .unwrap_or("none given (--contact, mandatory in DCAT-AP-SE)"),
            );
        }
        None => println!("  no --site-url: left out katalog.rdf (RDF needs absolute addresses)"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::site::tests::bundled;
    use crate::dist::site::Options;

    /// The properties search engines require of a `Dataset` (name, a
    /// description of 50 to 5000 characters) and, since it has them, of its
    /// downloads (a content URL and a format), plus the ones issue #20 asks
    /// for: publisher, temporal coverage, licence.
    fn dataset_problems(v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
        if v["@context"] != "https://schema.org" || s("@type") != "Dataset" {
            out.push("not a schema.org Dataset".into());
        }
        if s("name").is_empty() {
            out.push("no name".into());
        }
        let n = s("description").chars().count();
        if !(50..=5000).contains(&n) {
            out.push(format!("description of {n} characters"));
        }
        if v["publisher"]["name"].as_str().unwrap_or("").is_empty() {
            out.push("no publisher name".into());
        }
        if s("temporalCoverage").is_empty() {
            out.push("no temporal coverage".into());
        }
        if v.get("license").is_none() {
            out.push("no licence (or statement that it is not stated)".into());
        }
        let dist = v["distribution"].as_array().cloned().unwrap_or_default();
        if dist.is_empty() {
            out.push("no distribution".into());
        }
        for d in dist {
            if d["@type"] != "DataDownload"
                || d["contentUrl"].as_str().unwrap_or("").is_empty()
                || d["encodingFormat"].as_str().unwrap_or("").is_empty()
            {
                out.push(format!("incomplete distribution {d}"));
            }
        }
        out
    }

    /// The JSON-LD block of a page's file.
    fn json_ld_of(html: &str) -> Value {
        let open = "<script type=\"application/ld+json\">";
        let start = html.find(open).expect("a JSON-LD block") + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    }

    #[test]
    fn each_report_page_carries_a_dataset_that_search_engines_accept() {
        let f = bundled(Options::for_tests());
        let index =
            "<html lang=sv><head><meta content=x name=description></head><body></body></html>";
        for e in &f.manifest.reports {
            for lang in [Lang::Sv, Lang::En] {
                let route = format!("/{}", e.id);
                let html = f.finish(&route, lang, Some("T"), index).unwrap();
                let v = json_ld_of(&html);
                assert_eq!(
                    dataset_problems(&v),
                    Vec::<String>::new(),
                    "{route} {lang:?}"
                );
                assert_eq!(v["publisher"]["name"], "Malmö stad");
            }
        }
        let v = json_ld_of(&f.finish("/asn-2025", Lang::Sv, None, index).unwrap());
        let urls: Vec<&str> = v["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["contentUrl"].as_str())
            .collect();
        assert!(urls.contains(&"https://insyn.example.org/asn-2025/ekonomi/orsaker.csv"));
        assert!(urls.contains(&"https://insyn.example.org/reports/asn-2025.json"));
        assert_eq!(v["temporalCoverage"], "2025");
        // Not stated in the sources: said so, not invented.
        assert_eq!(v["license"]["name"], "Licensen anges inte i källdokumenten");
        let given = bundled(Options {
            licence: Some("https://creativecommons.org/publicdomain/zero/1.0/".into()),
            ..Options::for_tests()
        });
        let v = json_ld_of(&given.finish("/asn-2025", Lang::Sv, None, index).unwrap());
        assert_eq!(
            v["license"],
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        // Only report pages describe a dataset.
        assert!(!f
            .finish("/asn-2025/ekonomi", Lang::Sv, None, index)
            .unwrap()
            .contains("ld+json"));
    }

    const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    const DCT: &str = "http://purl.org/dc/terms/";
    const DCAT: &str = "http://www.w3.org/ns/dcat#";
    const FOAF: &str = "http://xmlns.com/foaf/0.1/";
    const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";

    /// What DCAT-AP-SE marks mandatory and the catalogue lacks: for the
    /// catalogue title, description, publisher, licence and its datasets;
    /// for a dataset title, description, publisher and contact point (name
    /// and e-mail); for a distribution its access URL; for an agent its name.
    fn dcat_problems(xml: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let about = |n: &roxmltree::Node| n.attribute((RDF, "about")).unwrap_or("?").to_string();
        let has = |n: &roxmltree::Node, ns: &str, name: &str| {
            n.children().any(|c| {
                c.has_tag_name((ns, name))
                    && (c
                        .attribute((RDF, "resource"))
                        .is_some_and(|r| !r.is_empty())
                        || c.text().is_some_and(|t| !t.trim().is_empty())
                        || c.children().any(|x| x.is_element()))
            })
        };
        let nodes = |ns: &str, name: &str| -> Vec<roxmltree::Node> {
            doc.descendants()
                .filter(|n| n.has_tag_name((ns, name)))
                .collect()
        };
        let mut out = Vec::new();
        let mut need = |n: &roxmltree::Node, props: &[(&str, &str)]| {
            for (ns, p) in props {
                if !has(n, ns, p) {
                    out.push(format!("{} {}: no {p}", n.tag_name().name(), about(n)));
                }
            }
        };
        let catalogs = nodes(DCAT, "Catalog");
        assert_eq!(catalogs.len(), 1);
        let c = &catalogs[0];
        need(
            c,
            &[
                (DCT, "title"),
                (DCT, "description"),
                (DCT, "publisher"),
                (DCT, "license"),
                (DCAT, "dataset"),
            ],
        );
        let datasets = nodes(DCAT, "Dataset");
        for d in &datasets {
            need(
                d,
                &[
                    (DCT, "title"),
                    (DCT, "description"),
                    (DCT, "publisher"),
                    (DCAT, "contactPoint"),
                ],
            );
        }
        for k in nodes(VCARD, "Organization") {
            need(&k, &[(VCARD, "fn"), (VCARD, "hasEmail")]);
        }
        for d in nodes(DCAT, "Distribution") {
            need(&d, &[(DCAT, "accessURL")]);
        }
        for a in nodes(FOAF, "Agent") {
            need(&a, &[(FOAF, "name")]);
        }
        out.extend(dangling(&doc, c, &datasets));
        out
    }

    /// The resources (`rdf:resource`) that `n`'s `ns:name` children name.
    fn refs(n: &roxmltree::Node, ns: &str, name: &str) -> Vec<String> {
        n.children()
            .filter(|c| c.has_tag_name((ns, name)))
            .filter_map(|c| c.attribute((RDF, "resource")).map(String::from))
            .collect()
    }

    /// The references to a resource the document does not describe.
    fn dangling(
        doc: &roxmltree::Document,
        c: &roxmltree::Node,
        datasets: &[roxmltree::Node],
    ) -> Vec<String> {
        let mut out = Vec::new();
        let described: Vec<String> = doc
            .descendants()
            .filter_map(|n| n.attribute((RDF, "about")).map(String::from))
            .collect();
        let mut wanted = refs(c, DCAT, "dataset");
        wanted.extend(refs(c, DCT, "publisher"));
        for d in datasets {
            wanted.extend(refs(d, DCAT, "distribution"));
            wanted.extend(refs(d, DCT, "publisher"));
        }
        for w in wanted {
            if !described.contains(&w) {
                out.push(format!("{w} is referred to but not described"));
            }
        }
        out
    }

    #[test]
    fn the_catalogue_has_every_mandatory_property_of_dcat_ap_se() {
        let f = bundled(Options::for_tests());
        let xml = catalogue(&f, Some("insyn@example.org")).unwrap();
        assert_eq!(dcat_problems(&xml), Vec::<String>::new());
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let count = |name| {
            doc.descendants()
                .filter(|n| n.has_tag_name((DCAT, name)))
                .count()
        };
        assert_eq!(count("Dataset"), f.manifest.reports.len());
        let tables: usize = f
            .reports
            .iter()
            .filter_map(Report::as_annual)
            .map(|a| a.tables.len())
            .sum();
        assert_eq!(
            count("Distribution"),
            tables + f.reports.len(),
            "a CSV a table, a JSON a report"
        );
        assert!(xml.contains("https://insyn.example.org/asn-2025/ekonomi/orsaker.csv"));
        assert!(xml.contains("Licensen anges inte i källdokumenten"));
    }

    #[test]
    fn without_a_contact_address_the_check_names_the_missing_e_mail() {
        let f = bundled(Options::for_tests());
        let problems = dcat_problems(&catalogue(&f, None).unwrap());
        assert_eq!(problems.len(), f.manifest.reports.len());
        assert!(
            problems.iter().all(|p| p.ends_with("no hasEmail")),
            "{problems:?}"
        );
        assert!(
            catalogue(&bundled(Options::default()), None).is_none(),
            "no origin, no RDF"
        );
    }

    #[test]
    fn a_table_file_holds_the_bytes_of_the_viewer_download() {
        let f = bundled(Options::default());
        let dir = std::env::temp_dir().join(format!("insyn-csv-{}", std::process::id()));
        let routes = ["/namnd/asn".to_string(), "/asn-2025".into()];
        write_files(&f, &Out::open(&dir, None, true), &routes).unwrap();
        let a = f.reports[0].as_annual().unwrap();
        let t = &a.tables[0];
        let bytes = std::fs::read(dir.join(csv_file(&a.id, &t.id))).unwrap();
        assert_eq!(bytes, table_csv(t).into_bytes());
        // A board's charts over the years, beside its page, in each
        // language: a row per year, with our words for the statuses.
        let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
        let sv = read("namnd/asn/malstatus-over-tid.csv");
        let en = read("en/namnd/asn/malstatus-over-tid.csv");
        assert!(
            sv.contains("Uppnått") && en.contains("Achieved"),
            "{sv}\n{en}"
        );
        assert!(sv.contains("\r\n2024;") && sv.contains("\r\n2025;"), "{sv}");
        assert!(dir.join("namnd/asn/resultat-over-tid.csv").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
