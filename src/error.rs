//! Errors the user can fix by changing the command line, as opposed to
//! failures during a run; the CLI exits with a distinct code for them.

/// A problem with what the user asked for: a missing input, an occupied
/// output folder. The message says what to change.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Returns early with a [`UsageError`] built like `format!`.
#[macro_export]
macro_rules! usage_bail {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::error::UsageError(format!($($arg)*))))
    };
}
