//! Language of a document: the one its markup declares, checked against
//! the one its text is written in.

use whatlang::Lang;

/// The start of a text the detector reads, in bytes: a paragraph tells the
/// language.
const DETECTION_PREFIX_BYTES: usize = 512;

/// The least confidence at which the detected language overrules the
/// declared one (templates declare their default language on every page,
/// translated or not).
const MIN_OVERRULING_CONFIDENCE: f64 = 0.9;

/// The document's language (ISO 639-1) and the detector's confidence that
/// the text is in it. The declared primary code holds when the text is
/// written in a script of that language: the trigram detector, whose fixed
/// cost per call was 3% of a build's time (aeb-dev + wcxb-articles-dev), runs
/// only when nothing is declared or the script contradicts the declaration
/// (a Cyrillic text under `lang="en"`); then the language it finds surely
/// (confidence >= [`MIN_OVERRULING_CONFIDENCE`]) overrules the declared one.
/// The confidence is `None` when the detector did not run or found another
/// language.
pub fn document_language(declared: Option<&str>, text: &str) -> (Option<String>, Option<f64>) {
    let mut end = text.len().min(DETECTION_PREFIX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let script_fits = |code: &str| {
        whatlang::detect_script(sample).is_none_or(|script| script.langs().iter().any(|&l| iso_639_1(l) == code))
    };
    if let Some(code) = declared.filter(|code| script_fits(code)) {
        return (Some(code.to_string()), None);
    }
    let detected = whatlang::detect(sample).map(|info| (iso_639_1(info.lang()), info.confidence(), info));
    let reliable = detected.as_ref().filter(|(_, _, info)| info.is_reliable());
    let language = match (declared, reliable) {
        (Some(code), Some(&(found, confidence, _))) if found != code && confidence >= MIN_OVERRULING_CONFIDENCE => {
            Some(found.to_string())
        }
        (Some(code), _) => Some(code.to_string()),
        (None, found) => found.map(|(code, _, _)| code.to_string()),
    };
    let confidence = detected.filter(|(code, _, _)| language.as_deref() == Some(code)).map(|(_, c, _)| c);
    (language, confidence)
}

/// ISO 639-1 code of the text's language when detection is reliable.
#[cfg(test)]
fn detect_language(text: &str) -> Option<String> {
    document_language(None, text).0
}

/// The primary language code of a normalised tag (`pt-BR` → `pt`), in
/// ISO 639-1 also where the tag gives ISO 639-3 (`deu` → `de`).
pub fn primary_code(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag);
    match primary.len() {
        3 => Lang::from_code(primary).map_or_else(|| primary.to_string(), |lang| iso_639_1(lang).to_string()),
        _ => primary.to_string(),
    }
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
    fn a_tag_gives_its_primary_code_in_iso_639_1() {
        assert_eq!(primary_code("pt-BR"), "pt");
        assert_eq!(primary_code("deu"), "de");
        assert_eq!(primary_code("deu-CH"), "de");
        assert_eq!(primary_code("en"), "en");
    }

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
    fn declared_language_holds_unless_the_script_and_the_text_say_another() {
        let de = "Die Bundesregierung will die Zusammenarbeit mit den Nachbarländern bei der \
                  Terrorismusbekämpfung und der wirtschaftlichen Entwicklung verbessern. Das teilte \
                  das Auswärtige Amt am Dienstag in Berlin mit.";
        let (language, confidence) = document_language(None, de);
        assert_eq!(language.as_deref(), Some("de"));
        assert!(confidence.is_some_and(|c| c > 0.5), "{confidence:?}");
        // Declared in the text's script: held, the detector not run.
        assert_eq!(document_language(Some("en"), de), (Some("en".to_string()), None));
        let ru = "Правительство намерено расширить сотрудничество с соседними странами в борьбе с \
                  терроризмом и в области экономического развития региона.";
        assert_eq!(document_language(Some("en"), ru).0.as_deref(), Some("ru"), "a template's default");
        assert_eq!(document_language(Some("fr"), "OK"), (Some("fr".to_string()), None));
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
