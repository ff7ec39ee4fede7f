"""A local web server for URL imports: pages, redirects, a huge page, a slow one."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_PAGE = """<html><head><title>Harbour to be dredged</title>
<meta property="og:site_name" content="Coast News"><meta name="author" content="Ada Bell">
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>
<body><nav>Home | Local</nav><article><h1>Harbour to be dredged</h1>
<p>Harbour master Lena Dahl said the dredging would start in March and last about six weeks in all.</p>
<p>"It will take six weeks," Dahl said. "The ferries will keep running," she added on Tuesday.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/article"):
            body = ARTICLE_PAGE.replace("on Tuesday", f"on Tuesday ({path})").encode()
            self._send(200, body, "text/html; charset=utf-8")
        elif path.startswith("/redirect-to/"):
            self.send_response(302)
            self.send_header("Location", path.removeprefix("/redirect-to/"))
            self.end_headers()
        elif path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/huge":
            self._send(200, b"<p>" + b"x" * 3_000_000 + b"</p>", "text/html")
        elif path == "/huge-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(300):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE_PAGE.encode(), "text/html")
        elif path == "/image":
            self._send(200, b"\x89PNG....", "image/png")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up on a slow or huge page is what those tests are for


@pytest.fixture
def web_server():
    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def local_fetching(settings):
    """The setting tests need to fetch from their own server; production leaves it off."""
    settings.QUOTEBOOK_FETCH_ALLOW_PRIVATE = True
    settings.QUOTEBOOK_FETCH_TIMEOUT = 1
    settings.QUOTEBOOK_FETCH_MAX_BYTES = 1_000_000
    return settings
