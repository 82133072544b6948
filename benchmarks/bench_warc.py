"""Cost of reading WARC files with revforensics against warcio's bare loop, in one run.

It writes WARC files of 2,000 ``response`` records (2.5 kB pages, about the 4.9 MB the
design's measurements used), gzip-compressed and plain, and times, best of ``--repeat``:

- ``bare``: warcio's ``ArchiveIterator`` loop, reading every response's decoded body;
- ``warc_urls``: listing the URLs and their capture counts;
- ``revisions``: ``revisions_from_warc`` for a URL captured 2,000 times as ``text/plain``
  (every capture distinct), so the figure is reading, checking the digest, decoding and
  building revisions, without HTML extraction;
- ``html``: the same for HTML pages, where trafilatura's extraction is the cost
  (200 captures, scaled to records/second).

Ratios are against ``bare``, measured in the same run.

Run: ``PYTHONPATH=src python benchmarks/bench_warc.py`` (``--repeat 5`` for steadier figures).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from revforensics.ingest.warc import revisions_from_warc, warc_urls

URL = "https://example.org/statement"
RECORDS = 2000
HTML_RECORDS = 200


def _body(n: int, *, html: bool) -> bytes:
    sentences = " ".join(
        f"Sentence {k} of version {n}: units held positions near the border." for k in range(36)
    )
    if html:
        page = f"<html><body><article><h1>Update {n}</h1><p>{sentences}</p></article></body></html>"
        return page.encode()
    return sentences.encode()


def _write(path: Path, count: int, *, gzip: bool, html: bool) -> None:
    content_type = "text/html; charset=utf-8" if html else "text/plain; charset=utf-8"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for n in range(count):
            body = _body(n, html=html)
            head = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    URL,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=head,
                    warc_headers_dict={
                        "WARC-Date": f"2024-{1 + n // 600:02d}-{1 + n // 24 % 25:02d}"
                        f"T{n % 24:02d}:{n % 60:02d}:00Z"
                    },
                )
            )


def _bare(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, arc2warc=True):
            if record.rec_type == "response":
                record.content_stream().read()
                count += 1
    return count


def _best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Write the files, time each reader, print records/second and ratios to bare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'file':<12} {'reader':<10} {'records/s':>10} {'x bare':>7}")
        for gzip in (True, False):
            kind = "warc.gz" if gzip else "warc"
            path = Path(tmp) / f"bench.{kind}"
            _write(path, RECORDS, gzip=gzip, html=False)
            html_path = Path(tmp) / f"html.{kind}"
            _write(html_path, HTML_RECORDS, gzip=gzip, html=True)
            assert _bare(path) == RECORDS
            assert len(revisions_from_warc(path, url=URL).revisions) == RECORDS
            bare = _best(lambda path=path: _bare(path), args.repeat)
            rows = {
                "bare": bare,
                "warc_urls": _best(lambda path=path: warc_urls(path), args.repeat),
                "revisions": _best(
                    lambda path=path: revisions_from_warc(path, url=URL), args.repeat
                ),
                "html": _best(
                    lambda path=html_path: revisions_from_warc(path, url=URL), args.repeat
                )
                * RECORDS
                / HTML_RECORDS,
            }
            for name, seconds in rows.items():
                print(f"{kind:<12} {name:<10} {RECORDS / seconds:>10,.0f} {seconds / bare:>7.2f}")


if __name__ == "__main__":
    main()
