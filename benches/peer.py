#!/usr/bin/env python3
"""Time one peer extractor over pages, for `make bench`.

usage: peer.py TOOL ROUNDS PAGE.html.gz...   (TOOL: resiliparse | trafilatura)

Loads and decodes every page first, then times only the extraction loop and
reports the median of ROUNDS. Interpreter start-up and page loading are left
out, which favours the peer. Prints {"tool", "pages", "bytes", "seconds"}.
"""
import gzip, json, statistics, sys, time

tool, rounds, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pages = [gzip.decompress(open(p, 'rb').read()) for p in paths]
size = sum(len(p) for p in pages)
html = [p.decode('utf-8', errors='replace') for p in pages]

if tool == 'resiliparse':
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def extract(page):
        return extract_plain_text(HTMLTree.parse(page), main_content=True)
elif tool == 'trafilatura':
    import trafilatura

    def extract(page):
        return trafilatura.extract(page)
else:
    sys.exit(f'unknown tool {tool}')

times = []
for _ in range(rounds):
    start = time.perf_counter()
    for page in html:
        extract(page)
    times.append(time.perf_counter() - start)
print(json.dumps({'tool': tool, 'pages': len(html), 'bytes': size, 'seconds': statistics.median(times)}))
