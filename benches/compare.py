#!/usr/bin/env python3
"""`make bench`: newsmill beside resiliparse and trafilatura on the same pages.

usage: compare.py BIN SHARED_DIR WORK_DIR PEER_PYTHON [--rounds N] [--repeat N]

1. Speed, one core: `newsmill build --threads 1` over the aeb-dev and
   wcxb-articles-dev pages (whole process: read, decode, parse, extract,
   segment, Parquet write), against resiliparse's
   extract_plain_text(main_content=True) and trafilatura.extract on the same
   pages, timed in the same run (benches/peer.py; their loading and start-up are
   not counted, which favours them). Medians of --rounds runs, newsmill and
   resiliparse taking turns so that a machine whose speed drifts during the
   bench moves both alike (trafilatura, a minute a round: one round); peak RSS
   from /usr/bin/time -v.
2. newsmill's time per stage (from the manifest's stage_cpu_secs).
3. Scaling on one large WARC: the same pages repeated --repeat times with
   distinct URLs in a per-record-gzip WARC built in WORK_DIR if missing;
   --threads 1 on one core against --threads 2 on two, taking turns.

"One core" means one: every process is pinned with taskset (util-linux) to
as many CPUs as it is given, so newsmill's reader and writer threads share the
worker's core instead of borrowing a second one.
"""
import gzip, json, re, shutil, subprocess, sys
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
    """One run: (wall seconds, peak RSS MB, manifest)."""
    _, wall, rss = timed([BIN, 'build', *inputs, '--out', out, '--threads', threads, '--overwrite', '--progress', 'never'], threads)
    return wall, rss, json.loads((out / '_manifest.json').read_text())


def peer(tool, pages):
    """One timed extraction loop of a peer: (pages/s, MB/s, peak RSS MB)."""
    out, _, rss = timed([PEER_PY, HERE / 'peer.py', tool, 1, *pages])
    result = json.loads(out)
    return result['pages'] / result['seconds'], result['bytes'] / 1e6 / result['seconds'], rss


def cpu_times():
    """(steal, total) jiffies of all CPUs from /proc/stat ((0, 0) where there is none)."""
    try:
        fields = [int(x) for x in Path('/proc/stat').read_text().split('\n', 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def interleaved(runs):
    """Runs each of `runs` (name -> thunk) once per round, alternating, so a
    machine that speeds up or slows down during the bench moves every tool
    alike; returns name -> list of results."""
    results = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            results[name].append(run())
    return results


def median_by(results, key=lambda r: r):
    """The result whose `key` is the median (the lower middle one for an even count)."""
    ordered = sorted(results, key=key)
    return ordered[(len(ordered) - 1) // 2]


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

steal_start = cpu_times()
runs = interleaved({
    'newsmill': lambda: newsmill(SETS, WORK / 'one-core', 1),
    'resiliparse': lambda: peer('resiliparse', pages),
})
secs, _, manifest = median_by(runs['newsmill'], key=lambda r: r[0])
rows = [('newsmill --threads 1 (whole process)', len(pages) / secs, mb / secs, max(r[1] for r in runs['newsmill']))]
rate, mbs, _ = median_by(runs['resiliparse'], key=lambda r: r[0])
rows.append(('resiliparse (extraction loop only)', rate, mbs, max(r[2] for r in runs['resiliparse'])))
# trafilatura takes a minute a round: one round, after the others.
rows.append(('trafilatura (extraction loop only)', *peer('trafilatura', pages)))

# Ratios are medians of each round's ratio: the two runs of a round saw the same machine.
ratios = sorted((len(pages) / n[0]) / r[0] for n, r in zip(runs['newsmill'], runs['resiliparse']))
newsmill_ratio = median_by(ratios)
base = rows[1][1]
print(f'{len(pages)} pages ({mb:.0f} MB of HTML) from aeb-dev + wcxb-articles-dev, one core, median of {ROUNDS} interleaved rounds (trafilatura: one)\n')
print('tool | pages/s | MB/s | ratio to resiliparse | peak RSS MB')
print('--- | --- | --- | --- | ---')
for i, (name, rate, mbs, peak) in enumerate(rows):
    print(f'{name} | {rate:.0f} | {mbs:.1f} | {newsmill_ratio if i == 0 else rate / base:.2f}x | {peak:.0f}')
print(f'(newsmill\'s ratio is the median of the rounds\' ratios: {", ".join(f"{r:.2f}" for r in ratios)})')

stages = manifest["stage_cpu_secs"]
total = sum(stages.values())
print('\nnewsmill stage | seconds | share')
print('--- | --- | ---')
for stage, value in stages.items():
    print(f'{stage} | {value:.2f} | {value / total:.0%}')
print('(extract includes HTML parsing; read includes gzip decompression)')

warc = large_warc(pages)
scaling = interleaved({
    1: lambda: newsmill([warc], WORK / 'large-1', 1),
    2: lambda: newsmill([warc], WORK / 'large-2', 2),
})
one, rss1, _ = median_by(scaling[1], key=lambda r: r[0])
two, rss2, m2 = median_by(scaling[2], key=lambda r: r[0])
records = m2['counts']['records_seen']
print(f'\nscaling on one WARC ({warc.stat().st_size / 1e6:.0f} MB gzip, {records} records)')
print('threads | seconds | records/s | speed-up | peak RSS MB')
print('--- | --- | --- | --- | ---')
print(f'1 | {one:.2f} | {records / one:.0f} | 1.00x | {rss1:.0f}')
speedups = sorted(a[0] / b[0] for a, b in zip(scaling[1], scaling[2]))
print(f'2 | {two:.2f} | {records / two:.0f} | {median_by(speedups):.2f}x | {rss2:.0f}')
print(f'(speed-up: the median of the rounds\' speed-ups: {", ".join(f"{x:.2f}" for x in speedups)})')

steal, total = (end - start for end, start in zip(cpu_times(), steal_start))
if total:
    print(f'\nCPU time taken by the hypervisor (steal) during these runs: {steal / total:.1%}. On a shared VM the rates '
          'drift between runs; the ratios, from runs taking turns, drift less.')
