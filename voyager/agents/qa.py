"""The curriculum's question answering: questions about the world, answered by the QA model,
cached by question similarity.

`answers.json` (question -> answer) is the truth; a Chroma collection of its own indexes the
questions and is rebuilt from the JSON whenever the two disagree. The embedding function is
passed in (`list[str] -> list[list[float]]`), e.g. the library's offline MiniLM embedder.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from hashlib import sha1
from pathlib import Path
from typing import Any

from voyager import atomic
from voyager.agents.action import ChatModel
from voyager.agents.templates import Templates

log = logging.getLogger(__name__)

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]
COLLECTION = "curriculum_qa"


def _id(question: str) -> str:
    return sha1(question.encode("utf-8")).hexdigest()


class QACache:
    """Cached answers, looked up by cosine similarity >= `threshold` between questions.

    `folder` None keeps everything in memory (a test or a throwaway run).
    """

    def __init__(self, folder: Path | None, embed: Embedder, *, threshold: float = 0.9) -> None:
        import chromadb
        from chromadb.config import Settings

        self.folder = Path(folder) if folder is not None else None
        self.embed = embed
        self.threshold = threshold
        self.answers: dict[str, str] = {}
        settings = Settings(anonymized_telemetry=False)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.json_path.is_file():
                self.answers = dict(json.loads(self.json_path.read_text(encoding="utf-8")))
            client = chromadb.PersistentClient(path=str(self.folder / "chroma"), settings=settings)
        else:
            client = chromadb.EphemeralClient(settings=settings)
        name = COLLECTION if self.folder is not None else f"{COLLECTION}-{id(self)}"
        self._collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        if self._collection.count() != len(self.answers):
            self._rebuild()

    @property
    def json_path(self) -> Path:
        assert self.folder is not None
        return self.folder / "answers.json"

    def __len__(self) -> int:
        return len(self.answers)

    def _rebuild(self) -> None:
        existing = self._collection.get()["ids"]
        if existing:
            self._collection.delete(ids=existing)
        questions = list(self.answers)
        if questions:
            self._collection.upsert(ids=[_id(q) for q in questions], documents=questions,
                                    embeddings=[list(v) for v in self.embed(questions)])
        log.info("rebuilt the QA index from %d cached answers", len(questions))

    def lookup(self, question: str) -> tuple[str, str] | None:
        """(cached question, answer) of the most similar cached question, if similar enough."""
        if not self.answers:
            return None
        result = self._collection.query(query_embeddings=[list(self.embed([question])[0])], n_results=1)
        docs, distances = result["documents"][0], result["distances"][0]
        if not docs:
            return None
        similarity = 1.0 - float(distances[0])
        cached = docs[0]
        if similarity >= self.threshold and cached in self.answers:
            return cached, self.answers[cached]
        return None

    def add(self, question: str, answer: str) -> None:
        """Store an answer (JSON first, then the index)."""
        self.answers[question] = answer
        if self.folder is not None:
            atomic.write_json(self.json_path, self.answers)
        self._collection.upsert(ids=[_id(question)], documents=[question],
                                embeddings=[list(self.embed([question])[0])])


_PAIR = re.compile(r"Question\s*\d*\s*:\s*(.+?)\s*\n\s*Concept\s*\d*\s*:\s*(.+)", re.I)


class CurriculumQA:
    """Step 1 asks questions about the situation; step 2 answers each (cached)."""

    def __init__(self, llm: ChatModel, templates: Templates, cache: QACache, *, version: str = "1.19.2",
                 max_context_pairs: int = 5) -> None:
        self.llm = llm
        self.templates = templates
        self.cache = cache
        self.version = version
        self.max_context_pairs = max_context_pairs
        self.calls = 0

    def ask_questions(self, situation: str, biome: str) -> list[str]:
        """Three fixed biome questions (as Voyager), then the model's own."""
        biome = biome.replace("_", " ")
        questions = [f"What are the blocks that I can find in the {biome} in Minecraft?",
                     f"What are the items that I can find in the {biome} in Minecraft?",
                     f"What are the mobs that I can find in the {biome} in Minecraft?"]
        answer = self.llm.chat([{"role": "system", "content": self.templates.render("curriculum_qa_questions")},
                                {"role": "user", "content": situation}])
        self.calls += 1
        questions += [q.strip() for q, _concept in _PAIR.findall(answer.replace("\r", ""))]
        return list(dict.fromkeys(questions))

    def answer(self, question: str) -> str:
        """The cached answer of a similar question, else the QA model's (then cached)."""
        hit = self.cache.lookup(question)
        if hit is not None:
            return hit[1]
        text = self.llm.chat([
            {"role": "system", "content": self.templates.render("curriculum_qa_answer", version=self.version)},
            {"role": "user", "content": f"Question: {question}"},
        ]).strip()
        self.calls += 1
        if not text.lower().startswith("answer"):
            text = f"Answer: {text}"
        self.cache.add(question, text)
        return text

    def context(self, situation: str, biome: str) -> str:
        """Up to `max_context_pairs` useful question/answer pairs for the curriculum prompt."""
        lines: list[str] = []
        count = 0
        for question in self.ask_questions(situation, biome):
            answer = self.answer(question)
            if "answer: unknown" in answer.lower() or "language model" in answer.lower():
                continue
            count += 1
            lines.append(f"Question {count}: {question}\n{answer}")
            if count >= self.max_context_pairs:
                break
        return "\n\n".join(lines)

    def task_context(self, task: str) -> str:
        """Context for the action agent: "How to <task> in Minecraft?" and its answer."""
        what = re.sub(r"\s+", " ", task.replace("_", " ").replace(" ores", "").replace(" ore", "")).strip(" .").lower()
        question = f"How to {what} in Minecraft?"
        return f"Question: {question}\n{self.answer(question)}"

    def state(self) -> dict[str, Any]:
        return {"folder": str(self.cache.folder) if self.cache.folder else None, "cached": len(self.cache),
                "calls": self.calls}
