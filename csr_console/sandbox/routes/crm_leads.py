"""(being written)"""

from csr_console.sandbox.http import Registry

registry = Registry()
