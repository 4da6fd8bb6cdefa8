//! Who may see what of a report: a signed-in member of staff and the reports they may
//! open ([`Staff::may_see`]), and what each viewer (the public, the reporter, each staff
//! role) may see of who sent a report ([`Report::reporter_for`]). Decided here, never in
//! a view.

use super::case::Report;
use super::report::Privacy;
use super::staff::{Role, Session};

/// A signed-in member of staff.
#[derive(Debug, Clone)]
pub struct Staff {
    pub session: Session,
    pub role: Role,
    /// The cookie's token (to end the session).
    pub token: String,
}

impl Staff {
    /// Whether this member of staff may see `report`: admins and verifiers see every
    /// report; officers only those routed to their agency.
    pub fn may_see(&self, report: &Report) -> bool {
        match self.role {
            Role::Admin | Role::Verifier => true,
            Role::Officer => {
                report.routed_at.is_some()
                    && report.agency.is_some()
                    && report.agency.as_deref() == self.session.user.agency.as_deref()
            }
        }
    }

    /// The agency an officer belongs to (`None` for admins and verifiers: they see all).
    pub fn officer_agency(&self) -> Option<&str> {
        (self.role == Role::Officer).then(|| self.session.user.agency.as_deref().unwrap_or("-"))
    }
}

/// Who is looking at a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Anyone: the public page, feeds, open data.
    Public,
    /// The reporter, in their private view.
    Reporter,
    /// A member of staff with this role.
    Staff(Role),
}

/// Who sent a report, as far as a viewer may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReporterDetails<'a> {
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// Sent on someone else's behalf, and the sender's relationship to them.
    pub on_behalf: Option<&'a str>,
}

impl Report {
    /// What `viewer` may see of who sent the report: the public nothing, ever; an agency
    /// officer nothing of an anonymous report; the reporter, verifiers and admins all of
    /// it. The one place this is decided.
    pub fn reporter_for(&self, viewer: Viewer) -> Option<ReporterDetails<'_>> {
        let hidden = match viewer {
            Viewer::Public => true,
            Viewer::Staff(Role::Officer) => self.privacy == Privacy::Anonymous,
            Viewer::Reporter | Viewer::Staff(_) => false,
        };
        (!hidden).then(|| ReporterDetails {
            name: self.reporter_name.as_deref(),
            email: self.reporter_email.as_deref(),
            phone: self.reporter_phone.as_deref(),
            on_behalf: self
                .on_behalf
                .then(|| self.relationship.as_deref().unwrap_or_default()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Status;

    #[test]
    fn only_those_allowed_see_who_sent_a_report() {
        let mut r = crate::domain::workflow::tests::report(Status::Routed, Some("a"));
        r.on_behalf = true;
        r.relationship = Some("anak".into());
        let all = [Role::Admin, Role::Verifier, Role::Officer];
        assert_eq!(r.reporter_for(Viewer::Public), None);
        for role in all {
            assert_eq!(
                r.reporter_for(Viewer::Staff(role)).unwrap().name,
                Some("Siti")
            );
        }
        r.privacy = Privacy::Anonymous;
        assert_eq!(r.reporter_for(Viewer::Public), None);
        assert_eq!(r.reporter_for(Viewer::Staff(Role::Officer)), None);
        assert_eq!(
            r.reporter_for(Viewer::Staff(Role::Verifier))
                .unwrap()
                .on_behalf,
            Some("anak")
        );
        assert_eq!(r.reporter_for(Viewer::Reporter).unwrap().name, Some("Siti"));
    }
}
