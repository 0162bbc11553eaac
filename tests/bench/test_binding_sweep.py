"""The binding sweep's sorting of runs against the 1 s target (bench.matching)."""

from bench.matching import sweep_row


def test_runs_are_sorted_into_on_time_late_and_unproven():
    """Proven within 1 s, proven later and unproven are told apart, seeds kept in order."""
    row = sweep_row(
        [
            (0, "optimal", 0.2, 0.0),
            (1, "optimal", 1.3, 0.0),
            (2, "feasible", 10.0, 0.0014),
            (3, "optimal", 1.0, 0.0),
        ]
    )
    assert (row.on_time, row.late, row.unproven) == ((0, 3), (1,), (2,))
    assert row.worst_seconds == 10.0
    assert row.median_seconds == 1.3
    assert row.worst_gap == 0.0014


def test_a_fast_feasible_run_is_unproven_not_on_time():
    """A plan stopped unproven counts as unproven however fast it came."""
    row = sweep_row([(5, "feasible", 0.1, 0.0)])
    assert row.on_time == ()
    assert row.unproven == (5,)
