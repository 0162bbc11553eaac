"""How large a programme the dashboard takes in.

The dashboard's pages hold every adept × mentor pair's scores as one frame (the heat map, each
adept's candidates, the plan editor), and the readiness check keeps every allowed pair: about
150 bytes a pair. At 5,000 adepts and 3,500 mentors (17.5 million pairs) a page peaks at 3 GB
(``bench/page_switch.py``). A programme of 50,000 adepts and 35,000 mentors passes the readers'
limits (50,000 rows a table) but would need hundreds of gigabytes there: the kernel would stop
the server, and every other user's session with it.

So a programme over :data:`DASHBOARD_MAX_PAIRS` adept × mentor pairs is refused where it would
enter the dashboard — the upload check (an error in its report, naming the sizes) and opening a
stored cohort (:class:`TooLargeForDashboard`) — with the way on: ``smile match`` solves such a
programme on one machine (50,000 adepts in under four minutes, README "Scale"), or the
programme is split by region or cohort.
"""

from __future__ import annotations

import dataclasses

from smile_core.ingest.participants import Programme
from smile_core.ingest.problems import Problem, Report, Severity
from smile_core.ingest.validation import LoadResult
from smile_core.store.errors import StoreError
from smile_core.text import Message, both

#: The most adept × mentor pairs the dashboard takes in (for example 5,000 adepts and 4,000
#: mentors): a page then stays near 3–4 GB, so two coordinators fit on a 24 GiB server.
DASHBOARD_MAX_PAIRS = 20_000_000


class TooLargeForDashboard(StoreError):
    """A stored cohort too large for the dashboard was asked to open (nothing changed)."""


def _params(programme: Programme) -> dict[str, object]:
    adepts, mentors = len(programme.adepts), len(programme.mentors)
    return {
        "adepts": adepts,
        "mentors": mentors,
        "pairs": adepts * mentors / 1_000_000,
        "most": DASHBOARD_MAX_PAIRS / 1_000_000,
    }


def too_large(programme: Programme) -> bool:
    """Whether ``programme`` has more adept × mentor pairs than the dashboard takes in."""
    return len(programme.adepts) * len(programme.mentors) > DASHBOARD_MAX_PAIRS


def refuse_oversized(load: LoadResult) -> LoadResult:
    """``load`` as it is, unless its programme is :func:`too_large`: then the same result
    without the programme and with an error (on the mentors file, the value "adepts ×
    mentors") that gives the sizes, the limit and the way on."""
    programme = load.programme
    if programme is None or not too_large(programme):
        return load
    params = _params(programme)
    problem = Problem(
        severity=Severity.ERROR,
        file=load.files.get("mentors") or load.files.get("adepts") or "",
        row=None,
        column=None,
        value=f"{params['adepts']} × {params['mentors']}",
        message_sv=both("dashboard.too_large", **params)[0],
        message_en=both("dashboard.too_large", **params)[1],
    )
    return dataclasses.replace(load, programme=None, report=load.report + Report((problem,)))


def require_dashboard_size(programme: Programme) -> None:
    """Raise :class:`TooLargeForDashboard` when ``programme`` is :func:`too_large`."""
    if too_large(programme):
        raise TooLargeForDashboard(Message.of("dashboard.too_large", **_params(programme)))
