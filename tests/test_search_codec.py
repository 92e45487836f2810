"""The index's posting layout (codec.py): Whoosh reads, merges and deletes through it as through its own, and the
ranker answers the same from both layouts."""

from __future__ import annotations

import random

from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage

from app.search.whoosh_internals import DeskbookCodec
from app.search.query import plan_query
from app.search.ranking import Ranker
from app.search.schema import build_schema, to_document
from tests.helpers import make_article

WORDS = ["退款", "物流", "发票", "登录", "验证码", "地址", "会员", "积分", "审核", "到账", "快递", "客服"]


def _articles(n: int, seed: int):
    rng = random.Random(seed)
    return [
        make_article(
            "".join(rng.sample(WORDS, 2)) + f"问题{i}",
            "，".join("".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(rng.randint(2, 10))),
        )
        for i in range(n)
    ]


def _build(codec, first, second, deleted_ids):
    """Two segments (the second written after deletions in the first), as a KB that was edited after a build."""
    ix = RamStorage().create_index(build_schema())
    writer = ix.writer(codec=codec)
    for article in first:
        writer.add_document(**to_document(article))
    writer.commit()
    writer = ix.writer(codec=codec)
    for article_id in deleted_ids:
        writer.delete_by_term("id", article_id)
    for article in second:
        writer.add_document(**to_document(article))
    writer.commit(merge=False)
    return ix


def _postings(ix):
    with ix.searcher() as searcher:
        reader = searcher.reader()
        return {
            (fieldname, text): list(reader.postings(fieldname, text).items_as("weight"))
            for fieldname, text in reader.all_terms()
        }


def test_whoosh_reads_merges_and_deletes_through_array_blocks_as_through_its_own():
    first, second = _articles(120, seed=1), _articles(60, seed=2)
    deleted = [a.id for a in first[::7]]
    ours = _build(DeskbookCodec(blocklimit=16), first, second, deleted)
    theirs = _build(W3Codec(blocklimit=16), first, second, deleted)
    assert len(ours._segments()) == 2
    assert _postings(ours) == _postings(theirs)
    # Merging rewrites every posting through the codec's reader and writer.
    for ix in (ours, theirs):
        ix.writer(codec=DeskbookCodec(blocklimit=16)).commit(optimize=True)
    assert len(ours._segments()) == 1
    merged = _postings(ours)
    assert merged == _postings(theirs)
    assert len(merged[("words", "退款".encode())]) > 16  # several blocks: not vacuous


def test_ranker_answers_the_same_from_w3_blocks_and_array_blocks():
    first, second = _articles(150, seed=3), _articles(40, seed=4)
    deleted = [a.id for a in first[::5]]
    ours = _build(DeskbookCodec(blocklimit=16), first, second, deleted)
    theirs = _build(W3Codec(blocklimit=16), first, second, deleted)
    with ours.searcher() as a, theirs.searcher() as b:
        ranker_a, ranker_b = Ranker(a), Ranker(b)
        for text in ["退款", "物流 发票", "验证码 地址", "到账审核", "客服 积分 会员"]:
            plan = plan_query(ranker_a, text)
            top_a, total_a = ranker_a.rank(plan.clauses, require_all=True, limit=10, bonus=plan.bonus)
            top_b, total_b = ranker_b.rank(plan.clauses, require_all=True, limit=10, bonus=plan.bonus)
            assert total_a == total_b > 0
            assert [(a.stored_fields(d)["id"], round(s, 9)) for d, s in top_a] == [
                (b.stored_fields(d)["id"], round(s, 9)) for d, s in top_b
            ]
            # Deleted articles are never found.
            assert not {a.stored_fields(d)["id"] for d, _s in top_a} & set(deleted)
