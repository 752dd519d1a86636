//! Progress on standard error while a build runs.

use super::ProgressMode;
use std::time::{Duration, Instant};

/// Progress on standard error: a bar on a terminal, log lines otherwise.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    log_every: Option<Duration>,
    last_log: Instant,
    started: Instant,
    total_bytes: u64,
    json: bool,
}

impl Progress {
    pub fn new(mode: ProgressMode, total_bytes: u64, json: bool) -> Self {
        use std::io::IsTerminal;
        let terminal = std::io::stderr().is_terminal();
        let bar = (mode == ProgressMode::Always || (mode == ProgressMode::Auto && terminal)).then(|| {
            let bar =
                indicatif::ProgressBar::with_draw_target(Some(total_bytes), indicatif::ProgressDrawTarget::stderr());
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {bytes_per_sec} · {msg} · ETA {eta}",
                )
                .expect("static template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let log_every = (mode == ProgressMode::Auto && !terminal).then_some(Duration::from_secs(10));
        Progress { bar, log_every, last_log: Instant::now(), started: Instant::now(), total_bytes, json }
    }

    pub fn update(&mut self, bytes: u64, records: u64) {
        let rate = records as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_message(format!("{records} records ({rate:.0}/s)"));
        } else if let Some(every) = self.log_every {
            if self.last_log.elapsed() >= every {
                self.last_log = Instant::now();
                if self.json {
                    let line = serde_json::json!({"event": "progress", "records": records, "bytes_read": bytes,
                        "bytes_total": self.total_bytes, "records_per_sec": rate});
                    eprintln!("{line}");
                } else {
                    eprintln!(
                        "newsmill: {records} records, {:.1} of {:.1} MB read ({rate:.0} records/s)",
                        bytes as f64 / 1e6,
                        self.total_bytes as f64 / 1e6
                    );
                }
            }
        }
    }

    pub fn finish(&self, bytes: u64, records: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.finish_with_message(format!("{records} records"));
        }
    }
}
