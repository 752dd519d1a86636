//! The seed page (Voice of America, public domain), whole as a scraper saved
//! it: who said each quote, in what role, and the people of the story.

use newsmill::extract::text_page::ChromeFilter;
use newsmill::segment::paragraphs::join_blocks;
use newsmill::segment::quotes::{QuoteSegmenter, QuotesAndPeople};
use newsmill::segment::Gender;

fn seed() -> QuotesAndPeople {
    let page = include_str!("../data/text/voa-us-pakistan-counterterror.txt");
    let (text, paragraphs) = join_blocks(&ChromeFilter.extract(page).blocks);
    QuoteSegmenter.segment(&text, &paragraphs)
}

#[test]
fn seed_quotes_have_their_speakers_full_names_and_roles() {
    const KERRY: (&str, &str) = ("John Kerry", "U.S. Secretary of State");
    const AZIZ: (&str, &str) = ("Sartaj Aziz", "Pakistani National Security and Foreign Affairs Advisor");
    // The text's own title: he speaks as a former envoy.
    const AHMED: (&str, &str) = ("Akbar Ahmed", "Former Pakistani High Commissioner");
    let found = seed();
    let speakers: Vec<(&str, &str)> = found
        .quotes
        .iter()
        .map(|q| (q.speaker_name.as_deref().unwrap_or("-"), q.speaker_role.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(speakers, [KERRY, AZIZ, AHMED, KERRY, KERRY, AHMED, AHMED, AZIZ, AZIZ]);
}

#[test]
fn seed_people_are_everyone_it_names_quoted_or_not() {
    let found = seed();
    let people: Vec<(&str, Option<&str>, Option<Gender>, usize)> =
        found.people.iter().map(|p| (p.name.as_str(), p.role.as_deref(), p.gender, p.n_quotes)).collect();
    assert_eq!(
        people,
        [
            ("Barack Obama", Some("President"), None, 0),
            ("Nawaz Sharif", Some("Pakistani Prime Minister"), None, 0),
            ("John Kerry", Some("U.S. Secretary of State"), Some(Gender::Male), 3),
            ("Sartaj Aziz", Some("Pakistani National Security and Foreign Affairs Advisor"), Some(Gender::Male), 3),
            ("Akbar Ahmed", Some("Former Pakistani High Commissioner"), Some(Gender::Male), 3),
        ]
    );
    // Every quote points at its person.
    let indices: Vec<Option<usize>> = found.quotes.iter().map(|q| q.person_index).collect();
    assert_eq!(indices, [2, 3, 4, 2, 2, 4, 4, 3, 3].map(Some));
    let kerry = &found.people[2];
    assert_eq!(kerry.n_mentions, 6, "named three times, and three times he");
}
