//! Data as files: each table as CSV at `/{report}/ekonomi/{table}.csv` (the
//! bytes of the viewer's download, `model::export::table_csv`), schema.org
//! `Dataset` data on each report page, and a DCAT-AP-SE catalogue
//! (`katalog.rdf`, RDF/XML) describing every report as a dataset with its
//! CSV and JSON distributions, for Sveriges dataportal to harvest.
//!
//! The source documents state no licence for their figures, so unless the
//! build is given one (`--licence URL`) the metadata says that it is not
//! stated rather than inventing one.

use std::path::Path;

use insyn::model::export::table_csv;
use insyn::model::format::Lang;
use insyn::model::{ManifestEntry, Report};
use insyn::ui::components::{report_heading, text};
use insyn::ui::route::{recognize, Route};
use serde_json::{json, Value};

use crate::findable::Findable;
use crate::seo::escape;
use crate::tools::Result;

/// The CSV file of a table, below the base.
pub fn csv_file(report: &str, table: &str) -> String {
    format!("{report}/ekonomi/{table}.csv")
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

/// Writes each table's CSV and, with an origin, the catalogue.
pub fn write_files(f: &Findable, dist: &Path) -> Result {
    let mut n = 0;
    for (e, r) in f.manifest.reports.iter().zip(&f.reports) {
        let Some(a) = r.as_annual() else { continue };
        for t in &a.tables {
            let path = dist.join(csv_file(&e.id, &t.id));
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
            }
            std::fs::write(&path, table_csv(t))
                .map_err(|err| format!("{}: {err}", path.display()))?;
            n += 1;
        }
    }
    println!("  wrote {n} tables as CSV files");
    match catalogue(f, f.options.contact.as_deref()) {
        Some(rdf) => {
            std::fs::write(dist.join("katalog.rdf"), rdf)
                .map_err(|e| format!("katalog.rdf: {e}"))?;
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
