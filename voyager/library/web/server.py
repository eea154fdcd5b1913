"""A stdlib HTTP server on 127.0.0.1: static page + a JSON API over one SkillLibrary.

    GET /                         the page (static/index.html, app.js, style.css)
    GET /api/skills               newest version of every skill
    GET /api/skill?name=N&version=V   one version: code (+ highlighted HTML), description,
                                  versions, calls, called-by
    GET /api/search?q=TEXT&k=K    semantic search with scores
"""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from voyager.errors import LibraryError
from voyager.library.library import SkillLibrary
from voyager.library.skill import Skill

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
HOST = "127.0.0.1"  # never all interfaces: the page has no authentication


def make_server(library: SkillLibrary, *, port: int = 0) -> ThreadingHTTPServer:
    """A server for `library` bound to 127.0.0.1:`port` (0: a free port); call serve_forever()."""
    lock = threading.Lock()  # the index and embedder are shared by the handler threads
    api = _Api(library, lock)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            try:
                if url.path.startswith("/api/"):
                    self._json(HTTPStatus.OK, api.handle(url.path[5:], params))
                else:
                    self._static(url.path)
            except LibraryError as exc:
                self._json(HTTPStatus.NOT_FOUND, {"error": str(exc)})
            except (ValueError, KeyError) as exc:
                self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {exc}"})

        def _json(self, status: HTTPStatus, data: Any) -> None:
            self._send(status, json.dumps(data).encode(), "application/json")

        def _static(self, path: str) -> None:
            name = "index.html" if path in ("/", "/index.html") else path.removeprefix("/static/")
            if name == "pygments.css":
                return self._send(HTTPStatus.OK, _pygments_css().encode(), "text/css")
            file = (STATIC / name).resolve()
            if STATIC.resolve() not in file.parents or not file.is_file():
                return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            self._send(HTTPStatus.OK, file.read_bytes(), kind)

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text") or "json" in kind else kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("%s " + format, self.address_string(), *args)

    return ThreadingHTTPServer((HOST, port), Handler)


class _Api:
    def __init__(self, library: SkillLibrary, lock: threading.Lock) -> None:
        self.library = library
        self.lock = lock

    def handle(self, route: str, params: dict[str, str]) -> Any:
        with self.lock:
            self.library.refresh()  # a read-only view of a library that a run is still writing
            if route == "skills":
                return {"root": str(self.library.root), "skills": [_summary(s) for s in self.library.latest()]}
            if route == "skill":
                version = int(params["version"]) if params.get("version") else None
                return self._detail(self.library.get(params["name"], version))
            if route == "search":
                k = max(1, min(int(params.get("k", 10)), 100))
                return {"query": params.get("q", ""),
                        "results": [{**_summary(s), "score": round(score, 4)}
                                    for s, score in self.library.search(params.get("q", ""), k)]}
        raise LibraryError(f"unknown API route {route!r}")

    def _detail(self, skill: Skill) -> dict[str, Any]:
        library = self.library
        return {
            **_summary(skill),
            "code": skill.code, "code_html": _highlight(skill.code), "description": skill.description,
            "model": skill.model, "iteration": skill.iteration, "verdict": skill.verdict,
            "created_at": skill.created_at, "parent_version": skill.parent_version,
            "versions": [{"version": v.version, "parent_version": v.parent_version, "task": v.task,
                          "created_at": v.created_at, "used": v.used, "succeeded": v.succeeded}
                         for v in library.versions(skill.name)],
            "calls": [{"name": n, "skill": n in library} for n in skill.calls],
            "called_by": library.called_by(skill.name),
        }


def _summary(skill: Skill) -> dict[str, Any]:
    return {"name": skill.name, "version": skill.version, "task": skill.task, "used": skill.used,
            "succeeded": skill.succeeded, "retrieved": skill.retrieved, "success_rate": skill.success_rate,
            "summary": _summary_line(skill.description)}


def _summary_line(text: str) -> str:
    lines = [line.strip(" /\t") for line in text.strip().splitlines()]
    lines = [line for line in lines if line and not line.startswith(("async function", "function", "}"))]
    return lines[0] if lines else ""


def _highlight(code: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import JavascriptLexer

    return highlight(code, JavascriptLexer(), HtmlFormatter(cssclass="hl", linenos=False))


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="friendly").get_style_defs(".hl")
