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
