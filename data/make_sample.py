#!/usr/bin/env python3
"""Rebuild data/sample.warc.gz from Mozilla Readability's test pages.

usage: python3 data/make_sample.py [CORPUS_DIR]   (default: ../shared/corpus)

Writes a WARC/1.1 file the way crawlers do: a warcinfo record, then for each
page a request and a response record, each record its own gzip member (Common
Crawl's layout). Some responses are stored as servers sent them, chunked or
gzip-encoded, and the crawl also holds records that are not pages (robots.txt,
a redirect, a metadata record), so the sample exercises what a real dump has.
Everything is deterministic: the same corpus gives the same bytes.
"""
import gzip, hashlib, io, re, sys, uuid
from pathlib import Path

PAGES = ['bbc-1', 'cnn', 'nytimes-1', 'wapo-1', 'wapo-2', 'telegraph', 'lemonde-1', 'heise',
         'seattletimes-1', 'liberation-1', 'herald-sun-1', 'tmz-1']
DATE = '2024-03-01T12:00:{:02d}Z'


def canonical_url(html):
    for tag in re.findall(r'<(?:link|meta)\b[^>]*>', html, re.I):
        if re.search(r'rel="canonical"|property="og:url"', tag, re.I):
            m = re.search(r'(?:href|content)="([^"]+)"', tag, re.I)
            if m:
                return m.group(1)
    raise SystemExit('page without a canonical URL')


def record(kind, url, n, block, content_type, extra=()):
    rid = uuid.uuid5(uuid.NAMESPACE_URL, f'{kind}:{url}:{n}')
    head = [f'WARC/1.1', f'WARC-Type: {kind}', f'WARC-Record-ID: <urn:uuid:{rid}>', f'WARC-Date: {DATE.format(n % 60)}']
    if url:
        head.append(f'WARC-Target-URI: {url}')
    head += list(extra)
    head += [f'Content-Type: {content_type}', f'Content-Length: {len(block)}']
    data = ('\r\n'.join(head) + '\r\n\r\n').encode() + block + b'\r\n\r\n'
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode='wb', mtime=0) as gz:
        gz.write(data)
    return out.getvalue()


def http_response(body, status='200 OK', headers=()):
    head = [f'HTTP/1.1 {status}', *headers, f'Content-Length: {len(body)}'] if 'chunked' not in ''.join(headers) else [f'HTTP/1.1 {status}', *headers]
    return ('\r\n'.join(head) + '\r\n\r\n').encode() + body


def chunked(body, size=4096):
    out = b''.join(b'%x\r\n' % len(body[i:i + size]) + body[i:i + size] + b'\r\n' for i in range(0, len(body), size))
    return out + b'0\r\n\r\n'


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent.parent / 'shared' / 'corpus')
    pages = corpus / 'readability' / 'test-pages'
    out = bytearray()
    n = 0
    info = b'software: newsmill data/make_sample.py\r\nformat: WARC File Format 1.1\r\ndescription: Mozilla Readability test pages (Apache-2.0)\r\n'
    out += record('warcinfo', None, n, info, 'application/warc-fields')
    for i, name in enumerate(PAGES):
        html = (pages / name / 'source.html').read_bytes()
        url = canonical_url(html.decode('utf-8', 'replace'))
        host = re.match(r'https?://([^/]+)', url).group(1)
        n += 1
        req = f'GET /{url.split("/", 3)[-1]} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: newsmill-sample\r\n\r\n'.encode()
        out += record('request', url, n, req, 'application/http; msgtype=request')
        base = ['Content-Type: text/html; charset=utf-8']
        if i % 4 == 1:
            body = http_response(chunked(html), headers=base + ['Transfer-Encoding: chunked'])
        elif i % 4 == 2:
            body = http_response(gzip.compress(html, mtime=0), headers=base + ['Content-Encoding: gzip'])
        else:
            body = http_response(html, headers=base)
        n += 1
        digest = 'sha1:' + hashlib.sha1(html).hexdigest()
        out += record('response', url, n, body, 'application/http; msgtype=response', [f'WARC-Payload-Digest: {digest}'])
        if i == 0:
            robots = f'{url.split("//")[0]}//{host}/robots.txt'
            n += 1
            out += record('response', robots, n, http_response(b'User-agent: *\nDisallow: /private/\n', headers=['Content-Type: text/plain']), 'application/http; msgtype=response')
            n += 1
            moved = http_response(b'', '301 Moved Permanently', [f'Location: {url}', 'Content-Type: text/html'])
            moved_from = url.replace('http://', 'https://', 1) if url.startswith('http://') else url.replace('https://', 'http://', 1)
            out += record('response', moved_from, n, moved, 'application/http; msgtype=response')
            n += 1
            out += record('metadata', url, n, b'fetchTimeMs: 412\r\n', 'application/warc-fields')
    target = Path(__file__).resolve().parent / 'sample.warc.gz'
    target.write_bytes(out)
    print(f'wrote {target} ({len(out)} bytes, {n + 1} records)')


if __name__ == '__main__':
    main()
