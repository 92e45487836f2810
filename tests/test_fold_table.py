"""The shipped folding table is exactly what the rules build today (regenerate: python -m app.search.fold_table)."""

from app.search.analysis import normalize
from app.search.fold_table import build_fold_table, load_fold_table


def test_shipped_table_matches_a_fresh_build():
    assert load_fold_table() == build_fold_table()


def test_folding_keeps_length_and_folds_width_case_and_traditional():
    text = "退貨ＡＢＣ１２３帳號"
    assert normalize(text) == "退货abc123帐号"
    assert len(normalize(text)) == len(text)
