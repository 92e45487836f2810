"""A handbook entry's noted answers become the need record's fields, and nothing noted is dropped."""

from __future__ import annotations

from app.records.intake import fields_from_answers


def test_five_w_answers_go_to_their_own_fields():
    fields = fields_from_answers([
        ("What", "您登录时具体出现什么提示？", "提示密码错误"),
        ("When", "第一次出现是什么时候？", "  昨天下午开始  "),
        ("Where", "电脑端还是手机App端？", ""),  # asked, nothing noted: no field
    ])
    assert fields == {"what": "提示密码错误", "when": "昨天下午开始"}


def test_spin_answers_go_where_they_belong_and_the_rest_joins_what_labelled():
    fields = fields_from_answers([
        ("情境", "您平时在哪些设备上登录？", "换了新手机"),
        ("影响", "影响到您哪些事情？", "有一笔待付款订单"),
        ("问题", "是否仅在特定设备上出现？", "只有新手机登不上"),
        ("需求回报", "先在另一台设备上恢复登录可以吗？", "可以，先用电脑"),
        ("", "还有没有我漏掉的？", "验证码也收不到"),
    ])
    assert fields["where"] == "换了新手机"
    assert fields["how"] == "可以，先用电脑"
    # the problem itself first, then what has no field of its own, each labelled
    assert fields["what"] == "只有新手机登不上\n影响：有一笔待付款订单\n还有没有我漏掉的？：验证码也收不到"
