//! Checks the loaded model against the content format's rules.
