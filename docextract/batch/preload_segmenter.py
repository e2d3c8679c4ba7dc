"""Imported by the fork server for a batch: the word segmenter (spaCy + jieba, ~1.5 s, ~130 MB)
is loaded once, before forking, instead of once per worker on the first notice that needs it.
A single-file run skips it: that file may never need it.  Never raises.  Frozen like the
stages' heap (see ``preload``): spaCy's and jieba's objects outlive every notice."""
import gc

try:
    from docextract.text.segment import tokens

    tokens("资金下达后")
except Exception:  # noqa: BLE001, S110 - the fork server must start whatever happens here
    pass
gc.freeze()
