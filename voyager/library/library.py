"""SkillLibrary: the agent's versioned, searchable memory of working programs.

Files (store.py) are the truth; the Chroma index (index.py) is derived and self-healing; one
writer at a time (lock.py). A read-only library never writes its folder.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from voyager.config import EmbeddingConfig
from voyager.errors import LibraryError
from voyager.library.calls import called_functions
from voyager.library.embeddings import Embedder, make_embedder
from voyager.library.index import SkillIndex
from voyager.library.lock import LOCK_NAME, WriterLock
from voyager.library.skill import Skill, check_name
from voyager.library.store import SkillStore

log = logging.getLogger(__name__)

_LIBRARY_MARKERS = ("skills.json", "versions", "code", "meta.json")


def resolve_library_dir(path: str | Path) -> Path:
    """A run directory's `skill/` folder, or `path` itself when it is a library folder."""
    path = Path(path).expanduser()
    if any((path / m).exists() for m in _LIBRARY_MARKERS):
        return path
    if (path / "skill").is_dir() or (path / "config.yaml").is_file() or (path / "checkpoint").is_dir():
        return path / "skill"
    return path


class SkillLibrary:
    """Versioned skills with semantic retrieval. Open with `SkillLibrary.open(path)`."""

    def __init__(self, root: Path, embedder: Embedder, *, readonly: bool) -> None:
        self.root = root
        self.readonly = readonly
        self.embedder = embedder
        self._store = SkillStore(root)
        self._lock: WriterLock | None = None
        self._skills: dict[str, list[Skill]] = {}
        self._dirty: set[str] = set()  # names whose newest version has unsaved `retrieved` counts
        self._index: SkillIndex | None = None

    # -- opening and closing ------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, embedding: EmbeddingConfig | Embedder | None = None,
             readonly: bool = False) -> SkillLibrary:
        """Open (or, unless read-only, create) the library at a run directory or library folder.

        `embedding`: an EmbeddingConfig, any Embedder (callable with an `id`), or None for the
        bundled local model. Raises LibraryError when another process holds the library for writing.
        """
        root = resolve_library_dir(path)
        if readonly and not root.is_dir():
            raise LibraryError(f"skill library {root} does not exist; check the path")
        library = cls(root, make_embedder(embedding), readonly=readonly)
        try:
            library._open()
        except BaseException:
            library.close()
            raise
        return library

    def _open(self) -> None:
        if not self.readonly:
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock = WriterLock(self.root).acquire()
        self._stamp = self._store.stamp()
        self._skills, needs_repair = self._store.load()
        for versions in self._skills.values():
            check_name(versions[-1].name)
        if needs_repair and not self.readonly:
            self._repair()
        if not self.readonly and self._store.read_meta().get("embedding") != self.embedder.id:
            self._store.write_meta(self.embedder.id)
        self._index = SkillIndex(self._store.chroma_dir, self.embedder, readonly=self.readonly)
        if not self.readonly:
            self._index.open(self.latest())  # a writer checks (and heals) its index up front

    def _repair(self) -> None:
        """Make versions/ and the Voyager-facing files agree (after a crash, or on a Voyager folder)."""
        for versions in self._skills.values():
            for skill in versions:
                code_path = self._store.root / "versions" / skill.name / f"v{skill.version}.json"
                if not code_path.is_file():
                    if not skill.calls:
                        skill.calls = _calls(skill)
                    if not skill.created_at:
                        skill.created_at = _now()
                    self._store.write_version(skill)
        self._store.publish(self._newest())
        log.info("repaired the top-level files of skill library %s", self.root)

    def refresh(self) -> bool:
        """Read-only: pick up skills a writer added since this library was read (cheap when
        nothing changed: one stat). Returns True when the skills were re-read."""
        if not self.readonly or self._index is None:
            return False
        stamp = self._store.stamp()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self._skills, _ = self._store.load()
        self._index.close()
        self._index = SkillIndex(self._store.chroma_dir, self.embedder, readonly=True)  # re-checked lazily
        return True

    def _ready_index(self) -> SkillIndex:
        if self._index is None:
            raise LibraryError("the skill library is closed")
        if self._index.status == "unopened":
            self._index.open(self.latest())  # read-only: checked on first search, in a private copy
        return self._index

    @property
    def index_status(self) -> str:
        """How the index was found when opened: "ok" or "rebuilt (why)" ("unopened" before use)."""
        return self._index.status if self._index else "closed"

    def close(self) -> None:
        """Save pending counters, close the index and release the writer lock. Idempotent."""
        try:
            if not self.readonly:
                for name in sorted(self._dirty):
                    self._store.write_metadata(self._skills[name][-1])
            self._dirty.clear()
        finally:
            if self._index is not None:
                self._index.close()
                self._index = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> SkillLibrary:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, name: object) -> bool:
        return name in self._skills

    def _newest(self) -> dict[str, Skill]:
        return {name: versions[-1] for name, versions in self._skills.items()}

    def latest(self) -> list[Skill]:
        """The newest version of every skill, by name."""
        return [self._skills[name][-1] for name in sorted(self._skills)]

    def get(self, name: str, version: int | None = None) -> Skill:
        """One version of a skill (the newest by default); LibraryError if there is none."""
        versions = self._skills.get(name)
        if not versions:
            raise LibraryError(f"no skill named {name!r} in {self.root}; `voyager skills list` shows them")
        if version is None:
            return versions[-1]
        for skill in versions:
            if skill.version == version:
                return skill
        raise LibraryError(f"skill {name!r} has no version {version}; it has "
                           f"{', '.join(str(s.version) for s in versions)}")

    def versions(self, name: str) -> list[Skill]:
        """Every version of a skill, oldest first."""
        self.get(name)
        return list(self._skills[name])

    def programs(self) -> dict[str, str]:
        """Function name -> code of the newest versions (what the bridge loads)."""
        return {skill.name: skill.code for skill in self.latest()}

    def called_by(self, name: str) -> list[str]:
        """Names of skills whose newest version calls `name`."""
        return [s.name for s in self.latest() if name in s.calls and s.name != name]

    def embed(self, texts: list[str]) -> list[list[float]]:
        """The library's embedding function (the curriculum reuses it for its QA cache)."""
        return self.embedder(list(texts))

    # -- search -------------------------------------------------------------------------
    def search(self, query: str, k: int) -> list[tuple[Skill, float]]:
        """The `k` skills (newest versions) most similar to `query`, with cosine similarity."""
        hits = self._ready_index().query(query, k, count=len(self._skills))
        return [(self._skills[name][-1], score) for name, score in hits if name in self._skills]

    def retrieve(self, query: str, k: int) -> list[Skill]:
        """The top-`k` skills for a query (task + context + recent chat); counts each retrieval."""
        found = [skill for skill, _ in self.search(query, k)]
        for skill in found:
            skill.retrieved += 1
            self._dirty.add(skill.name)
        return found

    # -- writing ------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.readonly:
            raise LibraryError(f"skill library {self.root} is open read-only; it cannot be changed")
        if self._index is None:
            raise LibraryError("the skill library is closed")

    def add(self, name: str, code: str, description: str, *, task: str, model: str | None = None,
            iteration: int | None = None, verdict: str | None = None) -> Skill:
        """Store a skill. A name that exists gets a new version; older versions are kept."""
        check_name(name)
        previous = self._skills.get(name, [])
        skill = Skill(
            name=name, version=previous[-1].version + 1 if previous else 1, code=code,
            description=description, task=task, parent_version=previous[-1].version if previous else None,
            model=model, iteration=iteration, verdict=verdict, created_at=_now(),
        )
        skill.calls = _calls(skill)
        self._commit(skill)
        return skill

    def _commit(self, skill: Skill) -> None:
        self._writable()
        assert self._index is not None
        # Version files first, then the Voyager-facing files, then the index (derived, self-healing).
        self._store.write_version(skill)
        self._skills.setdefault(skill.name, []).append(skill)
        self._dirty.discard(skill.name)
        self._store.publish(self._newest(), changed=[skill.name])
        self._index.upsert(skill, self.latest())

    def add_versions(self, versions: list[Skill]) -> int:
        """Append another library's versions of one skill (import). Metadata and counters are
        kept; versions are renumbered after ours. Versions equal to our newest are skipped.
        Returns how many were added."""
        added = 0
        for incoming in versions:
            check_name(incoming.name)
            current = self._skills.get(incoming.name, [])
            if current and (current[-1].code, current[-1].description) == (incoming.code, incoming.description):
                continue
            if any((s.code, s.description) == (incoming.code, incoming.description) for s in current):
                continue  # already here as an older version: importing twice changes nothing
            skill = replace(incoming, version=current[-1].version + 1 if current else 1,
                            parent_version=current[-1].version if current else None,
                            created_at=incoming.created_at or _now())
            skill.calls = skill.calls or _calls(skill)
            self._commit(skill)
            added += 1
        return added

    def record_use(self, name: str, *, success: bool) -> None:
        """Count one use of a skill's newest version by a program the critic judged."""
        if self.readonly:
            return  # a shared library's counters belong to its writer
        self._writable()
        skill = self.get(name)
        skill.used += 1
        skill.succeeded += int(bool(success))
        self._store.write_metadata(skill)
        self._dirty.discard(name)

    # -- sharing ------------------------------------------------------------------------
    @staticmethod
    def copy_from(src: str | Path, dest: str | Path) -> Path:
        """Copy-on-write start: copy the library at `src` into `dest` (a run dir or folder).

        The index is copied too and re-checked when the copy is opened. Returns the new folder.
        """
        source = resolve_library_dir(src)
        if not source.is_dir() or not any((source / m).exists() for m in _LIBRARY_MARKERS):
            raise LibraryError(f"{src} holds no skill library (no skills.json, code/ or versions/); check the path")
        target = resolve_library_dir(dest)
        if target.exists() and any((target / m).exists() for m in _LIBRARY_MARKERS):
            raise LibraryError(f"{target} already holds a skill library; choose an empty destination")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(LOCK_NAME, ".*.tmp"))
        return target


def _calls(skill: Skill) -> list[str]:
    return [name for name in called_functions(skill.code) if name != skill.name]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
