//! Metric values over game time: baseline, daily swing, noise, and the effects
//! triggers start and stop. Pure arithmetic (no transcendental functions), so
//! a run computes the same numbers on every platform.

use crate::scenario::{Effect, EffectId, EffectShape, Metric, Millis, Target};
// `rand` with `rand_pcg`: PCG is small, fast and portable, and rand's
// uniform `f64` is integer arithmetic (the top 53 bits of one `u64`, scaled),
// so a seed gives the same numbers on every platform. Both are pinned to a
// minor version in Cargo.toml; `golden` below notices any change.
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// An effect that is moving its metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Active {
    pub effect: EffectId,
    pub since: Millis,
    /// The metric's clean value (no noise) when the effect started.
    pub from: f64,
    /// Where it moves the metric: the effect's own target, with a level
    /// written as an expression worked out when it started.
    pub target: Target,
}

/// What a stopped effect leaves behind: its last contribution, fading out.
#[derive(Debug, Clone, PartialEq)]
pub struct Fade {
    pub delta: f64,
    pub since: Millis,
    pub over: Millis,
}

/// The live state of one metric.
#[derive(Debug, Clone)]
pub struct MetricState {
    pub active: Vec<Active>,
    pub fades: Vec<Fade>,
    /// The latest value, noise included. It goes on during a gap: the
    /// system still runs while its monitoring is dark.
    pub value: f64,
    /// A `gap` effect is active: the metric reports no data.
    pub gap: bool,
    /// `(time, value)` samples at the history resolution; `None` for a
    /// sample in a gap.
    pub history: Vec<(Millis, Option<f64>)>,
    rng: Pcg64Mcg,
}

/// Milliseconds in a day, for the daily swing.
const DAY: u64 = 24 * 3_600_000;

impl MetricState {
    pub fn new(seed: u64, stream: u64) -> Self {
        // One generator per metric, so adding a metric shifts no other's noise.
        let rng = Pcg64Mcg::seed_from_u64(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        MetricState {
            active: Vec::new(),
            fades: Vec::new(),
            value: 0.0,
            gap: false,
            history: Vec::new(),
            rng,
        }
    }

    /// A sample of roughly normal noise with standard deviation 1: the sum of
    /// four uniforms, centred and scaled (Irwin-Hall). Chosen over `rand_distr`'s
    /// `Normal`, which needs logarithms and cosines whose last bits differ
    /// between platforms' maths libraries; this needs only + and *.
    fn unit_noise(&mut self) -> f64 {
        let mut sum = 0.0;
        for _ in 0..4 {
            sum += self.rng.random::<f64>();
        }
        (sum - 2.0) * 1.732_050_807_568_877_2
    }

    /// This metric's clean value at `now` with its current effects.
    pub fn clean(&self, metric: &Metric, effects: &[Effect], now: Millis, wall_ms: u64) -> f64 {
        clean_value(metric, effects, &self.active, &self.fades, now, wall_ms)
    }

    pub fn is_active(&self, e: EffectId) -> bool {
        self.active.iter().any(|a| a.effect == e)
    }

    /// What the metric's monitoring reports: its value, or `None` in a gap.
    pub fn reading(&self) -> Option<f64> {
        (!self.gap).then_some(self.value)
    }
}

/// The daily swing at `wall_ms` (milliseconds since midnight): a smooth wave
/// peaking at `peak_secs`, between -1 and 1.
pub fn daily_wave(wall_ms: u64, peak_secs: u32) -> f64 {
    let peak = u64::from(peak_secs) * 1000 % DAY;
    let phase = ((wall_ms % DAY) + DAY - peak) % DAY;
    // Distance from the peak as a fraction of half a day: 0 at the peak, 1 opposite.
    let x = phase.min(DAY - phase) as f64 / (DAY / 2) as f64;
    // A smoothstep from 1 (peak) down to -1 (trough).
    1.0 - 2.0 * (x * x * (3.0 - 2.0 * x))
}

/// The clean value (no noise, no range) of a metric at `now`, with the
/// given effects applied in order.
pub fn clean_value(
    metric: &Metric,
    effects: &[Effect],
    active: &[Active],
    fades: &[Fade],
    now: Millis,
    wall_ms: u64,
) -> f64 {
    let natural = metric.baseline
        + metric
            .daily
            .map_or(0.0, |(amp, peak)| amp * daily_wave(wall_ms, peak));
    let mut v = natural;
    for a in active {
        let Some(e) = effects.get(a.effect.0) else {
            continue;
        };
        let target = |current: f64| match a.target {
            Target::To(x) => x,
            Target::By(d) => current + d,
            Target::Baseline => natural,
        };
        let progress = if e.duration == 0 {
            1.0
        } else {
            ((now.saturating_sub(a.since)) as f64 / e.duration as f64).min(1.0)
        };
        v = match e.shape {
            EffectShape::Step | EffectShape::Spike => target(v),
            // A gap hides the value; it never moves it.
            EffectShape::Gap => v,
            EffectShape::Ramp => {
                let start = match a.target {
                    Target::By(_) => v,
                    _ => a.from,
                };
                let goal = target(v);
                start + (goal - start) * progress
            }
            EffectShape::Decay => {
                let goal = target(v);
                let left = 1.0 - progress;
                goal + (a.from - goal) * left * left
            }
        };
    }
    for f in fades {
        let p = if f.over == 0 {
            1.0
        } else {
            (now.saturating_sub(f.since) as f64 / f.over as f64).min(1.0)
        };
        v += f.delta * (1.0 - p);
    }
    v
}

/// The value shown at `now`: clean value plus noise, within the range.
pub fn sample(
    metric: &Metric,
    effects: &[Effect],
    state: &mut MetricState,
    now: Millis,
    wall_ms: u64,
) -> f64 {
    let clean = clean_value(metric, effects, &state.active, &state.fades, now, wall_ms);
    let noisy = clean + metric.noise * state.unit_noise();
    let v = match metric.range {
        Some((lo, hi)) => noisy.clamp(lo, hi),
        None => noisy,
    };
    // Keep values readable and stable to print: four decimals at most.
    (v * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_wave_peaks_at_its_hour() {
        let peak = 14 * 3600;
        assert!((daily_wave(14 * 3_600_000, peak) - 1.0).abs() < 1e-9);
        assert!((daily_wave(2 * 3_600_000, peak) + 1.0).abs() < 1e-9);
        let morning = daily_wave(8 * 3_600_000, peak);
        assert!(morning > -1.0 && morning < 1.0);
    }

    #[test]
    fn noise_is_centred_and_bounded() {
        let mut s = MetricState::new(7, 1);
        let samples: Vec<f64> = (0..10_000).map(|_| s.unit_noise()).collect();
        let mean = samples.iter().sum::<f64>() / samples.len() as f64;
        assert!(mean.abs() < 0.05, "{mean}");
        assert!(samples.iter().all(|x| x.abs() <= 3.47));
    }
}

#[cfg(test)]
mod golden {
    use super::*;

    /// The first noise values of a metric, pinned: a change to the generator,
    /// its seeding or the noise shape would silently change every replay and
    /// every golden playthrough, so it must show up here first.
    #[test]
    fn the_first_noise_values_never_change() {
        let mut m = MetricState::new(42, 3);
        let first: Vec<String> = (0..4).map(|_| format!("{:.12}", m.unit_noise())).collect();
        assert_eq!(
            first,
            [
                "-0.010950245605",
                "1.988917985434",
                "0.514506931011",
                "-1.027362648287"
            ]
        );
    }
}
