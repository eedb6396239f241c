//! Share cards and chart images, drawn at build time: a 1200×630 PNG for
//! each report, goal and chart page in both languages (`…/delning.png`),
//! with the page's title, the board and the year, and the same picture as
//! the page (the status bar for a report, the goal's status for a goal, the
//! chart itself for a chart); and each chart as an SVG and a PNG file beside
//! its CSV (`/{report}/ekonomi/{chart}.svg` and `.png`), which the chart's
//! page links to, so they download without the viewer. The SVG comes from the
//! viewer's own chart code (`insyn::charts`); `resvg` rasterises it with the
//! font bundled in `assets/fonts/` (DejaVu Sans, licence beside it), so the
//! images are the same on every machine.

use std::sync::Arc;

use insyn::charts::{self, svg};
use insyn::model::format::Lang;
use insyn::model::{GoalStatus, Report};
use insyn::ui::i18n::{goal_status, status_sentence};
use insyn::ui::prerender::in_lang;
use insyn::ui::route::{recognize, Route};

use super::cache::Cache;
use super::out::{sha_of, Out};
use super::site::{escape, Findable};
use crate::tools::Result;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The share image's file name inside a page's folder.
pub const FILE: &str = "delning.png";
/// The chart PNG's width: twice the widest chart on the page, for sharp print.
const CHART_WIDTH: f64 = 720.0;
const CHART_SCALE: f32 = 2.0;

const FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
const INK: &str = "#1a1a1a";
const ACCENT: &str = "#2166ac";

/// SVG to PNG with the bundled font only (no system fonts).
pub struct Rasteriser {
    options: resvg::usvg::Options<'static>,
}

impl Default for Rasteriser {
    fn default() -> Self {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        let options = resvg::usvg::Options {
            font_family: "DejaVu Sans".into(),
            fontdb: Arc::new(db),
            ..Default::default()
        };
        Self { options }
    }
}

impl Rasteriser {
    /// The SVG drawn at `scale` on white, as PNG bytes.
    pub fn png(&self, svg: &str, scale: f32) -> Result<Vec<u8>> {
        let tree =
            resvg::usvg::Tree::from_str(svg, &self.options).map_err(|e| format!("SVG: {e}"))?;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(scale)
            .ok_or("SVG: empty size")?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or("SVG: cannot allocate the image")?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        encode_rgb(&pixmap)
    }
}

/// The opaque image as an RGB PNG with adaptive filters: a third of the
/// bytes of tiny-skia's fast RGBA encoding. zlib's default level: on the
/// 50-report archive its files were 0.3 % smaller than at the best level,
/// for a fifth less CPU time in the whole build.
fn encode_rgb(pixmap: &resvg::tiny_skia::Pixmap) -> Result<Vec<u8>> {
    // Drawn on white, every pixel is opaque, so its premultiplied bytes are
    // its colour. A plain loop over slices: in the xtask's unoptimised
    // build an iterator chain per pixel took half the time (the xtask is now
    // built at opt-level 1 as well, see Cargo.toml).
    let data = pixmap.data();
    let mut rgb = Vec::with_capacity(data.len() / 4 * 3);
    for px in data.chunks_exact(4) {
        rgb.extend_from_slice(&px[..3]);
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Default);
    enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let mut w = enc.write_header().map_err(|e| format!("PNG: {e}"))?;
    w.write_image_data(&rgb).map_err(|e| format!("PNG: {e}"))?;
    w.finish().map_err(|e| format!("PNG: {e}"))?;
    Ok(out)
}

/// The share image of a page (below the base) with its alternative text, if it has one.
pub fn image_of(f: &Findable, route: &str, lang: Lang) -> Option<(String, String)> {
    let card = card(f, route, lang)?;
    let dir = in_lang(route, lang);
    let dir = dir.trim_matches('/');
    let file = if dir.is_empty() {
        FILE.to_string()
    } else {
        format!("{dir}/{FILE}")
    };
    Some((file, card.alt()))
}

/// What a share card shows.
pub struct Card {
    /// "Arbetsmarknads- och socialnämnden · 2025".
    pub byline: String,
    pub title: String,
    /// The picture: an SVG document with its size.
    pub picture: Option<(String, f64, f64)>,
    /// A sentence under the picture.
    pub caption: String,
}

impl Card {
    /// The image's alternative text: what it says.
    pub fn alt(&self) -> String {
        [
            self.title.as_str(),
            self.byline.as_str(),
            self.caption.as_str(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(". ")
    }
}

/// The card of a board's page (its newest year's goal statuses) or of a
/// council goal's (every board's assessment in the newest year); `None`
/// for other pages.
fn history_card(f: &Findable, route: &Route, lang: Lang) -> Option<Card> {
    use insyn::model::derived::StatusCounts;
    let t = insyn::ui::i18n::t(lang);
    let (byline, title, counts, year) = match route {
        Route::Board { board } => {
            let h = f.histories.boards.get(board)?;
            let newest = h.years.first()?;
            let c: StatusCounts = newest.goals.iter().map(|(_, s)| *s).collect();
            (
                format!("{} ({})", h.board.name, h.board.short),
                insyn::ui::i18n::history(lang)
                    .board_status_heading
                    .to_string(),
                c,
                newest.year,
            )
        }
        Route::CouncilGoal { goal } => {
            let h = f.histories.goals.get(goal)?;
            let year = *h.across().years.last()?;
            let c: StatusCounts = h
                .reports
                .iter()
                .filter(|r| r.year == year)
                .map(|r| r.status)
                .collect();
            let title = match lang {
                Lang::Sv => h.title.clone(),
                Lang::En => h.title_en.clone(),
            };
            (t.goal_across_link.to_string(), title, c, year)
        }
        _ => return None,
    };
    Some(Card {
        byline,
        title,
        picture: Some((svg::status_svg(&counts, lang), 600.0, 56.0)),
        caption: format!("{year}: {}", status_sentence(&counts, lang)),
    })
}

/// The card of a report, goal or chart page; `None` for other pages.
pub fn card(f: &Findable, route: &str, lang: Lang) -> Option<Card> {
    let route = recognize(route);
    if let Some(card) = history_card(f, &route, lang) {
        return Some(card);
    }
    if !matches!(
        route,
        Route::Report { .. } | Route::Goal { .. } | Route::Chart { .. }
    ) {
        return None;
    }
    let (_, r) = f.report(route.report_id()?)?;
    let (board, year) = match r {
        Report::Annual(a) => (&a.board.name, a.year),
        Report::Statement(s) => (&s.board.name, s.year),
    };
    let byline = format!("{board} · {year}");
    let a = match (r, &route) {
        (Report::Statement(s), Route::Report { .. }) => {
            return Some(Card {
                byline,
                title: insyn::ui::components::text(&s.name, lang),
                picture: None,
                caption: String::new(),
            })
        }
        (Report::Annual(a), _) => a,
        _ => return None,
    };
    Some(match &route {
        Route::Goal { goal, .. } => {
            let (_, g) = a.goal(goal)?;
            let title = match lang {
                Lang::Sv => g.title.clone(),
                Lang::En => g.title_en.clone(),
            };
            Card {
                byline,
                title,
                picture: Some(badge(g.assessment.status, lang)),
                caption: a.title.clone(),
            }
        }
        Route::Chart { chart, .. } => {
            let table = a.table(chart)?;
            let c = charts::build(table, lang, 1100.0);
            Card {
                byline,
                title: table.title.clone(),
                picture: Some((svg::render(&c), c.width.ceil(), c.height.ceil())),
                caption: String::new(),
            }
        }
        _ => {
            let counts = a.status_counts();
            Card {
                byline,
                title: a.title.clone(),
                picture: Some((svg::status_svg(&counts, lang), 600.0, 56.0)),
                caption: status_sentence(&counts, lang),
            }
        }
    })
}

/// A goal's status as a badge: icon and words, never colour alone.
fn badge(status: GoalStatus, lang: Lang) -> (String, f64, f64) {
    let (_, icon) = insyn::ui::components::status_look(status);
    let colour = svg::status_color(status);
    let fill = format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2);
    let ink = match status {
        GoalStatus::DelvisUppnatt => INK,
        _ => "#ffffff",
    };
    let words = format!("{icon} {}", goal_status(status, lang));
    let w = 60.0 + 26.0 * words.chars().count() as f64;
    (
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"90\" viewBox=\"0 0 {w} 90\"><rect x=\"0\" y=\"0\" width=\"{w}\" height=\"90\" rx=\"45\" fill=\"{fill}\"/><text x=\"{}\" y=\"60\" font-size=\"44\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{ink}\">{}</text></svg>",
            w / 2.0,
            escape(&words)
        ),
        w,
        90.0,
    )
}

/// Lines of at most `width` characters, at most `max` of them (the last
/// one ending in "…" when the text is longer).
pub fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(l) = lines.last_mut() {
            let keep: String = l.chars().take(width.saturating_sub(1)).collect();
            *l = format!("{}…", keep.trim_end());
        }
    }
    lines
}

/// The card as one 1200×630 SVG document.
pub fn card_svg(c: &Card) -> String {
    let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/><rect width=\"{w}\" height=\"14\" fill=\"{ACCENT}\"/>"
    );
    out += &format!(
        "<text x=\"60\" y=\"76\" font-size=\"30\" fill=\"{ACCENT}\" font-weight=\"bold\">Insyn</text><text x=\"170\" y=\"76\" font-size=\"30\" fill=\"{INK}\">{}</text>",
        escape(&c.byline)
    );
    let lines = wrap(&c.title, 38, 3);
    let mut y = 150.0;
    for l in &lines {
        out += &format!(
            "<text x=\"60\" y=\"{y}\" font-size=\"50\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            escape(l)
        );
        y += 62.0;
    }
    let bottom = if c.caption.is_empty() {
        h - 40.0
    } else {
        h - 100.0
    };
    // The caption stands right under the picture.
    let mut caption_y = y + 20.0;
    if let Some((svg, pw, ph)) = &c.picture {
        let (top, room_w, room_h) = (y - 20.0, w - 120.0, bottom - (y - 20.0));
        let scale = (room_w / pw).min(room_h / ph).min(2.0);
        if scale > 0.0 {
            out += &nest(svg, 60.0, top, pw * scale, ph * scale, *pw, *ph);
            caption_y = top + ph * scale + 70.0;
        }
    }
    if !c.caption.is_empty() {
        out += &format!(
            "<text x=\"60\" y=\"{caption_y:.1}\" font-size=\"40\" fill=\"{INK}\">{}</text>",
            escape(&wrap(&c.caption, 52, 1).concat())
        );
    }
    out + "</svg>"
}

/// An SVG document placed inside another at (x, y), scaled to w×h.
fn nest(svg: &str, x: f64, y: f64, w: f64, h: f64, vw: f64, vh: f64) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let Some(end) = svg[start..].find('>').map(|e| start + e + 1) else {
        return String::new();
    };
    format!(
        "<svg x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" viewBox=\"0 0 {vw} {vh}\" preserveAspectRatio=\"xMinYMin meet\">{}",
        &svg[end..]
    )
}

/// Writes every page's share image and each chart's SVG and PNG, in both languages.
pub fn write_images(f: &Findable, out: &Out, routes: &[String], cache: &Cache) -> Result {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let started = std::time::Instant::now();
    let (cards, charts_n) = (AtomicUsize::new(0), AtomicUsize::new(0));
    // On every core: an archive has thousands of pages to draw.
    super::parallel::each(routes, |share| {
        let raster = Rasteriser::default();
        for route in share {
            for lang in [Lang::Sv, Lang::En] {
                if let (Some(c), Some((file, _))) = (card(f, route, lang), image_of(f, route, lang))
                {
                    write(out, &file, (cache, &raster), &card_svg(&c), 1.0)?;
                    cards.fetch_add(1, Relaxed);
                }
                for (file, svg) in chart_png_sources(f, route, lang) {
                    out.write(&chart_svg_file(&file), svg.as_bytes())?;
                    write(out, &file, (cache, &raster), &svg, CHART_SCALE)?;
                    charts_n.fetch_add(1, Relaxed);
                }
            }
        }
        Ok(())
    })?;
    println!(
        "  drew {} share images ({WIDTH}×{HEIGHT}) and {} charts as SVG and PNG in {:.0} s ({}; {})",
        cards.into_inner(),
        charts_n.into_inner(),
        started.elapsed().as_secs_f64(),
        cache.take_counts(),
        out.take_counts()
    );
    Ok(())
}

/// The digest of the fonts the images are drawn with.
fn fonts() -> &'static [u8; 32] {
    static FONTS: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        use sha2::Digest;
        sha2::Sha256::new()
            .chain_update(FONT)
            .chain_update(FONT_BOLD)
            .finalize()
            .into()
    })
}

/// The PNG of `svg` at `scale`: from the cache when a build drew the same
/// SVG with the same fonts before.
fn drawn(cache: &Cache, raster: &Rasteriser, svg: &str, scale: f32) -> Result<Vec<u8>> {
    cache.bytes(
        "png",
        &[svg.as_bytes(), &scale.to_le_bytes(), fonts()],
        || raster.png(svg, scale),
    )
}

/// The PNG files (below the base) of the charts of the page at `route`,
/// each with its SVG: a chart page's chart, the charts of a board's or a
/// council goal's page at every year (`opendata::history_files`).
fn chart_png_sources(f: &Findable, route: &str, lang: Lang) -> Vec<(String, String)> {
    let draw = |t: &insyn::model::Table| svg::render(&charts::build(t, lang, CHART_WIDTH));
    if let Route::Chart { report, chart } = recognize(route) {
        let table = f
            .report(&report)
            .and_then(|(_, r)| r.as_annual()?.table(&chart));
        return table
            .map(|t| (chart_png(&report, &chart, lang), draw(t)))
            .into_iter()
            .collect();
    }
    super::opendata::history_files(f, route, lang)
        .into_iter()
        .map(|(file, t)| (format!("{file}.png"), draw(&t)))
        .collect()
}

/// A chart's PNG address below the base (`{report}/ekonomi/{chart}.png`, below `en/` in English).
pub fn chart_png(report: &str, chart: &str, lang: Lang) -> String {
    let route = format!("/{report}/ekonomi/{chart}");
    format!("{}.png", in_lang(&route, lang).trim_start_matches('/'))
}

/// The chart's SVG file beside its PNG (`….png` → `….svg`): the drawing the
/// PNG is made from, as the page's "SVG" link downloads it.
fn chart_svg_file(png: &str) -> String {
    format!("{}.svg", png.trim_end_matches(".png"))
}

/// Writes the PNG of `svg` at `scale` as `file`, kept as it is while the
/// SVG and the fonts are the last build's (`out.rs`).
fn write(
    out: &Out,
    file: &str,
    (cache, raster): (&Cache, &Rasteriser),
    svg: &str,
    scale: f32,
) -> Result {
    let key = sha_of(&[svg.as_bytes(), &scale.to_le_bytes(), fonts()]);
    out.keyed(
        file,
        key,
        |_| true,
        || Ok((drawn(cache, raster, svg, scale)?, Vec::new())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::site::tests::bundled;

    /// (width, height, share of pixels that are not white, distinct colours).
    fn stats(png: &[u8]) -> (u32, u32, f64, usize) {
        let p = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
        let px = p.pixels();
        let inked = px
            .iter()
            .filter(|c| (c.red(), c.green(), c.blue()) != (255, 255, 255))
            .count();
        let colours: std::collections::HashSet<_> =
            px.iter().map(|c| (c.red(), c.green(), c.blue())).collect();
        (
            p.width(),
            p.height(),
            inked as f64 / px.len() as f64,
            colours.len(),
        )
    }

    #[test]
    fn a_share_image_is_1200_by_630_and_not_blank() {
        let f = bundled(Default::default());
        let raster = Rasteriser::default();
        for route in [
            "/asn-2025",
            "/asn-2025/mal/sjalvforsorjning",
            "/asn-2025/ekonomi/budgetavvikelse",
        ] {
            for lang in [Lang::Sv, Lang::En] {
                let c = card(&f, route, lang).unwrap();
                let png = raster.png(&card_svg(&c), 1.0).unwrap();
                let (w, h, inked, colours) = stats(&png);
                assert_eq!((w, h), (WIDTH, HEIGHT), "{route}");
                // Text, a bar and a picture: neither empty nor a flood of colour.
                assert!((0.03..0.6).contains(&inked), "{route}: {inked:.3} inked");
                assert!(
                    colours > 20,
                    "{route}: {colours} colours (antialiased text)"
                );
            }
        }
    }

    #[test]
    fn the_cards_say_what_the_page_shows_and_only_pages_with_a_picture_get_one() {
        let f = bundled(Default::default());
        let c = card(&f, "/asn-2025", Lang::En).unwrap();
        assert_eq!(c.byline, "Arbetsmarknads- och socialnämnden · 2025");
        assert_eq!(c.caption, "13 of 14 goals achieved, 1 partly");
        assert!(card(&f, "/", Lang::Sv).is_none());
        assert!(card(&f, "/asn-2025/ekonomi", Lang::Sv).is_none());
        assert!(card(&f, "/inbaddning/asn-2025", Lang::Sv).is_none());
        assert_eq!(
            image_of(&f, "/asn-2025/mal/sjalvforsorjning", Lang::En)
                .unwrap()
                .0,
            "en/asn-2025/mal/sjalvforsorjning/delning.png"
        );
    }

    /// `INSYN_WRITE_EXAMPLES=1 cargo test -p xtask share::` refreshes the
    /// three examples in `docs/` that a reviewer looks at.
    #[test]
    fn the_examples_in_docs_are_what_the_build_draws() {
        let f = bundled(Default::default());
        let raster = Rasteriser::default();
        for (route, lang, name) in [
            ("/asn-2025", Lang::Sv, "share-report-sv.png"),
            (
                "/asn-2025/mal/sjalvforsorjning",
                Lang::En,
                "share-goal-en.png",
            ),
            ("/asn-2025/ekonomi/orsaker", Lang::Sv, "share-chart-sv.png"),
        ] {
            let png = raster
                .png(&card_svg(&card(&f, route, lang).unwrap()), 1.0)
                .unwrap();
            let path = crate::root().join("docs/share-examples").join(name);
            if std::env::var_os("INSYN_WRITE_EXAMPLES").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &png).unwrap();
            }
            let kept = std::fs::read(&path).unwrap_or_default();
            assert!(
                kept == png,
                "{} is out of date: INSYN_WRITE_EXAMPLES=1 cargo test -p xtask share::",
                path.display()
            );
        }
    }

    #[test]
    fn text_wraps_at_words_and_a_long_title_ends_with_an_ellipsis() {
        assert_eq!(wrap("ett två tre fyra", 7, 3), ["ett två", "tre", "fyra"]);
        assert_eq!(wrap("ett två tre fyra fem", 7, 2), ["ett två", "tre…"]);
    }

    #[test]
    fn a_chart_png_is_the_chart_at_twice_its_width() {
        let f = bundled(Default::default());
        let [(file, svg)] = &chart_png_sources(&f, "/asn-2025/ekonomi/orsaker", Lang::Sv)[..]
        else {
            panic!("one chart")
        };
        let (file, svg) = (file.clone(), svg.clone());
        assert_eq!(file, "asn-2025/ekonomi/orsaker.png");
        assert_eq!(chart_svg_file(&file), "asn-2025/ekonomi/orsaker.svg");
        assert!(
            svg.starts_with("<svg") && svg.contains("AMA EBB"),
            "{}",
            &svg[..80]
        );
        let (w, _, inked, _) = stats(&Rasteriser::default().png(&svg, CHART_SCALE).unwrap());
        assert_eq!(w, 1440);
        assert!(inked > 0.02, "{inked}");
        // A board's page has its charts over the years drawn, in English
        // below `en/`; a report's page none.
        let files: Vec<String> = chart_png_sources(&f, "/namnd/asn", Lang::En)
            .into_iter()
            .map(|(file, svg)| {
                assert!(svg.starts_with("<svg") && svg.contains("2025"), "{file}");
                file
            })
            .collect();
        assert_eq!(
            files,
            [
                "en/namnd/asn/malstatus-over-tid.png",
                "en/namnd/asn/resultat-over-tid.png"
            ]
        );
        assert!(chart_png_sources(&f, "/asn-2025", Lang::Sv).is_empty());
    }
}
