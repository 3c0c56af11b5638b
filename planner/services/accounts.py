"""Clinician accounts: passwords for the window, tokens for commands, and who may administer.

Sign-in stays off until an administrator turns it on, so a one-person clinic is never locked
out of its own data. Once an administrator account exists, the things that guard the data
(accounts, tokens, sign-in, the audit trail, erasing records early) need that administrator
to have signed in, in the window or through a token. Passwords are kept as argon2id hashes;
tokens are random and only their SHA-256 is stored, so the database never holds a secret that
opens it.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select, update

from planner.errors import NotFoundError, UserError
from planner.services import utcnow
from planner.store.mapping import aware
from planner.store.models import AccessTokenRow, ClinicianRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from planner.services import Services

ENTITY = "account"
TOKEN_PREFIX = "ppt_"
MIN_PASSWORD_LENGTH = 10
DEFAULT_TOKEN_DAYS = 90
WRONG_SIGN_IN = "wrong user name or password"
_HASHER = PasswordHasher()


class Account(BaseModel):
    """A clinician who can sign in."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    username: str
    is_admin: bool
    active: bool


def _account(row: ClinicianRow) -> Account:
    return Account(
        id=row.id,
        name=row.name,
        username=row.username or "",
        is_admin=row.is_admin,
        active=row.active,
    )


def clean_username(text: str) -> str:
    name = unicodedata.normalize("NFC", text).strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise UserError(f"user name '{text}': use one word of 1 to 100 characters, no spaces")
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


class AccountService:
    def __init__(self, services: Services) -> None:
        self._s = services

    # -- who may administer ----------------------------------------------------------------
    def _admin_exists(self, session: Session) -> bool:
        count = session.scalar(
            select(func.count())
            .select_from(ClinicianRow)
            .where(ClinicianRow.is_admin.is_(True), ClinicianRow.active.is_(True))
        )
        return bool(count)

    def may_administer(self, session: Session | None = None) -> bool:
        """An administrator has signed in, or there is none yet to ask."""
        if self._s.account is not None and self._s.account.is_admin:
            return True
        if session is not None:
            return not self._admin_exists(session)
        with self._s.db.transaction() as own:
            return not self._admin_exists(own)

    def require_admin(self, what: str) -> None:
        if not self.may_administer():
            raise UserError(
                f"only an administrator can {what}; sign in as one (in the window, or with an "
                "administrator's token in PHYSIO_PLANNER_TOKEN or --token-file)"
            )

    # -- accounts --------------------------------------------------------------------------
    def add(
        self, username: str, password: str, *, is_admin: bool = False, name: str | None = None
    ) -> Account:
        username = clean_username(username)
        check_password(password)
        self.require_admin("add accounts")
        digest = _HASHER.hash(password)
        with self._s.db.transaction() as session:
            taken = session.scalar(select(ClinicianRow.id).where(ClinicianRow.username == username))
            if taken is not None:
                raise UserError(f"there is already an account '{username}'")
            row = ClinicianRow(
                name=(name or username).strip(),
                username=username,
                password_hash=digest,
                is_admin=is_admin,
                active=True,
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            fields = ["username", "password"] + (["admin"] if is_admin else [])
            self._s.audit(session, ENTITY, row.id, "create", None, fields)
            return _account(row)

    def list(self) -> list[Account]:
        with self._s.db.transaction() as session:
            rows = session.scalars(
                select(ClinicianRow)
                .where(ClinicianRow.username.is_not(None))
                .order_by(ClinicianRow.username)
            )
            return [_account(r) for r in rows]

    def _row(self, session: Session, username: str) -> ClinicianRow:
        row = session.scalars(
            select(ClinicianRow).where(ClinicianRow.username == username.strip())
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"there is no account '{username}'")
        return row

    def set_password(self, username: str, password: str) -> None:
        check_password(password)
        own = self._s.account is not None and self._s.account.username == username
        if not own:
            self.require_admin("change another clinician's password")
        digest = _HASHER.hash(password)
        with self._s.db.transaction() as session:
            row = self._row(session, username)
            row.password_hash = digest
            self._s.audit(session, ENTITY, row.id, "password", None, ["password"])

    def set_active(self, username: str, active: bool) -> None:
        """Disable (or enable again) an account; its tokens stop working with it."""
        self.require_admin("disable or enable accounts")
        with self._s.db.transaction() as session:
            row = self._row(session, username)
            if not active and row.is_admin and self._s.settings.get()[0].sign_in_required:
                others = session.scalar(
                    select(func.count())
                    .select_from(ClinicianRow)
                    .where(ClinicianRow.is_admin.is_(True), ClinicianRow.active.is_(True))
                    .where(ClinicianRow.id != row.id)
                )
                if not others:
                    raise UserError(
                        f"'{username}' is the last administrator; with sign-in on, nobody could "
                        "manage accounts without them"
                    )
            row.active = active
            self._s.audit(session, ENTITY, row.id, "enable" if active else "disable", None, [])

    # -- signing in ------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> Account:
        """The account, or one message for every way it can fail (no hint which part)."""
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(ClinicianRow).where(ClinicianRow.username == username.strip())
            ).one_or_none()
            if row is None or not row.active or not row.password_hash:
                # Spend the same time as a real check, so timing does not tell names apart.
                _verify(_dummy_hash(), password)
                raise UserError(WRONG_SIGN_IN)
            if not _verify(row.password_hash, password):
                raise UserError(WRONG_SIGN_IN)
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            self._s.audit(session, ENTITY, row.id, "sign_in", None, [])
            return _account(row)

    def issue_token(
        self,
        username: str,
        *,
        days: int | None = DEFAULT_TOKEN_DAYS,
        label: str = "",
        password: str | None = None,
    ) -> str:
        """A new token for commands (shown once; only its hash is kept).

        An administrator issues tokens for anyone; with their own password, a clinician (the
        first administrator too) gets one for themselves.
        """
        if password is not None:
            self._s.act_as(self.sign_in(username, password))
        else:
            self.require_admin("issue tokens for others")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = utcnow()
        with self._s.db.transaction() as session:
            row = self._row(session, username)
            if not row.active:
                raise UserError(f"the account '{username}' is disabled")
            token_row = AccessTokenRow(
                clinician_id=row.id,
                token_hash=token_digest(token),
                label=label[:100],
                created_at=now,
                expires_at=now + timedelta(days=days) if days else None,
            )
            session.add(token_row)
            session.flush()
            self._s.audit(session, ENTITY, row.id, "token", None, [f"token {token_row.id}"])
        return token

    def revoke_tokens(self, username: str) -> int:
        self.require_admin("revoke tokens")
        with self._s.db.transaction() as session:
            row = self._row(session, username)
            result = session.execute(
                update(AccessTokenRow)
                .where(AccessTokenRow.clinician_id == row.id, AccessTokenRow.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            self._s.audit(session, ENTITY, row.id, "revoke", None, ["tokens"])
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def from_token(self, token: str) -> Account:
        """The account a command's token belongs to; refuses unknown, revoked or old ones."""
        with self._s.db.transaction() as session:
            found = session.execute(
                select(AccessTokenRow, ClinicianRow)
                .join(ClinicianRow, ClinicianRow.id == AccessTokenRow.clinician_id)
                .where(AccessTokenRow.token_hash == token_digest(token))
            ).one_or_none()
            if found is None:
                raise UserError("the token is not known to this database; ask for a new one")
            token_row, row = found
            if token_row.revoked_at is not None:
                raise UserError("the token was revoked; ask your administrator for a new one")
            expires = token_row.expires_at
            if expires is not None and aware(expires) <= utcnow():
                raise UserError("the token has expired; ask your administrator for a new one")
            if not row.active:
                raise UserError("the token's account is disabled")
            return _account(row)

    # -- the clinic's sign-in switch -------------------------------------------------------
    def set_sign_in(self, on: bool) -> None:
        self.require_admin("turn sign-in on or off")
        if on:
            with self._s.db.transaction() as session:
                ready = session.scalar(
                    select(func.count())
                    .select_from(ClinicianRow)
                    .where(ClinicianRow.is_admin.is_(True), ClinicianRow.active.is_(True))
                    .where(ClinicianRow.password_hash.is_not(None))
                )
            if not ready:
                raise UserError(
                    "add an administrator account first (physio-planner user add NAME --admin "
                    "--password-stdin), or nobody could sign in"
                )
        settings, version = self._s.settings.get()
        self._s.settings.save(settings.model_copy(update={"sign_in_required": on}), version)


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """A hash of a password nobody has, checked when the user name is unknown."""
    return _HASHER.hash(secrets.token_hex(16))
