//! Progress on standard error while a build runs.

use super::ProgressMode;
use std::time::{Duration, Instant};

/// How often `auto` logs a progress line when standard error is not a terminal.
const AUTO_LOG_EVERY: Duration = Duration::from_secs(10);
/// How often `always` logs one there: it was asked for, so more often.
const ALWAYS_LOG_EVERY: Duration = Duration::from_secs(3);

/// The bar while a run goes on. Sizes are decimal megabytes, as in the log
/// lines; with seven-digit record counts it still fits 80 columns.
const RUNNING_TEMPLATE: &str = "[{elapsed_precise}] {bar:10} {decimal_bytes}/{decimal_total_bytes} · {msg} · ETA {eta}";
/// The bar once the run is done: what was read, in how long.
const FINISHED_TEMPLATE: &str = "[{elapsed_precise}] {bar:10} {decimal_total_bytes} read · {msg}";

/// Progress on standard error: a bar on a terminal, log lines otherwise.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    log_every: Option<Duration>,
    /// When the last line was logged; `None` logs the next update at once.
    last_log: Option<Instant>,
    started: Instant,
    total_bytes: u64,
    json: bool,
}

fn style(template: &str) -> indicatif::ProgressStyle {
    indicatif::ProgressStyle::with_template(template).expect("static template")
}

impl Progress {
    pub fn new(mode: ProgressMode, total_bytes: u64, json: bool) -> Self {
        use std::io::IsTerminal;
        let terminal = std::io::stderr().is_terminal();
        let target = indicatif::ProgressDrawTarget::stderr();
        let bar = (mode != ProgressMode::Never && terminal).then(|| Self::bar(target, total_bytes));
        let (log_every, last_log) = match mode {
            ProgressMode::Auto if !terminal => (Some(AUTO_LOG_EVERY), Some(Instant::now())),
            ProgressMode::Always if !terminal => (Some(ALWAYS_LOG_EVERY), None),
            _ => (None, None),
        };
        let mut progress = Progress { bar, log_every, last_log, started: Instant::now(), total_bytes, json };
        // `always` off a terminal: a line at once, with the size to read.
        progress.update(0, 0);
        progress
    }

    fn bar(target: indicatif::ProgressDrawTarget, total_bytes: u64) -> indicatif::ProgressBar {
        let bar = indicatif::ProgressBar::with_draw_target(Some(total_bytes), target);
        bar.set_style(style(RUNNING_TEMPLATE));
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }

    fn rate(&self, records: u64) -> f64 {
        records as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
    }

    pub fn update(&mut self, bytes: u64, records: u64) {
        let rate = self.rate(records);
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_message(format!("{records} records ({rate:.0}/s)"));
            return;
        }
        let Some(every) = self.log_every else { return };
        if self.last_log.is_some_and(|last| last.elapsed() < every) {
            return;
        }
        self.last_log = Some(Instant::now());
        if self.json {
            let line = serde_json::json!({"event": "progress", "records": records, "bytes_read": bytes,
                "bytes_total": self.total_bytes, "records_per_sec": rate});
            eprintln!("{line}");
        } else {
            eprintln!("newsmill: {}", log_line(records, bytes, self.total_bytes, rate));
        }
    }

    pub fn finish(&self, bytes: u64, records: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_style(style(FINISHED_TEMPLATE));
            bar.finish_with_message(format!("{records} records ({:.0}/s)", self.rate(records)));
        }
    }
}

/// A progress log line: records, decimal megabytes read, records per second.
fn log_line(records: u64, bytes: u64, total_bytes: u64, rate: f64) -> String {
    format!(
        "{records} records, {:.1} of {:.1} MB read ({rate:.0} records/s)",
        bytes as f64 / 1e6,
        total_bytes as f64 / 1e6
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A terminal wider than 80 columns (so nothing is cut to fit) that keeps
    /// what is drawn on it.
    #[derive(Debug, Clone, Default)]
    struct Screen {
        lines: Arc<Mutex<Vec<String>>>,
    }

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            200
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, line: &str) -> std::io::Result<()> {
            self.write_str(line)
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            if !s.trim().is_empty() {
                self.lines.lock().unwrap().push(s.to_string());
            }
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_bar_counts_decimal_megabytes_and_fits_80_columns() {
        let screen = Screen::default();
        let target = indicatif::ProgressDrawTarget::term_like_with_hz(Box::new(screen.clone()), 200);
        let mut progress = Progress {
            bar: Some(Progress::bar(target, 1_234_567_890)),
            log_every: None,
            last_log: None,
            started: Instant::now() - Duration::from_secs(3_000),
            total_bytes: 1_234_567_890,
            json: false,
        };
        progress.update(617_283_945, 4_321_098);
        // The draw may be rate-limited away on a loaded machine: the steady
        // tick draws the bar again, within a few seconds at worst.
        let drawn = |screen: &Screen| screen.lines.lock().unwrap().iter().any(|l| l.contains("617.28 MB"));
        let waited = Instant::now();
        while !drawn(&screen) && waited.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        progress.finish(1_234_567_890, 9_876_543);
        let lines = screen.lines.lock().unwrap().clone();
        let running = lines.iter().find(|l| l.contains("ETA") && l.contains("617.28 MB")).expect("a running bar");
        assert!(running.contains("617.28 MB/1.23 GB") && running.contains("4321098 records"), "{running}");
        let done = lines.last().unwrap();
        assert!(done.contains("1.23 GB read · 9876543 records"), "{done}");
        for line in [running, done] {
            assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
        }
        assert!(lines.iter().all(|l| !l.contains("MiB") && !l.contains("GiB")), "{lines:?}");
    }

    #[test]
    fn log_lines_use_the_same_megabytes() {
        assert_eq!(
            log_line(120, 617_283_945, 1_234_567_890, 40.4),
            "120 records, 617.3 of 1234.6 MB read (40 records/s)"
        );
    }
}
