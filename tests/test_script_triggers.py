"""Script abbreviations (``;tk``): stored as the script field ``trigger``, found by the quick palette, carried by
import and export."""

from __future__ import annotations

from app.documents.markdown_folder import export_markdown_folder
from app.model import KIND_FIELDS, Kind, Status
from app.services import Deskbook
from tests.helpers import make_article, write_jsonl


def test_triggers_map_to_their_scripts_folded_and_without_archived_ones(desk):
    refund = desk.create_article(make_article("退款进度查询", kind=Kind.SCRIPT,
                                              fields={"reply": "您好", "trigger": ";TK "}))
    desk.create_article(make_article("物流查询", kind=Kind.SCRIPT, fields={"reply": "您好", "trigger": ";wl"},
                                     status=Status.ARCHIVED))
    desk.create_article(make_article("没有缩写", kind=Kind.SCRIPT, fields={"reply": "您好"}))
    desk.create_article(make_article("案例不算", fields={"trigger": ";al"}))
    assert desk.script_triggers() == {";tk": refund.id}


def test_the_demo_scripts_come_with_abbreviations(clock):
    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    try:
        triggers = desk.script_triggers()
        assert desk.get_article(triggers[";tk"]).title == "退款进度查询回复"
        assert ";wl" in triggers
    finally:
        desk.close()


def test_import_and_markdown_export_carry_the_trigger(desk, tmp_path, clock):
    assert "trigger" in KIND_FIELDS[Kind.SCRIPT]
    source = write_jsonl(tmp_path / "scripts.jsonl", [
        {"id": "s-1", "kind": "script", "title": "发票重开说明", "reply": "{{ 客户姓名 }}您好", "trigger": ";fp",
         "status": "published"},
    ])
    desk.import_path(source)
    article = desk.get_article("s-1")
    assert article.fields["trigger"] == ";fp"
    export_markdown_folder([article], tmp_path / "out")
    (exported,) = list((tmp_path / "out").rglob("*.md"))
    assert "trigger: ;fp" in exported.read_text("utf-8")
    again = Deskbook(None, clock=clock)
    try:
        again.import_path(tmp_path / "out")
        assert again.get_article("s-1").fields["trigger"] == ";fp"
        assert again.script_triggers() == {";fp": again.get_article("s-1").id}
    finally:
        again.close()
