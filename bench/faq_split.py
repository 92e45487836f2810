"""The AFQMC dev queries split once, deterministically, into a tuning half and an untouched half.

Parameters are chosen on the tuning half only; the untouched half is looked at once a choice is recorded (see
bench/RESULTS.md). The split is stratified by the product a query names (花呗 / 借呗 / neither), so both halves ask
about the same mix, and within a stratum it follows the SHA-256 of the query id: no randomness, no dependence on
the order of the file, and a new query added to the file does not move the others.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

HALVES = ("tuning", "untouched")


@dataclass(frozen=True)
class Query:
    qid: str
    text: str
    relevant: frozenset[str]


def stratum(text: str) -> str:
    if "花呗" in text:
        return "huabei"
    if "借呗" in text:
        return "jiebei"
    return "other"


def read_queries(path: Path) -> list[Query]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [Query(row["qid"], row["query"].strip(), frozenset(row["relevant"])) for row in rows]


def split(queries: list[Query]) -> dict[str, list[Query]]:
    """{"tuning": [...], "untouched": [...]}: within each stratum, queries ordered by the hash of their id go to
    the two halves in turn (the halves differ by at most one query per stratum)."""
    halves: dict[str, list[Query]] = {name: [] for name in HALVES}
    strata: dict[str, list[Query]] = {}
    for query in queries:
        strata.setdefault(stratum(query.text), []).append(query)
    for name in sorted(strata):
        ordered = sorted(strata[name], key=lambda q: hashlib.sha256(q.qid.encode("utf-8")).hexdigest())
        for i, query in enumerate(ordered):
            halves[HALVES[i % 2]].append(query)
    return halves
