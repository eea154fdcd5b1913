"""configs/examples/*.yaml parse, validate, and give every role a working client."""

from __future__ import annotations

import pytest

from voyager.config import ROLES, load_config
from voyager.llm import Ledger, LLMClient, build_clients
from voyager.paths import configs_dir

EXAMPLES = sorted((configs_dir() / "examples").glob("*.yaml"))
LOCAL = {"ollama", "vllm", "llamacpp", "lmstudio"}


def test_every_provider_has_an_example():
    assert {p.stem for p in EXAMPLES} >= {"openai", "azure", "ollama", "vllm", "llamacpp", "lmstudio", "openrouter",
                                          "mixed"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates_and_builds_clients(path, monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    config = load_config(path)
    for role in ROLES:
        settings = config.llm.for_role(role)
        monkeypatch.setenv(settings.api_key_env, "test-key")
        if path.stem in LOCAL:
            # local examples put every role on the local server and model (no OpenAI model names left)
            assert settings.base_url and settings.base_url.startswith("http://127.0.0.1:")
            assert not settings.model.startswith("gpt-")
    clients = build_clients(config.llm, Ledger(None, config.llm.prices, config.llm.budget))
    assert set(clients) == set(ROLES)
    if path.stem == "azure":
        assert all(c.settings.api_version for c in clients.values())
    if path.stem == "mixed":
        assert clients["curriculum_qa"].endpoint == "http://127.0.0.1:11434/v1"
        assert clients["action"].endpoint == "https://api.openai.com/v1"


def test_local_example_runs_every_role_against_an_endpoint(scripted_llm, monkeypatch):
    monkeypatch.delenv("OLLAMA_API_KEY", raising=False)
    config = load_config(configs_dir() / "examples" / "ollama.yaml", [f"llm.base_url={scripted_llm.base_url}"])
    scripted_llm.script(lambda body: True, ["ok"], repeat_last=True)
    clients = build_clients(config.llm, Ledger(None, {}, config.llm.budget))
    for client in clients.values():
        assert client.chat([{"role": "user", "content": "hi"}]) == "ok"
    assert {r.body["model"] for r in scripted_llm.requests} == {"qwen2.5-coder:14b"}
    assert {r.role for r in scripted_llm.requests} == set(ROLES)
    assert all(r.body["max_tokens"] == 2048 for r in scripted_llm.requests)


def test_openrouter_prices_fall_back_to_the_plain_model_name():
    config = load_config(configs_dir() / "examples" / "openrouter.yaml")
    ledger = Ledger(None, config.llm.prices, config.llm.budget)
    assert ledger.cost_of("openai/gpt-4o", 1_000_000, 0) == pytest.approx(2.50)
    assert ledger.cost_of("anthropic/claude-3.5-sonnet", 0, 1_000_000) == pytest.approx(15.0)
    assert isinstance(LLMClient, type)
