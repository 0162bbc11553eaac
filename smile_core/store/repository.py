"""The store's one entry point: :class:`Repository`, every record's repository over one engine.

Each record has its own repository in :mod:`smile_core.store.repositories` (programmes,
mappings, versions, members, runs, edits, groups, outcomes, privacy, audit), all built on
:class:`~smile_core.store.unit_of_work.UnitOfWork`: every method is one short transaction that
commits everything or, on any error, nothing; :meth:`Repository.atomic` runs several methods,
of any record, as one transaction instead.

Adepts and mentors are addressed by the coordinator's id within a cohort (``"A017"``) or, for
a person across cohorts and for the data-protection duties, by their ``person_key``.
Nothing here logs anything.
"""

from __future__ import annotations

from sqlalchemy.engine import URL

from smile_core.store.engine import create_engine
from smile_core.store.migrate import upgrade
from smile_core.store.repositories.audit import AuditRepository
from smile_core.store.repositories.edits import EditRepository
from smile_core.store.repositories.groups import GroupRepository
from smile_core.store.repositories.mappings import MappingRepository
from smile_core.store.repositories.members import MemberRepository
from smile_core.store.repositories.outcomes import OutcomeRepository
from smile_core.store.repositories.privacy import PrivacyRepository
from smile_core.store.repositories.programmes import ProgrammeRepository
from smile_core.store.repositories.runs import RunRepository
from smile_core.store.repositories.versions import VersionRepository


class Repository(
    ProgrammeRepository,
    MappingRepository,
    VersionRepository,
    MemberRepository,
    RunRepository,
    EditRepository,
    GroupRepository,
    OutcomeRepository,
    PrivacyRepository,
    AuditRepository,
):
    """Programmes, cohorts, participant versions, runs, edits, groups and outcomes: every
    record's repository, sharing one engine, clock and (inside :meth:`atomic`) transaction.

    ``clock`` gives the current UTC time (tests pass a fixed one).
    """

    @classmethod
    def open(cls, url: str | URL | None = None) -> Repository:
        """Connect to ``url`` (default: ``SMILE_DATABASE_URL`` or ``data/smile.db``), migrate
        it to the current schema, and return a repository over it."""
        engine = create_engine(url)
        upgrade(engine)
        return cls(engine)
