"""The package version, written once (``[tool.hatch.version]`` reads it; ``taskfacade.__version__`` re-exports it).

Its own module so that submodules needing it (the transport's User-Agent) do not import the package
``__init__``, which imports them back for its lazy re-exports.
"""

__version__ = "0.1.0"
