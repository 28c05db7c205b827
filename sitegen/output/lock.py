"""Lock an output folder for one build, and clean up what a killed build left beside it.

The lock is `.NAME.lock` next to the output folder NAME, held with flock for the whole build
and removed at its end; a second build stops at once with an error. It is opened without
following symbolic links. Whoever holds it gets an `Output`, which the write functions take
as their argument: the lock is taken once per build, never again inside it, and no global
remembers who holds what. Everything else the write stage keeps beside the output folder
(staging `.NAME.new-*`, a set-aside `.NAME.old-*`, the spare `.NAME.spare`) is generated:
found as a symbolic link or another kind of file, it is removed, never followed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import progress
from ..cache.store import CACHE_DIR
from ..problems import BuildFailed, Problem, error, io_problem

# Folders the build reads from: an output folder there would be read back as sources.
SOURCE_FOLDERS = ("content", "templates", "static", "locales")
# Every built site has it, naming the project it was built from; a non-empty folder
# without it (or with another project's) is not ours to replace.
SITE_MARKER = ".sitegen-output"
MARKER_HEAD = b"sitegen output: this folder is replaced whole by each build of its project\n"


@dataclass(frozen=True)
class Output:
    """An output folder locked by this build: proof, for the write functions, that they may write."""

    dir: Path
    root: Path
    fd: int = field(repr=False)

    @property
    def parent(self) -> Path:
        return self.dir.parent

    @property
    def lock(self) -> Path:
        return lock_file(self.dir)

    @property
    def spare(self) -> Path:
        """Where the previous site is kept for the next build to update: beside the site,
        on its file system, so that it can be swapped in."""
        return self.parent / f".{self.dir.name}.spare"

    @property
    def staging_prefix(self) -> str:
        return f".{self.dir.name}.new-"

    @property
    def old_prefix(self) -> str:
        return f".{self.dir.name}.old-"

    def shown(self, path: Path | None = None) -> str:
        """Name path in a problem: a file in a generated folder by its place in the site."""
        if path is not None:
            try:
                rel = Path(os.path.abspath(path)).relative_to(self.parent)
            except ValueError:
                return path.as_posix()
            first = rel.parts[0] if rel.parts else ""
            if first == self.dir.name or self._generated(first):
                return _shown(self.dir.joinpath(*rel.parts[1:]), self.root)
            return _shown(path, self.root)
        return _shown(self.dir, self.root)

    def _generated(self, name: str) -> bool:
        return name.startswith((self.staging_prefix, self.old_prefix)) or name == self.spare.name


def lock_file(output_dir: Path) -> Path:
    """Return the lock file of an output folder: a hidden file next to it."""
    output_dir = output_dir.absolute()
    return output_dir.parent / f".{output_dir.name}.lock"


def site_marker(root: Path) -> bytes:
    """Return the marker file's bytes for a site built from the project in root."""
    # A hash, not the path: the file is published with the site.
    project = hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:16]
    return MARKER_HEAD + f"project: {project}\n".encode()


def _marker(path: Path) -> bytes | None:
    """Return the marker's bytes if it is a small regular file (never a link), else None."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > 4096:
            return None
        return path.read_bytes()
    except FileNotFoundError:
        return None


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
    if out.is_relative_to(project):
        on_the_way = project
        for part in out.relative_to(project).parts[:-1]:
            on_the_way /= part
            if on_the_way.is_symlink():
                where = _shown(on_the_way, project)
                return bad(
                    f"{where}/ on the way to it is a symbolic link; give the folder it points to instead"
                )
    try:
        if out.is_symlink():
            return bad("the output folder is a symbolic link; give the folder it points to instead")
        if out.exists() and not out.is_dir():
            return bad("the output path exists and is not a folder")
        if out.is_dir() and any(out.iterdir()):
            found = _marker(out / SITE_MARKER)
            if found is None or not found.startswith(MARKER_HEAD):
                return bad(
                    f"the folder exists and is not a site this generator built (no {SITE_MARKER}); "
                    "refusing to replace it: empty it or choose another output folder"
                )
            # Inside the project any of our sites may go (the project may have moved).
            if found != site_marker(root) and not real_out.is_relative_to(real_root):
                return bad(
                    "the folder holds a site built from another project; refusing to replace it: "
                    "empty it or choose another output folder"
                )
    except OSError as exc:
        return [io_problem(shown, exc, "look into the output folder")]
    return []


@contextlib.contextmanager
def lock_output(output_dir: Path, root: Path) -> Iterator[Output]:
    """Check the output folder and lock it for this build; fail at once if another build has it."""
    output_dir, root = output_dir.absolute(), root.absolute()
    cache = root / CACHE_DIR
    if output_dir.is_relative_to(cache) and cache.is_symlink():
        cache.unlink()  # generated (the preview is built in it): a link is removed, never followed
    problems = check_output_dir(output_dir, root)
    if problems:
        raise BuildFailed(problems)
    shown = _shown(output_dir, root)
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildFailed([io_problem(shown, exc, "create the folder the site goes in")]) from None
    path = lock_file(output_dir)
    fd = _acquire(path, _shown(path, root), shown)
    try:
        out = Output(output_dir, root, fd)
        try:
            tidy(out)
        except OSError as exc:
            raise BuildFailed(
                [io_problem(out.shown(Path(exc.filename or out.dir)), exc, "clean up")]
            ) from None
        progress.reached("locked")
        yield out
    finally:
        # Unlinked while still locked: a build waiting on this file sees it go and retries.
        with contextlib.suppress(OSError):
            if os.lstat(path).st_ino == os.fstat(fd).st_ino:
                path.unlink()
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(path: Path, shown_lock: str, shown: str) -> int:
    """Lock path with flock and return the descriptor; raise BuildFailed if it is held."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    while True:
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                message = "is a symbolic link; the lock is a plain file a build makes: remove the link"
                raise BuildFailed([error(shown_lock, None, message, "lock")]) from None
            if exc.errno in (errno.EISDIR, errno.ENXIO):
                raise BuildFailed(
                    [error(shown_lock, None, "is not a plain file: remove it", "lock")]
                ) from None
            raise BuildFailed([io_problem(shown, exc, "lock the output folder")]) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise BuildFailed([error(shown_lock, None, "is not a plain file: remove it", "lock")])
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            message = f"another build{who} is writing to this folder; wait for it to finish, then build again"
            raise BuildFailed([error(shown, None, message, "lock")]) from None
        try:
            same = os.lstat(path).st_ino == st.st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)  # the holder removed the file as we locked it: lock the new one
            continue
        if os.fstat(fd).st_nlink != 1:
            # A second name for the file: truncating it would change a file elsewhere.
            os.close(fd)
            message = "has another name (a hard link); the lock is a plain file a build makes: remove it"
            raise BuildFailed([error(shown_lock, None, message, "lock")])
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError as exc:
            os.close(fd)
            raise BuildFailed([io_problem(shown, exc, "lock the output folder")]) from None
        return fd


def tidy(out: Output) -> None:
    """Clean up after a killed build: put a set-aside site back, delete staging folders,
    and remove generated names that are not plain folders."""
    parent = out.parent
    if not parent.is_dir():
        return
    names = sorted(os.listdir(parent))
    new = [parent / n for n in names if n.startswith(out.staging_prefix)]
    old = [parent / n for n in names if n.startswith(out.old_prefix)]
    real_old = [p for p in old if is_real_dir(p)]
    if real_old and not os.path.lexists(out.dir):
        # Killed between the two renames of the fallback swap: the set-aside site is complete.
        restored = real_old[-1]
        os.rename(restored, out.dir)
        old.remove(restored)
    for leftover in new + old:
        remove(leftover)
    if os.path.lexists(out.spare) and not is_real_dir(out.spare):
        remove(out.spare)


def is_real_dir(path: Path) -> bool:
    """Tell whether path is a folder itself, not a symbolic link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def remove(path: Path) -> None:
    """Delete a file or folder; a symbolic link is removed itself, never followed."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)  # removes links inside as links
    else:
        path.unlink()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.absolute().as_posix()
