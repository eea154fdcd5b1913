"""Shared fixtures. Session-wide Node processes (world, bridge, scripted LLM) live in
tests/fixtures/*.py and are started once per test session."""

pytest_plugins: list[str] = ["tests.fixtures.llm", "tests.fixtures.bridge", "tests.fixtures.world"]
