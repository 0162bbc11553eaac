"""The session's workspace pickles small: the pair scores are derived and left out."""

import pickle

import polars as pl

from smile_core.matching.plan import Pair, Plan
from smile_ui.session import Workspace


def test_a_pickled_workspace_keeps_the_plan_but_not_the_pair_scores():
    """Pickling (done on every run by enforceSerializableSessionState) drops only the scores."""
    scores = pl.DataFrame({"adept_id": ["A1"] * 1000, "score": [1.0] * 1000})
    ws = Workspace(plan=Plan((Pair("A1", "M1"),)), locks=frozenset({("A1", "M1")}))
    ws = Workspace(**{**ws.__dict__, "scores_cache": (ws.settings, scores)})
    back = pickle.loads(pickle.dumps(ws))
    assert back.scores_cache is None
    assert back.plan == ws.plan and back.locks == ws.locks and back.settings == ws.settings
    assert ws.scores_cache is not None  # the live workspace keeps them
