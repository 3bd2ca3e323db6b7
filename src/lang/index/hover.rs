//! Hover text for a declared name: its kind, its declaring line, its
//! `source` notes and, for a metric, its shape and effects; read from the
//! syntax tree so it works when the check failed.

use std::fmt::Write as _;

use super::{Decl, NameIndex, NameKind};
use crate::base::time::duration;
use crate::lang::ast::{self, EffectShape, Item, ItemKind, LiteralUnit, Quantity, VarInit};
use crate::lang::source::SourceMap;

/// Markdown for declaration `decl` of `index`: kind and name, the line it
/// is declared on, what it holds, and its `source` notes.
pub fn hover(index: &NameIndex, decl: usize, items: &[Item], sources: &SourceMap) -> String {
    let Some(d) = index.decls().get(decl) else {
        return String::new();
    };
    let mut out = format!("**{}** `{}`", d.kind.word(), d.name);
    // An effect's metric, an enum value's enum, a choice's scene...
    if let Some(p) = d.parent.and_then(|p| index.decls().get(p)) {
        let _ = write!(out, " of {} `{}`", p.kind.word(), p.name);
    }
    out.push('\n');
    let line = declaring_line(d, sources);
    if !line.is_empty() {
        let _ = write!(out, "\n```drill\n{line}\n```\n");
    }
    let details = match d.kind {
        NameKind::Metric => find_metric(items, d).map(metric_details),
        NameKind::Flag | NameKind::Var | NameKind::Enum => var_details(items, d),
        NameKind::Effect => find_effect(items, d).map(|e| format!("{}\n", effect_line(e))),
        NameKind::Placeholder => Some("A word the player types for this command.\n".into()),
        NameKind::Alert => alert_details(items, d, sources),
        NameKind::Person => person_details(items, d),
        NameKind::Command => command_details(items, d),
        NameKind::Rubric => rubric_details(items, d, sources),
        _ => None,
    };
    if let Some(text) = details {
        out.push('\n');
        out.push_str(&text);
    }
    for s in &d.sources {
        let _ = write!(out, "\nSource: {s}\n");
    }
    out
}

/// The source line the name is written on, trimmed.
fn declaring_line(d: &Decl, sources: &SourceMap) -> String {
    let Some(file) = sources.get(d.span.file) else {
        return String::new();
    };
    let text = &file.text;
    let at = (d.span.start as usize).min(text.len());
    let start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or("").trim().to_string()
}

fn find_metric<'a>(items: &'a [Item], d: &Decl) -> Option<&'a ast::MetricDecl> {
    items.iter().find_map(|i| match &i.kind {
        ItemKind::Metric(m) if m.name.span == d.span => Some(&**m),
        _ => None,
    })
}

fn find_effect<'a>(items: &'a [Item], d: &Decl) -> Option<&'a ast::EffectDecl> {
    items.iter().find_map(|i| match &i.kind {
        ItemKind::Metric(m) => m.effects.iter().find(|e| e.name.span == d.span),
        _ => None,
    })
}

/// A number as written, with its unit word (or the metric's).
fn quantity(q: &Quantity, unit: &str) -> String {
    match q.unit {
        LiteralUnit::Millis => duration(q.value as u64),
        LiteralUnit::Percent => format!("{}%", q.value),
        LiteralUnit::None if unit == "%" => format!("{}%", q.value),
        LiteralUnit::None if unit.is_empty() => format!("{}", q.value),
        LiteralUnit::None => format!("{} {unit}", q.value),
    }
}

/// A metric's unit, baseline, noise, daily swing, range and effects.
fn metric_details(m: &ast::MetricDecl) -> String {
    let unit = m.unit.as_ref().map_or("", |u| u.name.as_str());
    let mut out = String::new();
    if let Some(label) = &m.label {
        let _ = writeln!(out, "{}  ", label.plain());
    }
    if !unit.is_empty() {
        let _ = writeln!(out, "Unit: {unit}  ");
    }
    if let Some(b) = &m.baseline {
        let _ = writeln!(out, "Baseline: {}  ", quantity(b, unit));
    }
    if let Some(n) = &m.noise {
        let _ = writeln!(out, "Noise: ±{}  ", quantity(n, unit));
    }
    if let Some((swing, peak)) = &m.daily {
        let _ = writeln!(
            out,
            "Daily: ±{} peaking at {:02}:{:02}  ",
            quantity(swing, unit),
            peak / 3600,
            peak / 60 % 60
        );
    }
    if let Some((lo, hi)) = &m.range {
        let _ = writeln!(
            out,
            "Range: {} to {}  ",
            quantity(lo, unit),
            quantity(hi, unit)
        );
    }
    if !m.effects.is_empty() {
        out.push_str("\nEffects:\n");
        for e in &m.effects {
            let _ = writeln!(out, "- {}", effect_line(e));
        }
    }
    out
}

/// `` `name`: ramp to 40% over 2m while cond `` for one effect.
fn effect_line(e: &ast::EffectDecl) -> String {
    let shape = match e.shape {
        EffectShape::Step => "step",
        EffectShape::Ramp => "ramp",
        EffectShape::Spike => "spike",
        EffectShape::Decay => "decay",
        EffectShape::Gap => "gap",
    };
    let mut s = format!("`{}`: {shape}", e.name.name);
    if e.shape != EffectShape::Gap {
        s.push_str(if e.relative { " by " } else { " to " });
        match (&e.level.value, &e.level.expr) {
            (Some(q), _) => s.push_str(&quantity(q, "")),
            (None, Some(_)) => s.push_str("an expression"),
            (None, None) => s.push_str("baseline"),
        }
    }
    if let Some(d) = e.duration {
        let word = if e.shape == EffectShape::Spike || e.shape == EffectShape::Gap {
            "for"
        } else {
            "over"
        };
        let _ = write!(s, " {word} {}", duration(d.ms));
    }
    if e.while_cond.is_some() {
        s.push_str(" (while a condition holds)");
    }
    s
}

/// A flag's, var's or enum's initial value or values.
fn var_details(items: &[Item], d: &Decl) -> Option<String> {
    let init = items.iter().find_map(|i| match &i.kind {
        ItemKind::Var(name, init) if name.span == d.span => Some(init),
        _ => None,
    })?;
    Some(match init {
        VarInit::Flag(b) => format!("Initially `{b}`.\n"),
        VarInit::Number(q) => format!("Initially `{}`.\n", quantity(q, "")),
        VarInit::Enum(vals) => {
            let names: Vec<String> = vals.iter().map(|v| format!("`{}`", v.name)).collect();
            format!("Values: {} (initially the first).\n", names.join(", "))
        }
    })
}

/// An alert's condition, severity and runbook.
fn alert_details(items: &[Item], d: &Decl, sources: &SourceMap) -> Option<String> {
    let a = items.iter().find_map(|i| match &i.kind {
        ItemKind::Alert(a) if a.name.span == d.span => Some(&**a),
        _ => None,
    })?;
    let mut out = String::new();
    if let Some((cond, hold)) = &a.when {
        let _ = write!(out, "Fires when `{}`", sources.text(cond.span));
        if let Some(h) = hold {
            let _ = write!(out, " for {}", duration(h.ms));
        }
        out.push_str("  \n");
    }
    if let Some(s) = &a.severity {
        let _ = writeln!(out, "Severity: {}  ", s.name);
    }
    if let Some(r) = &a.runbook {
        let _ = writeln!(out, "Runbook: `{}`  ", r.name);
    }
    Some(out)
}

/// A person's role and team, and whether they can be paged.
fn person_details(items: &[Item], d: &Decl) -> Option<String> {
    let p = items.iter().find_map(|i| match &i.kind {
        ItemKind::Person(p) if p.name.span == d.span => Some(&**p),
        _ => None,
    })?;
    let mut out = p.full_name.plain();
    if let Some(r) = &p.role {
        let _ = write!(out, ", {}", r.plain());
    }
    if let Some(t) = &p.team {
        let _ = write!(out, " (team {})", t.name);
    }
    out.push_str(if p.pageable { "; pageable\n" } else { "\n" });
    Some(out)
}

/// A command's patterns, aliases included.
fn command_details(items: &[Item], d: &Decl) -> Option<String> {
    let c = items.iter().find_map(|i| match &i.kind {
        ItemKind::Command(c) if c.name.span == d.span => Some(&**c),
        _ => None,
    })?;
    let mut out = String::new();
    for p in &c.patterns {
        let _ = writeln!(out, "- `{}`", p.plain());
    }
    Some(out)
}

/// A rubric entry's title and condition.
fn rubric_details(items: &[Item], d: &Decl, sources: &SourceMap) -> Option<String> {
    let it = items.iter().find_map(|i| match &i.kind {
        ItemKind::Debrief(db) => db.items.iter().find(|it| it.name.span == d.span),
        _ => None,
    })?;
    let mut out = format!("{}  \n", it.title.plain());
    if let Some(c) = &it.cond {
        let _ = writeln!(out, "When `{}`", sources.text(c.span));
    }
    Some(out)
}
