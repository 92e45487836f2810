"""A sentence-embedding model run with ONNX Runtime and the ``tokenizers`` library (optional: ``deskbook[meaning]``).

A model folder holds ``model.onnx`` (inputs ``input_ids`` and ``attention_mask``, optionally ``token_type_ids``;
output ``last_hidden_state`` [batch, sequence, dimension]), ``tokenizer.json`` and optionally
``deskbook-model.json`` (how to pool and how much text to read). Vectors are pooled, then L2-normalised, so a dot
product is the cosine similarity.

Neither onnxruntime nor tokenizers is imported until a model is used: without them (or without a model) Deskbook
searches exactly as it does lexically.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "deskbook-model.json"
REQUIRED_FILES = (MODEL_FILE, TOKENIZER_FILE)


class ModelError(ValueError):
    """A model folder that cannot be used (missing files, unreadable model, wrong inputs or outputs)."""


@lru_cache(maxsize=1)
def meaning_libraries() -> bool:
    """True when onnxruntime and tokenizers are installed (``pip install deskbook[meaning]``)."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "tokenizers"))


@dataclass(frozen=True)
class ModelConfig:
    name: str = ""
    pooling: str = "cls"  # "cls" (bge) or "mean" (m3e, most sentence-transformers)
    max_length: int = 64  # tokens of an article read (title, 相似问, then the body): the cost of embedding grows with it
    query_max_length: int = 64
    query_prefix: str = ""  # an instruction some models want before a query
    min_similarity: float = 0.0  # a meaning-only hit must be at least this similar (cosine) to be shown

    @classmethod
    def read(cls, folder: Path) -> ModelConfig:
        path = folder / CONFIG_FILE
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text("utf-8"))
            config = cls(
                name=str(data.get("name", "")), pooling=str(data.get("pooling", "cls")),
                max_length=int(data.get("max_length", 64)), query_max_length=int(data.get("query_max_length", 64)),
                query_prefix=str(data.get("query_prefix", "")), min_similarity=float(data.get("min_similarity", 0.0)),
            )
        except (OSError, ValueError, TypeError, AttributeError) as error:
            raise ModelError(f"{CONFIG_FILE} 无法读取：{error}") from None
        if config.pooling not in ("cls", "mean") or not 1 <= config.max_length <= 512:
            raise ModelError(f"{CONFIG_FILE}：pooling 须为 cls 或 mean，max_length 在 1–512 之间")
        return config


class Embedder:
    """Turns texts into unit vectors. One instance per thread of use: an ONNX Runtime session may be shared,
    but the tokenizer's truncation setting is per instance."""

    def __init__(self, folder: Path, *, threads: int = 1, spinning: bool = True):
        import onnxruntime
        from tokenizers import Tokenizer

        missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
        if missing:
            raise ModelError(f"模型文件夹缺少 {', '.join(missing)}：{folder}")
        self.config = ModelConfig.read(folder)
        try:
            self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        except Exception as error:  # tokenizers raises its own Exception type for a malformed file
            raise ModelError(f"{TOKENIZER_FILE} 无法读取：{error}") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # shape-merge warnings of fused graphs are noise for a user
        if not spinning:  # a background job must not keep a core busy waiting for its next batch
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = onnxruntime.InferenceSession(str(folder / MODEL_FILE), options,
                                                        providers=["CPUExecutionProvider"])
        except Exception as error:  # ONNX Runtime's errors (invalid graph, protobuf) have no common base
            raise ModelError(f"{MODEL_FILE} 无法加载：{error}") from None
        self.inputs = [i.name for i in self.session.get_inputs()]
        if not {"input_ids", "attention_mask"} <= set(self.inputs):
            raise ModelError(f"{MODEL_FILE} 须有 input_ids 和 attention_mask 两个输入（实际：{', '.join(self.inputs)}）")
        self.output = self.session.get_outputs()[0].name
        pad = self.tokenizer.token_to_id("[PAD]")
        self.tokenizer.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
        self.dimension = int(self.embed(["测试"]).shape[1])

    def embed(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        """float32 [len(texts), dimension], each row of length 1 (a row of zeros for an empty text)."""
        import numpy as np

        if query and self.config.query_prefix:
            texts = [self.config.query_prefix + text for text in texts]
        self.tokenizer.enable_truncation(self.config.query_max_length if query else self.config.max_length)
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run([self.output], feed)[0]
        if hidden.ndim != 3:
            raise ModelError(f"{MODEL_FILE} 的输出应为三维（批次、词数、维度），实际为 {hidden.shape}")
        if self.config.pooling == "mean":
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1.0)
        else:
            pooled = hidden[:, 0, :]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def default_threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))
