//! The configuration file: the default, presets, an explicit scheme, and refusals that point at
//! the line and key to fix.

use sqa_board::config::{Config, ConfigError, DEFAULT_TOML};
use sqa_board::domain::{Scheme, TermBoundaries};

fn err(text: &str) -> String {
    match Config::parse(text, "config.toml") {
        Ok(c) => panic!("accepted a bad config: {c:?}\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_default_file_parses_to_the_defaults() {
    let c = Config::parse(DEFAULT_TOML, "config.default.toml").unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(c.scheme, Scheme::la_default());
    assert_eq!(c.visit_types.len(), 6);
    assert_eq!(c.terms, TermBoundaries::default());
    // An empty file is the defaults too.
    assert_eq!(Config::parse("", "x").unwrap(), Config::default());
}

#[test]
fn each_preset_parses() {
    for (name, scheme) in Scheme::presets() {
        let text = format!("[scheme]\npreset = \"{name}\"\n");
        assert_eq!(Config::parse(&text, "c").unwrap().scheme, scheme, "{name}");
    }
}

const FOUR: &str = r#"visit_types = ["Support visit", "Deep dive"]
officers = ["Jane Smith", "Ravi Patel"]

[terms]
spring_starts = "06/01"
summer_starts = "20/04"

[scheme]
name = "Wealdshire categories"

[[scheme.categories]]
key = "intensive"
name = "Intensive"
label = "INT"
symbol = "▲"
colour = "red"
description = "Intensive support"
checkpoint_weeks = 4
visits_per_year = 12
strategy_meetings = true

[[scheme.categories]]
key = "targeted"
name = "Targeted"
label = "TGT"
symbol = "◆"
colour = "yellow"
checkpoint_weeks = 8
visits_per_year = 6

[[scheme.categories]]
key = "monitor"
name = "Monitor"
label = "MON"
symbol = "●"
colour = "Grey"
visits_per_year = 3

[[scheme.categories]]
key = "universal"
name = "Universal"
label = "UNIV"
symbol = "○"
colour = "green"
visits_per_year = 1
"#;

#[test]
fn an_explicit_four_category_scheme_parses() {
    let c = Config::parse(FOUR, "c").unwrap();
    assert_eq!(c.scheme.name, "Wealdshire categories");
    let keys: Vec<&str> = c.scheme.categories.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["intensive", "targeted", "monitor", "universal"]);
    let int = &c.scheme.categories[0];
    assert_eq!(int.entitlement.checkpoint_weeks, Some(4));
    assert_eq!(int.entitlement.visits_per_year, 12);
    assert!(int.entitlement.strategy_meetings);
    assert_eq!(c.scheme.categories[2].colour, "gray");
    assert_eq!(c.scheme.categories[2].entitlement.checkpoint_weeks, None);
    assert!(!c.scheme.categories[3].entitlement.strategy_meetings);
    assert_eq!(c.terms.spring_starts, (1, 6));
    assert_eq!(c.terms.summer_starts, (4, 20));
    assert_eq!(c.officers, ["Jane Smith", "Ravi Patel"]);
    assert_eq!(c.visit_types, ["Support visit", "Deep dive"]);
}

#[test]
fn a_bad_colour_names_line_key_and_choices() {
    let text = FOUR.replace("colour = \"yellow\"", "colour = \"purple-ish\"");
    assert_eq!(
        err(&text),
        "config.toml, line 27, key scheme.categories[1].colour: 'purple-ish' is not a colour (red, yellow, green, blue, magenta, cyan, gray, white)"
    );
}

#[test]
fn an_unknown_key_is_refused_with_its_line() {
    let text = FOUR.replace(
        "visits_per_year = 6",
        "visits_per_year = 6\nvisits_per_term = 2",
    );
    let e = err(&text);
    assert!(e.starts_with("config.toml, line 30, column 1"), "{e}");
    assert!(e.contains("visits_per_term"), "{e}");
    assert!(
        e.contains("key scheme.categories[1].visits_per_term"),
        "{e}"
    );

    let e = err("colour_scheme = \"dark\"\n");
    assert!(e.starts_with("config.toml, line 1"), "{e}");
    assert!(e.contains("colour_scheme"), "{e}");
}

#[test]
fn a_duplicate_category_key_is_refused() {
    let text = FOUR.replace("key = \"monitor\"", "key = \"targeted\"");
    let e = err(&text);
    assert!(
        e.starts_with("config.toml, line 32, key scheme.categories[2].key: 'targeted'"),
        "{e}"
    );
    assert!(e.contains("unique"), "{e}");
}

#[test]
fn bad_term_dates_are_refused() {
    let e = err("[terms]\nspring_starts = \"31/02\"\n");
    assert!(
        e.starts_with("config.toml, line 2, key terms.spring_starts: '31/02' is not a day"),
        "{e}"
    );
    let e = err("[terms]\nspring_starts = \"01/01\"\nsummer_starts = \"2027-04-01\"\n");
    assert!(
        e.starts_with("config.toml, line 3, key terms.summer_starts"),
        "{e}"
    );
    let e = err("[terms]\nspring_starts = \"01/10\"\n");
    assert!(e.contains("January to August"), "{e}");
    let e = err("[terms]\nspring_starts = \"01/05\"\nsummer_starts = \"01/04\"\n");
    assert!(e.contains("must start after the spring term"), "{e}");
}

#[test]
fn a_toml_syntax_error_gives_its_line() {
    let text = FOUR.replace("label = \"MON\"", "label = \"MON");
    let e = err(&text);
    assert!(e.starts_with("config.toml, line 34, column"), "{e}");
}

#[test]
fn other_mistakes_are_refused() {
    let e = err("[scheme]\npreset = \"scotland\"\n");
    assert!(e.starts_with("config.toml, line 2, key scheme.preset: 'scotland' is not a preset"));
    assert!(
        e.contains("\"la-default\", \"trust-sustain\", \"wales\""),
        "{e}"
    );

    let one = FOUR
        .split("[[scheme.categories]]\nkey = \"targeted\"")
        .next()
        .unwrap();
    let e = err(one);
    assert!(e.contains("at least two"), "{e}");

    let e = err(&FOUR.replace("label = \"TGT\"", "label = \"  \""));
    assert!(
        e.starts_with("config.toml, line 25, key scheme.categories[1].label"),
        "{e}"
    );

    let e = err(&FOUR.replace("name = \"Wealdshire categories\"", "preset = \"wales\""));
    assert!(e.contains("both a preset and categories"), "{e}");

    let e = err("visit_types = []\n");
    assert!(e.contains("key visit_types"), "{e}");

    let e = err("rationale = \"sometimes\"\n");
    assert!(
        e.contains("key rationale") && e.contains("\"on-change\", \"always\" or \"never\""),
        "{e}"
    );
    assert_eq!(
        Config::parse("rationale = \"always\"\n", "c")
            .unwrap()
            .rationale,
        sqa_board::domain::RationaleRule::Always
    );

    let e = err("officers = [\"Jane\", \"jane\"]\n");
    assert!(e.contains("key officers[1]: 'jane' is listed twice"), "{e}");

    let e = err(&FOUR.replace("checkpoint_weeks = 8", "checkpoint_weeks = 0"));
    assert!(e.contains("checkpoint_weeks"), "{e}");

    let e = err(&FOUR.replace("visits_per_year = 6", "visits_per_year = \"six\""));
    assert!(e.starts_with("config.toml, line 29"), "{e}");
}

#[test]
fn load_or_create_writes_the_default_then_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("config.toml");
    assert_eq!(Config::load_or_create(&path).unwrap(), Config::default());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DEFAULT_TOML);
    assert_eq!(Config::load_or_create(&path).unwrap(), Config::default());

    std::fs::write(&path, "[scheme]\npreset = \"wales\"\n").unwrap();
    assert_eq!(
        Config::load_or_create(&path).unwrap().scheme,
        Scheme::wales()
    );

    std::fs::write(&path, "[scheme\n").unwrap();
    let e = Config::load_or_create(&path).unwrap_err();
    assert!(matches!(e, ConfigError::Syntax { line: 1, .. }), "{e}");
    assert!(e.to_string().contains("config.toml"), "{e}");
}

/// Officers may be listed by name (every older file) or as "login = Display Name": the names
/// are offered in forms, and the logins map to them for notes and exports.
#[test]
fn officers_may_give_their_login_and_display_name() {
    let c = Config::parse(
        "officers = [\"jsmith = Jane Smith\", \"Ravi Patel\"]\n",
        "config.toml",
    )
    .unwrap();
    assert_eq!(c.officers, vec!["Jane Smith", "Ravi Patel"]);
    assert_eq!(c.officer_names.name("jsmith"), "Jane Smith");
    assert_eq!(
        c.officer_names.name("rpatel"),
        "rpatel",
        "not listed: the login"
    );
    let old = Config::parse("officers = [\"Jane Smith\"]\n", "config.toml").unwrap();
    assert_eq!(old.officers, vec!["Jane Smith"]);
    assert!(old.officer_names.is_empty());
}
