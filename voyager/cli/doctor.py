"""`voyager doctor`: check the installation, one line per check, each failure with its fix."""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Callable

from voyager.cli.common import add_config_options, config_from_args
from voyager.config import ROLES, Config
from voyager.errors import VoyagerError

PYTHON_DEPS = ("chromadb", "openai", "gymnasium", "yaml", "tenacity", "pydantic", "rich", "onnxruntime", "tokenizers")


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="check Python deps, Node, npm packages, the world and the LLM endpoints",
        description="Run every installation check and say how to fix what fails.",
    )
    add_config_options(parser)
    parser.add_argument("--skip-world", action="store_true", help="do not start the embedded world")
    parser.add_argument("--skip-llm", action="store_true", help="do not contact the LLM endpoints")
    return parser


def check_python() -> str:
    missing = []
    for mod in PYTHON_DEPS:
        try:
            importlib.import_module(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        raise VoyagerError(f"missing Python packages {', '.join(missing)}; run `pip install -e .`")
    return "all Python dependencies import"


def check_node() -> str:
    from voyager.nodejs import node_executable

    return f"Node.js at {node_executable()}"


def check_node_packages() -> str:
    from voyager.nodejs import ensure_node_packages

    return ", ".join(str(ensure_node_packages(p)) for p in ("env", "bridge"))


def check_world(config: Config) -> str:
    from voyager.world import EmbeddedWorld

    with EmbeddedWorld(config.world) as world:
        return f"embedded world {config.world.version} accepted logins at {world.host}:{world.port}"


def check_llm(config: Config) -> str:
    import httpx

    seen: dict[tuple[str | None, str], str] = {}
    for role in ROLES:
        settings = config.llm.for_role(role)
        key = (settings.base_url, settings.api_key_env)
        if key in seen:
            continue
        if settings.base_url is None and not os.environ.get(settings.api_key_env):
            raise VoyagerError(
                f"role {role}: no base_url and ${settings.api_key_env} is unset; export "
                f"{settings.api_key_env}=... or pass --set llm.base_url=http://127.0.0.1:11434/v1"
            )
        base = (settings.base_url or "https://api.openai.com/v1").rstrip("/")
        key = os.environ.get(settings.api_key_env)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        try:
            resp = httpx.get(f"{base}/models", headers=headers, timeout=10)
        except httpx.HTTPError as exc:
            raise VoyagerError(f"role {role}: cannot reach {base} ({exc}); start the server or fix base_url") from None
        if resp.status_code in (401, 403):
            raise VoyagerError(f"role {role}: {base} refused the key in ${settings.api_key_env}; check it")
        seen[key] = f"{base} answered ({resp.status_code})"
    return "; ".join(seen.values())


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    checks: list[tuple[str, Callable[[], str]]] = [
        ("python", check_python),
        ("node", check_node),
        ("npm packages", check_node_packages),
    ]
    if not args.skip_world and config.world.kind == "embedded":
        checks.append(("world", lambda: check_world(config)))
    if not args.skip_llm:
        checks.append(("llm", lambda: check_llm(config)))
    failed = 0
    for name, check in checks:
        try:
            print(f"ok    {name}: {check()}")
        except VoyagerError as exc:
            failed += 1
            print(f"FAIL  {name}: {exc}")
        except ImportError as exc:
            failed += 1
            print(f"FAIL  {name}: not available yet ({exc})")
    print(f"{len(checks) - failed} of {len(checks)} checks passed")
    return 1 if failed else 0
