//! Every piece of UI text, in one typed catalogue. A string missing in one
//! language is a compile error: both languages fill the same struct.

use crate::model::format::Lang;
use crate::model::{
    derived::StatusCounts, AssignmentStatus, GoalStatus, OutlookStatus, ResponseStatus, Unit,
};

/// Defines the catalogue struct, and (for the tests) `fields`, which lists
/// every field with its name, so a check over all strings cannot miss one.
macro_rules! catalogue {
    ($(#[$m:meta])* pub struct $name:ident { $(pub $field:ident: &'static str,)* }) => {
        $(#[$m])*
        pub struct $name { $(pub $field: &'static str,)* }

        #[cfg(test)]
        impl $name {
            /// Every string of the catalogue, with its field's name.
            fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

catalogue! {
/// The UI's strings in one language.
pub struct Strings {
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub site_description: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_reports: &'static str,
    pub nav_compare_goals: &'static str,
    pub nav_compare_finance: &'static str,
    pub switch_language: &'static str,
    pub other_language_name: &'static str,
    pub footer_note: &'static str,
    pub loading: &'static str,
    pub loading_report: &'static str,
    pub load_failed: &'static str,
    pub load_failed_hint: &'static str,
    pub file_label: &'static str,
    pub path_label: &'static str,
    pub line_label: &'static str,
    pub reports_heading: &'static str,
    pub annual_analyses: &'static str,
    pub statements: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_no_hits: &'static str,
    pub search_names: &'static str,
    pub search_in_text: &'static str,
    pub search_searching: &'static str,
    pub search_failed: &'static str,
    pub search_pages_found: &'static str,
    pub goals_heading: &'static str,
    pub goal_area: &'static str,
    pub year_assessment: &'static str,
    pub outlook: &'static str,
    pub as_printed: &'static str,
    pub follow_up: &'static str,
    pub grounds: &'static str,
    pub key_figures: &'static str,
    pub compared_with: &'static str,
    pub source: &'static str,
    pub section: &'static str,
    pub page: &'static str,
    pub line: &'static str,
    pub read_more: &'static str,
    pub finances: &'static str,
    pub finances_intro: &'static str,
    pub no_tables: &'static str,
    pub discrepancies: &'static str,
    pub discrepancies_intro: &'static str,
    pub printed: &'static str,
    pub other_figures_give: &'static str,
    pub restatements: &'static str,
    pub restatements_intro: &'static str,
    pub missing_charts: &'static str,
    pub missing_charts_intro: &'static str,
    pub assignments: &'static str,
    pub other_edition: &'static str,
    pub other_boards: &'static str,
    pub other_boards_years: &'static str,
    pub no_other: &'static str,
    pub linked_items: &'static str,
    pub recommendation: &'static str,
    pub question: &'static str,
    pub measures: &'static str,
    pub positions: &'static str,
    pub related_goals: &'static str,
    pub decision_proposal: &'static str,
    pub timeline: &'static str,
    pub diary_numbers: &'static str,
    pub answers_audit: &'static str,
    pub answers_consultation: &'static str,
    pub compare_goals_heading: &'static str,
    pub compare_goals_intro: &'static str,
    pub compare_finance_heading: &'static str,
    pub compare_finance_intro: &'static str,
    pub compare_heading: &'static str,
    pub council_goal: &'static str,
    pub compare_over_years: &'static str,
    pub board_link: &'static str,
    pub goal_across_link: &'static str,
    pub not_assessed: &'static str,
    pub changed_heading: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub report_not_found: &'static str,
    pub goal_not_found: &'static str,
    pub chart_not_found: &'static str,
    pub not_an_annual: &'static str,
    pub open_full_view: &'static str,
    pub row_label: &'static str,
    pub total: &'static str,
    pub empty_cell: &'static str,
    pub status_summary_label: &'static str,
    pub filter_status: &'static str,
    pub filter_area: &'static str,
    pub filter_all: &'static str,
    pub no_goals_match: &'static str,
    pub show_table: &'static str,
    pub hide_table: &'static str,
    pub download_csv: &'static str,
    pub download_svg: &'static str,
    pub files_label: &'static str,
    pub report_json: &'static str,
    pub chart_keys_hint: &'static str,
    pub tooltip_hint: &'static str,
    pub bars: &'static str,
    pub improved: &'static str,
    pub worsened: &'static str,
    pub series_over_time: &'static str,
    pub restated_years: &'static str,
    pub rows_only_in: &'static str,
    pub compare_choice_label: &'static str,
    pub compare_board: &'static str,
    pub compare_from: &'static str,
    pub compare_to: &'static str,
    pub compare_needs_two: &'static str,
    pub bundled_now: &'static str,
    pub no_annuals: &'static str,
    pub no_changes_yet: &'static str,
    pub matrix_choice_label: &'static str,
    pub matrix_boards: &'static str,
    pub matrix_years: &'static str,
    pub matrix_latest: &'static str,
    pub matrix_chosen: &'static str,
    pub matrix_nothing: &'static str,
    pub matrix_reset: &'static str,
    pub older_reports: &'static str,
    pub embed: &'static str,
    pub embed_heading: &'static str,
    pub embed_code_label: &'static str,
    pub copy_code: &'static str,
    pub copied: &'static str,
    pub preview: &'static str,
    pub close: &'static str,
    pub open_own: &'static str,
    pub open_own_intro: &'static str,
    pub choose_file: &'static str,
    pub or_drop: &'static str,
    pub open_own_text: &'static str,
    pub draft_heading: &'static str,
    pub draft_cannot: &'static str,
    pub review_heading: &'static str,
    pub review_none: &'static str,
    pub review_line: &'static str,
    pub review_page: &'static str,
    pub review_document: &'static str,
    pub download_draft: &'static str,
    pub show_draft: &'static str,
    pub own_open: &'static str,
    pub close_own: &'static str,
    pub not_published: &'static str,
    pub column_label: &'static str,
    pub invalid_file: &'static str,
    pub result_heading: &'static str,
    pub result_label: &'static str,
    pub surplus: &'static str,
    pub deficit: &'static str,
    pub accessibility_statement: &'static str,
    pub glossary_title: &'static str,
    pub glossary_intro: &'static str,
    pub glossary_more: &'static str,
    pub glossary_occurs: &'static str,
    pub glossary_and: &'static str,
    pub glossary_more_pages: &'static str,
    pub glossary_more_page: &'static str,
    pub glossary_sources: &'static str,
    pub glossary_board: &'static str,
    pub glossary_failed: &'static str,
    pub glossary_report_page: &'static str,
    pub empty_manifest: &'static str,
}
}

pub const SV: Strings = Strings {
    site_name: "Insyn",
    tagline: "Så gick det för Malmö stads nämnder: mål och budget",
    site_description: "Så gick det för Malmö stads nämnder mot kommunfullmäktiges mål och budget, med siffrorna från nämndernas egna rapporter.",
    skip_to_content: "Hoppa till innehållet",
    nav_label: "Huvudmeny",
    nav_reports: "Rapporter",
    nav_compare_goals: "Jämför mål",
    nav_compare_finance: "Jämför ekonomi",
    switch_language: "In English",
    other_language_name: "English",
    footer_note: "Siffrorna kommer från Malmö stads egna dokument. Varje siffra visar var den står.",
    loading: "Laddar …",
    loading_report: "Laddar rapporten …",
    load_failed: "Rapporten kunde inte läsas",
    load_failed_hint: "De andra rapporterna går att läsa som vanligt.",
    file_label: "Fil",
    path_label: "Plats i filen",
    line_label: "rad",
    reports_heading: "Rapporter",
    annual_analyses: "Årsanalyser",
    statements: "Yttranden",
    search_label: "Sök bland mål och rapporter",
    search_hint: "Skriv ett ord, till exempel ”bistånd”",
    search_no_hits: "Inga träffar.",
    search_names: "Rapporter och mål med orden i namnet",
    search_in_text: "Sidor med orden i texten",
    search_searching: "Söker i rapporternas text …",
    search_failed: "Sökningen i texten gick inte att göra",
    search_pages_found: "sidor med orden, de första visas",
    goals_heading: "Kommunfullmäktiges mål",
    goal_area: "Målområde",
    year_assessment: "Bedömning för året",
    outlook: "Utsikt för mandatperioden",
    as_printed: "Så står det i rapporten",
    follow_up: "Vad nämnden gjorde",
    grounds: "Varför bedömningen",
    key_figures: "Siffror i texten",
    compared_with: "jämfört med",
    source: "Källa",
    section: "avsnitt",
    page: "sidan",
    line: "rad i textfilen",
    read_more: "Läs mer om målet",
    finances: "Ekonomi",
    no_tables: "Rapporten har inga ekonomitabeller.",
    finances_intro: "Alla tabeller i rapportens ekonomidel, med siffrorna som de är tryckta",
    discrepancies: "Avvikelser i källan",
    discrepancies_intro: "Här säger dokumentet emot sig självt. Vi visar båda siffrorna och rättar ingen.",
    printed: "Tryckt",
    other_figures_give: "De andra siffrorna ger",
    restatements: "Siffror som ändrats sedan förra årets rapport",
    restatements_intro: "Den här rapporten anger en siffra annorlunda än den tidigare rapporten. Båda visas.",
    missing_charts: "Diagram utan data",
    missing_charts_intro: "Rapporten hänvisar till diagram vars siffror inte finns i texten. Vi kan därför inte visa dem.",
    assignments: "Budgetuppdrag",
    other_edition: "Samma mål i andra rapporter",
    other_boards: "Andra nämnders bedömning",
    other_boards_years: "Andra nämnder, andra år",
    no_other: "Inga andra rapporter har det här målet.",
    linked_items: "Yttranden som berör målet",
    recommendation: "Rekommendation",
    question: "Fråga",
    measures: "Åtgärder",
    positions: "Ställningstaganden",
    related_goals: "Berörda mål",
    decision_proposal: "Förslag till beslut",
    timeline: "Tidslinje",
    diary_numbers: "Diarienummer",
    answers_audit: "Svar på en granskning",
    answers_consultation: "Svar på en remiss",
    compare_goals_heading: "Jämför målen",
    compare_goals_intro: "Varje rad är ett av kommunfullmäktiges mål, varje kolumn en nämnds rapport.",
    compare_finance_heading: "Jämför ekonomin",
    compare_finance_intro: "Tabeller som finns i båda årsanalyserna, sida vid sida.",
    compare_heading: "Jämförelser",
    council_goal: "Mål",
    compare_over_years: "Samma nämnd, alla år däremellan, år för år",
    board_link: "Nämndens alla år",
    goal_across_link: "Målet i hela staden, år för år",
    not_assessed: "Ingår inte",
    changed_heading: "Det här ändrades",
    not_found_heading: "Sidan finns inte",
    not_found_text: "Adressen leder inte till någon sida. Kanske hittar du det du söker här:",
    report_not_found: "Det finns ingen rapport med det namnet.",
    goal_not_found: "Rapporten har inget mål med det namnet.",
    chart_not_found: "Rapporten har ingen tabell med det namnet.",
    not_an_annual: "Det här är ett yttrande, inte en årsanalys.",
    open_full_view: "Öppna hela rapporten i Insyn (ny flik)",
    row_label: "Rad",
    total: "Summa",
    empty_cell: "tomt i källan",
    status_summary_label: "Målen i korthet",
    filter_status: "Visa bedömning",
    filter_area: "Visa målområde",
    filter_all: "Alla",
    no_goals_match: "Inga mål passar filtret.",
    show_table: "Visa som tabell",
    hide_table: "Visa som diagram",
    download_csv: "Ladda ner CSV",
    download_svg: "Ladda ner SVG",
    files_label: "Som fil",
    report_json: "Rapportens data som JSON-fil",
    chart_keys_hint: "Piltangenterna flyttar mellan staplarna.",
    tooltip_hint: "Peka på, tryck på eller gå med tangentbordet till en stapel för att se dess värde.",
    bars: "staplar",
    improved: "bättre",
    worsened: "sämre",
    series_over_time: "Serien i de två årsanalyserna",
    restated_years: "År som årsanalyserna anger olika",
    rows_only_in: "Rader som bara finns i",
    compare_choice_label: "Välj nämnd och årsanalyser",
    compare_board: "Nämnd",
    compare_from: "Jämför årsanalysen",
    compare_to: "med årsanalysen",
    compare_needs_two: "Jämförelsen behöver minst två årsanalyser från samma nämnd.",
    bundled_now: "Här finns just nu",
    no_annuals: "inga årsanalyser",
    no_changes_yet: "Ingen nämnd har två årsanalyser här än, så det finns ingen förändring att visa.",
    matrix_choice_label: "Välj nämnder och år",
    matrix_boards: "Nämnder",
    matrix_years: "År",
    matrix_latest: "Tabellen visar varje nämnds senaste årsanalys. Välj nämnder eller år för att se andra.",
    matrix_chosen: "Tabellen visar",
    matrix_nothing: "Ingen årsanalys passar valet.",
    matrix_reset: "Visa varje nämnds senaste årsanalys",
    older_reports: "Äldre rapporter",
    embed: "Bädda in",
    embed_heading: "Bädda in på en annan sida",
    embed_code_label: "Kod att klistra in på sidan (iframe)",
    copy_code: "Kopiera koden",
    copied: "Koden är kopierad.",
    preview: "Förhandsvisning",
    close: "Stäng",
    open_own: "Öppna egen rapport",
    open_own_intro: "Granska en rapportfil innan den publiceras. Filen läses bara i din webbläsare: inget skickas någonstans.",
    choose_file: "Välj en rapportfil (JSON) eller ett dokuments text (TXT)",
    or_drop: "… eller dra och släpp filen här.",
    open_own_text: "Texten ur en nämnds PDF (pdftotext -layout) blir ett utkast till en rapportfil: varje siffra med raden den står på, och en lista över det du behöver granska.",
    draft_heading: "Utkast ur texten",
    draft_cannot: "Texten går inte att importera:",
    review_heading: "Att granska",
    review_none: "Importeraren hittade inget att granska.",
    review_line: "rad",
    review_page: "s.",
    review_document: "hela dokumentet",
    download_draft: "Ladda ner utkastet (JSON)",
    show_draft: "Visa utkastet som rapport",
    own_open: "Öppen egen rapport:",
    close_own: "Stäng den egna rapporten",
    not_published: "Egen rapport, inte publicerad. Den visas bara för dig, i den här fliken.",
    column_label: "kolumn",
    invalid_file: "Filen går inte att visa. Rätta felen nedan, eller kör cargo xtask validate på filen.",
    result_heading: "Ekonomin i korthet",
    result_label: "Årets resultat mot budget",
    surplus: "överskott",
    deficit: "underskott",
    accessibility_statement: "Tillgänglighetsredogörelse",
    glossary_title: "Begrepp och förkortningar",
    glossary_intro: "Orden som nämndernas rapporter använder, förklarade med våra egna ord. På sidorna kan du trycka på ett understruket ord för att se vad det betyder.",
    glossary_more: "Mer om begreppet",
    glossary_occurs: "Finns på",
    glossary_and: "och",
    glossary_more_pages: "sidor till (sök efter ordet på startsidan)",
    glossary_more_page: "sida till (sök efter ordet på startsidan)",
    glossary_sources: "Används i",
    glossary_board: "Förkortning i rapporterna från",
    glossary_failed: "Ordlistan kunde inte läsas.",
    glossary_report_page: "översikt",
    empty_manifest: "Manifestet reports/index.json listar inga rapporter.",
};

pub const EN: Strings = Strings {
    site_name: "Insyn",
    tagline: "How Malmö's boards did: goals and budgets",
    site_description: "How Malmö's boards did against the city council's goals and budget, with the figures from the boards' own reports.",
    skip_to_content: "Skip to content",
    nav_label: "Main menu",
    nav_reports: "Reports",
    nav_compare_goals: "Compare goals",
    nav_compare_finance: "Compare finances",
    switch_language: "På svenska",
    other_language_name: "Svenska",
    footer_note: "The figures come from Malmö stad's own documents. Every figure shows where it stands.",
    loading: "Loading …",
    loading_report: "Loading the report …",
    load_failed: "The report could not be read",
    load_failed_hint: "The other reports can be read as usual.",
    file_label: "File",
    path_label: "Place in the file",
    line_label: "line",
    reports_heading: "Reports",
    annual_analyses: "Annual analyses",
    statements: "Statements",
    search_label: "Search goals and reports",
    search_hint: "Type a word, for example “assistance”",
    search_no_hits: "No matches.",
    search_names: "Reports and goals with the words in their name",
    search_in_text: "Pages with the words in their text",
    search_searching: "Searching the reports' text …",
    search_failed: "The text search could not be done",
    search_pages_found: "pages with the words, the first are shown",
    goals_heading: "The city council's goals",
    goal_area: "Goal area",
    year_assessment: "Assessment for the year",
    outlook: "Outlook for the term",
    as_printed: "As printed in the report",
    follow_up: "What the board did",
    grounds: "Why this assessment",
    key_figures: "Figures in the text",
    compared_with: "compared with",
    source: "Source",
    section: "section",
    page: "page",
    line: "line in the text file",
    read_more: "More about the goal",
    finances: "Finances",
    no_tables: "The report has no finance tables.",
    finances_intro: "Every table of the report's finance section, with the figures as printed",
    discrepancies: "Discrepancies in the source",
    discrepancies_intro: "Here the document contradicts itself. We show both figures and correct neither.",
    printed: "Printed",
    other_figures_give: "The other figures give",
    restatements: "Figures changed since last year's report",
    restatements_intro: "This report gives a figure differently from the earlier report. Both are shown.",
    missing_charts: "Charts without data",
    missing_charts_intro: "The report refers to charts whose figures are not in the text, so we cannot show them.",
    assignments: "Budget assignments",
    other_edition: "The same goal in other reports",
    other_boards: "Other boards' assessment",
    other_boards_years: "Other boards, other years",
    no_other: "No other report has this goal.",
    linked_items: "Statements concerning this goal",
    recommendation: "Recommendation",
    question: "Question",
    measures: "Measures",
    positions: "Positions",
    related_goals: "Related goals",
    decision_proposal: "Proposed decision",
    timeline: "Timeline",
    diary_numbers: "Reference numbers",
    answers_audit: "Reply to an audit",
    answers_consultation: "Reply to a consultation",
    compare_goals_heading: "Compare the goals",
    compare_goals_intro: "Each row is one of the city council's goals, each column one board's report.",
    compare_finance_heading: "Compare the finances",
    compare_finance_intro: "Tables found in both annual analyses, side by side.",
    compare_heading: "Comparisons",
    council_goal: "Goal",
    compare_over_years: "The same board, every year in between, year by year",
    board_link: "The board's other years",
    goal_across_link: "The goal across the city, year by year",
    not_assessed: "Not included",
    changed_heading: "What changed",
    not_found_heading: "Page not found",
    not_found_text: "This address leads to no page. Perhaps you will find what you are looking for here:",
    report_not_found: "There is no report with that name.",
    goal_not_found: "The report has no goal with that name.",
    chart_not_found: "The report has no table with that name.",
    not_an_annual: "This is a statement, not an annual analysis.",
    open_full_view: "Open the full report in Insyn (new tab)",
    row_label: "Row",
    total: "Total",
    empty_cell: "empty in the source",
    status_summary_label: "The goals at a glance",
    filter_status: "Show assessment",
    filter_area: "Show goal area",
    filter_all: "All",
    no_goals_match: "No goals match the filter.",
    show_table: "Show as table",
    hide_table: "Show as chart",
    download_csv: "Download CSV",
    download_svg: "Download SVG",
    files_label: "As a file",
    report_json: "The report's data as a JSON file",
    chart_keys_hint: "The arrow keys move between the bars.",
    tooltip_hint: "Point at, tap or move with the keyboard to a bar to see its value.",
    bars: "bars",
    improved: "better",
    worsened: "worse",
    series_over_time: "The series in the two annual analyses",
    restated_years: "Years the annual analyses give differently",
    rows_only_in: "Rows only in",
    compare_choice_label: "Choose a board and annual analyses",
    compare_board: "Board",
    compare_from: "Compare the annual analysis",
    compare_to: "with the annual analysis",
    compare_needs_two: "The comparison needs two or more annual analyses of the same board.",
    bundled_now: "Here now",
    no_annuals: "no annual analyses",
    no_changes_yet: "No board has two annual analyses here yet, so there is no change to show.",
    matrix_choice_label: "Choose boards and years",
    matrix_boards: "Boards",
    matrix_years: "Years",
    matrix_latest: "The table shows each board's latest annual analysis. Choose boards or years to see others.",
    matrix_chosen: "The table shows",
    matrix_nothing: "No annual analysis matches the choice.",
    matrix_reset: "Show each board's latest annual analysis",
    older_reports: "Older reports",
    embed: "Embed",
    embed_heading: "Embed on another page",
    embed_code_label: "Code to paste into the page (iframe)",
    copy_code: "Copy the code",
    copied: "The code is copied.",
    preview: "Preview",
    close: "Close",
    open_own: "Open your own report",
    open_own_intro: "Check a report file before it is published. The file is read only in your browser: nothing is sent anywhere.",
    choose_file: "Choose a report file (JSON) or a document's text (TXT)",
    or_drop: "… or drag and drop the file here.",
    open_own_text: "The text of a board's PDF (pdftotext -layout) becomes a draft report file: every figure with the line it stands on, and a list of what you need to review.",
    draft_heading: "Draft from the text",
    draft_cannot: "The text cannot be imported:",
    review_heading: "To review",
    review_none: "The importer found nothing to review.",
    review_line: "line",
    review_page: "p.",
    review_document: "the whole document",
    download_draft: "Download the draft (JSON)",
    show_draft: "Show the draft as a report",
    own_open: "Your own report, open:",
    close_own: "Close your own report",
    not_published: "Your own report, not published. Only you see it, in this tab.",
    column_label: "column",
    invalid_file: "The file cannot be shown. Fix the errors below, or run cargo xtask validate on it.",
    result_heading: "The finances at a glance",
    result_label: "The year's result against the budget",
    surplus: "surplus",
    deficit: "deficit",
    accessibility_statement: "Accessibility statement",
    glossary_title: "Words and abbreviations",
    glossary_intro: "The words the boards' reports use, explained in our own words. On the pages you can press an underlined word to see what it means.",
    glossary_more: "More in the glossary",
    glossary_occurs: "Appears on",
    glossary_and: "and",
    glossary_more_pages: "more pages (search for the word on the start page)",
    glossary_more_page: "more page (search for the word on the start page)",
    glossary_sources: "Used in",
    glossary_board: "Abbreviation in the reports of",
    glossary_failed: "The glossary could not be read.",
    glossary_report_page: "overview",
    empty_manifest: "The manifest reports/index.json lists no reports.",
};

pub fn t(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

catalogue! {
/// The strings of a board's years and a council goal across the city, in
/// one language: apart from [`Strings`], so only the module with those
/// pages carries them (every module has the whole of `Strings`).
pub struct HistoryStrings {
    pub board_intro: &'static str,
    pub board_status_heading: &'static str,
    pub board_status_title: &'static str,
    pub board_status_description: &'static str,
    pub board_status_source: &'static str,
    pub board_grid_caption: &'static str,
    pub board_result_heading: &'static str,
    pub board_result_intro: &'static str,
    pub board_no_result: &'static str,
    pub board_reports_heading: &'static str,
    pub board_statements_heading: &'static str,
    pub board_range: &'static str,
    pub board_not_found: &'static str,
    pub boards_heading: &'static str,
    pub year_col: &'static str,
    pub board_col: &'static str,
    pub goal_across_intro: &'static str,
    pub goal_share_heading: &'static str,
    pub goal_share_column: &'static str,
    pub goal_share_description: &'static str,
    pub goal_grid_caption: &'static str,
}
}

pub const HISTORY_SV: HistoryStrings = HistoryStrings {
    board_intro: "Nämndens årsanalyser år för år: hur den bedömde kommunfullmäktiges mål och hur det gick ekonomiskt.",
    board_status_heading: "Målen år för år",
    board_status_title: "Antal mål per bedömning och år",
    board_status_description: "Hur många av kommunfullmäktiges mål nämnden bedömde som uppnådda, delvis uppnådda och ej uppnådda, år för år.",
    board_status_source: "Nämndernas årsanalyser, bedömningen av varje mål",
    board_grid_caption: "Varje måls bedömning per år",
    board_result_heading: "Ekonomin år för år",
    board_result_intro: "Raderna i tabellen med årets resultat, som varje årsanalys skrev dem.",
    board_no_result: "Ingen av årsanalyserna anger årets resultat.",
    board_reports_heading: "Rapporterna",
    board_statements_heading: "Yttranden",
    board_range: "Visar åren",
    board_not_found: "Det finns ingen nämnd med det namnet.",
    boards_heading: "Nämnderna år för år",
    year_col: "År",
    board_col: "Nämnd",
    goal_across_intro: "Hur nämnderna som rapporterar om målet har bedömt det, år för år.",
    goal_share_heading: "Andel nämnder som uppnått målet",
    goal_share_column: "Andel som uppnått målet",
    goal_share_description: "Andelen av de nämnder som bedömde målet ett år som bedömde det som uppnått.",
    goal_grid_caption: "Nämndernas bedömning per år",
};

pub const HISTORY_EN: HistoryStrings = HistoryStrings {
    board_intro: "The board's annual analyses year by year: how it assessed the city council's goals and how its finances went.",
    board_status_heading: "The goals year by year",
    board_status_title: "Number of goals by assessment and year",
    board_status_description: "How many of the city council's goals the board assessed as achieved, partly achieved and not achieved, year by year.",
    board_status_source: "The boards' annual analyses, each goal's assessment",
    board_grid_caption: "Each goal's assessment by year",
    board_result_heading: "Finances year by year",
    board_result_intro: "The rows of the table with the year's result, as each annual analysis printed them.",
    board_no_result: "None of the annual analyses gives the year's result.",
    board_reports_heading: "The reports",
    board_statements_heading: "Statements",
    board_range: "Showing the years",
    board_not_found: "There is no board with that name.",
    boards_heading: "The boards year by year",
    year_col: "Year",
    board_col: "Board",
    goal_across_intro: "How the boards that report on the goal have assessed it, year by year.",
    goal_share_heading: "Share of boards that achieved the goal",
    goal_share_column: "Share that achieved it",
    goal_share_description: "The share of the boards assessing the goal in a year that assessed it as achieved.",
    goal_grid_caption: "Each board's assessment by year",
};

pub fn history(lang: Lang) -> &'static HistoryStrings {
    match lang {
        Lang::Sv => &HISTORY_SV,
        Lang::En => &HISTORY_EN,
    }
}

catalogue! {
/// What "Öppna egen rapport" says of a file it read by migrating it: apart
/// from [`Strings`], so only the start page's module carries it.
pub struct MigrationStrings {
    pub migrated_heading: &'static str,
    pub migrated_intro: &'static str,
}
}

pub const MIGRATION_SV: MigrationStrings = MigrationStrings {
    migrated_heading: "Filen är skriven för en äldre version av formatet, schema_version",
    migrated_intro: "Insyn läste den genom att fylla i det som formatet nu kräver, efter de regler som den äldre versionen följde. Rapporten visas med dessa värden:",
};

pub const MIGRATION_EN: MigrationStrings = MigrationStrings {
    migrated_heading: "The file is written for an older version of the format, schema_version",
    migrated_intro: "Insyn read it by filling in what the format now requires, by the rules the older version followed. The report is shown with these values:",
};

pub fn migration(lang: Lang) -> &'static MigrationStrings {
    match lang {
        Lang::Sv => &MIGRATION_SV,
        Lang::En => &MIGRATION_EN,
    }
}

pub fn goal_status(s: GoalStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (GoalStatus::Uppnatt, Lang::Sv) => "Uppnått",
        (GoalStatus::DelvisUppnatt, Lang::Sv) => "Delvis uppnått",
        (GoalStatus::EjUppnatt, Lang::Sv) => "Ej uppnått",
        (GoalStatus::Uppnatt, Lang::En) => "Achieved",
        (GoalStatus::DelvisUppnatt, Lang::En) => "Partly achieved",
        (GoalStatus::EjUppnatt, Lang::En) => "Not achieved",
    }
}

pub fn outlook_status(s: OutlookStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (OutlookStatus::OnskadForflyttning, Lang::Sv) => "Väntas gå åt rätt håll",
        (OutlookStatus::DelvisForflyttning, Lang::Sv) => "Väntas delvis gå åt rätt håll",
        (OutlookStatus::EjForflyttning, Lang::Sv) => "Väntas inte gå åt rätt håll",
        (OutlookStatus::OnskadForflyttning, Lang::En) => "Expected to move the right way",
        (OutlookStatus::DelvisForflyttning, Lang::En) => "Expected to move partly the right way",
        (OutlookStatus::EjForflyttning, Lang::En) => "Not expected to move the right way",
    }
}

pub fn assignment_status(s: AssignmentStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (AssignmentStatus::Genomfort, Lang::Sv) => "Genomfört",
        (AssignmentStatus::Pagar, Lang::Sv) => "Pågår",
        (AssignmentStatus::EjPaborjat, Lang::Sv) => "Inte påbörjat",
        (AssignmentStatus::Genomfort, Lang::En) => "Done",
        (AssignmentStatus::Pagar, Lang::En) => "Ongoing",
        (AssignmentStatus::EjPaborjat, Lang::En) => "Not started",
    }
}

pub fn response_status(s: ResponseStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (ResponseStatus::Genomford, Lang::Sv) => "Genomförd",
        (ResponseStatus::Pagar, Lang::Sv) => "Pågår",
        (ResponseStatus::Planerad, Lang::Sv) => "Planerad",
        (ResponseStatus::Senarelagd, Lang::Sv) => "Senarelagd",
        (ResponseStatus::Stallningstagande, Lang::Sv) => "Ställningstagande",
        (ResponseStatus::Genomford, Lang::En) => "Done",
        (ResponseStatus::Pagar, Lang::En) => "Ongoing",
        (ResponseStatus::Planerad, Lang::En) => "Planned",
        (ResponseStatus::Senarelagd, Lang::En) => "Postponed",
        (ResponseStatus::Stallningstagande, Lang::En) => "Position",
    }
}

/// A unit in words, for the text that says what unit a page's figures are in.
pub fn unit_name(u: Unit, lang: Lang) -> &'static str {
    match (u, lang) {
        (Unit::Tkr, Lang::Sv) => "tusentals kronor, tkr",
        (Unit::Antal, Lang::Sv) => "antal",
        (Unit::Procent, Lang::Sv) => "procent",
        (Unit::Tkr, Lang::En) => "thousands of kronor, tkr",
        (Unit::Antal, Lang::En) => "counts",
        (Unit::Procent, Lang::En) => "percent",
    }
}

/// "13 av 14 mål uppnådda, 1 delvis".
pub fn status_sentence(c: &StatusCounts, lang: Lang) -> String {
    let mut s = match lang {
        Lang::Sv => format!("{} av {} mål uppnådda", c.uppnatt, c.total()),
        Lang::En => format!("{} of {} goals achieved", c.uppnatt, c.total()),
    };
    if c.delvis > 0 {
        s += &match lang {
            Lang::Sv => format!(", {} delvis", c.delvis),
            Lang::En => format!(", {} partly", c.delvis),
        };
    }
    if c.ej > 0 {
        s += &match lang {
            Lang::Sv => format!(", {} ej uppnådda", c.ej),
            Lang::En => format!(", {} not achieved", c.ej),
        };
    }
    s
}

/// The page title shown in the browser tab.
pub fn page_title(parts: &[&str], lang: Lang) -> String {
    let mut v: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    v.push(t(lang).site_name);
    v.join(" – ")
}

/// "Källa: {document}, avsnitt ”{section}”, sidan {page} (rad i textfilen {line})".
pub fn source_line(doc_title: &str, r: &crate::model::SourceRef, lang: Lang) -> String {
    let s = t(lang);
    let mut out = format!("{}: {doc_title}, {} ”{}”", s.source, s.section, r.section);
    if let Some(p) = r.page {
        out += &format!(", {} {p}", s.page);
    }
    if let Some(l) = r.line {
        out += &format!(" ({} {l})", s.line);
    }
    out
}

/// The accessibility statement (tillgänglighetsredogörelse), as Swedish
/// public-sector sites must publish under the law on accessibility to digital
/// public services (DOS-lagen).
pub struct A11yStatement {
    pub heading: &'static str,
    pub intro: &'static str,
    pub status_heading: &'static str,
    pub status: &'static str,
    pub gaps_heading: &'static str,
    pub gaps: &'static [&'static str],
    pub report_heading: &'static str,
    pub report: &'static str,
    pub enforcement_heading: &'static str,
    pub enforcement: &'static str,
    pub tested_heading: &'static str,
    pub tested: &'static str,
    pub updated: &'static str,
}

pub const A11Y_SV: A11yStatement = A11yStatement {
    heading: "Tillgänglighetsredogörelse",
    intro: "Insyn visar hur Malmö stads nämnder gick mot kommunfullmäktiges mål och budget. Vi vill att alla ska kunna använda tjänsten, också med skärmläsare, bara tangentbord, förstoring eller på en liten skärm. Här beskriver vi hur tjänsten uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du rapporterar problem.",
    status_heading: "Hur tillgänglig är tjänsten?",
    status: "Tjänsten är gjord för att uppfylla WCAG 2.1 på nivå AA. Varje diagram har ett namn, en mening som sammanfattar det, en tabell med samma siffror och nås med tangentbordet. Status visas aldrig bara med färg.",
    gaps_heading: "Kända brister",
    gaps: &[
        "Några diagram som nämndernas rapporter hänvisar till saknar siffror i texten. De går inte att visa; vi listar dem i stället.",
        "Källdokumenten (nämndernas PDF-filer) är inte våra och kan ha egna brister i tillgänglighet.",
    ],
    report_heading: "Rapportera ett problem",
    report: "Om du inte kan använda någon del av tjänsten, eller hittar en brist som inte står här, kontakta Malmö stads kontaktcenter på telefon 040-34 10 00. Berätta vilken sida det gäller och vad som inte fungerar, så svarar vi och försöker lösa det.",
    enforcement_heading: "Tillsyn",
    enforcement: "Myndigheten för digital förvaltning (Digg) har tillsyn över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.",
    tested_heading: "Hur vi har testat",
    tested: "Varje sida testas automatiskt med axe-core (WCAG 2.1 A och AA) i två bredder, på svenska och engelska och i mörkt läge, och med tester som bara använder tangentbordet.",
    updated: "Senast uppdaterad 24 nov. 2026.",
};

pub const A11Y_EN: A11yStatement = A11yStatement {
    heading: "Accessibility statement",
    intro: "Insyn shows how Malmö's boards did against the city council's goals and budget. We want everyone to be able to use it, also with a screen reader, a keyboard only, magnification or a small screen. Here we describe how the service meets the Swedish law on accessibility to digital public services, known gaps and how to report a problem.",
    status_heading: "How accessible is the service?",
    status: "The service is built to meet WCAG 2.1 level AA. Every chart has a name, a sentence that sums it up, a table with the same figures, and can be used with the keyboard. Status is never shown by colour alone.",
    gaps_heading: "Known gaps",
    gaps: &[
        "A few charts that the boards' reports refer to have no figures in the text. They cannot be shown; we list them instead.",
        "The source documents (the boards' PDF files) are not ours and may have accessibility gaps of their own.",
    ],
    report_heading: "Report a problem",
    report: "If you cannot use some part of the service, or find a gap not listed here, contact Malmö stad's contact centre on +46 40 34 10 00. Tell us which page it is and what does not work; we will answer and try to fix it.",
    enforcement_heading: "Enforcement",
    enforcement: "The Agency for Digital Government (Digg) supervises the law. If you are not satisfied with how we handle your report, you can report it to Digg.",
    tested_heading: "How we tested",
    tested: "Every page is tested automatically with axe-core (WCAG 2.1 A and AA) at two widths, in Swedish and English and in dark mode, and with tests that use the keyboard only.",
    updated: "Last updated 24 Nov 2026.",
};

pub fn a11y(lang: Lang) -> &'static A11yStatement {
    match lang {
        Lang::Sv => &A11Y_SV,
        Lang::En => &A11Y_EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_sentence_reads_like_the_issue() {
        let c = StatusCounts {
            uppnatt: 13,
            delvis: 1,
            ej: 0,
        };
        assert_eq!(
            status_sentence(&c, Lang::Sv),
            "13 av 14 mål uppnådda, 1 delvis"
        );
        assert_eq!(
            status_sentence(&c, Lang::En),
            "13 of 14 goals achieved, 1 partly"
        );
    }

    /// Every variant of an enum: the `match` stops compiling when one is added.
    macro_rules! every {
        ($t:ident: $($v:ident),+) => {{
            let all = [$($t::$v),+];
            for x in all {
                match x { $($t::$v)|+ => {} }
            }
            all
        }};
    }

    /// The accessibility statement's texts, by field.
    fn statement_texts(s: &A11yStatement) -> Vec<(&'static str, &'static str)> {
        // Without `..`: a new field does not compile until it is listed here.
        let A11yStatement {
            heading,
            intro,
            status_heading,
            status,
            gaps_heading,
            gaps,
            report_heading,
            report,
            enforcement_heading,
            enforcement,
            tested_heading,
            tested,
            updated,
        } = s;
        let mut v = vec![
            ("heading", *heading),
            ("intro", *intro),
            ("status_heading", *status_heading),
            ("status", *status),
            ("gaps_heading", *gaps_heading),
            ("report_heading", *report_heading),
            ("report", *report),
            ("enforcement_heading", *enforcement_heading),
            ("enforcement", *enforcement),
            ("tested_heading", *tested_heading),
            ("tested", *tested),
            ("updated", *updated),
        ];
        v.extend(gaps.iter().map(|g| ("gaps[]", *g)));
        v
    }

    /// Texts made by the functions, for every status and sample figures.
    fn made_texts(lang: Lang) -> Vec<(String, String)> {
        let mut v = Vec::new();
        for s in every!(GoalStatus: Uppnatt, DelvisUppnatt, EjUppnatt) {
            v.push((format!("goal_status({s:?})"), goal_status(s, lang).into()));
        }
        for s in every!(OutlookStatus: OnskadForflyttning, DelvisForflyttning, EjForflyttning) {
            v.push((
                format!("outlook_status({s:?})"),
                outlook_status(s, lang).into(),
            ));
        }
        for s in every!(AssignmentStatus: Genomfort, Pagar, EjPaborjat) {
            v.push((
                format!("assignment_status({s:?})"),
                assignment_status(s, lang).into(),
            ));
        }
        for s in every!(ResponseStatus: Genomford, Pagar, Planerad, Senarelagd, Stallningstagande) {
            v.push((
                format!("response_status({s:?})"),
                response_status(s, lang).into(),
            ));
        }
        let counts = StatusCounts {
            uppnatt: 1,
            delvis: 1,
            ej: 1,
        };
        v.push(("status_sentence".into(), status_sentence(&counts, lang)));
        v.push(("page_title".into(), page_title(&[], lang)));
        let r = crate::model::SourceRef {
            section: "2".into(),
            page: Some(3),
            line: Some(4),
        };
        v.push(("source_line".into(), source_line("", &r, lang)));
        v
    }

    /// Every text the viewer shows in `lang` that is not from a report.
    fn every_text(lang: Lang) -> Vec<(String, String)> {
        let fields = t(lang).fields().into_iter().chain(history(lang).fields());
        fields
            .chain(statement_texts(a11y(lang)))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .chain(made_texts(lang))
            .collect()
    }

    #[test]
    fn no_ui_string_is_empty_in_either_language() {
        // Both catalogues fill the same struct (a missing field does not compile);
        // an empty string is the other way to forget a translation.
        for lang in [Lang::Sv, Lang::En] {
            for (name, text) in every_text(lang) {
                assert!(!text.trim().is_empty(), "{lang:?}: {name} is empty");
            }
        }
    }

    #[test]
    fn every_ui_string_is_translated() {
        // A string left in Swedish in the English catalogue is the third way.
        let same: Vec<_> = SV
            .fields()
            .into_iter()
            .zip(EN.fields())
            .filter(|(sv, en)| sv.1 == en.1)
            .map(|(sv, _)| sv.0)
            .collect();
        assert_eq!(same, ["site_name"], "the same in Swedish and English");
        let same: Vec<_> = HISTORY_SV
            .fields()
            .into_iter()
            .zip(HISTORY_EN.fields())
            .filter(|(sv, en)| sv.1 == en.1)
            .map(|(sv, _)| sv.0)
            .collect();
        assert!(same.is_empty(), "the same in Swedish and English: {same:?}");
        let same: Vec<_> = MIGRATION_SV
            .fields()
            .into_iter()
            .zip(MIGRATION_EN.fields())
            .filter(|(sv, en)| sv.1 == en.1)
            .map(|(sv, _)| sv.0)
            .collect();
        assert!(same.is_empty(), "the same in Swedish and English: {same:?}");
    }
}
