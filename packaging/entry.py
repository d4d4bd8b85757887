"""The bundle's entry script (packaging/csr-console.spec): the console's `csr-console` command.

`csr_console.__main__.main` handles the hidden `--run-sandbox` first (the training sandbox child, started
with the bundle's own executable: see `csr_console.child_process.sandbox_command`).
"""

import sys

from csr_console.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
