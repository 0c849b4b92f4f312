//! Writes a folder of realistic outcomes for measuring the app at scale:
//! `cargo run --release --example gen_outcomes -- DIR [COUNT]` (default
//! 1,000), then `somevett --outcomes DIR`, `somevett due --outcomes DIR`.

mod outcomes;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: gen_outcomes DIR [COUNT]")?);
    let count: usize = args.next().map_or(Ok(1_000), |n| n.parse())?;
    let library = somevett::content::Library::embedded()?;
    outcomes::folder(&library, &dir, count)?;
    eprintln!("Skrev {count} økter i {}", dir.display());
    Ok(())
}
