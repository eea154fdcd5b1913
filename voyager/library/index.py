"""The Chroma index: derived from the library's files, checked on open, rebuilt when stale.

The collection holds one vector per skill (its newest version's description). Its metadata keeps
a fingerprint of what it was built from (every name, version and description, plus the
embedding model id). On open the fingerprint and count are compared with the files; when they
differ, or the index is missing or unreadable (deleted folder, 0-byte or truncated sqlite), the
index is rebuilt. A new embedding model therefore means a re-index, never a dimension error.

A read-only library never writes its folder: it works on a private copy of the index in a
temp dir (rebuilt there when stale) that is deleted on close.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from voyager.errors import LibraryError
from voyager.library.embeddings import Embedder
from voyager.library.skill import Skill

log = logging.getLogger(__name__)

COLLECTION = "skills"
_BATCH = 1000


def fingerprint(skills: Iterable[Skill], embedding_id: str) -> str:
    """A hash of what the index is derived from: embedding model, names, versions, descriptions."""
    digest = hashlib.sha256(embedding_id.encode())
    for skill in sorted(skills, key=lambda s: s.name):
        digest.update(f"\0{skill.name}\0{skill.version}\0".encode())
        digest.update(_text(skill).encode())
    return digest.hexdigest()


def _text(skill: Skill) -> str:
    return skill.description.strip() or skill.name


class SkillIndex:
    """Semantic search over the newest version of each skill."""

    def __init__(self, folder: Path, embedder: Embedder, *, readonly: bool = False) -> None:
        self.embedder = embedder
        self.readonly = readonly
        self._source = Path(folder)
        self._tmp: Path | None = None
        self._client = None
        self._collection = None
        self.status = "unopened"  # "ok", "rebuilt" or "rebuilt (reason)"

    # -- lifecycle ----------------------------------------------------------------------
    def open(self, skills: list[Skill]) -> SkillIndex:
        """Open the index and make it match `skills` (rebuilding it when it does not)."""
        folder = self._source
        if self.readonly:
            self._tmp = Path(tempfile.mkdtemp(prefix="voyager-index-"))
            folder = self._tmp / "chroma"
            if self._source.is_dir():
                try:
                    shutil.copytree(self._source, folder)
                except OSError:
                    shutil.rmtree(folder, ignore_errors=True)
        self._folder = folder
        expected = fingerprint(skills, self.embedder.id)
        reason = self._try_open(expected, len(skills))
        if reason is None:
            self.status = "ok"
            return self
        if reason == "out of date" and self._collection is not None:
            try:
                changed = self._repair(skills, expected)
                self.status = f"repaired ({changed} changed)"
                return self
            except Exception as exc:  # a damaged segment shows up here: rebuild instead
                log.info("repairing the skill index failed (%s); rebuilding it", exc)
                self._disconnect()
                reason = f"repair failed: {type(exc).__name__}"
        log.info("rebuilding the skill index at %s: %s", self._source, reason)
        self._rebuild(skills, expected)
        self.status = f"rebuilt ({reason})"
        return self

    def _try_open(self, expected: str, count: int) -> str | None:
        """None when the index on disk is usable and current, else why it is not."""
        if not (self._folder / "chroma.sqlite3").is_file():
            return "missing"
        try:
            self._connect()
            collection = self._client.get_collection(COLLECTION, embedding_function=None)
            meta = collection.metadata or {}
            if meta.get("embedding") != self.embedder.id:
                return "embedding model changed"
            if meta.get("fingerprint") != expected or collection.count() != count:
                self._collection = collection
                return "out of date"
            if count:
                collection.peek(1)  # reads a vector: fails on a damaged segment
            self._collection = collection
            return None
        except Exception as exc:  # sqlite/chroma raise many types for a damaged index
            self._disconnect()
            return f"unreadable: {type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"

    def _repair(self, skills: list[Skill], expected: str) -> int:
        """Bring a readable, same-model index up to date: embed only new or changed skills."""
        assert self._collection is not None
        existing = self._collection.get(include=["documents", "metadatas"])
        have = {id_: (doc, (meta or {}).get("version"))
                for id_, doc, meta in zip(existing["ids"], existing["documents"] or [], existing["metadatas"] or [],
                                          strict=False)}
        wanted = {s.name for s in skills}
        stale = [id_ for id_ in have if id_ not in wanted]
        changed = [s for s in skills if have.get(s.name) != (_text(s), s.version)]
        if stale:
            self._collection.delete(ids=stale)
        self._add(changed)
        self._collection.modify(metadata={"fingerprint": expected, "embedding": self.embedder.id})
        if self._collection.count() != len(skills):
            raise LibraryError("index count still differs after repair")
        return len(changed) + len(stale)

    def _connect(self) -> None:
        if self._client is not None:
            return
        import chromadb
        from chromadb.config import Settings

        self._folder.mkdir(parents=True, exist_ok=True)
        self._client = chromadb.PersistentClient(
            path=str(self._folder), settings=Settings(anonymized_telemetry=False, allow_reset=True))

    def _disconnect(self) -> None:
        client, self._client, self._collection = self._client, None, None
        if client is not None:
            try:
                client.close()
            except Exception:
                log.debug("closing the chroma client failed", exc_info=True)

    def _rebuild(self, skills: list[Skill], expected: str) -> None:
        try:
            self._fresh_collection(expected)
        except Exception:
            # The folder itself is damaged: start from nothing.
            self._disconnect()
            shutil.rmtree(self._folder, ignore_errors=True)
            try:
                self._fresh_collection(expected)
            except Exception as exc:
                raise LibraryError(f"could not build the skill index in {self._folder} ({exc}); "
                                   "check the folder is writable, or delete it") from exc
        self._add(skills)

    def _fresh_collection(self, expected: str) -> None:
        self._connect()
        assert self._client is not None
        if COLLECTION in {c.name for c in self._client.list_collections()}:
            self._client.delete_collection(COLLECTION)
        self._collection = self._client.create_collection(
            COLLECTION, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
            metadata={"fingerprint": expected, "embedding": self.embedder.id})

    def close(self) -> None:
        self._disconnect()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # -- updates ------------------------------------------------------------------------
    def _add(self, skills: list[Skill], vectors: list[list[float]] | None = None) -> None:
        assert self._collection is not None
        if vectors is None:
            vectors = self.embedder([_text(s) for s in skills]) if skills else []
        for start in range(0, len(skills), _BATCH):
            batch = skills[start:start + _BATCH]
            self._collection.upsert(
                ids=[s.name for s in batch], embeddings=vectors[start:start + _BATCH],
                documents=[_text(s) for s in batch],
                metadatas=[{"version": s.version} for s in batch])

    def upsert(self, skill: Skill, all_skills: list[Skill]) -> None:
        """Index `skill` (a new newest version) and record the new fingerprint."""
        expected = fingerprint(all_skills, self.embedder.id)
        try:
            self._add([skill])
            assert self._collection is not None
            self._collection.modify(metadata={"fingerprint": expected, "embedding": self.embedder.id})
        except Exception as exc:
            log.warning("updating the skill index failed (%s); rebuilding it", exc)
            self._disconnect()
            self._rebuild(all_skills, expected)

    # -- search -------------------------------------------------------------------------
    def query(self, text: str, k: int, *, count: int) -> list[tuple[str, float]]:
        """The `k` nearest skill names with cosine similarity, best first."""
        if k <= 0 or count == 0 or self._collection is None:
            return []
        vector = self.embedder([text])[0]
        result = self._collection.query(query_embeddings=[vector], n_results=min(k, count),
                                        include=["distances"])
        ids = result["ids"][0]
        distances = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
        return [(name, 1.0 - float(d)) for name, d in zip(ids, distances, strict=False)]
