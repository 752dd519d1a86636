#!/usr/bin/env python3
"""`make bench-memory`: newsmill's peak RSS on a ~2 GB WARC.gz, and whether it
grows with the input.

usage: memory.py BIN SHARED_DIR WORK_DIR [--sizes MB,MB,...] [--threads N]

Builds (once, into WORK_DIR) per-record-gzip WARCs of about each size in
--sizes (default 200,2000 MB of gzip) by repeating the aeb-dev and
wcxb-articles-dev pages with distinct URLs, runs `newsmill build` on each under
/usr/bin/time -v, and prints records/s, MB/s and peak RSS per size. The run
fails (exit 1) when the largest input's peak RSS exceeds 300 MB, or when its
peak over the second half of the run is more than 15% above the first half's:
memory must stay flat whatever the input size. (Comparing two inputs instead
would mislead: the writers' row-group buffers only reach their bound past a few
hundred MB of input, so a small input peaks lower by design.)
"""
import gzip, json, re, subprocess, sys, time, zlib
from pathlib import Path

args = sys.argv[1:]
if len(args) < 3:
    sys.exit(__doc__)
BIN, SHARED, WORK = Path(args[0]), Path(args[1]), Path(args[2])
SIZES = [int(s) for s in (args[args.index('--sizes') + 1] if '--sizes' in args else '200,2000').split(',')]
THREADS = args[args.index('--threads') + 1] if '--threads' in args else None
RSS_LIMIT_MB = 300
# The second half of a run may peak this much above the first (allocator
# noise, part files' growing metadata), no more.
GROWTH_LIMIT = 1.15
HERE = Path(__file__).resolve().parent
CORPUS = SHARED / 'corpus'
SETS = [CORPUS / 'aeb-dev' / 'html', CORPUS / 'wcxb-articles-dev' / 'html']


def gzip_member(data):
    """One gzip member at level 1: the pages are many GB raw, and the reader's
    cost does not depend on the level."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


def build_warc(pages, megabytes):
    """Per-record-gzip WARC of the pages repeated (distinct URLs) until it holds
    about `megabytes` MB of gzip."""
    target = WORK / f'memory-{megabytes}mb.warc.gz'
    if target.exists():
        return target
    sys.path.insert(0, str(HERE.parent / 'data'))
    from make_sample import http_response  # the sample dump's HTTP head writer
    bodies = [http_response(gzip.decompress(p.read_bytes()), headers=['Content-Type: text/html; charset=utf-8']) for p in pages]
    names = [p.name.removesuffix('.html.gz') for p in pages]
    limit, written, n, round_ = megabytes * 1_000_000, 0, 0, 0
    print(f'building {target} ...', file=sys.stderr, flush=True)
    tmp = target.with_suffix('.tmp')
    with tmp.open('wb') as out:
        while written < limit:
            for name, body in zip(names, bodies):
                n += 1
                url = f'https://bench.example/{round_}/{name}'
                head = (f'WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n'
                        f'WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: {url}\r\n'
                        f'Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body)}\r\n\r\n')
                member = gzip_member(head.encode() + body + b'\r\n\r\n')
                out.write(member)
                written += len(member)
                if written >= limit:
                    break
            round_ += 1
    tmp.rename(target)
    return target


def run(warc):
    out = WORK / 'memory-out'
    cmd = [BIN, 'build', warc, '--out', out, '--overwrite', '--progress', 'never']
    if THREADS:
        cmd += ['--threads', THREADS]
    start = time.perf_counter()
    proc = subprocess.Popen(['/usr/bin/time', '-v', *map(str, cmd)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples = []  # (seconds since start, RSS MB) of the newsmill process
    while proc.poll() is None:
        rss = current_rss_mb(proc.pid)
        if rss is not None:
            samples.append((time.perf_counter() - start, rss))
        time.sleep(0.5)
    stderr = proc.stderr.read()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f'newsmill failed on {warc}:\n{stderr[-2000:]}')
    peak = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', stderr).group(1)) / 1024
    halves = [max((r for t, r in samples if (t < wall / 2) == first), default=0.0) for first in (True, False)]
    manifest = json.loads((out / '_manifest.json').read_text())
    return manifest['counts']['records_seen'], wall, peak, halves


def current_rss_mb(time_pid):
    """RSS of the child of /usr/bin/time (newsmill), None if not yet started."""
    try:
        child = Path(f'/proc/{time_pid}/task/{time_pid}/children').read_text().split()
        status = Path(f'/proc/{child[0]}/status').read_text() if child else ''
    except OSError:
        return None
    found = re.search(r'VmRSS:\s+(\d+) kB', status)
    return int(found.group(1)) / 1024 if found else None


if not CORPUS.is_dir():
    print(f'bench-memory: {CORPUS} not found, skipping (the corpus is only on development machines)')
    sys.exit(0)
WORK.mkdir(parents=True, exist_ok=True)
pages = sorted(p for s in SETS for p in s.glob('*.html.gz'))
results = [(warc, *run(warc)) for warc in (build_warc(pages, size) for size in SIZES)]

print(f'\nnewsmill build on per-record-gzip WARCs of the corpus pages repeated (threads: {THREADS or "all cores"})\n')
print('input | gzip MB | records | seconds | records/s | gzip MB/s | peak RSS MB | peak RSS MB, 1st / 2nd half of the run')
print('--- | --- | --- | --- | --- | --- | --- | ---')
for warc, records, wall, peak, (first, second) in results:
    mb = warc.stat().st_size / 1e6
    print(f'{warc.name} | {mb:.0f} | {records} | {wall:.1f} | {records / wall:.0f} | {mb / wall:.1f} | {peak:.0f} | {first:.0f} / {second:.0f}')
largest, (first, second) = results[-1][3], results[-1][4]
failed = []
if largest > RSS_LIMIT_MB:
    failed.append(f'peak RSS {largest:.0f} MB is above the {RSS_LIMIT_MB} MB target')
if second > first * GROWTH_LIMIT:
    failed.append(f'peak RSS grows with the input: {first:.0f} MB in the first half of the run, {second:.0f} MB in the second')
for message in failed:
    print(f'FAIL: {message}')
sys.exit(1 if failed else 0)
