"""Reading a PyTorch ``pytorch_model.bin`` (a zip holding a pickle and raw storages) with numpy, without torch.

The pickle is loaded by a restricted unpickler that knows exactly the few globals a state dict uses (an
``OrderedDict`` of tensors rebuilt from typed storages); anything else in the pickle is refused, so a weights file
cannot run code. Evaluation tooling only (``python -m bench eval-model``).
"""

from __future__ import annotations

import io
import pickle
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np

_STORAGE_DTYPES = {
    "FloatStorage": np.float32,
    "HalfStorage": np.float16,
    "DoubleStorage": np.float64,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "BoolStorage": np.bool_,
}


class _StorageType:
    def __init__(self, name: str):
        self.dtype = np.dtype(_STORAGE_DTYPES[name])


def _rebuild_tensor_v2(storage, offset, size, stride, requires_grad=False, hooks=None, metadata=None):
    itemsize = storage.dtype.itemsize
    if not size:
        return storage[offset:offset + 1].reshape(()).copy()
    return np.lib.stride_tricks.as_strided(
        storage[offset:], shape=tuple(size), strides=tuple(s * itemsize for s in stride)
    ).copy()


class _StateDictUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, archive: zipfile.ZipFile, prefix: str):
        super().__init__(io.BytesIO(data))
        self.archive, self.prefix = archive, prefix
        self._storages: dict[str, np.ndarray] = {}

    def find_class(self, module: str, name: str):
        if (module, name) == ("collections", "OrderedDict"):
            return OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor_v2
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        raise pickle.UnpicklingError(f"refused global {module}.{name} in a weights file")

    def persistent_load(self, pid):
        kind, storage_type, key, _location, _numel = pid
        if kind != "storage" or not isinstance(storage_type, _StorageType):
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        found = self._storages.get(key)
        if found is None:
            raw = self.archive.read(f"{self.prefix}data/{key}")
            found = self._storages[key] = np.frombuffer(raw, dtype=storage_type.dtype)
        return found


def load_state_dict(source: Path | bytes) -> dict[str, np.ndarray]:
    """{parameter name: array} of a ``torch.save``'d state dict (zip format)."""
    archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    pickles = [name for name in archive.namelist() if name.endswith("/data.pkl")]
    if len(pickles) != 1:
        raise ValueError("not a PyTorch zip checkpoint (no single data.pkl)")
    prefix = pickles[0][: -len("data.pkl")]
    state = _StateDictUnpickler(archive.read(pickles[0]), archive, prefix).load()
    return {name: np.asarray(value) for name, value in state.items()}
