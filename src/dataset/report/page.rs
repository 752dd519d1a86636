//! The HTML page of the report: a header with the counts, then one section
//! per chart, and the table of the most quoted people.

use super::charts::{bars, counted, days, escape, number};
use super::{Figures, TOP};
use crate::dataset::manifest::Manifest;
use crate::write::schema::Table;
use std::fmt::Write as _;

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}\
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 8px}p.note{color:#666;margin:4px 0 8px}\
.counts{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.counts div{background:#fff;border:1px solid #ddd;\
border-radius:6px;padding:8px 14px}.counts b{display:block;font-size:20px}\
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:16px}\
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px;overflow-x:auto}\
section.wide{grid-column:1/-1}svg.chart{display:block}rect.bar{fill:#3b6ea8}rect.bar:hover{fill:#e07b39}\
text{font:12px system-ui,sans-serif;fill:#333}text.value{fill:#555}text.empty{fill:#888;font-style:italic}\
line.axis{stroke:#999}table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #eee;\
text-align:left}td.n{text-align:right}";

/// The whole page.
pub fn render(figures: &Figures, manifest: &Manifest) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width\"><title>newsmill dataset report</title><style>{STYLE}</style></head><body>\
         <h1>newsmill dataset report</h1><p class=\"note\">Version {} built by newsmill {} on {} in {:.1} s. \
         The figures are of the whole dataset; stage times and exact repeats are of the last run.</p>",
        manifest.run.version,
        escape(manifest.tool_version),
        escape(&manifest.finished_at),
        manifest.duration_secs
    );
    html.push_str("<div class=\"counts\">");
    let rows = &manifest.files.rows;
    let tables = Table::ALL.iter().map(|t| (t.name(), rows.tables[*t]));
    for (what, n) in tables.chain([("rejects", rows.rejects)]) {
        let _ = write!(html, "<div><b>{n}</b>{what}</div>");
    }
    html.push_str("</div><div class=\"grid\">");
    let undated = if figures.undated > 0 {
        format!("; {} documents give no publication date", figures.undated)
    } else {
        String::new()
    };
    section(
        &mut html,
        "Documents per day",
        &format!(
            "By publication day (the publisher's own calendar day), one column per day that has documents{undated}."
        ),
        &days("documents-per-day", &figures.per_day, "no document gives a publication date"),
        true,
    );
    section(
        &mut html,
        "Top sites",
        &format!("Documents per site name (else the URL's host), the {TOP} largest."),
        &bars("top-sites", &counted(&figures.sites), "no documents"),
        false,
    );
    section(
        &mut html,
        "Languages",
        "Documents per language.",
        &bars("languages", &counted(&figures.languages), "no documents"),
        false,
    );
    section(
        &mut html,
        "Paragraph kinds",
        "Rows of the paragraphs table per kind.",
        &bars("paragraph-kinds", &counted(&figures.paragraph_kinds), "no paragraphs"),
        false,
    );
    section(
        &mut html,
        "Reject reasons",
        "Rows of rejects.csv per reason (the codes are explained in README.md).",
        &bars("reject-reasons", &counted(&figures.reject_reasons), "no record was rejected"),
        false,
    );
    section(
        &mut html,
        "Duplicates",
        "Documents that nearly repeat an earlier one carry its doc_id in dup_of; exact repeats are not written.",
        &bars("duplicates", &counted(&figures.duplicates), "no documents"),
        false,
    );
    let people: Vec<(String, f64)> = figures.people.iter().map(|p| (p.name.clone(), p.quotes as f64)).collect();
    section(
        &mut html,
        "Most quoted people",
        &format!("Quotes per person (by name, over all documents); {} people are quoted.", figures.people_quoted),
        &(bars("most-quoted", &people, "nobody is quoted") + &people_table(figures)),
        false,
    );
    section(&mut html, "Stage times", "Of the last run, in seconds.", &stage_times(manifest), false);
    html.push_str("</div></body></html>\n");
    html
}

fn section(html: &mut String, title: &str, note: &str, body: &str, wide: bool) {
    let class = if wide { " class=\"wide\"" } else { "" };
    let _ = write!(
        html,
        "<section{class}><h2>{}</h2><p class=\"note\">{}</p>{body}</section>",
        escape(title),
        escape(note)
    );
}

fn people_table(figures: &Figures) -> String {
    let mut table = String::from("<table id=\"people\"><tr><th>person</th><th>quotes</th><th>documents</th></tr>");
    for p in &figures.people {
        let _ = write!(
            table,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&p.name),
            p.quotes,
            p.documents
        );
    }
    table.push_str("</table>");
    table
}

/// CPU seconds per stage (summed over threads) and, where known, the wall
/// span of each stage.
fn stage_times(manifest: &Manifest) -> String {
    let cpu = &manifest.stage_cpu_secs;
    let mut rows: Vec<(String, f64)> = [
        ("read", cpu.read),
        ("decode", cpu.decode),
        ("extract", cpu.extract),
        ("segment", cpu.segment),
        ("write", cpu.write),
    ]
    .into_iter()
    .map(|(stage, secs)| (format!("{stage}, CPU"), secs))
    .collect();
    if let Some(wall) = &manifest.stage_wall_secs {
        rows.extend(
            [("read", wall.read), ("transform", wall.transform), ("write", wall.write)]
                .into_iter()
                .map(|(stage, secs)| (format!("{stage}, wall"), secs)),
        );
    }
    let mut html = bars("stage-times", &rows, "no stage ran");
    let _ = write!(
        html,
        "<p class=\"note\">CPU seconds are summed over {} threads; wall seconds span a stage's first to last work. \
         The run took {} s.</p>",
        manifest.threads,
        number(manifest.duration_secs)
    );
    html
}
