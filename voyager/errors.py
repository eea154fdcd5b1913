"""User-facing errors: each carries one line that says what went wrong and what to do."""


class VoyagerError(Exception):
    """An error the CLI prints as one line (no traceback) before exiting non-zero."""

    exit_code = 2


class ConfigError(VoyagerError):
    """A bad configuration file, key, value or command-line override."""


class NodeError(VoyagerError):
    """Node.js is missing, too old, or its packages could not be installed."""


class WorldError(VoyagerError):
    """The embedded world failed to start or died."""


class BridgeError(VoyagerError):
    """The bridge (mineflayer bot service) failed, or could not be reached."""


class LLMError(VoyagerError):
    """An LLM endpoint failed in a way retries cannot fix."""


class LibraryError(VoyagerError):
    """The skill library could not be opened, read or written."""


class RunDirError(VoyagerError):
    """A run directory is missing, locked by another process, or unreadable."""
