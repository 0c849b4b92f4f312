//! Every integration test in one binary, so they link once: a change to the
//! app rebuilds one test binary, not one per file. Each file under `tests/`
//! is a module here; `tests/common` is shared by them.

#[path = "common/mod.rs"]
mod common;
// The benches' realistic outcomes; the report tests take the rich example.
#[allow(dead_code)]
#[path = "../examples/outcomes/mod.rs"]
mod example_outcomes;

#[path = "background_load.rs"]
mod background_load;
#[path = "checklists.rs"]
mod checklists;
#[path = "cli.rs"]
mod cli;
#[path = "content.rs"]
mod content;
#[path = "e2e.rs"]
mod e2e;
#[path = "e2e_data.rs"]
mod e2e_data;
#[path = "files.rs"]
mod files;
#[path = "keys.rs"]
mod keys;
#[path = "layers.rs"]
mod layers;
#[path = "nynorsk.rs"]
mod nynorsk;
#[path = "outcome.rs"]
mod outcome;
#[path = "pack_cache.rs"]
mod pack_cache;
#[path = "platform_rules.rs"]
mod platform_rules;
#[path = "platforms.rs"]
mod platforms;
#[path = "processes.rs"]
mod processes;
#[path = "public.rs"]
mod public;
#[path = "report.rs"]
mod report;
#[path = "risk.rs"]
mod risk;
#[path = "screens.rs"]
mod screens;
#[path = "search.rs"]
mod search;
#[path = "search_quality.rs"]
mod search_quality;
#[path = "sessions.rs"]
mod sessions;
#[path = "side_by_side.rs"]
mod side_by_side;
#[path = "sources.rs"]
mod sources;
#[path = "themes.rs"]
mod themes;
#[path = "ui.rs"]
mod ui;
#[path = "voices.rs"]
mod voices;
#[path = "wheel.rs"]
mod wheel;
#[path = "workshop.rs"]
mod workshop;
