"""A BERT encoder written as an ONNX graph with the ``onnx`` package, and the same forward pass in plain numpy.

Inputs ``input_ids`` and ``attention_mask`` (int64, [batch, sequence]); output ``last_hidden_state`` (float32,
[batch, sequence, hidden]), the layout of the usual ONNX exports of sentence encoders (bge, m3e), so Deskbook's
embedder pools it the same way. Evaluation tooling only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17  # LayerNormalization


@dataclass(frozen=True)
class BertShape:
    hidden: int
    heads: int
    layers: int
    intermediate: int
    eps: float = 1e-12

    @classmethod
    def from_config(cls, config: dict) -> BertShape:
        return cls(config["hidden_size"], config["num_attention_heads"], config["num_hidden_layers"],
                   config["intermediate_size"], config.get("layer_norm_eps", 1e-12))


class _Graph:
    def __init__(self, weights: dict[str, np.ndarray]):
        self.weights = weights
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._names: set[str] = set()
        self._count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        if name not in self._names:
            self._names.add(name)
            self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def weight(self, name: str, transpose: bool = False) -> str:
        value = self.weights[name].astype(np.float32)
        return self.const(name + (".T" if transpose else ""), value.T if transpose else value)

    def op(self, op_type: str, inputs: list[str], **attrs) -> str:
        self._count += 1
        out = f"{op_type.lower()}_{self._count}"
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def linear(self, x: str, prefix: str) -> str:
        return self.op("Add", [self.op("MatMul", [x, self.weight(prefix + ".weight", True)]), self.weight(prefix + ".bias")])

    def layer_norm(self, x: str, prefix: str, eps: float) -> str:
        return self.op("LayerNormalization", [x, self.weight(prefix + ".weight"), self.weight(prefix + ".bias")],
                       axis=-1, epsilon=eps)


def _attention(g: _Graph, x: str, bias: str, prefix: str, shape: BertShape) -> str:
    head = shape.hidden // shape.heads
    split = g.const("shape.heads", np.array([0, 0, shape.heads, head], dtype=np.int64))
    merge = g.const("shape.merge", np.array([0, 0, shape.hidden], dtype=np.int64))

    def heads(name: str, perm: list[int]) -> str:
        return g.op("Transpose", [g.op("Reshape", [g.linear(x, f"{prefix}.self.{name}"), split])], perm=perm)

    q, k, v = heads("query", [0, 2, 1, 3]), heads("key", [0, 2, 3, 1]), heads("value", [0, 2, 1, 3])
    scale = g.const("scale", np.array(1.0 / math.sqrt(head), dtype=np.float32))
    scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), bias])
    context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
    merged = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), merge])
    return g.linear(merged, f"{prefix}.output.dense")


def _gelu(g: _Graph, x: str) -> str:
    inner = g.op("Erf", [g.op("Div", [x, g.const("sqrt2", np.array(math.sqrt(2.0), dtype=np.float32))])])
    one = g.const("one", np.array(1.0, dtype=np.float32))
    half = g.const("half", np.array(0.5, dtype=np.float32))
    return g.op("Mul", [g.op("Mul", [x, half]), g.op("Add", [inner, one])])


def build_model(weights: dict[str, np.ndarray], shape: BertShape, prefix: str = "") -> onnx.ModelProto:
    """The encoder as an ONNX model; ``weights`` named as in Hugging Face's ``BertModel`` (``prefix`` before them)."""
    g = _Graph({name[len(prefix):]: value for name, value in weights.items() if name.startswith(prefix)})
    ids, mask = "input_ids", "attention_mask"
    # Positions 0 … sequence-1 as a cumulative sum of ones (a Range over a scalar length trips ORT's fusions).
    ones = g.op("ConstantOfShape", [g.op("Shape", [ids])], value=helper.make_tensor("one", TensorProto.INT64, [1], [1]))
    positions = g.op("Sub", [g.op("CumSum", [ones, g.const("axis1", np.array(1, dtype=np.int64))]),
                             g.const("one_i", np.array(1, dtype=np.int64))])
    x = g.op("Add", [g.op("Gather", [g.weight("embeddings.word_embeddings.weight"), ids]),
                     g.op("Gather", [g.weight("embeddings.position_embeddings.weight"), positions])])
    token_type = g.const("token_type_0", g.weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32))
    x = g.layer_norm(g.op("Add", [x, token_type]), "embeddings.LayerNorm", shape.eps)
    # Padding gets a large negative bias in every attention row: [batch, 1, 1, sequence].
    keep = g.op("Cast", [g.op("Unsqueeze", [mask, g.const("axes12", np.array([1, 2], dtype=np.int64))])],
                to=TensorProto.FLOAT)
    bias = g.op("Mul", [g.op("Sub", [g.const("one", np.array(1.0, dtype=np.float32)), keep]),
                        g.const("neg", np.array(-10000.0, dtype=np.float32))])
    for i in range(shape.layers):
        p = f"encoder.layer.{i}"
        attended = _attention(g, x, bias, f"{p}.attention", shape)
        x = g.layer_norm(g.op("Add", [attended, x]), f"{p}.attention.output.LayerNorm", shape.eps)
        inner = _gelu(g, g.linear(x, f"{p}.intermediate.dense"))
        x = g.layer_norm(g.op("Add", [g.linear(inner, f"{p}.output.dense"), x]), f"{p}.output.LayerNorm", shape.eps)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))
    graph = helper.make_graph(
        g.nodes, "bert",
        [helper.make_tensor_value_info(ids, TensorProto.INT64, ["batch", "sequence"]),
         helper.make_tensor_value_info(mask, TensorProto.INT64, ["batch", "sequence"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", shape.hidden])],
        g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="deskbook-bench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def numpy_forward(weights: dict[str, np.ndarray], shape: BertShape, ids: np.ndarray, mask: np.ndarray,
                  prefix: str = "") -> np.ndarray:
    """The same encoder computed step by step in numpy (float64), to check the graph against."""
    w = {name[len(prefix):]: value.astype(np.float64) for name, value in weights.items()
         if name.startswith(prefix) and value.dtype.kind == "f"}

    def norm(x: np.ndarray, p: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + shape.eps) * w[p + ".weight"] + w[p + ".bias"]

    def linear(x: np.ndarray, p: str) -> np.ndarray:
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    batch, length = ids.shape
    head = shape.hidden // shape.heads
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
    x = norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    bias = (1.0 - mask[:, None, None, :].astype(np.float64)) * -10000.0
    erf = np.vectorize(math.erf)
    for i in range(shape.layers):
        p = f"encoder.layer.{i}"

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, shape.heads, head).transpose(0, 2, 1, 3)

        q, k, v = (split(linear(x, f"{p}.attention.self.{n}")) for n in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        merged = context.transpose(0, 2, 1, 3).reshape(batch, length, shape.hidden)
        x = norm(linear(merged, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
        inner = linear(x, f"{p}.intermediate.dense")
        inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))
        x = norm(linear(inner, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
    return x
