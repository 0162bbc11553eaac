"""Files in, a validated programme out: reading (in an isolated child), column mapping,
vocabulary, validation with every problem at once, and the typed Programme."""
