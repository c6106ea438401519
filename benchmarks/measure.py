"""Run a command in a fresh process and measure it: wall time and peak memory.

Peak memory is reported twice: the largest single process (`ru_maxrss` from wait4, which covers
the process and the descendants it waited for) and the peak of the summed resident sets of the
whole process tree (main process, forkserver, workers), sampled from /proc every 20 ms. The sum
counts shared pages once per process, so it overstates what the tree really holds.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 1 << 20


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the children it waited for
    tree_mb: float  # peak of the summed RSS of the process tree (sampled)
    process_mb: float  # peak RSS of the largest single process
    status: int
    stderr: str


def run(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Measured:
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=dict(env or os.environ),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = _Sampler(proc.pid)
    sampler.start()
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    return Measured(wall, usage.ru_utime + usage.ru_stime, sampler.peak / MB,
                    usage.ru_maxrss / 1024, proc.returncode, stderr)


class _Sampler(threading.Thread):
    """Polls the summed RSS of a process and all its descendants."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak, self._done = root, 0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, tree_rss(self.root))
            self._done.wait(0.02)

    def stop(self) -> None:
        self._done.set()
        self.join()


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and its descendants (0 where /proc is not available)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total
