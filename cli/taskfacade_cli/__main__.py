"""``python -m taskfacade_cli``: the same program as the ``taskfacade`` console script."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
