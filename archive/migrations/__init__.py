"""Alembic migrations of the archive schema (run through archive.migrate, no alembic.ini needed)."""
