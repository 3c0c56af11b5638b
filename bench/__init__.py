"""Benchmarks, run with `python -m bench [NAME ...]`; never part of the test run.

Each module `bench/<name>_bench.py` has a `main()` that prints a Markdown table of medians and
ratios measured side by side in one run; the tables are copied into bench/RESULTS.md with the
machine they ran on.
"""
