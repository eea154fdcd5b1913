"""`MinecraftEnv`: the Gymnasium environment over the bridge (registered as voyager/Minecraft-v0)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import gymnasium

from voyager.config import Config, load_config
from voyager.env.bridge import Bridge
from voyager.env.spaces import ObservationSpace, action_space
from voyager.errors import BridgeError, WorldError
from voyager.paths import skills_dir
from voyager.world import EmbeddedWorld

log = logging.getLogger(__name__)

RESET_KEYS = {"mode", "inventory", "equipment", "position", "spread", "time"}


class MinecraftEnv(gymnasium.Env[dict, str]):
    """One bot in a Minecraft world, driven by JavaScript steps.

    Starts the embedded world (or uses `config.world` host/port when `kind: external`) and a
    supervised bridge process. Observations are schema-1 dicts (docs/OBSERVATION.md); an
    action is JavaScript run as the body of an async function (docs/BRIDGE_API.md).
    """

    metadata: ClassVar[dict[str, Any]] = {"render_modes": []}

    def __init__(self, config: Config | None = None, *, run_dir: Path | None = None) -> None:
        self.config = config if config is not None else load_config()
        self.run_dir = Path(run_dir) if run_dir is not None else None
        self.action_space = action_space()
        self.observation_space = ObservationSpace()
        self.world: EmbeddedWorld | None = None
        self.bridge: Bridge | None = None
        # One line per death of the embedded world noticed before a bridge restart, with the
        # world's last log lines; a step during which it died carries it in its error event.
        self.world_crashes: list[str] = []
        logs = self.run_dir / "logs" if self.run_dir else Path(tempfile.mkdtemp(prefix="voyager-env-"))
        logs.mkdir(parents=True, exist_ok=True)
        try:
            host, port = self._start_world(logs)
            wc, bc = self.config.world, self.config.bridge
            connect: dict[str, Any] = {"host": host, "port": port, "version": wc.version, "username": wc.username,
                                       "auth": wc.auth}
            if wc.auth == "microsoft":  # cache the login between runs
                connect["profilesFolder"] = str(Path.home() / ".cache" / "voyager" / "minecraft-auth")
            self.bridge = Bridge(
                connect,
                {"stepTimeout": bc.step_timeout, "nearbyBlockRadius": bc.nearby_block_radius,
                 "giveBackPlacedItems": bc.give_back_placed_items, "allowCommands": bc.allow_commands},
                skills_dir=skills_dir(), log_path=logs / "bridge.log",
                request_timeout=bc.request_timeout, restart_retries=bc.restart_retries,
                before_restart=self._ensure_world,
            )
            self.bridge.start()
        except BaseException:
            self.close()
            raise

    def _start_world(self, logs: Path) -> tuple[str, int]:
        wc = self.config.world
        if wc.kind == "external":
            return wc.host, wc.port
        self._world_log = logs / "world.log"
        save_dir = self.run_dir / "world" if self.run_dir else None
        self.world = EmbeddedWorld(wc, save_dir=save_dir, log_path=self._world_log).start()
        return self.world.host, self.world.port

    def _ensure_world(self) -> dict[str, Any] | None:
        """Before a bridge restart: restart the embedded world if it died (new port)."""
        if self.world is None or self.world.is_alive():
            return None
        try:
            self.world.check()
            crash = "the embedded world stopped"
        except WorldError as exc:
            crash = str(exc)
        self.world_crashes.append(crash)
        log.warning("%s; restarting it", crash)
        self.world.stop()
        host, port = self._start_world(self._world_log.parent)
        return {"host": host, "port": port}

    def _bridge(self) -> Bridge:
        if self.bridge is None:
            raise BridgeError("the environment is closed; create a new MinecraftEnv")
        return self.bridge

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[dict, dict]:
        """Hard (default) or soft reset; returns (observation, {"restarts": n}).

        options: {"mode": "hard"|"soft", "inventory": {name: count}, "equipment": [6 names|None],
        "position": {"x","y","z"}|None, "spread": bool, "time": int|None}. `seed` seeds
        `np_random` only; the terrain comes from `config.world.seed`.
        """
        super().reset(seed=seed)
        options = dict(options or {})
        unknown = set(options) - RESET_KEYS
        if unknown:
            raise BridgeError(f"unknown reset option(s) {sorted(unknown)}; expected {sorted(RESET_KEYS)}")
        options.setdefault("mode", "hard")
        observation = self._bridge().reset({k: v for k, v in options.items() if v is not None})
        return observation, {"restarts": self._bridge().restarts}

    def step(self, action: str) -> tuple[dict, float, bool, bool, dict]:
        """Run JavaScript; info["events"] lists what happened, the last event is the observation.

        truncated is True when the step hit its timeout; reward is 0.0 (the critic judges).
        """
        if not isinstance(action, str):
            raise TypeError(f"the action must be a string of JavaScript, not {type(action).__name__}")
        crashes = len(self.world_crashes)
        events, timed_out = self._bridge().step(action)
        if len(self.world_crashes) > crashes:  # the world died during the step and was restarted
            for event in events:
                if event.get("type") == "error":
                    event["message"] = f"{event['message']} (the embedded world had died: {self.world_crashes[-1]})"
                    break
        observation = events[-1]["observation"]
        return observation, 0.0, False, timed_out, {"events": events, "restarts": self._bridge().restarts}

    def set_skills(self, skills: dict[str, str]) -> None:
        """Load learned skills (function name -> code) into the sandbox, replacing the previous set."""
        result = self._bridge().set_skills(skills)
        for error in result.get("errors", []):
            log.warning("skill %s did not load: %s", error.get("name"), error.get("message"))

    def observe(self) -> dict:
        """The current observation, without running code."""
        return self._bridge().observe()

    def close(self) -> None:
        """Stop the bridge and, if this environment started it, the embedded world (idempotent)."""
        if self.bridge is not None:
            self.bridge.close()
            self.bridge = None
        if self.world is not None:
            self.world.stop()
            self.world = None
