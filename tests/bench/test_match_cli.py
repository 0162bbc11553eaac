"""The end-to-end ``smile match`` benchmark's verdict against issue 11's targets."""

from bench.match_cli import BINDING_TARGET, CliRun, verdict


def _run(seconds: float, peak_mb: float, gap: float = 0.0) -> CliRun:
    return CliRun(0, seconds, peak_mb, {"gap": gap, "status": "optimal", "matched": 1}, "")


def test_a_run_within_every_target_is_met():
    """10,000 adepts in 24 s and 2.1 GB meet the 60 s and 3 GB targets."""
    assert verdict(10_000, _run(24.0, 2_121.0)) == "met"


def test_each_missed_figure_is_named():
    """Over time, over memory and over the gap limit are each named with their figures."""
    shown = verdict(50_000, _run(301.0, 13_000.0, gap=0.002))
    assert shown.startswith("MISSED (")
    assert "301.0 s > 300 s" in shown
    assert "13,000 MB > 12,288 MB" in shown
    assert "gap 0.2000% > 0.1%" in shown


def test_a_size_without_a_target_has_no_verdict():
    """A size the issue sets no target for is shown as such, not as met."""
    assert verdict(2_000, _run(1.0, 100.0)) == "no target"


def test_a_binding_cohort_must_be_proven_optimal():
    """A binding cohort's run is missed when its plan is only feasible, however fast."""
    run = CliRun(0, 1.2, 300.0, {"gap": 0.0001, "status": "feasible", "matched": 29}, "")
    shown = verdict(40, run, BINDING_TARGET)
    assert shown.startswith("MISSED (")
    assert "feasible, not proven optimal" in shown
    proven = CliRun(0, 1.2, 300.0, {"gap": 0.0, "status": "optimal", "matched": 29}, "")
    assert verdict(40, proven, BINDING_TARGET) == "met"
