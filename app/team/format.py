"""The files of the team library and how an article, the shared settings and a proposal become bytes and back.

Layout of the repository (branch ``main``)::

    deskbook-team.yaml              what this repository is (format and version)
    articles/<article id>.md        one published or archived article: YAML front matter + Markdown body
    settings/team.yaml              the team's shared settings (organisation, synonyms, review intervals, SLA)
    settings/confirmation_letter.docx  the letter's Word template, once a KB owner has edited it
    decisions/<proposal id>.yaml    an owner's accept or decline of an agent's proposal

Proposals travel on one branch per desk, ``proposals/<desk id>``, as ``proposals/<proposal id>.md``.

Files are named by article id, so a new title is not a rename. Only content goes in: views, copies, version
counters, timestamps and one desk's review dates stay on the desk (they made conflicts in a trial). The same
content always gives the same bytes (the Markdown export's serialisation, in a fixed key order), so a sync of
unchanged content commits nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from app.documents.markdown_folder import front_matter, markdown_document
from app.importers.records import RecordError, parse_record
from app.model import KIND_FIELDS, Article, Kind, Status

MARKER_PATH = "deskbook-team.yaml"
ARTICLES_DIR = "articles"
SETTINGS_PATH = "settings/team.yaml"
LETTER_PATH = "settings/confirmation_letter.docx"
DECISIONS_DIR = "decisions"
PROPOSALS_DIR = "proposals"
FORMAT = {"format": "deskbook-team", "version": 1}
TEAM_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)
COMMON_KEYS = ("kind", "title", "status", "tags", "group", "owner", "review_interval_days", "phrasings",
               "external_id", "body")
_HEAD = re.compile(r"\A---\r?\n(.*?)^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: parsing 50,000 files takes seconds, not a minute


class TeamFormatError(ValueError):
    """A file in the team library that this desk cannot read; the message says which and why."""


Values = dict[str, Any]


def article_path(article_id: str) -> str:
    return f"{ARTICLES_DIR}/{article_id}.md"


def article_id_of(path: str) -> str | None:
    """The article id a path in ``articles/`` names, or None for any other file."""
    folder, _, name = path.partition("/")
    if folder != ARTICLES_DIR or "/" in name or not name.endswith(".md"):
        return None
    return name[: -len(".md")] or None


def decision_path(proposal_id: str) -> str:
    return f"{DECISIONS_DIR}/{proposal_id}.yaml"


def proposal_path(proposal_id: str) -> str:
    return f"{PROPOSALS_DIR}/{proposal_id}.md"


def digest(data: bytes) -> str:
    """Git's blob id of ``data``: equal to the repository's blob id whenever the file holds exactly these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def content_digest(values: Values) -> str:
    """A fingerprint of an article's content values (not of its file's bytes): comparing a desk's article with
    its base needs no YAML, which matters when a pull or a publish looks at thousands of articles."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- articles -------------------------------------------------------------------------------------------------
def values_of(article: Article) -> Values:
    """An article's content as the team library holds it (the keys a three-way merge compares)."""
    values: Values = {key: value for key, value in front_matter(article).items() if key != "id"}
    values["external_id"] = article.external_id or None
    values["body"] = article.body or ""
    return values


def article_file(article: Article) -> bytes:
    return _article_text(article.id, values_of(article)).encode("utf-8")


def values_file(article_id: str, values: Values) -> bytes:
    return _article_text(article_id, values).encode("utf-8")


def _article_text(article_id: str, values: Values, extra: dict[str, Any] | None = None) -> str:
    data: dict[str, Any] = {"id": article_id}
    if values.get("external_id"):
        data["external_id"] = values["external_id"]
    data.update((k, v) for k, v in values.items() if k not in ("external_id", "body"))
    if extra:
        data.update(extra)
    return markdown_document(data, values.get("body") or "")


@dataclass(frozen=True)
class TeamArticle:
    """An article read from the library: its id and its content values (validated like an import row)."""

    id: str
    values: Values


def parse_article_file(data: bytes, where: str = "") -> TeamArticle:
    meta, body = _split(data, where)
    article_id = str(meta.get("id") or "").strip()
    if not article_id:
        raise TeamFormatError(f"{where}：文件开头的 YAML 信息中没有 id")
    return TeamArticle(article_id, _validated_values(meta, body, where))


def _split(data: bytes, where: str) -> tuple[dict[str, Any], str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TeamFormatError(f"{where}：不是 UTF-8 编码的文本（第 {error.start} 个字节）") from None
    match = _HEAD.match(text)
    if match is None:
        raise TeamFormatError(f"{where}：文件开头没有用 --- 包围的 YAML 信息")
    try:
        meta = yaml.load(match.group(1), Loader=_Loader) or {}
    except yaml.YAMLError:
        raise TeamFormatError(f"{where}：文件开头的 YAML 信息写法有误") from None
    if not isinstance(meta, dict):
        raise TeamFormatError(f"{where}：文件开头的 YAML 信息必须是“名称: 值”的形式")
    rest = text[match.end():]
    body = rest[2:] if rest.startswith("\r\n") else rest.removeprefix("\n")
    return meta, str(meta.pop("body")) if "body" in meta else body


def _validated_values(meta: dict[str, Any], body: str, where: str) -> Values:
    raw = {k: v for k, v in meta.items() if k not in ("id", "external_id", "proposal")}
    raw["body"] = body
    try:
        content = parse_record(raw)
    except RecordError as error:
        raise TeamFormatError(f"{where}: {error}") from None
    if content.status not in TEAM_STATUSES:
        content.status = Status.PUBLISHED  # the library holds published content; a stray draft is read as such
    external = meta.get("external_id")
    article = Article(
        kind=content.kind, title=content.title, body=content.body, fields=content.fields, tags=content.tags,
        group=content.group, status=content.status, owner=content.owner, phrasings=content.phrasings,
        external_id=str(external).strip() if external not in (None, "") else None,
        review_interval_days=content.review_interval_days or 90,
    )
    return values_of(article)


def article_changes(values: Values) -> dict[str, Any]:
    """The :class:`Article` attributes that ``values`` set (for ``Article.with_changes`` or a new article)."""
    kind = Kind(values.get("kind") or Kind.CASE.value)
    fields = {name: values[name] for name in KIND_FIELDS[kind] if values.get(name) not in (None, "", [], {})}
    return {
        "kind": kind, "title": values.get("title") or "", "body": values.get("body") or "", "fields": fields,
        "tags": list(values.get("tags") or []), "group": values.get("group") or "",
        "status": Status(values.get("status") or Status.PUBLISHED.value), "owner": values.get("owner") or "",
        "phrasings": list(values.get("phrasings") or []), "external_id": values.get("external_id") or None,
        "review_interval_days": int(values.get("review_interval_days") or 90),
    }


# --- proposals and decisions ----------------------------------------------------------------------------------
def proposal_file(article: Article, meta: dict[str, Any]) -> bytes:
    values = values_of(article.with_changes(status=Status.PUBLISHED))
    return _article_text(article.id, values, {"proposal": meta}).encode("utf-8")


def parse_proposal_file(data: bytes, where: str = "") -> tuple[TeamArticle, dict[str, Any]]:
    meta, _body = _split(data, where)
    proposal = meta.get("proposal")
    if not isinstance(proposal, dict) or not proposal.get("id"):
        raise TeamFormatError(f"{where}：不是提交的建议（YAML 信息中没有建议编号）")
    return parse_article_file(data, where), proposal


def yaml_file(data: dict[str, Any]) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000).encode("utf-8")


def parse_yaml_file(data: bytes, where: str = "") -> dict[str, Any]:
    try:
        loaded = yaml.load(data.decode("utf-8"), Loader=_Loader) or {}
    except (UnicodeDecodeError, yaml.YAMLError):
        raise TeamFormatError(f"{where}：无法读取的 YAML 文件") from None
    if not isinstance(loaded, dict):
        raise TeamFormatError(f"{where}：内容必须是“名称: 值”形式的 YAML")
    return loaded


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def marker_file() -> bytes:
    return yaml_file(dict(FORMAT))


_COMMON_LABELS_ZH = {
    "title": "标题", "body": "正文", "tags": "标签", "group": "技能组", "status": "状态", "owner": "负责人",
    "phrasings": "相似问", "kind": "类型", "review_interval_days": "复核周期（天）", "external_id": "外部编号",
    "organization": "组织名称", "review_days": "各类型复核周期（天）", "sla_hours": "响应时限（小时）",
    "synonyms": "同义词", "letter_template": "确认函模板",
}


def field_label_zh(name: str) -> str:
    from app.model import FIELD_LABELS_ZH

    return _COMMON_LABELS_ZH.get(name) or FIELD_LABELS_ZH.get(name, name)
