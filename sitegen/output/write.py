"""Write the site beside the output folder, then swap it in whole.

Every function here takes the `Output` of a build that holds the lock (lock.py). A new site
is written into a staging folder `.NAME.new-*` next to the output folder, or brought up to
date in the spare `.NAME.spare` there, and exchanged with the output folder in one atomic
`renameat2(RENAME_EXCHANGE)`: readers see the previous site or the new one, never a mix.
Staging and spare live beside the output folder, so on its file system: renames and hard
links between them always work, even when `--output` is on another disk than the project.

Before the swap, any OSError leaves the previous site as it was and is raised; after it, a
failure to put the previous site away is a warning, because the new site is published.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

from .. import progress
from ..problems import WARNING, Problem, io_problem
from .lock import Output, remove

RENAME_EXCHANGE = 2


def write_site(
    out: Output, files: Mapping[str, bytes], unchanged: Collection[str] = (), keep_previous: bool = False
) -> list[Problem]:
    """Write files into a new folder and swap it in for the output folder; return warnings."""
    return swap_in(out, stage(out, files, unchanged), keep_previous)


def stage(out: Output, files: Mapping[str, bytes], unchanged: Collection[str] = ()) -> Path:
    """Write files into a new staging folder beside the output folder and return it.

    Files named in unchanged are hard-linked from the current output folder instead of
    written again: a rebuild after a small edit costs a link per page, not a copy.
    """
    for rel in files:
        check_relative(rel)
    staging = Path(tempfile.mkdtemp(prefix=out.staging_prefix, dir=out.parent))
    try:
        made: set[Path] = set()
        for rel in sorted(files):
            target = staging / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if not (rel in unchanged and _link(out.dir / rel, target)):
                write_file(target, files[rel])
            progress.reached("staged-file")
        _sync()
        staging.chmod(0o755)
    except BaseException:
        remove(staging)
        raise
    progress.reached("staged")
    return staging


def refresh(out: Output, changed: Mapping[str, bytes], removed: Collection[str]) -> None:
    """Bring the spare, an older copy of the site, up to date, file by file.

    Nobody reads the spare, so its files may be replaced one at a time; the site itself
    changes only when the spare is swapped in.
    """
    spare = out.spare
    for rel in [*changed, *removed]:
        check_relative(rel)
    # Removals first: a file may have become a folder of the same name, or the other way.
    for rel in removed:
        (spare / rel).unlink(missing_ok=True)
        folder = (spare / rel).parent
        while folder != spare and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    for rel, data in changed.items():
        target = spare / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.new")
        remove(tmp)
        write_file(tmp, data)
        # A new inode, never a write into the old one: the site may hard-link to it.
        os.replace(tmp, target)
        progress.reached("spare-file")
    _sync()
    progress.reached("staged")


def swap_in(out: Output, new_site: Path, keep_previous: bool = False) -> list[Problem]:
    """Put new_site where the output folder is, so that it is never missing or partial.

    With keep_previous, the replaced site becomes the spare, for refresh() next time;
    else it is deleted. Return warnings about what could not be put away after the swap.
    """
    if not os.path.lexists(out.dir):
        os.rename(new_site, out.dir)
        progress.reached("swapped")
        return []
    if exchange(new_site, out.dir):
        previous = new_site
    else:
        # No atomic exchange here: keep the window between the renames short; a kill inside
        # it leaves the previous site in the .old- folder, which the next build puts back.
        previous = out.parent / f"{out.old_prefix}{os.getpid()}"
        os.rename(out.dir, previous)
        try:
            os.rename(new_site, out.dir)
        except OSError:
            os.rename(previous, out.dir)
            raise
    progress.reached("swapped")
    # The new site is published: from here on, a failure must not fail the build.
    try:
        if not keep_previous:
            shutil.rmtree(previous)
        elif previous != out.spare:
            remove(out.spare)
            os.rename(previous, out.spare)
    except OSError as exc:
        doing = "put the previous site away (the new one is in place; the next build tidies up)"
        return [io_problem(out.shown(), exc, doing, WARNING)]
    progress.reached("tidied")
    return []


def write_file(path: Path, data: bytes) -> None:
    """Create path (which must not exist) with data; an error names the file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with open(fd, "wb", closefd=True) as f:
            f.write(data)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def check_relative(rel: str) -> None:
    """Refuse an output name that could leave the output folder."""
    # Output names come from validated slugs and language codes; this guards the invariant.
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or ".." in path.parts or "\\" in rel or "\0" in rel:
        raise ValueError(f"refusing to write {rel!r}: output paths must stay inside the output folder")


def _link(source: Path, target: Path) -> bool:
    """Hard-link source to target; False where that cannot be done, so the file is written."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.ENOENT):
            return False
        raise
    return True


def exchange(a: Path, b: Path) -> bool:
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


def _sync() -> None:
    # Without this a power cut just after the swap could leave empty files in the site.
    os.sync()
