//! Officers' display names: the configuration's officer list maps login names (what the store
//! records as a note's author or an amendment's officer) to the names a school reads.

/// Login name → display name, from the config's `officers` entries written "login = Name".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficerNames(Vec<(String, String)>);

impl OfficerNames {
    pub fn new(pairs: Vec<(String, String)>) -> OfficerNames {
        OfficerNames(pairs)
    }

    /// The display name of `login`, or the login itself when the list does not name it (an
    /// old configuration, or an officer not listed). Logins match without regard to case.
    pub fn name<'a>(&'a self, login: &'a str) -> &'a str {
        let l = login.trim();
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(l))
            .map_or(login, |(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Splits a config officer entry: "jsmith = Jane Smith" → (Some("jsmith"), "Jane Smith");
/// "Jane Smith" → (None, "Jane Smith").
pub fn split_entry(entry: &str) -> (Option<&str>, &str) {
    match entry.split_once('=') {
        Some((login, name)) if !login.trim().is_empty() && !name.trim().is_empty() => {
            (Some(login.trim()), name.trim())
        }
        _ => (None, entry.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_to_the_login() {
        let n = OfficerNames::new(vec![("jsmith".into(), "Jane Smith".into())]);
        assert_eq!(n.name("jsmith"), "Jane Smith");
        assert_eq!(n.name("JSmith"), "Jane Smith");
        assert_eq!(n.name("rpatel"), "rpatel");
        assert_eq!(
            split_entry("jsmith = Jane Smith"),
            (Some("jsmith"), "Jane Smith")
        );
        assert_eq!(split_entry("Jane Smith"), (None, "Jane Smith"));
        assert_eq!(split_entry("= x"), (None, "= x"));
    }
}
