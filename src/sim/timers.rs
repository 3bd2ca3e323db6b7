//! `after` bodies waiting for their time, in a heap: the earliest due (then
//! the first set) comes out first, in logarithmic time however many wait.

use super::ScriptAction;
use crate::scenario::Millis;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// One body and when it is due; `seq` keeps bodies due together in the
/// order they were set.
#[derive(Debug, Clone)]
struct Timer {
    due: Millis,
    seq: u64,
    body: Vec<ScriptAction>,
}

impl Timer {
    fn key(&self) -> (Millis, u64) {
        (self.due, self.seq)
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Timer {}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Timers {
    heap: BinaryHeap<Reverse<Timer>>,
    seq: u64,
}

impl Timers {
    /// Sets `body` to run at `due`.
    pub(super) fn add(&mut self, due: Millis, body: Vec<ScriptAction>) {
        self.seq += 1;
        self.heap.push(Reverse(Timer {
            due,
            seq: self.seq,
            body,
        }));
    }

    /// Whether a body is due by `now`.
    pub(super) fn any_due(&self, now: Millis) -> bool {
        self.heap.peek().is_some_and(|t| t.0.due <= now)
    }

    /// Every body waiting, soonest first (for a watching mentor's view).
    pub(super) fn pending(&self) -> Vec<(Millis, &[ScriptAction])> {
        let mut all: Vec<&Timer> = self.heap.iter().map(|t| &t.0).collect();
        all.sort();
        all.into_iter()
            .map(|t| (t.due, t.body.as_slice()))
            .collect()
    }

    /// The first body due by `now`, taken off.
    pub(super) fn pop_due(&mut self, now: Millis) -> Option<Vec<ScriptAction>> {
        if self.any_due(now) {
            self.heap.pop().map(|Reverse(t)| t.body)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_then_in_the_order_set() {
        let mut t = Timers::default();
        let body = |n: usize| vec![ScriptAction::Goto(crate::scenario::SceneId(n))];
        t.add(5, body(1));
        t.add(3, body(2));
        t.add(5, body(3));
        t.add(9, body(4));
        assert!(!t.any_due(2));
        let order: Vec<_> = std::iter::from_fn(|| t.pop_due(5)).collect();
        assert_eq!(order, vec![body(2), body(1), body(3)]);
        assert_eq!(t.pop_due(8), None);
        assert_eq!(t.pop_due(9), Some(body(4)));
    }
}
