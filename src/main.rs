//! somevett's entry point: parse the command line, then run the app or a subcommand.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use clap::Parser;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use somevett::app::App;
use somevett::cli::{self, Cli, Command, ExportFormat};
use somevett::content::Library;
use somevett::keymap::Keymap;
use somevett::outcome;
use somevett::terminal_text::{self, EscapingWriter};
use somevett::ui::theme::{ColorDepth, Theme};

fn main() -> ExitCode {
    one_malloc_arena();
    // A write past `ulimit -f` is then an ordinary error (EFBIG), not a kill.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        Arc::new(AtomicBool::new(false)),
    );
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return argument_error(&e),
    };
    match run(args) {
        Ok(code) => code,
        // The reader went away (`somevett search ... | head`): nothing to report.
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            let _ = writeln!(io::stderr(), "{}", terminal_text::escape(&message));
            ExitCode::FAILURE
        }
    }
}

/// Help and the version are clap's own words, printed as clap prints
/// them. An error echoes what was typed, which may hold escape sequences
/// (a file name dragged onto the command line): it passes the one escaping
/// function, as every other message does, as plain text.
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let text = norwegian_error(e).unwrap_or_else(|| e.render().to_string());
    let _ = write!(io::stderr(), "{}", terminal_text::escape(&text));
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// clap's common errors in Norwegian, with what was typed and the usage;
/// None for the rare kinds, which keep clap's own words.
fn norwegian_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!("ukjent valg «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("ukjent kommando «{}»", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("ugyldig verdi «{value}» for {arg}")
            } else {
                format!("ugyldig verdi «{value}» for {arg}; gyldige: {valid}")
            }
        }
        ErrorKind::ValueValidation => format!("ugyldig verdi «{value}» for {arg}"),
        ErrorKind::MissingRequiredArgument => format!("mangler {arg}"),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("feil antall verdier for {arg}")
        }
        ErrorKind::ArgumentConflict => format!("{arg} kan ikke brukes sammen med de andre valgene"),
        _ => return None,
    };
    let usage = get(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = if usage.is_empty() {
        String::new()
    } else {
        format!("\n\nBruk: {usage}")
    };
    Some(format!("feil: {what}{usage}\n\nSe «somevett --help».\n"))
}

enum Failure {
    ClosedPipe,
    Message(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Message(message)
    }
}

/// A command's words go to the terminal; a closed pipe ends it quietly.
fn io_err(e: io::Error) -> Failure {
    match e.kind() {
        io::ErrorKind::BrokenPipe => Failure::ClosedPipe,
        _ => Failure::Message(format!("somevett: {e}")),
    }
}

/// Success, or failure (exit code 1) for a check that failed, a name not
/// found or something overdue.
fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

type Out<'a> = EscapingWriter<io::StdoutLock<'a>>;
type Err = EscapingWriter<io::Stderr>;

fn run(args: Cli) -> Result<ExitCode, Failure> {
    // Everything a command prints passes the one escaping function.
    let stdout = &mut EscapingWriter::new(io::stdout().lock());
    let stderr = &mut EscapingWriter::new(io::stderr());
    if let Some(Command::Check) = args.command {
        let ok = cli::check(args.data.as_deref(), args.keymap.as_deref(), stdout, stderr)
            .map_err(io_err)?;
        return Ok(exit_code(ok));
    }
    let cache = if args.no_cache {
        None
    } else {
        somevett::content::cache::default_dir()
    };
    let Some(command) = args.command else {
        return start_app(&args, cache);
    };
    let library = match (&command, &args.data) {
        (Command::Search { .. }, None) => Library::embedded_for_search(cache.as_deref()),
        _ => {
            Library::load_cached(args.data.as_deref(), cache.as_deref()).map(|(library, _)| library)
        }
    }
    .map_err(|e| e.to_string())?;
    let outcomes = args.outcomes.as_deref();
    match command {
        Command::Search {
            query,
            limit,
            format,
        } => {
            cli::search(&library, &query, limit, format, stdout).map_err(io_err)?;
            stdout.flush().map_err(io_err)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id } => Ok(exit_code(
            cli::show(&library, &id, stdout, stderr).map_err(io_err)?,
        )),
        Command::Check => Ok(ExitCode::SUCCESS),
        Command::Platforms { name, format } => {
            let found = cli::platforms(&library, name.as_deref(), format, stdout, stderr)
                .map_err(io_err)?;
            stdout.flush().map_err(io_err)?;
            Ok(exit_code(found))
        }
        Command::Outcomes => {
            let dir = outcomes_dir(outcomes)?;
            Ok(exit_code(
                cli::outcomes(&dir, stdout, stderr).map_err(io_err)?,
            ))
        }
        Command::Export {
            which: cli::OutcomeName { outcome: name },
            format,
            output,
            force,
            platform,
            today,
        } => {
            if let Some(path) = &output {
                let target = outcome::export::target(path).map_err(|e| format!("somevett: {e}"))?;
                if target == outcome::export::Target::Existing && !force {
                    return Err(format!(
                        "somevett: {} finnes allerede; bruk --force for å skrive over den",
                        path.display()
                    )
                    .into());
                }
            }
            if let Some(
                kind @ (ExportFormat::Personvern
                | ExportFormat::Kommentarregler
                | ExportFormat::Protokoll),
            ) = format
            {
                let today = today.date()?;
                return public_export(
                    &library,
                    outcomes,
                    &name,
                    kind,
                    platform.as_deref(),
                    output,
                    today,
                    stdout,
                    stderr,
                );
            }
            export(&library, outcomes, &name, format, output, stdout, stderr)
        }
        Command::CheckTexts {
            which: cli::OutcomeName { outcome: name },
            today,
        } => {
            let (_, loaded) = load_outcome(outcomes, &name)?;
            let gaps = outcome::public::gaps(&loaded, &library, Some(today.date()?));
            if gaps.is_empty() {
                writeln!(stdout, "Tekstene til publikum er klare: ingenting mangler.")
                    .map_err(io_err)?;
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(stdout, "{} ting mangler eller må vurderes:", gaps.len()).map_err(io_err)?;
            for g in &gaps {
                writeln!(stdout, "{g}").map_err(io_err)?;
            }
            Ok(ExitCode::FAILURE)
        }
        Command::Status { format, today } => {
            status_command(&library, outcomes, format, &today, stdout, stderr)
        }
        Command::Voices {
            which: cli::OutcomeName { outcome: name },
            import,
        } => {
            let (file, loaded) = load_outcome(outcomes, &name)?;
            if let Some(from) = import {
                let got = outcome::voices::import(&file, &loaded.id, &from)
                    .map_err(|e| format!("somevett: {e}"))?;
                for note in &got.notes {
                    writeln!(stdout, "{note}").map_err(io_err)?;
                }
                writeln!(stdout, "Stemmen ligger i {}", got.path.display()).map_err(io_err)?;
            }
            let ok = cli::voices(&library, &file, &loaded, stdout).map_err(io_err)?;
            Ok(exit_code(ok))
        }
        Command::Due { within, today } => {
            let dir = outcomes_dir(outcomes)?;
            let today = today.date()?;
            // 1: something is overdue; 2: something could not be read.
            let result = cli::due(&library, &dir, today, within, stdout, stderr).map_err(io_err)?;
            folder_exit(result, stdout, stderr)
        }
    }
}

/// The exit of a command over the outcomes folder: 1 when something needs
/// attention, 2 (with the message) when something could not be read.
fn folder_exit(
    result: Result<bool, String>,
    stdout: &mut Out,
    stderr: &mut Err,
) -> Result<ExitCode, Failure> {
    stdout.flush().map_err(io_err)?;
    match result {
        Ok(attention) => Ok(exit_code(!attention)),
        Err(message) => {
            writeln!(stderr, "{message}").map_err(io_err)?;
            Ok(ExitCode::from(2))
        }
    }
}

/// `somevett status`: the whole municipality at once; exit 1 when anything
/// is to be assessed again or overdue, 2 when something cannot be read.
fn status_command(
    library: &Library,
    outcomes: Option<&Path>,
    format: Option<cli::StatusFormat>,
    today: &cli::Today,
    stdout: &mut Out,
    stderr: &mut Err,
) -> Result<ExitCode, Failure> {
    let dir = outcomes_dir(outcomes)?;
    let today = today.date()?;
    let format = format.unwrap_or(cli::StatusFormat::Tekst);
    let result = cli::status(library, &dir, today, format, stdout, stderr).map_err(io_err)?;
    folder_exit(result, stdout, stderr)
}

/// `somevett export --format personvern|kommentarregler|protokoll`: written
/// as the output file's ending says (Markdown, or CSV for the record of
/// processing, on standard output).
#[allow(clippy::too_many_arguments)]
fn public_export(
    library: &Library,
    outcomes: Option<&Path>,
    name: &str,
    kind: ExportFormat,
    platform: Option<&str>,
    output: Option<PathBuf>,
    today: jiff::civil::Date,
    stdout: &mut Out,
    stderr: &mut Err,
) -> Result<ExitCode, Failure> {
    use outcome::public::{PublicExport, PublicKind, export_bytes};
    let (_, loaded) = load_outcome(outcomes, name)?;
    let what = match kind {
        ExportFormat::Personvern => PublicExport::Text(PublicKind::Personvern),
        ExportFormat::Kommentarregler => PublicExport::Text(PublicKind::Kommentarregler),
        _ => PublicExport::Protokoll,
    };
    let ending = match (output.as_deref().and_then(|p| p.extension()), what) {
        (Some(e), _) => e.to_string_lossy().into_owned(),
        (None, PublicExport::Protokoll) => "csv".to_owned(),
        (None, _) => "md".to_owned(),
    };
    let (bytes, gaps) = export_bytes(what, &loaded, library, platform, &ending, Some(today))
        .map_err(|e| format!("somevett: {e}"))?;
    if !gaps.is_empty() {
        writeln!(
            stderr,
            "{} ting mangler eller må vurderes før teksten publiseres (se «[fyll inn: …]», eller somevett check-texts).",
            gaps.len()
        )
        .map_err(io_err)?;
    }
    write_out(output.as_deref(), &bytes, stdout, stderr)
}

/// `somevett export`: the report or the action plan of one outcome, to a
/// file (`-o`) or to standard output.
fn export(
    library: &Library,
    outcomes: Option<&Path>,
    name: &str,
    format: Option<ExportFormat>,
    output: Option<PathBuf>,
    stdout: &mut Out,
    stderr: &mut Err,
) -> Result<ExitCode, Failure> {
    let (_, loaded) = load_outcome(outcomes, name)?;
    let format = format
        .or_else(|| output.as_deref().and_then(ExportFormat::from_path))
        .unwrap_or(ExportFormat::Md);
    let kind = match format {
        ExportFormat::Pdf => outcome::export::Kind::Pdf,
        ExportFormat::Ics => outcome::export::Kind::Ics,
        ExportFormat::Csv => outcome::export::Kind::Csv,
        // The public texts go through `public_export` before this.
        _ => outcome::export::Kind::Md,
    };
    if kind == outcome::export::Kind::Pdf && output.is_none() {
        return Err("somevett: PDF skrives til en fil: bruk -o RAPPORT.pdf"
            .to_owned()
            .into());
    }
    // The document's date is the day it is written, in local time.
    let today = somevett::clock::Clock::System.now().today;
    let exported = outcome::export::export(&loaded, library, kind, Some(today))?;
    if let Some(remark) = &exported.remark {
        writeln!(stderr, "{remark}").map_err(io_err)?;
    }
    // A PDF's attachment (the cited guideline texts) goes beside it.
    if let Some(path) = &output {
        for (suffix, data) in &exported.attachments {
            let beside = outcome::export::attachment_path(path, suffix);
            outcome::export::target(&beside).map_err(|e| format!("somevett: {e}"))?;
            outcome::atomic::write(&beside, data)
                .map_err(|e| format!("somevett: kan ikke skrive {}: {e}", beside.display()))?;
            writeln!(stderr, "Skrev {}", beside.display()).map_err(io_err)?;
        }
    }
    write_out(output.as_deref(), &exported.main, stdout, stderr)
}

/// Writes what a command made to `output`, or to standard output. Standard
/// output is kept free of control and invisible characters: a calendar gets
/// LF line ends there and a sheet no byte order mark (both are in files
/// written with -o).
fn write_out(
    output: Option<&Path>,
    bytes: &[u8],
    stdout: &mut Out,
    stderr: &mut Err,
) -> Result<ExitCode, Failure> {
    match output {
        Some(path) => {
            outcome::atomic::write(path, bytes)
                .map_err(|e| format!("somevett: kan ikke skrive {}: {e}", path.display()))?;
            writeln!(stderr, "Skrev {}", path.display()).map_err(io_err)?;
        }
        None => {
            let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
            stdout
                .write_all(text.trim_start_matches('\u{feff}').as_bytes())
                .map_err(io_err)?;
            stdout.flush().map_err(io_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The outcome a command names (a file, or a title or file name in the
/// outcomes folder), read.
fn load_outcome(
    outcomes: Option<&Path>,
    name: &str,
) -> Result<(PathBuf, somevett::domain::Outcome), Failure> {
    let dir = outcome::outcomes_dir(outcomes);
    let file = outcome::find(dir.as_deref(), name)?;
    let (loaded, _) = outcome::load(&file).map_err(|e| e.to_string())?;
    Ok((file, loaded))
}

/// Starts the app. Without `--data` the library is the embedded one; with
/// it, the app starts on the embedded library and draws at once while the
/// packs are loaded and indexed on another thread (`App::load_in_background`).
/// A pack error stops the app as before: the outcome is saved, the terminal
/// restored, and the errors printed with their `file:line:col`.
fn start_app(args: &Cli, cache: Option<std::path::PathBuf>) -> Result<ExitCode, Failure> {
    let keymap = Keymap::load(cli::keymap_path(args.keymap.as_deref()).as_deref())
        .map_err(|e| e.to_string())?;
    let name = cli::theme_name(args.theme).map_err(|e| e.to_string())?;
    let theme = Theme::new(name, ColorDepth::from_env());
    let stop = stop_on_signals();
    let library = Library::load_cached(None, cache.as_deref())
        .map(|(library, _)| library)
        .map_err(|e| e.to_string())?;
    let mut app = App::new(library, keymap, theme);
    // Tests run the app on a day of their own: what is overdue or to be
    // assessed again depends on it.
    if let Some(day) = &args.today {
        let day =
            somevett::domain::date::parse(day).map_err(|e| format!("somevett: --today: {e}"))?;
        app = app.with_clock(somevett::clock::Clock::fixed(&format!("{day}T10:00:00Z")));
    }
    let loader = args.data.clone().map(|data| {
        app.load_in_background(move || {
            Library::load_cached(Some(&data), cache.as_deref())
                .map(|(library, _)| library)
                .map_err(|e| e.to_string())
        })
    });
    // Without a terminal nothing is drawn early: a pack error is reported
    // before the terminal is tried, as it always was.
    if let Some(handle) = loader
        && !(io::stdin().is_terminal() && io::stdout().is_terminal())
    {
        app.start_loading();
        if let Ok(Some(message)) = handle.join() {
            return Err(message.into());
        }
    }
    let app = app
        .with_outcomes_read_later(outcome::outcomes_dir(args.outcomes.as_deref()))
        .with_state(outcome::state::state_file())
        .with_voice(args.voice.clone())
        .with_stop_flag(stop.clone())
        .with_hangup(somevett::app::HangUp::terminal_input());
    match run_app(app) {
        // Where work was kept when the app had to stop without asking.
        Ok(farewell) => {
            for line in farewell {
                let _ = writeln!(io::stderr(), "{}", terminal_text::escape(&line));
            }
        }
        // A pack error stopped the app.
        Err(e) => {
            if let Some(message) = somevett::app::load_error(&e) {
                return Err(message.into());
            }
            // A terminal error is always reported, even a closed pipe.
            return Err(Failure::Message(format!("somevett: {e}")));
        }
    }
    // Stopped by a signal: the outcome is saved and the terminal restored.
    Ok(match stop.load(Ordering::Relaxed) {
        0 => ExitCode::SUCCESS,
        signal => ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(u8::MAX))),
    })
}

fn outcomes_dir(explicit: Option<&std::path::Path>) -> Result<std::path::PathBuf, String> {
    outcome::outcomes_dir(explicit)
        .ok_or_else(|| "somevett: fant ingen mappe for økter; bruk --outcomes MAPPE".to_owned())
}

/// Runs the app in the alternate screen; the terminal is restored
/// (`ratatui::try_restore`) on return, on errors and on panics, and bracketed
/// paste (and mouse capture, should anything have turned it on) switched off
/// on every one of those paths.
fn run_app(app: App) -> io::Result<Vec<String>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_input_modes();
        let _ = ratatui::try_restore();
        previous(info);
    }));
    let result = buffered_terminal().and_then(|mut terminal| {
        crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste)?;
        let result = app.run(&mut terminal);
        // ratatui's `Terminal` shows the cursor when dropped and prints to
        // stderr when it cannot, which panics when the terminal has hung up.
        // Show it here; if that fails there is no terminal left to restore.
        if terminal.show_cursor().is_err() {
            std::mem::forget(terminal);
        }
        result
    });
    disable_input_modes();
    // Quietly: after a hang-up there is nowhere to report a failure.
    let _ = ratatui::try_restore();
    result
}

/// What `ratatui::init` makes, with the output buffered: a frame leaves in
/// one write, not in the 1 KB pieces of `Stdout`'s own buffer. The viewport
/// is fixed to the terminal's size and follows its resize events (`App::run`),
/// so a frame does not ask the terminal for its size (opening `/dev/tty`)
/// on every keystroke.
fn buffered_terminal() -> io::Result<Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    let (width, height) = crossterm::terminal::size()?;
    Terminal::with_options(
        CrosstermBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
}

/// SIGTERM, SIGHUP and SIGINT set a flag the app's loop looks at: it saves
/// the open outcome and returns, and the terminal is restored. A second
/// signal of the same kind while that happens ends the process at once.
#[cfg(unix)]
fn stop_on_signals() -> Arc<AtomicUsize> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        // Signal numbers are small and positive; the flag holds the number.
        let Ok(number) = usize::try_from(signal) else {
            continue;
        };
        let _ = signal_hook::flag::register_conditional_default(signal, seen.clone());
        let _ = signal_hook::flag::register(signal, seen.clone());
        let _ = signal_hook::flag::register_usize(signal, flag.clone(), number);
    }
    flag
}

#[cfg(not(unix))]
fn stop_on_signals() -> Arc<AtomicUsize> {
    Arc::new(AtomicUsize::new(0))
}

fn disable_input_modes() {
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste
    );
}

/// Allocator settings for a small peak (glibc). One arena for every
/// thread: `--data` packs load on a second thread, which would otherwise get
/// an arena of its own and not reuse what the main thread freed (1.2 MB more
/// peak memory at 20,000 items: 21.1 against 19.9 MB). A fixed mmap
/// threshold: large temporary buffers (a pack's text) go back to the system
/// when freed, instead of glibc raising the threshold after the first one
/// and keeping the next ones in the heap. The two threads seldom allocate
/// at the same time, so sharing an arena costs nothing measurable.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only sets allocator parameters, and runs here before
    // any other thread exists; a failure (0) only means a default stays.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
