"""The optional meaning model: installing it, embedding the articles in the background, answering queries.

Everything here is inert until a model is installed (``deskbook model install DIR`` or ``deskbook model
download``) and onnxruntime and tokenizers are present (``pip install 'deskbook[meaning]'``): search then stays
exactly lexical. Embedding runs in the background (the GUI's task runner, or ``deskbook model embed``), is
resumable, and never blocks search: a query uses whatever vectors exist, and an article not embedded yet is
still found by its words.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.search.embedder import MODEL_FILE, ModelConfig, ModelError, default_threads, meaning_libraries
from app.search.hybrid import Fusion
from app.search.results import SearchFilters
from app.store.meaning_texts import ArticleText, MeaningTexts

if TYPE_CHECKING:
    from app.search.embedder import Embedder
    from app.search.vectors import VectorStore

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
FINGERPRINT_FILE = ".fingerprint"
EMBED_BATCH = 32
SAVE_EVERY = 1024  # articles per part file: what a crash can cost


@dataclass(frozen=True)
class MeaningStatus:
    libraries: bool  # onnxruntime and tokenizers importable
    installed: bool  # a model in the data directory
    name: str
    embedded: int  # articles with an up-to-date vector
    articles: int  # articles search can show


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class MeaningService:
    def __init__(self, model_dir: Path | None, vectors_dir: Path | None, texts: MeaningTexts):
        self.model_dir, self.vectors_dir, self.texts = model_dir, vectors_dir, texts
        self.fusion = Fusion()
        self._query_embedder: Embedder | None = None
        self._store: VectorStore | None = None
        self._lock = threading.RLock()
        self._embed_lock = threading.Lock()  # one embedding job at a time

    # --- state -----------------------------------------------------------------------------------------------
    def installed(self) -> bool:
        return self.model_dir is not None and (self.model_dir / MODEL_FILE).is_file()

    def ready(self) -> bool:
        """A model, its libraries and at least one vector: only then does search use it."""
        if not self.installed() or not meaning_libraries():
            return False
        try:
            return len(self.store()) > 0
        except ModelError as error:
            log.warning("meaning model unusable, searching by words only: %s", error)
            return False

    @property
    def min_similarity(self) -> float:
        return self.config().min_similarity

    def config(self) -> ModelConfig:
        return ModelConfig.read(self.model_dir) if self.model_dir is not None else ModelConfig()

    def status(self) -> MeaningStatus:
        libraries, installed = meaning_libraries(), self.installed()
        articles = {t.id: text_hash(t.text) for t in self.texts.texts()}
        embedded = 0
        if libraries and installed:
            stored = self.store().hashes()
            embedded = sum(1 for i, h in articles.items() if stored.get(i) == h)
        return MeaningStatus(libraries, installed, self.config().name if installed else "", embedded, len(articles))

    # --- installing ------------------------------------------------------------------------------------------
    def install(self, source: Path) -> int:
        from app.meaning.model_files import install_folder

        if self.model_dir is None:
            raise ModelError("内存中的知识库不能安装模型")
        with self._lock:
            dimension = install_folder(source, self.model_dir)
            self._forget()
        return dimension

    def download(self, files, config: dict, progress: Progress | None = None) -> list[str]:
        from app.meaning.model_files import download, install_folder

        if self.model_dir is None:
            raise ModelError("内存中的知识库不能安装模型")
        staging = self.model_dir.with_name("model.download")
        warnings = download(files, staging, config, progress)
        with self._lock:
            install_folder(staging, self.model_dir)
            self._forget()
        shutil.rmtree(staging, ignore_errors=True)
        return warnings

    def remove(self) -> None:
        with self._lock:
            for folder in (self.model_dir, self.vectors_dir):
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
            self._forget()

    def _forget(self) -> None:
        self._query_embedder = None
        self._store = None

    # --- vectors ---------------------------------------------------------------------------------------------
    def store(self) -> VectorStore:
        with self._lock:
            if self._store is None:
                from app.search.vectors import VectorStore

                embedder = self.query_embedder()
                store = VectorStore(self.vectors_dir, self._fingerprint(), embedder.dimension)
                store.load()
                self._store = store
            return self._store

    def query_embedder(self) -> Embedder:
        with self._lock:
            if self._query_embedder is None:
                from app.search.embedder import Embedder

                if self.model_dir is None:
                    raise ModelError("没有安装含义模型")
                self._query_embedder = Embedder(self.model_dir, threads=1)
            return self._query_embedder

    def _fingerprint(self) -> str:
        from app.meaning.model_files import fingerprint

        assert self.model_dir is not None
        path = self.model_dir / FINGERPRINT_FILE
        try:
            return path.read_text("utf-8").strip()
        except OSError:
            found = fingerprint(self.model_dir)
            with contextlib.suppress(OSError):  # a read-only data directory: computed again next time
                path.write_text(found, "utf-8")
            return found

    def pending(self) -> list[ArticleText]:
        """Articles whose vector is missing or was made from other text."""
        stored = self.store().hashes()
        return [t for t in self.texts.texts() if stored.get(t.id) != text_hash(t.text)]

    def embed_pending(self, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False,
                      threads: int | None = None) -> int:
        """Embed what is pending, saving every ``SAVE_EVERY`` articles; returns how many were embedded."""
        if self.model_dir is None or not self.installed() or not meaning_libraries():
            return 0
        with self._embed_lock:
            from app.search.embedder import Embedder

            store = self.store()
            todo = self.pending()
            if not todo:
                self._compact_if_needed(store)
                return 0
            embedder = Embedder(self.model_dir, threads=threads or default_threads(), spinning=False)
            done = 0
            for start in range(0, len(todo), SAVE_EVERY):
                if cancelled():
                    break
                chunk = todo[start:start + SAVE_EVERY]
                done += self._embed_chunk(embedder, store, chunk, cancelled)
                if progress is not None:
                    progress(done, len(todo))
            self._compact_if_needed(store)
            return done

    def _compact_if_needed(self, store: VectorStore) -> None:
        if store.needs_compaction():
            store.compact({t.id for t in self.texts.texts()})

    @staticmethod
    def _embed_chunk(embedder: Embedder, store: VectorStore, chunk: list[ArticleText],
                     cancelled: Callable[[], bool]) -> int:
        import numpy as np

        parts = []
        for start in range(0, len(chunk), EMBED_BATCH):
            if cancelled():
                chunk = chunk[:start]
                break
            parts.append(embedder.embed([t.text for t in chunk[start:start + EMBED_BATCH]]))
        if not chunk:
            return 0
        store.add([t.id for t in chunk], [text_hash(t.text) for t in chunk], np.concatenate(parts))
        return len(chunk)

    # --- searching -------------------------------------------------------------------------------------------
    def allowed(self, ids: Iterable[str], filters: SearchFilters) -> set[str]:
        """The ids (of these) that pass the search filters: meaning-only hits are checked here."""
        return self.texts.allowed(ids, filters.kind, filters.tag, filters.group, filters.status)

    def nearest(self, text: str, limit: int) -> list[tuple[str, float]]:
        vector = self.query_embedder().embed([text], query=True)[0]
        return self.store().nearest(vector, limit)
