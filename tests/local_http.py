"""A real HTTP server on a loopback port for the fetch/watch tests (http.server in a thread).

``routes`` maps a path to a Route; every request is logged (path, user agent) so tests can check
what was fetched and how often. Routes can be changed while the server runs (a feed gaining an entry).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    hang: float = 0.0  # seconds to wait before answering (a hanging server)
    fail_times: int = 0  # answer 500 this many times first, then the route


class LocalServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                server.log.append((self.path, self.headers.get("User-Agent", "")))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                if route.hang:
                    time.sleep(route.hang)
                if route.fail_times > 0:
                    route.fail_times -= 1
                    self.send_response(500)
                    self.send_header("Content-Length", "5")
                    self.end_headers()
                    self.wfile.write(b"oops!")
                    return
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if "Content-Length" not in route.headers:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_html(title: str, paragraphs: list[str], *, published: str = "2024-03-05") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{published}T08:00:00Z"></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


QUAKE = [
    "A magnitude 6.1 earthquake struck the island of Qeshm in southern Iran on Tuesday, killing at least "
    "five people and injuring dozens, the provincial governor said.",
    "Rescue teams reached three villages near the epicentre by the afternoon, according to the Red Crescent, "
    "which said more than 400 homes had been damaged.",
    "The quake was felt across the Gulf, with residents in Dubai reporting swaying buildings, and officials "
    "said a second tremor of magnitude 4.2 followed an hour later.",
]


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>Entry {n}</title><link>{base}{link}</link><description>short</description></item>"
                    for n, link in enumerate(links, 1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()
