"""Figures over a roster: per-person summary, hours and overtime, posts. They read the domain
model only, so every format, service and front end can show the same numbers."""
