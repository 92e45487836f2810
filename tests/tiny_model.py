"""A tiny sentence encoder for tests, built with the ``onnx`` and ``tokenizers`` packages.

Each character has a fixed vector; characters listed together in ``CONCEPTS`` share one, so 钱 and 款 mean the
same to it, and 多久 and 什么时候 too. The graph looks up the vectors (``last_hidden_state`` = embedding of each
token) and the model folder asks for mean pooling: a text's vector is the mean of its characters'.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

CONCEPTS = ["钱款退回", "多久什么时候", "到账", "改修地址", "发票开", "密码忘", "登录"]
EXTRA = "的了吗我你是在有要怎办么不能为"
DIMENSION = 16
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]


def vocabulary() -> list[str]:
    chars = list(dict.fromkeys("".join(CONCEPTS) + EXTRA))
    return SPECIAL + chars


def embedding_table() -> np.ndarray:
    rng = np.random.default_rng(7)
    vocab = vocabulary()
    concept_vectors = rng.standard_normal((len(CONCEPTS), DIMENSION)).astype(np.float32)
    table = np.zeros((len(vocab), DIMENSION), dtype=np.float32)  # special tokens: zero vectors
    for i, token in enumerate(vocab):
        if token in SPECIAL:
            continue
        found = next((c for c, chars in enumerate(CONCEPTS) if token in chars), None)
        table[i] = concept_vectors[found] if found is not None else rng.standard_normal(DIMENSION)
    return table


def build_tokenizer() -> Tokenizer:
    vocab = {token: i for i, token in enumerate(vocabulary())}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(handle_chinese_chars=True, lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])]
    )
    return tokenizer


def build_graph(table: np.ndarray) -> bytes:
    nodes = [helper.make_node("Gather", ["table", "input_ids"], ["last_hidden_state"])]
    graph = helper.make_graph(
        nodes, "tiny_encoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", table.shape[1]])],
        [numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    return model.SerializeToString()


def write_model(folder: Path, **config) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.onnx").write_bytes(build_graph(embedding_table()))
    build_tokenizer().save(str(folder / "tokenizer.json"))
    settings = {"name": "tiny test model", "pooling": "mean", "max_length": 32, **config}
    (folder / "deskbook-model.json").write_text(json.dumps(settings, ensure_ascii=False), "utf-8")
    return folder
