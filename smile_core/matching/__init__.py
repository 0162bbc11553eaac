"""From a validated programme to a plan: settings, pair scores, the solver (one ``solve``),
plans and checks, and the questions asked of a plan (what-if, rematch, history)."""
