"""Figures true to their steps: every piece of equipment an exercise lists is drawn, big enough
to see, in each key pose; each key pose looks different from the one before it."""

from __future__ import annotations

import tomllib

import pytest

from exercise_library.catalogue import builtin_catalogue
from exercise_library.figures.equipment import EQUIPMENT_PROPS
from exercise_library.figures.fidelity import (
    DISTINCT_MOVE,
    VISIBLE_PROP,
    missing_equipment,
    similar_frames,
)
from exercise_library.figures.geometry import bbox, exercise_scene, layout
from exercise_library.figures.pose import Figure
from exercise_library.figures.primitives import Scene
from exercise_library.figures.validate import figure_problems
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Equipment


def _figure(text: str) -> Figure:
    return Figure.model_validate(tomllib.loads(text)["figure"])


def _standing_then(joints: str, contacts: str) -> Figure:
    """Standing, then standing with ``joints`` changed, resting on ``contacts``."""
    return _figure(
        '[figure]\n[[figure.poses]]\nname = "start"\npreset = "standing"\n'
        '[[figure.poses]]\nname = "end"\npreset = "standing"\n'
        f"joints = {joints}\ncontacts = {contacts}\n"
    )


def _library() -> list[Exercise]:
    return list(builtin_catalogue())


def _panel_items(scene: Scene, index: int, tag: str) -> list:  # type: ignore[type-arg]
    x0, x1 = scene.panels[index]
    return [
        it
        for it in scene.items
        if it.tag == tag and x0 <= (bbox([it])[0] + bbox([it])[2]) / 2 <= x1
    ]


# --- the library ------------------------------------------------------------------------------


def test_every_equipment_code_says_which_prop_shows_it() -> None:
    assert set(EQUIPMENT_PROPS) == set(Equipment)
    assert EQUIPMENT_PROPS[Equipment.NONE] == frozenset()
    assert all(EQUIPMENT_PROPS[e] for e in Equipment if e is not Equipment.NONE)


@pytest.mark.parametrize("exercise", _library(), ids=lambda ex: ex.code)
def test_each_piece_of_equipment_is_drawn_in_every_key_pose(exercise: Exercise) -> None:
    assert missing_equipment(exercise.figure, exercise.equipment) == []


@pytest.mark.parametrize("exercise", _library(), ids=lambda ex: ex.code)
def test_each_key_pose_looks_different_from_the_one_before(exercise: Exercise) -> None:
    assert exercise.figure is not None
    assert similar_frames(exercise.figure) == []


# --- what the checks catch --------------------------------------------------------------------

_SQUAT_WITH_BAND = """
[figure]
props = [{ kind = "band", at = "knees" }]
[[figure.poses]]
name = "start"
preset = "standing"
[[figure.poses]]
name = "bottom"
preset = "squat_bottom"
"""


def test_a_mini_band_around_the_knees_shows_from_the_side() -> None:
    # seen from the side the two knees are in one place: the band must still be drawn across
    # the legs, not as a dot between them
    scene = exercise_scene(_figure(_SQUAT_WITH_BAND))
    for index in range(2):
        x0, y0, x1, y1 = bbox(_panel_items(scene, index, "prop:band"))
        assert max(x1 - x0, y1 - y0) >= VISIBLE_PROP
    assert missing_equipment(_figure(_SQUAT_WITH_BAND), [Equipment.RESISTANCE_BAND]) == []


def test_equipment_missing_from_the_figure_is_named() -> None:
    figure = _figure(_SQUAT_WITH_BAND.replace('props = [{ kind = "band", at = "knees" }]', ""))
    problems = missing_equipment(figure, [Equipment.RESISTANCE_BAND, Equipment.NONE])
    assert problems == ["resistance_band: add a band prop to the figure"]
    assert missing_equipment(None, [Equipment.WALL]) == [
        "wall: the exercise has no figure to show it"
    ]


def test_a_prop_listed_but_not_drawn_is_named() -> None:
    # a loop band needs a pair of limbs to go round; at the head nothing can be drawn
    figure = _figure(_SQUAT_WITH_BAND.replace('at = "knees"', 'at = "head"'))
    problems = missing_equipment(figure, [Equipment.RESISTANCE_BAND])
    assert problems == [
        "resistance_band: nothing of it is drawn in pose 'start'",
        "resistance_band: nothing of it is drawn in pose 'bottom'",
    ]


def test_a_weight_in_each_hand_shows_in_front_of_and_behind_the_body() -> None:
    carry = _figure(
        """
        [figure]
        props = ["dumbbell"]
        [[figure.poses]]
        name = "start"
        preset = "walking"
        joints = { shoulder_near = 0, shoulder_far = 0, elbow_near = 0, elbow_far = 0 }
        [[figure.poses]]
        name = "end"
        preset = "standing"
        """
    )
    scene = exercise_scene(carry)
    kinds = [it.tag for it in scene.items if it.tag == "prop:dumbbell" or it.tag == "bone:pelvis"]
    first_body = kinds.index("bone:pelvis")
    # the far hand's dumbbell is painted before the body, the near hand's after it
    assert "prop:dumbbell" in kinds[:first_body]
    assert "prop:dumbbell" in kinds[first_body:]
    # side on, a dumbbell shows its handle and both plates: longer than it is tall
    x0, y0, x1, y1 = bbox(_panel_items(scene, 1, "prop:dumbbell"))
    assert x1 - x0 > y1 - y0 >= 0.15


def test_two_key_poses_that_look_the_same_are_named() -> None:
    same = _standing_then("{ knee_near = 15, hip_near = 8 }", '["far_foot"]')
    (problem,) = similar_frames(same)
    assert problem.startswith("end looks like start: nothing moves more than")
    assert f"at least {DISTINCT_MOVE * 100:.0f} cm" in problem


def test_a_small_move_that_lifts_a_part_off_the_floor_shows() -> None:
    # a calf raise moves the heels about 10 cm, but they leave the floor: that shows
    raise_ = _standing_then("{ ankle_near = -30, ankle_far = -30 }", '["toes"]')
    lay = layout(raise_)
    assert max(p.body.xy["heel_near"][1] for p in lay.panels) < 0.2
    assert similar_frames(raise_) == []


def test_an_arrow_on_a_part_that_hardly_moves_is_named() -> None:
    tilt = _figure(
        """
        [figure]
        arrow = "seat"
        [[figure.poses]]
        name = "start"
        preset = "supine_knees_bent"
        [[figure.poses]]
        name = "end"
        preset = "supine_knees_bent"
        joints = { shoulder_near = 90, shoulder_far = 90 }
        """
    )
    assert similar_frames(tilt) == [
        "the arrow follows seat, which moves only 0 cm, so no arrow is drawn; move it more "
        "or let the arrow follow what does move"
    ]


def test_the_scene_knows_where_each_key_pose_is_drawn() -> None:
    figure = _figure(_SQUAT_WITH_BAND)
    scene = exercise_scene(figure)
    assert len(scene.panels) == 2
    (a0, a1), (b0, b1) = scene.panels
    assert 0.0 <= a0 < a1 < b0 < b1 <= scene.width + 1e-9
    left = exercise_scene(
        _figure(_SQUAT_WITH_BAND.replace("[figure]\n", '[figure]\nfacing = "left"\n'))
    )
    assert left.panels == tuple(sorted((scene.width - b, scene.width - a) for a, b in scene.panels))


# --- seen from above ----------------------------------------------------------------------------

_SIDE_KICK = """
[figure]
view = "above"
props = ["mat"]
[[figure.poses]]
name = "forward"
preset = "side_lying"
joints = { hip_near = 70 }
[[figure.poses]]
name = "back"
preset = "side_lying"
joints = { hip_near = -30 }
"""


def test_seen_from_above_a_side_kick_swings_the_top_leg_forward_and_back() -> None:
    figure = _figure(_SIDE_KICK)
    forward, back = (p.body.drawn() for p in layout(figure).panels)
    # the floor is the picture: forward is down it, back is up it, the body lies across it
    assert forward.xy["ankle_near"][1] < forward.xy["pelvis"][1] - 0.4
    assert back.xy["ankle_near"][1] > back.xy["pelvis"][1] + 0.1
    assert abs(forward.xy["head"][1] - forward.xy["pelvis"][1]) < 0.1
    scene = exercise_scene(figure)
    for index in range(2):
        (mat,) = _panel_items(scene, index, "prop:mat")
        x0, _, x1, _ = bbox([mat])
        assert x1 - x0 > 1.5  # under the whole body lying across the picture
    assert similar_frames(figure) == []


def test_seen_from_above_a_chair_cannot_be_drawn() -> None:
    with pytest.raises(ValueError, match="seen from above only a mat, a band or what the hands"):
        _figure(_SIDE_KICK.replace('props = ["mat"]', 'props = ["mat", "chair"]'))


def test_lying_on_the_back_seen_from_above_rests_on_the_floor_like_from_the_side() -> None:
    knee_rolls = _figure(
        """
        [figure]
        view = "above"
        [[figure.poses]]
        name = "start"
        preset = "supine_knees_bent"
        joints = { turn = 90 }
        [[figure.poses]]
        name = "end"
        preset = "supine_knees_bent"
        joints = { turn = 90, roll = 35, lumbar_rot = -20 }
        contacts = ["upper_back", "seat"]
        """
    )
    assert figure_problems(knee_rolls) == []
    start, end = (p.body.drawn() for p in layout(knee_rolls).panels)
    # lying across the picture, and the knees fall to one side: they move up or down it
    assert abs(start.xy["head"][1] - start.xy["pelvis"][1]) < 0.1
    assert abs(end.xy["knee_near"][1] - start.xy["knee_near"][1]) > DISTINCT_MOVE


def test_a_skipping_rope_goes_over_the_head_then_under_the_feet_in_the_hop() -> None:
    figure = _figure(
        """
        [figure]
        props = ["rope"]
        [[figure.poses]]
        name = "start"
        preset = "standing"
        joints = { elbow_near = 70, elbow_far = 70 }
        [[figure.poses]]
        name = "hop"
        preset = "standing"
        joints = { ankle_near = -40, ankle_far = -40, elbow_near = 70, elbow_far = 70 }
        contacts = ["toes"]
        lift = 0.1
        """
    )
    scene = exercise_scene(figure)
    heads = [it for it in scene.items if it.tag == "bone:head"]
    feet = [it for it in scene.items if it.tag == "bone:foot_near"]
    standing, hopping = (bbox(_panel_items(scene, i, "prop:rope")) for i in range(2))
    # scene y grows downwards: the rope's top is above the head, then its bottom below the feet
    assert standing[1] < bbox([heads[0]])[1]
    assert hopping[3] > bbox([feet[1]])[3]
