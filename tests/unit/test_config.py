import pytest

from voyager.config import ROLES, load_config, parse_override
from voyager.errors import ConfigError


def test_defaults_load_and_every_role_resolves(monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    config = load_config()
    for role in ROLES:
        resolved = config.llm.for_role(role)
        assert resolved.model
        assert resolved.api_key_env == "OPENAI_API_KEY"
    assert config.llm.for_role("curriculum_qa").model == "gpt-4o-mini"
    assert config.world.version == "1.19.2"


def test_openai_base_url_env_applies_when_config_sets_none(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1")
    assert load_config().llm.for_role("action").base_url == "http://127.0.0.1:9999/v1"
    cfg = load_config(overrides=["llm.base_url=http://x/v1"])
    assert cfg.llm.for_role("critic").base_url == "http://x/v1"


def test_set_overrides_are_typed_and_nested():
    cfg = load_config(overrides=["action.max_rounds=7", "llm.roles.critic.model=small", "world.keep_inventory=true"])
    assert cfg.action.max_rounds == 7
    assert cfg.llm.for_role("critic").model == "small"
    assert cfg.llm.for_role("action").model != "small"
    assert cfg.world.keep_inventory is True


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ("llm.modle=x", "unknown config key 'llm.modle'"),
        ("world.port=abc", "world.port"),
        ("bridge.step_timeout=-1", "bridge.step_timeout"),
        ("llm.roles.nobody.model=x", "llm.roles.nobody"),
        ("noequals", "section.key=value"),
    ],
)
def test_bad_overrides_name_the_key(override, fragment):
    with pytest.raises(ConfigError, match=None) as info:
        load_config(overrides=[override])
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_user_file_merges_and_errors_name_the_file(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("llm:\n  model: local-model\nworld:\n  seed: 7\n")
    cfg = load_config(good)
    assert cfg.llm.model == "local-model" and cfg.world.seed == 7
    assert cfg.llm.prices  # defaults kept
    bad = tmp_path / "bad.yaml"
    bad.write_text("world:\n  sed: 7\n")
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    assert "world.sed" in str(info.value) and str(bad) in str(info.value)
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("world: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(broken)


def test_parse_override_values_are_yaml():
    assert parse_override("a.b=3") == (["a", "b"], 3)
    assert parse_override("a=null") == (["a"], None)
    assert parse_override("a=hello world") == (["a"], "hello world")
