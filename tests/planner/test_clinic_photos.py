"""A clinic's own exercise photos: checked, scaled down, stored, chosen over the figure."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from planner.errors import UserError
from planner.services import Services
from planner.services.media import MAX_PHOTO_PIXELS

pytestmark = pytest.mark.storage


def _photo(path: Path, size: tuple[int, int], fmt: str) -> Path:
    Image.new("RGB", size, (200, 120, 40)).save(path, fmt)
    return path


def test_a_large_jpeg_is_scaled_down_and_used_instead_of_the_figure(
    services: Services, tmp_path: Path
) -> None:
    services.media.attach_photo("bridge", _photo(tmp_path / "b.jpg", (4000, 3000), "JPEG"))
    image, mime, use = services.media.photo("bridge") or (b"", "", False)
    assert mime == "image/jpeg" and use
    assert max(Image.open(io.BytesIO(image)).size) == MAX_PHOTO_PIXELS
    assert set(services.media.photos_in_use(["bridge", "clamshell"])) == {"bridge"}
    services.media.set_use_instead("bridge", False, services.media.photo_version("bridge"))
    assert services.media.photos_in_use(["bridge"]) == {}


def test_png_keeps_its_format_and_size_when_small(services: Services, tmp_path: Path) -> None:
    services.media.attach_photo("clamshell", _photo(tmp_path / "c.png", (300, 200), "PNG"))
    image, mime, _ = services.media.photo("clamshell") or (b"", "", False)
    assert mime == "image/png" and Image.open(io.BytesIO(image)).size == (300, 200)


def test_a_file_that_is_not_an_image_is_refused_by_name(services: Services, tmp_path: Path) -> None:
    notes = tmp_path / "notes.jpg"
    notes.write_text("not really a picture")
    with pytest.raises(UserError, match=r"notes\.jpg: not a PNG or JPEG image"):
        services.media.attach_photo("bridge", notes)
    gif = tmp_path / "anim.gif"
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    with pytest.raises(UserError, match="GIF image"):
        services.media.attach_photo("bridge", gif)
    assert services.media.photo("bridge") is None


def test_photo_for_an_unknown_exercise(services: Services, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no exercise with code 'flying_bridge'"):
        services.media.attach_photo("flying_bridge", _photo(tmp_path / "x.png", (5, 5), "PNG"))
