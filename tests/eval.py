#!/usr/bin/env python3
"""Quality evaluation on the development sets of ../shared/corpus (`make eval`).

usage: eval.py BIN SHARED_DIR OUT_DIR [--worst N] [--sets aeb,wcxb,readability,quotes]

Runs the release binary over each set exactly as a user would (`newsmill build`)
and scores its output with the project's scorers in SHARED_DIR/tools (imported or
run as they are: the metric is theirs, not forked here). Prints one table for
extraction (set, pages, precision, recall, F1, must-keep found, must-drop leaked,
title/author/date match, pages/s of the whole run on all cores), with a line of its own for the
pages of each set that are not in English (language from the documents table), and one for quotes: PolNeAR dev
in segments mode (every marked span), GGT dev in direct mode (whole direct quotations; partial
quotes left out), with speaker span, last-name and full-name accuracy.
With --worst N, lists the N worst pages of each extraction set.

Not part of `make test`: the corpus is only on development machines.
"""
import html.parser, json, subprocess, sys, tempfile, time
from pathlib import Path

args = sys.argv[1:]
if len(args) < 3:
    sys.exit(__doc__)
BIN, SHARED, OUT = Path(args[0]), Path(args[1]), Path(args[2])
WORST = int(args[args.index('--worst') + 1]) if '--worst' in args else 0
SETS = args[args.index('--sets') + 1].split(',') if '--sets' in args else ['aeb', 'wcxb', 'readability', 'quotes']
CORPUS, TOOLS = SHARED / 'corpus', SHARED / 'tools'
sys.path.insert(0, str(TOOLS))
import score_extraction  # noqa: E402  (the shared scorer: shingles, prf, norm)


def build(inputs, out):
    start = time.perf_counter()
    subprocess.run([str(BIN), 'build', *map(str, inputs), '--out', str(out), '--overwrite', '--progress', 'never'],
                   check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def scorer(script, *argv):
    with tempfile.NamedTemporaryFile(suffix='.json') as f:
        if script == 'score_extraction.py':
            argv = (*argv, '--json', f.name)
            subprocess.run([sys.executable, str(TOOLS / script), *argv], check=True, stdout=subprocess.DEVNULL)
            return json.loads(Path(f.name).read_text())
        return json.loads(subprocess.run([sys.executable, str(TOOLS / script), *argv], check=True,
                                         capture_output=True, text=True).stdout)


class TextOf(html.parser.HTMLParser):
    """Visible text of readability's expected.html, blocks on their own lines."""
    BLOCKS = {'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'br', 'section', 'article'}

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append('\n')

    def handle_data(self, data):
        self.parts.append(data)


def readability():
    pages = sorted(p for p in (CORPUS / 'readability' / 'test-pages').iterdir() if (p / 'source.html').exists())
    out = OUT / 'readability'
    secs = build([p / 'source.html' for p in pages], out)
    import pyarrow.parquet as pq
    # Every page is named source.html: key the rows by their folder instead.
    rows = [r for f in sorted((out / 'documents').glob('*.parquet')) for r in pq.read_table(f).to_pylist()]
    by_page = {Path(r['source']).parent.name: r for r in rows}
    counts, agree = [], {'title': [], 'byline': [], 'siteName': [], 'publishedTime': []}
    for p in pages:
        parser = TextOf()
        parser.feed((p / 'expected.html').read_text(encoding='utf-8', errors='replace'))
        row = by_page.get(p.name, {})
        counts.append(score_extraction.page_counts(''.join(parser.parts), row.get('text') or ''))
        meta = json.loads((p / 'expected-metadata.json').read_text(encoding='utf-8'))
        ours = {'title': row.get('title'), 'byline': row.get('byline'), 'siteName': row.get('site_name'),
                'publishedTime': str(row.get('published_date') or row.get('published_at') or '')[:10]}
        for field in agree:
            if meta.get(field):
                want = meta[field][:10] if field == 'publishedTime' else meta[field]
                agree[field].append(score_extraction.norm(want) == score_extraction.norm(ours[field]))
    p_, r_, f1 = score_extraction.prf(counts)
    share = {k: round(sum(v) / len(v), 4) if v else None for k, v in agree.items()}
    return {'pages': len(pages), 'precision': round(p_, 4), 'recall': round(r_, 4), 'f1': round(f1, 4),
            'title_match': share['title'], 'author_match': share['byline'], 'date_match': share['publishedTime'],
            'site_match': share['siteName'], 'pages_per_s': len(pages) / secs}


def extraction(name, folder):
    bench = CORPUS / folder
    out = OUT / folder
    secs = build([bench / 'html'], out)
    argv = [str(bench), str(out)] + (['--worst', str(WORST)] if WORST else [])
    result = scorer('score_extraction.py', *argv)
    result['pages_per_s'] = result['pages'] / secs
    result['date_match'] = result.pop('published_match', None)
    return result, not_english(bench, out)


def not_english(bench, out):
    """Main-text scores of the set's pages whose documents row is not in English (None when none
    is): the shared scorer's own per-page counts and averaging, on that subset."""
    import pyarrow.parquet as pq
    rows = [r for f in sorted((out / 'documents').glob('*.parquet'))
            for r in pq.read_table(f, columns=['source', 'language']).to_pylist()]
    foreign = {score_extraction.page_id(r['source']) for r in rows if r['language'] and r['language'] != 'en'}
    truth, preds = score_extraction.load_truth(bench), score_extraction.load_pred(out)
    counts = [score_extraction.page_counts(v['text'], preds.get(k, {}).get('text', ''))
              for k, v in truth.items() if k in foreign]
    if not counts:
        return None
    p_, r_, f1 = score_extraction.prf(counts)
    return {'pages': len(counts), 'precision': round(p_, 4), 'recall': round(r_, 4), 'f1': round(f1, 4)}


# Each quote set with the scorer's mode: PolNeAR's gold is every marked span inside an attribution
# (all kinds); GGT's is whole direct quotations, so partial quotes are left out of the prediction.
QUOTE_SETS = [('polnear-dev', ['segments']), ('ggt-dev', ['direct', '--pred-kinds', 'direct,blockquote'])]


def quotes(name, mode):
    gold = CORPUS / 'quotes' / f'{name}.jsonl'
    out = OUT / name
    secs = build([gold], out)
    result = scorer('score_quotes.py', str(gold), str(out), '-', *mode)
    docs = sum(1 for _ in gold.open(encoding='utf-8'))
    return result, docs, docs / secs


def fmt(v, digits=3):
    return '—' if v is None else (f'{v:.{digits}f}' if isinstance(v, float) else str(v))


if not CORPUS.is_dir():
    print(f'eval: {CORPUS} not found, skipping (the corpus is only on development machines)')
    sys.exit(0)
OUT.mkdir(parents=True, exist_ok=True)
rows = []
for key, name in (('aeb', 'aeb-dev'), ('wcxb', 'wcxb-articles-dev')):
    if key in SETS:
        result, foreign = extraction(key, name)
        rows.append((name, result))
        if foreign:
            rows.append((f'{name} not en', foreign))
if 'readability' in SETS:
    rows.append(('readability', readability()))
if rows:
    head = ['set', 'pages', 'P', 'R', 'F1', 'found', 'leaked', 'title', 'author', 'date', 'pages/s']
    print(' | '.join(head))
    print(' | '.join('---' for _ in head))
    for name, r in rows:
        print(' | '.join([name, fmt(r['pages']), fmt(r['precision']), fmt(r['recall']), fmt(r['f1']),
                          fmt(r.get('with_found')), fmt(r.get('without_leaked')), fmt(r.get('title_match')),
                          fmt(r.get('author_match')), fmt(r.get('date_match')), fmt(r.get('pages_per_s'), 0)]))
    for name, r in rows:
        if r.get('worst'):
            print(f'\nworst pages of {name}: ' + ', '.join(f"{w['id']} ({w['f1']})" for w in r['worst']))
if 'quotes' in SETS:
    head = ['quotes set', 'docs', 'exact P', 'exact R', 'exact F1', 'token F1', 'speaker span acc', 'name acc',
            'full name acc', 'gold', 'pred', 'docs/s']
    print('\n' + ' | '.join(head))
    print(' | '.join('---' for _ in head))
    for name, mode in QUOTE_SETS:
        if not (CORPUS / 'quotes' / f'{name}.jsonl').exists():
            print(f'{name}: not in {CORPUS}, skipped')
            continue
        q, docs, rate = quotes(name, mode)
        print(' | '.join([name, str(docs), fmt(q['exact']['P']), fmt(q['exact']['R']), fmt(q['exact']['F1']),
                          fmt(q['token_overlap']['F1']), fmt(q.get('speaker_span_acc@matched')),
                          fmt(q.get('speaker_name_acc@matched')), fmt(q.get('speaker_fullname_acc@matched')),
                          str(q['counts']['gold']), str(q['counts']['pred']), fmt(rate, 0)]))
