//! Writes a realistic guideline pack for benchmarks:
//! `cargo run --release --example gen_pack -- DIR [ITEMS]` (default 20,000
//! items) writes DIR/guidelines/k000.ron … and DIR.txt beside the folder (a
//! data folder holds only what somevett reads), one line per item (embedded
//! and generated) for comparing with `fzf --filter`.

mod pack;

use std::io::Write;

use somevett::content::Library;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: gen_pack DIR [ITEMS]")?);
    let total: usize = args.next().map_or(Ok(20_000), |n| n.parse())?;
    let base = Library::embedded()?;
    let guidelines = dir.join("guidelines");
    std::fs::create_dir_all(&guidelines)?;
    let mut texts = std::io::BufWriter::new(std::fs::File::create(dir.with_extension("txt"))?);
    for v in base.items() {
        writeln!(texts, "{} {}", v.full_id(), v.item.text)?;
    }
    let pretty = ron::ser::PrettyConfig::default();
    for document in pack::documents(&base, total) {
        let text = ron::ser::to_string_pretty(&document, pretty.clone())?;
        std::fs::write(guidelines.join(format!("{}.ron", document.id)), text)?;
        for section in &document.sections {
            for item in &section.items {
                writeln!(texts, "{} {}", document.full_id(section, item), item.text)?;
            }
        }
    }
    texts.flush()?;
    Ok(())
}
