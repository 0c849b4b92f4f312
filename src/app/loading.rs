//! Loading `--data` packs while the app already runs: the app starts on the
//! embedded library and draws its first frame at once; then another thread
//! loads the packs and builds their search index, and the loop swaps them in
//! when they are ready. Keys work meanwhile: a search typed before the swap is
//! run again on the new index, and an item open over a document the pack
//! replaced is closed rather than shown with other text. A pack error stops
//! the app the way a signal does (the outcome is saved, the terminal
//! restored) and `main` prints the errors with their `file:line:col`.

use std::io;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::App;
use crate::content::Library;
use crate::search::SearchIndex;

/// Said when the loading thread ended without an answer (a bug).
const STOPPED: &str = "somevett: innlastingen av --data stoppet uventet";

/// How often the loop looks for the loaded packs while they load.
pub(super) const LOAD_POLL: Duration = Duration::from_millis(5);

/// What the loading thread hands over.
type Loaded = Result<(Library, SearchIndex), String>;

/// The packs being loaded.
pub(super) struct Loading {
    receiver: Receiver<Loaded>,
    /// Lets the thread start: after the first frame, so that it does not
    /// take the processor from it.
    go: Option<mpsc::Sender<()>>,
}

/// A pack error that stopped the app; `App::run` returns it as an
/// `io::Error` (use `load_error` to get the text back).
#[derive(Debug)]
struct LoadError(String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

/// The pack errors, when that is why `App::run` returned an error.
pub fn load_error(error: &io::Error) -> Option<String> {
    error
        .get_ref()
        .and_then(|e| e.downcast_ref::<LoadError>())
        .map(|e| e.0.clone())
}

impl App {
    /// Runs `load` on another thread, once the first frame is drawn (or
    /// `start_loading` is called), and builds the search index there; the
    /// loop swaps both in when they are ready. The handle gives the error
    /// text, if any, for when the app could not start at all.
    pub fn load_in_background(
        &mut self,
        load: impl FnOnce() -> Result<Library, String> + Send + 'static,
    ) -> JoinHandle<Option<String>> {
        let (sender, receiver) = mpsc::channel();
        let (go, started) = mpsc::channel();
        self.loading = Some(Loading {
            receiver,
            go: Some(go),
        });
        self.info("Laster innholdet i --data …");
        std::thread::spawn(move || {
            // Nobody left to start it: the app is gone.
            started.recv().ok()?;
            let loaded = load().map(|library| {
                let index = SearchIndex::new(&library);
                (library, index)
            });
            let error = loaded.as_ref().err().cloned();
            // The app may have quit already; then nobody is waiting.
            let _ = sender.send(loaded);
            error
        })
    }

    /// Lets the loading thread start (the loop does after its first frame).
    pub fn start_loading(&mut self) {
        if let Some(go) = self.loading.as_mut().and_then(|l| l.go.take()) {
            let _ = go.send(());
        }
    }

    /// Whether `--data` packs are still loading.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Waits until the packs are loaded and swaps them in (used before a
    /// report is written, so that it cites what the user asked for). False
    /// when they failed: then the loop stops the app at its next turn.
    pub fn finish_loading(&mut self) -> bool {
        self.start_loading();
        let Some(loading) = self.loading.take() else {
            return true;
        };
        match loading.receiver.recv() {
            Ok(Ok(loaded)) => {
                self.swap_in(loaded);
                true
            }
            failed => {
                // Handed to `poll_loading`, which stops the loop with it.
                let (sender, receiver) = mpsc::channel();
                let _ = sender.send(failed.unwrap_or_else(|_| Err(STOPPED.to_owned())));
                self.loading = Some(Loading { receiver, go: None });
                false
            }
        }
    }

    /// Swaps the packs in if they are ready; an error if they failed.
    pub fn poll_loading(&mut self) -> io::Result<()> {
        let Some(loading) = &self.loading else {
            return Ok(());
        };
        match loading.receiver.try_recv() {
            Ok(Ok(loaded)) => {
                self.loading = None;
                self.swap_in(loaded);
                Ok(())
            }
            Err(TryRecvError::Empty) => Ok(()),
            Ok(Err(message)) => {
                self.loading = None;
                Err(io::Error::other(LoadError(message)))
            }
            // The thread panicked: that is a bug, reported as such.
            Err(TryRecvError::Disconnected) => {
                self.loading = None;
                Err(io::Error::other(LoadError(STOPPED.to_owned())))
            }
        }
    }

    fn swap_in(&mut self, (library, index): (Library, SearchIndex)) {
        let old = std::mem::replace(&mut self.core.library, library);
        self.core.index = index;
        let new = &self.core.library;
        let index = &self.core.index;
        self.overlays
            .retain_mut(|o| o.library_changed(&old, new, index));
        self.revalidate();
        self.background_changed();
        let added = self
            .core
            .library
            .item_count()
            .saturating_sub(old.item_count());
        drop(old);
        release_freed_memory();
        if self.status.as_ref().is_none_or(|s| !s.error) {
            self.info(format!(
                "Innholdet i --data er lastet: {} dokumenter, {} punkter ({added} nye).",
                self.core.library.documents.len(),
                self.core.library.item_count()
            ));
        }
    }
}

/// Gives the pages the replaced library and index held back to the system
/// (glibc keeps freed memory in the heap otherwise).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: malloc_trim only returns free memory; it takes the allocator's lock.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}
