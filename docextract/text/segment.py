"""Word segmentation for short spans: spaCy's blank Chinese pipeline with the jieba segmenter.

Used only where a word boundary decides (the event a relative deadline counts from), never
over whole notices: the hot path stays on compiled patterns.  Loaded lazily, once per process.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset in the span given to ``tokens``
    end: int


@cache
def _pipeline():
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def tokens(span: str) -> list[Token]:
    """The words of a short span, with offsets.

    >>> [t.text for t in tokens("扶贫资金下达后")]
    ['扶贫', '资金', '下达', '后']
    """
    doc = _pipeline()(span)
    return [Token(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
