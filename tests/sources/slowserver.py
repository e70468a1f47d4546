"""A local web server that also serves large pages (5 MB articles), for memory benchmarks."""

import gzip

from tests.sources.webserver import ARTICLE, Handler, LocalWebServer

LARGE_PAGE_BYTES = 5 * 1024 * 1024
WORDS = [
    "Die",
    "Stadtwerke",
    "Rheinfeld",
    "haben",
    "im",
    "vergangenen",
    "Jahr",
    "mehr",
    "als",
    "85",
    "Millionen",
    "Fahrgäste",
    "befördert,",
    "teilte",
    "das",
    "Unternehmen",
    "am",
    "Dienstag",
    "im",
    "Stadtrat",
    "mit",
]


def large_article(number: int, size: int = LARGE_PAGE_BYTES) -> bytes:
    """An article of `size` bytes whose paragraphs differ (so no extractor folds them)."""
    paragraphs, total, n = [], 0, 0
    while total < size:
        words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(40)]
        paragraph = f"<p>Absatz {number}.{n}: {' '.join(words)}.</p>\n"
        paragraphs.append(paragraph)
        total += len(paragraph.encode())
        n += 1
    return ARTICLE.replace("</article>", "".join(paragraphs) + "</article>").encode()


class LargePageHandler(Handler):
    def do_GET(self):
        if self.path.startswith("/large/"):
            self.server.hits[self.path] += 1
            body = large_article(int(self.path.rsplit("/", 1)[-1]))
            return self.send(200, body, "text/html; charset=utf-8")
        if self.path.startswith("/large-gzipped/"):
            self.server.hits[self.path] += 1
            body = gzip.compress(large_article(int(self.path.rsplit("/", 1)[-1])))
            headers = {"Content-Encoding": "gzip"}
            return self.send(200, body, "text/html; charset=utf-8", headers)
        return super().do_GET()


class LargePageServer(LocalWebServer):
    """LocalWebServer plus `/large/<n>`: a 5 MB article, and `/large-gzipped/<n>`: gzipped."""

    def __init__(self, host="127.0.0.1", latency=0.0):
        super().__init__(host, latency)
        self.RequestHandlerClass = LargePageHandler
