"""Use cases: load the state a decision needs, call the pure core, apply its effects in one transaction."""
