//! Reading a PDF's text back, for the tests of the report.

/// The text of a page, read back through each font's ToUnicode map (lopdf's
/// own `extract_text` does not read the PostScript comments in krilla's
/// maps). Every text-showing operator's text, joined by single spaces.
pub fn page_text(doc: &lopdf::Document, page: u32) -> Result<String, Box<dyn std::error::Error>> {
    use lopdf::Object;
    let pages = doc.get_pages();
    let id = *pages.get(&page).ok_or("no such page")?;
    let mut maps = std::collections::HashMap::new();
    for (name, font) in doc.get_page_fonts(id)? {
        let Ok(cmap) = font.get(b"ToUnicode").and_then(Object::as_reference) else {
            continue;
        };
        let stream = doc.get_object(cmap)?.as_stream()?;
        let text = String::from_utf8_lossy(&stream.decompressed_content()?).into_owned();
        let mut map = std::collections::HashMap::new();
        for section in text.split("beginbfchar").skip(1) {
            let body = section.split("endbfchar").next().unwrap_or("");
            let hex: Vec<&str> = body
                .split(['<', '>'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            for pair in hex.chunks(2) {
                if let [code, uni] = pair {
                    let units: Vec<u16> = (0..uni.len() / 4)
                        .filter_map(|i| u16::from_str_radix(&uni[i * 4..i * 4 + 4], 16).ok())
                        .collect();
                    map.insert(
                        u16::from_str_radix(code, 16)?,
                        String::from_utf16_lossy(&units),
                    );
                }
            }
        }
        maps.insert(name, map);
    }
    let content = doc.get_and_decode_page_content(id)?;
    let mut font = Vec::new();
    let mut words = Vec::new();
    let decode = |bytes: &[u8], font: &[u8], words: &mut Vec<String>| {
        let map = maps.get(font);
        let text: String = bytes
            .chunks(2)
            .map(|c| {
                let code = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
                map.and_then(|m| m.get(&code)).cloned().unwrap_or_default()
            })
            .collect();
        words.push(text);
    };
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                if let Some(Ok(name)) = op.operands.first().map(Object::as_name) {
                    font = name.to_vec();
                }
            }
            "Tj" => {
                if let Some(Object::String(b, _)) = op.operands.first() {
                    decode(b, &font, &mut words);
                }
            }
            "TJ" => {
                if let Some(Ok(parts)) = op.operands.first().map(Object::as_array) {
                    let mut joined = Vec::new();
                    for p in parts {
                        if let Object::String(b, _) = p {
                            joined.extend_from_slice(b);
                        }
                    }
                    decode(&joined, &font, &mut words);
                }
            }
            _ => {}
        }
    }
    Ok(words
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

/// The text of every page, in order, joined by single spaces.
pub fn all_text(bytes: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let doc = lopdf::Document::load_mem(bytes)?;
    let mut out = Vec::new();
    for page in doc.get_pages().keys() {
        out.push(page_text(&doc, *page)?);
    }
    Ok(out.join(" "))
}
