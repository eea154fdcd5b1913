"""Import and export: Voyager-format folders and our own .tar.gz archive.

A Voyager checkpoint keeps `skill/code/<name>.js`, `skill/description/<name>.txt` and
`skill/skills.json` (newest versions); when it re-learned a skill it also dumped the new code as
`<name>V2.js`, `<name>V3.js`, ... which we read as that skill's versions. Our archive is a
library folder (the same files plus `versions/` and `meta.json`) under `skill/` in a tar.gz.
"""

from __future__ import annotations

import re
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from voyager.errors import LibraryError
from voyager.library.library import SkillLibrary
from voyager.library.skill import Skill, check_name
from voyager.library.store import SkillStore

_ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")
_MARKERS = ("skills.json", "code", "versions")
_VERSIONED = re.compile(r"^(.+)V(\d+)$")


@dataclass
class ImportReport:
    """What an import did."""

    skills: int = 0
    versions: int = 0
    skipped: list[str] = field(default_factory=list)


def is_archive(path: Path) -> bool:
    return path.name.endswith(_ARCHIVE_SUFFIXES)


def find_library_folder(path: Path) -> Path:
    """The library folder inside `path`: itself, its `skill/`, or (from an archive) its only folder."""
    for candidate in (path, path / "skill"):
        if candidate.is_dir() and any((candidate / m).exists() for m in _MARKERS):
            return candidate
    subdirs = [p for p in path.iterdir() if p.is_dir()] if path.is_dir() else []
    if len(subdirs) == 1:
        return find_library_folder(subdirs[0])
    raise LibraryError(f"{path} holds no skill library (expected skills.json or code/ in it or in its skill/ folder)")


def read_library(folder: Path) -> dict[str, list[Skill]]:
    """Every skill's versions (oldest first) in a library folder, ours or Voyager's."""
    store = SkillStore(folder)
    if (folder / "versions").is_dir():
        skills, _ = store.load()
        return skills
    return _read_voyager(folder, store)


def _read_voyager(folder: Path, store: SkillStore) -> dict[str, list[Skill]]:
    published = store._published()
    code_dir, desc_dir = folder / "code", folder / "description"
    out: dict[str, list[Skill]] = {}
    for name, (code, description) in published.items():
        match = _VERSIONED.match(name)
        if match and match.group(1) in published and not (folder / "skills.json").is_file():
            continue  # fooV2.js without skills.json: a version of foo, read below
        chain: list[tuple[str, str]] = []
        stems = [name] + [f"{name}V{i}" for i in range(2, 1000)]
        for stem in stems:
            code_file = code_dir / f"{stem}.js"
            if not code_file.is_file():
                if stem != name:
                    break
                continue
            desc_file = desc_dir / f"{stem}.txt"
            chain.append((code_file.read_text(encoding="utf-8"),
                          desc_file.read_text(encoding="utf-8") if desc_file.is_file() else description))
        if not chain or chain[-1][0] != code:
            chain.append((code, description))
        out[name] = [Skill(name=name, version=i + 1, code=c, description=d, parent_version=i or None)
                     for i, (c, d) in enumerate(chain)]
    return out


def import_into(library: SkillLibrary, src: str | Path) -> ImportReport:
    """Add the skills of a Voyager-format folder, a run directory or our archive to `library`."""
    src = Path(src).expanduser()
    if not src.exists():
        raise LibraryError(f"{src} does not exist; give a library folder, a run directory or a .tar.gz archive")
    if src.is_file():
        if not is_archive(src):
            raise LibraryError(f"{src} is not a .tar.gz archive or a folder")
        with tempfile.TemporaryDirectory(prefix="voyager-import-") as tmp:
            try:
                with tarfile.open(src) as archive:
                    archive.extractall(tmp, filter="data")  # refuses absolute paths and ../
            except (tarfile.TarError, OSError) as exc:
                raise LibraryError(f"could not read archive {src} ({exc})") from exc
            return _import_folder(library, find_library_folder(Path(tmp)))
    return _import_folder(library, find_library_folder(src))


def _import_folder(library: SkillLibrary, folder: Path) -> ImportReport:
    if folder.resolve() == library.root.resolve():
        raise LibraryError("cannot import a library into itself")
    report = ImportReport()
    for name, versions in sorted(read_library(folder).items()):
        try:
            check_name(name)
        except LibraryError:
            report.skipped.append(name)
            continue
        added = library.add_versions(versions)
        if added:
            report.skills += 1
            report.versions += added
    return report


def export_library(library: SkillLibrary, dest: str | Path) -> Path:
    """Write every version to a Voyager-format folder, or to a .tar.gz archive when `dest` ends so."""
    dest = Path(dest).expanduser()
    if is_archive(dest):
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="voyager-export-") as tmp:
            folder = Path(tmp) / "skill"
            _write_folder(library, folder)
            tmp_archive = dest.with_name(f".{dest.name}.tmp")
            mode = "w" if dest.name.endswith(".tar") else "w:gz"
            with tarfile.open(tmp_archive, mode) as archive:
                archive.add(folder, arcname="skill")
            tmp_archive.replace(dest)
        return dest
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise LibraryError(f"{dest} exists and is not an empty folder; choose a new folder or a .tar.gz name")
    _write_folder(library, dest)
    return dest


def _write_folder(library: SkillLibrary, folder: Path) -> None:
    store = SkillStore(folder)
    for skill in library.latest():
        for version in library.versions(skill.name):
            store.write_version(version)
    store.publish({s.name: s for s in library.latest()})
    store.write_meta(library.embedder.id)
