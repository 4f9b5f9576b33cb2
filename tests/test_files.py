"""write_atomic: the whole file or nothing, and a message that names the path."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from regimen.export.files import WriteError, write_atomic


@pytest.mark.parametrize(("data", "expected"), [
    (b"BEGIN:VCALENDAR\r\n", b"BEGIN:VCALENDAR\r\n"),
    ("date,component\n2026-12-07,替吉奥\n", "date,component\n2026-12-07,替吉奥\n".encode()),
    ("", b""),
])
def test_writes_bytes_and_utf8_text(tmp_path: Path, data: bytes | str, expected: bytes) -> None:
    target = tmp_path / "out.ics"
    write_atomic(target, data)
    assert target.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(str(target), "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_the_usual_permissions_not_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.ics", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ics").stat().st_mode) == 0o644


@pytest.mark.parametrize(("data", "expected"), [(b"bytes\r\n", "bytes\r\n"), ("text ü", "text ü")])
def test_dash_writes_to_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch, data: bytes | str,
                               expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    write_atomic("-", data)
    assert capsys.readouterr().out == expected
    assert list(tmp_path.iterdir()) == []


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_text("old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_failure_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(b"old calendar")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(WriteError, match=r"cannot write .*out\.ics: permission denied"):
        write_atomic(target, b"new calendar")
    monkeypatch.undo()
    assert target.read_bytes() == b"old calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]


def test_interrupt_is_not_swallowed_and_cleans_up(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.ics", b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "message"), [
    ("missing/out.ics", r"cannot write .*missing/out\.ics: directory .*missing does not exist"),
    ("adir", r"cannot write .*adir: it is a directory"),
])
def test_errors_name_the_path_and_reason(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "adir").mkdir()
    with pytest.raises(WriteError, match=message) as caught:
        write_atomic(tmp_path / name, "x")
    assert isinstance(caught.value, OSError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir"]
    assert list((tmp_path / "adir").iterdir()) == []
