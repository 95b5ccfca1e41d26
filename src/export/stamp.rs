//! The build id that every output of one build carries, so that a reader can
//! tell whether the files of a folder belong together: a digest of the inputs
//! and the time the build began (`6f1c0e7d2a9b3c45-20261207T033512.123Z`).

use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

/// A SHA-256 of the inputs, taken one input at a time in a fixed order (a
/// build's documents in id order), so that the same inputs give the same
/// digest whatever the number of threads.
#[derive(Clone, Default)]
pub struct InputDigest(Sha256);

impl InputDigest {
    /// Adds one input: its name and a digest of its bytes (`digest_of`).
    pub fn add(&mut self, name: &str, digest: &[u8; 32]) {
        self.0.update((name.len() as u64).to_le_bytes());
        self.0.update(name.as_bytes());
        self.0.update(digest);
    }

    /// The first eight bytes of the digest, in hex.
    fn short(self) -> String {
        self.0.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The SHA-256 of one input's bytes.
pub fn digest_of(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// One build's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildId(String);

impl BuildId {
    pub fn new(inputs: InputDigest, began: SystemTime) -> BuildId {
        BuildId(format!("{}-{}", inputs.short(), utc(began)))
    }

    /// The id written where no build was run (outputs made in memory).
    pub fn none() -> BuildId {
        BuildId::new(InputDigest::default(), UNIX_EPOCH)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BuildId {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A time in UTC to the millisecond, as ISO 8601's basic format writes it.
fn utc(t: SystemTime) -> String {
    let since = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let day = crate::corpus::date::Ymd::from_days((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z", day.y, day.m, day.d, s / 3600, s / 60 % 60, s % 60, since.subsec_millis())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_id_is_the_inputs_digest_and_the_time_in_utc() {
        let mut d = InputDigest::default();
        d.add("a.txt", &digest_of(b"text"));
        let at = UNIX_EPOCH + Duration::from_millis(1_607_299_200_123 + 3_723_000);
        let id = BuildId::new(d.clone(), at).to_string();
        assert_eq!(id.len(), 16 + 1 + 20, "{id}");
        assert!(id.ends_with("-20201207T010203.123Z"), "{id}");
        assert_eq!(id, BuildId::new(d.clone(), at).to_string(), "the same inputs and time, the same id");
        d.add("b.txt", &digest_of(b""));
        assert_ne!(id[..16], BuildId::new(d, at).to_string()[..16], "other inputs, another digest");
        assert_eq!(BuildId::none().as_str(), "e3b0c44298fc1c14-19700101T000000.000Z");
    }
}
