"""The skill library: versioned skills on disk, a derived Chroma index, offline embeddings."""

from voyager.library.embeddings import Embedder, FunctionEmbedder, LocalEmbedder, make_embedder
from voyager.library.library import SkillLibrary, resolve_library_dir
from voyager.library.skill import Skill

__all__ = ["Embedder", "FunctionEmbedder", "LocalEmbedder", "Skill", "SkillLibrary", "make_embedder",
           "resolve_library_dir"]
