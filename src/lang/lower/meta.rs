//! The scenario header: title, timing, seed and the other facts about the
//! scenario as a whole, and the check that a time falls within its duration.

use super::*;

impl Lowerer<'_> {
    /// Lowers the scenario header into the model's facts about the
    /// scenario, reporting missing required properties and values out of
    /// range. Records the duration, which bounds every later time.
    pub(super) fn meta(&mut self, item: &ast::Item, h: &ast::ScenarioHeader) -> Meta {
        self.required_header(item, h);
        let difficulty = self.difficulty(item, h);
        let role_kind = self.role_kind(h);
        let duration = self.duration_of(h);
        self.duration = Some(duration);
        let minutes = self.whole(h.minutes, 15.0, "minutes");
        let seed = self.whole(h.seed, 1.0, "seed");
        let speed = self.speed(h.speed);
        let start = h.start.as_ref();
        Meta {
            id: h.id.as_ref().map(|i| i.name.clone()).unwrap_or_default(),
            title: h.title.as_ref().map(ast::Text::plain).unwrap_or_default(),
            summary: h.summary.as_ref().map(ast::Text::plain).unwrap_or_default(),
            difficulty,
            minutes: minutes.min(f64::from(u32::MAX)) as u32,
            tags: h.tags.iter().map(|t| t.name.clone()).collect(),
            role: h.role.as_ref().map(ast::Text::plain).unwrap_or_default(),
            role_kind,
            briefing: h
                .briefing
                .as_ref()
                .map(ast::Text::plain)
                .unwrap_or_default(),
            start_date: start.map(|s| s.date.clone()).unwrap_or_default(),
            start_clock_secs: start.map_or(0, |s| s.clock_secs),
            zone: start.map_or_else(|| "UTC".into(), |s| s.zone.clone()),
            zone_offset_minutes: start.map_or(0, |s| s.offset_minutes),
            duration,
            speed,
            seed: seed.min(u64::MAX as f64) as u64,
            action_cost: h.cost.map_or(10_000, |c| c.ms),
            sources: item.sources.iter().map(ast::Text::plain).collect(),
        }
    }

    /// Reports each of `title`, `start` and `duration` the header lacks.
    fn required_header(&mut self, item: &ast::Item, h: &ast::ScenarioHeader) {
        for (present, what, example) in [
            (
                h.title.is_some(),
                "title",
                "title \"Checkout errors after a deploy\"",
            ),
            (h.start.is_some(), "start", "start 2019-07-02 13:40 UTC"),
            (h.duration.is_some(), "duration", "duration 45m"),
        ] {
            if !present {
                self.error(
                    Diagnostic::new(
                        Code::MissingProperty,
                        item.span,
                        format!("the scenario header has no `{what}`"),
                    )
                    .help(format!("add `{example}` below `scenario`")),
                );
            }
        }
    }

    /// The header's `difficulty`, medium unless given.
    fn difficulty(&mut self, item: &ast::Item, h: &ast::ScenarioHeader) -> Difficulty {
        match h.difficulty.as_ref().map(|d| d.name.as_str()) {
            None | Some("medium") => Difficulty::Medium,
            Some("easy") => Difficulty::Easy,
            Some("hard") => Difficulty::Hard,
            Some(other) => {
                let span = h.difficulty.as_ref().map_or(item.span, |d| d.span);
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        span,
                        format!("`{other}` is not a difficulty"),
                    )
                    .help("write `easy`, `medium` or `hard`"),
                );
                Difficulty::Medium
            }
        }
    }

    /// The kind of role the header's `role` gives the player, if it names one.
    fn role_kind(&mut self, h: &ast::ScenarioHeader) -> Option<Role> {
        let kind = h.role_kind.as_ref()?;
        let role = Role::from_word(&kind.name);
        if role.is_none() {
            let words: Vec<&str> = Role::ALL.iter().map(|r| r.word()).collect();
            let mut d = Diagnostic::new(
                Code::UnknownRole,
                kind.span,
                format!("`{}` is not a kind of role", kind.name),
            );
            d = match closest(&kind.name, words.iter().copied()) {
                Some(near) => d.help(format!("did you mean `{near}`?")).fix(near),
                None => d.help("write `primary`, `incident-commander` or `communications`"),
            };
            self.error(d);
        }
        role
    }

    /// The header's `duration` (30 minutes unless given); zero is refused.
    fn duration_of(&mut self, h: &ast::ScenarioHeader) -> Millis {
        if let Some(d) = h.duration
            && d.ms == 0
        {
            self.error(
                Diagnostic::new(
                    Code::BadLiteral,
                    d.span,
                    "the scenario's duration must be longer than zero",
                )
                .help("write for example `duration 45m`"),
            );
        }
        h.duration.map_or(30 * 60_000, |d| d.ms)
    }

    /// A property that takes a whole number (`minutes`, `seed`), or
    /// `default` when it is missing or not one.
    fn whole(&mut self, q: Option<ast::Quantity>, default: f64, what: &str) -> f64 {
        match q {
            Some(q) if q.unit != LiteralUnit::None || q.value < 0.0 || q.value.fract() != 0.0 => {
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        q.span,
                        format!("`{what}` takes a whole number"),
                    )
                    .help(format!("write for example `{what} 7`")),
                );
                default
            }
            Some(q) => q.value,
            None => default,
        }
    }

    /// The header's `speed`: above 0 and at most 1000, 1 unless given.
    fn speed(&mut self, q: Option<ast::Quantity>) -> f64 {
        match q {
            Some(q) if q.unit != LiteralUnit::None || q.value <= 0.0 || q.value > 1000.0 => {
                self.error(
                    Diagnostic::new(
                        Code::BadLiteral,
                        q.span,
                        "`speed` takes a number from above 0 to 1000",
                    )
                    .help("write for example `speed 2`"),
                );
                1.0
            }
            Some(q) => q.value,
            None => 1.0,
        }
    }

    /// Reports that a time (`what`, such as "this step") falls after the end of
    /// the scenario, so it can never happen.
    pub(super) fn after_duration(&mut self, at: ast::Millis, what: &str) {
        if let Some(d) = self.duration
            && at.ms > d
        {
            self.error(
                Diagnostic::new(
                    Code::AfterDuration,
                    at.span,
                    format!("{what} is after the scenario ends"),
                )
                .label(format!(
                    "the scenario lasts {}",
                    crate::base::time::duration(d)
                ))
                .help("move it earlier, or make the scenario's `duration` longer"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{Loaded, NoFiles, check};
    use crate::scenario::Role;

    fn header(role: &str) -> crate::lang::Checked {
        let text = format!(
            "scenario x\n    title \"X\"\n    {role}\n    start 2024-01-01 09:00 UTC\n    duration 30m\n\nscene first\n    Quiet.\n    * Close #close\n        end done\n\nending done \"Done\"\n    outcome resolved\n"
        );
        check(
            Loaded {
                name: "x.drill".into(),
                key: "x.drill".into(),
                bytes: text.into_bytes(),
            },
            &NoFiles,
        )
    }

    #[test]
    fn a_role_has_a_kind_its_words_or_both() {
        let both = header("role incident-commander \"Incident commander\"");
        let sc = both.scenario.as_ref().expect("checks");
        assert_eq!(sc.meta.role_kind, Some(Role::IncidentCommander));
        assert_eq!(sc.meta.role, "Incident commander");
        let kind = header("role communications");
        let sc = kind.scenario.as_ref().expect("checks");
        assert_eq!(sc.meta.role_kind, Some(Role::Communications));
        assert_eq!(sc.meta.role, "");
        let words = header("role \"Edge SRE\"");
        let sc = words.scenario.as_ref().expect("checks");
        assert_eq!(sc.meta.role_kind, None);
    }

    #[test]
    fn an_unknown_kind_of_role_is_an_error_with_the_nearest() {
        let c = header("role comunications \"Comms\"");
        assert!(c.scenario.is_none());
        let d = &c.diagnostics[0];
        assert_eq!(d.code, crate::lang::Code::UnknownRole);
        assert_eq!(d.help.as_deref(), Some("did you mean `communications`?"));
    }
}
