"""Sentence embeddings: the shipped static model, its hashed fallback, the optional transformer."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from crosswire import embeddings
from crosswire.embeddings import (
    MAX_CHARS,
    STATIC_DIR,
    HashedEncoder,
    SentenceEncoder,
    StaticEncoder,
    TransformerEncoder,
    get_encoder,
    static_or_fallback,
)
from crosswire.errors import CrosswireError, ModelUnavailable

SRC = Path(embeddings.__file__).resolve().parent.parent

# (a sentence, the same fact told another way, an unrelated news sentence)
PARAPHRASES = [
    ("The talks were cancelled.", "The meeting was called off.", "Shares rose 3% on Tuesday."),
    ("The minister resigned on Friday.", "On Friday the minister stepped down from her post.",
     "Heavy rain flooded roads across the region."),
    ("Police arrested two men after the robbery.", "Two suspects were detained by officers following the heist.",
     "The central bank left interest rates unchanged."),
    ("The earthquake killed at least 40 people.", "At least 40 people died in the quake.",
     "The company unveiled its new smartphone."),
    ("The company cut 500 jobs.", "The firm laid off 500 workers.",
     "The president arrived in Tokyo for a two-day visit."),
    ("Voters rejected the proposal in a referendum.", "The proposal was defeated at the ballot box.",
     "The striker scored twice in the second half."),
]


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


@pytest.fixture(scope="module")
def static() -> StaticEncoder:
    return StaticEncoder()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_embeddings_static_model_loads_without_network(no_network):
    embeddings._load_static_model.cache_clear()
    enc = StaticEncoder()
    assert enc.encode(["The talks were cancelled."]).shape == (1, enc.dim)


def test_embeddings_default_path_never_imports_torch():
    code = ("import sys; from crosswire.embeddings import get_encoder; e = get_encoder(); "
            "e.encode(['Talks were cancelled.']); print(type(e).__name__, 'torch' in sys.modules, "
            "'transformers' in sys.modules, 'sentence_transformers' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(SRC), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["StaticEncoder", "False", "False", "False"]


def test_embeddings_get_encoder_is_the_shipped_static_model_made_once():
    enc = get_encoder()
    assert isinstance(enc, StaticEncoder) and isinstance(enc, SentenceEncoder)
    assert enc is get_encoder("static") and enc.name == "static"
    assert enc.path == STATIC_DIR


def test_embeddings_unknown_encoder_name_is_a_clear_error():
    with pytest.raises(ModelUnavailable, match="static, transformer, hashed"):
        get_encoder("word2vec")


def test_embeddings_static_rows_are_unit_float32(static):
    texts = [t for triple in PARAPHRASES for t in triple]
    vecs = static.encode(texts)
    assert static.dim == 256
    assert vecs.dtype == np.float32 and vecs.shape == (len(texts), 256)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("sentence,paraphrase,unrelated", PARAPHRASES)
def test_embeddings_static_paraphrase_closer_than_unrelated(static, sentence, paraphrase, unrelated):
    a, p, u = static.encode([sentence, paraphrase, unrelated])
    assert cos(a, p) > cos(a, u) + 0.1


def test_embeddings_static_is_deterministic_and_batch_independent(static):
    texts = [t for triple in PARAPHRASES for t in triple]
    first = static.encode(texts)
    assert np.array_equal(first, static.encode(texts))
    alone = np.stack([static.encode([t])[0] for t in texts])
    np.testing.assert_allclose(alone, first, atol=1e-6)


@pytest.mark.parametrize("encoder", ["static", "hashed"])
def test_embeddings_empty_and_wordless_texts_give_zero_rows(encoder):
    enc = get_encoder(encoder)
    vecs = enc.encode(["", "   \n\t", "Prices fell."])
    assert np.isfinite(vecs).all()
    assert not vecs[0].any() and not vecs[1].any()
    assert np.linalg.norm(vecs[2]) == pytest.approx(1.0, abs=1e-5)
    assert enc.encode([]).shape == (0, enc.dim)


@pytest.mark.parametrize("encoder", ["static", "hashed"])
def test_embeddings_odd_input_never_crashes(encoder):
    enc = get_encoder(encoder)
    vecs = enc.encode([None, 42, "\x00\ufffd", "ぁぃぅ 東京", "\U0001F600" * 50])  # type: ignore[list-item]
    assert vecs.shape == (5, enc.dim) and np.isfinite(vecs).all()
    assert enc.encode("one sentence, not a list").shape == (1, enc.dim)  # type: ignore[arg-type]


def test_embeddings_long_text_is_cut_to_its_start(static):
    start = "The government announced new sanctions against the regime. "
    long = start * (5 * MAX_CHARS // len(start))
    vecs = static.encode([long, long[:MAX_CHARS]])
    np.testing.assert_allclose(vecs[0], vecs[1], atol=1e-6)


def test_embeddings_missing_model_falls_back_to_hashed_with_one_warning(tmp_path, caplog, no_network):
    with caplog.at_level(logging.WARNING, logger="crosswire.embeddings"):
        enc = static_or_fallback(tmp_path / "no-such-model")
    assert isinstance(enc, HashedEncoder) and enc.dim == 256
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "falling back" in warnings[0].getMessage()
    a, p, u = enc.encode(["The talks were cancelled.", "Talks cancelled, officials say.", "Shares rose 3%."])
    assert cos(a, p) > cos(a, u)


def test_embeddings_corrupt_model_falls_back_to_hashed(tmp_path, no_network):
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in ("config.json", "tokenizer.json"):
        (bad / name).write_bytes((STATIC_DIR / name).read_bytes())
    (bad / "model.safetensors").write_bytes(b"\x00not a safetensors file")
    assert isinstance(static_or_fallback(bad), HashedEncoder)
    (bad / "tokenizer.json").write_text("{ not json", encoding="utf-8")
    assert isinstance(static_or_fallback(bad), HashedEncoder)


def test_embeddings_hashed_is_the_same_in_every_process():
    texts = ["The talks were cancelled.", "Ölpreis fällt um 3 %"]
    here = HashedEncoder().encode(texts)
    code = ("import json; from crosswire.embeddings import HashedEncoder; "
            f"print(json.dumps(HashedEncoder().encode({texts!r}).tolist()))")
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    np.testing.assert_array_equal(np.array(json.loads(out.stdout), dtype=np.float32), here)


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is not None,
                    reason="sentence-transformers is installed: the missing-extra error cannot occur")
def test_embeddings_transformer_without_extra_names_the_extra():
    with pytest.raises(ModelUnavailable, match=re.escape("crosswire[embeddings]")) as err:
        TransformerEncoder()
    assert isinstance(err.value, CrosswireError)
    with pytest.raises(ModelUnavailable, match=re.escape("crosswire[embeddings]")):
        get_encoder("transformer")


def test_embeddings_shipped_files_match_their_readme():
    """The README's provenance table is the shipped bytes, and the licence ships beside them."""
    readme = (STATIC_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| ([\d,]+) \| `([0-9a-f]{64})` \|$", readme, re.M)
    assert {name for name, _, _ in rows} >= {"model.safetensors", "tokenizer.json", "config.json", "LICENSE"}
    for name, size, digest in rows:
        data = (STATIC_DIR / name).read_bytes()
        assert len(data) == int(size.replace(",", "")), name
        assert hashlib.sha256(data).hexdigest() == digest, name
    assert "Apache License" in (STATIC_DIR / "LICENSE").read_text(encoding="utf-8")
    total = sum(p.stat().st_size for p in STATIC_DIR.iterdir())
    assert total < 20e6


def test_embeddings_static_reader_encodes_as_model2vec_does():
    # The shipped model is read with safetensors and tokenizers alone (model2vec costs about a
    # second of a cold run); every vector must be model2vec's own, bit for bit, on real text:
    # the demo's sentences, ECB+ news, empty, wordless, unknown-token, over-long and odd inputs.
    from model2vec import StaticModel

    reference = StaticModel.from_pretrained(STATIC_DIR, normalize=True, quantize_to="float32")
    ours = embeddings._load_static_model(STATIC_DIR)
    assert isinstance(ours, embeddings._StaticTable)
    assert np.array_equal(ours.embedding, reference.embedding)
    demo = Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"
    ecb = Path(__file__).resolve().parent.parent / "eval" / "data" / "ecbplus" / "docs.jsonl"
    texts = [line for f in sorted(demo.glob("*")) for line in f.read_text(encoding="utf-8").splitlines()]
    with ecb.open(encoding="utf-8") as fh:
        texts += [json.loads(next(fh))["text"] for _ in range(150)]
    texts += ["", " ", "¿¿¿", "東京で会談", "\u200b" * 5, "x" * 20_000, "word " * 3000, "ﬁnance ℌ ①"]
    texts += [t for triple in PARAPHRASES for t in triple]
    texts = texts * 3  # more than one batch of 1,024
    assert len(texts) > 1024
    expected = reference.encode(texts, show_progress_bar=False, use_multiprocessing=False)
    got = ours.encode(texts)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)
    assert StaticEncoder().encode(texts[:50]).tobytes() == embeddings._encode_nonempty(
        embeddings._bounded(texts[:50]), 256, lambda chunk: reference.encode(
            chunk, show_progress_bar=False, use_multiprocessing=False)).tobytes()
