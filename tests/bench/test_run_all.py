"""``make bench``'s runner: which modules count as benchmarks and what the results file says."""

from bench.run_all import BenchRun, benchmark_names, results_markdown


def test_every_runnable_bench_module_is_found():
    """The matching, page-switch and scale benchmarks are found; the runner itself is not."""
    names = benchmark_names()
    assert {"matching", "page_switch", "scale"} <= set(names)
    assert "run_all" not in names and "__init__" not in names


def test_results_name_a_failed_benchmark_and_keep_its_output():
    """A failed benchmark is marked as failed in the table, and its last output is kept."""
    runs = [
        BenchRun("fast", 0, 1.24, 210.0, "all good\n"),
        BenchRun("broken", 2, 0.5, 80.4, "Traceback: boom\n"),
    ]
    text = results_markdown(runs)
    assert "| `fast` | ran to its end | 1.2 | 210 |" in text
    assert "| `broken` | FAILED (exit 2) | 0.5 | 80 |" in text
    assert "## broken\n\n```\nTraceback: boom\n```" in text
