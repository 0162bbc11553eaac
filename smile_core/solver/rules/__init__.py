"""One module per rule of the matching model.

Each module's ``add(ctx)`` adds its constraints to the model context
(:class:`~smile_core.solver.context.ModelContext`) and returns its objective term, or ``None``
when it has none. The façade (:mod:`smile_core.solver.solve`) decides which terms form each
stage's objective.
"""
