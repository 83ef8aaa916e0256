//! The DfE "Get Information About Schools" (GIAS) establishment extract, `edubasealldata*.csv`.
//!
//! The published file is Windows-1252, has 130-odd columns whose set and order change between
//! releases, writes dates as `dd-mm-yyyy` and uses placeholders such as `Not applicable` for
//! "nothing". Columns are read by header name, never by position. Parsing is pure (bytes in,
//! [`GiasParse`] out) and so is planning ([`plan_import`]); saving is the caller's business.

use crate::domain::text::clean_line;
use crate::domain::{OfstedOutcome, Phase, School, SchoolType, Urn};
use chrono::NaiveDate;
use std::collections::HashMap;

pub use super::gias_card::CARD_COLUMNS as REPORT_CARD_COLUMNS;
use super::gias_card::{CARD_COLUMNS, read_card};
pub use super::plan::{ImportPlan, KeptLocal, plan_import, plan_import_keeping};

/// What to keep from the extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiasOptions {
    /// The local authority code, `LA (code)` in the extract, e.g. "999".
    pub la_code: String,
    /// Keep closed establishments too (normally only "Open" and "Open, but proposed to close").
    pub include_closed: bool,
}

/// One school read from the extract. `school.rev` is 0 and the LA's own fields (link officer,
/// chair of governors) are empty: GIAS does not hold them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GiasRow {
    /// Physical line of the record in the file (the header is line 1).
    pub line: u64,
    pub school: School,
}

/// A row of the chosen LA that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub line: u64,
    pub urn: Option<u32>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct GiasParse {
    pub schools: Vec<GiasRow>,
    pub skipped: Vec<Skipped>,
    /// Rows belonging to other local authorities (not an error: the extract covers England).
    pub other_la: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GiasError {
    #[error(
        "{file}: this is a zip archive, not the CSV itself; unzip it and import the edubasealldata*.csv inside"
    )]
    Zip { file: String },
    #[error(
        "{file}: the file is empty; download the establishment extract (all establishment data, CSV) from Get Information About Schools and try again"
    )]
    Empty { file: String },
    #[error(
        "{file}, line 1: this does not look like a GIAS establishment extract (no URN or EstablishmentName column in the header); import the edubasealldata*.csv file from Get Information About Schools"
    )]
    NotGias { file: String },
    #[error(
        "{file}, line 1: required column(s) {} missing from the header; download the full 'all establishment data' extract, which has them", quoted(.columns)
    )]
    MissingColumns { file: String, columns: Vec<String> },
    #[error(
        "{file}, line {line}: the file cannot be read as CSV ({detail}); check that it is the unmodified extract"
    )]
    Csv {
        file: String,
        line: u64,
        detail: String,
    },
}

fn quoted(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

const URN: &str = "URN";
const LA_CODE: &str = "LA (code)";
const LA_NAME: &str = "LA (name)";
const NAME: &str = "EstablishmentName";
const TYPE: &str = "TypeOfEstablishment (name)";
const TYPE_GROUP: &str = "EstablishmentTypeGroup (name)";
const STATUS: &str = "EstablishmentStatus (name)";
const PHASE: &str = "PhaseOfEducation (name)";
const RELIGIOUS: &str = "ReligiousCharacter (name)";
const DIOCESE: &str = "Diocese (name)";
const TRUSTS: &str = "Trusts (name)";
const FEDERATIONS: &str = "Federations (name)";
const HEAD_TITLE: &str = "HeadTitle (name)";
const HEAD_FIRST: &str = "HeadFirstName";
const HEAD_LAST: &str = "HeadLastName";
const PUPILS: &str = "NumberOfPupils";
const OFSTED: &str = "OfstedRating (name)";
const OFSTED_DATE: &str = "OfstedLastInsp";
const OPEN_DATE: &str = "OpenDate";
const CLOSE_DATE: &str = "CloseDate";

/// Every column the importer reads; a missing one is an error naming it.
pub const REQUIRED_COLUMNS: [&str; 20] = [
    URN,
    LA_CODE,
    LA_NAME,
    NAME,
    TYPE,
    TYPE_GROUP,
    STATUS,
    PHASE,
    RELIGIOUS,
    DIOCESE,
    TRUSTS,
    FEDERATIONS,
    HEAD_TITLE,
    HEAD_FIRST,
    HEAD_LAST,
    PUPILS,
    OFSTED,
    OFSTED_DATE,
    OPEN_DATE,
    CLOSE_DATE,
];

/// Values GIAS writes for "nothing here".
pub(super) fn is_placeholder(v: &str) -> bool {
    let v = v.trim();
    v.is_empty()
        || [
            "not applicable",
            "does not apply",
            "(none)",
            "none",
            "not recorded",
        ]
        .iter()
        .any(|p| v.eq_ignore_ascii_case(p))
}

/// Decodes the file: UTF-8 (with or without a BOM) when it is valid UTF-8, else Windows-1252,
/// which is how GIAS publishes it.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Physical line numbers from byte offsets. The csv crate's own line count lags by one on CRLF
/// files (it counts the `\n` of a CRLF when it reads the next record), so count `\n` ourselves,
/// incrementally, as records are read in order.
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }
    /// Line of the first character of a record starting at `byte` (a record's recorded start may
    /// be the line break that ends the previous one).
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut b = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while b < self.text.len() && matches!(self.text[b], b'\r' | b'\n') {
            b += 1;
        }
        if b >= self.byte {
            let newlines = self.text[self.byte..b]
                .iter()
                .filter(|&&c| c == b'\n')
                .count();
            self.line += newlines as u64;
            self.byte = b;
        }
        self.line
    }
}

/// Column positions, looked up by header name.
struct Columns(HashMap<&'static str, usize>);

impl Columns {
    fn get<'r>(&self, rec: &'r csv::StringRecord, col: &'static str) -> &'r str {
        self.0
            .get(col)
            .and_then(|&i| rec.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Reads the extract and keeps the chosen LA's schools. Bad rows in that LA are returned as
/// [`Skipped`] with their line and column; a file that is not a GIAS extract is an error.
pub fn parse_gias(bytes: &[u8], source: &str, opts: &GiasOptions) -> Result<GiasParse, GiasError> {
    let file = source.to_string();
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(GiasError::Zip { file });
    }
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(GiasError::Empty { file });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| GiasError::Csv {
        file: file.clone(),
        line: 1,
        detail: e.to_string(),
    })?;
    let mut found: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}');
        // Report-card columns are read when the extract has them; older extracts do not.
        if let Some(&col) = REQUIRED_COLUMNS
            .iter()
            .chain(CARD_COLUMNS.iter())
            .find(|&&c| c == h)
        {
            found.entry(col).or_insert(i);
        }
    }
    if !found.contains_key(URN) && !found.contains_key(NAME) {
        return Err(GiasError::NotGias { file });
    }
    let missing: Vec<String> = REQUIRED_COLUMNS
        .iter()
        .filter(|c| !found.contains_key(*c))
        .map(|c| c.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(GiasError::MissingColumns {
            file,
            columns: missing,
        });
    }
    let n_headers = headers.len();
    let cols = Columns(found);
    let la = opts.la_code.trim();
    let mut out = GiasParse::default();
    let mut seen: HashMap<Urn, u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(&text);
    loop {
        let line_before = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(line_before, |p| p.line())
                    .max(line_before);
                return Err(GiasError::Csv {
                    file,
                    line,
                    detail: e.to_string(),
                });
            }
        }
        let line = record
            .position()
            .map_or(line_before, |p| lines.line_at(p.byte()));
        // A blank line at the end of a file reads as one empty field.
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        if cols.get(&record, LA_CODE) != la {
            out.other_la += 1;
            continue;
        }
        let raw_urn = cols.get(&record, URN);
        let urn = raw_urn.parse::<u32>().ok().filter(|&u| u > 0);
        if record.len() != n_headers {
            out.skipped.push(Skipped {
                line,
                urn,
                reason: format!(
                    "line {line}: the row has {} fields but the header has {n_headers}; check the file was not edited or cut short",
                    record.len()
                ),
            });
            continue;
        }
        match read_row(&cols, &record, line, opts).and_then(|s| within_limits(s, line)) {
            Ok(school) => {
                if let Some(first) = seen.insert(school.urn, line) {
                    out.skipped.push(Skipped {
                        line,
                        urn: Some(school.urn),
                        reason: format!(
                            "line {line}: column URN: {} appears again (first on line {first}); the first row was kept",
                            school.urn
                        ),
                    });
                    seen.insert(school.urn, first);
                } else {
                    out.schools.push(GiasRow { line, school });
                }
            }
            Err(reason) => out.skipped.push(Skipped { line, urn, reason }),
        }
    }
    Ok(out)
}

/// The largest extract read: refused before it is read (README, "Limits"). The full
/// all-establishments extract for England is under 100 MB.
pub const MAX_GIAS_BYTES: u64 = 256 << 20;

/// A row whose names are longer than any real one (`MAX_NAME_CHARS`) is skipped, naming the
/// line and the field: a name that long is a damaged or hostile file, and would not fit a screen.
fn within_limits(school: School, line: u64) -> Result<School, String> {
    use crate::domain::limits::MAX_NAME_CHARS;
    let fields = [
        ("name", Some(&school.name)),
        ("headteacher", Some(&school.headteacher)),
        ("trust", school.trust.as_ref()),
        ("diocese", school.diocese.as_ref()),
        ("chair_of_governors", Some(&school.chair_of_governors)),
        ("link_officer", Some(&school.link_officer)),
    ];
    for (field, value) in fields {
        let n = value.map_or(0, |v| v.chars().count());
        if n > MAX_NAME_CHARS {
            return Err(format!(
                "line {line}: the school's {field} is {n} characters long, at most {MAX_NAME_CHARS}"
            ));
        }
    }
    Ok(school)
}

pub(super) fn bad(line: u64, col: &str, value: &str, what: &str) -> String {
    format!(
        "line {line}: column {col}: '{}' {what}",
        clean_line(value).chars().take(60).collect::<String>()
    )
}

fn read_row(
    cols: &Columns,
    rec: &csv::StringRecord,
    line: u64,
    opts: &GiasOptions,
) -> Result<School, String> {
    let get = |c| cols.get(rec, c);
    let raw_urn = get(URN);
    let urn: Urn = raw_urn
        .parse::<u32>()
        .ok()
        .filter(|&u| u > 0)
        .ok_or_else(|| {
            bad(
                line,
                URN,
                raw_urn,
                "is not a URN (a whole number, e.g. 100000)",
            )
        })?;
    let status = get(STATUS);
    let open = status.eq_ignore_ascii_case("Open")
        || status.eq_ignore_ascii_case("Open, but proposed to close");
    if !open && !opts.include_closed {
        return Err(format!("not open ({})", clean_line(status)));
    }
    let type_name = get(TYPE);
    let Some((type_phase, school_type)) = map_type(type_name) else {
        return Err(format!(
            "not in the SQA process: {}",
            if type_name.is_empty() {
                "no type of establishment".to_string()
            } else {
                clean_line(type_name)
            }
        ));
    };
    let phase = match type_phase {
        Some(p) => p,
        None => map_phase(get(PHASE), get(TYPE_GROUP)).ok_or_else(|| {
            bad(
                line,
                PHASE,
                get(PHASE),
                "is not a phase of education this tool knows (Nursery, Primary, Middle deemed primary, Middle deemed secondary, Secondary, All-through, 16 plus)",
            )
        })?,
    };
    let name = clean_line(get(NAME)).trim().to_string();
    if name.is_empty() {
        return Err(format!("line {line}: column {NAME}: the name is empty"));
    }
    let pupils_raw = get(PUPILS);
    let pupils = if is_placeholder(pupils_raw) {
        0
    } else {
        pupils_raw
            .parse::<u32>()
            .map_err(|_| bad(line, PUPILS, pupils_raw, "is not a number of pupils"))?
    };
    let ofsted_date = date(get(OFSTED_DATE), line, OFSTED_DATE)?;
    let opened = date(get(OPEN_DATE), line, OPEN_DATE)?;
    date(get(CLOSE_DATE), line, CLOSE_DATE)?;
    let ofsted = map_ofsted(get(OFSTED), ofsted_date.is_some()).ok_or_else(|| {
        bad(
            line,
            OFSTED,
            get(OFSTED),
            "is not an Ofsted outcome (Outstanding, Good, Requires improvement, Inadequate, Serious Weaknesses, Special Measures or empty)",
        )
    })?;
    let report_card = read_card(&get, line)?;
    let text = |c| {
        let v = get(c);
        if is_placeholder(v) {
            None
        } else {
            Some(clean_line(v).trim().to_string())
        }
    };
    let trust = text(TRUSTS).or_else(|| text(FEDERATIONS));
    let headteacher = [HEAD_TITLE, HEAD_FIRST, HEAD_LAST]
        .into_iter()
        .filter_map(text)
        .collect::<Vec<_>>()
        .join(" ");
    Ok(School {
        urn,
        name,
        phase,
        school_type,
        trust,
        diocese: text(DIOCESE),
        headteacher,
        chair_of_governors: String::new(),
        link_officer: String::new(),
        contact_email: String::new(),
        notes: String::new(),
        pupils,
        ofsted,
        ofsted_date,
        report_card,
        opened,
        rev: 0,
    })
}

/// `dd-mm-yyyy` (as published; `dd/mm/yyyy` is accepted too, as a spreadsheet may save it).
pub(super) fn date(v: &str, line: u64, col: &str) -> Result<Option<NaiveDate>, String> {
    if is_placeholder(v) {
        return Ok(None);
    }
    ["%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
        .map(Some)
        .ok_or_else(|| bad(line, col, v, "is not a date (dd-mm-yyyy)"))
}

/// Type of establishment → (phase forced by the type, type). `None`: not an SQA school.
fn map_type(t: &str) -> Option<(Option<Phase>, SchoolType)> {
    use SchoolType::*;
    let special = Some(Phase::Special);
    let pru = Some(Phase::Pru);
    let r = match t.to_ascii_lowercase().as_str() {
        "community school" => (None, Community),
        "voluntary aided school" => (None, VoluntaryAided),
        "voluntary controlled school" => (None, VoluntaryControlled),
        "foundation school" => (None, Foundation),
        "academy converter" => (None, AcademyConverter),
        "academy sponsor led" => (None, AcademySponsorLed),
        "academy 16-19 converter" => (Some(Phase::Post16), AcademyConverter),
        "academy 16 to 19 sponsor led" => (Some(Phase::Post16), AcademySponsorLed),
        "free schools"
        | "free schools 16 to 19"
        | "university technical college"
        | "studio schools" => (None, FreeSchool),
        "local authority nursery school" => (Some(Phase::Nursery), Community),
        "community special school" => (special, Community),
        "foundation special school" => (special, Foundation),
        "academy special converter" => (special, AcademyConverter),
        "academy special sponsor led" => (special, AcademySponsorLed),
        "free schools special" => (special, FreeSchool),
        // Not maintained by the LA nor an academy; its governing body is the employer, which is
        // nearest to a foundation school.
        "non-maintained special school" => (special, Foundation),
        "pupil referral unit" => (pru, Community),
        "academy alternative provision converter" => (pru, AcademyConverter),
        "academy alternative provision sponsor led" => (pru, AcademySponsorLed),
        "free schools alternative provision" => (pru, FreeSchool),
        _ => return None,
    };
    Some(r)
}

fn map_phase(phase: &str, group: &str) -> Option<Phase> {
    let p = phase.trim().to_ascii_lowercase();
    Some(match p.as_str() {
        "nursery" => Phase::Nursery,
        "primary" => Phase::Primary,
        "middle deemed primary" | "middle deemed secondary" => Phase::Middle,
        "secondary" => Phase::Secondary,
        "all-through" | "all through" => Phase::AllThrough,
        "16 plus" => Phase::Post16,
        "pupil referral unit" => Phase::Pru,
        _ if is_placeholder(&p) && group.trim().eq_ignore_ascii_case("special schools") => {
            Phase::Special
        }
        _ => return None,
    })
}

fn map_ofsted(v: &str, inspected: bool) -> Option<OfstedOutcome> {
    let v = v.trim().to_ascii_lowercase();
    Some(match v.as_str() {
        "outstanding" => OfstedOutcome::Outstanding,
        "good" => OfstedOutcome::Good,
        "requires improvement" => OfstedOutcome::RequiresImprovement,
        "inadequate" => OfstedOutcome::Inadequate,
        // Kept apart: the category is what an authority acts on (a warning notice, an
        // academy order), and the register names it.
        "serious weaknesses" => OfstedOutcome::SeriousWeaknesses,
        "special measures" => OfstedOutcome::SpecialMeasures,
        // Inspections since September 2024 give no overall grade.
        _ if is_placeholder(&v) && inspected => OfstedOutcome::NoOverallGrade,
        _ if is_placeholder(&v) => OfstedOutcome::NotYetInspected,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_and_utf8() {
        assert_eq!(decode(b"FIERT\xC9 \x96 x"), "FIERTÉ – x");
        assert_eq!(decode("FIERTÉ".as_bytes()), "FIERTÉ");
        assert_eq!(decode(b"\xEF\xBB\xBFURN"), "URN");
    }

    #[test]
    fn maps_phases_and_outcomes() {
        assert_eq!(
            map_phase("Not applicable", "Special schools"),
            Some(Phase::Special)
        );
        assert_eq!(
            map_phase("Not applicable", "Local authority maintained schools"),
            None
        );
        assert_eq!(
            map_ofsted("Special Measures", true),
            Some(OfstedOutcome::SpecialMeasures)
        );
        assert_eq!(
            map_ofsted("serious weaknesses", true),
            Some(OfstedOutcome::SeriousWeaknesses)
        );
        assert_eq!(map_ofsted("", true), Some(OfstedOutcome::NoOverallGrade));
        assert_eq!(map_ofsted("", false), Some(OfstedOutcome::NotYetInspected));
        assert_eq!(map_ofsted("Splendid", false), None);
        assert!(map_type("Other independent school").is_none());
    }
}
