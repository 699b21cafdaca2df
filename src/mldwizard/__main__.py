"""``python -m mldwizard`` is the same program as ``mldwizard``."""

from .cli import entry_point

if __name__ == "__main__":
    entry_point()
