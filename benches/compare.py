#!/usr/bin/env python3
"""`make bench`: newsmill beside resiliparse and trafilatura on the same pages.

usage: compare.py BIN SHARED_DIR WORK_DIR PEER_PYTHON [--rounds N] [--repeat N]

1. Speed, one core: `newsmill build --threads 1` over the aeb-dev and
   wcxb-articles-dev pages (whole process: read, decode, parse, extract,
   segment, Parquet write), against resiliparse's
   extract_plain_text(main_content=True) and trafilatura.extract on the same
   pages, timed in the same run (benches/peer.py; their loading and start-up are
   not counted, which favours them). Medians of --rounds runs; peak RSS from
   /usr/bin/time -v.
2. newsmill's time per stage (from the manifest's stage_secs).
3. Scaling on one large WARC: the same pages repeated --repeat times with
   distinct URLs in a per-record-gzip WARC built in WORK_DIR if missing;
   --threads 1 on one core against --threads 2 on two.

"One core" means one: every process is pinned with taskset (util-linux) to
as many CPUs as it is given, so newsmill's reader and writer threads share the
worker's core instead of borrowing a second one.
"""
import gzip, json, re, shutil, statistics, subprocess, sys
from pathlib import Path

args = sys.argv[1:]
if len(args) < 4:
    sys.exit(__doc__)
BIN, SHARED, WORK, PEER_PY = Path(args[0]), Path(args[1]), Path(args[2]), args[3]
ROUNDS = int(args[args.index('--rounds') + 1]) if '--rounds' in args else 3
REPEAT = int(args[args.index('--repeat') + 1]) if '--repeat' in args else 4
HERE = Path(__file__).resolve().parent
CORPUS = SHARED / 'corpus'
SETS = [CORPUS / 'aeb-dev' / 'html', CORPUS / 'wcxb-articles-dev' / 'html']


def cores(n):
    """The command prefix that pins a process to the first n CPUs."""
    if not shutil.which('taskset'):
        sys.exit('bench: taskset (util-linux) is needed to pin runs to cores')
    return ['taskset', '-c', ','.join(map(str, range(n)))]


def timed(cmd, ncores=1):
    """Runs cmd on ncores CPUs under /usr/bin/time -v; returns (stdout, wall seconds, peak RSS MB)."""
    proc = subprocess.run(['/usr/bin/time', '-v', *cores(ncores), *map(str, cmd)], capture_output=True, text=True, check=True)
    wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', proc.stderr)
    hours, minutes, seconds = wall.groups()
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', proc.stderr).group(1))
    return proc.stdout, int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), rss / 1024


def newsmill(inputs, out, threads):
    runs = [timed([BIN, 'build', *inputs, '--out', out, '--threads', threads, '--overwrite', '--progress', 'never'], threads)
            for _ in range(ROUNDS)]
    manifest = json.loads((out / '_manifest.json').read_text())
    return statistics.median(r[1] for r in runs), max(r[2] for r in runs), manifest


def large_warc(pages):
    """Per-record-gzip WARC of the pages repeated REPEAT times with distinct URLs."""
    target = WORK / f'large-x{REPEAT}.warc.gz'
    if target.exists():
        return target
    sys.path.insert(0, str(HERE.parent / 'data'))
    from make_sample import http_response, record  # the sample dump's record writer
    tmp = target.with_suffix('.tmp')
    with tmp.open('wb') as out:
        n = 0
        for r in range(REPEAT):
            for page in pages:
                n += 1
                body = http_response(gzip.decompress(page.read_bytes()), headers=['Content-Type: text/html; charset=utf-8'])
                out.write(record('response', f'https://bench.example/{r}/{page.name}', n, body, 'application/http; msgtype=response'))
    tmp.rename(target)
    return target


if not CORPUS.is_dir():
    print(f'bench: {CORPUS} not found, skipping (the corpus is only on development machines)')
    sys.exit(0)
WORK.mkdir(parents=True, exist_ok=True)
pages = sorted(p for s in SETS for p in s.glob('*.html.gz'))
mb = sum(len(gzip.decompress(p.read_bytes())) for p in pages) / 1e6

rows = []
secs, rss, manifest = newsmill(SETS, WORK / 'one-core', 1)
rows.append(('newsmill --threads 1 (whole process)', len(pages) / secs, mb / secs, rss))
for tool in ('resiliparse', 'trafilatura'):
    out, _, peak = timed([PEER_PY, HERE / 'peer.py', tool, 1 if tool == 'trafilatura' else ROUNDS, *pages])
    result = json.loads(out)
    rows.append((f'{tool} (extraction loop only)', result['pages'] / result['seconds'], result['bytes'] / 1e6 / result['seconds'], peak))

base = rows[1][1]
print(f'{len(pages)} pages ({mb:.0f} MB of HTML) from aeb-dev + wcxb-articles-dev, one core, median of {ROUNDS} rounds\n')
print('tool | pages/s | MB/s | ratio to resiliparse | peak RSS MB')
print('--- | --- | --- | --- | ---')
for name, rate, mbs, peak in rows:
    print(f'{name} | {rate:.0f} | {mbs:.1f} | {rate / base:.2f}x | {peak:.0f}')

stages = manifest['stage_secs']
total = sum(stages.values())
print('\nnewsmill stage | seconds | share')
print('--- | --- | ---')
for stage, value in stages.items():
    print(f'{stage} | {value:.2f} | {value / total:.0%}')
print('(extract includes HTML parsing; read includes gzip decompression)')

warc = large_warc(pages)
one, rss1, _ = newsmill([warc], WORK / 'large-1', 1)
two, rss2, m2 = newsmill([warc], WORK / 'large-2', 2)
records = m2['counts']['records_seen']
print(f'\nscaling on one WARC ({warc.stat().st_size / 1e6:.0f} MB gzip, {records} records)')
print('threads | seconds | records/s | speed-up | peak RSS MB')
print('--- | --- | --- | --- | ---')
print(f'1 | {one:.2f} | {records / one:.0f} | 1.00x | {rss1:.0f}')
print(f'2 | {two:.2f} | {records / two:.0f} | {one / two:.2f}x | {rss2:.0f}')
