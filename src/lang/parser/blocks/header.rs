//! The scenario header, the postmortem block and state declarations
//! (`flag`, `var`, `enum`).

use crate::lang::parser::*;
use std::collections::HashMap;

impl Parser<'_> {
    /// Reads a `scenario ID` header and its properties (see [`props::SCENARIO`]).
    #[allow(clippy::unnecessary_wraps)] // the same shape as every other block reader
    pub(in crate::lang::parser) fn scenario(&mut self, node: &Node) -> Option<ScenarioHeader> {
        let base = node.line.start;
        let pair = self.parse_line(Rule::scenario_line, node);
        let id = pair
            .and_then(|p| p.into_inner().nth(1))
            .map(|p| self.ident(base, &p));
        let mut h = ScenarioHeader {
            id,
            span: node.line.span(),
            ..ScenarioHeader::default()
        };
        self.read_props(node, &props::SCENARIO, &mut h);
        Some(h)
    }

    /// Reads `tags WORD...` (or a person's `team WORD`): tag words may hold dashes.
    pub(in crate::lang::parser) fn tags(&mut self, node: &Node) -> Option<Vec<Ident>> {
        let p = self.parse_line(Rule::tags_prop, node)?;
        let b = node.line.start;
        Some(
            p.into_inner()
                .filter(|t| t.as_rule() == Rule::tag)
                .map(|t| self.ident(b, &t))
                .collect(),
        )
    }

    /// Reads `start DATE CLOCK ZONE`, the wall-clock time the story begins,
    /// checking the date and clock so a typo is caught at check time.
    pub(in crate::lang::parser) fn start_time(&mut self, node: &Node) -> Option<StartTime> {
        let b = node.line.start;
        let p = self.parse_line(Rule::start_prop, node)?;
        let span = self.pair_span(b, &p);
        let mut it = p.into_inner().skip(1);
        let (date, clock, zone) = (it.next()?, it.next()?, it.next()?);
        let clock_secs = self.clock(b, &clock);
        self.check_date(b, &date);
        Some(StartTime {
            date: date.as_str().to_string(),
            clock_secs,
            zone: zone.as_str().to_string(),
            offset_minutes: zone_offset(zone.as_str()),
            span,
        })
    }

    /// Reports a `YYYY-MM-DD` date whose month or day cannot be.
    pub(in crate::lang::parser) fn check_date(&mut self, base: usize, pair: &Pair<'_, Rule>) {
        let s = pair.as_str();
        let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
        let day: u32 = s.get(8..10).and_then(|m| m.parse().ok()).unwrap_or(0);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            let span = self.pair_span(base, pair);
            self.error(
                Diagnostic::new(Code::BadLiteral, span, format!("`{s}` is not a date"))
                    .help("write dates as year-month-day, such as `2019-07-02`"),
            );
        }
    }

    /// Reads a `postmortem` block (see [`props::POSTMORTEM`]).
    pub(in crate::lang::parser) fn postmortem(&mut self, node: &Node) -> Option<Postmortem> {
        self.parse_line(Rule::bare_line, node)?;
        let mut pm = Postmortem {
            span: node.line.span(),
            ..Postmortem::default()
        };
        self.read_props(node, &props::POSTMORTEM, &mut pm);
        Some(pm)
    }

    /// Reads a postmortem's `date YYYY-MM-DD`, checking month and day.
    pub(in crate::lang::parser) fn date_prop(&mut self, node: &Node) -> Option<Ident> {
        let p = self.parse_line(Rule::date_prop, node)?;
        let d = p.into_inner().nth(1)?;
        self.check_date(node.line.start, &d);
        Some(self.ident(node.line.start, &d))
    }

    /// Reads a state declaration: `flag NAME [true]`, `var NAME NUMBER` or
    /// `enum NAME A B C` (reporting a value listed twice).
    pub(in crate::lang::parser) fn state_decl(
        &mut self,
        kw: &str,
        node: &Node,
    ) -> Option<(Ident, VarInit)> {
        let base = node.line.start;
        match kw {
            "flag" => {
                if let Some(id) = self.simple_value(node).and_then(|v| self.tok_ident(&v)) {
                    return Some((id, VarInit::Flag(false)));
                }
                let p = self.parse_line(Rule::flag_line, node)?;
                let mut it = p.into_inner().skip(1);
                let name = self.ident(base, &it.next()?);
                let init = it.next().is_some_and(|b| b.as_str() == "true");
                Some((name, VarInit::Flag(init)))
            }
            "var" => {
                let p = self.parse_line(Rule::var_line, node)?;
                let mut it = p.into_inner().skip(1);
                let name = self.ident(base, &it.next()?);
                let q = self.quantity(base, &it.next()?);
                Some((name, VarInit::Number(q)))
            }
            _ => {
                let p = self.parse_line(Rule::enum_line, node)?;
                let mut it = p.into_inner().skip(1);
                let name = self.ident(base, &it.next()?);
                let values: Vec<Ident> = it
                    .filter(|v| v.as_rule() == Rule::ident)
                    .map(|v| self.ident(base, &v))
                    .collect();
                let mut seen: HashMap<&str, Span> = HashMap::new();
                for v in &values {
                    if let Some(first) = seen.get(v.name.as_str()) {
                        self.error(
                            Diagnostic::new(
                                Code::DuplicateId,
                                v.span,
                                format!("`{}` is listed twice", v.name),
                            )
                            .secondary(*first, "first listed here")
                            .help("list each value once"),
                        );
                    } else {
                        seen.insert(&v.name, v.span);
                    }
                }
                Some((name, VarInit::Enum(values)))
            }
        }
    }
}
