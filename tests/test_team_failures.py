"""An unreachable library, a refused push, wrong credentials and a damaged clone: a clear message, nothing lost.

The HTTP tests run a smart-HTTP Git server of their own on 127.0.0.1 (``git http-backend`` behind Basic auth with
access tokens), as a Gitea or GitLab would be reached from a desk.
"""

from __future__ import annotations

import os
import shutil

import pytest

from app.team.gitrepo import GitProblem, init_bare
from app.team.service import TeamSyncError
from tests.git_http_server import GitHttpServer
from tests.team_helpers import case, library_files, team_desk, titles

pytestmark = pytest.mark.timeout(120)
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="the HTTP test server runs git http-backend")


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "share" / "team.git"
    init_bare(path)
    return path


def test_connecting_to_a_missing_library_says_so_and_changes_nothing(tmp_path, clock):
    desk = team_desk(tmp_path / "a", tmp_path / "nowhere.git", clock, connect=False)
    with pytest.raises(TeamSyncError) as raised:
        desk.team.connect(str(tmp_path / "nowhere.git"))
    assert raised.value.problem is GitProblem.OFFLINE and "无法连接团队库" in str(raised.value)
    assert not desk.team.connected and desk.settings.team_url == ""
    assert not (tmp_path / "a" / "team" / "library.git").exists()
    desk.close()


def test_offline_work_is_kept_and_published_once_the_library_is_back(tmp_path, library, clock):
    a = team_desk(tmp_path / "a", library, clock)
    b = team_desk(tmp_path / "b", library, clock, role="agent")
    library.parent.rename(tmp_path / "share-unmounted")  # the share is gone (VPN down, server off)
    article = a.create_article(case("断网时写的文章", "离线也能保存"))
    with pytest.raises(TeamSyncError) as raised:
        a.team.publish()
    assert raised.value.problem is GitProblem.OFFLINE
    status = a.team.status()
    assert status.problem is GitProblem.OFFLINE and status.pending == 1
    assert status.words_zh(a.clock()) == "团队库：离线，1 篇待发布"
    assert titles(a, "断网") == ["断网时写的文章"]  # the desk works as before
    with pytest.raises(TeamSyncError):
        b.team.pull()
    (tmp_path / "share-unmounted").rename(library.parent)
    assert a.team.publish().published == [article.id]
    assert a.team.status().problem is None
    b.team.pull()
    assert titles(b, "断网") == ["断网时写的文章"]
    a.close()
    b.close()


def test_a_damaged_clone_is_set_aside_and_made_anew(tmp_path, library, clock):
    a = team_desk(tmp_path / "a", library, clock)
    a.create_article(case("已发布的文章", "团队库中已有"))
    a.team.publish()
    pending = a.create_article(case("还没发布的文章", "只在本机"))
    clone = tmp_path / "a" / "team" / "library.git"
    for pack in (clone / "objects" / "pack").glob("*"):
        pack.write_bytes(b"garbage")
    for loose in (clone / "objects").glob("[0-9a-f][0-9a-f]/*"):
        loose.write_bytes(b"garbage")
    a.close()

    a = team_desk(tmp_path / "a", library, clock, connect=False)
    report = a.team.publish()
    assert report.published == [pending.id]
    assert list((tmp_path / "a" / "team").glob("library.damaged-*"))  # kept aside, not deleted
    assert sorted(titles(a, "文章")) == ["已发布的文章", "还没发布的文章"]
    assert len([p for p in library_files(library) if p.startswith("articles/")]) == 2
    a.close()


def test_a_file_the_desk_cannot_read_is_reported_and_skipped(tmp_path, library, clock):
    a = team_desk(tmp_path / "a", library, clock)
    good = a.create_article(case("正常的文章", "可以读取"))
    a.team.publish()
    git = a.team.clone.open()
    head = git.remote_heads()["main"]
    broken = git.commit(head, {"articles/broken.md": b"no front matter here"}, "someone", "x@y", "hand edit", a.clock())
    git.push(broken, "main", a.team.credentials())
    b = team_desk(tmp_path / "b", library, clock)
    assert b.articles.get(good.id) is not None
    report = b.team.pull()
    assert report.unreadable == [] and b.articles.count() == 1  # already pulled at connect; see its report below
    c = team_desk(tmp_path / "c", library, clock, connect=False)
    connect = c.team.connect(str(library))
    assert len(connect.pull.unreadable) == 1 and "articles/broken.md" in connect.pull.unreadable[0]
    for desk in (a, b, c):
        desk.close()


@pytest.fixture
def http_library(tmp_path):
    root = tmp_path / "srv"
    init_bare(root / "team.git")
    server = GitHttpServer(root, {"owner-token": "rw", "agent-token": "ro"})
    yield server, root / "team.git"
    server.close()


@needs_git
def test_publish_and_pull_over_https_with_a_token(tmp_path, http_library, clock):
    server, bare = http_library
    url = server.url("team.git")
    a = team_desk(tmp_path / "a", url, clock, token="owner-token")
    assert "owner-token" not in (tmp_path / "a" / "settings.json").read_text("utf-8")
    article = a.create_article(case("HTTP 发布的文章", "通过令牌推送"))
    assert a.team.publish().published == [article.id]
    b = team_desk(tmp_path / "b", url, clock, role="agent", token="agent-token")
    assert titles(b, "令牌") == ["HTTP 发布的文章"]
    assert any("git-receive-pack" in r for r in server.handler.requests)

    # An agent's read-only token: the server refuses the push; the change stays on the desk.
    b.update_article(b.get_article(article.id).with_changes(body="改过的内容"), "小张")
    with pytest.raises(TeamSyncError) as raised:
        b.team.publish()
    assert raised.value.problem is GitProblem.REJECTED and "推送被拒绝" not in str(raised.value)
    assert "没有发布到主分支的权限" in str(raised.value)
    assert b.team.status().words_zh(b.clock()) == "团队库：推送被拒绝，1 篇待发布"
    assert b.get_article(article.id).body == "改过的内容"
    assert b"\xe6\x94\xb9\xe8\xbf\x87" not in b"".join(library_files(bare).values())
    a.close()
    b.close()


@needs_git
def test_a_protected_branch_refuses_the_push_over_https(tmp_path, http_library, clock):
    server, bare = http_library
    a = team_desk(tmp_path / "a", server.url("team.git"), clock, token="owner-token")
    hook = bare / "hooks" / "pre-receive"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'main is protected' >&2\nexit 1\n")
    os.chmod(hook, 0o755)
    a.create_article(case("受保护分支", "不能直接推送"))
    with pytest.raises(TeamSyncError) as raised:
        a.team.publish()
    assert raised.value.problem is GitProblem.REJECTED
    assert a.team.status().pending == 1
    a.close()


@needs_git
def test_a_wrong_token_is_a_login_failure(tmp_path, http_library, clock):
    server, _bare = http_library
    desk = team_desk(tmp_path / "a", server.url("team.git"), clock, connect=False)
    with pytest.raises(TeamSyncError) as raised:
        desk.team.connect(server.url("team.git"), "wang", "expired-token")
    assert raised.value.problem is GitProblem.AUTH and "令牌" in str(raised.value)
    assert not desk.team.connected
    desk.close()


@needs_git
def test_a_token_pasted_into_the_address_goes_to_the_credential_store(tmp_path, http_library, clock):
    server, _bare = http_library
    desk = team_desk(tmp_path / "a", "", clock, connect=False)
    address = server.url("team.git").replace("http://", "http://wang:owner-token@")
    desk.team.connect(address)
    assert desk.settings.team_url == server.url("team.git") and desk.settings.team_user == "wang"
    assert "owner-token" not in (tmp_path / "a" / "settings.json").read_text("utf-8")
    stored = tmp_path / "a" / "team" / "credentials.json"
    assert oct(stored.stat().st_mode & 0o777) == "0o600"  # no keyring backend on a headless test machine
    desk.close()


def _self_signed_https_server(folder):
    """An HTTPS server on 127.0.0.1 with a certificate nobody trusts (as a Git server with a self-signed one)."""
    import datetime
    import ssl
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_an_untrusted_certificate_is_named_as_such_not_as_offline(tmp_path, clock):
    server = _self_signed_https_server(tmp_path)
    url = f"https://127.0.0.1:{server.server_address[1]}/team.git"
    desk = team_desk(tmp_path / "a", url, clock, connect=False)
    try:
        with pytest.raises(TeamSyncError) as raised:
            desk.team.connect(url, "wang", "token")
        assert raised.value.problem is GitProblem.CERTIFICATE
        assert "证书" in str(raised.value) and not desk.team.connected
    finally:
        server.shutdown()
        desk.close()
