//! Class and id names (and ARIA roles) that say what a box is: page chrome
//! or the article.

/// Class/id fragments of chrome that is dropped even inside a content-looking
/// container (a "comment-body" is still a comment).
pub const STRONG_CHROME: &[&str] = &[
    "comment", "disqus", "related", "share", "sharing", "social", "newsletter", "cookie", "consent", "gdpr",
    "breadcrumb", "skip-link", "skiplink", "skip-to", "skipto", "skip-nav", "skipnav", "outbrain", "taboola",
    "recommend", "paywall", "subscri", "signup", "sign-up", "promo", "advert", "sponsor", "popup", "modal", "sidebar",
    "newsticker", "readmore", "read-more", "more-stories", "morestories", "further-reading", "author-bio", "authorbio",
    "author-box", "authorbox", "about-author", "kommentar", "compartir", "partage", "weiterlesen", "verwandt",
    "relacionad", "jump-link", "sr-only", "visually-hidden", "screen-reader", "visuallyhidden", "navbar", "-ad-",
    "ad-slot", "adslot", "ad-container", "adcontainer", "ad-wrapper", "dfp",
    // A card that pops up over a link in the text (a person's other stories).
    "popover", "hovercard", "rollover",
];

/// Class/id fragments of chrome that a content word in the same attribute,
/// or a body of prose inside, overrides ("header" vs "article-header" is
/// still chrome, but "has-sidebar main-content" is the page body).
pub const WEAK_CHROME: &[&str] = &[
    "header", "nav", "search", "hidden", "video", "audio", "media", "alert", "extra", "meta", "aside", "combx",
    "community", "remark", "rss", "shoutbox", "skyscraper", "supplemental", "pop-up", "cta", "overlay", "card",
    "banner", "ticker", "breaking", "teaser", "similar", "toolbar", "print", "rating", "masthead", "pagination",
    "pager", "offscreen", "player", "tags", "taglist", "byline", "dateline", "timestamp", "caption", "credit",
    "tooltip", "login", "trending", "popular", "mostread", "most-read", "menu", "navigation", "footer", "follow",
    "donate", "bio-", "infobox", "abo-", "disclaimer",
];

/// Exact class/id tokens of chrome, too short to match as fragments ("nav"
/// is only a weak fragment: "content-nav-section" holds article text), and
/// the class prefixes of media players' controls (video.js, MediaElement.js,
/// Plyr, JW Player, YouTube's), whose labels ("Loaded: 0%", "Remaining Time
/// -0:00", "Captions will look like this") are never the article's.
pub const CHROME_TOKENS: &[&str] = &["ad", "ads", "share", "social", "vjs", "mejs", "plyr", "jwplayer", "ytp"];

/// Exact class/id tokens of a box's metadata (tags, the author, the date),
/// weak chrome as [`WEAK_CHROME`] is.
pub const METADATA_TOKENS: &[&str] = &["tag", "author", "date", "time"];

/// Class/id fragments of article content (English, German, Spanish,
/// Portuguese, French, Italian, Polish, Dutch).
pub const CONTENT_WORDS: &[&str] = &[
    "article", "content", "story", "post", "body", "entry", "text", "main", "blog", "artikel", "inhalt", "beitrag",
    "contenido", "noticia", "cuerpo", "conteudo", "materia", "texte", "corps", "contenu", "testo", "articolo", "tresc",
    "tekst", "bericht", "news", "page", "column", "prose", "rich",
    // Collapsed FAQ answers are part of the article, whatever hides them.
    "accordion", "faq",
];

/// Parts of a class name that name a writer's box.
pub const AUTHOR_PARTS: &[&str] = &["author", "authors", "autor"];

/// Class name parts that flag how the box is laid out beside a sidebar
/// ("sidebar-enabled--false", "main-with-sidebar", "no-sidebar"): the box
/// is the page's main column, not the sidebar.
pub const SIDEBAR_LAYOUT_FLAGS: &[&str] =
    &["with-sidebar", "has-sidebar", "no-sidebar", "sidebar-enabled", "sidebar-disabled"];

/// Class/id fragments of text kept for screen readers or off screen.
pub const UNSEEN_TEXT: &[&str] =
    &["sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "offscreen", "hidden"];

/// Parts of a class name that name a standfirst: the summary set under a
/// headline, above the article's text.
pub const STANDFIRST_PARTS: &[&str] = &["excerpt", "subtitle", "standfirst", "dek", "deck", "subheading"];

/// Parts of a class name that name a line set apart from the article's text:
/// a photo caption or credit, a label, a byline.
pub const ASIDE_LINE_PARTS: &[&str] = &["caption", "credit", "label", "byline"];

/// ARIA landmark roles of page chrome.
pub const CHROME_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog", "alertdialog",
    "tooltip", "toolbar",
];

/// Class/id fragments of a byline or post-meta area, where a page shows the
/// article's date.
pub const BYLINE_AREA: &[&str] = &["byline", "meta", "date", "posted", "author", "header"];

/// Prefixes and suffixes of a class or id token that flag a state of the
/// article ("has-comments", "comments-open"), not the comments themselves.
pub const STATE_FLAG_PREFIXES: &[&str] = &["has-", "has_", "no-", "no_", "with-", "with_"];
pub const STATE_FLAG_SUFFIXES: &[&str] = &["-open", "_open", "-closed", "_closed"];
