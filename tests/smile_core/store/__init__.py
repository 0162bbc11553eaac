"""Tests of smile_core.store (a package, so module names cannot clash with tests elsewhere)."""
