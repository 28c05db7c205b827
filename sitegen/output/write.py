"""Write the site: into a temporary folder first, then swap it in whole.

A build holds a lock on its output folder (`.NAME.lock` next to it, removed when the build
ends), so two builds never write the same folder at once: the second stops at once with an
error. Under the lock,
what a killed build left next to the output (a half-written staging folder, a previous
site that was being deleted) is cleaned up before anything is written.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath

from ..problems import BuildFailed, Problem, error

RENAME_EXCHANGE = 2
# Folders the build reads from: an output folder there would be read back as sources.
SOURCE_FOLDERS = ("content", "templates", "static", "locales")
# Every built site has it; a non-empty folder without it is not ours to replace.
SITE_MARKER = "sitemap.xml"

_held: dict[tuple[str, int], int] = {}
_held_guard = threading.Lock()


def lock_file(output_dir: Path) -> Path:
    """Return the lock file of an output folder: a hidden file next to it."""
    output_dir = output_dir.absolute()
    return output_dir.parent / f".{output_dir.name}.lock"


def check_output_dir(output_dir: Path, root: Path) -> list[Problem]:
    """Return why output_dir may not be replaced by a build of the project in root."""
    shown = _shown(output_dir, root)

    def bad(message: str) -> list[Problem]:
        return [error(shown, None, message, "output")]

    out, project = output_dir.absolute(), root.absolute()
    real_out, real_root = Path(os.path.realpath(out)), Path(os.path.realpath(project))
    if real_out == real_root or real_out in real_root.parents:
        return bad("the output folder would replace the project folder; choose a folder inside it")
    for name in SOURCE_FOLDERS:
        source = Path(os.path.realpath(project / name))
        if real_out == source or source in real_out.parents:
            return bad(f"the output folder must not be inside {name}/, which the build reads")
    if out.is_symlink():
        return bad("the output folder is a symbolic link; give the folder it points to instead")
    if out.exists() and not out.is_dir():
        return bad("the output path exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        return bad(
            f"the folder exists and is not a built site (no {SITE_MARKER}); "
            "refusing to replace it: empty it or choose another output folder"
        )
    return []


@contextlib.contextmanager
def output_lock(output_dir: Path, root: Path | None = None) -> Iterator[None]:
    """Check the output folder and lock it for this build; fail at once if another build has it."""
    output_dir = output_dir.absolute()
    root = root.absolute() if root is not None else output_dir.parent
    key = (str(output_dir), threading.get_ident())
    with _held_guard:
        if key in _held:  # this thread already holds it: write_site inside build()
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    problems = check_output_dir(output_dir, root)
    if problems:
        raise BuildFailed(problems)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    path = lock_file(output_dir)
    fd = _acquire(path, _shown(output_dir, root))
    try:
        with _held_guard:
            _held[key] = 1
        try:
            recover(output_dir)
            yield
        finally:
            with _held_guard:
                del _held[key]
            # Unlinked while still locked: a build waiting on this file sees it go and retries.
            path.unlink(missing_ok=True)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(path: Path, shown: str) -> int:
    """Lock path with flock and return the descriptor; raise BuildFailed if it is held."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            message = f"another build{who} is writing to this folder; wait for it to finish, then build again"
            raise BuildFailed([error(shown, None, message, "lock")]) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            return fd
        os.close(fd)  # the holder removed the file as we locked it: lock the new one


def recover(output_dir: Path) -> None:
    """Clean up after a killed build: restore a set-aside site, delete staging folders."""
    output_dir = output_dir.absolute()
    parent = output_dir.parent
    if not parent.is_dir():
        return
    new = sorted(parent.glob(f".{output_dir.name}.new-*"))
    old = sorted(parent.glob(f".{output_dir.name}.old-*"))
    if old and not output_dir.exists() and not output_dir.is_symlink():
        # Killed between the two renames of the fallback swap: the set-aside site is complete.
        os.rename(old.pop(), output_dir)
    for leftover in new + old:
        _remove(leftover)


def write_site(
    files: Mapping[str, bytes],
    output_dir: Path,
    static_dir: Path | None = None,
    unchanged: Collection[str] = (),
    keep_previous: Path | None = None,
) -> None:
    """Write files and static assets into a new folder, then swap it in for output_dir.

    Files named in unchanged are hard-linked from the current output_dir instead of
    written again: a rebuild after a small edit costs a link per page, not a copy, and
    the swap stays atomic. With keep_previous, the replaced site is moved there instead of
    deleted, for refresh_site to bring up to date next time.
    """
    output_dir = output_dir.absolute()
    for rel in files:
        _check_relative(rel)
    with output_lock(output_dir):
        staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
        try:
            made: set[Path] = set()
            for rel in sorted(files):
                target = staging / rel
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                if not (rel in unchanged and _link(output_dir / rel, target)):
                    target.write_bytes(files[rel])
            if static_dir is not None and static_dir.is_dir():
                shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
            _fsync_tree(staging)
            swap_in(staging, output_dir, keep_previous)
        except BaseException:
            _remove(staging)
            raise


def refresh_site(
    spare: Path, changed: Mapping[str, bytes], removed: Collection[str], output_dir: Path
) -> bool:
    """Bring spare, an older copy of the site, up to date and swap it in; False if it cannot.

    Nobody reads the spare, so its files are replaced one by one; the site itself changes
    only at the atomic exchange, so a kill at any moment leaves the previous complete site.
    """
    output_dir = output_dir.absolute()
    for rel in [*changed, *removed]:
        _check_relative(rel)
    with output_lock(output_dir):
        if not spare.is_dir() or not output_dir.is_dir():
            return False
        for rel, data in changed.items():
            target = spare / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.new")
            tmp.write_bytes(data)
            # A new inode, never a write into the old one: the site may hard-link to it.
            os.replace(tmp, target)
        for rel in removed:
            (spare / rel).unlink(missing_ok=True)
            folder = (spare / rel).parent
            while folder != spare and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        _fsync_tree(spare)
        return _exchange(spare, output_dir)


def _link(source: Path, target: Path) -> bool:
    """Hard-link source to target; False where the file system cannot, so it is written."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.ENOENT):
            return False
        raise
    return True


def swap_in(staging: Path, output_dir: Path, keep_previous: Path | None = None) -> None:
    """Put staging where output_dir is, so that output_dir is never missing or partial."""
    staging.chmod(0o755)
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return
    if _exchange(staging, output_dir):
        # staging now holds the previous site; a kill while deleting it leaves a .new- folder
        # that the next build removes.
        if keep_previous is None:
            shutil.rmtree(staging)
        else:
            _remove(keep_previous)
            os.rename(staging, keep_previous)
        return
    # No atomic exchange on this system: keep the window between the renames short; a kill
    # inside it leaves the previous site in the .old- folder, which recover() puts back.
    old = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}")
    os.rename(output_dir, old)
    os.rename(staging, output_dir)
    shutil.rmtree(old)


def _check_relative(rel: str) -> None:
    # Output names come from validated slugs and language codes; this guards the invariant.
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or ".." in path.parts or "\\" in rel or "\0" in rel:
        raise ValueError(f"refusing to write {rel!r}: output paths must stay inside the output folder")


def _remove(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)
    else:
        path.unlink()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.absolute().as_posix()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with Linux renameat2; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_tree(root: Path) -> None:
    # Without this a power cut just after the swap could leave empty files in the site.
    os.sync()
