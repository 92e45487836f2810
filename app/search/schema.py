"""The Whoosh schema and how an article becomes an index document.

Searching one combined field per kind of term is what makes Whoosh fast here: a query word is one posting list in
``words`` (plus its bigrams in ``grams``) instead of an OR over six fields. Where a word came from (title,
相似问, tags, kind-specific text, body) is kept as the posting's weight, so a title match still counts most.

Whoosh pickles field types into the index by import path: keep :class:`AnalysedText` here under this name (bump
``SCHEMA_VERSION`` when the mapping changes; an index with another number is rebuilt).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from whoosh import formats
from whoosh.fields import ID, KEYWORD, FieldType, Schema

from app.model import KIND_FIELDS, Article, channel_label
from app.search.analysis import bigram_analyzer, chars_of, grams_of, normalize, word_analyzer, words_of
from app.search.pinyin import title_spellings

SCHEMA_VERSION = 5  # 3: posting blocks as arrays; 4: the codec pickled from app.search.whoosh_internals; 5: channels in words

# Weights of a word by where it stands (BM25 uses them as term frequency).
TITLE_WEIGHT = 3.0
PHRASINGS_WEIGHT = 2.5
TAGS_WEIGHT = 2.0
DETAILS_WEIGHT = 1.2
BODY_WEIGHT = 1.0
# Bigrams of long text are noisy: the body's count half as much as the title's.
GRAM_TITLE_WEIGHT = 1.0
GRAM_BODY_WEIGHT = 0.5

Parts = Sequence[tuple[str, float]]


class AnalysedText(FieldType):
    """A scorable text field analysed by Deskbook itself, fed with weighted parts ``[(text, weight), …]``.

    ``terms`` names how text becomes terms: ``words`` (jieba search mode), ``grams`` (Chinese bigrams) or
    ``pinyin`` (title words spelled in pinyin and initials). Analysis happens inside ``index()``, so a
    multi-process writer runs it in its workers.
    """

    def __init__(self, terms: str):
        super().__init__(formats.Existence(), word_analyzer() if terms != "grams" else bigram_analyzer(), scorable=True)
        self.terms = terms

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AnalysedText) and other.terms == self.terms

    def __hash__(self) -> int:
        return hash((AnalysedText, self.terms))

    def analyse(self, value: Parts) -> tuple[int, dict[str, float]]:
        """(field length, {term: summed weight}) of weighted parts of *normalised* text."""
        weights: dict[str, float] = {}
        length = 0
        terms_of = _TERMS[self.terms]
        # Longest part first: its terms go in with one dict comprehension, the short parts add to them.
        for text, weight in sorted(value, key=lambda part: -len(part[0])):
            if not text:
                continue
            counted = Counter(terms_of(text))
            length += sum(counted.values())
            if not weights:
                weights = {term: n * weight for term, n in counted.items()}
                continue
            get = weights.get
            for term, n in counted.items():
                weights[term] = get(term, 0.0) + n * weight
        return length, weights

    def index(self, value: Parts, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        # Whoosh's writer (incremental updates) adds up the yielded frequencies as the field length.
        length, weights = self.analyse(value)
        first = True
        for term, weight in weights.items():
            yield term.encode("utf-8"), (length - len(weights) + 1 if first else 1), weight, b""
            first = False


def _pinyin_terms(folded: str) -> list[str]:
    return title_spellings(words_of(folded))


_TERMS = {"words": words_of, "grams": grams_of, "pinyin": _pinyin_terms, "chars": chars_of}


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        words=AnalysedText("words"),
        grams=AnalysedText("grams"),
        pinyin=AnalysedText("pinyin"),
        chars=AnalysedText("chars"),
        tags=KEYWORD(commas=True, lowercase=True),
        group=ID,
        kind=ID,
        status=ID,
    )


def details_text(article: Article) -> str:
    """The kind-specific fields as one text (case statement, cause, solution; script reply; handbook questions);
    a script's channel in the words agents type (电话, not the stored ``phone``)."""
    return "\n".join(channel_label(article.field_text(name)) if name == "channel" else article.field_text(name)
                     for name in KIND_FIELDS[article.kind] if name != "resolved_at")


def to_document(article: Article) -> dict:
    """The index document; text parts are normalised once here (the fields expect normalised text)."""
    title = normalize(article.title)
    details = normalize(details_text(article))
    phrasings = normalize("\n".join(article.phrasings))
    tags = normalize(" ".join(article.tags))
    body = normalize(article.body)
    return {
        "id": article.id,
        "words": [
            (title, TITLE_WEIGHT),
            (phrasings, PHRASINGS_WEIGHT),
            (tags, TAGS_WEIGHT),
            (details, DETAILS_WEIGHT),
            (body, BODY_WEIGHT),
        ],
        "grams": [
            (title, GRAM_TITLE_WEIGHT),
            (phrasings, GRAM_TITLE_WEIGHT),
            (details, GRAM_BODY_WEIGHT),
            (body, GRAM_BODY_WEIGHT),
        ],
        "pinyin": [(title, 1.0)],
        "chars": [(title, 1.0), (phrasings, 1.0)],
        "tags": ",".join(article.tags),
        "group": article.group,
        "kind": article.kind.value,
        "status": article.status.value,
    }
