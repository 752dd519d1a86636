//! Inline SVG charts: horizontal bars for counts per label, columns for a
//! series of days. Each mark carries a `<title>`, the browser's tooltip.

use std::fmt::Write as _;

/// Width of a bar chart, and of the label column inside it, in pixels.
const BARS_WIDTH: u32 = 560;
const LABEL_WIDTH: u32 = 210;
/// Room right of the longest bar for its count.
const VALUE_WIDTH: u32 = 70;
const ROW_HEIGHT: u32 = 22;
/// The day chart's size, and the room under it for the first and last date.
const DAYS_WIDTH: u32 = 760;
const DAYS_HEIGHT: u32 = 180;
const AXIS_HEIGHT: u32 = 20;
/// Labels longer than this are cut (the tooltip has them whole).
const LABEL_CHARS: usize = 30;

/// Text for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{cut}…")
}

/// A number as the charts print it: whole, or with two decimals when small.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 || value >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// One horizontal bar per `(label, value)`, scaled to the largest value. An
/// empty list draws a chart saying `empty`.
pub fn bars(id: &str, rows: &[(String, f64)], empty: &str) -> String {
    let mut svg = String::new();
    let height = ROW_HEIGHT * (rows.len().max(1) as u32);
    let _ = write!(
        svg,
        r#"<svg class="chart" id="{id}" role="img" width="{BARS_WIDTH}" height="{height}" viewBox="0 0 {BARS_WIDTH} {height}">"#
    );
    if rows.is_empty() {
        let _ = write!(svg, r#"<text class="empty" x="0" y="15">{}</text>"#, escape(empty));
    }
    let max = rows.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
    let room = f64::from(BARS_WIDTH - LABEL_WIDTH - VALUE_WIDTH);
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = ROW_HEIGHT * i as u32;
        let width = (value / max * room).max(1.0);
        let _ = write!(
            svg,
            r#"<g><title>{}: {}</title><text class="label" x="{}" y="{}" text-anchor="end">{}</text><rect class="bar" x="{LABEL_WIDTH}" y="{}" width="{width:.1}" height="{}"/><text class="value" x="{:.1}" y="{}">{}</text></g>"#,
            escape(label),
            number(*value),
            LABEL_WIDTH - 8,
            y + 15,
            escape(&short(label)),
            y + 3,
            ROW_HEIGHT - 6,
            f64::from(LABEL_WIDTH) + width + 6.0,
            y + 15,
            number(*value)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Counts as the bar charts take them.
pub fn counted(rows: &[(String, u64)]) -> Vec<(String, f64)> {
    rows.iter().map(|(label, n)| (label.clone(), *n as f64)).collect()
}

/// One column per day of `days` (`YYYY-MM-DD`, in order), with the first and
/// last date under the axis and the highest count beside it.
pub fn days(id: &str, days: &[(String, u64)], empty: &str) -> String {
    let height = DAYS_HEIGHT + AXIS_HEIGHT;
    let mut svg = format!(
        r#"<svg class="chart" id="{id}" role="img" width="{DAYS_WIDTH}" height="{height}" viewBox="0 0 {DAYS_WIDTH} {height}">"#
    );
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        let _ = write!(svg, r#"<text class="empty" x="0" y="15">{}</text></svg>"#, escape(empty));
        return svg;
    };
    let max = days.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let step = f64::from(DAYS_WIDTH) / days.len() as f64;
    let width = (step * 0.8).max(1.0);
    for (i, (day, n)) in days.iter().enumerate() {
        let h = (*n as f64 / max as f64 * f64::from(DAYS_HEIGHT - 16)).max(1.0);
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{:.1}" y="{:.1}" width="{width:.1}" height="{h:.1}"><title>{}: {n}</title></rect>"#,
            i as f64 * step,
            f64::from(DAYS_HEIGHT) - h,
            escape(day)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="0" y1="{DAYS_HEIGHT}" x2="{DAYS_WIDTH}" y2="{DAYS_HEIGHT}"/><text class="value" x="2" y="12">{max} max</text><text class="label" x="0" y="{}">{}</text><text class="label" x="{DAYS_WIDTH}" y="{}" text-anchor="end">{}</text></svg>"#,
        height - 4,
        escape(&first.0),
        height - 4,
        escape(&last.0)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bars("t", &[("<b>&".into(), 10.0), ("half".into(), 5.0)], "none");
        assert_eq!(svg.matches(r#"<rect class="bar""#).count(), 2);
        assert!(svg.contains("&lt;b&gt;&amp;") && !svg.contains("<b>"), "{svg}");
        let room = f64::from(BARS_WIDTH - LABEL_WIDTH - VALUE_WIDTH);
        assert!(
            svg.contains(&format!(r#"width="{room:.1}""#)) && svg.contains(&format!(r#"width="{:.1}""#, room / 2.0))
        );
        assert!(bars("e", &[], "no rejects").contains(r#"<text class="empty" x="0" y="15">no rejects</text>"#));
    }

    #[test]
    fn days_draw_one_column_each_with_the_first_and_last_date() {
        let series = [("2024-01-01".to_string(), 2), ("2024-01-02".to_string(), 4), ("2024-01-05".to_string(), 1)];
        let svg = days("d", &series, "no dates");
        assert_eq!(svg.matches("<rect ").count(), 3);
        assert!(svg.contains("<title>2024-01-02: 4</title>") && svg.contains(">2024-01-05</text>"), "{svg}");
        assert!(svg.contains(">4 max<"));
    }

    #[test]
    fn numbers_and_long_labels() {
        assert_eq!((number(3.0), number(0.256), number(123.4)), ("3".into(), "0.26".into(), "123".into()));
        assert_eq!(short(&"x".repeat(40)).chars().count(), LABEL_CHARS);
    }
}
