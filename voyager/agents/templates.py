"""Prompt templates, loaded by name from `curriculum/prompts/<name>.txt`.

Placeholders are `string.Template` ones (`$name` / `${name}`); a literal dollar sign is `$$`.
Values are inserted verbatim, so JavaScript or JSON inside values needs no escaping.
"""

from __future__ import annotations

import string
from pathlib import Path

from voyager.errors import ConfigError
from voyager.paths import curriculum_dir


class Templates:
    """The prompt folder; `render(name, **values)` fills one template."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else curriculum_dir() / "prompts"
        self._cache: dict[str, str] = {}

    def names(self) -> list[str]:
        """Every template name in the folder."""
        return sorted(p.stem for p in self.folder.glob("*.txt"))

    def text(self, name: str) -> str:
        """The raw template text of `name` (without `.txt`)."""
        if name not in self._cache:
            path = self.folder / f"{name}.txt"
            if not path.is_file():
                raise ConfigError(f"prompt template {path} is missing; restore it from the repository")
            self._cache[name] = path.read_text(encoding="utf-8")
        return self._cache[name]

    def placeholders(self, name: str) -> set[str]:
        """The placeholder names used by template `name`."""
        return set(string.Template(self.text(name)).get_identifiers())

    def render(self, name: str, **values: object) -> str:
        """Fill template `name`; every placeholder it uses must be given."""
        template = string.Template(self.text(name))
        try:
            return template.substitute({k: "" if v is None else str(v) for k, v in values.items()})
        except KeyError as exc:
            raise ConfigError(f"prompt template {self.folder / name}.txt uses ${exc.args[0]}, "
                              f"which the agent does not provide (it provides: {', '.join(sorted(values))})") from None
        except ValueError as exc:
            raise ConfigError(f"prompt template {self.folder / name}.txt has a bad placeholder ({exc}); "
                              "write a literal dollar sign as $$") from None
