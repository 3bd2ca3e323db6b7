//! What the host says about itself: `ps`, `top`, `df`, `free`, `uptime`
//! and `hostname`, read from the metrics the host names, so the shell
//! agrees with the graphs.

use super::Here;
use crate::scenario::{MetricId, Unit};
use crate::sim::Sim;

/// Cores a host has, for the load average.
const CORES: f64 = 8.0;
/// Size of memory and disk when their metric is a percentage, in GiB.
const MEMORY_GIB: f64 = 64.0;
const DISK_GIB: f64 = 500.0;
/// Days every host has been up when the drill starts.
const UP_DAYS: u64 = 41;

/// Used and total of a resource, in GiB, and the used share in percent.
struct Usage {
    used: f64,
    total: f64,
    pct: f64,
}

/// The unit `df` and `free` print amounts in, from their flags.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// `-h`: GiB with the unit, as a person reads it.
    Human,
    /// `-g`: whole GiB.
    Gib,
    /// `-m`: whole MiB.
    Mib,
    /// No flag: KiB, as the tools print by default.
    Kib,
}

impl Scale {
    fn of(args: &[String]) -> Self {
        let has = |c| super::files::short_flag(args, c);
        if has('h') {
            Self::Human
        } else if has('g') {
            Self::Gib
        } else if has('m') {
            Self::Mib
        } else {
            Self::Kib
        }
    }

    /// An amount given in GiB; `-h` shows it with `unit` (`G` for `df`,
    /// `Gi` for `free`) and one decimal only for `free`.
    fn show(self, gib: f64, unit: &str) -> String {
        match self {
            Self::Human if unit == "G" => format!("{gib:.0}{unit}"),
            Self::Human => format!("{gib:.1}{unit}"),
            Self::Gib => format!("{gib:.0}"),
            Self::Mib => format!("{:.0}", gib * 1024.0),
            Self::Kib => format!("{:.0}", gib * 1024.0 * 1024.0),
        }
    }

    /// `df`'s heading of the size column.
    fn df_header(self) -> &'static str {
        match self {
            Self::Human => "Size",
            Self::Gib => "1G-blocks",
            Self::Mib => "1M-blocks",
            Self::Kib => "1K-blocks",
        }
    }
}

impl Sim {
    /// The share of CPU in use, in percent.
    fn cpu_pct(&self, here: &Here<'_>) -> f64 {
        here.host
            .and_then(|h| h.cpu)
            .and_then(|m| self.metric_value(m))
            .map_or(3.0, |v| v.clamp(0.0, 100.0))
    }

    /// A memory or disk metric read as usage: a percentage of `size`, or an
    /// amount whose total is the top of the metric's range.
    fn usage(&self, metric: Option<MetricId>, size: f64, idle_pct: f64) -> Usage {
        let Some((m, v)) =
            metric.and_then(|m| Some((self.sc.metrics.get(m.0)?, self.metric_value(m)?)))
        else {
            return Usage {
                used: size * idle_pct / 100.0,
                total: size,
                pct: idle_pct,
            };
        };
        if m.unit == Unit::Percent {
            let pct = v.clamp(0.0, 100.0);
            return Usage {
                used: size * pct / 100.0,
                total: size,
                pct,
            };
        }
        let total = m.range.map_or(v.max(1.0) * 2.0, |(_, hi)| hi.max(1.0));
        let used = v.clamp(0.0, total);
        Usage {
            used,
            total,
            pct: used / total * 100.0,
        }
    }

    /// The processes listed now: (pid, %cpu, command). The declared ones
    /// take the host's CPU in turn, each half of what is left and at most
    /// one core (100%), as a single-threaded worker shows in `top`.
    fn processes(&self, here: &Here<'_>) -> Vec<(u32, f64, String)> {
        let cpu = self.cpu_pct(here);
        let mut share = cpu * CORES / 2.0;
        let mut out = Vec::new();
        for (i, p) in here
            .host
            .map_or(&[][..], |h| &h.processes[..])
            .iter()
            .enumerate()
        {
            if p.when.as_ref().is_none_or(|c| self.truth(c)) {
                let pid = 1200 + 1013 * u32::try_from(i).unwrap_or(0);
                out.push((
                    pid,
                    share.min(100.0),
                    self.render(&p.text, &std::collections::BTreeMap::new()),
                ));
                share /= 2.0;
            }
        }
        out.push((1, 0.0, "/sbin/init".into()));
        out.push((811, 0.0, "/usr/sbin/sshd -D".into()));
        out.push((31_337, 0.0, "-bash".into()));
        out
    }

    pub(super) fn ps(&self) -> String {
        let here = self.here();
        let mut lines = vec![format!("{:<10} {:>6} {:>5} COMMAND", "USER", "PID", "%CPU")];
        for (pid, cpu, cmd) in self.processes(&here) {
            let user = if pid == 31_337 {
                here.user.as_str()
            } else {
                "root"
            };
            lines.push(format!("{user:<10} {pid:>6} {cpu:>5.1} {cmd}"));
        }
        lines.join("\n")
    }

    pub(super) fn top(&self) -> String {
        let here = self.here();
        let cpu = self.cpu_pct(&here);
        let mem = self.usage(here.host.and_then(|h| h.memory), MEMORY_GIB, 38.0);
        let procs = self.processes(&here);
        let mut lines = vec![
            format!("top - {} {}", self.clock(), self.load_line(cpu)),
            format!("Tasks: {} total,   1 running", procs.len() + 180),
            format!(
                "%Cpu(s): {:>5.1} us, {:>5.1} sy,  0.0 ni, {:>5.1} id",
                cpu * 0.85,
                cpu * 0.15,
                100.0 - cpu
            ),
            format!(
                "MiB Mem : {:>9.1} total, {:>9.1} free, {:>9.1} used",
                mem.total * 1024.0,
                (mem.total - mem.used) * 1024.0,
                mem.used * 1024.0
            ),
            String::new(),
            format!("{:>7} {:<10} {:>5} COMMAND", "PID", "USER", "%CPU"),
        ];
        for (pid, c, cmd) in procs {
            let user = if pid == 31_337 {
                here.user.as_str()
            } else {
                "root"
            };
            lines.push(format!("{pid:>7} {user:<10} {c:>5.1} {cmd}"));
        }
        lines.push("(one snapshot: top is not interactive here)".into());
        lines.join("\n")
    }

    pub(super) fn df(&self, args: &[String]) -> String {
        let here = self.here();
        let d = self.usage(here.host.and_then(|h| h.disk), DISK_GIB, 23.0);
        let scale = Scale::of(args);
        let amount = |g: f64| scale.show(g, "G");
        // `-h` sizes are short (`500G`), as df prints them; block counts wide.
        let w = if scale == Scale::Human { 5 } else { 10 };
        format!(
            "Filesystem     {:>w$} {:>w$} {:>w$} Use% Mounted on\n/dev/sda1      {:>w$} {:>w$} {:>w$} {:>3.0}% /",
            scale.df_header(),
            "Used",
            "Avail",
            amount(d.total),
            amount(d.used),
            amount(d.total - d.used),
            d.pct.ceil()
        )
    }

    pub(super) fn free(&self, args: &[String]) -> String {
        let here = self.here();
        let m = self.usage(here.host.and_then(|h| h.memory), MEMORY_GIB, 38.0);
        let scale = Scale::of(args);
        let amount = |g: f64| scale.show(g, "Gi");
        format!(
            "{:>15} {:>12} {:>12}\nMem: {:>10} {:>12} {:>12}\nSwap: {:>9} {:>12} {:>12}",
            "total",
            "used",
            "free",
            amount(m.total),
            amount(m.used),
            amount(m.total - m.used),
            amount(0.0),
            amount(0.0),
            amount(0.0)
        )
    }

    pub(super) fn uptime(&self) -> String {
        let here = self.here();
        format!(" {} {}", self.clock(), self.load_line(self.cpu_pct(&here)))
    }

    /// `up 41 days,  3:12,  1 user,  load average: ...` from the CPU share.
    fn load_line(&self, cpu: f64) -> String {
        let mins = self.now / 60_000;
        let load = cpu / 100.0 * CORES;
        format!(
            "up {UP_DAYS} days, {:>2}:{:02},  1 user,  load average: {load:.2}, {:.2}, {:.2}",
            3 + mins / 60,
            (12 + mins) % 60,
            load * 0.9,
            load * 0.8
        )
    }

    pub(super) fn hostname(&self, args: &[String]) -> String {
        let here = self.here();
        if args.iter().any(|a| a == "-s") {
            here.short
        } else {
            here.hostname
        }
    }
}
