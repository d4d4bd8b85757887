"""Child servers (the training sandbox, the sandboxes of tests and benchmarks) that do not outlive the
process that started them.

On Linux the kernel sends the child SIGTERM when its parent dies, however it dies (SIGKILL, a crash, an
aborted test run), so no orphaned server keeps its port and its simulator running. Elsewhere it is a
no-op: the parent's orderly shutdown stops the child.
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1
#: Loaded before any fork: the child may only make the call, not load a library.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def die_with_parent() -> None:
    """`preexec_fn` of a child server: in the forked child, before exec, SIGTERM when the parent dies.
    One libc call, nothing else runs there."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
