"""Child servers (the training sandbox, the sandboxes of tests and benchmarks) that do not outlive the
process that started them.

On Linux the kernel sends the child SIGTERM when its parent dies, however it dies (SIGKILL, a crash, an
aborted test run), so no orphaned server keeps its port and its simulator running. Elsewhere it is a
no-op: the parent's orderly shutdown stops the child.

`sandbox_command()` is how the console starts its sandbox child: `python -m csr_console.sandbox` from a
source or wheel install; in a PyInstaller bundle (`sys.frozen`) there is no Python to run `-m` with, so the
bundle's own executable is started with the hidden first argument `--run-sandbox`, which
`csr_console.__main__` hands to the sandbox's command line before anything else is imported.
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1
#: The hidden first argument that makes the console's executable run the sandbox instead (frozen bundles).
SANDBOX_ROLE = "--run-sandbox"
#: Loaded before any fork: the child may only make the call, not load a library.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def die_with_parent() -> None:
    """`preexec_fn` of a child server: in the forked child, before exec, SIGTERM when the parent dies.
    One libc call, nothing else runs there."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def sandbox_command() -> list[str]:
    """The command that runs `csr-sandbox` in a child process; its arguments follow."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SANDBOX_ROLE]
    return [sys.executable, "-m", "csr_console.sandbox"]
