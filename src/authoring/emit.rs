//! The scaffold writer: prints a plan as `.drill` text, section by section,
//! each preceded by comments that explain it.

use super::*;

pub(super) const RULE: &str = "// ----------------------------------------------------------------";

/// Prints a section rule with its name, so the draft reads in parts.
pub(super) fn section(out: &mut String, name: &str) {
    let _ = writeln!(out, "\n{RULE} {name}\n");
}

/// The whole scenario text of a plan, section by section.
pub(super) fn render(p: &Plan) -> String {
    let mut out = String::new();
    intro(&mut out, p);
    header(&mut out, p);
    postmortem(&mut out, p);
    world(&mut out, p);
    timeline(&mut out, p);
    story(&mut out, p);
    debrief(&mut out, p);
    tests(&mut out, p);
    out
}

/// Prints the opening comments: what the file is, where it came from, and
/// how to check and play it.
pub(super) fn intro(out: &mut String, p: &Plan) {
    let id = &p.id;
    if p.from_postmortem {
        let _ = writeln!(
            out,
            "// {id}: a first draft of a firedrill scenario, made from a postmortem by\n\
             // `firedrill new {id} --from-postmortem FILE.md`."
        );
        out.push_str("//\n");
        comment(
            out,
            "From the postmortem: the header's title, summary, start and duration; the \
             postmortem block; the summary and impact as comments; the root cause (when \
             the postmortem has a section for it); the responders' timeline in the \
             debrief; and one commented trigger stub per timeline beat (under \
             \"timeline\" below). Everything else is the example incident of `firedrill \
             new` (a config push that breaks an API): it checks clean and its tests pass, \
             so replace it with what the postmortem describes one section at a time, \
             and run `firedrill check` after each change.",
        );
        out.push_str("//\n");
        comment(
            out,
            "Evidence: only what the company's own postmortem states goes into the \
             responders' timeline and the `source` notes marked as fact. Chat lines, \
             shell output, names and exact numbers are reconstructions: say so in the \
             briefing.",
        );
    } else {
        let _ = writeln!(
            out,
            "// {id}: a firedrill scenario, started with `firedrill new {id}`."
        );
        out.push_str("//\n");
        comment(
            out,
            &format!(
                "Every section below is a small working example, and the file checks \
                 clean: `firedrill check --deny-warnings {id}.drill` reports nothing and \
                 `firedrill test {id}.drill` passes both playthrough tests. Replace the \
                 example incident (a config push that breaks an API) with the one you \
                 are drilling, one section at a time, and check after each change."
            ),
        );
    }
    out.push_str("//\n");
    comment(
        out,
        "Reference: docs/language.md (the language), docs/diagnostics.md (every \
         diagnostic; `firedrill explain FD0107` prints one) and \
         docs/authoring-guide.md (from a postmortem to a scenario, step by step).",
    );
}

/// Prints the `scenario` header with its timing and briefing.
pub(super) fn header(out: &mut String, p: &Plan) {
    section(out, "header");
    comment(
        out,
        "The header: what the drill is and how it runs. The picker shows `title`, \
         `summary` (one sentence), `difficulty` (easy, medium or hard), `minutes` \
         (estimated play time) and `tags`. `start` is the incident's wall clock at \
         T+0 (`UTC` or an offset such as `+02:00`) and `duration` is when the drill \
         times out. `speed` is game seconds per real second in real-time play, \
         `seed` fixes the metrics' noise, `cost` is the game time a player action \
         takes unless it says otherwise, and `opening` is the first scene.",
    );
    comment(
        out,
        "The briefing is what the player reads before the clock starts: who they \
         are, what they own, what a normal day looks like. Never what will go wrong.",
    );
    out.push('\n');
    let _ = writeln!(out, "scenario {}", p.id);
    let _ = writeln!(out, "    title {}", quoted(&p.title));
    if let Some(note) = &p.summary_note {
        for l in wrap(note, 70) {
            let _ = writeln!(out, "    // {l}");
        }
    }
    let _ = writeln!(
        out,
        "    summary {}{}",
        quoted(&p.summary),
        tags_comment(&p.summary_tags)
    );
    let _ = writeln!(out, "    difficulty medium\n    minutes {}", p.minutes);
    let _ = writeln!(out, "    tags {}", p.tags);
    // The kind is what onboarding counts ("played in each role").
    out.push_str(
        "    role primary \"On-call engineer\"   // primary | incident-commander | communications\n",
    );
    for n in &p.start_notes {
        for l in wrap(n, 70) {
            let _ = writeln!(out, "    // {l}");
        }
    }
    let _ = writeln!(out, "    start {} {} {}", p.date, clock(p.start), p.zone);
    for note in compression_notes(p) {
        for l in wrap(&note, 70) {
            let _ = writeln!(out, "    // {l}");
        }
    }
    let _ = writeln!(out, "    duration {}", duration(p.duration));
    out.push_str("    speed 2\n    seed 1\n    cost 10s\n    opening quiet_desk\n");
    out.push_str("    briefing \"\"\"\n");
    out.push_str(
        "    You are the engineer on call for the API, the service every customer\n\
         \x20   request goes through. It runs on a fleet of identical hosts, and config\n\
         \x20   changes reach all of them through the config pipeline. It is a quiet\n\
         \x20   afternoon.\n\n",
    );
    if p.from_postmortem {
        out.push_str(
            "    The timeline of this drill follows the company's public postmortem. The\n\
             \x20   people, chat lines, shell output and exact numbers are invented for\n\
             \x20   training.\n",
        );
    } else {
        out.push_str(
            "    This example incident is invented. When you write yours, say here which\n\
             \x20   parts follow the postmortem and which are invented for training.\n",
        );
    }
    out.push_str("    \"\"\"\n");
}

/// Prints the `postmortem` block (or, for the example, how to write one).
pub(super) fn postmortem(out: &mut String, p: &Plan) {
    section(out, "postmortem");
    comment(
        out,
        "The real incident this drill is written from: the company, the date, the \
         title and the address of its public write-up. The debrief shows it, so \
         players can read the real story after playing.",
    );
    for (label, text) in &p.notes {
        out.push_str("//\n");
        comment(out, &format!("{label} (from the postmortem): {text}"));
    }
    out.push('\n');
    out.push_str("postmortem\n");
    match &p.company {
        Some(c) => {
            if p.company_guessed {
                out.push_str("    // guessed from the web address of the postmortem: check it\n");
            }
            let _ = writeln!(out, "    company {}", quoted(c));
        }
        None => out.push_str("    // company \"...\"    (not found in the postmortem: add it)\n"),
    }
    match p.pm_date {
        Some(d) => {
            let _ = writeln!(out, "    date {d}");
        }
        None => out.push_str("    // date YYYY-MM-DD    (not found in the postmortem: add it)\n"),
    }
    let _ = writeln!(out, "    title {}", quoted(&p.pm_title));
    match &p.url {
        Some(u) => {
            let _ = writeln!(out, "    url {}", quoted(u));
        }
        None => out
            .push_str("    // url \"https://...\"    (no link found in the postmortem: add it)\n"),
    }
}

/// Prints the example world: state, metrics, alerts and escalation,
/// people, runbooks and logs, and commands.
pub(super) fn world(out: &mut String, p: &Plan) {
    world_state(out);
    world_metrics(out, p);
    world_alerts(out);
    world_people(out);
    world_docs(out, p);
    world_commands(out, p);
}

/// Prints the state section: flags, variables and enums.
fn world_state(out: &mut String) {
    section(out, "state");
    comment(
        out,
        "State: the facts the story remembers. `flag` is true or false, `var` a \
         number, `enum` one of a few names (it starts at the first). Declare every \
         name before a condition or an action uses it; the checker warns about \
         state nothing reads (FD0304). Add a flag for each thing that can happen \
         once (\"the change is live\", \"the rollback ran\") and an enum for a \
         working theory the player can change.",
    );
    out.push('\n');
    out.push_str(
        "flag change_live                 // the bad config is serving traffic\n\
         flag rolled_back                 // the player rolled it back\n\
         flag saw_change                  // the change feed showed v42 within ten minutes\n\
         enum theory = unknown | capacity | bad_change\n",
    );
}

/// Prints the metrics section, citing the postmortem for the climb.
fn world_metrics(out: &mut String, p: &Plan) {
    let climb = p.src(
        &format!("timeline {}", p.at(2)),
        "5xx climbs on every API host within a minute of the push",
    );
    section(out, "metrics");
    comment(
        out,
        "Metrics: the graphs the player opens with `graph NAME`. A metric is its \
         baseline plus noise (and a daily swing), moved by effects: `step`, `ramp`, \
         `spike` and `decay`. Start and stop an effect from an action (`start \
         fresh_pods`), or tie it to state with `while`. `recover` is how long a \
         stopped effect takes to fade. Add a metric for each signal the real \
         responders watched (errors, latency, traffic, saturation), with the \
         numbers the postmortem gives.",
    );
    if let Some(impact) = &p.impact {
        out.push_str("//\n");
        comment(out, &format!("Impact (from the postmortem): {impact}"));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "metric error_rate \"API 5xx responses\"\n\
         \x20   source \"{climb}\"\n\
         \x20   unit %\n\
         \x20   baseline 0.3\n\
         \x20   noise 0.1\n\
         \x20   range 0 to 100\n\
         \x20   recover 1m\n\
         \x20   effect bad_config ramp to 35 over 2m while change_live\n\
         \x20   effect fresh_pods spike by -12 for 1m"
    );
}

/// Prints the alerts and the escalation policy.
fn world_alerts(out: &mut String) {
    section(out, "alerts and escalation");
    comment(
        out,
        "Alerts: what pages the player. An alert fires once its condition has held \
         for the `for` time and resolves when it stops holding; `severity page` \
         wakes someone, `ticket` does not. Use the real alert's name and threshold \
         when the postmortem gives them (and the real delay, if the alert was \
         late). The checker warns when no effect can take the metric past the \
         threshold (FD0305).",
    );
    out.push('\n');
    out.push_str(
        "alert api_errors \"API 5xx rate high\"\n\
         \x20   when error_rate > 5% for 1m\n\
         \x20   severity page\n\
         \x20   summary \"API 5xx at {error_rate} of responses\"\n\
         \x20   runbook api_triage\n\n",
    );
    comment(
        out,
        "Escalation: who is paged when a page is not acknowledged. `you` (the \
         player) first, then pageable people, each after a delay.",
    );
    out.push('\n');
    out.push_str("escalation\n    you\n    alex after 5m\n");
}

/// Prints the people who speak in chat or can be paged.
fn world_people(out: &mut String) {
    section(out, "people");
    comment(
        out,
        "People: everyone who speaks in chat (`@alex: ...`) or can be paged. A \
         pageable person's `when paged` block runs when the player or escalation \
         pages them. Give each the role someone had in the real incident (service \
         owner, incident commander, support lead), with invented names.",
    );
    out.push('\n');
    out.push_str(
        "person alex \"Alex Moreau\"\n\
         \x20   role \"API service owner\"\n\
         \x20   team api\n\
         \x20   pageable\n\
         \x20   when paged\n\
         \x20       @alex: Here. I can see the 5xx graph. What do you need from me?\n\n\
         person sam \"Sam Okoye\"\n\
         \x20   role \"Support lead\"\n\
         \x20   team support\n",
    );
}

/// Prints the runbooks and logs the player can read.
fn world_docs(out: &mut String, p: &Plan) {
    let change = p.at(2);
    section(out, "runbooks and logs");
    comment(
        out,
        "Runbooks (`runbook NAME`) and logs (`logs NAME`): documents the player \
         can open. A log's `text when COND` entries show the first whose condition \
         holds, so it changes as the incident does. Write the runbook the real \
         team had (or should have had); put the evidence the responders found in \
         logs. A long one can live in its own file: `file \"assets/NAME.md\"`.",
    );
    out.push('\n');
    out.push_str(
        "runbook api_triage \"API triage\"\n\
         \x20   \"\"\"\n\
         \x20   1. What changed? `deploys --since 30m` lists every release and config push.\n\
         \x20   2. Is it load? Compare traffic with the error graph before scaling anything.\n\
         \x20   3. Roll back a bad change first and debug it later: `rollback api`.\n\
         \x20   \"\"\"\n\n",
    );
    let _ = writeln!(
        out,
        "log api_log \"API error log\"\n\
         \x20   text when rolled_back \"\"\"\n\
         \x20   api: config v41 loaded (db pool 200)\n\
         \x20   api: no errors in the last minute\n\
         \x20   \"\"\"\n\
         \x20   text when change_live \"\"\"\n\
         \x20   {change}:04 api: config v42 loaded (db pool 2)\n\
         \x20   {change}:05 api: request failed: timed out waiting for a database connection\n\
         \x20   {change}:05 api: (repeated 9,412 times in the last minute)\n\
         \x20   \"\"\"\n\
         \x20   text \"\"\"\n\
         \x20   api: config v41 healthy (db pool 200)\n\
         \x20   \"\"\""
    );
}

/// Prints the shell commands the player can run.
fn world_commands(out: &mut String, p: &Plan) {
    let change = p.at(2);
    let earlier = clock(p.start - 150 * 60);
    section(out, "commands");
    comment(
        out,
        "Commands: what the simulated shell answers. A pattern is matched by its \
         structure: words, `<placeholders>` (shown with `{name}` in the output), \
         flags in any order, `[optional]` parts. The first `output` whose `when` \
         holds is shown, so put the one without `when` last. Actions below the \
         outputs run after them. Mark commands that change production `risky` or \
         `destructive`: the debrief points them out. Write one command per tool \
         the real responders used, with output that shows the evidence they saw.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "command deploys \"deploys [--since <window>]\"\n\
         \x20   alias \"changes [--since <window>]\"\n\
         \x20   takes 5s\n\
         \x20   output when rolled_back \"\"\"\n\
         \x20   TIME   SERVICE  KIND      BY       NOTE\n\
         \x20   {{now}}  api      rollback  oncall   back to config v41\n\
         \x20   {change}  api      config    ci-bot   config v42: database pool settings\n\
         \x20   {earlier}  web      release   dana     release 2024.03.2\n\
         \x20   \"\"\"\n\
         \x20   output when change_live \"\"\"\n\
         \x20   TIME   SERVICE  KIND      BY       NOTE\n\
         \x20   {change}  api      config    ci-bot   config v42: database pool settings\n\
         \x20   {earlier}  web      release   dana     release 2024.03.2\n\
         \x20   \"\"\"\n\
         \x20   output \"\"\"\n\
         \x20   TIME   SERVICE  KIND      BY       NOTE\n\
         \x20   {earlier}  web      release   dana     release 2024.03.2\n\
         \x20   \"\"\"\n\
         \x20   // Counted only once the change is live: before it, the feed shows nothing\n\
         \x20   // to act on (FD0313).\n\
         \x20   if change_live and now <= T+10m\n\
         \x20       set saw_change = true\n\n\
         command rollback \"rollback api\"\n\
         \x20   alias \"rollback api --confirm\"\n\
         \x20   risky\n\
         \x20   takes 20s\n\
         \x20   output when rolled_back \"already on config v41: nothing to roll back\"\n\
         \x20   output when not change_live \"nothing to roll back: config v41 is current\"\n\
         \x20   output \"\"\"\n\
         \x20   rollback: api config v42 -> v41 on every host ... done at {{now}}.\n\
         \x20   \"\"\"\n\
         \x20   if change_live\n\
         \x20       set change_live = false\n\
         \x20       set rolled_back = true"
    );
}

/// Prints the commented trigger stubs, one per timeline beat, or the
/// example's triggers.
pub(super) fn timeline(out: &mut String, p: &Plan) {
    let push = p.src(
        &format!("timeline {}", p.at(2)),
        "config v42 pushed to every API host",
    );
    section(out, "timeline");
    comment(
        out,
        "Triggers: the incident's own clock, which runs whatever the player does. \
         `at T+D` runs once at an offset; `every D from T+D until T+D` repeats; \
         `when COND` runs the first time a condition holds and `whenever COND` \
         every time it becomes true. Put each beat of the real timeline here with \
         a `source` note, and move the story with `goto` or `interrupt`.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "at T+2m\n\
         \x20   source \"{push}\"\n\
         \x20   set change_live = true\n\n\
         when alert api_errors is firing\n\
         \x20   goto paged\n\n\
         when rolled_back\n\
         \x20   goto recovered\n\n\
         every 5m from T+8m until T+25m\n\
         \x20   if not rolled_back\n\
         \x20       @sam: Support here. Customers see errors on every API call. Anything I can tell them?"
    );
    if !p.stubs.is_empty() {
        out.push('\n');
        comment(
            out,
            "The postmortem's timeline, one stub per beat, at its offset from `start`. \
             Uncomment a stub and give it actions: start or stop an effect, a chat \
             line, a page, a `goto`. Beats the player's choices decide (the \
             mitigation, for instance) belong in commands and choices instead: keep \
             their `source` notes there.",
        );
        if p.beats_left_out > 0 {
            comment(
                out,
                &format!(
                    "The postmortem's timeline has {} more beats than the draft takes \
                     ({MAX_BEATS}): they are left out.",
                    p.beats_left_out
                ),
            );
        }
        if let Some(c) = &p.compression {
            comment(
                out,
                &format!(
                    "The stubs are at compressed offsets (1 game minute for about {}); \
                     each comment keeps the real clock time.",
                    real_per_game_minute(c)
                ),
            );
        }
        for s in &p.stubs {
            out.push('\n');
            comment(out, &format!("timeline {}: {}", s.clock, s.what));
            let _ = writeln!(out, "// at {}", offset(s.at));
            let tags: String = s.tags.iter().flat_map(|t| [" ", t]).collect();
            let _ = writeln!(out, "//     source \"timeline {}{tags}\"", s.clock);
        }
    }
}

/// Prints the scenes and choices, and the endings.
pub(super) fn story(out: &mut String, p: &Plan) {
    let change = p.at(2);
    let paged = p.src(
        &format!("timeline {}", p.at(3)),
        "the 5xx alert pages the on-call",
    );
    let mitigated = p.src(
        &format!("timeline {}", p.at(12)),
        "config rolled back; errors fall",
    );
    let wrong = p.src("wrong turn", "the traffic graph looked busy");
    section(out, "scenes");
    comment(
        out,
        "Scenes: the story. A prose line narrates, `@name: ...` is chat, a `*` \
         choice can be taken once and a `+` choice stays. A trailing `#id` names a \
         choice for conditions (`chose scale_out`), tests and the debrief. `only \
         if` hides a choice until its condition holds; `takes` is its game-time \
         cost. `wait` rests the story until a trigger moves it. Write a scene for \
         each decision the real responders faced, and offer the wrong turns they \
         took or considered as choices too.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "scene quiet_desk\n\
         \x20   It is {{now}} and the API dashboards are green: 5xx at {{error_rate}}.\n\
         \x20   @sam: Quiet afternoon so far. Let's keep it that way.\n\
         \x20   wait\n\n\
         scene paged\n\
         \x20   source \"{paged}\"\n\
         \x20   Your phone buzzes: PAGE, api_errors. The 5xx rate is {{error_rate}} and climbing.\n\
         \x20   @alex: Errors on every endpoint at once, and traffic looks busy. Is it load?\n\
         \x20   * Check what changed in the last half hour #check_changes\n\
         \x20       takes 20s\n\
         \x20       @alex: Good call. `deploys --since 30m` lists every change.\n\
         \x20       goto triage\n\
         \x20   * Scale out the API fleet: it looks like load #scale_out\n\
         \x20       source \"{wrong}\"\n\
         \x20       set theory = capacity\n\
         \x20       start fresh_pods\n\
         \x20       @alex: Scaling out. New hosts are coming up.\n\
         \x20       after 1m\n\
         \x20           @alex: That dip was the new hosts warming up. Errors are back at {{error_rate}}. I don't think this is load.\n\
         \x20       goto triage\n\n\
         scene triage\n\
         \x20   @alex: Working theory: {{theory}}. 5xx at {{error_rate}}.\n\
         \x20   * Tell Alex it is the config push #blame_change\n\
         \x20       only if ran deploys\n\
         \x20       set theory = bad_change\n\
         \x20       @alex: Agreed: config v42 went out at {change}. `rollback api` puts v41 back everywhere.\n\
         \x20   + Ask Alex what to look at #ask_alex\n\
         \x20       @alex: Changes first: `deploys`. Then the graph (`graph error_rate`), the runbook (`runbook api_triage`) and the error log (`logs api_log`).\n\n\
         scene recovered\n\
         \x20   source \"{mitigated}\"\n\
         \x20   The rollback reaches every host, and the 5xx rate turns over: {{error_rate}}.\n\
         \x20   @alex: That's it. Errors are draining.\n\
         \x20   * Watch the graph settle, then close the incident #close_incident\n\
         \x20       takes 2m\n\
         \x20       end fixed"
    );

    section(out, "endings");
    comment(
        out,
        "Endings: how a drill can end, each with an `outcome`: resolved, \
         mitigated, worse or timed out. The `timed out` ending is used when \
         `duration` passes. Write one ending per real way out (the fast fix, the \
         slow fix, making it worse) and say what the player did and what it cost.",
    );
    out.push('\n');
    out.push_str(
        "ending fixed \"Rolled back\"\n\
         \x20   outcome resolved\n\
         \x20   You rolled back config v42 and closed the incident at {now}. The 5xx rate ends at {error_rate}.\n\n\
         ending too_late \"The shift ran out\"\n\
         \x20   outcome timed out\n\
         \x20   The drill ended at {now} with the 5xx rate at {error_rate}. The working theory was: {theory}.\n",
    );
}

/// Prints the `debrief` block: root cause, rubric and responders.
pub(super) fn debrief(out: &mut String, p: &Plan) {
    section(out, "debrief");
    comment(
        out,
        "The debrief: what the player learns after the drill. `root cause` \
         explains the real incident. A `key action` is what the real fix needed, \
         done when its condition first holds (by its deadline, if it has one); a \
         `red herring` is a real wrong turn, counted if its condition ever holds; \
         an `objective` is good practice, met if its condition holds at the end. \
         Each takes a `why`, the lesson in one or two sentences.",
    );
    comment(
        out,
        "`responders` is the real timeline: started, detected, diagnosed, \
         escalated, communicated, mitigated, resolved, at clock times of the \
         incident (or `T+` offsets). Only facts the company's own postmortem \
         states belong here.",
    );
    out.push('\n');
    out.push_str("debrief\n    root cause \"\"\"\n");
    text_block(out, "    ", &p.root_cause);
    if p.from_postmortem && !p.root_cause_from_pm {
        out.push_str("    // (placeholder: replace it with the postmortem's root cause)\n");
    }
    let _ = writeln!(
        out,
        "    key action roll_back \"Roll back the config change\"\n\
         \x20       source \"{}\"\n\
         \x20       done when rolled_back\n\
         \x20       by T+20m\n\
         \x20       why \"Rolling back a recent change restores service in seconds; the investigation can wait.\"\n\
         \x20   red herring scale_out \"Scaling out for a load problem that was not there\"\n\
         \x20       taken when chose scale_out\n\
         \x20       why \"Errors everywhere at the same minute point at something pushed everywhere, not at load.\"\n\
         \x20   objective changes_first \"Check what changed before acting\"\n\
         \x20       met when saw_change",
        p.src("mitigation", "config rolled back to the previous version")
    );
    let kept: Vec<&Responder> = p.responders.iter().filter(|r| r.kind.is_some()).collect();
    let left: Vec<&Responder> = p.responders.iter().filter(|r| r.kind.is_none()).collect();
    if kept.is_empty() {
        out.push_str(
            "    // responders: no timeline beat said detected, diagnosed, mitigated or\n\
             \x20   // resolved in words the draft recognises; add the milestones by hand:\n\
             \x20   // responders\n\
             \x20   //     detected 13:45 \"...\"\n",
        );
    } else {
        if p.from_postmortem {
            out.push_str(
                "    // Sorted from the postmortem's timeline by the words of each beat: check\n\
                 \x20   // every kind, and add `started`, `escalated` and `communicated` by hand.\n",
            );
        }
        out.push_str("    responders\n");
        for r in &kept {
            let _ = writeln!(
                out,
                "        {} {} {}{}",
                r.kind.unwrap_or("resolved"),
                r.when,
                quoted(&r.what),
                tags_comment(&r.tags)
            );
        }
    }
    if !left.is_empty() {
        out.push_str(
            "    // Beats whose kind the draft could not tell, or that the postmortem tags\n\
             \x20   // as not the company's own statement ([2nd], [R]). Give a stated one a\n\
             \x20   // kind (started, detected, diagnosed, escalated, communicated,\n\
             \x20   // mitigated, resolved) and move it into `responders`; delete the rest.\n",
        );
        for r in &left {
            let tags = r.tags.join(" ");
            let note = match (r.secondary, tags.is_empty()) {
                (true, _) => format!("    // {tags}: not the company's own statement"),
                (false, false) => format!("    // {tags}"),
                (false, true) => String::new(),
            };
            let _ = writeln!(out, "    //     KIND {} {}{note}", r.when, quoted(&r.what));
        }
    }
}

/// Prints the two playthrough tests: the good path and the slow one.
pub(super) fn tests(out: &mut String, p: &Plan) {
    section(out, "tests");
    comment(
        out,
        "Playthrough tests: scripted players. Each feeds a player's commands (the words typed in \
         `play --plain`) at game times \
         (`at T+D`, or right after the previous one), lets the drill run to its \
         end, and checks the ending and the rubric. `firedrill test FILE` runs \
         them. Keep one test per ending and per red herring, so an edit that \
         breaks a path fails at once.",
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "test rollback_fast \"Checks what changed and rolls it back\"\n\
         \x20   seed 7\n\
         \x20   at T+4m ack\n\
         \x20   choose check_changes\n\
         \x20   run deploys --since 30m\n\
         \x20   choose blame_change\n\
         \x20   run rollback api\n\
         \x20   wait 30s\n\
         \x20   choose close_incident\n\
         \x20   expect ending fixed\n\
         \x20   expect key action roll_back\n\
         \x20   expect objective changes_first\n\
         \x20   expect not red herring scale_out\n\n\
         test scale_out_only \"Scales out and never looks at what changed\"\n\
         \x20   seed 7\n\
         \x20   at T+4m ack\n\
         \x20   choose scale_out\n\
         \x20   wait {}\n\
         \x20   expect ending too_late\n\
         \x20   expect red herring scale_out\n\
         \x20   expect not key action roll_back\n\
         \x20   expect not objective changes_first",
        duration(p.duration)
    );
}

/// A line's evidence tags as a comment at its end (`    // [S]`), so the
/// text the player reads carries none in the middle of a sentence.
pub(super) fn tags_comment(tags: &[&str]) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!("    // {}", tags.join(" "))
    }
}

/// The header's notes on a compressed timeline: the real span, the game
/// span and the scale, and any warning about an incident of hours or days.
pub(super) fn compression_notes(p: &Plan) -> Vec<String> {
    let Some(c) = &p.compression else {
        return Vec::new();
    };
    let mut notes = vec![format!(
        "Real incident: {} from the first timeline beat to the last; compressed to {} \
         game minutes (T+{}m to T+{}m) in a drill of {}, about {} minutes of play at \
         speed 2: 1 game minute is about {}. The responders' timeline in the debrief \
         keeps the real clock.",
        duration(c.real),
        c.game / 60,
        COMPRESSED_FIRST / 60,
        COMPRESSED_LAST / 60,
        duration(p.duration),
        p.minutes,
        real_per_game_minute(c),
    )];
    notes.extend(p.warnings.iter().map(|w| format!("Warning: {w}.")));
    notes
}
