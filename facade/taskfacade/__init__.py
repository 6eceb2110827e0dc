"""taskfacade: one Job, one way to wait, retry and fail, across four task services."""

__version__ = "0.1.0"
