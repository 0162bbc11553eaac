"""One module per rule of the matching model, registered in :mod:`.registry`.

Each module's ``add(ctx)`` adds its constraints to the model context
(:class:`~smile_core.matching.solver.context.ModelContext`), and its ``RULE``
(:class:`~smile_core.matching.solver.rules.rule.Rule`) declares the rest in the same place: the text
key, the settings, the objective terms, the public check, the warm-start mirror and the
unmatched-reason part. The façade (:mod:`smile_core.matching.solver.solve`) decides which terms form
each stage's objective. How to add a rule: see :mod:`.registry`.
"""
