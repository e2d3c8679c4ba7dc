"""Imported by the fork server before it forks any worker: the stages are imported and their
rules compiled here once (a tiny extraction), so every worker starts warm and shares these
pages with its siblings instead of paying its own start-up.  Never raises: a stage that cannot
be loaded is reported per file by the worker.

The loaded heap is then frozen (``gc.freeze``): the rules, lexicons and modules live as long as
the process, so the workers' full collections skip them (each would otherwise walk the whole
heap again) and their pages stay shared instead of being copied by the collector's writes."""
import gc

try:
    from docextract.pipeline import PROBE_NOTICE, extract_text

    extract_text(PROBE_NOTICE)
except Exception:  # noqa: BLE001, S110 - the fork server must start whatever happens here
    pass
try:
    # The parser of the HTML and DOCX loaders, mapped here once: a worker near its memory cap
    # (an address-space limit) could otherwise fail to map the library itself, and report a
    # readable page as unreadable.
    import lxml.etree  # noqa: F401
except ImportError:
    pass
gc.freeze()
