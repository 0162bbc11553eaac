"""Re-matching after someone leaves: the agreed pairs stay, only freed seats move."""

import dataclasses

from demo_data import demo_programme

from smile_core.matching.rematch import kept_pairs, rematch_after_leaving
from smile_core.matching.settings import MatchSettings
from smile_core.matching.solver import solve

SETTINGS = MatchSettings(time_limit_seconds=10)


def _without_adept(programme, adept_id):
    return dataclasses.replace(
        programme, adepts=tuple(a for a in programme.adepts if a.id != adept_id)
    )


def test_an_adept_leaving_moves_almost_nobody_under_the_equality_rules():
    """One adept leaves (parity on): nobody changes mentor, at most one more pair is swapped."""
    programme = demo_programme("vocational")
    agreed = solve(programme, SETTINGS).plan
    leaver = agreed.pairs[0]
    result = rematch_after_leaving(_without_adept(programme, leaver.adept_id), agreed, SETTINGS)
    assert result.has_plan
    diff = result.diff
    assert diff is not None and not diff.changed
    assert (leaver.adept_id, leaver.mentor_id) in diff.removed
    assert diff.kept >= len(agreed.pairs) - 2
    assert leaver.adept_id not in result.plan.mentor_of


def test_without_equality_rules_the_other_pairs_are_locked():
    """With the parity rules off, every other agreed pair comes back locked."""
    programme = demo_programme("vocational")
    equality = dataclasses.replace(
        SETTINGS.equality,
        match_rate=dataclasses.replace(SETTINGS.equality.match_rate, enabled=False),
        quality=dataclasses.replace(SETTINGS.equality.quality, enabled=False),
    )
    settings = dataclasses.replace(SETTINGS, equality=equality)
    agreed = solve(programme, settings).plan
    leaver = agreed.pairs[0].adept_id
    result = rematch_after_leaving(_without_adept(programme, leaver), agreed, settings)
    locked = {(p.adept_id, p.mentor_id) for p in result.plan.pairs if p.locked}
    assert locked == {(p.adept_id, p.mentor_id) for p in agreed.pairs[1:]}


def test_the_freed_seat_can_go_to_an_unmatched_adept():
    """The leaver's mentor may take a previously unmatched adept; nobody else moves."""
    programme = demo_programme("vocational")
    first = solve(programme, SETTINGS)
    agreed = first.plan
    leaver = agreed.pairs[0].adept_id
    result = rematch_after_leaving(_without_adept(programme, leaver), agreed, SETTINGS)
    before_unmatched = {u.adept_id for u in first.unmatched}
    assert result.diff is not None
    assert {a for a, _ in result.diff.added} <= before_unmatched
    assert result.matched >= first.matched - 1


def test_kept_pairs_drop_pairs_of_people_who_left():
    """A pair whose mentor left is not locked; all others are."""
    programme = demo_programme("vocational")
    agreed = solve(programme, SETTINGS).plan
    gone_mentor = agreed.pairs[0].mentor_id
    remaining = dataclasses.replace(
        programme, mentors=tuple(m for m in programme.mentors if m.id != gone_mentor)
    )
    kept = kept_pairs(agreed, remaining)
    assert all(m != gone_mentor for _, m in kept)
    assert len(kept) == sum(1 for p in agreed.pairs if p.mentor_id != gone_mentor)
