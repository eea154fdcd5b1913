"""The library's files on disk: the one source of truth.

Layout of a library folder (inside a run directory it is `<run>/skill/`):
    code/<name>.js            newest code (Voyager-compatible)
    description/<name>.txt    newest description (Voyager-compatible)
    skills.json               {name: {code, description}} of the newest versions (Voyager-compatible)
    versions/<name>/v<N>.js   every version's code
    versions/<name>/v<N>.json that version's metadata (written last: it commits the version)
    meta.json                 {"format": 1, "embedding": "<model id>"}
    chroma/                   the derived index (see index.py)

Every write is atomic. A version is written before the Voyager-facing files, so a crash leaves at
worst a committed version the top-level files do not show yet; `load` trusts `versions/` and
`repair` rewrites the top-level files from it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from voyager import atomic
from voyager.errors import LibraryError
from voyager.library.skill import Skill

FORMAT = 1
_VERSION_FILE = re.compile(r"^v(\d+)\.json$")


class SkillStore:
    """Reads and writes one library folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.skills_json_damaged = False

    # -- paths --------------------------------------------------------------------------
    @property
    def chroma_dir(self) -> Path:
        return self.root / "chroma"

    def _version_paths(self, name: str, version: int) -> tuple[Path, Path]:
        folder = self.root / "versions" / name
        return folder / f"v{version}.js", folder / f"v{version}.json"

    # -- reading ------------------------------------------------------------------------
    def exists(self) -> bool:
        return any((self.root / p).exists() for p in ("skills.json", "versions", "code", "meta.json"))

    def stamp(self) -> tuple[int, int] | None:
        """Changes whenever a writer publishes a version (skills.json is replaced last)."""
        try:
            info = (self.root / "skills.json").stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_ino

    def read_meta(self) -> dict[str, Any]:
        return _read_json(self.root / "meta.json", default={})

    def load(self) -> tuple[dict[str, list[Skill]], bool]:
        """Every skill's versions (ascending) and whether the top-level files need a repair.

        Names only in skills.json / code/ (a Voyager folder) become version 1.
        """
        skills: dict[str, list[Skill]] = {}
        versions_root = self.root / "versions"
        if versions_root.is_dir():
            for entry in sorted(os.scandir(versions_root), key=lambda e: e.name):
                if not entry.is_dir():
                    continue
                folder = Path(entry.path)
                found = self._load_versions(folder)
                if found:
                    skills[folder.name] = found
        published = self._published()
        needs_repair = False
        for name, (code, description) in published.items():
            if name not in skills:
                skills[name] = [Skill(name=name, version=1, code=code, description=description)]
                needs_repair = True  # versions/ must be written for it
            elif skills[name][-1].code != code or skills[name][-1].description != description:
                needs_repair = True
        if set(skills) - set(published) or self.skills_json_damaged:
            needs_repair = True
        return skills, needs_repair

    def _load_versions(self, folder: Path) -> list[Skill]:
        found = []
        names = set(os.listdir(folder))  # one listing instead of a stat per file (10k skills load in ~3 s)
        for file_name in names:
            match = _VERSION_FILE.match(file_name)
            if not match or f"v{match.group(1)}.js" not in names:
                continue  # a version without its code was never committed
            meta = _read_json(folder / file_name, default=None)
            if not isinstance(meta, dict):
                continue
            meta = {**meta, "name": folder.name, "version": int(match.group(1))}
            code = (folder / f"v{match.group(1)}.js").read_text(encoding="utf-8")
            found.append(Skill.from_metadata(meta, code, str(meta.get("description", ""))))
        return sorted(found, key=lambda s: s.version)

    def _published(self) -> dict[str, tuple[str, str]]:
        """name -> (code, description) from skills.json, else from code/ + description/."""
        try:
            data = _read_json(self.root / "skills.json", default=None)
        except LibraryError:
            data = None  # torn or hand-edited: code/ and versions/ still hold everything
            self.skills_json_damaged = True
        out: dict[str, tuple[str, str]] = {}
        if isinstance(data, dict):
            for name, entry in data.items():
                if isinstance(entry, dict) and isinstance(entry.get("code"), str):
                    out[name] = (entry["code"], str(entry.get("description", "")))
            return out
        code_dir = self.root / "code"
        if code_dir.is_dir():
            for path in sorted(code_dir.glob("*.js")):
                desc = self.root / "description" / f"{path.stem}.txt"
                out[path.stem] = (path.read_text(encoding="utf-8"),
                                  desc.read_text(encoding="utf-8") if desc.is_file() else "")
        return out

    # -- writing ------------------------------------------------------------------------
    def write_version(self, skill: Skill) -> None:
        """Commit one version: its code first, then its metadata (the commit marker)."""
        code_path, _meta_path = self._version_paths(skill.name, skill.version)
        atomic.write_text(code_path, skill.code)
        self.write_metadata(skill)

    def write_metadata(self, skill: Skill) -> None:
        _, meta_path = self._version_paths(skill.name, skill.version)
        atomic.write_json(meta_path, {**skill.metadata(), "description": skill.description})

    def publish(self, newest: dict[str, Skill], changed: list[str] | None = None) -> None:
        """Write the Voyager-facing files for `changed` names (all when None), then skills.json."""
        for name in newest if changed is None else changed:
            skill = newest[name]
            atomic.write_text(self.root / "code" / f"{name}.js", skill.code)
            atomic.write_text(self.root / "description" / f"{name}.txt", skill.description)
        atomic.write_json(self.root / "skills.json",
                          {name: {"code": s.code, "description": s.description} for name, s in sorted(newest.items())})

    def write_meta(self, embedding_id: str) -> None:
        atomic.write_json(self.root / "meta.json", {"format": FORMAT, "embedding": embedding_id})


def _read_json(path: Path, *, default: Any) -> Any:
    if not path.is_file():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LibraryError(f"{path} is not valid JSON ({exc}); restore it or delete it to rebuild from versions/") from exc
