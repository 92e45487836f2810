"""The optional meaning model: install, download (resume, SHA-256), background embedding, hybrid search, and
exactly today's lexical search without it."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from app.cli import main as cli_main
from app.meaning import service as meaning_service
from app.meaning.model_files import DownloadFile
from app.model import Kind, Status
from app.search.embedder import ModelError
from app.search.query import SearchFilters
from app.search.vectors import VectorStore, quantize
from app.services import Deskbook
from tests.helpers import make_article
from tests.tiny_model import write_model

REFUND = "退款多久到账"
PARAPHRASE = "钱什么时候回来"  # shares no character with the title: words alone cannot find it


def _seed(desk: Deskbook) -> dict[str, str]:
    titles = [REFUND, "修改收货地址", "发票怎么开", "忘记登录密码", "账户被冻结"]
    return {t: desk.create_article(make_article(t, "处理步骤见正文。")).id for t in titles}


def _hits(desk: Deskbook, text: str, **kw) -> list[tuple[str, float]]:
    return [(r.summary.id, r.score) for r in desk.search(text, log_query=False, **kw).results]


@pytest.fixture
def model_dir(tmp_path) -> Path:
    return write_model(tmp_path / "tiny-model")


def test_the_shipped_int8_scan_graph_is_what_onnx_builds():
    from onnx import TensorProto, checker, helper

    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["codes", "query"], ["dots"])], "deskbook_int8_scan",
        [helper.make_tensor_value_info("codes", TensorProto.UINT8, ["rows", "dimension"]),
         helper.make_tensor_value_info("query", TensorProto.INT8, ["dimension", 1])],
        [helper.make_tensor_value_info("dots", TensorProto.INT32, ["rows", 1])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="deskbook")
    model.ir_version = 7
    checker.check_model(model)
    assert resources.files("app.search").joinpath("int8_scan.onnx").read_bytes() == model.SerializeToString()


def test_the_integer_kernel_and_numpy_give_the_same_dot_products():
    from app.search.vectors import _Scanner

    rng = np.random.default_rng(5)
    codes = rng.integers(0, 256, (300, 48), dtype=np.uint8)
    query = rng.integers(-127, 128, 48, dtype=np.int8)
    expected = (codes.astype(np.int64) - 128) @ query.astype(np.int64)
    kernel = _Scanner()
    assert kernel._load() is not None  # onnxruntime is installed with the tests
    assert np.array_equal(kernel.dots(codes, query), expected)
    fallback = _Scanner()
    fallback._session = False  # as without onnxruntime
    assert np.array_equal(fallback.dots(codes, query), expected)


def test_int8_vectors_keep_the_cosine_order(tmp_path):
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = VectorStore(tmp_path / "vectors", "fp", 64)
    store.load()
    store.add([f"a{i}" for i in range(2000)], ["h"] * 2000, vectors)
    query = vectors[17] + 0.3 * vectors[400]
    query /= np.linalg.norm(query)
    exact = np.argsort(-(vectors @ query))[:10]
    found = store.nearest(query, 10)
    assert [article_id for article_id, _s in found[:2]] == [f"a{exact[0]}", f"a{exact[1]}"]
    assert len({f"a{i}" for i in exact} & {a for a, _s in found}) >= 9
    assert found[0][1] == pytest.approx(float(vectors[exact[0]] @ query), abs=0.02)
    codes, _scales = quantize(vectors)
    assert codes.dtype == np.uint8 and codes.nbytes == 2000 * 64  # one byte per dimension
    reopened = VectorStore(tmp_path / "vectors", "fp", 64)
    reopened.load()
    assert reopened.nearest(query, 3) == found[:3]
    other_model = VectorStore(tmp_path / "vectors", "another model", 64)
    other_model.load()
    assert len(other_model) == 0  # never mixes vectors of two models


def test_without_a_model_search_is_exactly_lexical(disk_desk, model_dir, monkeypatch):
    _seed(disk_desk)
    queries = ["退款", "到账", "修改 地址", "tk", "发票怎么", PARAPHRASE, "忘记密码"]
    lexical = {q: [(h.id, h.score) for h in disk_desk.engine.search(q, SearchFilters(), 20).hits] for q in queries}
    assert disk_desk._search_extras() is None  # nothing is added: SearchService calls the engine as before
    assert {q: _hits(disk_desk, q) for q in queries} == lexical
    # A model installed but its libraries missing (deskbook without [meaning]): still exactly lexical.
    disk_desk.meaning.install(model_dir)
    disk_desk.meaning.embed_pending()
    monkeypatch.setattr(meaning_service, "meaning_libraries", lambda: False)
    assert {q: _hits(disk_desk, q) for q in queries} == lexical


def test_hybrid_finds_what_the_customer_means(disk_desk, model_dir):
    ids = _seed(disk_desk)
    assert _hits(disk_desk, PARAPHRASE) == []
    disk_desk.meaning.install(model_dir)
    assert disk_desk.meaning.embed_pending() == len(ids)
    assert disk_desk.meaning.embed_pending() == 0  # nothing left: resumable work is never repeated
    found = _hits(disk_desk, PARAPHRASE)
    assert found[0][0] == ids[REFUND]
    assert _hits(disk_desk, "修改收货地址")[0][0] == ids["修改收货地址"]  # words still count
    # An edited article is embedded again; an archived one is never shown.
    article = disk_desk.get_article(ids[REFUND])
    disk_desk.update_article(article.with_changes(title="退款多久到账（原路退回）"))
    assert [t.id for t in disk_desk.meaning.pending()] == [ids[REFUND]]
    disk_desk.archive_article(ids[REFUND])
    assert ids[REFUND] not in [i for i, _s in _hits(disk_desk, PARAPHRASE)]


def test_meaning_hits_respect_the_filters(disk_desk, model_dir):
    ids = _seed(disk_desk)
    script = disk_desk.create_article(make_article("钱多久能退回", "话术", kind=Kind.SCRIPT))
    disk_desk.meaning.install(model_dir)
    disk_desk.meaning.embed_pending()
    only_cases = _hits(disk_desk, PARAPHRASE, filters=SearchFilters(kind="case"))
    assert ids[REFUND] in [i for i, _s in only_cases] and script.id not in [i for i, _s in only_cases]
    only_scripts = _hits(disk_desk, PARAPHRASE, filters=SearchFilters(kind="script"))
    assert [i for i, _s in only_scripts] == [script.id]


def test_embedding_is_resumable_and_never_blocks_search(tmp_path, clock, model_dir, monkeypatch):
    desk = Deskbook(tmp_path / "data", clock=clock)
    for n in range(12):
        desk.create_article(make_article(f"退款问题{n}", "钱多久到账"))
    desk.prepare_index()
    desk.meaning.install(model_dir)
    monkeypatch.setattr(meaning_service, "SAVE_EVERY", 5)
    monkeypatch.setattr(meaning_service, "EMBED_BATCH", 5)
    calls = []
    assert desk.meaning.embed_pending(cancelled=lambda: calls.append(1) or len(calls) > 2) == 5  # one part saved
    assert len(desk.search("退款", log_query=False).results) == 12  # unembedded articles are still found by words
    desk.close()

    reopened = Deskbook(tmp_path / "data", clock=clock)  # as after a crash or a closed window
    reopened.prepare_index()
    assert len(reopened.meaning.pending()) == 7
    assert reopened.meaning.embed_pending() == 7
    assert reopened.meaning.status().embedded == 12
    reopened.close()


def test_install_refuses_a_bad_folder_and_keeps_the_previous_model(disk_desk, model_dir, tmp_path):
    with pytest.raises(ModelError, match="缺少 tokenizer.json"):
        broken = tmp_path / "broken"
        broken.mkdir()
        (broken / "model.onnx").write_bytes((model_dir / "model.onnx").read_bytes())
        disk_desk.meaning.install(broken)
    assert not disk_desk.meaning.installed()
    disk_desk.meaning.install(model_dir)
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "model.onnx").write_bytes(b"not a model")
    (garbage / "tokenizer.json").write_bytes((model_dir / "tokenizer.json").read_bytes())
    with pytest.raises(ModelError, match="model.onnx 无法加载"):
        disk_desk.meaning.install(garbage)
    assert (disk_desk.meaning.model_dir / "model.onnx").read_bytes() == (model_dir / "model.onnx").read_bytes()


class _ModelServer:
    """Serves files on 127.0.0.1 with HTTP Range support; the first response of ``cut`` stops after some bytes."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.cut, self.ranges = files, set(), []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:
                pass

            def do_GET(self) -> None:
                body = server.files.get(self.path.lstrip("/"))
                if body is None:
                    self.send_error(404)
                    return
                start = 0
                header = self.headers.get("Range")
                server.ranges.append((self.path, header))
                if header:
                    start = int(header.split("=")[1].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                if self.path in server.cut:
                    server.cut.discard(self.path)
                    self.wfile.write(body[start:start + len(body) // 3])
                    self.wfile.flush()
                    self.connection.shutdown(2)  # the connection drops mid-file
                    return
                self.wfile.write(body[start:])

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}"

    def __enter__(self) -> _ModelServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _files(model_dir: Path) -> dict[str, bytes]:
    return {name: (model_dir / name).read_bytes() for name in ("model.onnx", "tokenizer.json")}


def test_download_resumes_with_range_and_checks_sha256(disk_desk, model_dir):
    files = _files(model_dir)
    with _ModelServer(files) as server:
        server.cut.add("/model.onnx")
        entries = [DownloadFile(n, server.url(n), hashlib.sha256(b).hexdigest()) for n, b in files.items()]
        progress = []
        with pytest.raises(ModelError, match="再次运行即可继续"):
            disk_desk.meaning.download(entries, {"pooling": "mean"}, lambda d, t: progress.append((d, t)))
        assert not disk_desk.meaning.installed()
        partial = disk_desk.meaning.model_dir.with_name("model.download") / "model.onnx.part"
        assert 0 < partial.stat().st_size < len(files["model.onnx"])
        assert disk_desk.meaning.download(entries, {"pooling": "mean"}) == []
        assert server.ranges[-2] == ("/model.onnx", f"bytes={len(files['model.onnx']) // 3}-")  # resumed
        assert disk_desk.meaning.installed()
        assert progress and progress[-1][1] == len(files["model.onnx"])

        wrong = [DownloadFile("model.onnx", server.url("model.onnx"), "0" * 64),
                 DownloadFile("tokenizer.json", server.url("tokenizer.json"), "")]
        disk_desk.meaning.remove()
        with pytest.raises(ModelError, match="校验失败"):
            disk_desk.meaning.download(wrong, {"pooling": "mean"})
        assert not disk_desk.meaning.installed()


def test_cli_install_download_status_and_embed(tmp_path, model_dir, capsys):
    data = tmp_path / "data"
    assert cli_main(["--data-dir", str(data), "demo"]) == 0
    assert cli_main(["--data-dir", str(data), "model", "install", str(tmp_path / "nowhere")]) == 2
    assert "不是文件夹" in capsys.readouterr().err
    assert cli_main(["--data-dir", str(data), "model", "install", str(model_dir)]) == 0
    capsys.readouterr()
    assert cli_main(["--data-dir", str(data), "model", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["installed"] and status["embedded"] == status["articles"] > 0

    files = _files(model_dir)
    with _ModelServer(files) as server:
        settings = json.loads((data / "settings.json").read_text("utf-8")) if (data / "settings.json").exists() else {}
        settings["model_download"] = {
            "files": [{"name": n, "url": server.url(n), "sha256": hashlib.sha256(b).hexdigest() if n == "model.onnx"
                       else ""} for n, b in files.items()],
            "config": {"name": "tiny", "pooling": "mean"},
        }
        (data / "settings.json").write_text(json.dumps(settings, ensure_ascii=False), "utf-8")
        assert cli_main(["--data-dir", str(data), "model", "remove"]) == 0
        assert cli_main(["--data-dir", str(data), "model", "download"]) == 0
    captured = capsys.readouterr()
    assert "tokenizer.json 未固定 sha256" in captured.err
    assert cli_main(["--data-dir", str(data), "model", "status"]) == 0
    assert "tiny" in capsys.readouterr().out


def test_status_without_libraries(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(meaning_service, "meaning_libraries", lambda: False)
    desk = Deskbook(tmp_path / "data", clock=clock)
    try:
        desk.create_article(make_article("退款", "正文", status=Status.PUBLISHED))
        assert desk.meaning.embed_pending() == 0
        assert not desk.meaning.status().libraries
    finally:
        desk.close()
