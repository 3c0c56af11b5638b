"""Accounts and sign-in as a clinic meets them: off until an administrator turns it on, then
every command that opens the database needs a token, and every write names its clinician."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from planner.cli import main
from planner.errors import UserError
from planner.services import Services, utcnow
from planner.services.accounts import WRONG_SIGN_IN
from planner.store.models import AccessTokenRow, AuditRow, ClinicianRow

pytestmark = [pytest.mark.storage, pytest.mark.own_accounts]

PASSWORD = "correct horse battery"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"


def cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: str = "",
    token: str | None = None,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    if token is None:
        monkeypatch.delenv("PHYSIO_PLANNER_TOKEN", raising=False)
    else:
        monkeypatch.setenv("PHYSIO_PLANNER_TOKEN", token)
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def admin_token(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    code, _, err = cli(
        monkeypatch, capsys, "user", "add", "boss", "--admin", "--password-stdin", "--db", db_url,
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = cli(
        monkeypatch, capsys, "user", "token", "boss", "--password-stdin", "--db", db_url,
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, err
    return out.strip()


def test_sign_in_is_off_until_turned_on_and_then_commands_need_a_token(
    db_url: str, admin_token: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    assert cli(monkeypatch, capsys, "client", "add", "Ann Lee", "--db", db_url)[0] == 0
    code, out, _ = cli(
        monkeypatch, capsys, "user", "sign-in", "on", "--db", db_url, token=admin_token
    )
    assert (code, out.strip()) == (0, "sign-in is on")

    code, _, err = cli(monkeypatch, capsys, "client", "list", "--db", db_url)
    assert code == 2 and "sign-in is on" in err and "PHYSIO_PLANNER_TOKEN" in err
    code, out, _ = cli(monkeypatch, capsys, "client", "list", "--db", db_url, token=admin_token)
    assert code == 0 and "Ann Lee" in out
    code, _, err = cli(monkeypatch, capsys, "client", "list", "--db", db_url, token="ppt_guess")
    assert code == 2 and "not known" in err


def test_writes_are_recorded_with_the_clinician_of_the_token(
    db_url: str, admin_token: str, services: Services, monkeypatch, capsys
) -> None:
    _, out, _ = cli(
        monkeypatch, capsys, "client", "add", "Ben Ode", "--db", db_url, token=admin_token
    )
    client_id = int(out)
    with services.db.transaction() as session:
        boss = session.scalars(select(ClinicianRow).where(ClinicianRow.username == "boss")).one()
        row = session.scalars(select(AuditRow).where(AuditRow.client_id == client_id)).one()
    assert (row.action, row.clinician_id) == ("create", boss.id)


def test_wrong_password_and_unknown_user_get_the_same_answer(services: Services) -> None:
    services.accounts.add("kim", PASSWORD)
    with pytest.raises(UserError, match=WRONG_SIGN_IN):
        services.accounts.sign_in("kim", "not the password")
    with pytest.raises(UserError, match=WRONG_SIGN_IN):
        services.accounts.sign_in("nobody", PASSWORD)
    assert services.accounts.sign_in("kim", PASSWORD).username == "kim"
    with services.db.transaction() as session:
        stored = session.scalars(select(ClinicianRow.password_hash)).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_token_file_others_can_read_is_refused_and_a_private_one_works(
    db_url: str, admin_token: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    path = tmp_path / "token"
    path.write_text(admin_token + "\n")
    os.chmod(path, 0o644)
    code, _, err = cli(monkeypatch, capsys, "client", "list", "--token-file", str(path), "--db",
                       db_url)  # fmt: skip
    assert code == 2 and "chmod 600" in err
    os.chmod(path, 0o600)
    assert (
        cli(monkeypatch, capsys, "--token-file", str(path), "client", "list", "--db", db_url)[0]
        == 0
    )


def test_revoked_and_expired_tokens_stop_working(
    db_url: str, admin_token: str, services: Services, monkeypatch, capsys
) -> None:
    services.act_as(services.accounts.from_token(admin_token))
    services.accounts.add("kim", PASSWORD)
    kim = services.accounts.issue_token("kim")
    assert services.accounts.from_token(kim).username == "kim"
    services.accounts.revoke_tokens("kim")
    with pytest.raises(UserError, match="revoked"):
        services.accounts.from_token(kim)
    old = services.accounts.issue_token("kim", days=1)
    with services.db.transaction() as session:
        session.execute(
            update(AccessTokenRow)
            .where(AccessTokenRow.revoked_at.is_(None))
            .where(AccessTokenRow.clinician_id != services.account.id)  # type: ignore[union-attr]
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    with pytest.raises(UserError, match="expired"):
        services.accounts.from_token(old)
    services.accounts.set_active("kim", False)
    fresh = services.accounts.issue_token("boss")
    assert services.accounts.from_token(fresh).is_admin


def test_only_an_administrator_guards_the_data_once_one_exists(services: Services) -> None:
    services.accounts.add("boss", PASSWORD, is_admin=True)  # the first needs nobody's leave
    with pytest.raises(UserError, match="only an administrator can add accounts"):
        services.accounts.add("kim", PASSWORD)
    settings, version = services.settings.get()
    with pytest.raises(UserError, match="only an administrator can change daily backups kept"):
        services.settings.save(settings.model_copy(update={"backups_kept": 3}), version)
    # Ordinary settings stay open to every clinician.
    services.settings.save(settings.model_copy(update={"clinic_name": "Hill Physio"}), version)
    with pytest.raises(UserError, match="only an administrator"):
        services.audit_trail.entries()
    services.act_as(services.accounts.sign_in("boss", PASSWORD))
    services.accounts.add("kim", PASSWORD)
    assert [e.action for e in services.audit_trail.entries(limit=2)] == ["create", "sign_in"]


def test_sign_in_cannot_be_turned_on_without_an_administrator(services: Services) -> None:
    with pytest.raises(UserError, match="add an administrator account first"):
        services.accounts.set_sign_in(True)


def test_passwords_never_come_from_an_argument(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(monkeypatch, capsys, "user", "add", "kim", "--db", db_url)
    assert code == 2 and "--password-stdin" in err
    code, _, err = cli(
        monkeypatch, capsys, "user", "add", "kim", "--password-stdin", "--db", db_url,
        stdin="short\n",
    )  # fmt: skip
    assert code == 2 and "at least 10 characters" in err
    with pytest.raises(SystemExit):
        main(["user", "add", "kim", "--password", PASSWORD, "--db", db_url])


def test_file_only_commands_need_no_sign_in(
    db_url: str,
    admin_token: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli(monkeypatch, capsys, "user", "sign-in", "on", "--db", db_url, token=admin_token)
    # A workstation without a database of its own: the commands work on the files alone.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty"))
    monkeypatch.delenv("PHYSIO_PLANNER_DB", raising=False)
    file = str(FIXTURES / "runner_left_glute_med.json")
    for args in (["assess", file], ["recommend", file], ["schema", "programme"]):
        code, out, err = cli(monkeypatch, capsys, *args)
        assert code == 0, (args, err)
        assert out
    code, _, err = cli(monkeypatch, capsys, "client", "list", "--db", db_url)
    assert code == 2 and "sign-in is on" in err
