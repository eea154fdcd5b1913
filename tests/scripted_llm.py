"""A scripted OpenAI-compatible endpoint for tests: real HTTP on 127.0.0.1, a random port, threaded.

Answers POST /v1/chat/completions from per-role scripts. A request's role is the
`X-Voyager-Role` header our LLMClient sends; a script may instead match with a callable on
the request body. Scripts hold answers in order: a string (the reply), a `Reply` (usage
control), a `Fault` (429 with Retry-After, 500, a timeout, a dropped connection, a garbage
body, or any status), or a callable `body -> str`. Every request is recorded.

    server = ScriptedLLM().start()
    server.script("critic", ['{"success": true, "critique": ""}'])
    server.script(lambda body: "pickaxe" in str(body["messages"]), [Fault.rate_limit(0)])
    ...; server.requests[-1].messages; server.stop()
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Matcher = Callable[[dict[str, Any]], bool]


@dataclass
class Reply:
    """A chat answer; `usage=False` omits the usage block, a dict replaces it."""

    content: str | None
    usage: dict[str, int] | bool = True
    finish_reason: str = "stop"


@dataclass
class Fault:
    """An injected failure. kind: status | timeout | drop | garbage."""

    kind: str
    status: int = 500
    seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "injected fault"

    @classmethod
    def rate_limit(cls, retry_after: float | None = None, *, ms: int | None = None) -> Fault:
        headers = {}
        if retry_after is not None:
            headers["Retry-After"] = str(retry_after)
        if ms is not None:
            headers["retry-after-ms"] = str(ms)
        return cls("status", status=429, headers=headers, message="rate limited")

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        return cls("status", status=status, message="internal error")

    @classmethod
    def http(cls, status: int, message: str = "refused") -> Fault:
        return cls("status", status=status, message=message)

    @classmethod
    def timeout(cls, seconds: float) -> Fault:
        """Sleep `seconds` before answering (set it past the client's timeout)."""
        return cls("timeout", seconds=seconds)

    @classmethod
    def drop(cls) -> Fault:
        """Close the connection without an answer."""
        return cls("drop")

    @classmethod
    def garbage(cls) -> Fault:
        """A 200 whose body is not JSON."""
        return cls("garbage")


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def role(self) -> str | None:
        return self.headers.get("x-voyager-role")

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def system(self) -> str:
        return "\n".join(str(m.get("content")) for m in self.messages if m.get("role") == "system")

    @property
    def last_user(self) -> str:
        users = [str(m.get("content")) for m in self.messages if m.get("role") == "user"]
        return users[-1] if users else ""


class _Script:
    def __init__(self, match: str | Matcher, answers: list[Any], repeat_last: bool) -> None:
        self.match = match
        self.answers = list(answers)
        self.repeat_last = repeat_last
        self.used = 0

    def matches(self, request: Request) -> bool:
        if callable(self.match):
            return bool(self.match(request.body))
        return request.role == self.match

    def next(self) -> Any:
        if self.answers:
            self.used += 1
            answer = self.answers.pop(0)
            if not self.answers and self.repeat_last:
                self.answers.append(answer)
            return answer
        return None


class ScriptedLLM:
    """The server. `base_url` is http://127.0.0.1:<port>/v1 once started."""

    def __init__(self) -> None:
        self._scripts: list[_Script] = []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------- control
    def start(self) -> ScriptedLLM:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": f"no route {self.path}"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {}
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with server._lock:
                    server.requests.append(request)
                route = self.path.split("?", 1)[0].rstrip("/")  # Azure adds ?api-version=...
                if route.endswith("/embeddings"):
                    inputs = body.get("input", [])
                    inputs = [inputs] if isinstance(inputs, str) else inputs
                    data = [{"object": "embedding", "index": i, "embedding": _toy_embedding(str(t))}
                            for i, t in enumerate(inputs)]
                    self._json(200, {"object": "list", "data": data, "model": body.get("model"),
                                     "usage": {"prompt_tokens": 1, "total_tokens": 1}})
                    return
                if not route.endswith("/chat/completions"):
                    self._json(404, {"error": {"message": f"no route {self.path}"}})
                    return
                server._answer(self, request)

            def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="scripted-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @property
    def port(self) -> int:
        assert self._httpd is not None, "call start() first"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, match: str | Matcher, answers: list[Any], *, repeat_last: bool = False) -> None:
        """Queue `answers` for requests of role `match` (or matching the callable). Later scripts win."""
        with self._lock:
            self._scripts.insert(0, _Script(match, answers, repeat_last))

    def reset(self) -> None:
        with self._lock:
            self._scripts.clear()
            self.requests.clear()

    def requests_for(self, role: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.role == role]

    # --------------------------------------------------------------- answering
    def _answer(self, handler: Any, request: Request) -> None:
        with self._lock:
            answer = None
            for script in self._scripts:
                if script.matches(request):
                    answer = script.next()
                    if answer is not None:
                        break
        if answer is None:
            handler._json(400, {"error": {"message": f"scripted LLM: no answer left for role {request.role!r}",
                                          "type": "invalid_request_error"}})
            return
        if callable(answer) and not isinstance(answer, Fault | Reply):
            answer = answer(request.body)
        if isinstance(answer, Fault):
            self._fault(handler, answer)
            return
        reply = answer if isinstance(answer, Reply) else Reply(str(answer))
        handler._json(200, _completion(request, reply))

    def _fault(self, handler: Any, fault: Fault) -> None:
        if fault.kind == "timeout":
            time.sleep(fault.seconds)
            with contextlib.suppress(OSError):
                handler._json(200, _completion(Request("", {}, {}), Reply("too late")))
        elif fault.kind == "drop":
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(2)
        elif fault.kind == "garbage":
            data = b"<html>502 upstream garbage \x00\xff</html>"
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        else:
            handler._json(fault.status, {"error": {"message": fault.message, "type": "scripted"}}, fault.headers)


def _completion(request: Request, reply: Reply) -> dict[str, Any]:
    prompt_chars = sum(len(str(m.get("content") or "")) for m in request.messages)
    payload: dict[str, Any] = {
        "id": "chatcmpl-scripted", "object": "chat.completion", "created": int(time.time()),
        "model": request.body.get("model", "scripted"),
        "choices": [{"index": 0, "finish_reason": reply.finish_reason,
                     "message": {"role": "assistant", "content": reply.content}}],
    }
    if isinstance(reply.usage, dict):
        payload["usage"] = reply.usage
    elif reply.usage:
        prompt = max(1, prompt_chars // 4)
        completion = max(1, len(reply.content or "") // 4)
        payload["usage"] = {"prompt_tokens": prompt, "completion_tokens": completion,
                            "total_tokens": prompt + completion}
    return payload


def _toy_embedding(text: str, dims: int = 16) -> list[float]:
    vec = [0.0] * dims
    for i, ch in enumerate(text.lower()):
        vec[(ord(ch) + i) % dims] += 1.0
    norm = sum(v * v for v in vec) ** 0.5 or 1.0
    return [v / norm for v in vec]
