"""The Textual face of mldwizard. Only imported by the commands that open the wizard."""

from .textual_fixes import apply as _apply_textual_fixes

_apply_textual_fixes()
