"""A smart-HTTP Git server for tests: ``git http-backend`` (CGI) behind Basic auth with tokens, on 127.0.0.1.

Tokens map to "rw" (may push) or "ro" (may fetch; a push gets 403 like a Git host's read-only token). The test
machine has the ``git`` program; the desk under test does not use it (pygit2 talks HTTP itself).
"""

from __future__ import annotations

import base64
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar


class _Handler(BaseHTTPRequestHandler):
    root = ""
    tokens: ClassVar[dict[str, str]] = {}
    requests: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def _access(self) -> tuple[str, str] | None:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        user, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        access = self.tokens.get(secret)
        return (user, access) if access else None

    def _reply(self, status: int, headers: list[tuple[str, str]] = (), body: bytes = b"") -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        path, _, query = self.path.partition("?")
        self.requests.append(self.command + " " + self.path)
        access = self._access()
        if access is None:
            self._reply(401, [("WWW-Authenticate", 'Basic realm="team"')])
            return
        pushing = "git-receive-pack" in path or "service=git-receive-pack" in query
        if pushing and access[1] != "rw":
            self._reply(403, [("Content-Type", "text/plain")], b"read-only token\n")
            return
        body = self._body()
        env = {
            "GIT_PROJECT_ROOT": self.root, "GIT_HTTP_EXPORT_ALL": "1", "PATH_INFO": path, "QUERY_STRING": query,
            "REQUEST_METHOD": self.command, "REMOTE_USER": access[0], "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""), "PATH": os.environ.get("PATH", ""),
        }
        out = subprocess.run(["git", "http-backend"], check=False, input=body, env=env, capture_output=True, timeout=60).stdout
        head, _, content = out.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(": ")
            if key.lower() == "status":
                status = int(value.split()[0])
            elif key:
                headers.append((key, value))
        self._reply(status, headers, content)

    do_GET = do_POST = _serve


class GitHttpServer:
    def __init__(self, root: Path, tokens: dict[str, str]):
        handler = type("Handler", (_Handler,), {"root": str(root), "tokens": dict(tokens), "requests": []})
        self.handler = handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/{name}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
