//! What a caller asks `sqa serve` to write on its behalf (`sqa import gias`, `sqa check
//! --repair` while the server holds the store), and a GIAS import as a request: the extract read and checked where the file is (the caller's
//! side), carried to whatever holds the store (this process, or `sqa serve` over its socket).

use super::gias::GiasParse;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiasImport {
    /// The file as the caller named it (for the audit trail and messages).
    pub source: String,
    /// The local authority code the rows were chosen by.
    pub la: String,
    /// Say what would change, change nothing.
    pub dry_run: bool,
    pub parsed: GiasParse,
}

/// A write a command asks the server to make with the caller's identity and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServedWrite {
    Gias(GiasImport),
    /// `check --repair`.
    Repair,
}
