"""Skill library figures: embedding throughput, retrieval p50 at 100 / 1,000 / 10,000 skills,
index rebuild time for 1,000 skills. Synthetic skills; prints figures, asserts nothing.

    .venv/bin/python bench/library.py [--sizes 100,1000,10000] [--queries 50]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from voyager.library import LocalEmbedder, SkillLibrary
from voyager.library.embeddings import FunctionEmbedder

VERBS = ["mine", "craft", "smelt", "collect", "place", "kill", "cook", "build", "find", "equip", "store", "trade"]
ITEMS = ["oak log", "birch log", "cobblestone", "iron ore", "coal", "wooden pickaxe", "stone sword", "furnace",
         "crafting table", "chest", "torch", "raw beef", "zombie", "skeleton", "spider", "sand", "glass",
         "bucket", "shield", "iron ingot", "diamond", "bread", "wheat", "sugar cane", "paper", "boat"]
PLACES = ["near the bot", "in a cave", "by the river", "on the surface", "underground", "in the forest"]


def synthetic(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        verb, item, place = rng.choice(VERBS), rng.choice(ITEMS), rng.choice(PLACES)
        count = rng.randint(1, 64)
        name = f"{verb}{''.join(w.title() for w in item.split())}{i}"
        description = (f"async function {name}(bot) {{\n    // {verb.title()} {count} {item} {place}, "
                       f"using tools from the inventory when needed.\n}}")
        out.append((name, description))
    return out


def write_library(folder: Path, skills: list[tuple[str, str]]) -> None:
    """Plain (non-atomic) writes: building the fixture is not what is measured."""
    published = {}
    for name, description in skills:
        code = f"async function {name}(bot) {{\n  await mineBlock(bot, 'oak_log', 1)\n}}\n"
        vdir = folder / "versions" / name
        vdir.mkdir(parents=True)
        (vdir / "v1.js").write_text(code)
        (vdir / "v1.json").write_text(json.dumps({"name": name, "version": 1, "description": description,
                                                 "task": "synthetic", "calls": ["mineBlock"]}))
        published[name] = {"code": code, "description": description}
    (folder / "skills.json").write_text(json.dumps(published))


def precomputed(vectors: dict[str, list[float]], real: LocalEmbedder) -> FunctionEmbedder:
    """The local model's id, answering from precomputed vectors (queries fall through to the model)."""

    def embed(texts: list[str]) -> list[list[float]]:
        missing = [t for t in texts if t not in vectors]
        fresh = dict(zip(missing, real(missing), strict=True)) if missing else {}  # not kept: queries stay new
        return [vectors[t] if t in vectors else fresh[t] for t in texts]

    return FunctionEmbedder(embed, id=real.id)


def p50_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    real = LocalEmbedder(cache_size=0)
    tmp = Path(tempfile.mkdtemp(prefix="voyager-bench-"))
    try:
        start = time.perf_counter()
        real(["warm up"])
        print(f"model load (first call): {time.perf_counter() - start:.2f} s")
        texts = [d for _, d in synthetic(max(sizes))]
        start = time.perf_counter()
        vectors: dict[str, list[float]] = {}
        for i in range(0, len(texts), 500):  # batches keep memory flat
            batch = texts[i:i + 500]
            vectors.update(zip(batch, real(batch), strict=True))
        took = time.perf_counter() - start
        print(f"embedding throughput: {len(texts)} skill descriptions in {took:.1f} s = {len(texts) / took:.0f} texts/s")
        singles = []
        for i in range(args.queries):
            start = time.perf_counter()
            real([f"obtain {i} {ITEMS[i % len(ITEMS)]} then craft something useful"])
            singles.append(time.perf_counter() - start)
        print(f"single query embedding p50: {p50_ms(singles):.1f} ms")

        embedder = precomputed(vectors, real)
        for n in sizes:
            folder = tmp / f"lib{n}"
            write_library(folder, synthetic(n))
            start = time.perf_counter()
            lib = SkillLibrary.open(folder, embedding=embedder)
            build = time.perf_counter() - start
            queries = [f"how to {VERBS[i % len(VERBS)]} {ITEMS[(i * 7) % len(ITEMS)]} variant {i}"
                       for i in range(args.queries)]
            cold, index_only = [], []
            for q in queries:
                start = time.perf_counter()
                lib.retrieve(q, 5)  # embeds the (new) query + Chroma top-5
                cold.append(time.perf_counter() - start)
            for q in queries:
                vec = embedder([q])[0]
                start = time.perf_counter()
                lib._ready_index()._collection.query(query_embeddings=[vec], n_results=5)
                index_only.append(time.perf_counter() - start)
            lib.close()
            start = time.perf_counter()
            SkillLibrary.open(folder, embedding=embedder).close()
            reopen = time.perf_counter() - start
            print(f"{n:>6} skills: retrieve top-5 p50 {p50_ms(cold):.1f} ms (new query, incl. embedding), "
                  f"Chroma query alone {p50_ms(index_only):.1f} ms; "
                  f"first open with index build (precomputed vectors) {build:.2f} s; reopen {reopen:.2f} s")

        n = 1000
        folder = tmp / "rebuild"
        write_library(folder, synthetic(n, seed=1))
        start = time.perf_counter()
        SkillLibrary.open(folder).close()  # the real model: embeds all 1000 descriptions
        full = time.perf_counter() - start
        shutil.rmtree(folder / "chroma")
        start = time.perf_counter()
        lib = SkillLibrary.open(folder)
        again = time.perf_counter() - start
        status = lib.index_status
        lib.close()
        print(f"index rebuild, {n} skills (embedding included): {full:.2f} s first build, "
              f"{again:.2f} s after deleting chroma/ ({status})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
