//! Lines of page chrome and furniture: what a page says around its article
//! (skip links, share buttons, sign-up pitches, pointers to other stories).

/// Openings of short lines of page furniture inside article containers.
pub const FURNITURE_PREFIXES: &[&str] = &[
    "skip to", "jump to", "no media source currently available", "advertisement", "share this", "share on",
    "click here to", "sign up for", "subscribe to", "follow us", "all rights reserved", "copyright ©", "©",
    "this video", "watch:", "listen to this", "print this", "email this", "back to top", "anzeige", "werbung",
    "publicidad", "publicité", "you may also like", "you might also like", "you might like", "you may be interested",
    "more from", "recommended for you", "more stories", "share via", "share to", "pubblicità", "publicidade",
    "advertentie", "реклама", "reklama", "reklam", "iklan", "广告", "広告", "إعلان",
];

/// Openings of a line that points to another story ("Read more: ...",
/// "Related: ..."), as a paragraph or as a heading.
pub const POINTER_PREFIXES: &[&str] = &[
    "read more", "related:", "see also:", "also read", "read also", "lesen sie auch", "lire aussi", "leia também",
    "leia mais", "te puede interesar", "lee también", "leggi anche", "lees ook", "читайте также", "czytaj także",
    "czytaj też", "devamını oku", "اقرأ أيضا",
];

/// Labels that file an article under its tags or categories when a colon
/// follows them ("Tags: Employment, Health", "Filed under: Politics"),
/// English, then German, French, Spanish and Portuguese, Italian, Dutch,
/// Russian, Polish, Turkish, Chinese, Japanese, Arabic.
pub const TAG_LABELS: &[&str] = &[
    "tags", "tagged", "tagged with", "filed under", "categories", "category", "topics", "schlagwörter", "stichwörter",
    "schlagworte", "étiquettes", "mots-clés", "mots clés", "etiquetas", "tag", "temi", "argomenti", "trefwoorden",
    "теги", "метки", "tagi", "etiketler", "标签", "タグ", "الوسوم",
];

/// Whole lines that are a button, link or ad label in an HTML page, never
/// article text (English, then the labels of comments, reviews, sharing and
/// subscribing in German, French, Spanish, Portuguese, Italian, Dutch,
/// Russian, Polish, Turkish, Chinese, Japanese, Arabic). Apart from [`SCRAPED_CHROME_LINES`]: as one list, HTML
/// pages would lose lines the article shows as such ("Watch", "Play",
/// "EMBED:"; 4 on wcxb and readability).
pub const BUTTON_LABELS: &[&str] = &[
    "subscribe",
    "sign in",
    "log in",
    "login",
    "sign up",
    "register",
    "share",
    "share it",
    "tweet",
    "pin it",
    "pin for later",
    "pin this for later",
    "contact us",
    "get in touch",
    "more",
    "print",
    "email",
    "comments",
    "leave a comment",
    "leave a reply",
    "reply",
    "loading",
    "please wait",
    // An ad's or sponsor's label over its logo.
    "sponsored",
    "advert",
    "sponsored by",
    "sponsored content",
    "presented by",
    "brought to you by",
    "in partnership with",
    "paid content",
    "paid post",
    "partner content",
    "kommentare",
    "teilen",
    "abonnieren",
    "commentaires",
    "partager",
    "s'abonner",
    "comentarios",
    "compartir",
    "suscribirse",
    "comentários",
    "compartilhar",
    "assinar",
    "commenti",
    "condividi",
    "iscriviti",
    "reacties",
    "delen",
    "abonneren",
    "комментарии",
    "отзывы",
    "добавить отзыв",
    "добавить комментарий",
    "поделиться",
    "подписаться",
    "komentarze",
    "udostępnij",
    "subskrybuj",
    "yorumlar",
    "paylaş",
    "abone ol",
    "评论",
    "分享",
    "订阅",
    "コメント",
    "シェア",
    "購読",
    "تعليقات",
    "مشاركة",
    "اشترك",
];

/// Whole lines of page or media-player chrome that scrapers keep in the
/// text they save from a page (`.txt`), compared without the punctuation
/// around them.
pub const SCRAPED_CHROME_LINES: &[&str] = &[
    "accessibility links",
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "skip to search",
    "skip navigation",
    "skip to footer",
    "breaking news",
    "please wait",
    "loading",
    "no media source currently available",
    "embed",
    "share",
    "download",
    "print",
    "email",
    "e-mail",
    "tweet",
    "advertisement",
    "sponsored content",
    "subscribe",
    "sign in",
    "log in",
    "menu",
    "search",
    "close",
    "play",
    "pause",
    "mute",
    "unmute",
    "listen",
    "watch",
    "copy link",
    "print this page",
    "share this article",
    "the code has been copied to your clipboard",
    "the url has been copied to your clipboard",
    "no live streaming currently available",
    "your browser does not support the video tag",
    "your browser does not support the audio element",
];

/// Openings of a scraped line that is a link of the page's chrome ("Skip to
/// ...", "Share on ..."): the link labels of [`FURNITURE_PREFIXES`]. Scraped
/// text has no box and no line length to bound a rule by, so the text page
/// drops only these.
pub const SCRAPED_LINK_PREFIXES: &[&str] = &["skip to", "jump to", "share on", "share via", "share to", "follow us on"];

/// Openings of a short call to action ("Join our newsletter", "Get the free
/// eBook!"), as a heading or a line.
pub const CALLS_TO_ACTION: &[&str] = &[
    "join our", "subscribe", "sign up", "get the free", "download the free", "download our free", "talk to our",
    "follow us", "contact us", "get in touch", "already have an account", "like what you're reading",
    "like what you’re reading", "want more like this", "help me spread the word", "help us spread the word",
    "stay connected with",
];

/// Openings of the label of a call-to-action button ("Get started", "Talk
/// to us!", "Book a demo"), the offer a house ad or sign-up pitch ends on.
/// A shop's buttons ("Check price", "Buy now") are left out: a product's
/// lines over them are the article's.
pub const CTA_BUTTON_OPENINGS: &[&str] = &[
    "get started", "start free", "start a free", "start your free", "start my free", "try it free", "try for free",
    "try it now", "book a demo", "book a call", "book a consultation", "request a demo", "request a quote",
    "get a quote", "get a demo", "get a free", "schedule a demo", "schedule a call", "apply now", "apply today",
    "sign up", "sign me up", "subscribe", "join now", "join free", "join today", "talk to us", "talk to an",
    "talk to our", "contact us", "contact sales", "get in touch", "let's talk", "let’s talk", "speak to an",
    "speak with an", "download now", "download free", "register now", "enroll now", "enrol now", "claim your",
];

/// The words of a pager's count ("Page 1 of 8"), by language: the word for
/// page and the word between the numbers.
pub const PAGE_COUNT_WORDS: &[(&str, &str)] = &[
    ("page", "of"),
    ("seite", "von"),
    ("page", "sur"),
    ("página", "de"),
    ("pagina", "di"),
    ("pagina", "van"),
    ("strona", "z"),
    ("страница", "из"),
];

/// Words beside "newsletter" that make a line a newsletter's sign-up pitch.
pub const NEWSLETTER_ASKS: &[&str] =
    &["sign up", "sign-up", "in your inbox", "join our", "subscribe to our", "subscribe to the", "subscribe now"];

/// Words after "By signing up, ..." that make the line a form's consent
/// notice rather than a sentence of the article ("By clicking on these
/// links, you may be taken to ...", "By streamlining your list and what you
/// accept into your house, ..." stay).
pub const CONSENT_PHRASES: &[&str] = &[
    "you agree to", "you are agreeing to", "you consent to", "you confirm", "you authorize", "you accept our",
    "you accept the", "i agree to", "i consent to",
];

/// Phrases of the affiliate disclosure that review and shopping pages put
/// above or below the article.
pub const AFFILIATE_PHRASES: &[&str] =
    &["affiliate link", "through our links", "through links on", "from links on", "purchases made through"];

/// Social networks a page asks its readers to follow it on.
pub const SOCIAL_NETWORKS: &[&str] =
    &["facebook", "twitter", "instagram", "youtube", "tiktok", "linkedin", "pinterest"];

/// Openings of the writer's ask to be followed, before the network's name.
pub const FOLLOW_ASKS: &[&str] = &[
    "follow me on", "follow us on", "find me on", "find us on", "join me on", "join us on", "connect with me on",
    "connect with us on", "hang out on",
];
