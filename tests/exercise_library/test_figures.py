"""Exercise figures as a client sees them: every figure stands on the floor, its joints hold
together, and the positions a client must recognise (plank, child's pose, side plank, squat)
look like themselves."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from exercise_library.catalogue import DATA_DIR, builtin_catalogue, parse_exercise_toml
from exercise_library.figures.body import GROUPS, JOINT_LIMITS, LIMB_JOINT_NAMES
from exercise_library.figures.geometry import Layout, exercise_scene, layout
from exercise_library.figures.pose import Figure, PropKind
from exercise_library.figures.posing import PosedBody
from exercise_library.figures.presets import PRESETS
from exercise_library.figures.primitives import Line
from exercise_library.figures.validate import figure_problems
from exercise_library.schema import Exercise

# Folders whose every exercise must have a figure; extended as each folder's poses are written.
FOLDERS_WITH_FIGURES: tuple[str, ...] = (
    "pilates",
    "strength",
    "yoga",
    "cross_training",
    "mobility",
    "warm_up",
)

README = Path(__file__).resolve().parents[2] / "exercise_library" / "figures" / "README.md"


def _figure(text: str) -> Figure:
    import tomllib

    return Figure.model_validate(tomllib.loads(text)["figure"])


def _with_figures() -> list[Exercise]:
    return [ex for ex in builtin_catalogue() if ex.figure is not None]


def _pose(lay: Layout, name: str) -> PosedBody:
    return next(p.body for p in lay.panels if p.pose.name == name)


# --- the library ------------------------------------------------------------------------------


def test_every_exercise_in_a_finished_folder_has_a_figure() -> None:
    cat = builtin_catalogue()
    missing = [
        code
        for code, source in cat.sources.items()
        if Path(source).parent.name in FOLDERS_WITH_FIGURES and cat[code].figure is None
    ]
    assert missing == []


def test_the_finished_folders_are_real_library_folders() -> None:
    folders = {p.name for p in DATA_DIR.iterdir() if p.is_dir()}
    assert set(FOLDERS_WITH_FIGURES) <= folders


@pytest.mark.parametrize("exercise", _with_figures(), ids=lambda ex: ex.code)
def test_figure_rests_on_the_floor_with_no_limb_through_anything(exercise: Exercise) -> None:
    assert exercise.figure is not None
    assert figure_problems(exercise.figure) == []


@pytest.mark.parametrize("exercise", _with_figures(), ids=lambda ex: ex.code)
def test_drawn_limbs_stay_joined_at_every_joint(exercise: Exercise) -> None:
    assert exercise.figure is not None
    _assert_joined(exercise_scene(exercise.figure))


def _assert_joined(scene) -> None:  # type: ignore[no-untyped-def]
    """Each panel draws every bone once; a bone must start where its parent ends."""
    panels: list[dict[str, Line]] = []
    for item in scene.items:
        if isinstance(item, Line) and item.tag.startswith("bone:"):
            name = item.tag[5:]
            if not panels or name in panels[-1]:
                panels.append({})
            panels[-1][name] = item
    chains = [("lower_trunk", "upper_trunk")]
    for side in ("near", "far"):
        chains += [
            (f"thigh_{side}", f"shin_{side}"),
            (f"upper_arm_{side}", f"forearm_{side}"),
            (f"forearm_{side}", f"hand_{side}"),
        ]
    assert panels
    for bones in panels:
        for parent, child in chains:
            if parent in bones and child in bones:
                assert math.dist(bones[parent].b, bones[child].a) < 1e-9, (parent, child)
        for side in ("near", "far"):
            # the shin ends inside the foot (the ankle sits just above the sole's line)
            shin, foot = bones.get(f"shin_{side}"), bones.get(f"foot_{side}")
            if shin is not None and foot is not None:
                assert _distance_to_segment(shin.b, foot.a, foot.b) < foot.width / 2


def _distance_to_segment(p, a, b) -> float:  # type: ignore[no-untyped-def]
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    n = dx * dx + dy * dy
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / n))
    return math.dist(p, (ax + dx * t, ay + dy * t))


# --- what a client must recognise -------------------------------------------------------------


def test_forearm_plank_is_straight_face_down_on_forearms_and_toes() -> None:
    lay = layout(_figure(_PLANK))
    body = _pose(lay, "hold")
    xy = body.xy
    # face down: the nose is below the centre of the head
    assert xy["nose"][1] < xy["head"][1]
    # straight: shoulders, hips and ankles in one line (hips neither piked nor sagging)
    sag = _distance_to_line(xy["pelvis"], xy["neck"], xy["ankle_near"])
    assert sag < 0.05
    # on forearms and toes, and nothing else touches
    for p in ("elbow_near", "wrist_near", "toe_near"):
        assert body.group_bottom(_group_of(p)) < 0.02, p
    assert body.group_bottom("knees") > 0.1
    assert body.group_bottom("seat") > 0.15


def test_childs_pose_kneels_folded_forward() -> None:
    lay = layout(_figure(_CHILDS_POSE))
    body = _pose(lay, "rest")
    xy = body.xy
    assert body.angles["knee_near"] > 130  # kneeling, sitting back
    assert body.group_bottom("shins") < 0.02  # shins on the mat
    assert xy["head"][1] < xy["pelvis"][1]  # folded forward: head below the hips
    assert body.group_bottom("hands") < 0.02  # arms reaching along the floor


def test_side_plank_rests_on_one_forearm_with_hips_lifted() -> None:
    lay = layout(_figure(_SIDE_PLANK))
    start, hold = _pose(lay, "start"), _pose(lay, "hold")
    assert hold.group_bottom("far_forearm") < 0.02
    assert hold.group_bottom("near_forearm") > 0.2  # the top arm is off the floor
    assert hold.group_bottom("far_foot") < 0.02
    assert hold.xy["pelvis"][1] > start.xy["pelvis"][1] + 0.1


def test_squat_end_pose_has_hips_back_and_knees_bent() -> None:
    lay = layout(_figure(_SQUAT))
    start, bottom = _pose(lay, "start"), _pose(lay, "bottom")
    heel_x = bottom.xy["heel_near"][0]
    assert bottom.xy["pelvis"][0] < heel_x  # hips sit back behind the heels
    assert bottom.angles["knee_near"] >= 90
    assert bottom.xy["pelvis"][1] < start.xy["pelvis"][1] - 0.3
    assert bottom.group_bottom("feet") < 0.01  # heels stay down


def test_bridge_lifts_the_hips_while_shoulders_and_feet_stay_down() -> None:
    lay = layout(_figure(_BRIDGE))
    start, top = _pose(lay, "start"), _pose(lay, "end")
    assert top.xy["pelvis"][1] > start.xy["pelvis"][1] + 0.2
    assert top.group_bottom("upper_back") < 0.03
    assert top.group_bottom("feet") < 0.03
    # the feet do not slide between the two pictures
    assert abs(top.xy["heel_near"][0] - start.xy["heel_near"][0]) < 0.05


def test_a_chair_stays_put_when_the_client_stands_up() -> None:
    lay = layout(_figure(_SIT_TO_STAND))
    (chair,) = lay.props
    seated, standing = _pose(lay, "start"), _pose(lay, "end")
    seat = chair.solids[0]
    assert seat.x0 <= seated.xy["pelvis"][0] <= seat.x1
    assert abs(seat.top - seated.group_bottom("seat")) < 0.01
    assert 0.35 <= seat.top <= 0.65
    assert standing.group_bottom("feet") < 0.01  # standing on the floor, not on the chair
    assert figure_problems(lay.figure) == []


def test_a_calf_raise_on_a_step_hangs_the_heels_off_the_edge() -> None:
    lay = layout(_figure(_CALF_RAISE_ON_STEP))
    (step,) = lay.solids
    down, up = _pose(lay, "start"), _pose(lay, "end")
    assert abs(down.group_bottom("toes") - step.top) < 0.01
    assert down.xy["heel_near"][0] < step.x0  # heel beyond the step's edge
    assert down.group_bottom("heels") < step.top  # ... and dropped below its top
    assert up.xy["heel_near"][1] > down.xy["heel_near"][1] + 0.08
    assert figure_problems(lay.figure) == []


def test_a_chair_held_for_balance_stands_in_front_with_its_back_under_the_hand() -> None:
    lay = layout(
        _figure(
            """
            [figure]
            props = [{ kind = "chair", at = "near_hand" }]
            [[figure.poses]]
            name = "start"
            preset = "standing"
            joints = { shoulder_near = 45, elbow_near = 10 }
            [[figure.poses]]
            name = "end"
            preset = "standing"
            joints = { shoulder_near = 45, elbow_near = 10, ankle_near = -30, ankle_far = -30 }
            contacts = ["toes"]
            """
        )
    )
    (chair,) = lay.props
    body = _pose(lay, "start")
    assert chair.state["back_x"] == pytest.approx(body.group_center("near_hand")[0])
    assert chair.state["back_top"] == pytest.approx(body.group_bottom("near_hand"))
    assert chair.solids[0].x0 > body.xy["toe_near"][0]  # in front of the feet, not under them
    assert figure_problems(lay.figure) == []


def test_a_ball_rolled_in_with_the_heels_follows_them() -> None:
    lay = layout(
        _figure(
            """
            [figure]
            props = [{ kind = "ball", at = "heels", moves = true }]
            [[figure.poses]]
            name = "start"
            preset = "supine_legs_straight"
            joints = { neck = 30 }
            contacts = ["upper_back", "heels"]
            on = "ball"
            [[figure.poses]]
            name = "end"
            preset = "supine_legs_straight"
            joints = { neck = 30, hip_near = 40, hip_far = 40, knee_near = 100, knee_far = 100 }
            contacts = ["upper_back", "heels"]
            on = "ball"
            """
        )
    )
    start, end = lay.panels
    ball_start, ball_end = start.props[0].state, end.props[0].state
    assert ball_start["r"] == pytest.approx(ball_end["r"])  # the same ball
    assert ball_end["cx"] < ball_start["cx"] - 0.05  # rolled in towards the buttocks
    for panel in lay.panels:
        assert abs(panel.body.group_bottom("heels") - 2 * ball_start["r"]) < 0.02
    assert end.body.xy["pelvis"][1] > 0.2  # hips stay up
    assert figure_problems(lay.figure) == []


def test_a_hop_leaves_the_floor_and_lands_further_on() -> None:
    lay = layout(
        _figure(
            """
            [figure]
            [[figure.poses]]
            name = "start"
            preset = "standing"
            [[figure.poses]]
            name = "flight"
            preset = "standing"
            joints = { ankle_near = -40, ankle_far = -40 }
            contacts = ["toes"]
            lift = 0.2
            travel = 0.4
            """
        )
    )
    start, flight = _pose(lay, "start"), _pose(lay, "flight")
    assert flight.bottom() == pytest.approx(0.2)
    assert flight.xy["pelvis"][0] - start.xy["pelvis"][0] > 0.3


def test_a_shin_through_a_bench_is_reported() -> None:
    figure = _figure(
        """
        [figure]
        props = [{ kind = "bench", at = "seat", height = 0.45 }]
        [[figure.poses]]
        name = "start"
        preset = "sitting_chair"
        [[figure.poses]]
        name = "end"
        preset = "sitting_chair"
        joints = { knee_near = 10, hip_near = 60 }
        """
    )
    problems = figure_problems(figure)
    assert any("into a prop" in p for p in problems), problems


def test_contacts_that_cannot_both_touch_are_reported() -> None:
    # a plank whose arms are too short to reach the floor: contacts are asked for, not met
    figure = _figure(
        """
        [figure]
        [[figure.poses]]
        name = "start"
        preset = "forearm_plank"
        joints = { shoulder_near = 10, shoulder_far = 10, hip_near = 90, hip_far = 90 }
        [[figure.poses]]
        name = "end"
        preset = "forearm_plank"
        """
    )
    assert any(p.startswith("start:") for p in figure_problems(figure))


def test_every_preset_stands_sound_on_its_own() -> None:
    for name, preset in PRESETS.items():
        props = {"bike": ["bike"], "recumbent_bike": ["recumbent_bike"], "swimming": ["water"]}
        on = {"bike": "bike", "recumbent_bike": "recumbent_bike", "swimming": "water"}.get(name)
        poses = [{"name": n, "preset": name, **({"on": on} if on else {})} for n in ("a", "b")]
        figure = Figure.model_validate({"props": props.get(name, []), "poses": poses})
        assert figure.effective_view.value == preset.view
        assert figure_problems(figure) == [], name


def test_a_held_still_pose_gets_no_arrow_and_a_movement_gets_one() -> None:
    hold = _figure(
        '[figure]\n[[figure.poses]]\nname = "set"\npreset = "forearm_plank"\n'
        '[[figure.poses]]\nname = "hold"\npreset = "forearm_plank"\n'
    )
    assert not any(it.tag == "arrow" for it in exercise_scene(hold).items)
    assert sum(1 for it in exercise_scene(_figure(_SQUAT)).items if it.tag == "arrow") == 1


def test_facing_left_mirrors_the_picture() -> None:
    right = exercise_scene(_figure(_SQUAT))
    left = exercise_scene(_figure(_SQUAT.replace("[figure]\n", '[figure]\nfacing = "left"\n')))
    assert right.width == left.width
    bones_r = [it for it in right.items if isinstance(it, Line) and it.tag == "bone:thigh_near"]
    bones_l = [it for it in left.items if isinstance(it, Line) and it.tag == "bone:thigh_near"]
    assert bones_l[0].a[0] == pytest.approx(right.width - bones_r[0].a[0])


# --- the file format --------------------------------------------------------------------------


def _bridge_file(figure_toml: str) -> str:
    return (
        (DATA_DIR / "pilates" / "bridge.toml").read_text(encoding="utf-8").split("\n[figure]")[0]
        + "\n"
        + figure_toml
    )


@pytest.mark.parametrize(
    ("figure_toml", "field", "message"),
    [
        (
            _BAD := '[figure]\n[[figure.poses]]\nname = "start"\npreset = "supine_knees_bent"\n'
            '[[figure.poses]]\nname = "end"\npreset = "supine_knees_bent"\n'
            "joints = { knee_near = 200 }\n",
            "figure.poses[1].joints",
            "knee_near = 200 degrees is outside 0..160",
        ),
        (
            _BAD.replace("knee_near = 200", "kneee_near = 20"),
            "figure.poses[1].joints",
            "unknown joint 'kneee_near'",
        ),
        (
            _BAD.replace('preset = "supine_knees_bent"\njoints', 'preset = "lying_down"\njoints'),
            "figure.poses[1].preset",
            "unknown preset 'lying_down'",
        ),
        (
            _BAD.replace("joints = { knee_near = 200 }", 'on = "bench"'),
            "figure",
            "pose 'end' rests on 'bench', not in props",
        ),
        (
            _BAD.replace("joints = { knee_near = 200 }", 'contacts = ["elbow"]'),
            "figure.poses[1].contacts",
            "unknown body part 'elbow'",
        ),
        (
            _BAD.replace('name = "end"', 'name = "start"').replace(
                "joints = { knee_near = 200 }", ""
            ),
            "figure",
            "pose names must differ",
        ),
    ],
    ids=[
        "knee-past-its-limit",
        "misspelt-joint",
        "unknown-preset",
        "prop-missing",
        "bad-contact",
        "same-names",
    ],
)
def test_a_broken_figure_is_reported_with_file_field_and_value(
    figure_toml: str, field: str, message: str
) -> None:
    ex, problems = parse_exercise_toml(_bridge_file(figure_toml), "pilates/bridge.toml")
    assert ex is None
    assert any(p.field == field and message in p.message for p in problems), problems
    assert all(p.path == "pilates/bridge.toml" for p in problems)


def test_a_figure_needs_a_start_and_an_end() -> None:
    one = '[figure]\n[[figure.poses]]\nname = "start"\npreset = "standing"\n'
    ex, problems = parse_exercise_toml(_bridge_file(one), "pilates/bridge.toml")
    assert ex is None
    assert problems[0].field == "figure.poses"


def test_props_accept_a_plain_name_or_a_table() -> None:
    figure = _figure(
        '[figure]\nprops = ["mat", { kind = "band", at = "hands", to = "front_mid" }]\n'
        '[[figure.poses]]\nname = "a"\npreset = "standing"\n'
        '[[figure.poses]]\nname = "b"\npreset = "standing"\n'
    )
    assert [p.kind for p in figure.props] == [PropKind.MAT, PropKind.BAND]
    assert figure.props[1].to == "front_mid"


def test_the_readme_documents_every_preset_joint_body_part_and_prop() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    trunk = {j for j in JOINT_LIMITS if not j.endswith(("_near", "_far"))}
    missing = (
        set(PRESETS) | trunk | set(LIMB_JOINT_NAMES) | set(GROUPS) | {k.value for k in PropKind}
    ) - documented
    assert missing == set()


# --- helpers and sample figures ---------------------------------------------------------------


def _distance_to_line(p, a, b) -> float:  # type: ignore[no-untyped-def]
    (x, y), (ax, ay), (bx, by) = p, a, b
    return abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) / math.dist(a, b)


def _group_of(point: str) -> str:
    side = point.rsplit("_", 1)[1]
    kind = {"elbow": "forearm", "wrist": "forearm", "toe": "toes"}[point.split("_")[0]]
    return f"{side}_{kind}"


_PLANK = """
[figure]
props = ["mat"]
[[figure.poses]]
name = "start"
preset = "forearm_plank"
joints = { hip_near = 90, hip_far = 90, knee_near = 90, knee_far = 90 }
contacts = ["forearms", "knees"]
[[figure.poses]]
name = "hold"
preset = "forearm_plank"
"""

_CHILDS_POSE = """
[figure]
props = ["mat"]
[[figure.poses]]
name = "start"
preset = "quadruped"
[[figure.poses]]
name = "rest"
preset = "childs_pose"
"""

_SIDE_PLANK = """
[figure]
props = ["mat"]
[[figure.poses]]
name = "start"
preset = "side_lying"
[[figure.poses]]
name = "hold"
preset = "side_plank_forearm"
"""

_SQUAT = """
[figure]
[[figure.poses]]
name = "start"
preset = "standing"
[[figure.poses]]
name = "bottom"
preset = "squat_bottom"
"""

_BRIDGE = """
[figure]
props = ["mat"]
[[figure.poses]]
name = "start"
preset = "supine_knees_bent"
[[figure.poses]]
name = "end"
preset = "supine_knees_bent"
joints = { hip_near = 0, hip_far = 0, neck = 30 }
contacts = ["upper_back", "feet"]
"""

_SIT_TO_STAND = """
[figure]
props = ["chair"]
[[figure.poses]]
name = "start"
preset = "sitting_chair"
[[figure.poses]]
name = "end"
preset = "standing"
"""

_CALF_RAISE_ON_STEP = """
[figure]
props = [{ kind = "step", at = "toes" }]
[[figure.poses]]
name = "start"
preset = "standing"
joints = { ankle_near = 20, ankle_far = 20 }
contacts = ["toes"]
on = "step"
[[figure.poses]]
name = "end"
preset = "standing"
joints = { ankle_near = -35, ankle_far = -35 }
contacts = ["toes"]
on = "step"
"""
