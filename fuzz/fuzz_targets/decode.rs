//! The charset decoder: any bytes, with or without an HTTP charset label,
//! decode to text without panicking; the Content-Type parser likewise.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmill::decode::{charset_from_content_type, decode_html, decode_text, CharsetSource};

/// HTTP charset labels to pair with the bytes, chosen by the first byte.
const LABELS: &[&str] = &["utf-8", "windows-1252", "shift_jis", "euc-jp", "iso-2022-jp", "utf-16le", "gb18030", "x-user-defined", "bogus"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let label = LABELS.get(usize::from(pick) % (LABELS.len() + 1)).copied();
    let decoded = decode_html(bytes, label);
    if decoded.encoding == encoding_rs::UTF_8 && decoded.source != CharsetSource::Bom {
        assert_eq!(decoded.text, String::from_utf8_lossy(bytes), "UTF-8 decodes as the standard says");
    }
    decode_text(bytes);
    charset_from_content_type(&String::from_utf8_lossy(bytes));
});
