"""A clinic's own photo replaces the drawing in the app and on the printed handout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from exercise_library.catalogue import builtin_catalogue
from planner.services import Services
from planner.settings import ClinicSettings
from reports.handout import build_handout
from tests.planner.storage_helpers import png_claiming
from tests.ui.builders import runner_programme
from ui.library_browser import ExerciseDetail

pytestmark = pytest.mark.gui


def _images_in(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        count += len(page.images)
    return count


def test_photo_replaces_the_drawing_in_the_detail_pane_and_on_the_handout(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "bridge.jpg"
    Image.new("RGB", (2400, 1600), (30, 90, 160)).save(photo, "JPEG")
    detail = ExerciseDetail()
    qtbot.addWidget(detail)
    detail.set_media(services.media)
    detail.show_exercise(builtin_catalogue()["bridge"])
    assert detail.photo.isHidden() and not detail.figure.isHidden()

    monkeypatch.setattr(ExerciseDetail, "ask_photo_path", classmethod(lambda cls, parent: photo))
    with qtbot.waitSignal(detail.photo_changed, raising=True):
        detail.attach_button.click()
    assert not detail.photo.isHidden() and detail.figure.isHidden()
    assert detail.use_photo.isChecked()

    programme = runner_programme(services, "bridge")
    catalogue = services.exercises.catalogue()
    clinic = ClinicSettings(phone="555 0100")
    with_photo = build_handout(
        programme, catalogue, clinic, photos=services.media.photos_in_use(["bridge"])
    )
    without = build_handout(programme, catalogue, clinic)
    assert _images_in(with_photo) == _images_in(without) + 1

    detail.use_photo.setChecked(False)
    assert detail.photo.isHidden() and not detail.figure.isHidden()
    assert services.media.photos_in_use(["bridge"]) == {}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"text, not pixels", "not a PNG or JPEG image"),
        # 1 MB on disk, 400 megapixels once decoded: refused from its header (issue 16, 6).
        (png_claiming(20_000, 20_000), "the image has too many pixels"),
    ],
    ids=["text", "400 megapixels"],
)
def test_a_file_that_is_not_a_usable_photo_is_named_and_not_stored(
    qtbot: QtBot, services: Services, tmp_path: Path, content: bytes, words: str
) -> None:
    detail = ExerciseDetail()
    qtbot.addWidget(detail)
    detail.set_media(services.media)
    detail.show_exercise(builtin_catalogue()["clamshell"])
    bad = tmp_path / "clamshell.png"
    bad.write_bytes(content)
    detail.attach_photo(bad)
    assert not detail.photo_error.isHidden()
    assert f"clamshell.png: {words}" in detail.photo_error.text()
    assert services.media.photo("clamshell") is None


def test_a_photo_another_workstation_attached_first_is_a_conflict_and_reloads(
    qtbot: QtBot, services: Services, elsewhere: Services, tmp_path: Path, reloads: list[str]
) -> None:
    detail = ExerciseDetail()
    qtbot.addWidget(detail)
    detail.set_media(services.media)
    detail.show_exercise(builtin_catalogue()["clamshell"])
    theirs, mine = tmp_path / "theirs.png", tmp_path / "mine.png"
    Image.new("RGB", (40, 30), (200, 0, 0)).save(theirs)
    Image.new("RGB", (40, 30), (0, 0, 200)).save(mine)
    elsewhere.media.attach_photo("clamshell", theirs)
    detail.attach_photo(mine)
    assert reloads == ["this photo"]
    stored = services.media.photo("clamshell")
    assert stored is not None
    assert Image.open(io.BytesIO(stored[0])).convert("RGB").getpixel((0, 0)) == (200, 0, 0)
    assert not detail.photo.isHidden(), "the other workstation's photo is shown"
