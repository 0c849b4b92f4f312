//! Drives the real app in a pseudo-terminal and measures what a user feels:
//!
//! - first frame: from the start to the last byte of the first screen;
//! - with `--data`, loaded: from the start until the status line says the
//!   packs are loaded and indexed (they load after the first frame);
//! - key to frame: from writing one key of a search query to the last byte
//!   of the frame it causes (median, 90th percentile and worst);
//! - the app's processor time per key (all its threads, from
//!   `/proc/PID/task/*/schedstat`), which the machine's other work disturbs
//!   far less than the wall clock;
//! - peak RSS (`VmHWM`) at the end.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/pty_driver target/release/somevett [--data DIR] [--runs N] [--query TEXT] [--size 120x36] [--per-key]
//! target/release/examples/pty_driver --floor [--runs N]
//! ```
//!
//! `--floor` drives `cat` in raw mode instead (`stty raw -echo; exec cat`):
//! a process that wakes up, reads the key and writes it back, the least any
//! app can take through this pseudo-terminal on this machine.
//!
//! The driver reads the terminal's file descriptor itself with `poll`, on
//! one thread, so its own share of a measurement is a few microseconds.

#[cfg(unix)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    unix::main()
}

#[cfg(not(unix))]
fn main() {
    eprintln!("pty_driver needs a Unix pseudo-terminal");
}

#[cfg(unix)]
mod unix {
    use std::error::Error;
    use std::io::Write;
    use std::os::fd::RawFd;
    use std::time::{Duration, Instant};

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    /// A frame is settled when no byte follows for this long.
    const IDLE: Duration = Duration::from_millis(30);
    /// The search typed, one key at a time, after `/` opens the search.
    const QUERY: &str = "bilder av elever samtykke";

    struct Args {
        binary: Option<String>,
        data: Option<String>,
        query: String,
        runs: usize,
        floor: bool,
        /// Print each key's worst over the runs.
        per_key: bool,
        cols: u16,
        rows: u16,
        /// An outcomes folder to start on (a generated one, `gen_outcomes`).
        outcomes: Option<String>,
    }

    fn args() -> Result<Args, String> {
        let mut args = Args {
            binary: None,
            data: None,
            query: QUERY.to_owned(),
            runs: 5,
            floor: false,
            per_key: false,
            cols: 120,
            rows: 36,
            outcomes: None,
        };
        let mut it = std::env::args().skip(1);
        while let Some(a) = it.next() {
            match a.as_str() {
                "--data" => args.data = it.next(),
                "--outcomes" => args.outcomes = it.next(),
                "--query" => args.query = it.next().ok_or("--query needs a text")?,
                "--runs" => {
                    args.runs = it
                        .next()
                        .and_then(|n| n.parse().ok())
                        .ok_or("--runs needs a number")?;
                }
                "--floor" => args.floor = true,
                "--per-key" => args.per_key = true,
                "--size" => {
                    let size = it.next().unwrap_or_default();
                    let (cols, rows) = size
                        .split_once('x')
                        .and_then(|(c, r)| Some((c.parse().ok()?, r.parse().ok()?)))
                        .ok_or("--size needs COLSxROWS, e.g. 80x24")?;
                    (args.cols, args.rows) = (cols, rows);
                }
                other if other.starts_with('-') => return Err(format!("unknown option {other}")),
                other => args.binary = Some(other.to_owned()),
            }
        }
        if args.binary.is_none() && !args.floor {
            return Err(
                "usage: pty_driver BINARY [--data DIR] [--runs N] [--query TEXT] [--size 120x36] [--per-key] | --floor".into(),
            );
        }
        Ok(args)
    }

    /// What one run measured.
    struct Run {
        first: Duration,
        loaded: Option<Duration>,
        keys: Vec<Duration>,
        cpu: Vec<Duration>,
        rss_kb: u64,
    }

    /// Waits until `fd` can be read or `timeout` passes.
    fn readable(fd: RawFd, timeout: Duration) -> bool {
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd for the length given.
        let n = unsafe { libc::poll(&mut pfd, 1, ms) };
        n > 0
    }

    /// Reads what is there; `None` at the end of the output.
    fn read_some(fd: RawFd, buf: &mut [u8]) -> Option<usize> {
        // SAFETY: `buf` is valid for its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        usize::try_from(n).ok().filter(|&n| n > 0)
    }

    /// Reads until the output pauses for `IDLE`; the time of the last byte.
    /// `seen` gets the bytes, and any cursor-position query is answered.
    fn until_idle(
        fd: RawFd,
        writer: &mut dyn Write,
        seen: &mut Vec<u8>,
        deadline: Duration,
    ) -> Option<Instant> {
        let start = Instant::now();
        let mut last = None;
        let mut buf = [0u8; 1 << 16];
        while start.elapsed() < deadline {
            let wait = if last.is_some() { IDLE } else { deadline };
            if !readable(fd, wait) {
                if last.is_some() {
                    break;
                }
                continue;
            }
            let n = read_some(fd, &mut buf)?;
            last = Some(Instant::now());
            let bytes = &buf[..n];
            if bytes.windows(4).any(|w| w == b"\x1b[6n") {
                let _ = writer.write_all(b"\x1b[1;1R");
            }
            seen.extend_from_slice(bytes);
            if seen.len() > 1 << 16 {
                seen.drain(..seen.len() - 4096);
            }
        }
        last
    }

    /// Processor time the process has had, all threads.
    fn cpu_time(pid: u32) -> Duration {
        let mut ns = 0u64;
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for task in tasks.flatten() {
                let path = task.path().join("schedstat");
                if let Ok(text) = std::fs::read_to_string(path) {
                    ns += text
                        .split_whitespace()
                        .next()
                        .and_then(|n| n.parse::<u64>().ok())
                        .unwrap_or(0);
                }
            }
        }
        Duration::from_nanos(ns)
    }

    fn peak_rss_kb(pid: u32) -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.split_whitespace().next()?.parse().ok())
            })
            .unwrap_or(0)
    }

    fn run(args: &Args, outcomes: &std::path::Path) -> Result<Run, Box<dyn Error>> {
        let pty = native_pty_system().openpty(PtySize {
            rows: args.rows,
            cols: args.cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut command = if args.floor {
            let mut c = CommandBuilder::new("sh");
            c.args(["-c", "stty raw -echo && exec cat"]);
            c
        } else {
            let binary = std::fs::canonicalize(args.binary.as_deref().unwrap_or_default())?;
            let mut c = CommandBuilder::new(binary);
            if let Some(data) = &args.data {
                c.args(["--data", data]);
            }
            c
        };
        command.env("TERM", "xterm-256color");
        command.env("SOMEVETT_OUTCOMES", outcomes);
        // No first-start page: the state folder says an earlier run quit
        // with nothing open.
        command.env("XDG_STATE_HOME", outcomes.join("state"));
        let start = Instant::now();
        let mut child = pty.slave.spawn_command(command)?;
        drop(pty.slave);
        let pid = child.process_id().ok_or("no process id")?;
        let fd = pty.master.as_raw_fd().ok_or("no file descriptor")?;
        let mut writer = pty.master.take_writer()?;
        let mut seen = Vec::new();
        let first = if args.floor {
            // Until `stty` has made the terminal raw.
            std::thread::sleep(Duration::from_millis(200));
            Duration::ZERO
        } else {
            until_idle(fd, &mut *writer, &mut seen, Duration::from_secs(5))
                .ok_or("no first frame")?
                - start
        };
        let loaded = match &args.data {
            Some(_) if !args.floor => {
                let marker = "er lastet".as_bytes();
                let mut at = None;
                while start.elapsed() < Duration::from_secs(20) {
                    if seen.windows(marker.len()).any(|w| w == marker) {
                        at = Some(start.elapsed());
                        break;
                    }
                    until_idle(fd, &mut *writer, &mut seen, Duration::from_millis(200));
                }
                at
            }
            _ => None,
        };
        if !args.floor {
            writer.write_all(b"/")?;
            until_idle(fd, &mut *writer, &mut seen, Duration::from_secs(2));
        }
        let (mut keys, mut cpu) = (Vec::new(), Vec::new());
        let mut buf = [0u8; 4];
        for ch in args.query.chars() {
            let before = cpu_time(pid);
            let sent = Instant::now();
            writer.write_all(ch.encode_utf8(&mut buf).as_bytes())?;
            writer.flush()?;
            if let Some(done) = until_idle(fd, &mut *writer, &mut seen, Duration::from_secs(2)) {
                keys.push(done - sent);
                cpu.push(cpu_time(pid).saturating_sub(before));
            }
        }
        let rss_kb = peak_rss_kb(pid);
        // SIGTERM: the app saves and ends by itself (a profiler wrapping it
        // gets to write its data).
        // SAFETY: kill only sends a signal.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
        child.wait()?;
        Ok(Run {
            first,
            loaded,
            keys,
            cpu,
            rss_kb,
        })
    }

    fn ms(d: Duration) -> String {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    }

    /// Median, 90th percentile and worst, sorted in place.
    fn spread(values: &mut [Duration]) -> Option<(Duration, Duration, Duration)> {
        values.sort_unstable();
        let n = values.len();
        let last = *values.last()?;
        Some((values[n / 2], values[(n * 9 / 10).min(n - 1)], last))
    }

    pub fn main() -> Result<(), Box<dyn Error>> {
        let args = args()?;
        let temp = tempfile::tempdir()?;
        let outcomes = args
            .outcomes
            .as_ref()
            .map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
        std::fs::create_dir_all(outcomes.join("state/somevett"))?;
        std::fs::write(outcomes.join("state/somevett/sist-apnet.txt"), "")?;
        let (mut firsts, mut loads, mut keys, mut cpu, mut rss) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), 0);
        let mut worst_per_key: Vec<Duration> = Vec::new();
        for _ in 0..args.runs {
            let r = run(&args, &outcomes)?;
            worst_per_key.resize(r.keys.len().max(worst_per_key.len()), Duration::ZERO);
            for (worst, key) in worst_per_key.iter_mut().zip(&r.keys) {
                *worst = (*worst).max(*key);
            }
            firsts.push(r.first);
            loads.extend(r.loaded);
            keys.extend(r.keys);
            cpu.extend(r.cpu);
            rss = rss.max(r.rss_kb);
        }
        if args.per_key {
            let line: Vec<String> = args
                .query
                .chars()
                .zip(&worst_per_key)
                .map(|(c, d)| format!("{c:?} {:.2}", d.as_secs_f64() * 1000.0))
                .collect();
            println!("worst per key (ms): {}", line.join(", "));
        }
        if let Some((median, _, worst)) = spread(&mut firsts).filter(|_| !args.floor) {
            println!(
                "first frame: median {}, best {}, worst {}",
                ms(median),
                ms(firsts[0]),
                ms(worst)
            );
        }
        if args.data.is_some() {
            match spread(&mut loads) {
                Some((median, _, worst)) => println!(
                    "packs loaded and indexed: median {}, worst {} ({} of {} runs)",
                    ms(median),
                    ms(worst),
                    loads.len(),
                    args.runs
                ),
                None => println!("packs loaded and indexed: never seen"),
            }
        }
        if let Some((median, p90, worst)) = spread(&mut keys) {
            println!(
                "key to frame: median {}, 90% within {}, worst {} ({} keys)",
                ms(median),
                ms(p90),
                ms(worst),
                keys.len()
            );
        }
        if let Some((median, p90, worst)) = spread(&mut cpu) {
            println!(
                "processor time per key: median {}, 90% within {}, worst {}",
                ms(median),
                ms(p90),
                ms(worst)
            );
        }
        println!("peak RSS: {:.1} MB", rss as f64 / 1024.0);
        Ok(())
    }
}
