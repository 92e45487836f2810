"""Whoosh's folder storage, reading the index files through memory maps.

Segments are kept as separate files (see ``whoosh_internals.SEGMENT_OPTIONS``). Whoosh reads a plain file with a seek and a
read per posting block and block header — system calls that made a query 50 % slower than reading from memory —
and would copy a whole file to memory to read it from a compound segment. A memory map gives both: reads at memory
speed, nothing copied, and a new searcher after each save opens in microseconds.
"""

from __future__ import annotations

import mmap
import os

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import Index


class MappedFile(StructFile):
    """A read-only index file over a memory map (``mmap`` has the read/seek/readline a ``StructFile`` uses)."""

    def get(self, position: int, length: int) -> bytes:
        return self.file[position : position + length]


class MappedFileStorage(FileStorage):
    def open_file(self, name, **kwargs):
        with open(os.path.join(self.folder, name), "rb") as handle:
            try:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (ValueError, OSError):  # an empty file cannot be mapped; nor can some file systems' files
                return super().open_file(name, **kwargs)
        return MappedFile(mapped, name=name, **kwargs)


def open_index(directory: str) -> Index:
    return MappedFileStorage(directory).open_index()


def create_index(directory: str, schema) -> Index:
    return MappedFileStorage(directory).create().create_index(schema)
