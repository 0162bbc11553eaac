"""Benchmarks: speed targets live here, not in timed tests. Run with ``make bench``."""
