"""The same figure through every renderer: the PDF a clinic prints, the app's widget, the
exported SVG and PNG files and the contact sheet."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from exercise_library.catalogue import builtin_catalogue
from exercise_library.figures.export import write_contact_sheet, write_figures
from exercise_library.figures.geometry import exercise_scene
from exercise_library.figures.pose import Figure
from exercise_library.figures.raster import scene_image as pil_image
from exercise_library.figures.svg import scene_svg
from exercise_library.schema import Exercise
from reports.figures import FigureFlowable, exercise_figure

_SQUAT = Figure.model_validate(
    tomllib.loads(
        """
        [figure]
        props = [{ kind = "chair", at = "seat" }]
        [[figure.poses]]
        name = "start"
        preset = "standing"
        [[figure.poses]]
        name = "end"
        preset = "squat_bottom"
        """
    )["figure"]
)


def _bridge_with_figure() -> Exercise:
    bridge = builtin_catalogue()["bridge"]
    if bridge.figure is not None:
        return bridge
    figure = Figure.model_validate(
        {
            "props": ["mat"],
            "poses": [
                {"name": "start", "preset": "supine_knees_bent"},
                {
                    "name": "end",
                    "preset": "supine_knees_bent",
                    "joints": {"hip_near": 0, "hip_far": 0, "neck": 30},
                    "contacts": ["upper_back", "feet"],
                },
            ],
        }
    )
    return bridge.model_copy(update={"figure": figure})


def _dark_fraction(pixels: list[int] | bytes) -> float:
    return sum(1 for p in pixels if p < 128) / len(pixels)


def _qt_pixels(image) -> list[int]:  # type: ignore[no-untyped-def]
    return [
        image.pixelColor(x, y).value()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    ]


def test_a_handout_prints_the_figure_as_vector_lines_35_mm_wide() -> None:
    exercise = _bridge_with_figure()
    figure = exercise_figure(exercise)
    assert figure is not None
    assert figure.wrap(500, 500)[0] == pytest.approx(35 * mm)
    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    doc.build([Paragraph(exercise.name, styles["Heading2"]), Table([[figure]])])
    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    assert "Bridge" in page.extract_text()
    ops = page.get_contents().get_data().decode("latin-1")
    # strokes (limbs, floor) and fills (limb fills, head) are drawn as PDF vector paths
    assert ops.count(" l\n") + ops.count(" l ") > 20
    assert " cm" in ops  # the figure's own scale, not an embedded bitmap
    assert "/Im" not in ops


def test_an_exercise_without_poses_prints_no_figure_rather_than_an_empty_box() -> None:
    bare = builtin_catalogue()["bridge"].model_copy(update={"figure": None})
    assert exercise_figure(bare) is None


def test_the_drawing_keeps_the_figure_proportions() -> None:
    scene = exercise_scene(_SQUAT)
    width, height = FigureFlowable(scene, 100.0).wrap(500, 500)
    assert height == pytest.approx(width * scene.height / scene.width)


@pytest.mark.gui
def test_the_app_paints_the_figure_with_qpainter(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.figure_widget import scene_image

    scene = exercise_scene(_SQUAT)
    image = scene_image(scene, 400)
    assert image.width() == 400
    grey = image.convertToFormat(image.Format.Format_Grayscale8)
    pixels = [
        grey.pixelColor(x, y).value() for x in range(0, 400, 2) for y in range(0, grey.height(), 2)
    ]
    assert 0.01 < _dark_fraction(pixels) < 0.5
    # the floor line runs along the bottom of the figure, across its whole width
    floor_row = max(
        range(grey.height()),
        key=lambda y: sum(grey.pixelColor(x, y).value() < 100 for x in range(400)),
    )
    assert floor_row > grey.height() * 0.7


@pytest.mark.gui
def test_the_figure_widget_shows_an_exercise_and_keeps_its_shape(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.figure_widget import FigureWidget

    widget = FigureWidget()
    qtbot.addWidget(widget)
    widget.set_exercise(_bridge_with_figure())
    assert widget.scene is not None
    assert widget.heightForWidth(600) == round(600 * widget.scene.height / widget.scene.width)
    widget.resize(600, widget.heightForWidth(600))
    shot = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_Grayscale8)
    pixels = [
        shot.pixelColor(x, y).value()
        for x in range(0, shot.width(), 3)
        for y in range(0, shot.height(), 3)
    ]
    assert _dark_fraction(pixels) > 0.01
    widget.set_exercise(None)
    assert widget.scene is None


def test_svg_export_is_a_valid_scalable_drawing() -> None:
    svg = scene_svg(exercise_scene(_SQUAT), 70.0, "Squat <deep>")
    root = ET.fromstring(svg)
    assert root.get("width") == "70mm"
    tags = [el.tag.split("}")[1] for el in root]
    assert tags[0] == "title" and root[0].text == "Squat <deep>"
    assert tags.count("line") > 20
    assert "polygon" in tags  # the chair and the arrow head


def test_png_output_draws_the_figure_in_greys() -> None:
    image = pil_image(exercise_scene(_SQUAT), 300)
    assert image.mode == "L" and image.width == 300
    assert 0.01 < _dark_fraction(image.tobytes()) < 0.5


def test_export_writes_one_file_per_exercise_and_a_contact_sheet(tmp_path: Path) -> None:
    exercises = [
        _bridge_with_figure(),
        builtin_catalogue()["bridge"].model_copy(
            update={"code": "bridge_copy", "figure": _SQUAT, "name": "Squat copy"}
        ),
    ]
    files = write_figures(exercises, tmp_path / "svg")
    assert [f.name for f in files] == ["bridge.svg", "bridge_copy.svg"]
    pngs = write_figures(exercises, tmp_path / "png", "png")
    assert all(p.stat().st_size > 1000 for p in pngs)
    from PIL import Image

    sheet = write_contact_sheet(exercises, tmp_path / "sheet.png")
    with Image.open(sheet) as img:
        assert img.width > 1000 and img.height > 200
        assert 0.005 < _dark_fraction(img.convert("L").tobytes()) < 0.5


def test_exercises_without_poses_are_left_out_of_the_export(tmp_path: Path) -> None:
    bare = builtin_catalogue()["bridge"].model_copy(update={"figure": None})
    assert write_figures([bare], tmp_path) == []
