"""The shipped folding table is exactly what the rules build today (regenerate: python -m app.search.fold_table)."""

from app.search.analysis import normalize
from app.search.fold_table import build_fold_table, load_fold_table


def test_shipped_table_matches_a_fresh_build():
    assert load_fold_table() == build_fold_table()


def test_folding_keeps_length_and_folds_width_case_and_traditional():
    text = "退貨ＡＢＣ１２３帳號"
    assert normalize(text) == "退货abc123帐号"
    assert len(normalize(text)) == len(text)


def test_no_character_folds_to_itself():
    # An identity entry makes normalize() rewrite that character everywhere (common ones: 请, 发, 单), which
    # cost result-list highlighting ~10 ms per query at 50k.
    table = load_fold_table()
    assert not [chr(cp) for cp, folded in table.items() if folded == chr(cp)]
    assert table[ord("請")] == "请" and ord("请") not in table
