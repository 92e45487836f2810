"""Character-level Chinese diffs: exactly the changed characters are marked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.curation.diff import (DELETE, EQUAL, INSERT, REPLACE, changed_positions, diff_snapshots, diff_text, inline_html,
                      side_by_side_html, snapshots_html)


def test_one_changed_character_in_chinese_is_marked_alone():
    ops = diff_text("退款申请后超过7天未到账", "退款申请后超过3天未到账")
    assert [(o.tag, o.old, o.new) for o in ops] == [
        (EQUAL, "退款申请后超过", "退款申请后超过"), (REPLACE, "7", "3"), (EQUAL, "天未到账", "天未到账"),
    ]
    removed, added = changed_positions(ops)
    assert removed == {7} and added == {7}


def test_insertion_and_deletion_inside_a_sentence():
    ops = diff_text("请提供订单号", "请您提供订单号和截图")
    assert [(o.tag, o.new) for o in ops if o.tag != EQUAL] == [(INSERT, "您"), (INSERT, "和截图")]
    ops = diff_text("客户支付成功但物流未发货", "客户支付但未发货")
    assert "".join(o.old for o in ops if o.tag == DELETE) == "成功物流"
    removed, added = changed_positions(ops)
    assert removed == {4, 5, 7, 8} and added == set()


def test_unchanged_lines_stay_whole_and_only_the_changed_line_is_split():
    old = "第一步：核对订单\n第二步：联系财务组\n第三步：回访客户\n"
    new = "第一步：核对订单\n第二步：联系技术组\n第三步：回访客户\n"
    ops = diff_text(old, new)
    assert [(o.tag, o.old, o.new) for o in ops if o.tag != EQUAL] == [(REPLACE, "财务", "技术")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="退款到账七天银行查询客户\n ab1", max_size=40), st.text(alphabet="退款到账七天银行查询客户\n ab1", max_size=40))
def test_ops_rebuild_both_texts(old, new):
    ops = diff_text(old, new)
    assert "".join(o.old for o in ops) == old
    assert "".join(o.new for o in ops) == new
    removed, added = changed_positions(ops)
    # every character outside the marked ones is common to both, in order
    kept_old = "".join(c for i, c in enumerate(old) if i not in removed)
    kept_new = "".join(c for i, c in enumerate(new) if i not in added)
    assert kept_old == kept_new


def test_html_escapes_and_marks():
    ops = diff_text("<b>旧</b>文本", "<b>新</b>文本")
    html = inline_html(ops)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "line-through" in html and "<s>旧</s>" in html and ">新</span>" in html
    left, right = side_by_side_html(ops)
    assert "旧" in left and "新" not in left and "新" in right and "旧" not in right


def test_snapshot_diff_lists_changed_fields_with_chinese_labels():
    old = {"kind": "script", "title": "确认话术", "body": "", "fields": {"variants": {"正式": "尊敬的客户"}},
           "tags": ["确认"], "group": "", "status": "published", "owner": "", "phrasings": []}
    new = dict(old, fields={"variants": {"正式": "尊敬的用户"}}, tags=["确认", "方案"])
    diffs = diff_snapshots(old, new)
    assert [d.label for d in diffs] == ["变体", "标签"]
    assert [(o.old, o.new) for o in diffs[0].ops if o.tag != EQUAL] == [("客", "用")]
    assert "没有差异" in snapshots_html([])
    assert "<table" in snapshots_html(diffs, side_by_side=True, old_label="v1", new_label="v2")
