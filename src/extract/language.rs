//! Language of a text, for documents whose markup does not declare one.

use whatlang::Lang;

/// ISO 639-1 code of the text's language when detection is reliable.
pub fn detect_language(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    info.is_reliable().then(|| iso_639_1(info.lang()).to_string())
}

/// The ISO 639-1 code of each language whatlang knows. The match is
/// exhaustive so that a whatlang upgrade adding languages fails to compile
/// here rather than silently dropping them.
fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        // Iranian Persian: 639-1 has only the macrolanguage code.
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_german_and_chinese() {
        let en = "U.S. and Pakistani officials say they are working to improve cooperation on \
                  counter-terrorism and economic development in the region.";
        let de = "Die Bundesregierung will die Zusammenarbeit mit den Nachbarländern bei der \
                  Terrorismusbekämpfung und der wirtschaftlichen Entwicklung verbessern.";
        let zh = "美国和巴基斯坦官员表示，他们正在努力改善在反恐和经济发展方面的合作。";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        assert_eq!(detect_language(de).as_deref(), Some("de"));
        assert_eq!(detect_language(zh).as_deref(), Some("zh"));
    }

    #[test]
    fn unreliable_or_empty_text_gives_none() {
        assert_eq!(detect_language(""), None);
        assert_eq!(detect_language("OK"), None);
    }

    #[test]
    fn codes_that_differ_from_the_iso_639_3_prefix() {
        assert_eq!(iso_639_1(Lang::Nob), "nb");
        assert_eq!(iso_639_1(Lang::Pes), "fa");
        assert_eq!(iso_639_1(Lang::Heb), "he");
        assert_eq!(iso_639_1(Lang::Cmn), "zh");
    }
}
