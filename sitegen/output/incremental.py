"""Write only what changed when the last build's output is still exactly as it was written.

When the cache's manifest shows the output is intact (same files, same size, mtime and
inode as written), nothing is written if nothing changed. Otherwise the site is swapped in
atomically, by the cheapest of two ways:
- the previous site is kept in the cache folder as a spare; when the spare is intact too,
  only the files that differ from it are replaced in it, and it is exchanged with the
  output folder (write.refresh_site): a one-article edit writes a handful of files;
- else a new folder is made in which unchanged files are hard links to the current ones
  and the others are written, and it is swapped in (write.write_site).
A build killed at any moment so leaves the previous complete site. The spare's manifest is
forgotten (and saved) before it is touched, so a half-updated spare is never trusted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..cache.store import BuildCache, digest
from .write import refresh_site, write_site

Stat = tuple[int, int, int]
# The spare is brought up to date only when at most 1/REFRESH_SHARE of the files differ.
REFRESH_SHARE = 4


def write_output(
    files: Mapping[str, bytes], output_dir: Path, static_dir: Path | None, cache: BuildCache
) -> int:
    """Write files and static assets into output_dir; return how many files were written."""
    output_dir = output_dir.absolute()
    everything = dict(files) | static_files(static_dir)
    digests = {rel: digest(data) for rel, data in everything.items()}
    previous = cache.manifests.get(str(output_dir))
    on_disk = _stats(output_dir) if previous is not None else None
    changed = [
        rel for rel in sorted(everything) if previous is None or previous.get(rel, ("",))[0] != digests[rel]
    ]
    removed = sorted(set(previous or {}) - set(everything))
    intact = previous is not None and on_disk == {rel: entry[1:] for rel, entry in previous.items()}
    if intact and not changed and not removed:
        return 0
    spare = spare_dir(cache, output_dir)
    cache.set_manifest(str(output_dir), None)
    if not _refresh_spare(spare, everything, digests, output_dir, cache):
        unchanged = set(everything).difference(changed) if intact else set()
        write_site(everything, output_dir, None, unchanged, spare if intact else None)
    if spare is not None:
        cache.set_manifest(str(spare), previous if intact else None)
    stats = _stats(output_dir)
    cache.set_manifest(str(output_dir), {rel: (digests[rel], *stats[rel]) for rel in everything})
    return len(changed) + len(removed)


def spare_dir(cache: BuildCache, output_dir: Path) -> Path | None:
    """Return where the previous site of output_dir is kept, or None without a cache folder."""
    if cache.path is None:
        return None
    return cache.path.parent / f"spare-{digest(str(output_dir).encode())[:16]}"


def _refresh_spare(
    spare: Path | None,
    everything: dict[str, bytes],
    digests: dict[str, str],
    output_dir: Path,
    cache: BuildCache,
) -> bool:
    """Update the spare to the new site and swap it in, if the spare is intact."""
    if spare is None:
        return False
    kept = cache.manifests.get(str(spare))
    if kept is None or _stats(spare) != {rel: entry[1:] for rel, entry in kept.items()}:
        return False
    changed = {rel: data for rel, data in everything.items() if kept.get(rel, ("",))[0] != digests[rel]}
    removed = sorted(set(kept) - set(everything))
    if (len(changed) + len(removed)) * REFRESH_SHARE > len(everything):
        return False  # replacing most files one by one is slower than a new hard-linked tree
    cache.set_manifest(str(spare), None)
    cache.save()  # a kill while the spare is half updated must leave it untrusted
    return refresh_site(spare, changed, removed, output_dir)


def static_files(static_dir: Path | None) -> dict[str, bytes]:
    """Return the static assets as output files under static/."""
    if static_dir is None or not static_dir.is_dir():
        return {}
    return {
        f"static/{p.relative_to(static_dir).as_posix()}": p.read_bytes()
        for p in sorted(static_dir.rglob("*"))
        if p.is_file()
    }


def _stats(output_dir: Path) -> dict[str, Stat]:
    """Return size, mtime and inode of every file below output_dir."""
    found: dict[str, Stat] = {}
    if not output_dir.is_dir():
        return found
    prefix = len(str(output_dir)) + 1
    stack = [str(output_dir)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    st = entry.stat(follow_symlinks=False)
                    found[entry.path[prefix:]] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found
