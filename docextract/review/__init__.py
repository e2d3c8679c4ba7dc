"""Stage 6 beside export: what a person reviews (the diff of two versions, the review page)."""
