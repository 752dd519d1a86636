//! Headings of the sections a page sets inside or after its article that
//! are not the article: the author's bio, other stories, a table of contents.

/// Openings of the heading over an author's bio (English, German, French,
/// Spanish, Portuguese, Italian, Dutch).
pub const AUTHOR_HEADINGS: &[&str] = &[
    "about the author", "about the writer", "about the reviewer", "about author", "written by", "meet the author",
    "author spotlight", "über den autor", "über die autorin", "à propos de l'auteur", "à propos de l’auteur",
    "sobre el autor", "sobre la autora", "sobre o autor", "sobre a autora", "l'autore", "informazioni sull'autore",
    "over de auteur",
];

/// Whole headings, without their closing colon or stop, that head the
/// writer's bio under a post.
pub const BARE_AUTHOR_HEADINGS: &[&str] = &["about", "about me"];

/// Openings of the heading over a list of other stories at the end of a
/// page (English, German, French, Spanish, Portuguese, then Italian, Dutch,
/// Russian, Polish, Turkish, Chinese, Japanese, Arabic). "Further reading"
/// and "Up next" are left out: reference works keep them as part of the text.
pub const RELATED_HEADINGS: &[&str] = &[
    "related posts", "related articles", "related stories", "related content", "related reading",
    "related publications", "recent posts", "recent articles", "latest news", "latest posts", "latest articles",
    "latest stories", "more news", "more articles", "more stories", "read next", "what to read next",
    "you may also like", "you might also like", "you may also enjoy", "you might also enjoy", "recommended reading",
    "recommended for you", "popular posts", "most popular", "other posts you may", "explore more", "mehr zum thema",
    "das könnte sie auch interessieren", "à lire aussi", "sur le même sujet", "te puede interesar",
    "noticias relacionadas", "leia também", "veja também", "ähnliche artikel", "weitere artikel", "meistgelesen",
    "auch interessant", "articles similaires", "articles liés", "les plus lus", "à lire également",
    "artículos relacionados", "lo más leído", "más noticias", "notícias relacionadas", "mais lidas",
    "artigos relacionados", "articoli correlati", "potrebbe interessarti", "leggi anche", "i più letti",
    "gerelateerde artikelen", "lees ook", "meest gelezen", "читайте также", "похожие статьи", "другие новости",
    "новости по теме", "самые популярные", "популярное", "czytaj także", "czytaj też", "zobacz także",
    "powiązane artykuły", "najpopularniejsze", "ilgili haberler", "benzer haberler", "diğer haberler",
    "en çok okunanlar", "相关文章", "相关新闻", "热门文章", "推荐阅读", "関連記事", "人気記事", "おすすめ記事",
    "مقالات ذات صلة", "اقرأ أيضا", "الأكثر قراءة", "أخبار ذات صلة",
];

/// Whole headings, without their closing punctuation, over the site's own
/// testimonials: a sales pitch set inside or after the article.
pub const TESTIMONIAL_HEADINGS: &[&str] = &[
    "testimonial", "testimonials", "client testimonials", "customer testimonials", "what our clients say",
    "what our clients say about us", "what our customers say", "what our customers say about us",
    "what our students say", "what our patients say", "hear from our clients",
];

/// Titles of an in-page table of contents, whose entries repeat the
/// article's headings. A bare "Contents" is left out: reference works keep
/// it in the text.
pub const TOC_HEADINGS: &[&str] =
    &["table of contents", "table of content", "in this article", "on this page", "jump to section", "jump to"];
