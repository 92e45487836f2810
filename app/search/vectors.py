"""Article vectors of the meaning model, stored beside the search index and searched by brute force.

**int8** (one byte per dimension and one float scale per article), not float16: 50,000 × 512 dimensions take
25.6 MB instead of 51 MB, and ONNX Runtime's integer kernel (``MatMulInteger``, the graph in ``int8_scan.onnx``)
scores all of them in ~1.5 ms on one core, where numpy has no fast float16 product (35–55 ms). Vectors are unit
length, so per-vector symmetric quantisation keeps the cosine order almost exactly (bench/RESULTS.md measures it).

On disk: ``meta.json`` (the model's fingerprint and dimension) and ``part-NNNNNN.npz`` files, each a batch of
(article id, text hash, codes, scale) written once and renamed into place. Embedding is resumable: a crash loses
at most the batch under way, and the next run embeds only the articles whose text hash is missing or changed.
A later part supersedes an earlier one for the same article; :meth:`VectorStore.compact` rewrites them as one.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

META_FILE = "meta.json"
FORMAT = 1
ZERO_POINT = 128  # codes are stored as uint8 = int8 + 128 (the integer kernel wants unsigned rows)
COMPACT_AT_PARTS = 8  # one part loads without a second copy of the arrays (peak memory = the vectors once)


@dataclass(frozen=True)
class Snapshot:
    """Immutable: a search reads one while a background job builds the next."""

    ids: tuple[str, ...]
    hashes: tuple[str, ...]
    codes: np.ndarray  # uint8 [rows, dimension]
    scales: np.ndarray  # float32 [rows]; 0 for a row superseded by a later one
    rows: dict[str, int]

    @classmethod
    def empty(cls, dimension: int) -> Snapshot:
        return cls((), (), np.zeros((0, dimension), np.uint8), np.zeros(0, np.float32), {})


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(uint8 codes, float32 scales) of float vectors, one symmetric scale per row."""
    peak = np.abs(vectors).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int16) + ZERO_POINT
    return codes.astype(np.uint8), np.where(peak > 0, scales, 0.0).astype(np.float32)


class _Scanner:
    """Dot products of int8 rows with an int8 query through ONNX Runtime (numpy when it is unavailable)."""

    def __init__(self) -> None:
        self._session: Any = None  # an onnxruntime.InferenceSession, False when it cannot be had, None until tried
        self._lock = threading.Lock()

    def dots(self, codes: np.ndarray, query: np.ndarray) -> np.ndarray:
        session = self._load()
        if session is not None:
            # The kernel multiplies the stored unsigned codes (int8 + 128) as they are, which is faster than giving
            # it the zero point (1.3 against 2.4 ms at 50k × 512); the 128 × Σ query it adds is taken off here.
            raw = session.run(["dots"], {"codes": codes, "query": query.reshape(-1, 1)})[0][:, 0]
            return raw - np.int32(ZERO_POINT * int(query.astype(np.int32).sum()))
        out = np.empty(len(codes), dtype=np.int32)
        q = query.astype(np.float32)
        for start in range(0, len(codes), 8192):  # bounded temporary memory
            block = codes[start:start + 8192].astype(np.float32) - ZERO_POINT
            out[start:start + 8192] = np.rint(block @ q).astype(np.int32)
        return out

    def _load(self):
        with self._lock:
            if self._session is None:
                try:
                    import onnxruntime

                    options = onnxruntime.SessionOptions()
                    options.intra_op_num_threads = 1
                    options.log_severity_level = 3
                    graph = resources.files("app.search").joinpath("int8_scan.onnx").read_bytes()
                    self._session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
                except Exception:  # no onnxruntime, or a build without the kernel: numpy answers, more slowly
                    self._session = False
            return self._session or None


_SCANNER = _Scanner()


class VectorStore:
    def __init__(self, directory: Path | None, fingerprint: str, dimension: int):
        self.directory, self.fingerprint, self.dimension = directory, fingerprint, dimension
        self.snapshot = Snapshot.empty(dimension)
        self._write_lock = threading.Lock()
        self._parts = 0

    # --- files -----------------------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the parts written for this model; vectors of another model (or format) are cleared."""
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        meta = self._read_meta()
        if meta != {"format": FORMAT, "model": self.fingerprint, "dimension": self.dimension}:
            for part in self._part_files():
                part.unlink()
            self._write_meta()
        ids: list[str] = []
        hashes: list[str] = []
        codes: list[np.ndarray] = []
        scales: list[np.ndarray] = []
        for part in self._part_files():
            try:
                with np.load(part, allow_pickle=False) as data:
                    ids += data["ids"].tolist()
                    hashes += data["hashes"].tolist()
                    codes.append(data["codes"])
                    scales.append(data["scales"])
            except (OSError, ValueError, KeyError):  # a damaged part: its articles are embedded again
                part.unlink(missing_ok=True)
        self._parts = len(codes)
        self.snapshot = _snapshot(ids, hashes, codes, scales, self.dimension)

    def _part_files(self) -> list[Path]:
        return sorted(self.directory.glob("part-*.npz")) if self.directory else []

    def _read_meta(self) -> dict | None:
        if self.directory is None:
            return None
        try:
            return json.loads((self.directory / META_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _write_meta(self) -> None:
        if self.directory is None:
            return
        tmp = self.directory / (META_FILE + ".tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "model": self.fingerprint, "dimension": self.dimension}), "utf-8")
        os.replace(tmp, self.directory / META_FILE)

    def _write_part(self, ids: list[str], hashes: list[str], codes: np.ndarray, scales: np.ndarray) -> None:
        if self.directory is None:
            return
        existing = self._part_files()
        number = int(existing[-1].stem.split("-")[1]) + 1 if existing else 1
        target = self.directory / f"part-{number:06d}.npz"
        tmp = self.directory / f"part-{number:06d}.tmp.npz"
        np.savez(tmp, ids=np.array(ids, dtype=str), hashes=np.array(hashes, dtype=str), codes=codes, scales=scales)
        os.replace(tmp, target)
        self._parts += 1

    # --- changes ---------------------------------------------------------------------------------------------
    def add(self, ids: list[str], hashes: list[str], vectors: np.ndarray) -> None:
        """Store (or replace) the vectors of these articles: written to disk first, then searched."""
        if not ids:
            return
        codes, scales = quantize(vectors)
        with self._write_lock:
            self._write_part(ids, hashes, codes, scales)
            old = self.snapshot
            self.snapshot = _snapshot(list(old.ids) + ids, list(old.hashes) + hashes,
                                      [old.codes, codes], [old.scales, scales], self.dimension)

    def compact(self, keep: set[str] | None = None) -> None:
        """Rewrite every live row as one part (dropping superseded rows and articles not in ``keep``)."""
        with self._write_lock:
            old = self.snapshot
            rows = [r for i, r in sorted(old.rows.items(), key=lambda item: item[1]) if keep is None or i in keep]
            index = np.array(rows, dtype=np.intp)
            ids = [old.ids[r] for r in rows]
            hashes = [old.hashes[r] for r in rows]
            codes, scales = old.codes[index], old.scales[index]
            previous = self._part_files()
            self._parts = 0
            if ids:
                self._write_part(ids, hashes, codes, scales)
            for part in previous:
                part.unlink(missing_ok=True)
            self.snapshot = _snapshot(ids, hashes, [codes], [scales], self.dimension)

    def needs_compaction(self) -> bool:
        return self._parts >= COMPACT_AT_PARTS or len(self.snapshot.ids) > 1.2 * max(1, len(self.snapshot.rows))

    # --- reading ---------------------------------------------------------------------------------------------
    def hashes(self) -> dict[str, str]:
        snap = self.snapshot
        return {article_id: snap.hashes[row] for article_id, row in snap.rows.items()}

    def __len__(self) -> int:
        return len(self.snapshot.rows)

    def nearest(self, query: np.ndarray, limit: int) -> list[tuple[str, float]]:
        """The ``limit`` articles most similar to a unit ``query`` vector: (id, cosine), best first."""
        snap = self.snapshot
        if not snap.rows or limit <= 0:
            return []
        peak = float(np.abs(query).max())
        if peak == 0.0:
            return []
        qscale = peak / 127.0
        q8 = np.clip(np.rint(query / qscale), -127, 127).astype(np.int8)
        scores = _SCANNER.dots(snap.codes, q8).astype(np.float32) * snap.scales * qscale
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(snap.ids[r], float(scores[r])) for r in top if snap.scales[r] > 0]


def _snapshot(ids: list[str], hashes: list[str], codes: list[np.ndarray], scales: list[np.ndarray],
              dimension: int) -> Snapshot:
    if not ids:
        return Snapshot.empty(dimension)
    all_codes = codes[0] if len(codes) == 1 else np.concatenate(codes)
    all_scales = (scales[0] if len(scales) == 1 else np.concatenate(scales)).copy()
    rows: dict[str, int] = {}
    for row, article_id in enumerate(ids):
        previous = rows.get(article_id)
        if previous is not None:
            all_scales[previous] = 0.0  # superseded: scores 0 and is never returned
        rows[article_id] = row
    return Snapshot(tuple(ids), tuple(hashes), all_codes, all_scales, rows)
