"""The single safety verdict: may this client do this exercise, and may they exercise at all.

Every path that offers, keeps or prints an exercise asks here and nowhere else: the library
filter in the window, ``library search --safe-for``, the recommender, the conflict check on an
existing programme, the print check and every command. See :mod:`planner.safety.verdict` for
the per-exercise answer and :mod:`planner.safety.block` for the client-level referral block.
"""

from planner.safety.block import Block, client_block
from planner.safety.context import ClientContext
from planner.safety.verdict import Status, Verdict, exercise_verdict

__all__ = ["Block", "ClientContext", "Status", "Verdict", "client_block", "exercise_verdict"]
