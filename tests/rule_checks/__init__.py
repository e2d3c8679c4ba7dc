"""Check functions for rule examples: one module per rules file (see tests/test_rule_examples.py)."""
