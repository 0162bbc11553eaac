"""After matching: follow-ups and evaluation answers, and their figures."""
