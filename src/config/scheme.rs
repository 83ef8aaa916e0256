//! The `[scheme]` table: a preset, or categories written out, checked field by field.

use super::*;

pub(super) fn scheme(src: &Source<'_>, s: &Spanned<RawScheme>) -> Result<Scheme, ConfigError> {
    let raw = s.get_ref();
    let presets = Scheme::presets();
    let preset_names = || {
        presets
            .iter()
            .map(|(n, _)| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut scheme = match (&raw.preset, &raw.categories) {
        (Some(_), Some(c)) => {
            return Err(src.invalid(
                c,
                "scheme.categories".into(),
                "both a preset and categories are given; remove the preset line or the [[scheme.categories]] blocks".into(),
            ));
        }
        (None, None) => {
            return Err(src.invalid(
                s,
                "scheme".into(),
                format!(
                    "no scheme given; set preset = one of {}, or list [[scheme.categories]]",
                    preset_names()
                ),
            ));
        }
        (Some(p), None) => match presets.iter().find(|(n, _)| *n == p.get_ref().trim()) {
            Some((_, scheme)) => scheme.clone(),
            None => {
                return Err(src.invalid(
                    p,
                    "scheme.preset".into(),
                    format!(
                        "'{}' is not a preset; use one of {}, or list [[scheme.categories]] instead",
                        clean(p.get_ref()),
                        preset_names()
                    ),
                ));
            }
        },
        (None, Some(c)) => Scheme {
            name: "Custom scheme".into(),
            categories: categories(src, c)?,
            map: vec![],
        },
    };
    if let Some(n) = &raw.name {
        let name = clean(n.get_ref());
        if name.is_empty() {
            return Err(src.invalid(
                n,
                "scheme.name".into(),
                "is empty; give the scheme a name or remove the line".into(),
            ));
        }
        scheme.name = name;
    }
    if let Some(map) = &raw.map {
        for (old, new) in map.get_ref() {
            let key = format!("scheme.map.{}", clean(old));
            if scheme.categories.iter().any(|c| c.key == *old) {
                return Err(src.invalid(
                    new,
                    key,
                    format!(
                        "'{}' is a category of this scheme: map only earlier schemes' keys",
                        clean(old)
                    ),
                ));
            }
            if !scheme.categories.iter().any(|c| c.key == *new.get_ref()) {
                let keys: Vec<String> = scheme
                    .categories
                    .iter()
                    .map(|c| format!("\"{}\"", c.key))
                    .collect();
                return Err(src.invalid(
                    new,
                    key,
                    format!(
                        "'{}' is not a category of this scheme; use one of {}",
                        clean(new.get_ref()),
                        keys.join(", ")
                    ),
                ));
            }
            scheme.map.push((old.clone(), new.get_ref().clone()));
        }
    }
    Ok(scheme)
}

fn categories(
    src: &Source<'_>,
    list: &Spanned<Vec<Spanned<RawCategory>>>,
) -> Result<Vec<Category>, ConfigError> {
    if list.get_ref().len() < 2 {
        return Err(src.invalid(
            list,
            "scheme.categories".into(),
            format!(
                "{} categor{} given; a scheme needs at least two, most support first",
                list.get_ref().len(),
                if list.get_ref().len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            ),
        ));
    }
    let mut keys: HashSet<String> = HashSet::new();
    let mut out = vec![];
    for (i, c) in list.get_ref().iter().enumerate() {
        let c = c.get_ref();
        let at = |field: &str| format!("scheme.categories[{i}].{field}");
        let non_empty = |v: &Spanned<String>, field: &str| -> Result<String, ConfigError> {
            let s = clean(v.get_ref());
            if s.is_empty() {
                Err(src.invalid(
                    v,
                    at(field),
                    format!("the {field} is empty; every category needs one"),
                ))
            } else {
                Ok(s)
            }
        };
        let key = non_empty(&c.key, "key")?;
        if key.chars().any(char::is_whitespace) {
            return Err(src.invalid(
                &c.key,
                at("key"),
                format!("'{key}' contains a space; use a short word such as \"high\" or \"needs-support\""),
            ));
        }
        if !keys.insert(key.clone()) {
            return Err(src.invalid(
                &c.key,
                at("key"),
                format!("'{key}' is used by another category; each key must be unique"),
            ));
        }
        let colour_raw = c.colour.get_ref().trim().to_ascii_lowercase();
        let colour = if colour_raw == "grey" {
            "gray".to_string()
        } else {
            colour_raw
        };
        if !COLOURS.contains(&colour.as_str()) {
            return Err(src.invalid(
                &c.colour,
                at("colour"),
                format!(
                    "'{}' is not a colour ({})",
                    clean(c.colour.get_ref()),
                    COLOURS.join(", ")
                ),
            ));
        }
        if let Some(w) = &c.checkpoint_weeks
            && *w.get_ref() == 0
        {
            return Err(src.invalid(
                w,
                at("checkpoint_weeks"),
                "0 weeks between checkpoints; leave the line out for a category without checkpoints".into(),
            ));
        }
        out.push(Category {
            key,
            name: non_empty(&c.name, "name")?,
            label: non_empty(&c.label, "label")?,
            symbol: non_empty(&c.symbol, "symbol")?,
            colour,
            description: clean(&c.description),
            entitlement: Entitlement {
                checkpoint_weeks: c.checkpoint_weeks.as_ref().map(|w| *w.get_ref()),
                visits_per_year: c.visits_per_year,
                strategy_meetings: c.strategy_meetings,
            },
        });
    }
    Ok(out)
}
