//! Messages about workshops (to be written).

use super::letter::Letter;
use super::message::Ctx;
use serde::{Deserialize, Serialize};

/// A message about workshops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkshopMessage {}

impl WorkshopMessage {
    pub fn kind(&self) -> &'static str {
        match *self {}
    }

    pub fn letter(&self, _ctx: &Ctx<'_>) -> Letter {
        match *self {}
    }
}
