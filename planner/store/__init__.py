"""Storage: SQLAlchemy 2 models, Alembic migrations, the engine and row <-> domain mapping.

Only this package and :mod:`planner.services` talk to the database; everything above works with
the plain domain objects in :mod:`planner.records`.
"""
