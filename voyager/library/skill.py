"""One version of one learned skill."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from voyager.errors import LibraryError

# Skill names are JS function names and file names: keep them to identifier characters.
_NAME = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]{0,127}$")


@dataclass
class Skill:
    """A skill version: its code and description plus where it came from and how it fared."""

    name: str
    version: int
    code: str
    description: str
    task: str = ""
    parent_version: int | None = None
    model: str | None = None
    iteration: int | None = None
    verdict: str | None = None
    calls: list[str] = field(default_factory=list)
    retrieved: int = 0
    used: int = 0
    succeeded: int = 0
    created_at: str = ""

    @property
    def success_rate(self) -> float | None:
        """succeeded / used, or None before the skill was ever used."""
        return self.succeeded / self.used if self.used else None

    def metadata(self) -> dict[str, Any]:
        """Everything but code and description (what versions/<name>/v<N>.json holds)."""
        data = asdict(self)
        data.pop("code")
        data.pop("description")
        return data

    @classmethod
    def from_metadata(cls, meta: dict[str, Any], code: str, description: str) -> Skill:
        known = {k: meta[k] for k in cls.__dataclass_fields__ if k in meta and k not in ("code", "description")}
        skill = cls(code=code, description=description, **known)
        skill.calls = list(skill.calls or [])
        return skill


def check_name(name: str) -> str:
    """`name` if it is a usable skill (JS function) name, else a LibraryError."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise LibraryError(f"skill name {name!r} is not a JavaScript function name; "
                           "use letters, digits, _ or $ (not starting with a digit)")
    return name
