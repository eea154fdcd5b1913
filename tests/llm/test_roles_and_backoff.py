"""Per-role request settings, Azure's URL shape, backoff growth and the token/cost totals users see.

The LLM tests run the real openai client over real HTTP against the scripted endpoint
(tests/scripted_llm.py); the CLI tests run `voyager status` / `voyager learn` in-process.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import tenacity

from tests.learner.fakes import FakeAction, FakeCritic, FakeCurriculum, FakeDescriber, FakeEnv, FakeLibrary
from tests.scripted_llm import Fault, Reply
from voyager.cli import main
from voyager.config import ROLES, Budget, Price, load_config
from voyager.learner.loop import Components
from voyager.learner.rundir import RunDir
from voyager.llm import Ledger, LLMClient, build_clients
from voyager.llm.retry import BackoffWait

ROOT = Path(__file__).resolve().parents[2]
HELLO = [{"role": "user", "content": "Say hi"}]


# ------------------------------------------------------------------ per-role request settings
def test_each_role_sends_its_own_temperature_and_max_tokens(scripted_llm):
    config = load_config(overrides=[
        f"llm.base_url={scripted_llm.base_url}", "llm.temperature=0.2", "llm.max_tokens=900",
        "llm.roles.action.temperature=0", "llm.roles.action.max_tokens=4096",
        "llm.roles.curriculum_qa.temperature=0.7", "llm.roles.curriculum_qa.model=small-qa",
        "llm.roles.critic.max_tokens=256",
        "llm.roles.skill_description.temperature=1.5", "llm.roles.skill_description.max_tokens=128",
    ])
    clients = build_clients(config.llm, Ledger(None, {}, Budget()))
    for role in ROLES:
        scripted_llm.script(role, [f"answer for {role}"])
        assert clients[role].chat(HELLO) == f"answer for {role}"
    sent = {role: scripted_llm.requests_for(role) for role in ROLES}
    assert all(len(requests) == 1 for requests in sent.values())
    shape = {role: (r[0].body["model"], r[0].body["temperature"], r[0].body["max_tokens"]) for role, r in sent.items()}
    assert shape == {
        "action": ("gpt-4o", 0, 4096),
        "curriculum": ("gpt-4o", 0.2, 900),  # no override: the llm defaults
        "curriculum_qa": ("small-qa", 0.7, 900),
        "critic": ("gpt-4o", 0.2, 256),
        "skill_description": ("gpt-4o-mini", 1.5, 128),  # the default config's model for this role
    }


def test_no_max_tokens_configured_sends_none(scripted_llm, llm_settings):
    scripted_llm.script("critic", ["ok"])
    client = LLMClient(llm_settings("critic", temperature=0.4), Ledger(None, {}, Budget()))
    client.chat(HELLO)
    body = scripted_llm.requests[-1].body
    assert body["temperature"] == 0.4
    assert "max_tokens" not in body and "max_completion_tokens" not in body  # the server's own limit applies


# ------------------------------------------------------------------------------------ Azure
def test_azure_example_config_uses_the_azure_url_shape(scripted_llm, monkeypatch):
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-secret-1")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    # The example as shipped, with the resource URL pointed at the scripted endpoint (no /v1).
    endpoint = scripted_llm.base_url.removesuffix("/v1")
    config = load_config(ROOT / "configs" / "examples" / "azure.yaml", overrides=[f"llm.base_url={endpoint}"])
    clients = build_clients(config.llm, Ledger(None, config.llm.prices, config.llm.budget))
    scripted_llm.script("action", [Reply("code", usage={"prompt_tokens": 1000, "completion_tokens": 100,
                                                        "total_tokens": 1100})])
    scripted_llm.script("curriculum_qa", ["qa"])
    assert clients["action"].chat(HELLO) == "code"
    assert clients["curriculum_qa"].chat(HELLO) == "qa"
    action, qa = scripted_llm.requests_for("action")[0], scripted_llm.requests_for("curriculum_qa")[0]
    for request, deployment in ((action, "gpt-4o"), (qa, "gpt-4o-mini")):
        url = urlsplit(request.path)
        assert url.path == f"/openai/deployments/{deployment}/chat/completions"
        assert parse_qs(url.query) == {"api-version": ["2024-06-01"]}
        assert request.headers["api-key"] == "azure-secret-1"
        assert "authorization" not in request.headers  # Azure keys go in api-key, not a Bearer token
    # Prices are keyed by deployment name.
    assert clients["action"].ledger.by_role()["action"]["cost"] == pytest.approx((1000 * 2.5 + 100 * 10.0) / 1e6)


# ---------------------------------------------------------------------------------- backoff
def _state(attempt: int, exc: BaseException) -> tenacity.RetryCallState:
    state = tenacity.RetryCallState(tenacity.Retrying(), fn=None, args=(), kwargs={})
    state.attempt_number = attempt
    state.set_exception((type(exc), exc, None))
    return state


def test_backoff_wait_doubles_per_attempt_with_jitter():
    wait = BackoffWait(initial=1.0, maximum=1000.0)
    error = ConnectionError("dropped")  # no Retry-After: the exponential schedule applies
    samples = {n: [wait(_state(n, error)) for _ in range(30)] for n in range(1, 7)}
    for n, waits in samples.items():
        base = 2.0 ** (n - 1)
        assert all(base <= w <= base + 1.0 for w in waits), (n, waits)  # 1, 2, 4, 8... plus <= 1 s jitter
        assert len(set(waits)) > 1, f"attempt {n}: no jitter in {waits}"
    means = [sum(w) / len(w) for w in samples.values()]
    assert means == sorted(means) and means[-1] > 16 * means[0]
    # One retry sequence: every wait is longer than the one before.
    sequence = [wait(_state(n, error)) for n in range(1, 7)]
    assert all(a < b for a, b in pairwise(sequence)), sequence


def test_backoff_wait_is_capped_and_retry_after_wins(scripted_llm, llm_settings):
    wait = BackoffWait(initial=1.0, maximum=5.0)
    error = ConnectionError("dropped")
    assert all(wait(_state(n, error)) == 5.0 for n in range(4, 30))  # 8 s and up are capped at 5 s
    # A server's Retry-After is used as given, up to max_retry_after.
    scripted_llm.script("action", [Fault.rate_limit(300), Fault.rate_limit(3), "ok"])
    waits: list[float] = []
    client = LLMClient(llm_settings(), Ledger(None, {}, Budget()), max_retry_after=60, sleep=waits.append)
    assert client.chat(HELLO) == "ok"
    assert waits == [60.0, 3.0]


def test_client_waits_grow_across_real_retries(scripted_llm, llm_settings):
    scripted_llm.script("action", [Fault.server_error(500), Fault.server_error(502), Fault.drop(),
                                   Fault.server_error(503), "finally"])
    waits: list[float] = []
    client = LLMClient(llm_settings(max_retries=4), Ledger(None, {}, Budget()), backoff_initial=1.0,
                       backoff_max=100.0, sleep=waits.append)
    assert client.chat(HELLO) == "finally"
    assert len(waits) == 4
    for n, w in enumerate(waits, start=1):
        assert 2.0 ** (n - 1) <= w <= 2.0 ** (n - 1) + 1.0, waits
    assert all(a < b for a, b in pairwise(waits)), waits


# --------------------------------------------------------------------- totals users see
def _ledger_with_calls(log: Path) -> Ledger:
    ledger = Ledger(log, {"gpt-4o": Price(prompt=2.5, completion=10.0), "gpt-4o-mini": Price(prompt=0.15,
                                                                                          completion=0.6)}, Budget())
    ledger.record(role="action", model="gpt-4o", prompt_tokens=3000, completion_tokens=400, latency=1.2, attempt=1)
    ledger.record(role="action", model="gpt-4o", prompt_tokens=0, completion_tokens=0, latency=0.1, attempt=1,
                  error="RateLimitError: slow down")
    ledger.record(role="action", model="gpt-4o", prompt_tokens=3100, completion_tokens=500, latency=1.5, attempt=2)
    ledger.record(role="critic", model="gpt-4o-mini", prompt_tokens=800, completion_tokens=60, latency=0.4,
                  attempt=1)
    ledger.record(role="curriculum", model="gpt-4o", prompt_tokens=1200, completion_tokens=90, latency=0.7,
                  attempt=1)
    return ledger


def _table_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.replace("┃", "│").split("│") if c.strip()]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def test_status_prints_tokens_and_cost_per_role(tmp_path, capsys):
    run = RunDir.create(load_config(), tmp_path / "run")
    ledger = _ledger_with_calls(run.llm_log)
    assert main(["status", str(run.root)]) == 0
    rows = _table_rows(capsys.readouterr().out)
    expected = ledger.by_role()
    for role in ("action", "critic", "curriculum"):
        assert rows[role] == [str(expected[role]["calls"]), str(expected[role]["tokens"]),
                              f"{expected[role]['cost']:.4f}"], rows
    assert rows["action"][:2] == ["3", "7000"]  # the failed attempt counts as a call with no tokens
    totals = ledger.totals()
    assert rows["total"] == [str(totals["calls"]), str(totals["tokens"]), f"{totals['cost']:.4f}"]
    # --json carries the same figures.
    assert main(["status", str(run.root), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["tokens"] == ledger.totals()["tokens"] and status["cost"] == pytest.approx(ledger.totals()["cost"])
    for role, values in expected.items():
        assert {k: status["by_role"][role][k] for k in ("calls", "tokens")} == {k: values[k] for k in ("calls", "tokens")}


class _ChargingAction(FakeAction):
    """The fake action agent, charging each proposal to the real ledger as an LLM call would."""

    def __init__(self, ledger: Ledger) -> None:
        super().__init__(succeed_on_round=1)
        self.ledger = ledger

    def propose(self, **kwargs):
        self.ledger.record(role="action", model="gpt-4o", prompt_tokens=2000, completion_tokens=300, latency=0.5,
                           attempt=1)
        return super().propose(**kwargs)


def test_learn_prints_the_ledger_summary_at_the_end(tmp_path, capsys, monkeypatch):
    import voyager.learner.wiring as wiring

    built: list[Ledger] = []

    def fake_components(config, run, **_kw):
        ledger = Ledger(run.llm_log, config.llm.prices, config.llm.budget)
        ledger.record(role="curriculum", model="gpt-4o", prompt_tokens=500, completion_tokens=50, latency=0.2,
                      attempt=1)
        built.append(ledger)
        return Components(env=FakeEnv(), curriculum=FakeCurriculum(["Mine 1 oak_log", "Craft 1 stick"]),
                          action=_ChargingAction(ledger), critic=FakeCritic(), describer=FakeDescriber(),
                          library=FakeLibrary(), ledger=ledger)

    monkeypatch.setattr(wiring, "build_components", fake_components)
    code = main(["learn", "--run-dir", str(tmp_path / "run"), "--max-iterations", "2",
                 "--set", "llm.base_url=http://127.0.0.1:9/v1", "--set", "learner.progress=quiet",
                 "--set", "llm.prices={gpt-4o: {prompt: 2.5, completion: 10.0}}"])
    assert code == 0
    err = capsys.readouterr().err
    ledger = built[0]
    assert ledger.totals()["tokens"] == 550 + 2 * 2300
    assert ledger.summary() in err  # the per-role table
    lines = err.splitlines()
    assert any(line.split()[:3] == ["action", "2", "4600"] for line in lines), err
    assert any(line.split()[:3] == ["total", "3", "5150"] for line in lines), err
    totals = ledger.totals()
    assert f"{totals['tokens']} tokens, ${totals['cost']:.4f}" in lines[-1]  # the final one-line summary
    assert totals["cost"] == pytest.approx((500 * 2.5 + 50 * 10 + 2 * (2000 * 2.5 + 300 * 10)) / 1e6)
