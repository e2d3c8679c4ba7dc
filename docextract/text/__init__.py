"""Shared leaves every stage may use: numerals, dates, offset-tracked text, anchored scans,
word segmentation of short spans."""
