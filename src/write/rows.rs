//! Arrow batches of the tables, filled column by column from documents.

use super::schema::{PerTable, Table};
use crate::segment::Document;
use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use std::sync::Arc;

fn usize_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn usize_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A calendar day as Arrow's `Date32`: days since 1970-01-01.
fn days_since_epoch(day: chrono::NaiveDate) -> i32 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((day - epoch).num_days()).unwrap_or(i32::MAX)
}

fn timestamps(capacity: usize) -> TimestampMicrosecondBuilder {
    TimestampMicrosecondBuilder::with_capacity(capacity).with_timezone("UTC")
}

/// Builds one batch of each table from a run of documents.
pub fn batches(docs: &[&Document]) -> anyhow::Result<PerTable<RecordBatch>> {
    PerTable::try_from_fn(|table| match table {
        Table::Documents => documents(docs),
        Table::Paragraphs => paragraphs(docs),
        Table::Quotes => quotes(docs),
        Table::People => people(docs),
    })
}

fn documents(docs: &[&Document]) -> anyhow::Result<RecordBatch> {
    let n = docs.len();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut doc_id = StringBuilder::with_capacity(n, n * 32);
    let mut source = StringBuilder::new();
    let mut record_offset = Int64Builder::with_capacity(n);
    let mut record_id = StringBuilder::new();
    let mut url = StringBuilder::new();
    let mut fetched_at = timestamps(n);
    let mut title = StringBuilder::new();
    let mut byline = StringBuilder::new();
    let mut published_at = timestamps(n);
    let mut site_name = StringBuilder::new();
    let mut language = StringBuilder::new();
    let mut text = StringBuilder::with_capacity(n, text_bytes);
    let mut n_paragraphs = Int32Builder::with_capacity(n);
    let mut n_quotes = Int32Builder::with_capacity(n);
    let mut n_words = Int32Builder::with_capacity(n);
    let mut dup_of = StringBuilder::new();
    let mut published_date = Date32Builder::with_capacity(n);
    let mut description = StringBuilder::new();
    let tag_field = Arc::new(arrow_schema::Field::new_list_field(arrow_schema::DataType::Utf8, false));
    let mut tags = ListBuilder::new(StringBuilder::new()).with_field(tag_field);
    let mut image = StringBuilder::new();
    let mut hostname = StringBuilder::new();
    let mut crawl_url = StringBuilder::new();
    let mut page_type = StringBuilder::new();
    let mut language_declared = StringBuilder::new();
    let mut language_confidence = Float64Builder::with_capacity(n);
    let mut input_metadata = StringBuilder::new();
    for d in docs {
        doc_id.append_value(&d.doc_id);
        source.append_value(&*d.source);
        record_offset.append_option(d.record_offset);
        record_id.append_option(d.record_id.as_deref());
        url.append_option(d.url.as_deref());
        fetched_at.append_option(d.fetched_at);
        title.append_option(d.title.as_deref());
        byline.append_option(d.byline.as_deref());
        published_at.append_option(d.published_at);
        site_name.append_option(d.site_name.as_deref());
        language.append_option(d.language.as_deref());
        text.append_value(&d.text);
        n_paragraphs.append_value(usize_i32(d.paragraphs.len()));
        n_quotes.append_value(usize_i32(d.quotes.len()));
        n_words.append_value(usize_i32(d.n_words));
        dup_of.append_option(d.dup_of.as_deref());
        published_date.append_option(d.published_date.map(days_since_epoch));
        let x = &d.details;
        description.append_option(x.description.as_deref());
        for tag in &x.tags {
            tags.values().append_value(tag);
        }
        tags.append(true);
        image.append_option(x.image.as_deref());
        hostname.append_option(x.hostname.as_deref());
        crawl_url.append_option(x.crawl_url.as_deref());
        page_type.append_option(x.page_type.as_deref());
        language_declared.append_option(x.language_declared.as_deref());
        language_confidence.append_option(x.language_confidence);
        input_metadata.append_option(d.input_metadata.as_deref());
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(source.finish()),
        Arc::new(record_offset.finish()),
        Arc::new(record_id.finish()),
        Arc::new(url.finish()),
        Arc::new(fetched_at.finish()),
        Arc::new(title.finish()),
        Arc::new(byline.finish()),
        Arc::new(published_at.finish()),
        Arc::new(site_name.finish()),
        Arc::new(language.finish()),
        Arc::new(text.finish()),
        Arc::new(n_paragraphs.finish()),
        Arc::new(n_quotes.finish()),
        Arc::new(n_words.finish()),
        Arc::new(dup_of.finish()),
        Arc::new(published_date.finish()),
        Arc::new(description.finish()),
        Arc::new(tags.finish()),
        Arc::new(image.finish()),
        Arc::new(hostname.finish()),
        Arc::new(crawl_url.finish()),
        Arc::new(page_type.finish()),
        Arc::new(language_declared.finish()),
        Arc::new(language_confidence.finish()),
        Arc::new(input_metadata.finish()),
    ];
    Ok(RecordBatch::try_new(Table::Documents.arrow_schema(), columns)?)
}

fn paragraphs(docs: &[&Document]) -> anyhow::Result<RecordBatch> {
    let n: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut doc_id = StringBuilder::with_capacity(n, n * 32);
    let mut index = Int32Builder::with_capacity(n);
    let mut kind = StringBuilder::with_capacity(n, n * 9);
    let mut text = StringBuilder::with_capacity(n, text_bytes);
    let mut char_start = Int64Builder::with_capacity(n);
    let mut char_end = Int64Builder::with_capacity(n);
    for d in docs {
        for (i, p) in d.paragraphs.iter().enumerate() {
            doc_id.append_value(&d.doc_id);
            index.append_value(usize_i32(i));
            kind.append_value(p.kind.as_str());
            text.append_value(&d.text[p.byte_start..p.byte_end]);
            char_start.append_value(usize_i64(p.char_start));
            char_end.append_value(usize_i64(p.char_end));
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(index.finish()),
        Arc::new(kind.finish()),
        Arc::new(text.finish()),
        Arc::new(char_start.finish()),
        Arc::new(char_end.finish()),
    ];
    Ok(RecordBatch::try_new(Table::Paragraphs.arrow_schema(), columns)?)
}

fn quotes(docs: &[&Document]) -> anyhow::Result<RecordBatch> {
    let n: usize = docs.iter().map(|d| d.quotes.len()).sum();
    let mut doc_id = StringBuilder::with_capacity(n, n * 32);
    let mut index = Int32Builder::with_capacity(n);
    let mut paragraph_index = Int32Builder::with_capacity(n);
    let mut text = StringBuilder::new();
    let mut char_start = Int64Builder::with_capacity(n);
    let mut char_end = Int64Builder::with_capacity(n);
    let mut speaker = StringBuilder::new();
    let mut speaker_name = StringBuilder::new();
    let mut person_index = Int32Builder::with_capacity(n);
    let mut speaker_role = StringBuilder::new();
    let mut speaker_start = Int64Builder::with_capacity(n);
    let mut speaker_end = Int64Builder::with_capacity(n);
    let mut verb = StringBuilder::new();
    let mut verb_lemma = StringBuilder::new();
    let mut kind = StringBuilder::new();
    for d in docs {
        for (i, q) in d.quotes.iter().enumerate() {
            doc_id.append_value(&d.doc_id);
            index.append_value(usize_i32(i));
            paragraph_index.append_value(usize_i32(q.paragraph_index));
            text.append_value(&q.text);
            char_start.append_value(usize_i64(q.char_start));
            char_end.append_value(usize_i64(q.char_end));
            speaker.append_option(q.speaker.as_deref());
            speaker_name.append_option(q.speaker_name.as_deref());
            person_index.append_option(q.person_index.map(usize_i32));
            speaker_role.append_option(q.speaker_role.as_deref());
            speaker_start.append_option(q.speaker_start.map(usize_i64));
            speaker_end.append_option(q.speaker_end.map(usize_i64));
            verb.append_option(q.verb.as_deref());
            verb_lemma.append_option(q.verb_lemma.as_deref());
            kind.append_value(q.kind.as_str());
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(index.finish()),
        Arc::new(paragraph_index.finish()),
        Arc::new(text.finish()),
        Arc::new(char_start.finish()),
        Arc::new(char_end.finish()),
        Arc::new(speaker.finish()),
        Arc::new(speaker_name.finish()),
        Arc::new(person_index.finish()),
        Arc::new(speaker_role.finish()),
        Arc::new(speaker_start.finish()),
        Arc::new(speaker_end.finish()),
        Arc::new(verb.finish()),
        Arc::new(verb_lemma.finish()),
        Arc::new(kind.finish()),
    ];
    Ok(RecordBatch::try_new(Table::Quotes.arrow_schema(), columns)?)
}

fn people(docs: &[&Document]) -> anyhow::Result<RecordBatch> {
    let n: usize = docs.iter().map(|d| d.people.len()).sum();
    let mut doc_id = StringBuilder::with_capacity(n, n * 32);
    let mut index = Int32Builder::with_capacity(n);
    let mut name = StringBuilder::new();
    let mut role = StringBuilder::new();
    let mut gender = StringBuilder::new();
    let mut n_mentions = Int32Builder::with_capacity(n);
    let mut n_quotes = Int32Builder::with_capacity(n);
    let mut char_start = Int64Builder::with_capacity(n);
    let mut char_end = Int64Builder::with_capacity(n);
    for d in docs {
        for (i, p) in d.people.iter().enumerate() {
            doc_id.append_value(&d.doc_id);
            index.append_value(usize_i32(i));
            name.append_value(&p.name);
            role.append_option(p.role.as_deref());
            gender.append_option(p.gender.map(|g| g.as_str()));
            n_mentions.append_value(usize_i32(p.n_mentions));
            n_quotes.append_value(usize_i32(p.n_quotes));
            char_start.append_value(usize_i64(p.char_start));
            char_end.append_value(usize_i64(p.char_end));
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(index.finish()),
        Arc::new(name.finish()),
        Arc::new(role.finish()),
        Arc::new(gender.finish()),
        Arc::new(n_mentions.finish()),
        Arc::new(n_quotes.finish()),
        Arc::new(char_start.finish()),
        Arc::new(char_end.finish()),
    ];
    Ok(RecordBatch::try_new(Table::People.arrow_schema(), columns)?)
}
