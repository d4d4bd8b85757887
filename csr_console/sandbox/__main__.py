import sys

from csr_console.sandbox.cli import main

sys.exit(main())
