"""Where the project's non-Python folders live: a checkout, or inside an installed wheel.

In a checkout, `skills/`, `curriculum/`, `configs/`, `env/` and `bridge/` sit next to the
`voyager/` package. A wheel carries them under `voyager/_data/`. The Node packages need a
writable folder for `node_modules`, so from a wheel they are copied to a per-user cache.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

from voyager import __version__

_PACKAGE_DIR = Path(__file__).resolve().parent
DATA_FOLDERS = ("skills", "curriculum", "configs", "env", "bridge")


@cache
def project_root() -> Path:
    """The folder holding `skills/`, `curriculum/`, ... (a checkout, or `voyager/_data`)."""
    checkout = _PACKAGE_DIR.parent
    if (checkout / "skills").is_dir() and (checkout / "env" / "package.json").is_file():
        return checkout
    return _PACKAGE_DIR / "_data"


def data_dir(name: str) -> Path:
    """Path of one of the project's data folders (see DATA_FOLDERS)."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; expected one of {DATA_FOLDERS}")
    return project_root() / name


def skills_dir() -> Path:
    return data_dir("skills")


def curriculum_dir() -> Path:
    return data_dir("curriculum")


def configs_dir() -> Path:
    return data_dir("configs")


def default_config_path() -> Path:
    return configs_dir() / "default.yaml"


def node_package_dir(name: str) -> Path:
    """A writable folder for the Node package `env` or `bridge`, where `npm ci` can run.

    A checkout is used in place; a read-only install is copied once per version to
    `$VOYAGER_CACHE` (default `~/.cache/voyager`).
    """
    source = data_dir(name)
    if os.access(source, os.W_OK):
        return source
    cache_root = Path(os.environ.get("VOYAGER_CACHE", Path.home() / ".cache" / "voyager"))
    target = cache_root / f"node-{__version__}" / name
    if not (target / "package.json").is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, target, dirs_exist_ok=True)
    return target
