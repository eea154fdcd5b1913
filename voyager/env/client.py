"""HTTP client of the bridge's JSON API (docs/BRIDGE_API.md); no restarts (see bridge.py)."""

from __future__ import annotations

import contextlib
import http.client
import json
from typing import Any

from voyager.errors import BridgeError


class BridgeUnavailable(BridgeError):
    """The bridge did not answer: connection refused or reset, or the request timed out."""

    def __init__(self, message: str, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


class BridgeRequestError(BridgeError):
    """The bridge answered with an error (bad request, no op rights, connect failure...)."""

    def __init__(self, message: str, *, status: int, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class BridgeClient:
    """Talks to one bridge process on 127.0.0.1:`port`, sending its token on every request."""

    def __init__(self, port: int, token: str, *, timeout: float = 30.0) -> None:
        self.port = port
        self.token = token
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict[str, Any] | None = None,
                *, timeout: float | None = None) -> dict[str, Any]:
        """One JSON request; BridgeUnavailable when unreachable, BridgeRequestError on an error reply."""
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        limit = timeout or self.timeout
        for attempt in (1, 2):
            conn = self._connection(limit)
            try:
                conn.request(method, path, body=payload, headers=headers)
                response = conn.getresponse()
                raw = response.read()
                break
            except TimeoutError as exc:
                self.close()
                raise BridgeUnavailable(f"the bridge did not answer {method} {path} within {limit:.0f} s",
                                        timed_out=True) from exc
            except (ConnectionError, http.client.HTTPException, OSError) as exc:
                self.close()
                # A kept-alive connection the server already closed: retry once on a fresh one.
                if attempt == 1 and isinstance(exc, (http.client.RemoteDisconnected, BrokenPipeError)) \
                        and method == "GET":
                    continue
                raise BridgeUnavailable(f"the bridge is unreachable on port {self.port} ({exc.__class__.__name__}: {exc})") from exc
            except BaseException:  # Ctrl-C mid-request: the connection is mid-response, drop it
                self.close()
                raise
        try:
            data = json.loads(raw.decode("utf-8")) if raw else {}
        except ValueError as exc:
            raise BridgeError(f"the bridge sent a reply that is not JSON for {method} {path}") from exc
        if response.status >= 400:
            raise BridgeRequestError(f"bridge: {data.get('error', response.reason)}",
                                     status=response.status, code=str(data.get("code", "error")))
        return data

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        else:
            self._conn.timeout = timeout
            if self._conn.sock is not None:
                self._conn.sock.settimeout(timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ endpoints
    def health(self, timeout: float = 3.0) -> dict[str, Any]:
        return self.request("GET", "/health", timeout=timeout)

    def connect(self, options: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        return self.request("POST", "/connect", options, timeout=timeout)["observation"]

    def reset(self, options: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        return self.request("POST", "/reset", options, timeout=timeout)["observation"]

    def step(self, code: str, *, timeout: float, request_timeout: float) -> dict[str, Any]:
        return self.request("POST", "/step", {"code": code, "timeout": timeout}, timeout=request_timeout)

    def observe(self, timeout: float | None = None) -> dict[str, Any]:
        return self.request("GET", "/observe", timeout=timeout)["observation"]

    def set_skills(self, skills: dict[str, str], timeout: float | None = None) -> dict[str, Any]:
        return self.request("POST", "/skills", {"skills": skills}, timeout=timeout)

    def configure(self, settings: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        """Change bridge settings (stepTimeout, nearbyBlockRadius, giveBackPlacedItems, allowCommands)."""
        return self.request("POST", "/configure", settings, timeout=timeout)["settings"]

    def stop(self) -> None:
        with contextlib.suppress(BridgeError):
            self.request("POST", "/stop", {}, timeout=3.0)
        self.close()
