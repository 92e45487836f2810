"""Is a newer Deskbook installer published where the team keeps it? (No Qt; nothing is downloaded or replaced.)

The team's update location (setting ``update_source``) is a folder — a local path or a share such as
``\\\\fileserver\\tools\\Deskbook`` — or an ``http(s)://`` address, holding ``latest.json`` next to the installer::

    {"version": "0.2.0", "file": "Deskbook-0.2.0-setup.exe", "notes": "新增：……"}

``version`` (PEP 440, as in pyproject.toml) and ``file`` (a bare file name in the same folder) are required, ``notes``
is optional. A source may also name the JSON file itself (``…/latest.json`` or any ``*.json``). Whoever publishes a
release copies the installer first and ``latest.json`` last, so a reader never sees a version without its file.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PureWindowsPath

from packaging.version import InvalidVersion, Version

from app import __version__

FEED_NAME = "latest.json"
MAX_FEED_BYTES = 64 * 1024
TIMEOUT_SECONDS = 5.0


class UpdateStatus(StrEnum):
    UNSET = "unset"  # no update location configured
    CURRENT = "current"  # the published version is not newer than this one
    NEWER = "newer"  # a newer installer is published
    UNREACHABLE = "unreachable"  # the folder or address could not be read (offline, share not mounted, HTTP error)
    INVALID = "invalid"  # latest.json is not what this module documents
    MISSING_INSTALLER = "missing_installer"  # latest.json names a file the folder does not hold


@dataclass(frozen=True)
class Release:
    version: str
    file: str
    location: str  # the installer: a path in the folder, or an address
    notes: str = ""


@dataclass(frozen=True)
class UpdateCheck:
    status: UpdateStatus
    current: str
    source: str
    release: Release | None = None
    detail: str = ""  # why, for UNREACHABLE / INVALID / MISSING_INSTALLER (technical, for the log and tooltips)

    @property
    def newer(self) -> bool:
        return self.status is UpdateStatus.NEWER


class FeedError(Exception):
    def __init__(self, status: UpdateStatus, detail: str):
        super().__init__(detail)
        self.status = status


def _is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme.lower() in ("http", "https")


def _file_url_path(source: str) -> str:
    if urllib.parse.urlsplit(source).scheme.lower() != "file":
        return source
    return urllib.request.url2pathname(urllib.parse.urlsplit(source).path)


def _read_url(url: str, timeout: float) -> tuple[bytes, str]:
    if not url.lower().endswith(".json"):
        url = url.rstrip("/") + "/" + FEED_NAME
    request = urllib.request.Request(url, headers={"User-Agent": f"Deskbook/{__version__}",
                                                   "Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # http(s) only: see _is_url
            return response.read(MAX_FEED_BYTES + 1), response.geturl()
    except urllib.error.HTTPError as error:
        raise FeedError(UpdateStatus.UNREACHABLE, f"{url}：服务器返回 HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError):
        raise FeedError(UpdateStatus.UNREACHABLE, f"{url}：无法连接") from None


def _read_folder(source: str) -> tuple[bytes, Path]:
    path = Path(_file_url_path(source)).expanduser()
    feed = path if path.suffix.lower() == ".json" else path / FEED_NAME
    try:
        with feed.open("rb") as handle:
            return handle.read(MAX_FEED_BYTES + 1), feed
    except OSError as error:
        raise FeedError(UpdateStatus.UNREACHABLE, f"{feed}：{'文件不存在' if isinstance(error, FileNotFoundError) else '无法读取'}") from None


def parse_feed(data: bytes) -> tuple[Version, str, str]:
    """(version, installer file name, notes) from latest.json's bytes; FeedError(INVALID) when malformed."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(UpdateStatus.INVALID, f"{FEED_NAME} 超过 {MAX_FEED_BYTES} 字节")
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise FeedError(UpdateStatus.INVALID, f"{FEED_NAME} 不是有效的 JSON") from None
    if not isinstance(feed, dict) or not isinstance(feed.get("version"), str) or not isinstance(feed.get("file"), str):
        raise FeedError(UpdateStatus.INVALID, f"{FEED_NAME} 需要文字形式的 version 和 file 两项")
    try:
        version = Version(feed["version"])
    except InvalidVersion:
        raise FeedError(UpdateStatus.INVALID, f"“{feed['version']}”不是版本号") from None
    name = feed["file"]
    if not name or name in (".", "..") or PureWindowsPath(name).name != name:  # no folder part, "/" or "\\"
        raise FeedError(UpdateStatus.INVALID, f"file 必须是同一文件夹中的文件名，不是“{name}”")
    notes = feed.get("notes")
    return version, name, notes if isinstance(notes, str) else ""


def check_for_update(source: str, current: str = __version__, timeout: float = TIMEOUT_SECONDS) -> UpdateCheck:
    """Read the update location once; never raises for a bad or unreachable location (the status says so)."""
    source = source.strip()
    if not source:
        return UpdateCheck(UpdateStatus.UNSET, current, source)
    try:
        if _is_url(source):
            data, feed_url = _read_url(source, timeout)
            version, name, notes = parse_feed(data)
            location = urllib.parse.urljoin(feed_url, urllib.parse.quote(name))
        else:
            data, feed_path = _read_folder(source)
            version, name, notes = parse_feed(data)
            installer = feed_path.parent / name
            if not installer.is_file():
                raise FeedError(UpdateStatus.MISSING_INSTALLER, f"{FEED_NAME} 写的安装程序 {name} 不在 {feed_path.parent} 中")
            location = str(installer)
    except FeedError as error:
        return UpdateCheck(error.status, current, source, detail=str(error))
    release = Release(str(version), name, location, notes)
    status = UpdateStatus.NEWER if version > Version(current) else UpdateStatus.CURRENT
    return UpdateCheck(status, current, source, release)
