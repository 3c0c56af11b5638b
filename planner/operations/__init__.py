"""Planner operations: the use cases the window and the command line both call.

Each operation does one user action in one transaction, decides everything clinical through
the clinic policy and the single safety verdict, and returns what changed
(:class:`Changes`) with the value it made, so the window refreshes from the result instead of
announcing changes by hand (Anki's operations returning ``OpChanges`` are the model). An
operation refused for safety raises :class:`planner.errors.Refused` with the same words on
every path.
"""

from planner.operations.changes import Changes, Result

__all__ = ["Changes", "Result"]
