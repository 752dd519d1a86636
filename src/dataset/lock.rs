//! One run per dataset folder: `DIR/.newsmill.lock` holds the writing
//! process's id and start time. A lock left by a process that no longer runs
//! (a crash, `kill -9`) is stale and taken over.

use anyhow::Context;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::layout::LOCK;

/// Held while a run writes into a dataset folder; removed when dropped.
#[derive(Debug)]
pub struct DatasetLock {
    path: PathBuf,
}

impl DatasetLock {
    /// Takes the lock of `dir`, or explains who holds it.
    pub fn acquire(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create output folder {}", dir.display()))?;
        let path = dir.join(LOCK);
        for _ in 0..2 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    writeln!(file, "{} {}", std::process::id(), chrono::Utc::now().to_rfc3339())?;
                    return Ok(DatasetLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let mut fields = holder.split_whitespace();
                    let pid = fields.next().and_then(|p| p.parse::<u32>().ok());
                    let since = fields.next().unwrap_or("an unknown time");
                    match pid {
                        Some(pid) if process_alive(pid) => crate::usage_bail!(
                            "another newsmill run (pid {pid}, started {since}) is writing to {}; wait for it to finish, \
                             or choose another --out",
                            dir.display()
                        ),
                        _ => {
                            eprintln!(
                                "newsmill: taking over a stale lock in {} (left by pid {}, which no longer runs)",
                                dir.display(),
                                pid.map_or("?".to_string(), |p| p.to_string())
                            );
                            std::fs::remove_file(&path).with_context(|| format!("cannot remove stale lock {}", path.display()))?;
                        }
                    }
                }
                Err(e) => return Err(e).with_context(|| format!("cannot create lock file {}", path.display())),
            }
        }
        anyhow::bail!("cannot take the lock {}: another run keeps taking it", path.display())
    }
}

impl Drop for DatasetLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether a process with this id runs on this machine.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true // without /proc, never call a lock stale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_run_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = DatasetLock::acquire(dir.path()).unwrap();
        let err = DatasetLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(err.contains("another newsmill run") && err.contains(&std::process::id().to_string()), "{err}");
        drop(first);
        assert!(DatasetLock::acquire(dir.path()).is_ok(), "the lock is released on drop");
    }

    #[test]
    fn stale_lock_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // Pid numbers above the kernel's pid_max (at most 2^22) never run.
        std::fs::write(dir.path().join(LOCK), "4294967 2024-01-01T00:00:00Z\n").unwrap();
        assert!(DatasetLock::acquire(dir.path()).is_ok());
    }
}
