//! `report.html` in a real browser: headless Chromium (Debian's `chromium`,
//! which `.ci/run` installs) loads the report of the sample dataset, a probe
//! checks that every chart is drawn and that nothing failed or was fetched,
//! and a screenshot is saved as `out/report.png`. Without Chromium the test
//! says it was skipped (and fails if NEWSMILL_REQUIRE_BROWSER_TEST is set).

mod common;

use common::{get, repo, rows, run_build};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The charts the report draws, by their ids.
const CHARTS: [&str; 8] = [
    "documents-per-day", "top-sites", "languages", "paragraph-kinds", "reject-reasons", "duplicates", "most-quoted",
    "stage-times",
];

/// Put first in the page's head: no network at all (a fetch becomes a CSP
/// violation), and every error or console error noted.
const PROBE_HEAD: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<script>window.probeErrors = [];
addEventListener('error', e => probeErrors.push('error: ' + (e.message || (e.target && e.target.outerHTML))), true);
addEventListener('securitypolicyviolation', e => probeErrors.push('fetch blocked: ' + e.blockedURI));
const consoleError = console.error; console.error = (...a) => { probeErrors.push('console: ' + a.join(' ')); consoleError(...a); };</script>"#;

/// Put last in the body: which charts have a size and marks, written into the DOM.
const PROBE_BODY: &str = r#"<script>const drawn = [...document.querySelectorAll('svg.chart')].filter(svg => {
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('rect.bar, text.empty')].filter(m => m.getBoundingClientRect().width > 0);
  return box.width > 0 && box.height > 0 && marks.length > 0;
}).map(svg => svg.id);
const probe = document.createElement('pre'); probe.id = 'probe';
probe.textContent = 'drawn=' + drawn.join(',') + '\nrows=' + document.querySelectorAll('#people tr').length + '\nerrors=' + probeErrors.join(' | ');
document.body.appendChild(probe);</script>"#;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().map(PathBuf::from).find(|program| {
        Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs headless Chromium on `page` with `args`, each run with a fresh
/// profile and nothing started that talks to the network; its standard output.
fn headless(browser: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("profile");
    let mut child = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().expect("stdout"), &mut stdout).expect("read");
    stdout
}

#[test]
fn the_report_draws_every_chart_in_chromium_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("dataset");
    run_build(&[repo("data")], &out, 2);
    let report = std::fs::read_to_string(out.join("report.html")).expect("report.html beside the card");
    // The most quoted person, counted here from the people table.
    let mut quotes = std::collections::BTreeMap::<String, u64>::new();
    for person in rows(&out, "people") {
        *quotes.entry(get(&person, "name").unwrap().to_string()).or_default() +=
            get(&person, "n_quotes").unwrap().parse::<u64>().unwrap();
    }
    let (top, n) = quotes.iter().max_by_key(|(name, n)| (**n, std::cmp::Reverse(*name))).unwrap();
    assert!(
        report.contains(&format!("<tr><td>{top}</td><td class=\"n\">{n}</td>")),
        "{top} ({n} quotes) heads the people table"
    );

    let Some(browser) = chromium() else {
        let message =
            "chromium is not installed (`.ci/run` installs Debian's): the browser test of report.html did NOT run";
        assert!(std::env::var_os("NEWSMILL_REQUIRE_BROWSER_TEST").is_none(), "{message}");
        let _ = writeln!(std::io::stderr(), "\n!!! SKIPPED: {message} !!!\n");
        return;
    };

    let probed = report.replacen("<head>", &format!("<head>{PROBE_HEAD}"), 1).replacen(
        "</body>",
        &format!("{PROBE_BODY}</body>"),
        1,
    );
    let page = dir.path().join("probed.html");
    std::fs::write(&page, probed).expect("write");
    let dom = headless(&browser, &page, &["--dump-dom", "--virtual-time-budget=3000"]);
    let probe = dom.split("<pre id=\"probe\">").nth(1).and_then(|p| p.split("</pre>").next()).expect("the probe ran");
    let field =
        |name: &str| probe.lines().find_map(|l| l.strip_prefix(&format!("{name}="))).unwrap_or_default().to_string();
    assert_eq!(field("drawn").split(',').collect::<Vec<_>>(), CHARTS, "charts drawn");
    assert_eq!(field("errors"), "", "errors in the page");
    assert!(field("rows").parse::<usize>().unwrap() > 5, "the people table lists the most quoted: {probe}");

    let shot = repo("out/report.png");
    std::fs::create_dir_all(shot.parent().unwrap()).expect("out/");
    let _ = std::fs::remove_file(&shot);
    headless(
        &browser,
        &out.join("report.html"),
        &["--window-size=1300,2700", &format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).expect("the screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "{} bytes", png.len());
}
