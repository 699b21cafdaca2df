"""``mldwizard serve``: the wizard in web browsers (the command, its access rules, its server).

Imported only when the command runs: it brings in aiohttp and textual-serve.
"""

from .command import cmd_serve, edit_command, is_loopback, url_host

__all__ = ["cmd_serve", "edit_command", "is_loopback", "url_host"]
