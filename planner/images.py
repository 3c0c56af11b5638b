"""Images from outside (a clinic logo, an exercise photo): checked before they are decoded.

Only PNG and JPEG are taken, recognised by their first bytes and opened with those two decoders
alone. The pixel count is read from the header and checked before any pixel is decoded, so a
small file that claims 400 megapixels is refused in a millisecond instead of filling memory.
Accepted images are scaled down on the way in: a phone photo of several megabytes becomes a
picture that prints sharply at card size without bloating every handout and backup.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from planner.errors import UserError
from planner.reading import fail

MAX_FILE_BYTES = 40 * 1024 * 1024
# A 48-megapixel phone photo fits; decoding one this size needs about 200 MB at most.
MAX_SOURCE_PIXELS = 50_000_000
# Long side in pixels: 35-60 mm on paper at 300 dpi needs about 700; twice that leaves room.
MAX_PHOTO_PIXELS = 1600

_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
}
_OTHER_KINDS = {
    b"GIF8": "a GIF image",
    b"BM": "a BMP image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"RIFF": "a WebP image",
    b"%PDF": "a PDF document",
}
MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _kind(data: bytes) -> str | None:
    return next((kind for magic, kind in _SIGNATURES.items() if data.startswith(magic)), None)


def _not_allowed(data: bytes) -> str:
    other = next((kind for magic, kind in _OTHER_KINDS.items() if data.startswith(magic)), None)
    return f"{other}; use a PNG or JPEG" if other else "not a PNG or JPEG image"


def _open(data: bytes, name: str) -> Any:
    """The image with its header read and its size checked, no pixels decoded yet."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise fail(name, "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise fail(name, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    kind = _kind(data)
    if kind is None:
        raise fail(name, _not_allowed(data))
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns at 89 megapixels; ours below is stricter.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
    except Image.DecompressionBombError:
        raise fail(name, _too_many_pixels()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise fail(name, f"a damaged {kind} image that cannot be read") from None
    width, height = image.size
    if width <= 0 or height <= 0:
        raise fail(name, f"a damaged {kind} image that cannot be read")
    if width * height > MAX_SOURCE_PIXELS:
        raise fail(name, _too_many_pixels(width, height))
    return image


def _too_many_pixels(width: int = 0, height: int = 0) -> str:
    size = f" ({width} x {height})" if width else ""
    limit = MAX_SOURCE_PIXELS // 1_000_000
    return f"the image has too many pixels{size}; the limit is {limit} megapixels"


def prepare_photo(data: bytes, name: str) -> tuple[bytes, str]:
    """A checked PNG or JPEG shrunk to print size; returns (bytes, mime type)."""
    image = _open(data, name)
    kind = image.format
    try:
        if kind == "JPEG":
            # Decode at a reduced scale straight away when the photo is far larger than needed.
            image.draft("RGB", (MAX_PHOTO_PIXELS, MAX_PHOTO_PIXELS))
        image.load()
        if max(image.size) > MAX_PHOTO_PIXELS:
            image.thumbnail((MAX_PHOTO_PIXELS, MAX_PHOTO_PIXELS))
        out = io.BytesIO()
        if kind == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        else:
            if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA"}:
                image = image.convert("RGBA")
            image.save(out, "PNG", optimize=True)
    except (OSError, SyntaxError, ValueError, EOFError):
        raise fail(name, f"a damaged {kind} image that cannot be read") from None
    finally:
        image.close()
    return out.getvalue(), MIME[str(kind)]


def image_problem(data: bytes) -> str | None:
    """What is wrong with stored image bytes, or None (for `db check`)."""
    try:
        image = _open(data, "image")
        try:
            image.verify()
        finally:
            image.close()
    except UserError as exc:
        return str(exc).removeprefix("image: ")
    except Exception:  # Pillow raises many kinds for damaged data; any of them means damage
        return "a damaged image that cannot be read"
    return None
