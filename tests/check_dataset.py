#!/usr/bin/env python3
"""Load a newsmill dataset in DuckDB and in pandas and check that it holds together.

usage: check_dataset.py DIR

Checks: every paragraph and quote joins a document; every offset slices
documents.text to exactly the row's text (DuckDB substr and Python slicing);
row counts equal _manifest.json (the run's counts and the dataset's rows)
and rejects.csv; records seen = documents + skipped + rejected; doc_id is
unique; dup_of names a document; input_metadata is a JSON object; published_date,
hostname, language and tags hold together with the other columns; every quote's person_index names a row of
people, whose n_quotes counts those quotes and whose first mention slices
documents.text to words of the name; columns load with the documented types.
Prints one line per check and a closing 'N passed, N failed' line.
"""
import csv, json, sys
from pathlib import Path

import duckdb
import pandas as pd

DIR = Path(sys.argv[1] if len(sys.argv) > 1 else 'out/dataset')
results = []


def check(name, ok, detail=''):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + str(detail)}")


def glob(table):
    return str(DIR / table / '*.parquet')


manifest = json.loads((DIR / '_manifest.json').read_text())
counts = manifest['counts']
dataset_rows = manifest['files']['rows']
con = duckdb.connect()
TABLES = ('documents', 'paragraphs', 'quotes', 'people')
for t in TABLES:
    con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{glob(t)}')")

# --- DuckDB ---
n = {t: con.execute(f'SELECT count(*) FROM {t}').fetchone()[0] for t in TABLES}
for t in n:
    check(f'duckdb: {t} rows = manifest (run counts and dataset rows)', n[t] == counts[t] == dataset_rows[t], (n, counts, dataset_rows))
check('manifest: records seen = documents + skipped + rejected',
      counts['records_seen'] == counts['documents'] + counts['skipped'] + counts['rejected'], counts)
check('the dataset is not empty', n['documents'] > 0 and n['paragraphs'] > 0, n)
check('duckdb: doc_id is unique',
      con.execute('SELECT count(DISTINCT doc_id) FROM documents').fetchone()[0] == n['documents'])
for t in ('paragraphs', 'quotes', 'people'):
    orphans = con.execute(f'SELECT count(*) FROM {t} x ANTI JOIN documents d USING (doc_id)').fetchone()[0]
    check(f'duckdb: every {t} row joins a document', orphans == 0, f'{orphans} orphans')
    if t == 'people':
        continue
    bad = con.execute(f'''SELECT count(*) FROM {t} x JOIN documents d USING (doc_id)
                          WHERE substr(d.text, x.char_start + 1, x.char_end - x.char_start) IS DISTINCT FROM x.text''').fetchone()[0]
    check(f'duckdb: {t} offsets slice documents.text to the row text', bad == 0, f'{bad} rows differ')
bad = con.execute('''SELECT count(*) FROM quotes q JOIN documents d USING (doc_id) WHERE q.speaker_start IS NOT NULL
                     AND substr(d.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) IS DISTINCT FROM q.speaker''').fetchone()[0]
check('duckdb: speaker offsets slice documents.text to the speaker', bad == 0, f'{bad} rows differ')
per_doc = con.execute('''SELECT count(*) FROM documents d
    WHERE n_paragraphs <> (SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.doc_id)
       OR n_quotes <> (SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id)''').fetchone()[0]
check('duckdb: n_paragraphs and n_quotes match the tables', per_doc == 0, f'{per_doc} documents differ')
# people: who is quoted and who is only mentioned, one join away.
unnamed = con.execute('''SELECT count(*) FROM quotes q WHERE person_index IS NOT NULL
                         AND NOT EXISTS (SELECT 1 FROM people p WHERE p.doc_id = q.doc_id AND p.person_index = q.person_index)''').fetchone()[0]
check('duckdb: every quotes.person_index names a row of people', unnamed == 0, f'{unnamed} dangling')
miscounted = con.execute('''SELECT count(*) FROM people p WHERE n_quotes <>
                            (SELECT count(*) FROM quotes q WHERE q.doc_id = p.doc_id AND q.person_index = p.person_index)''').fetchone()[0]
check('duckdb: people.n_quotes counts the quotes pointing at the person', miscounted == 0, f'{miscounted} people differ')
renamed = con.execute('''SELECT count(*) FROM quotes q JOIN people p USING (doc_id, person_index)
                         WHERE q.speaker_name IS DISTINCT FROM p.name''').fetchone()[0]
check("duckdb: a quote's speaker_name is its person's name", renamed == 0, f'{renamed} quotes differ')
numbered = con.execute('''SELECT count(*) FROM (SELECT doc_id, count(*) AS n, max(person_index) AS top,
                          count(DISTINCT person_index) AS distinct_n FROM people GROUP BY doc_id)
                          WHERE top <> n - 1 OR distinct_n <> n''').fetchone()[0]
check("duckdb: person_index numbers each document's people from 0", numbered == 0, f'{numbered} documents differ')
genders = {r[0] for r in con.execute('SELECT DISTINCT gender FROM people WHERE gender IS NOT NULL').fetchall()}
check('duckdb: people genders are the documented ones', genders <= {'female', 'male'}, genders)
off_name = con.execute('''SELECT count(*) FROM people p JOIN documents d USING (doc_id)
                          WHERE p.n_mentions < 1 OR p.char_end <= p.char_start
                          OR NOT list_has_all(string_split(p.name, ' '),
                                              string_split(substr(d.text, p.char_start + 1, p.char_end - p.char_start), ' '))
                          ''').fetchone()[0]
# The name is the fullest the text gives ('Jason Marcel LeBlanc'), the first mention may be shorter ('Jason LeBlanc').
check("duckdb: a person's first mention slices documents.text to words of the name", off_name == 0, f'{off_name} people differ')
dangling = con.execute('SELECT count(*) FROM documents x WHERE dup_of IS NOT NULL AND dup_of NOT IN (SELECT doc_id FROM documents)').fetchone()[0]
check('duckdb: every dup_of names a document of the dataset', dangling == 0, f'{dangling} dangling')
not_objects = con.execute('''SELECT count(*) FROM documents WHERE input_metadata IS NOT NULL
                             AND (NOT json_valid(input_metadata) OR json_type(input_metadata) <> 'OBJECT')''').fetchone()[0]
check('duckdb: input_metadata is null or a JSON object', not_objects == 0, f'{not_objects} rows are not')
kinds = {r[0] for r in con.execute('SELECT DISTINCT kind FROM paragraphs').fetchall()}
check('duckdb: paragraph kinds are the documented ones', kinds <= {'paragraph', 'heading', 'list_item', 'blockquote', 'code'}, kinds)
quote_kinds = {r[0] for r in con.execute('SELECT DISTINCT kind FROM quotes').fetchall()}
check('duckdb: quote kinds are the documented ones', quote_kinds <= {'direct', 'partial', 'blockquote'}, quote_kinds)
types = dict(con.execute('SELECT column_name, column_type FROM (DESCRIBE documents)').fetchall())
check('duckdb: published_at is a UTC timestamp', types.get('published_at') == 'TIMESTAMP WITH TIME ZONE', types)
check('duckdb: published_date is a DATE, tags a list of strings, language_confidence a DOUBLE',
      (types.get('published_date'), types.get('tags'), types.get('language_confidence')) == ('DATE', 'VARCHAR[]', 'DOUBLE'), types)
# The publisher's day and the UTC instant's day are at most a day apart (UTC-12 to UTC+14).
apart = con.execute('''SELECT count(*) FROM documents WHERE published_at IS NOT NULL AND (published_date IS NULL
                       OR abs(date_diff('day', published_date, CAST(published_at AT TIME ZONE 'UTC' AS DATE))) > 1)''').fetchone()[0]
check('duckdb: published_date is known wherever published_at is, and on its day in some zone', apart == 0, f'{apart} rows')
bad_host = con.execute('''SELECT count(*) FROM documents WHERE hostname IS NOT NULL AND (hostname <> lower(hostname)
                          OR starts_with(hostname, 'www.') OR NOT (contains(coalesce(url, ''), hostname)
                          OR contains(lower(coalesce(crawl_url, '')), hostname)))''').fetchone()[0]
check("duckdb: hostname is the lower-cased host of url or crawl_url, without 'www.'", bad_host == 0, f'{bad_host} rows')
bad_lang = con.execute('''SELECT count(*) FROM documents WHERE (language IS NOT NULL AND NOT regexp_full_match(language, '[a-z]{2,3}'))
                          OR (language_confidence IS NOT NULL AND (language_confidence < 0 OR language_confidence > 1 OR language IS NULL))''').fetchone()[0]
check('duckdb: language is a primary code and its confidence within 0..1', bad_lang == 0, f'{bad_lang} rows')
bad_tags = con.execute('''SELECT count(*) FROM documents WHERE tags IS NULL OR len(tags) <> len(list_distinct(tags))
                          OR list_contains(list_transform(tags, lambda t: trim(t)), '')''').fetchone()[0]
check('duckdb: tags is a list of distinct non-empty strings', bad_tags == 0, f'{bad_tags} rows')

# --- pandas ---
def load(table):
    return pd.concat([pd.read_parquet(f) for f in sorted((DIR / table).glob('*.parquet'))], ignore_index=True)


docs, paras, quotes, people = load('documents'), load('paragraphs'), load('quotes'), load('people')
text = dict(zip(docs.doc_id, docs.text))
check('pandas: documents rows = manifest', len(docs) == counts['documents'])
check('pandas: published_at loads as datetime64 UTC',
      str(docs.published_at.dtype).startswith('datetime64') and 'UTC' in str(docs.published_at.dtype), docs.published_at.dtype)
for name, frame in (('paragraphs', paras), ('quotes', quotes)):
    missing = int((~frame.doc_id.isin(text.keys())).sum())
    check(f'pandas: every {name} row joins a document', missing == 0, f'{missing} orphans')
    bad = [r for r in frame.itertuples() if text.get(r.doc_id, '')[r.char_start:r.char_end] != r.text]
    check(f'pandas: {name} text == documents.text[char_start:char_end]', not bad, bad[:3])
check('pandas: people rows = manifest', len(people) == counts['people'], (len(people), counts['people']))
# person_index loads as float64 (nullable int without a pyarrow backend): compare as int64.
quoted = quotes.dropna(subset=['person_index']).astype({'person_index': 'int64'}).merge(
    people.astype({'person_index': 'int64'}), on=['doc_id', 'person_index'], how='left', indicator=True)
check('pandas: quotes join people on (doc_id, person_index)', (quoted['_merge'] == 'both').all(),
      quoted[quoted['_merge'] != 'both'][['doc_id', 'person_index']].head(3))
# As the README and the card say: dtype_backend="pyarrow" keeps nullable integers integers.
arrow_quotes = pd.read_parquet(DIR / 'quotes', dtype_backend='pyarrow')
check('pandas: with dtype_backend="pyarrow" person_index loads as a nullable int32',
      str(arrow_quotes.person_index.dtype) == 'int32[pyarrow]' and len(arrow_quotes) == counts['quotes'],
      arrow_quotes.person_index.dtype)
with open(DIR / 'rejects.csv', newline='', encoding='utf-8') as f:
    rejects = list(csv.DictReader(f))
check('rejects.csv rows = manifest rejected', len(rejects) == counts['rejected'], (len(rejects), counts['rejected']))
check('rejects.csv rows all have a reason and a detail', all(r['reason'] and r['detail'] for r in rejects))

failed = results.count(False)
print(f'dataset: {len(results) - failed} passed, {failed} failed')
sys.exit(1 if failed else 0)
