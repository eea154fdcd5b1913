"""The LLM client against the scripted endpoint: real openai client, real HTTP, injected faults."""

from __future__ import annotations

import json

import pytest

from tests.scripted_llm import Fault, Reply
from voyager.config import Budget, Price, load_config
from voyager.errors import LLMError
from voyager.llm import BudgetExceeded, Ledger, LLMClient, LLMRequestError, build_clients

HELLO = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hi"}]


def make_client(settings, ledger=None, **kw):
    ledger = ledger or Ledger(None, {}, Budget())
    waits: list[float] = []
    client = LLMClient(settings, ledger, backoff_initial=0.01, backoff_max=0.02, sleep=waits.append, **kw)
    return client, ledger, waits


def test_answer_usage_and_role_header(scripted_llm, llm_settings, tmp_path):
    scripted_llm.script("critic", [Reply("hi", usage={"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13})])
    ledger = Ledger(tmp_path / "llm_calls.jsonl", {"scripted-model": Price(prompt=1.0, completion=2.0)}, Budget())
    client, _, _ = make_client(llm_settings("critic"), ledger)
    assert client.chat(HELLO) == "hi"
    sent = scripted_llm.requests[-1]
    assert sent.role == "critic" and sent.body["model"] == "scripted-model" and sent.messages == HELLO
    assert sent.headers["authorization"] == "Bearer not-needed"  # placeholder key for local servers
    line = json.loads((tmp_path / "llm_calls.jsonl").read_text().splitlines()[0])
    assert (line["role"], line["prompt_tokens"], line["completion_tokens"], line["attempt"]) == ("critic", 11, 2, 1)
    assert line["cost"] == pytest.approx((11 * 1.0 + 2 * 2.0) / 1e6)
    assert line["estimated"] is False and line["latency"] >= 0


def test_missing_usage_is_estimated(scripted_llm, llm_settings):
    scripted_llm.script("action", [Reply("x" * 40, usage=False)])
    client, ledger, _ = make_client(llm_settings())
    client.chat(HELLO)
    totals = ledger.totals()
    assert totals["completion_tokens"] == 10 and totals["prompt_tokens"] > 0


def test_rate_limit_honours_retry_after_then_succeeds(scripted_llm, llm_settings, tmp_path):
    scripted_llm.script("action", [Fault.rate_limit(7), Fault.rate_limit(ms=250), "done"])
    log = tmp_path / "calls.jsonl"
    client, ledger, waits = make_client(llm_settings(), Ledger(log, {}, Budget()), max_retry_after=60)
    assert client.chat(HELLO) == "done"
    assert waits == [7.0, 0.25]
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(r["attempt"], r["ok"]) for r in lines] == [(1, False), (2, False), (3, True)]
    assert "RateLimitError" in lines[0]["error"]
    assert ledger.totals()["calls"] == 3 and ledger.totals()["failed_calls"] == 2
    assert len(scripted_llm.requests) == 3


def test_5xx_garbage_and_dropped_connections_are_retried_with_backoff(scripted_llm, llm_settings):
    scripted_llm.script("action", [Fault.server_error(503), Fault.garbage(), Fault.drop(), "ok"])
    client, ledger, waits = make_client(llm_settings(max_retries=3))
    assert client.chat(HELLO) == "ok"
    assert len(waits) == 3 and all(0 < w <= 0.05 for w in waits)  # exponential with jitter, capped
    assert ledger.totals()["failed_calls"] == 3


def test_timeouts_are_retried_and_bounded(scripted_llm, llm_settings):
    scripted_llm.script("action", [Fault.timeout(1.5)], repeat_last=True)
    client, ledger, waits = make_client(llm_settings(timeout=0.3, max_retries=1))
    with pytest.raises(LLMError, match=r"role action \(model scripted-model at http://127\.0\.0\.1:\d+/v1\) failed after 2"):
        client.chat(HELLO)
    assert len(waits) == 1 and ledger.totals()["failed_calls"] == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_refusals_fail_at_once_with_one_line(scripted_llm, llm_settings, status):
    scripted_llm.script("curriculum", [Fault.http(status, "nope"), "never sent"])
    client, _, waits = make_client(llm_settings("curriculum"))
    with pytest.raises(LLMRequestError) as info:
        client.chat(HELLO)
    message = str(info.value)
    assert "\n" not in message and f"HTTP {status}" in message
    assert "curriculum" in message and "scripted-model" in message and scripted_llm.base_url in message
    assert waits == [] and len(scripted_llm.requests) == 1 and info.value.status == status


def test_json_mode_falls_back_when_the_server_rejects_it(scripted_llm, llm_settings):
    scripted_llm.script(lambda body: "response_format" in body, [Fault.http(400, "response_format unsupported")])
    scripted_llm.script(lambda body: "response_format" not in body, ['{"a": 1}'])
    client, _, _ = make_client(llm_settings())
    assert client.chat(HELLO, json_mode=True) == '{"a": 1}'
    assert scripted_llm.requests[0].body["response_format"] == {"type": "json_object"}
    assert "response_format" not in scripted_llm.requests[1].body


def test_no_key_and_no_base_url_says_how_to_set_one(llm_settings, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(LLMError, match=r"export OPENAI_API_KEY=\.\.\. or set llm\.base_url"):
        LLMClient(llm_settings(base_url=None, api_key_env="OPENAI_API_KEY"), Ledger(None, {}, Budget()))


def test_key_from_the_role_env_var_is_sent(scripted_llm, llm_settings, monkeypatch):
    monkeypatch.setenv("MY_ROLE_KEY", "sk-test-123")
    scripted_llm.script("action", ["ok"])
    client, _, _ = make_client(llm_settings(api_key_env="MY_ROLE_KEY"))
    client.chat(HELLO)
    assert scripted_llm.requests[-1].headers["authorization"] == "Bearer sk-test-123"


def test_budget_stops_before_the_next_call(scripted_llm, llm_settings, tmp_path):
    scripted_llm.script("action", [Reply("a", usage={"prompt_tokens": 60, "completion_tokens": 50, "total_tokens": 110}),
                                   "b"])
    log = tmp_path / "llm_calls.jsonl"
    client, ledger, _ = make_client(llm_settings(), Ledger(log, {}, Budget(max_tokens=100)))
    assert client.chat(HELLO) == "a"  # under budget before the call; 110 tokens after it
    assert "token budget spent: 110" in (ledger.over_budget() or "")
    with pytest.raises(BudgetExceeded, match=r"llm\.budget\.max_tokens=100"):
        client.chat(HELLO)
    assert len(scripted_llm.requests) == 1
    # A resumed run restores what was spent from the log and stays stopped.
    resumed = Ledger(log, {}, Budget(max_tokens=100))
    assert resumed.totals()["tokens"] == 110
    with pytest.raises(BudgetExceeded):
        resumed.check_budget()


def test_cost_budget_and_per_role_totals(scripted_llm, llm_settings, tmp_path):
    scripted_llm.script("action", [Reply("x", usage={"prompt_tokens": 1000, "completion_tokens": 0, "total_tokens": 1000})])
    scripted_llm.script("critic", [Reply("y", usage={"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20})])
    ledger = Ledger(tmp_path / "calls.jsonl", {"openai/scripted-model": Price(prompt=1.0, completion=1.0),
                                               "scripted-model": Price(prompt=1000.0, completion=1000.0)},
                    Budget(max_cost_usd=1.0))
    action, _, _ = make_client(llm_settings("action"), ledger)
    critic, _, _ = make_client(llm_settings("critic"), ledger)
    critic.chat(HELLO)
    action.chat(HELLO)
    roles = ledger.by_role()
    assert roles["critic"]["tokens"] == 20 and roles["action"]["tokens"] == 1000
    assert ledger.totals()["cost"] == pytest.approx(1.02)
    with pytest.raises(BudgetExceeded, match="cost budget"):
        critic.chat(HELLO)
    assert "total" in ledger.summary()


def test_build_clients_gives_each_role_its_settings(scripted_llm, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    config = load_config(overrides=[f"llm.base_url={scripted_llm.base_url}", "llm.roles.critic.model=small",
                                    "llm.roles.critic.timeout=7"])
    clients = build_clients(config.llm, Ledger(None, config.llm.prices, config.llm.budget))
    assert set(clients) == {"action", "curriculum", "curriculum_qa", "critic", "skill_description"}
    assert clients["critic"].model == "small" and clients["critic"].settings.timeout == 7
    assert clients["action"].model == "gpt-4o"


def test_reasoning_model_parameters_are_adapted_once(scripted_llm, llm_settings):
    scripted_llm.script(lambda body: "max_tokens" in body,
                        [Fault.http(400, "Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead.")])
    scripted_llm.script(lambda body: "temperature" in body and "max_completion_tokens" in body,
                        [Fault.http(400, "Unsupported value: 'temperature' does not support 0.0")])
    scripted_llm.script(lambda body: "temperature" not in body, ["fine"])
    client, _, _ = make_client(llm_settings(max_tokens=100))
    assert client.chat(HELLO) == "fine"
    assert scripted_llm.requests[-1].body["max_completion_tokens"] == 100 and len(scripted_llm.requests) == 3
    scripted_llm.script(lambda body: True, ["again"])
    assert client.chat(HELLO) == "again"  # the adapted shape sticks: no more refusals
    assert "max_tokens" not in scripted_llm.requests[-1].body and len(scripted_llm.requests) == 4
