"""monaydb: the thin CLI around Monay's PostgreSQL schema (migrations, tests, lint, bench)."""

__version__ = "0.1.0"
