//! Messages about staff (to be written).

use super::letter::Letter;
use super::message::Ctx;
use serde::{Deserialize, Serialize};

/// A message about staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffMessage {}

impl StaffMessage {
    pub fn kind(&self) -> &'static str {
        match *self {}
    }

    pub fn letter(&self, _ctx: &Ctx<'_>) -> Letter {
        match *self {}
    }
}
