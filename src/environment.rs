//! The process environment, read once per run: every module that needs a variable (a credential, a
//! tool setting, a proxy) asks this snapshot, never `std::env`. An empty variable is an unset one.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::PathBuf;

use crate::env_vars::{Holds, Var};
use crate::error::Failure;

/// The variables of the process, as they were when the run began. Empty values are dropped (CI
/// gives "" for a secret it lacks); values that are not UTF-8 are remembered by name only.
#[derive(Debug, Default, Clone)]
pub struct Environment {
    vars: BTreeMap<String, String>,
    /// Variables whose values are not UTF-8, as the OS gave them.
    not_utf8: BTreeMap<String, OsString>,
    /// Variables set to the empty string (unset to this tool, not always to its dependencies).
    empty: BTreeSet<String>,
    /// Variables whose names are not UTF-8: nothing reads them, and `exec` keeps them from its child
    /// (what they hold cannot be judged).
    foreign: Vec<std::ffi::OsString>,
}

impl Environment {
    /// Read the process environment, once.
    pub fn capture() -> Self {
        let mut env = Self::default();
        for (name, value) in std::env::vars_os() {
            let name = match name.into_string() {
                Ok(name) => name,
                Err(name) => {
                    env.foreign.push(name);
                    continue;
                }
            };
            match value.into_string() {
                Ok(value) => env.insert(name, value),
                Err(value) if !value.is_empty() => {
                    env.not_utf8.insert(name, value);
                }
                Err(_) => {}
            }
        }
        env
    }

    /// An environment of these variables only.
    #[cfg(test)]
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut env = Self::default();
        for (name, value) in pairs {
            env.insert(name.to_string(), value.to_string());
        }
        env
    }

    fn insert(&mut self, name: String, value: String) {
        if value.is_empty() {
            self.empty.insert(name);
        } else {
            self.vars.insert(name, value);
        }
    }

    /// Whether the process has this variable set to the empty string (main asks it of
    /// `SSL_CERT_FILE`, on the systems whose trust store loader reads that variable itself).
    #[cfg_attr(
        not(all(unix, not(target_vendor = "apple"))),
        allow(dead_code, reason = "used on Linux and the BSDs only")
    )]
    pub fn is_set_empty(&self, name: &str) -> bool {
        self.empty.contains(name)
    }

    /// A variable's value; `None` when it is unset, empty or not UTF-8.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// A tool setting, trimmed; `None` when unset or only spaces. A text setting that is not UTF-8
    /// is an error naming it, never taken for unset (an `ADOBE_IMS_URL` that cannot be read must not
    /// send the secret to production IMS).
    pub fn setting(&self, var: Var) -> Result<Option<&str>, Failure> {
        if var.holds == Holds::Text && self.not_utf8.contains_key(var.name) {
            return Err(Failure::config(format!(
                "{} is set to a value that is not valid UTF-8; it is not read as unset",
                var.name
            ))
            .with_hint(format!("set {} to text, or unset it", var.name)));
        }
        Ok(self.get(var.name).map(str::trim).filter(|v| !v.is_empty()))
    }

    /// A path setting as the OS gives it, UTF-8 or not; `None` when unset or empty.
    pub fn path(&self, var: Var) -> Option<PathBuf> {
        match self.not_utf8.get(var.name) {
            Some(raw) => Some(PathBuf::from(raw)),
            None => self
                .get(var.name)
                .filter(|v| !v.trim().is_empty())
                .map(PathBuf::from),
        }
    }

    /// A variable that must be text when set: a value that is not UTF-8 is an error naming it.
    pub fn text(&self, name: &str) -> Result<Option<&str>, Failure> {
        if self.not_utf8.contains_key(name) {
            return Err(Failure::config(format!(
                "{name} in the environment is not valid UTF-8"
            )));
        }
        Ok(self.get(name))
    }

    /// Every set variable, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The names that are not UTF-8.
    pub fn foreign_names(&self) -> &[std::ffi::OsString] {
        &self.foreign
    }

    /// The names of every variable the process has, whatever its value (for what `exec` removes).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars
            .keys()
            .chain(self.not_utf8.keys())
            .chain(&self.empty)
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_means_unset() {
        let env = Environment::from_pairs([("A", ""), ("B", "x"), ("ADOBE_JWT_AUTH", "  ")]);
        assert_eq!(env.get("A"), None);
        assert_eq!(env.get("B"), Some("x"));
        assert_eq!(env.get("ADOBE_JWT_AUTH"), Some("  "));
        assert_eq!(
            env.setting(crate::env_vars::ADOBE_JWT_AUTH).ok(),
            Some(None)
        );
        assert!(env.is_set_empty("A"));
        assert_eq!(
            env.names().collect::<Vec<_>>(),
            ["ADOBE_JWT_AUTH", "B", "A"]
        );
    }
}
