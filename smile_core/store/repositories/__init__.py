"""One repository per record (programmes, mappings, versions, members, runs, edits, groups,
outcomes, privacy, audit), each over the shared :class:`~smile_core.store.unit_of_work.UnitOfWork`;
:class:`smile_core.store.Repository` is all of them at once."""
