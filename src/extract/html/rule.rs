//! The rules behind every decision of the extractor, for `newsmill explain`:
//! why a subtree or a block is kept, or why it is left out of the article.

use super::vocab::furniture::Furniture;
use std::fmt;

/// Why a subtree or block is kept in, or left out of, the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    // Kept: chrome signals overruled.
    /// A `<header>` that heads a part of the article, not the page.
    SectionHeader,
    /// An `<aside>` set among the article's paragraphs (a note, a box of definitions).
    NoteInText,
    /// A link or inline element classed like chrome, set in running text.
    PhraseInText,
    /// A box classed like weak chrome that holds a body of prose.
    HoldsProse,
    /// One of a run of same-class boxes that hold most of the page's prose.
    ProseRun,
    /// A box dropped by its tag, class or role that holds most of the page's prose.
    MainText,
    /// A box classed like chrome that holds about as much prose as the rest of the page.
    ArticleBox,
    /// Code, whose inner classes name code tokens, not chrome.
    Code,
    // Kept: blocks.
    /// Inside the chosen content containers.
    InContainer,
    /// An intro paragraph between the headline and the content container.
    Lede,
    /// In a link list the text introduces ("Many patches were sent for review:").
    IntroducedList,
    /// In a link list with a sentence of unlinked text per item (references).
    AnnotatedList,
    /// A link-dense line that says something itself, linking a phrase.
    LinkedSentence,
    /// A link-dense line ending with a colon, introducing a quote or a list.
    IntroducesWhatFollows,
    /// A short link-dense line that is a whole sentence.
    ShortLinkedSentence,
    /// An `<h1>` after the title: a section of the article.
    LaterH1,
    /// The linked title of a roundup's item, over the item's paragraph.
    LinkedItemTitle,
    // Dropped.
    /// nav, aside, header, footer, figcaption.
    ChromeTag,
    /// Class/id vocabulary of chrome.
    ChromeClass,
    /// ARIA landmark role of chrome.
    ChromeRole,
    /// Not shown on the page.
    Hidden,
    /// Outside the chosen content containers.
    OutsideContainer,
    /// Inside a link-heavy box (related stories, tag clouds, pagers).
    LinkHeavyBox,
    /// A paragraph line mostly made of links.
    LinkHeavyLine,
    /// A line of page furniture, by the detector that took it.
    Boilerplate(Furniture),
    /// A line above the article's first paragraph that only dates it.
    LeadingTimestamp,
    /// The page's `<h1>`, which is the title, not the body.
    Title,
    /// A section headed "About the author" (a bio, not the article).
    AuthorSection,
    /// A section headed "Related posts", "Latest news" (links to other stories).
    RelatedSection,
    /// A section headed as an ad or a call to action ("Advertisement: ...", "Join our newsletter").
    PromoSection,
    /// A repeat of paragraphs already kept (a template's second copy).
    Repeated,
    /// In the small box of a sign-up form, beside its pitch or consent line.
    SignupBox,
    /// In the small box of a call-to-action button ("Talk to us!"), its pitch.
    CallToActionBox,
    /// After the article's body, in a box of another kind (bio, disclaimer, promo).
    ArticleTail,
    /// A standfirst above the article's text, named so by its class.
    Standfirst,
    /// In a row of look-alike cards, each a linked title and an excerpt.
    TeaserListing,
}

impl Rule {
    /// Whether the rule keeps what it judges in the article.
    pub fn keeps(self) -> bool {
        matches!(
            self,
            Rule::SectionHeader
                | Rule::NoteInText
                | Rule::PhraseInText
                | Rule::HoldsProse
                | Rule::ProseRun
                | Rule::MainText
                | Rule::ArticleBox
                | Rule::Code
                | Rule::InContainer
                | Rule::Lede
                | Rule::IntroducedList
                | Rule::AnnotatedList
                | Rule::LinkedSentence
                | Rule::IntroducesWhatFollows
                | Rule::ShortLinkedSentence
                | Rule::LaterH1
                | Rule::LinkedItemTitle
        )
    }

    /// Whether the rule leaves what it judges out of the article.
    pub fn drops(self) -> bool {
        !self.keeps()
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::SectionHeader => "section-header",
            Rule::NoteInText => "note-in-text",
            Rule::PhraseInText => "phrase-in-text",
            Rule::HoldsProse => "holds-prose",
            Rule::ProseRun => "prose-run",
            Rule::MainText => "main-text",
            Rule::ArticleBox => "article-box",
            Rule::Code => "code",
            Rule::InContainer => "in-container",
            Rule::Lede => "lede",
            Rule::IntroducedList => "introduced-list",
            Rule::AnnotatedList => "annotated-list",
            Rule::LinkedSentence => "linked-sentence",
            Rule::IntroducesWhatFollows => "introduces-what-follows",
            Rule::ShortLinkedSentence => "short-linked-sentence",
            Rule::LaterH1 => "later-h1",
            Rule::LinkedItemTitle => "linked-item-title",
            Rule::ChromeTag => "chrome-tag",
            Rule::ChromeClass => "chrome-class",
            Rule::ChromeRole => "chrome-role",
            Rule::Hidden => "hidden",
            Rule::OutsideContainer => "outside-container",
            Rule::LinkHeavyBox => "link-heavy-box",
            Rule::LinkHeavyLine => "link-heavy-line",
            Rule::Boilerplate(_) => "boilerplate",
            Rule::LeadingTimestamp => "leading-timestamp",
            Rule::Title => "title",
            Rule::AuthorSection => "author-section",
            Rule::RelatedSection => "related-section",
            Rule::PromoSection => "promo-section",
            Rule::Repeated => "repeated",
            Rule::SignupBox => "signup-box",
            Rule::CallToActionBox => "cta-box",
            Rule::ArticleTail => "article-tail",
            Rule::Standfirst => "standfirst",
            Rule::TeaserListing => "teaser-listing",
        }
    }
}

/// "keep" or "drop" and the rule's name; a boilerplate line's names its
/// detector too ("drop boilerplate/dateline"). Padding applies to the whole.
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.keeps() { "keep" } else { "drop" };
        match self {
            Rule::Boilerplate(furniture) => f.pad(&format!("{verb} {}/{}", self.name(), furniture.name())),
            rule => f.pad(&format!("{verb} {}", rule.name())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_say_whether_they_keep_and_name_the_detector() {
        assert!(Rule::LaterH1.keeps() && Rule::InContainer.keeps() && !Rule::Title.keeps());
        assert!(Rule::Boilerplate(Furniture::Dateline).drops());
        assert_eq!(format!("{:<30}|", Rule::Boilerplate(Furniture::Dateline)), "drop boilerplate/dateline     |");
        assert_eq!(Rule::LinkedItemTitle.to_string(), "keep linked-item-title");
    }
}
