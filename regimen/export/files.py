"""Write a whole file or nothing: a reader never sees half a calendar, and a
failed write leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

STDOUT = "-"

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EISDIR: "it is a directory",
}


class WriteError(OSError):
    """A file that could not be written; the message names the path and the reason."""


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (str as UTF-8) to ``path``, or to standard output for ``-``.

    The data goes to a temporary file in the target's directory, is flushed to
    disk and renamed onto the target, so the target is either the old file or
    the complete new one.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if os.fspath(path) == STDOUT:
        _write_stdout(payload)
        return
    target = Path(path)
    if target.is_symlink():  # replace the file the link points to, not the link
        target = target.resolve()
    if target.is_dir():
        raise WriteError(f"cannot write {path}: it is a directory")
    directory = target.parent
    mode = _mode_for(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise WriteError(f"cannot write {path}: {_reason(err, directory)}") from err
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise WriteError(f"cannot write {path}: {_reason(err, directory)}") from err
        raise
    _sync_directory(directory)


def _write_stdout(payload: bytes) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(payload)
        buffer.flush()
    else:  # a text-only stream, such as a test's captured output
        sys.stdout.write(payload.decode("utf-8"))
        sys.stdout.flush()


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets what open() would give.

    mkstemp creates its file readable by the owner only, which is wrong for a
    calendar meant to be shared or served.
    """
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(err: OSError, directory: Path) -> str:
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"directory {directory} does not exist"
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return err.strerror or str(err)
