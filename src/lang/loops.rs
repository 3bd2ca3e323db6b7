//! Story loops, found before anyone plays them: a cycle of `goto`, `call`,
//! `interrupt` and `return` that no choice and no clock interrupts is an
//! error, one that only state conditions guard is a warning, and scenes that
//! `call` each other round with no condition are an error (the call stack
//! grows each time round).

use super::analysis::each_action;
use super::diagnostic::{Code, Diagnostic};
use crate::base::text::thousands;
use crate::scenario::{
    Action, MAX_CALL_DEPTH, MAX_MOVES_PER_STEP, Pagee, PersonId, Scenario, SceneId,
};
use std::collections::{BTreeSet, VecDeque};

/// What must happen for an edge to be taken: a state condition (`if`,
/// `only if`, choices used up) and/or the player (a choice).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Guard {
    cond: bool,
    player: bool,
}

impl Guard {
    fn with_cond(self) -> Guard {
        Guard { cond: true, ..self }
    }

    /// What it takes to get through either way: the easier of the two.
    fn or(self, other: Guard) -> Guard {
        Guard {
            cond: self.cond && other.cond,
            player: self.player && other.player,
        }
    }
}

/// An edge between nodes: node `2s` is entering scene `s` (its lines run),
/// node `2s + 1` is offering its choices (its fallback runs when none is left).
#[derive(Debug, Clone, Copy)]
struct Edge {
    to: usize,
    guard: Guard,
    call: bool,
}

fn enter(s: SceneId) -> usize {
    2 * s.0
}

fn offer(s: SceneId) -> usize {
    2 * s.0 + 1
}

/// The story's moves as a graph.
struct Graph<'a> {
    sc: &'a Scenario,
    out: Vec<Vec<Edge>>,
    /// `call`/`interrupt` edges: (calling scene, called scene, guard).
    calls: Vec<(SceneId, SceneId, Guard)>,
    /// `return`s: (node, guard).
    returns: Vec<(usize, Guard)>,
    /// Walking a `when paged` block: its pages are followed by `paged`.
    paging: bool,
    /// The guard under which the list being walked reached a `wait`.
    rest: Option<Guard>,
    /// Walking an `after 0s` body, which runs wherever the story then is.
    in_timer: bool,
    /// `return`s and `call`s in such bodies: (node that set the timer,
    /// called scene if a call, guard).
    timer_moves: Vec<(usize, Option<SceneId>, Guard)>,
    /// Where those calls may come from: for `return`s only (the scene that
    /// set the timer is the one that calls round, for `FD0312`).
    timer_calls: Vec<(SceneId, SceneId, Guard)>,
}

impl Graph<'_> {
    fn edge(&mut self, from: usize, e: Edge) {
        if let Some(list) = self.out.get_mut(from) {
            list.push(e);
        }
    }

    /// Records the moves of `list`, run from node `from` under `g`; returns
    /// the guard under which the list runs to its end without moving the
    /// story, or `None` if it always moves or ends it.
    fn walk(&mut self, from: usize, list: &[Action], mut g: Guard) -> Option<Guard> {
        for a in list {
            match a {
                Action::Goto(t) | Action::Call(t) | Action::Interrupt(t) => {
                    let call = !matches!(a, Action::Goto(_));
                    if call {
                        self.calls.push((SceneId(from / 2), *t, g));
                        if self.in_timer {
                            self.timer_moves.push((from, Some(*t), g));
                        }
                    }
                    let e = Edge {
                        to: enter(*t),
                        guard: g,
                        call,
                    };
                    self.edge(from, e);
                    return None;
                }
                Action::Return => {
                    if self.in_timer {
                        self.timer_moves.push((from, None, g));
                    } else {
                        self.returns.push((from, g));
                    }
                    return None;
                }
                Action::End(_) => return None,
                // The list, and the lists around it, stop here; the scene's
                // choices (or its fallback) come next.
                Action::Wait => {
                    self.rest = Some(self.rest.map_or(g, |r| r.or(g)));
                    return None;
                }
                Action::If(_, x, y) => {
                    let (rx, ry) = (
                        self.walk(from, x, g.with_cond()),
                        self.walk(from, y, g.with_cond()),
                    );
                    match (rx, ry) {
                        (None, None) => return None,
                        (Some(_), Some(_)) => {}
                        _ => g = g.with_cond(),
                    }
                }
                // A timer that is due at once may run in the same step, once
                // the story has moved on from here: its moves are edges from
                // here (the cycle comes back here to set it again).
                Action::After(0, body) => {
                    let outer = std::mem::replace(&mut self.in_timer, true);
                    self.walk_rest(from, body, g);
                    self.in_timer = outer;
                }
                Action::Page(who, _) if !self.paging => self.paged(from, *who, g),
                _ => {}
            }
        }
        Some(g)
    }

    /// [`Graph::walk`], also returning the guard under which the list
    /// rested on a `wait`, if it did.
    fn walk_rest(
        &mut self,
        from: usize,
        list: &[Action],
        g: Guard,
    ) -> (Option<Guard>, Option<Guard>) {
        let outer = self.rest.take();
        let through = self.walk(from, list, g);
        (through, std::mem::replace(&mut self.rest, outer))
    }

    /// A page runs the paged person's `when paged` block at once: its moves
    /// happen, and the list that paged goes on.
    fn paged(&mut self, from: usize, who: Pagee, g: Guard) {
        let sc = self.sc;
        let mut todo = vec![who];
        let mut seen: BTreeSet<PersonId> = BTreeSet::new();
        while let Some(who) = todo.pop() {
            let p = match who {
                Pagee::Person(p) => p,
                Pagee::Player => match sc.escalation.first().map(|l| l.who) {
                    Some(Pagee::Person(p)) => p,
                    _ => continue,
                },
            };
            let Some(person) = sc.people.get(p.0) else {
                continue;
            };
            if !seen.insert(p) {
                continue;
            }
            // Pages in the block are followed here, not by `walk`, so a
            // paging loop cannot make this recurse.
            self.paging = true;
            self.walk_rest(from, &person.when_paged, g);
            self.paging = false;
            each_action(&person.when_paged, &mut |a| {
                if let Action::Page(w, _) = a {
                    todo.push(*w);
                }
            });
        }
    }
}

/// Builds the graph of every scene's moves.
fn build(sc: &Scenario) -> Graph<'_> {
    let mut g = Graph {
        sc,
        out: vec![Vec::new(); 2 * sc.scenes.len()],
        calls: Vec::new(),
        returns: Vec::new(),
        paging: false,
        rest: None,
        in_timer: false,
        timer_moves: Vec::new(),
        timer_calls: Vec::new(),
    };
    for (i, scene) in sc.scenes.iter().enumerate() {
        let s = SceneId(i);
        // Lines that run to their end, or rest on a `wait`, lead on to the
        // choices.
        let (through, rest) = g.walk_rest(enter(s), &scene.actions, Guard::default());
        let on = match (through, rest) {
            (Some(a), Some(b)) => Some(a.or(b)),
            (a, b) => a.or(b),
        };
        if let Some(guard) = on {
            let e = Edge {
                to: offer(s),
                guard,
                call: false,
            };
            g.edge(enter(s), e);
        }
        let choices: Vec<_> = scene
            .choices
            .iter()
            .filter_map(|c| sc.choices.get(c.0))
            .collect();
        for ch in &choices {
            let guard = Guard {
                cond: ch.only_if.is_some(),
                player: true,
            };
            g.walk_rest(offer(s), &ch.actions, guard);
        }
        // The fallback runs when no choice is left: at once without choices,
        // once they are used up or hidden (a matter of state) otherwise.
        let always = choices.iter().any(|c| c.sticky && c.only_if.is_none());
        if let (Some(fb), false) = (&scene.fallback, always) {
            let guard = Guard {
                cond: !choices.is_empty(),
                player: false,
            };
            g.walk_rest(offer(s), fb, guard);
        }
    }
    // A `return` or `call` in an `after 0s` body returns from, or calls
    // from, wherever the story has got to by then: anywhere it can reach
    // from where the timer was set.
    for (from, called, guard) in std::mem::take(&mut g.timer_moves) {
        for u in reachable(&g.out, from, |_| true) {
            match called {
                Some(t) => g.timer_calls.push((SceneId(u / 2), t, guard)),
                None => g.returns.push((u, guard)),
            }
        }
    }
    add_returns(&mut g);
    g
}

/// A `return` goes back to offering the choices of the scene that called:
/// for each call, every `return` reachable from the called scene (through
/// anything but further calls, or the returns of those calls) gets an edge
/// back. Repeated until nothing changes, since returns open new paths.
fn add_returns(g: &mut Graph) {
    let mut added: BTreeSet<(usize, usize, bool, bool)> = BTreeSet::new();
    loop {
        let mut new = Vec::new();
        let all_calls: Vec<(SceneId, SceneId, Guard)> =
            g.calls.iter().chain(&g.timer_calls).copied().collect();
        let targets: BTreeSet<SceneId> = all_calls.iter().map(|c| c.1).collect();
        for t in targets {
            let reach = reachable(&g.out, enter(t), |e| !e.call);
            for &(u, guard) in &g.returns {
                if !reach.contains(&u) {
                    continue;
                }
                for &(caller, _, _) in all_calls.iter().filter(|c| c.1 == t) {
                    if added.insert((u, offer(caller), guard.cond, guard.player)) {
                        new.push((
                            u,
                            Edge {
                                to: offer(caller),
                                guard,
                                call: false,
                            },
                        ));
                    }
                }
            }
        }
        if new.is_empty() {
            return;
        }
        for (u, e) in new {
            g.edge(u, e);
        }
    }
}

/// Nodes reachable from `start` along edges that `keep` accepts.
fn reachable(out: &[Vec<Edge>], start: usize, keep: impl Fn(&Edge) -> bool) -> BTreeSet<usize> {
    let mut seen = BTreeSet::from([start]);
    let mut todo = vec![start];
    while let Some(n) = todo.pop() {
        for e in out.get(n).into_iter().flatten().filter(|e| keep(e)) {
            if seen.insert(e.to) {
                todo.push(e.to);
            }
        }
    }
    seen
}

/// The strongly connected components of `out` that hold a cycle, each
/// sorted (Tarjan's algorithm on an explicit stack: scenes may number
/// 100,000, too many to recurse on).
fn cycles(out: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = out.len();
    let (mut index, mut low) = (vec![usize::MAX; n], vec![0; n]);
    let (mut on_stack, mut stack, mut found) = (vec![false; n], Vec::new(), Vec::new());
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if let Some(&w) = out[v].get(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 || out[v].contains(&v) {
                    comp.sort_unstable();
                    found.push(comp);
                }
            }
        }
    }
    found.sort();
    found
}

/// The shortest cycle through the first node of `comp`, inside it.
fn one_cycle(out: &[Vec<usize>], comp: &[usize]) -> Vec<usize> {
    let Some(&start) = comp.first() else {
        return Vec::new();
    };
    let inside: BTreeSet<usize> = comp.iter().copied().collect();
    let mut prev = vec![usize::MAX; out.len()];
    let mut todo = VecDeque::from([start]);
    while let Some(v) = todo.pop_front() {
        for &w in out[v].iter().filter(|w| inside.contains(w)) {
            if w == start {
                let mut path = vec![v];
                while let Some(&p) = path.last().map(|&l| &prev[l]).filter(|&&p| p != usize::MAX) {
                    path.push(p);
                }
                path.reverse();
                return path;
            }
            if prev[w] == usize::MAX && w != start {
                prev[w] = v;
                todo.push_back(w);
            }
        }
    }
    vec![start]
}

/// Scenes along a cycle of nodes, each once in a row, back to the first.
fn scenes_of(path: &[usize]) -> Vec<SceneId> {
    let mut scenes: Vec<SceneId> = Vec::new();
    for n in path {
        let s = SceneId(n / 2);
        if scenes.last() != Some(&s) {
            scenes.push(s);
        }
    }
    if scenes.len() > 1 && scenes.first() == scenes.last() {
        scenes.pop();
    }
    scenes
}

fn names(sc: &Scenario, scenes: &[SceneId]) -> String {
    let all: Vec<String> = scenes
        .iter()
        .chain(scenes.first())
        .filter_map(|s| sc.scenes.get(s.0))
        .map(|s| format!("`{}`", s.name))
        .collect();
    all.join(" -> ")
}

/// A diagnostic on the scenes of a cycle: the first is the primary span.
fn on_cycle(sc: &Scenario, code: Code, scenes: &[SceneId], message: String) -> Option<Diagnostic> {
    let first = sc.scenes.get(scenes.first()?.0)?;
    let mut d = Diagnostic::new(code, first.span, message);
    let nexts = scenes.iter().skip(1).chain(scenes.first());
    for (s, next) in scenes.iter().zip(nexts).skip(1) {
        let (Some(here), Some(to)) = (sc.scenes.get(s.0), sc.scenes.get(next.0)) else {
            continue;
        };
        d = d.secondary(
            here.span,
            format!("then `{}`, which goes on to `{}`", here.name, to.name),
        );
    }
    Some(d)
}

/// Every story loop of `sc`, as diagnostics.
pub fn story_loops(sc: &Scenario) -> Vec<Diagnostic> {
    let g = build(sc);
    let mut out = Vec::new();
    let only = |keep: &dyn Fn(&Edge) -> bool| -> Vec<Vec<usize>> {
        g.out
            .iter()
            .map(|l| l.iter().filter(|e| keep(e)).map(|e| e.to).collect())
            .collect()
    };
    let free = only(&|e| !e.guard.cond && !e.guard.player);
    let mut looping: BTreeSet<usize> = BTreeSet::new();
    for comp in cycles(&free) {
        let scenes = scenes_of(&one_cycle(&free, &comp));
        looping.extend(comp.iter().map(|n| n / 2));
        let message = format!(
            "the story goes round {} for ever: no choice and no clock stops it",
            names(sc, &scenes)
        );
        out.extend(on_cycle(sc, Code::StoryLoop, &scenes, message).map(|d| {
            d.note(format!(
                "the engine would stop the drill after {} scene changes",
                thousands(MAX_MOVES_PER_STEP)
            ))
                .help("give one of these scenes a choice, or let it `wait` for a trigger instead of moving on at once")
        }));
    }
    let guarded = only(&|e| !e.guard.player);
    for comp in cycles(&guarded) {
        if comp.iter().any(|n| looping.contains(&(n / 2))) {
            continue;
        }
        let scenes = scenes_of(&one_cycle(&guarded, &comp));
        looping.extend(comp.iter().map(|n| n / 2));
        let message = format!(
            "the story can go round {} without the player or the clock, if its conditions allow",
            names(sc, &scenes)
        );
        out.extend(on_cycle(sc, Code::GuardedStoryLoop, &scenes, message).map(|d| {
            d.help("make sure a condition on the loop turns false, or put a choice or a `wait` on it")
        }));
    }
    out.extend(recursive_calls(sc, &g, &looping));
    out.extend(paging_loops(sc));
    out
}

/// People whose `when paged` blocks page each other round: each page runs
/// the next block at once, so the pages never stop (the engine stops them
/// 32 deep). An error, or a warning when an `if` guards a page on the way.
fn paging_loops(sc: &Scenario) -> Vec<Diagnostic> {
    let first = match sc.escalation.first().map(|l| l.who) {
        Some(Pagee::Person(p)) => Some(p.0),
        _ => None,
    };
    // (free, guarded) edges between people.
    let mut free = vec![Vec::new(); sc.people.len()];
    let mut guarded = vec![Vec::new(); sc.people.len()];
    for (i, p) in sc.people.iter().enumerate() {
        pages_in(&p.when_paged, false, &mut |to, cond| {
            let to = match to {
                Pagee::Person(q) => Some(q.0),
                Pagee::Player => first,
            };
            if let Some(to) = to {
                guarded[i].push(to);
                if !cond {
                    free[i].push(to);
                }
            }
        });
    }
    let mut out = Vec::new();
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for (adj, code) in [(&free, Code::StoryLoop), (&guarded, Code::GuardedStoryLoop)] {
        for comp in cycles(adj) {
            if comp.iter().any(|p| seen.contains(p)) {
                continue;
            }
            seen.extend(comp.iter().copied());
            let cycle = one_cycle(adj, &comp);
            let people: Vec<&str> = cycle
                .iter()
                .chain(cycle.first())
                .filter_map(|p| sc.people.get(*p))
                .map(|p| p.name.as_str())
                .collect();
            let Some(person) = cycle.first().and_then(|p| sc.people.get(*p)) else {
                continue;
            };
            let round = people
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" -> ");
            let message = if code == Code::StoryLoop {
                format!("pages go round {round} for ever: each `when paged` block pages the next")
            } else {
                format!("pages can go round {round}, if the conditions on them allow")
            };
            let mut d = Diagnostic::new(code, person.span, message)
                .help("page the player or a person whose `when paged` block does not page back");
            for p in cycle.iter().skip(1).filter_map(|p| sc.people.get(*p)) {
                d = d.secondary(p.span, format!("`{}` pages on", p.name));
            }
            out.push(d);
        }
    }
    out
}

/// Calls `f` on every page in `list` with whether a condition guards it;
/// `after` bodies run later, on the clock, so their pages do not count.
fn pages_in(list: &[Action], cond: bool, f: &mut dyn FnMut(Pagee, bool)) {
    for a in list {
        match a {
            Action::Page(who, _) => f(*who, cond),
            Action::If(_, x, y) => {
                pages_in(x, true, f);
                pages_in(y, true, f);
            }
            Action::After(0, body) => pages_in(body, cond, f),
            _ => {}
        }
    }
}

/// Scenes that call each other round with no condition on the way.
fn recursive_calls(sc: &Scenario, g: &Graph, looping: &BTreeSet<usize>) -> Vec<Diagnostic> {
    let mut calls = vec![Vec::new(); sc.scenes.len()];
    for &(from, to, guard) in &g.calls {
        if !guard.cond && from.0 < calls.len() {
            calls[from.0].push(to.0);
        }
    }
    let mut out = Vec::new();
    for comp in cycles(&calls) {
        if comp.iter().all(|s| looping.contains(s)) {
            continue;
        }
        let scenes: Vec<SceneId> = one_cycle(&calls, &comp).into_iter().map(SceneId).collect();
        let message = format!(
            "the scenes {} call each other round with no condition: the call stack grows each time",
            names(sc, &scenes)
        );
        out.extend(
            on_cycle(sc, Code::RecursiveCall, &scenes, message).map(|d| {
                d.note(format!(
                    "the engine would stop the drill at {} calls without a `return`",
                    thousands(MAX_CALL_DEPTH as u64)
                ))
                .help("go back with `return`, or move on with `goto` instead of `call`")
            }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Loaded, NoFiles, check};

    /// The loop codes `check` reports for scenes written after a header.
    fn codes(scenes: &str) -> Vec<&'static str> {
        let text = format!(
            "scenario t\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\n{scenes}ending done \"Done\"\n    outcome resolved\n"
        );
        let loaded = Loaded::text("t.drill", &text);
        check(loaded, &NoFiles)
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .filter(|c| ["FD0310", "FD0311", "FD0312"].contains(c))
            .collect()
    }

    #[test]
    fn a_long_chain_with_a_way_back_is_one_cycle_found_without_recursion() {
        let n = 200_000;
        let mut out: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        out[n - 1] = vec![0];
        let found = cycles(&out);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        out[n - 1].clear();
        assert!(cycles(&out).is_empty());
    }

    #[test]
    fn the_cycle_named_is_a_shortest_one_through_the_first_node() {
        // 0 -> 1 -> 2 -> 0, and a longer way 1 -> 3 -> 2.
        let out = vec![vec![1], vec![3, 2], vec![0], vec![2], vec![4]];
        let found = cycles(&out);
        assert_eq!(found, vec![vec![0, 1, 2, 3], vec![4]]);
        assert_eq!(one_cycle(&out, &found[0]), vec![0, 1, 2]);
        assert_eq!(one_cycle(&out, &found[1]), vec![4]);
    }

    #[test]
    fn the_clock_breaks_a_loop_and_a_timer_due_at_once_does_not() {
        let scene = |after: &str| {
            format!("scene a\n    after {after}\n        goto a\n    * Stop\n        end done\n")
        };
        assert_eq!(codes(&scene("1m")), Vec::<&str>::new());
        assert_eq!(codes(&scene("0s")), vec!["FD0310"]);
    }

    #[test]
    fn a_page_whose_answer_moves_the_story_is_part_of_the_loop() {
        let text = "person ann \"Ann\"\n    role \"SRE\"\n    pageable\n    when paged\n        goto a\nscene a\n    page ann \"help\"\n    * Stop\n        end done\n";
        assert_eq!(codes(text), vec!["FD0310"]);
    }

    #[test]
    fn choices_used_up_before_a_fallback_are_a_condition() {
        let text = "scene a\n    * Once\n        Done that.\n    fallback\n        goto b\nscene b\n    goto a\n";
        assert_eq!(codes(text), vec!["FD0311"]);
        let sticky = text.replace("* Once", "+ Always");
        assert_eq!(codes(&sticky), Vec::<&str>::new());
    }

    #[test]
    fn people_who_page_each_other_round_are_a_loop() {
        let person = |name: &str, back: &str| {
            format!(
                "person {name} \"{name}\"\n    role \"SRE\"\n    pageable\n    when paged\n{back}"
            )
        };
        let scene =
            "scene a\n    * Page\n        page ann \"help\"\n    * Stop\n        end done\n";
        let ann = person("ann", "        page bob \"you too\"\n");
        let bob = person("bob", "        page ann \"you too\"\n");
        assert_eq!(codes(&format!("{ann}{bob}{scene}")), vec!["FD0310"]);
        let guarded = person(
            "bob",
            "        if not f\n            page ann \"you too\"\n",
        );
        assert_eq!(
            codes(&format!("flag f\n{ann}{guarded}{scene}")),
            vec!["FD0311"]
        );
        let quiet = person("bob", "        @bob: On it.\n");
        assert_eq!(codes(&format!("{ann}{quiet}{scene}")), Vec::<&str>::new());
    }

    #[test]
    fn a_wait_rests_the_story_unless_a_fallback_moves_it_on() {
        let waits = "scene a\n    Hi.\n    wait\n    goto b\nscene b\n    goto a\n";
        assert_eq!(codes(waits), Vec::<&str>::new());
        let in_if = "flag f\nscene a\n    if f\n        wait\n    goto b\nscene b\n    goto a\n";
        assert_eq!(codes(in_if), vec!["FD0311"]);
        let fallback = "scene a\n    wait\n    fallback\n        goto b\nscene b\n    goto a\n";
        assert_eq!(codes(fallback), vec!["FD0310"]);
    }

    #[test]
    fn a_return_set_for_later_returns_from_wherever_the_story_is() {
        let text = "scene a\n    Hi.\n    fallback\n        after 0s\n            return\n        call b\nscene b\n    Rest.\n";
        assert_eq!(codes(text), vec!["FD0310"]);
    }

    #[test]
    fn a_guarded_return_does_not_hide_another_from_the_same_scene() {
        let text = "flag f\nscene a\n    fallback\n        call b\nscene b\n    * Once\n        if f\n            return\n    fallback\n        return\n";
        assert_eq!(codes(text), vec!["FD0311"]);
    }

    #[test]
    fn a_call_set_for_later_is_no_call_loop_of_where_it_lands() {
        let text = "scene a\n    after 0s\n        call b\n    goto b\nscene b\n    * Stop\n        end done\n";
        assert_eq!(codes(text), Vec::<&str>::new());
    }

    #[test]
    fn a_return_comes_back_to_the_caller_choices() {
        let plain = "scene a\n    call b\n    * Stop\n        end done\nscene b\n    return\n";
        assert_eq!(codes(plain), Vec::<&str>::new());
        let again = "scene a\n    call b\n    fallback\n        call b\nscene b\n    return\n";
        assert_eq!(codes(again), vec!["FD0310"]);
    }
}
