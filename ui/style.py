"""Colours that carry a meaning in the window, each defined once.

A problem, a refusal and a worse score are all shown in the same red, so the therapist learns
one colour; a module that wants it imports it from here rather than typing the hex again.
"""

from __future__ import annotations

# Problems, refusals and anything worse than before: a deep red that keeps its contrast on a
# white or light-grey background (about 7:1 on white).
ERROR_COLOUR = "#b00020"
