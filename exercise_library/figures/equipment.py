"""Which drawn prop shows each piece of equipment an exercise lists.

An exercise's ``equipment`` tags say what the client needs; its figure must show each of them,
or the picture and the steps disagree (a mini-band squat with no band). Every equipment code
is mapped here, so a new code cannot be added without deciding how a figure shows it; ``none``
needs nothing drawn.
"""

from __future__ import annotations

from typing import Final

from exercise_library.figures.pose import PropKind
from exercise_library.vocabulary import Equipment

EQUIPMENT_PROPS: Final[dict[Equipment, frozenset[PropKind]]] = {
    Equipment.NONE: frozenset(),
    Equipment.MAT: frozenset({PropKind.MAT}),
    Equipment.RESISTANCE_BAND: frozenset({PropKind.BAND}),
    Equipment.DUMBBELLS: frozenset({PropKind.DUMBBELL}),
    Equipment.KETTLEBELL: frozenset({PropKind.KETTLEBELL}),
    Equipment.BARBELL: frozenset({PropKind.BARBELL}),
    Equipment.CABLE_MACHINE: frozenset({PropKind.CABLE}),
    Equipment.LEG_PRESS_MACHINE: frozenset({PropKind.LEG_PRESS}),
    Equipment.LEG_CURL_MACHINE: frozenset({PropKind.LEG_CURL}),
    Equipment.FOAM_ROLLER: frozenset({PropKind.FOAM_ROLLER}),
    Equipment.SWISS_BALL: frozenset({PropKind.BALL}),
    Equipment.STEP_OR_STAIRS: frozenset({PropKind.STEP}),
    Equipment.BENCH: frozenset({PropKind.BENCH}),
    Equipment.POOL: frozenset({PropKind.WATER}),
    Equipment.BICYCLE: frozenset({PropKind.BIKE, PropKind.RECUMBENT_BIKE}),
    Equipment.CHAIR: frozenset({PropKind.CHAIR}),
    Equipment.WALL: frozenset({PropKind.WALL}),
}
