"""The supervised bridge: process + client, restarts of a dead or hung service, state restore.

A step that hangs the Node event loop (a synchronous endless loop after an `await`) cannot
answer; its request times out after the step timeout plus a grace period, a health check
confirms the hang, and the process is killed and restarted with bounded retries and
backoff. After a restart the bot is reconnected, the learned skills are loaded again and
the inventory, equipment and position of the last observation are restored (a hard reset).
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from voyager.env.client import BridgeClient, BridgeRequestError, BridgeUnavailable
from voyager.env.process import BridgeProcess
from voyager.errors import BridgeError, VoyagerError

log = logging.getLogger(__name__)

STEP_GRACE = 5.0  # seconds (plus 10% of the step timeout) before the client calls the bridge hung
CONNECT_TIMEOUT = 60.0


class Bridge:
    """One supervised bridge process driving one bot.

    `connect` holds mineflayer's connection options (host, port, version, username, auth);
    `settings` the bridge settings (stepTimeout, nearbyBlockRadius, giveBackPlacedItems, allowCommands).
    """

    def __init__(self, connect: dict[str, Any], settings: dict[str, Any], *, skills_dir: Path | None,
                 log_path: Path, request_timeout: float = 30.0, restart_retries: int = 3,
                 before_restart: Callable[[], dict[str, Any] | None] | None = None) -> None:
        self.connect_options = dict(connect)
        self.settings = dict(settings)
        self.skills_dir = skills_dir
        self.log_path = log_path
        self.request_timeout = request_timeout
        self.restart_retries = restart_retries
        # Called before each restart attempt; may return new connect options (a restarted world's port).
        self.before_restart = before_restart
        self.process: BridgeProcess | None = None
        self.client: BridgeClient | None = None
        self.skills: dict[str, str] = {}
        self.last_observation: dict[str, Any] | None = None
        # What to restore after a restart (start() overwrites last_observation with the fresh one).
        self.last_observation_before_restart: dict[str, Any] | None = None
        self.restarts = 0
        self.closed = False

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> dict[str, Any]:
        """Start the process and connect the bot; returns the first observation."""
        self.process = BridgeProcess(skills_dir=self.skills_dir, log_path=self.log_path).start()
        assert self.process.port is not None
        self.client = BridgeClient(self.process.port, self.process.token, timeout=self.request_timeout)
        # Microsoft auth may wait for the user to enter a device code.
        limit = 330.0 if self.connect_options.get("auth") == "microsoft" else CONNECT_TIMEOUT
        observation = self.client.connect({**self.connect_options, "settings": self.settings}, timeout=limit)
        if self.skills:
            self._load_skills()
        self.last_observation = observation
        return copy.deepcopy(observation)

    def close(self) -> None:
        """Stop the bridge process (idempotent)."""
        self.closed = True
        if self.client is not None:
            if self.process is not None and self.process.is_alive():
                self.client.stop()
            self.client.close()
            self.client = None
        if self.process is not None:
            self.process.stop()
            self.process = None

    def _require(self) -> BridgeClient:
        if self.closed:
            raise BridgeError("the environment is closed; create a new MinecraftEnv")
        if self.client is None:  # an earlier restart failed: the next call tries again
            raise BridgeUnavailable("the bridge is not running after a failed restart")
        return self.client

    def healthy(self) -> bool:
        if self.client is None or self.process is None or not self.process.is_alive():
            return False
        try:
            self.client.health(timeout=3.0)
            return True
        except BridgeError:
            return False

    def restart(self, reason: str) -> str | None:
        """Kill and restart the service, then restore the last observed state.

        Returns a note when the restore failed (e.g. no op rights); BridgeError after
        `restart_retries` failed attempts.
        """
        last_error = reason
        for attempt in range(self.restart_retries):
            if attempt:
                time.sleep(min(8.0, 0.5 * 2 ** attempt))
            log.warning("restarting the bridge (attempt %d/%d): %s", attempt + 1, self.restart_retries, last_error)
            if self.process is not None:
                self.process.kill()
            if self.client is not None:
                self.client.close()
            self.process = None
            self.client = None
            try:
                if self.before_restart is not None:
                    self.connect_options.update(self.before_restart() or {})
                observation = self.start()
            except VoyagerError as exc:  # BridgeError, or WorldError from before_restart
                last_error = str(exc)
                continue
            self.restarts += 1
            return self._restore(observation)
        cause = last_error.removesuffix(f"; see {self.log_path}")
        if not self.restart_retries:
            raise BridgeError(f"the bridge needs a restart ({cause}) but bridge.restart_retries is 0; "
                              f"fix the cause (log: {self.log_path}) or allow restarts, then start again")
        raise BridgeError(f"the bridge failed {self.restart_retries} restarts in a row ({cause}); fix what "
                          f"{self.log_path} shows (`voyager doctor` checks Node and the world), then start again")

    def _restore(self, fresh: dict[str, Any]) -> str | None:
        previous = self.last_observation_before_restart
        if not previous:
            return None
        status = previous.get("status", {})
        options = {"mode": "hard", "inventory": previous.get("inventory", {}),
                   "equipment": status.get("equipment"), "position": status.get("position")}
        try:
            self.last_observation = self._require().reset(options, timeout=self.request_timeout)
        except BridgeError as exc:
            return f"the inventory could not be restored after the restart ({exc})"
        return None

    # ------------------------------------------------------------------ operations
    def _call(self, fn: str, *args: Any, **kwargs: Any) -> Any:
        """Call a client method; on a dead or hung bridge restart once and call again."""
        try:
            return getattr(self._require(), fn)(*args, **kwargs)
        except (BridgeUnavailable, BridgeRequestError) as exc:
            if isinstance(exc, BridgeRequestError) and exc.code != "connect_failed":
                raise
            self.last_observation_before_restart = self.last_observation
            self.restart(str(exc))
            return getattr(self._require(), fn)(*args, **kwargs)

    def reset(self, options: dict[str, Any]) -> dict[str, Any]:
        observation = self._call("reset", options, timeout=max(self.request_timeout, 60.0))
        self.last_observation = observation
        return copy.deepcopy(observation)

    def observe(self) -> dict[str, Any]:
        observation = self._call("observe", timeout=self.request_timeout)
        self.last_observation = observation
        return copy.deepcopy(observation)

    def set_skills(self, skills: dict[str, str]) -> dict[str, Any]:
        self.skills = dict(skills)
        return self._call("set_skills", self.skills, timeout=self.request_timeout)

    def configure(self, settings: dict[str, Any]) -> dict[str, Any]:
        """Change bridge settings at run time (any subset of the `settings` keys); returns them all.

        The change is kept for restarts: a restarted bridge connects with the new settings.
        """
        applied = self._call("configure", dict(settings), timeout=self.request_timeout)
        self.settings.update(settings)  # only after the bridge accepted them (an unknown key is a 400)
        return dict(applied)

    def _load_skills(self) -> None:
        result = self._require().set_skills(self.skills, timeout=self.request_timeout)
        for error in result.get("errors", []):
            log.warning("skill %s did not load: %s", error.get("name"), error.get("message"))

    def step(self, code: str, timeout: float | None = None) -> tuple[list[dict[str, Any]], bool]:
        """Run `code`; returns (events ending with an observe event, timed_out)."""
        seconds = float(timeout or self.settings.get("stepTimeout", 180.0))
        try:
            reply = self._require().step(code, timeout=seconds, request_timeout=seconds * 1.1 + STEP_GRACE)
        except BridgeUnavailable as exc:
            return self._after_crash(exc, seconds)
        except BridgeRequestError as exc:
            if exc.code != "connect_failed":
                raise
            # The bot lost the world and cannot reconnect (e.g. the embedded world died).
            return self._after_crash(exc, seconds)
        events = reply["events"]
        self.last_observation = events[-1]["observation"]
        return events, bool(reply.get("timedOut"))

    def _after_crash(self, exc: BridgeError, seconds: float) -> tuple[list[dict[str, Any]], bool]:
        alive = self.process is not None and self.process.is_alive()
        timed_out = isinstance(exc, BridgeUnavailable) and exc.timed_out
        if isinstance(exc, BridgeRequestError):
            what = f"the bot could not reach the world ({exc})"
        elif timed_out and alive and self.healthy():
            # Slow but responsive (e.g. a huge reply): still one restart, the step is lost.
            what = f"the step did not finish within {seconds:.0f} s and the bridge stopped answering it"
        elif timed_out:
            what = (f"the step hung the bridge (a synchronous endless loop after an await?) for more than "
                    f"{seconds:.0f} s")
        else:
            code = self.process.exit_code() if self.process else None
            what = f"the bridge process died during the step (exit code {code})"
        self.last_observation_before_restart = self.last_observation
        note = self.restart(what)
        message = f"Error: {what}; the bridge was restarted and the bot's inventory, equipment and position " \
                  "were restored from the last observation"
        if note:
            message = f"Error: {what}; the bridge was restarted but {note}"
        events: list[dict[str, Any]] = [{"type": "error", "message": message, "line": None, "source": None}]
        if timed_out:
            events.append({"type": "timeout", "seconds": seconds})
        try:
            observation = self.observe()
        except BridgeRequestError:
            observation = copy.deepcopy(self.last_observation or {})
        events.append({"type": "observe", "observation": observation})
        return events, timed_out
