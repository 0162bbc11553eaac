"""Every action a person takes, as one function of the core: who acts, what they asked, one
store transaction.

Each workflow takes a :class:`~smile_core.access.Service` (the store as the acting user may
use it), checks that user first (:class:`~smile_core.access.Forbidden` for what the role may
never do, :class:`~smile_core.store.NotFound` for what they may not see), and does all of its
writes in one transaction (:meth:`~smile_core.store.Repository.atomic`): a failure half-way
leaves the store as it was. The dashboard (``smile_ui``, ``pages``) only collects the input and
shows the result.

- :mod:`.programmes` — create a programme (with its first cohort).
- :mod:`.uploads` — store an upload as a version of a chosen or new cohort (or one per intake).
- :mod:`.runs` — save a run of a match (with the hand edits that made its plan).
- :mod:`.plan_edits` — edit a plan: change a mentor, lock, forbid, unlock, note; what an edit
  means (a changed mentor is locked; the audit entries) and saving the edited plan.
- :mod:`.leaving` — someone leaves: re-match the rest and save, recording the leaving.
- :mod:`.groups` — save the cohort's mentor groups.
- :mod:`.outcomes` — store one import of follow-ups and evaluation answers.
- :mod:`.privacy` — erase a person everywhere; purge programmes past retention.
"""
