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

/// A number the tools print, or `-` when its metric reports no data (a
/// gap): the shell never makes up a value the graphs do not have.
fn or_dash(v: Option<f64>, width: usize, decimals: usize) -> String {
    match v {
        Some(v) => format!("{v:>width$.decimals$}"),
        None => format!("{:>width$}", "-"),
    }
}

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
    /// The share of CPU in use, in percent; `None` while the host's CPU
    /// metric reports no data.
    fn cpu_pct(&self, here: &Here<'_>) -> Option<f64> {
        match here.host.and_then(|h| h.cpu) {
            Some(m) => self.metric_value(m).map(|v| v.clamp(0.0, 100.0)),
            None => Some(3.0),
        }
    }

    /// A memory or disk metric read as usage: a percentage of `size`, or an
    /// amount whose total is the top of the metric's range. `None` while
    /// the metric reports no data.
    fn usage(&self, metric: Option<MetricId>, size: f64, idle_pct: f64) -> Option<Usage> {
        let Some(m) = metric.and_then(|m| Some((m, self.sc.metrics.get(m.0)?))) else {
            return Some(Usage {
                used: size * idle_pct / 100.0,
                total: size,
                pct: idle_pct,
            });
        };
        let v = self.metric_value(m.0)?;
        let m = m.1;
        if m.unit == Unit::Percent {
            let pct = v.clamp(0.0, 100.0);
            return Some(Usage {
                used: size * pct / 100.0,
                total: size,
                pct,
            });
        }
        let total = m.range.map_or(v.max(1.0) * 2.0, |(_, hi)| hi.max(1.0));
        let used = v.clamp(0.0, total);
        Some(Usage {
            used,
            total,
            pct: used / total * 100.0,
        })
    }

    /// The processes listed now: (pid, %cpu, command). The declared ones
    /// take the host's CPU in turn, each half of what is left and at most
    /// one core (100%), as a single-threaded worker shows in `top`; no
    /// share while the CPU metric reports no data.
    fn processes(&self, here: &Here<'_>) -> Vec<(u32, Option<f64>, String)> {
        let cpu = self.cpu_pct(here);
        let mut share = cpu.map(|c| c * CORES / 2.0);
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
                    share.map(|s| s.min(100.0)),
                    self.render(&p.text, &std::collections::BTreeMap::new()),
                ));
                share = share.map(|s| s / 2.0);
            }
        }
        out.push((1, Some(0.0), "/sbin/init".into()));
        out.push((811, Some(0.0), "/usr/sbin/sshd -D".into()));
        out.push((31_337, Some(0.0), "-bash".into()));
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
            lines.push(format!("{user:<10} {pid:>6} {} {cmd}", or_dash(cpu, 5, 1)));
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
                "%Cpu(s): {} us, {} sy,  0.0 ni, {} id",
                or_dash(cpu.map(|c| c * 0.85), 5, 1),
                or_dash(cpu.map(|c| c * 0.15), 5, 1),
                or_dash(cpu.map(|c| 100.0 - c), 5, 1)
            ),
            format!(
                "MiB Mem : {} total, {} free, {} used",
                or_dash(mem.as_ref().map(|m| m.total * 1024.0), 9, 1),
                or_dash(mem.as_ref().map(|m| (m.total - m.used) * 1024.0), 9, 1),
                or_dash(mem.as_ref().map(|m| m.used * 1024.0), 9, 1)
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
            lines.push(format!("{pid:>7} {user:<10} {} {cmd}", or_dash(c, 5, 1)));
        }
        lines.push("(one snapshot: top is not interactive here)".into());
        lines.join("\n")
    }

    pub(super) fn df(&self, args: &[String]) -> String {
        let here = self.here();
        let d = self.usage(here.host.and_then(|h| h.disk), DISK_GIB, 23.0);
        let scale = Scale::of(args);
        let amount = |g: Option<f64>| g.map_or_else(|| "-".into(), |g| scale.show(g, "G"));
        // `-h` sizes are short (`500G`), as df prints them; block counts wide.
        let w = if scale == Scale::Human { 5 } else { 10 };
        let d = d.as_ref();
        let pct = d.map_or_else(|| "   -".into(), |d| format!("{:>3.0}%", d.pct.ceil()));
        format!(
            "Filesystem     {:>w$} {:>w$} {:>w$} Use% Mounted on\n/dev/sda1      {:>w$} {:>w$} {:>w$} {pct} /",
            scale.df_header(),
            "Used",
            "Avail",
            amount(d.map(|d| d.total)),
            amount(d.map(|d| d.used)),
            amount(d.map(|d| d.total - d.used)),
        )
    }

    pub(super) fn free(&self, args: &[String]) -> String {
        let here = self.here();
        let m = self.usage(here.host.and_then(|h| h.memory), MEMORY_GIB, 38.0);
        let scale = Scale::of(args);
        let amount = |g: Option<f64>| g.map_or_else(|| "-".into(), |g| scale.show(g, "Gi"));
        let m = m.as_ref();
        format!(
            "{:>15} {:>12} {:>12}\nMem: {:>10} {:>12} {:>12}\nSwap: {:>9} {:>12} {:>12}",
            "total",
            "used",
            "free",
            amount(m.map(|m| m.total)),
            amount(m.map(|m| m.used)),
            amount(m.map(|m| m.total - m.used)),
            amount(Some(0.0)),
            amount(Some(0.0)),
            amount(Some(0.0))
        )
    }

    pub(super) fn uptime(&self) -> String {
        let here = self.here();
        format!(" {} {}", self.clock(), self.load_line(self.cpu_pct(&here)))
    }

    /// `up 41 days,  3:12,  1 user,  load average: ...` from the CPU share
    /// (`-` for each while it reports no data).
    fn load_line(&self, cpu: Option<f64>) -> String {
        let mins = self.now / 60_000;
        let load = cpu.map(|c| c / 100.0 * CORES);
        format!(
            "up {UP_DAYS} days, {:>2}:{:02},  1 user,  load average: {}, {}, {}",
            3 + mins / 60,
            (12 + mins) % 60,
            or_dash(load, 0, 2),
            or_dash(load.map(|l| l * 0.9), 0, 2),
            or_dash(load.map(|l| l * 0.8), 0, 2)
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
