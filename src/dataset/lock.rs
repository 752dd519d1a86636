//! One run per dataset folder, also across hosts and containers sharing it.
//!
//! `DIR/.newsmill.lock` names its holder (host, pid, start) and a heartbeat
//! time the holder renews every [`HEARTBEAT`]. The holder also keeps the file
//! open under `flock`, which the kernel drops when the process dies, however
//! it dies. A lock is taken over only when nothing says its holder lives:
//! - its `flock` is free (a live holder on this kernel, in any PID namespace
//!   or container, holds it; on NFS, where the server may or may not share
//!   it, it is a hint only), and
//! - its holder ran on this host (then a free `flock` means it is dead), or
//!   its heartbeat is older than [`STALE_AFTER`].
//!
//! Process ids are never looked up: they mean nothing across PID namespaces
//! and hosts. Hosts sharing a folder must keep their clocks within a few
//! seconds of each other (NTP), as the heartbeat is a wall-clock time.

use super::layout::LOCK;
use anyhow::Context;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How often the holder renews its heartbeat.
pub const HEARTBEAT: Duration = Duration::from_secs(5);
/// A heartbeat this old marks a lock whose holder cannot be seen as stale.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// Who holds a lock, as its file says.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Holder {
    host: String,
    pid: u32,
    started: String,
    /// Seconds since the Unix epoch, renewed every [`HEARTBEAT`].
    heartbeat: i64,
}

impl Holder {
    fn me() -> Holder {
        Holder { host: hostname(), pid: std::process::id(), started: chrono::Utc::now().to_rfc3339(), heartbeat: now() }
    }

    /// A lock file's content: this version's JSON, or the older
    /// `<pid> <start time>` of an older newsmill (no host, no heartbeat).
    fn parse(text: &str) -> Option<Holder> {
        if let Ok(holder) = serde_json::from_str(text) {
            return Some(holder);
        }
        let mut fields = text.split_whitespace();
        let pid = fields.next()?.parse().ok()?;
        let started = fields.next()?.to_string();
        let heartbeat = chrono::DateTime::parse_from_rfc3339(&started).map_or(0, |t| t.timestamp());
        Some(Holder { host: String::new(), pid, started, heartbeat })
    }

    fn describe(&self) -> String {
        let host = if self.host.is_empty() { "an unknown host" } else { &self.host };
        format!(
            "pid {} on {host}, started {}, heartbeat {} s ago",
            self.pid,
            self.started,
            now().saturating_sub(self.heartbeat)
        )
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// This machine's host name (as its UTS namespace, a container's, says).
fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into `buf`.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    if ok {
        String::from_utf8_lossy(&buf[..len]).into_owned()
    } else {
        String::new()
    }
}

/// What `flock` says of a lock file.
#[derive(Debug, PartialEq)]
enum Flock {
    Taken,
    HeldElsewhere,
    /// The file system has no `flock`: only the heartbeat tells.
    Unsupported,
}

fn try_flock(file: &File) -> Flock {
    // SAFETY: flock on a file descriptor this function borrows.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Flock::Taken;
    }
    match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::EWOULDBLOCK) => Flock::HeldElsewhere,
        _ => Flock::Unsupported,
    }
}

/// Held while a run writes into a dataset folder; removed when dropped.
#[derive(Debug)]
pub struct DatasetLock {
    path: PathBuf,
    me: Holder,
    heartbeat: Option<std::thread::JoinHandle<()>>,
    /// Set to true to stop the heartbeat.
    released: Arc<(Mutex<bool>, Condvar)>,
}

/// How many times a run tries when the lock file changes under it.
const ATTEMPTS: usize = 3;

impl DatasetLock {
    /// Takes the lock of `dir`, or explains who holds it (a usage error,
    /// exit code 2, also for a run that lost a race for a stale lock).
    pub fn acquire(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create output folder {}", dir.display()))?;
        let path = dir.join(LOCK);
        for _ in 0..ATTEMPTS {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("cannot open the lock file {}", path.display()))?;
            let flock = try_flock(&file);
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            let holder = Holder::parse(&text);
            if flock == Flock::HeldElsewhere {
                refuse(dir, holder.as_ref())?;
            }
            if !names_this_file(&path, &file) {
                continue; // released and removed meanwhile: try the new file
            }
            if let Some(holder) = holder {
                let same_host = !holder.host.is_empty() && holder.host == hostname() && flock == Flock::Taken;
                let fresh = if holder.host.is_empty() {
                    // A run of an older newsmill (no host, no heartbeat, no
                    // flock) may hold it for hours: stale only when, as that
                    // version judged, its process is gone.
                    Path::new("/proc").join(holder.pid.to_string()).exists()
                } else {
                    now().saturating_sub(holder.heartbeat) < STALE_AFTER.as_secs() as i64
                };
                if !same_host && fresh {
                    refuse(dir, Some(&holder))?;
                }
                eprintln!(
                    "newsmill: taking over a stale lock in {} (held by {}; {})",
                    dir.display(),
                    holder.describe(),
                    if same_host { "it no longer holds it" } else { "its heartbeat stopped" }
                );
            }
            let me = Holder::me();
            write_holder(&mut file, &me).with_context(|| format!("cannot write the lock file {}", path.display()))?;
            let released = Arc::new((Mutex::new(false), Condvar::new()));
            let heartbeat = spawn_heartbeat(file, path.clone(), me.clone(), released.clone())?;
            return Ok(DatasetLock { path, me, heartbeat: Some(heartbeat), released });
        }
        crate::usage_bail!("cannot take the lock {}: other runs keep taking it; try again later", path.display())
    }

    /// Fails unless the lock file still names this run: a host that judged
    /// its heartbeat stale (a run frozen for a minute) may have taken it.
    pub fn ensure_held(&self) -> anyhow::Result<()> {
        let holder = std::fs::read_to_string(&self.path).ok().and_then(|t| Holder::parse(&t));
        match holder {
            Some(h) if (&h.host, h.pid, &h.started) == (&self.me.host, self.me.pid, &self.me.started) => Ok(()),
            other => anyhow::bail!(
                "the lock {} was taken over by another run ({}); this run stops without publishing",
                self.path.display(),
                other.map_or("the lock file is gone".to_string(), |h| h.describe())
            ),
        }
    }
}

/// The error of a run that finds the lock held.
fn refuse(dir: &Path, holder: Option<&Holder>) -> anyhow::Result<()> {
    crate::usage_bail!(
        "another newsmill run ({}) is writing to {}; wait for it to finish, or choose another --out",
        holder.map_or("its holder is not written yet".to_string(), Holder::describe),
        dir.display()
    )
}

/// Whether `path` still names the open `file` (not removed or replaced).
fn names_this_file(path: &Path, file: &File) -> bool {
    match (std::fs::metadata(path), file.metadata()) {
        (Ok(named), Ok(open)) => named.ino() == open.ino() && named.dev() == open.dev(),
        _ => false,
    }
}

fn write_holder(file: &mut File, holder: &Holder) -> std::io::Result<()> {
    let mut text = serde_json::to_string(holder)?;
    text.push('\n');
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(text.as_bytes())?;
    file.sync_data()
}

/// Renews the heartbeat until released, while the lock file names this run.
fn spawn_heartbeat(
    mut file: File,
    path: PathBuf,
    mut me: Holder,
    released: Arc<(Mutex<bool>, Condvar)>,
) -> anyhow::Result<std::thread::JoinHandle<()>> {
    let thread = std::thread::Builder::new().name("newsmill-lock".into()).spawn(move || {
        let (done, wake) = &*released;
        let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            done = wake.wait_timeout_while(done, HEARTBEAT, |done| !*done).unwrap_or_else(|e| e.into_inner()).0;
            let still_mine = std::fs::read_to_string(&path).ok().and_then(|t| Holder::parse(&t)).as_ref() == Some(&me)
                && names_this_file(&path, &file);
            if *done && still_mine {
                // Removed while the flock is still held, so no run takes this file meanwhile.
                let _ = std::fs::remove_file(&path);
            }
            if *done || !still_mine {
                return; // [`DatasetLock::ensure_held`] tells the run a lock it lost
            }
            me.heartbeat = now();
            if let Err(e) = write_holder(&mut file, &me) {
                eprintln!("newsmill: warning: cannot renew the lock {}: {e}", path.display());
            }
        }
    })?;
    Ok(thread)
}

impl Drop for DatasetLock {
    fn drop(&mut self) {
        let (done, wake) = &*self.released;
        *done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
        if let Some(thread) = self.heartbeat.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(host: &str, heartbeat_age: i64) -> String {
        let holder = Holder {
            host: host.into(),
            pid: 1,
            started: "2026-12-01T00:00:00Z".into(),
            heartbeat: now() - heartbeat_age,
        };
        serde_json::to_string(&holder).unwrap()
    }

    #[test]
    fn second_run_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = DatasetLock::acquire(dir.path()).unwrap();
        let err = DatasetLock::acquire(dir.path()).unwrap_err();
        assert!(err.is::<crate::error::UsageError>(), "a held lock is exit code 2");
        let err = err.to_string();
        assert!(err.contains("another newsmill run") && err.contains(&format!("pid {}", std::process::id())), "{err}");
        assert!(err.contains(&hostname()), "{err}");
        drop(first);
        assert!(!dir.path().join(LOCK).exists(), "the lock is removed on drop");
        assert!(DatasetLock::acquire(dir.path()).is_ok(), "and can be taken again");
    }

    #[test]
    fn a_lock_of_this_host_whose_flock_is_free_is_taken_over_even_with_a_fresh_heartbeat() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK), holder(&hostname(), 0)).unwrap();
        assert!(DatasetLock::acquire(dir.path()).is_ok());
        // The older format without a host: its start time is its heartbeat.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK), "4294967 2024-01-01T00:00:00Z\n").unwrap();
        assert!(DatasetLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn a_live_run_of_an_older_newsmill_keeps_its_lock_however_old() {
        let dir = tempfile::tempdir().unwrap();
        let old_format = format!("{} 2024-01-01T00:00:00Z\n", std::process::id());
        std::fs::write(dir.path().join(LOCK), old_format).unwrap();
        let err = format!("{:#}", DatasetLock::acquire(dir.path()).unwrap_err());
        assert!(err.contains(&format!("pid {}", std::process::id())), "{err}");
    }

    #[test]
    fn a_lock_of_another_host_is_stale_only_when_its_heartbeat_is_old() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK), holder("another-host", 3)).unwrap();
        let err = DatasetLock::acquire(dir.path()).unwrap_err();
        assert!(err.is::<crate::error::UsageError>() && err.to_string().contains("another-host"), "{err}");
        assert!(std::fs::read_to_string(dir.path().join(LOCK)).unwrap().contains("another-host"), "left as it was");
        std::fs::write(dir.path().join(LOCK), holder("another-host", STALE_AFTER.as_secs() as i64 + 5)).unwrap();
        let lock = DatasetLock::acquire(dir.path()).unwrap();
        let now_held = Holder::parse(&std::fs::read_to_string(dir.path().join(LOCK)).unwrap()).unwrap();
        assert_eq!((now_held.host, now_held.pid), (hostname(), std::process::id()));
        drop(lock);
    }

    #[test]
    fn the_holder_renews_its_heartbeat() {
        let dir = tempfile::tempdir().unwrap();
        let _lock = DatasetLock::acquire(dir.path()).unwrap();
        let read = || Holder::parse(&std::fs::read_to_string(dir.path().join(LOCK)).unwrap()).unwrap();
        let first = read();
        std::thread::sleep(HEARTBEAT + Duration::from_millis(1500));
        let later = read();
        assert!(later.heartbeat > first.heartbeat, "{first:?} then {later:?}");
        assert_eq!((later.pid, later.started), (first.pid, first.started));
    }

    #[test]
    fn a_run_whose_lock_was_taken_over_cannot_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let lock = DatasetLock::acquire(dir.path()).unwrap();
        assert!(lock.ensure_held().is_ok());
        std::fs::write(dir.path().join(LOCK), holder("another-host", 0)).unwrap();
        let err = lock.ensure_held().unwrap_err().to_string();
        assert!(err.contains("taken over") && err.contains("another-host"), "{err}");
        drop(lock);
        assert!(dir.path().join(LOCK).exists(), "the new holder's lock is left alone");
    }
}
