//! The everyday toolbox: `ls`, `cat`, `ps`, `df`, `ssh`, `sudo`... on small
//! scenarios written inline, checked by the language (so these tests live
//! here, above both).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use firedrill::lang::{Loaded, NoFiles, check};
use firedrill::sim::{Action, EventKind, Sim};

/// `text` checked as `t.drill`; panics with the diagnostics if it fails.
fn sim(text: &str) -> Sim {
    let c = check(Loaded::text("t.drill", text), &NoFiles);
    let shown = firedrill::lang::render::human(&c.diagnostics, &c.sources);
    assert!(c.diagnostics.is_empty(), "{shown}");
    let sc = c.scenario.unwrap_or_else(|| panic!("{shown}"));
    let mut sim = Sim::new(sc, 1);
    sim.drain();
    sim
}

/// What the shell printed for `line`.
fn run(sim: &mut Sim, line: &str) -> String {
    sim.apply(Action::Run(line.into()))
        .into_iter()
        .find_map(|e| match e.kind {
            EventKind::Shell { input, output, .. } if input == line => Some(output),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no shell output for {line:?}"))
}

const WORLD: &str = r#"scenario t
    title "T"
    start 2024-01-01 10:00 UTC
    duration 30m
    user maya
    host web

flag broken

metric cpu "CPU"
    unit %
    baseline 40
    range 0 to 100

metric disk "Disk used"
    unit %
    baseline 91
    range 0 to 100

metric data "Data"
    unit GB
    baseline 300
    range 0 to 400

host web "web-01.example.com"
    dir "/srv/app"
    cpu cpu
    disk disk
    process "nginx: master process"
    process when broken "php-fpm: pool www (stuck)"

host db "db-01.example.com"
    user root
    disk data
    process "postgres -D /var/lib/postgresql/data"

log app_log "Application log"
    10:00:01 ERROR upstream timed out
    10:00:02 INFO healthcheck ok

file "/var/log/app/error.log"
    host web
    log app_log

file "/srv/app/config.yml"
    host web
    text when broken "workers: 0"
    text "workers: 8"

file "/etc/motd"
    Welcome to the example fleet.

file "/var/cache/app/blob.bin"
    host web
    text when not broken "(binary)"

url "https://status.example.com/"
    All systems operational.

command switch "ssh db-tab"
    login db
    output "(switched tab)"

scene first
    The pager is quiet.
    * Close the laptop #close
        end done

ending done "Done"
    outcome resolved
"#;

#[test]
fn the_prompt_shows_user_host_and_folder() {
    let mut s = sim(WORLD);
    assert_eq!(s.prompt(), "maya@web-01:/srv/app$");
    run(&mut s, "cd ~");
    assert_eq!(s.prompt(), "maya@web-01:~$");
    run(&mut s, "cd /var/log/app");
    assert_eq!(s.prompt(), "maya@web-01:/var/log/app$");
    assert_eq!(run(&mut s, "pwd"), "/var/log/app");
}

#[test]
fn ssh_moves_the_shell_and_exit_comes_back() {
    let mut s = sim(WORLD);
    assert!(run(&mut s, "ssh db").starts_with("Last login:"));
    assert_eq!(s.prompt(), "root@db-01:~#");
    assert_eq!(run(&mut s, "hostname"), "db-01.example.com");
    assert_eq!(run(&mut s, "whoami"), "root");
    assert!(run(&mut s, "exit").contains("Connection to db-01.example.com closed."));
    assert_eq!(s.prompt(), "maya@web-01:/srv/app$");
    assert!(run(&mut s, "ssh nowhere").contains("Could not resolve hostname nowhere"));
    assert!(run(&mut s, "exit").contains("only shell"));
    assert_eq!(s.hosts(), ["web", "db"]);
}

#[test]
fn ssh_with_a_command_runs_it_there_and_stays_here() {
    let mut s = sim(WORLD);
    assert_eq!(run(&mut s, "ssh db hostname"), "db-01.example.com");
    assert_eq!(run(&mut s, "ssh -l root db whoami"), "root");
    assert_eq!(s.prompt(), "maya@web-01:/srv/app$", "the shell stays");
    assert_eq!(
        run(&mut s, "ssh db frobnicate --now"),
        "bash: frobnicate: command not found"
    );
    run(&mut s, "ssh db");
    let log = "ssh web tail -n 1 /var/log/app/error.log";
    assert_eq!(s.logs_read_by(log).len(), 1, "read on the host it names");
    assert_eq!(run(&mut s, log), "10:00:02 INFO healthcheck ok");
    assert_eq!(s.prompt(), "root@db-01:~#");
}

#[test]
fn a_condition_can_ask_which_host_the_shell_is_on() {
    let mut s = sim(&WORLD.replace(
        "host web \"web-01.example.com\"",
        "command jctl \"journalctl -u app\"\n    output when on web \"10:00 app: started\"\n    output \"-- No entries --\"\n\nhost web \"web-01.example.com\"",
    ));
    assert_eq!(run(&mut s, "journalctl -u app"), "10:00 app: started");
    run(&mut s, "ssh db");
    assert_eq!(run(&mut s, "journalctl -u app"), "-- No entries --");
    let c = check(
        Loaded::text(
            "t.drill",
            &WORLD.replace("text when broken", "text when on nowhere"),
        ),
        &NoFiles,
    );
    let shown = firedrill::lang::render::human(&c.diagnostics, &c.sources);
    assert!(
        shown.contains("nowhere"),
        "an unknown host is reported: {shown}"
    );
}

#[test]
fn past_midnight_the_shell_gives_the_next_day() {
    let mut s = sim(&WORLD.replace("start 2024-01-01 10:00 UTC", "start 2024-02-28 23:59 UTC"));
    s.apply(Action::Wait(120_000));
    assert!(run(&mut s, "date").starts_with("2024-02-29 00:01"));
    assert!(run(&mut s, "ssh db").contains("Last login: 2024-02-29 00:01"));
}

#[test]
fn a_scenario_login_moves_the_prompt_too() {
    let mut s = sim(WORLD);
    assert_eq!(run(&mut s, "ssh db-tab"), "(switched tab)");
    assert_eq!(s.prompt(), "root@db-01:~#");
    assert!(
        run(&mut s, "exit").contains("only shell"),
        "a tab switch has no way back"
    );
    assert_eq!(s.prompt(), "root@db-01:~#");
}

#[test]
fn files_folders_and_logs_read_like_a_machine() {
    let mut s = sim(WORLD);
    assert_eq!(run(&mut s, "ls"), "config.yml");
    assert_eq!(run(&mut s, "cat config.yml"), "workers: 8");
    assert!(run(&mut s, "ls /var/log").contains("app"));
    assert!(run(&mut s, "ls -l /srv/app").starts_with("-rw-r--r-- 1 maya maya"));
    assert_eq!(
        run(&mut s, "cat /nope"),
        "cat: /nope: No such file or directory"
    );
    assert_eq!(run(&mut s, "cat /var"), "cat: /var: Is a directory");
    assert_eq!(
        run(&mut s, "less /etc/motd"),
        "Welcome to the example fleet."
    );
    let listed = run(&mut s, "ls -l /var/log/app");
    assert!(
        !listed.contains(" 0 2024"),
        "a log file is as long as its log: {listed}"
    );
    assert!(
        s.logs_read_by("ls -l /var/log/app").is_empty(),
        "listing is not reading"
    );
    let log = "/var/log/app/error.log";
    assert_eq!(
        s.logs_read_by(&format!("tail -n 1 {log}")).len(),
        1,
        "the debrief counts the log as read"
    );
    assert_eq!(
        run(&mut s, &format!("tail -n 1 {log}")),
        "10:00:02 INFO healthcheck ok"
    );
    assert_eq!(
        run(&mut s, &format!("head -1 {log}")),
        "10:00:01 ERROR upstream timed out"
    );
    assert_eq!(
        run(&mut s, &format!("grep -i error {log}")),
        "10:00:01 ERROR upstream timed out"
    );
    assert!(run(&mut s, "cd /etc/motd").contains("Not a directory"));
    assert!(run(&mut s, "cd /nope").contains("No such file or directory"));
    assert_eq!(s.paths("/var/l"), ["/var/log/"]);
    assert_eq!(s.paths("con"), ["config.yml"]);
    run(&mut s, "ssh db");
    assert!(
        run(&mut s, "cat /srv/app/config.yml").contains("No such file"),
        "a file is only on its hosts"
    );
    assert_eq!(
        run(&mut s, "cat /etc/motd"),
        "Welcome to the example fleet."
    );
}

#[test]
fn a_file_whose_texts_all_have_conditions_is_there_only_while_one_holds() {
    let mut s = sim(&WORLD.replace(
        "scene first",
        "command breakit \"break it\"\n    output \"broken\"\n    set broken = true\n\nscene first",
    ));
    assert_eq!(run(&mut s, "ls /var"), "cache\nlog");
    assert_eq!(run(&mut s, "cat /var/cache/app/blob.bin"), "(binary)");
    run(&mut s, "break it");
    assert_eq!(run(&mut s, "ls /var"), "log", "its folders go with it");
    assert_eq!(
        run(&mut s, "cat /var/cache/app/blob.bin"),
        "cat: /var/cache/app/blob.bin: No such file or directory"
    );
    assert!(run(&mut s, "ls /var/cache").contains("cannot access"));
    assert_eq!(
        run(&mut s, "cat config.yml"),
        "workers: 0",
        "a file with a text without condition stays"
    );
}

#[test]
fn df_and_free_answer_in_the_unit_their_flag_asks_for() {
    let mut s = sim(WORLD);
    assert!(run(&mut s, "free -m").contains("65536"));
    assert!(run(&mut s, "free -g").contains("64"));
    assert!(run(&mut s, "free").contains("67108864"));
    let df = run(&mut s, "df -m");
    assert!(df.contains("1M-blocks") && df.contains("512000"), "{df}");
}

#[test]
fn no_process_takes_more_than_one_core() {
    let mut s = sim(WORLD);
    let ps = run(&mut s, "ps");
    for line in ps.lines().skip(1) {
        let cpu: f64 = line.split_whitespace().nth(2).unwrap().parse().unwrap();
        assert!(cpu <= 100.0, "{line}");
    }
    assert!(ps.contains(" 100.0 nginx: master process"), "{ps}");
}

#[test]
fn the_host_tools_agree_with_the_metrics() {
    let mut s = sim(WORLD);
    let df = run(&mut s, "df -h");
    assert!(df.contains(" 91% /"), "{df}");
    let ps = run(&mut s, "ps aux");
    assert!(ps.contains("nginx: master process"), "{ps}");
    assert!(
        !ps.contains("php-fpm"),
        "a process shows only while its condition holds"
    );
    assert!(run(&mut s, "top").contains("load average: 3.20"));
    assert!(run(&mut s, "uptime").contains("load average: 3.20"));
    assert!(run(&mut s, "free -h").starts_with("          total"));
    run(&mut s, "ssh db");
    let df = run(&mut s, "df -h");
    assert!(
        df.contains("400G") && df.contains("300G") && df.contains(" 75% /"),
        "{df}"
    );
}

#[test]
fn sudo_refuses_and_never_asks_for_a_password() {
    let mut s = sim(WORLD);
    let out = run(&mut s, "sudo systemctl restart nginx");
    assert_eq!(
        out,
        "maya is not in the sudoers file.  This incident will be reported."
    );
    assert!(!out.to_lowercase().contains("password"));
    run(&mut s, "ssh db");
    assert_eq!(run(&mut s, "sudo whoami"), "root");
}

#[test]
fn curl_answers_declared_urls_only() {
    let mut s = sim(WORLD);
    assert_eq!(
        run(&mut s, "curl -s https://status.example.com"),
        "All systems operational."
    );
    assert_eq!(
        run(&mut s, "curl http://nowhere.example.com/x"),
        "curl: (6) Could not resolve host: nowhere.example.com"
    );
}

#[test]
fn a_scenario_without_hosts_still_has_a_machine() {
    let mut s = sim(
        "scenario tiny-drill\n    title \"T\"\n    start 2024-01-01 10:00 UTC\n    duration 30m\nscene first\n    The pager is quiet.\n    * Close the laptop #close\n        end done\nending done \"Done\"\n    outcome resolved\n",
    );
    assert_eq!(s.prompt(), "oncall@tiny-01:~$");
    assert_eq!(run(&mut s, "hostname"), "tiny-01");
    assert_eq!(run(&mut s, "ls"), "");
    assert!(run(&mut s, "ls /").contains("var"));
    assert!(run(&mut s, "df").contains("Use%"));
    assert_eq!(s.hosts(), ["tiny-01"]);
}

#[test]
fn scenario_commands_win_over_the_toolbox() {
    let mut s = sim(&WORLD.replace(
        "scene first",
        "command my_ls \"ls\"\n    output \"scenario ls\"\n\nscene first",
    ));
    assert_eq!(run(&mut s, "ls"), "scenario ls");
}

#[test]
fn gitlab_switches_tabs_with_the_prompt_and_its_logs_read_as_files() {
    let lib = firedrill::library::find("gitlab-2017-db").unwrap();
    let sc = firedrill::library::check(lib).scenario.unwrap();
    let mut s = Sim::new(sc, 1);
    s.drain();
    assert_eq!(s.prompt(), "root@db1:~#");
    run(&mut s, "ssh db2");
    assert_eq!(s.prompt(), "root@db2:~#");
    assert_eq!(run(&mut s, "hostname"), "db2.cluster.gitlab.com");
    let tail = run(&mut s, "tail -n 1 /var/log/gitlab/postgresql/current");
    assert!(tail.contains("every five seconds since 21:31"), "{tail}");
    run(&mut s, "ssh root@db1");
    assert_eq!(s.prompt(), "root@db1:~#");
    assert_eq!(
        run(&mut s, "cat /var/opt/gitlab/postgresql/data/PG_VERSION"),
        "9.6"
    );
}
