"""The configuration: `configs/default.yaml`, a user file on top, then `--set` overrides.

Every knob has a default in `configs/default.yaml` and a typed field here. Unknown keys and
wrong types are errors naming the key and the file. Secrets never live in config files: a
role names the environment variable that holds its API key.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from voyager.errors import ConfigError
from voyager.paths import default_config_path

ROLES = ("action", "curriculum", "curriculum_qa", "critic", "skill_description")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class RoleLLM(_Strict):
    """Per-role overrides; any field left null falls back to the `llm` defaults."""

    model: str | None = None
    base_url: str | None = None
    api_key_env: str | None = None
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_tokens: int | None = Field(default=None, gt=0)
    timeout: float | None = Field(default=None, gt=0)
    max_retries: int | None = Field(default=None, ge=0)
    api_version: str | None = None  # Azure OpenAI only


class ResolvedRoleLLM(_Strict):
    """The settings one role actually uses (defaults merged with its overrides)."""

    role: str
    model: str
    base_url: str | None
    api_key_env: str
    temperature: float
    max_tokens: int | None
    timeout: float
    max_retries: int
    api_version: str | None = None


class Price(_Strict):
    prompt: float = Field(ge=0, description="USD per 1M prompt tokens")
    completion: float = Field(ge=0, description="USD per 1M completion tokens")


class Budget(_Strict):
    max_tokens: int | None = Field(default=None, gt=0)
    max_cost_usd: float | None = Field(default=None, gt=0)


class LLMConfig(_Strict):
    model: str = "gpt-4o"
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int | None = Field(default=None, gt=0)
    timeout: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=5, ge=0)
    api_version: str | None = None
    roles: dict[Literal[ROLES], RoleLLM] = Field(default_factory=dict)  # type: ignore[valid-type]
    prices: dict[str, Price] = Field(default_factory=dict)
    budget: Budget = Field(default_factory=Budget)

    def for_role(self, role: str) -> ResolvedRoleLLM:
        """Merge the defaults with `roles[role]`; OPENAI_BASE_URL applies when none is set."""
        if role not in ROLES:
            raise ConfigError(f"unknown LLM role {role!r}; expected one of {', '.join(ROLES)}")
        override = self.roles.get(role, RoleLLM())  # type: ignore[call-overload]
        merged: dict[str, Any] = {}
        for name in RoleLLM.model_fields:
            value = getattr(override, name)
            merged[name] = value if value is not None else getattr(self, name)
        if merged["base_url"] is None:
            merged["base_url"] = os.environ.get("OPENAI_BASE_URL") or None
        return ResolvedRoleLLM(role=role, **merged)


class EmbeddingConfig(_Strict):
    kind: Literal["local", "openai"] = "local"
    model: str = "all-MiniLM-L6-v2-int8"
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"


class WorldConfig(_Strict):
    kind: Literal["embedded", "external"] = "embedded"
    host: str = "127.0.0.1"
    port: int = Field(default=0, ge=0, le=65535)  # 0: a free port (embedded only)
    version: str = "1.19.2"
    seed: int = 42
    auth: Literal["offline", "microsoft"] = "offline"
    username: str = "bot"
    view_distance: int = Field(default=6, ge=2, le=16)
    difficulty: Literal["peaceful", "easy", "normal", "hard"] = "easy"
    keep_inventory: bool = False
    daylight_cycle: bool = True
    mob_spawning: bool = True
    max_mobs: int = Field(default=20, ge=0, le=200)  # embedded world: cap on living mobs (settings mobs.maxMobs)
    start_time: int | None = Field(default=None, ge=0, le=24000)
    startup_timeout: float = Field(default=60.0, gt=0)


class BridgeConfig(_Strict):
    step_timeout: float = Field(default=180.0, gt=0)
    request_timeout: float = Field(default=30.0, gt=0)
    restart_retries: int = Field(default=3, ge=0)
    give_back_placed_items: bool = True
    nearby_block_radius: int = Field(default=16, ge=1, le=64)
    allow_commands: bool = False


class CurriculumConfig(_Strict):
    mode: Literal["auto", "manual", "suite"] = "auto"
    warm_up: str = "warm_up.yaml"
    task_file: str | None = None  # manual mode: one task per line, "-" for stdin
    suite: str | None = None  # suite mode: a file in curriculum/suites/
    qa_similarity_threshold: float = Field(default=0.9, ge=0, le=1)  # see configs/default.yaml
    retry_failed_after: int = Field(default=5, ge=0)
    chest_when_inventory_over: int = Field(default=32, ge=1, le=36)


class ActionConfig(_Strict):
    max_rounds: int = Field(default=4, ge=1)
    max_parse_retries: int = Field(default=2, ge=0)


class LibraryConfig(_Strict):
    start_from: str | None = None
    start_mode: Literal["copy", "readonly"] = "copy"
    retrieval_k: int = Field(default=5, ge=0)
    embedding: EmbeddingConfig = Field(default_factory=EmbeddingConfig)


class LearnerConfig(_Strict):
    name: str = "run"
    run_root: str = "runs"
    max_iterations: int = Field(default=160, ge=0)
    task_retries: int = Field(default=0, ge=0)
    hard_reset_every: int | None = Field(default=None, ge=1)
    reset_time_of_day: int | None = Field(default=None, ge=0, le=24000)
    progress: Literal["rich", "quiet", "json"] = "rich"


class InferenceConfig(_Strict):
    max_subgoals: int = Field(default=12, ge=1)
    attempts_per_subgoal: int = Field(default=3, ge=1)


class Config(_Strict):
    llm: LLMConfig = Field(default_factory=LLMConfig)
    world: WorldConfig = Field(default_factory=WorldConfig)
    bridge: BridgeConfig = Field(default_factory=BridgeConfig)
    curriculum: CurriculumConfig = Field(default_factory=CurriculumConfig)
    action: ActionConfig = Field(default_factory=ActionConfig)
    library: LibraryConfig = Field(default_factory=LibraryConfig)
    learner: LearnerConfig = Field(default_factory=LearnerConfig)
    inference: InferenceConfig = Field(default_factory=InferenceConfig)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.model_dump(mode="json"), sort_keys=False)


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist; check the --config path")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"config file {path} is not valid YAML{where}; fix it") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must hold a mapping of sections, not {type(data).__name__}")
    return data


def _deep_merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def parse_override(text: str) -> tuple[list[str], Any]:
    """`a.b.c=value` -> (["a", "b", "c"], value), the value parsed as YAML (so 3 is int)."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"--set {text!r} must look like section.key=value")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return [part.strip() for part in key.strip().split(".")], value


def _apply_override(data: dict[str, Any], path: list[str], value: Any) -> None:
    node = data
    for part in path[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            raise ConfigError(f"--set {'.'.join(path)}: {part!r} is not a section")
        node = child
    node[path[-1]] = value


def _explain(exc: ValidationError, source: str) -> ConfigError:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err["loc"])
    if err["type"] == "extra_forbidden":
        return ConfigError(f"unknown config key '{key}' in {source}; see configs/default.yaml for valid keys")
    return ConfigError(f"bad value for config key '{key}' in {source}: {err['msg']}")


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Defaults, then the user's file (if any), then `--set` overrides, validated."""
    data = _read_yaml(default_config_path())
    source = str(default_config_path())
    if path is not None:
        data = _deep_merge(data, _read_yaml(Path(path)))
        source = str(path)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise _explain(exc, source) from None
    return apply_overrides(config, overrides) if overrides else config


def apply_overrides(config: Config, overrides: list[str] | tuple[str, ...]) -> Config:
    """`config` with `--set` overrides applied (e.g. on a resumed run's saved config)."""
    data = config.model_dump(mode="json")
    for text in overrides:
        keypath, value = parse_override(text)
        _apply_override(data, keypath, value)
        try:
            Config.model_validate(data)
        except ValidationError as exc:
            raise _explain(exc, f"--set {text}") from None
    return Config.model_validate(data)


def load_config_file(path: str | Path) -> Config:
    """Load a resolved config as saved in a run directory (no defaults merged)."""
    try:
        return Config.model_validate(_read_yaml(Path(path)))
    except ValidationError as exc:
        raise _explain(exc, str(path)) from None
