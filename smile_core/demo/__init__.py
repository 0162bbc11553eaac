"""The demo programmes (deterministic) and random programmes for benchmarks and tests."""
