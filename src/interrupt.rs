//! Stopping a run on request: SIGTERM (a scheduler or container runtime
//! stopping the job), SIGINT (Ctrl-C) and SIGHUP (a closed terminal).
//!
//! A signal only sets a flag. The run looks at it between batches of records,
//! between inputs it hashes and part files it carries over, and before it
//! publishes; it then fails with [`Interrupted`], which unwinds the run as any
//! failure does: the unpublished version is deleted and the lock released.
//! Installing handlers also makes these signals reach newsmill as PID 1 in a
//! container, where the kernel drops signals that have no handler. A run that
//! has not stopped [`GRACE`] after the first signal, or a second signal,
//! ends the process at once; the next run cleans up after it as after a crash.

use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// How long a run may take to stop on its own once asked.
pub const GRACE: Duration = Duration::from_secs(10);

/// The signal that asked the run to stop, 0 while none did.
static REQUESTED: AtomicI32 = AtomicI32::new(0);

/// Why a run stopped before its end.
#[derive(Debug, thiserror::Error)]
#[error("stopped by {0} before publishing: the dataset is left as it was")]
pub struct Interrupted(pub &'static str);

/// The signals that stop a run.
const SIGNALS: [i32; 3] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT, signal_hook::consts::SIGHUP];

/// Starts handling SIGTERM, SIGINT and SIGHUP for this process.
pub fn install() -> anyhow::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(SIGNALS)?;
    std::thread::Builder::new().name("newsmill-signals".into()).spawn(move || {
        let mut asked = false;
        for signal in signals.forever() {
            if asked {
                exit_now(&format!("{} received again", signal_name(signal)));
            }
            asked = true;
            REQUESTED.store(signal, Ordering::SeqCst);
            eprintln!(
                "newsmill: {} received: stopping (a second signal ends the process at once)",
                signal_name(signal)
            );
            std::thread::spawn(|| {
                std::thread::sleep(GRACE);
                exit_now(&format!("the run did not stop within {} s", GRACE.as_secs()));
            });
        }
    })?;
    Ok(())
}

/// Ends the process without unwinding the run.
fn exit_now(why: &str) -> ! {
    eprintln!("newsmill: error: {why}: exiting now; the next run removes what this one left");
    std::process::exit(1)
}

/// Fails with [`Interrupted`] once a stop was asked for.
pub fn check() -> Result<(), Interrupted> {
    match REQUESTED.load(Ordering::Relaxed) {
        0 => Ok(()),
        signal => Err(Interrupted(signal_name(signal))),
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        signal_hook::consts::SIGTERM => "SIGTERM",
        signal_hook::consts::SIGINT => "SIGINT",
        signal_hook::consts::SIGHUP => "SIGHUP",
        _ => "a signal",
    }
}
