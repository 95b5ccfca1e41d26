//! One document's gold annotation, in the format of
//! `shared/gold/FORMAT.md`, built up as the text is written.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Gold {
    pub doc: String,
    pub doc_date: Option<String>,
    pub people: Vec<String>,
    pub bodies: Vec<String>,
    pub aliases: BTreeMap<String, Vec<String>>,
    pub roles: Vec<Role>,
    pub inspections: Vec<Inspection>,
    pub successions: Vec<Succession>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub person: String,
    pub role: String,
    pub body: String,
    pub when: Option<String>,
    pub status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    pub body: String,
    pub kind: &'static str,
    pub when: Option<String>,
    pub rating: Option<&'static str>,
    pub inspectors: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Succession {
    pub successor: String,
    pub predecessor: String,
    pub when: Option<String>,
    pub what: String,
}

impl Gold {
    pub fn person(&mut self, name: &str) {
        if !self.people.iter().any(|p| p == name) {
            self.people.push(name.to_string());
        }
    }

    pub fn body(&mut self, name: &str) {
        if !self.bodies.iter().any(|b| b == name) {
            self.bodies.push(name.to_string());
        }
    }

    pub fn alias(&mut self, name: &str, alias: &str) {
        if alias == name {
            return;
        }
        let v = self.aliases.entry(name.to_string()).or_default();
        if !v.iter().any(|a| a == alias) {
            v.push(alias.to_string());
        }
    }

    /// A role; the same person, post and body again is the same role.
    pub fn role(&mut self, person: &str, role: &str, body: &str, when: Option<String>, status: &'static str) {
        let role = role.to_lowercase();
        if let Some(r) = self.roles.iter_mut().find(|r| r.person == person && r.body == body && r.role == role) {
            if r.when.is_none() {
                r.when = when;
            }
            return;
        }
        self.roles.push(Role { person: person.to_string(), role, body: body.to_string(), when, status });
    }

    pub fn succession(&mut self, successor: &str, predecessor: &str, when: Option<String>, what: &str) {
        if self.successions.iter().any(|s| s.successor == successor && s.predecessor == predecessor) {
            return;
        }
        self.successions.push(Succession { successor: successor.to_string(), predecessor: predecessor.to_string(), when, what: what.to_string() });
    }
}
