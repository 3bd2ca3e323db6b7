//! Generated scenarios of any size, for the throughput benchmark and the test
//! that keeps the generator honest (its output must check clean).

use std::fmt::Write as _;

/// A valid scenario of at least `bytes` bytes: metrics, alerts, commands and
/// a chain of scenes, each block distinct so nothing is deduplicated away.
pub fn large_scenario(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    s.push_str(
        "scenario generated\n    title \"Generated load test\"\n    start 2024-01-01 09:00 UTC\n    duration 2h\n\nflag ready\n\n\
         person ops \"Ops Bot\"\n    role \"automation\"\n    pageable\n\n",
    );
    let mut i = 0;
    while s.len() < bytes {
        let _ = write!(
            s,
            "metric m{i} \"Metric {i}\"\n    unit %\n    baseline 20\n    noise 2\n    range 0 to 100\n    effect e{i} ramp to 95 over 2m\n\n\
             alert a{i} \"Metric {i} high\"\n    when m{i} > 90 for 1m\n    severity ticket\n    summary \"m{i} at {{m{i}}}%\"\n\n\
             command c{i} \"tool{i} status [--verbose] [<host>]\"\n    takes 5s\n    output when m{i} > 50 \"\"\"\n    host {{host}} is hot: {{m{i}}}%\n    \"\"\"\n    output \"tool{i}: all good\"\n\n\
             at T+{t}s\n    start e{i}\n    @ops: metric {i} is climbing\n\n\
             scene s{i}\n    You look at panel {i}. It reads {{m{i}}} percent.\n    * Check tool {i} #pick{i}\n        takes 30s\n        set ready = not ready\n        goto s{n}\n    + Wait a moment\n        Nothing changes yet.\n\n",
            t = i % 3600,
            n = i + 1,
        );
        i += 1;
    }
    let _ = write!(
        s,
        "scene s{i}\n    if ready\n        end done\n    else\n        end done\n\nending done \"Done\"\n    outcome resolved\n    All panels checked.\n"
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Loaded, NoFiles, check};

    #[test]
    fn generated_scenarios_check_clean() {
        let text = large_scenario(20_000);
        let checked = check(
            Loaded {
                name: "gen.drill".into(),
                key: "gen.drill".into(),
                bytes: text.into_bytes(),
            },
            &NoFiles,
        );
        let shown = crate::lang::render::human(&checked.diagnostics, &checked.sources);
        assert!(checked.diagnostics.is_empty(), "{shown}");
    }
}
