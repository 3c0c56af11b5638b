"""The PostgreSQL password kept out of plain settings, and TLS asked for by default.

A password typed into a database URL goes to the system keyring when one is installed and
working, else to the user's pgpass file (owner-only), which libpq reads by itself; the URL the
app remembers carries no password. A server that is not on this machine is reached with
``sslmode=require`` unless the URL says otherwise, so health data never crosses a network in
the clear by accident; an explicit ``sslmode`` is always honoured.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL

from planner.errors import UserError

KEYRING_SERVICE = "physio-planner"
LOCAL_HOSTS = {"", "localhost", "::1"}


def is_local(url: URL) -> bool:
    host = url.host or ""
    return host in LOCAL_HOSTS or host.startswith("127.") or host.startswith("/")


def with_default_sslmode(url: URL) -> URL:
    """``sslmode=require`` for a server on another machine, unless the URL names its own."""
    if url.get_backend_name() != "postgresql" or "sslmode" in url.query or is_local(url):
        return url
    return url.update_query_dict({"sslmode": "require"})


def without_password(url: URL) -> URL:
    # URL.set() reads None as "leave as is"; the tuple's own replace clears it.
    return url._replace(password=None)


def _key(url: URL) -> str:
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _keyring():  # type: ignore[no-untyped-def]
    """The system keyring, when the package is installed and a real backend answers."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring set-up must not stop the app
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def pgpass_path() -> Path:
    return Path(os.environ.get("PGPASSFILE") or Path.home() / ".pgpass")


def _escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace(":", "\\:")


def store_password(url: URL) -> URL:
    """Keep ``url``'s password in the keyring or pgpass; returns the URL without it."""
    if url.get_backend_name() != "postgresql" or not url.password:
        return url
    password = str(url.password)
    ring = _keyring()
    if ring is not None:
        ring.set_password(KEYRING_SERVICE, _key(url), password)
        return without_password(url)
    fields = [url.host or "localhost", str(url.port or 5432), url.database or "*"]
    fields.append(url.username or "*")
    prefix = ":".join(_escape(f) for f in fields) + ":"
    path = pgpass_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        lines = [line for line in lines if not line.startswith(prefix)]
        lines.append(prefix + _escape(password))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.chmod(path, 0o600)  # libpq ignores a pgpass file others can read
    except OSError as exc:
        raise UserError(f"{path}: cannot keep the database password ({exc.strerror})") from None
    return without_password(url)


def password_from_keyring(url: URL) -> URL:
    """Fill in a password kept in the keyring (pgpass needs no help: libpq reads it)."""
    if url.get_backend_name() != "postgresql" or url.password:
        return url
    ring = _keyring()
    if ring is None:
        return url
    try:
        password = ring.get_password(KEYRING_SERVICE, _key(url))
    except Exception:
        return url
    return url.set(password=password) if password else url
