#!/usr/bin/env python3
"""Check that a sharded-then-committed newsmill dataset holds exactly the rows of an unsharded run.

usage: compare_datasets.py SHARDED_DIR SINGLE_DIR

Both folders must be published datasets (_SUCCESS present). Compares, table by table
(documents, paragraphs, quotes, people), the column names and types and the rows as multisets
(order and part-file split may differ, nothing else may), the doc_id sets, rejects.csv as a
multiset of rows, and all the counts in _manifest.json. No column is ignored: both runs read the
same input paths, so even `source` must agree.
Prints one line per check and a closing 'N passed, N failed' line; exits 1 on any mismatch.
"""
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import duckdb

TABLES = ('documents', 'paragraphs', 'quotes', 'people')

sharded, single = (Path(p) for p in sys.argv[1:3])
results = []


def check(name, ok, detail=''):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + str(detail)}")


def view(con, name, folder, table):
    files = sorted((folder / table).glob('*.parquet'))
    if not files:
        # An empty table may legitimately have no part file; give the view no rows then.
        return False
    con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({[str(f) for f in files]!r})")
    return True


for folder in (sharded, single):
    check(f'{folder} is published (_SUCCESS)', (folder / '_SUCCESS').exists())

con = duckdb.connect()
rows = {}
for table in TABLES:
    have_a = view(con, f'a_{table}', sharded, table)
    have_b = view(con, f'b_{table}', single, table)
    if not (have_a and have_b):
        check(f'{table}: both runs wrote part files', have_a == have_b, (have_a, have_b))
        continue
    cols_a = con.execute(f'SELECT column_name, column_type FROM (DESCRIBE a_{table})').fetchall()
    cols_b = con.execute(f'SELECT column_name, column_type FROM (DESCRIBE b_{table})').fetchall()
    check(f'{table}: same columns and types', cols_a == cols_b, (cols_a, cols_b))
    n_a = con.execute(f'SELECT count(*) FROM a_{table}').fetchone()[0]
    n_b = con.execute(f'SELECT count(*) FROM b_{table}').fetchone()[0]
    rows[table] = (n_a, n_b)
    check(f'{table}: same row count ({n_a} sharded, {n_b} single)', n_a == n_b)
    if cols_a != cols_b:
        continue
    only_a = con.execute(f'SELECT count(*) FROM (SELECT * FROM a_{table} EXCEPT ALL SELECT * FROM b_{table})').fetchone()[0]
    only_b = con.execute(f'SELECT count(*) FROM (SELECT * FROM b_{table} EXCEPT ALL SELECT * FROM a_{table})').fetchone()[0]
    sample = ''
    if only_a or only_b:
        sample = [r[0] for r in con.execute(
            f'SELECT doc_id FROM (SELECT * FROM a_{table} EXCEPT ALL SELECT * FROM b_{table}) LIMIT 3').fetchall()]
    check(f'{table}: identical rows ({only_a} only in sharded, {only_b} only in single)',
          only_a == 0 and only_b == 0, f'e.g. doc_ids {sample}')

if 'documents' in rows:
    ids_a = {r[0] for r in con.execute('SELECT doc_id FROM a_documents').fetchall()}
    ids_b = {r[0] for r in con.execute('SELECT doc_id FROM b_documents').fetchall()}
    check(f'documents: same doc_id set ({len(ids_a)} ids)', ids_a == ids_b,
          f'{len(ids_a - ids_b)} only sharded, {len(ids_b - ids_a)} only single')


def rejects(folder):
    with open(folder / 'rejects.csv', newline='', encoding='utf-8') as f:
        return Counter(tuple(sorted(r.items())) for r in csv.DictReader(f))


rej_a, rej_b = rejects(sharded), rejects(single)
check(f'rejects.csv: same rows ({sum(rej_a.values())})', rej_a == rej_b,
      f'{sum((rej_a - rej_b).values())} only sharded, {sum((rej_b - rej_a).values())} only single')

counts_a = json.loads((sharded / '_manifest.json').read_text()).get('counts', {})
counts_b = json.loads((single / '_manifest.json').read_text()).get('counts', {})
# The manifest's counts describe the data and must agree; its times and file lists describe the run.
differ = {k: (counts_a.get(k), counts_b.get(k)) for k in counts_a.keys() | counts_b.keys()
          if counts_a.get(k) != counts_b.get(k)}
check('_manifest.json: same counts', not differ, f'(sharded, single): {differ}')
for table, (n_a, _) in rows.items():
    if table in counts_a:
        check(f'_manifest.json: {table} count = rows in the sharded tables', counts_a[table] == n_a, (counts_a[table], n_a))

passed = sum(results)
print(f'{passed} passed, {len(results) - passed} failed')
sys.exit(0 if passed == len(results) else 1)
