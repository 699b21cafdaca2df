"""Start-up without garbage-collection pauses.

Importing Textual and pydantic, building the document models and composing the first screen
create a few hundred thousand objects, almost none of them garbage. CPython's cyclic
collector still walks them: about 240 runs and 50-70 ms before the wizard's first frame
(benchmarks/bench_tui_startup.py). The CLI pauses the collector while a wizard starts; the
wizard resumes it once its first frame is painted, after freezing what start-up made
(``gc.freeze``: those objects are never scanned again, so later collections stay short).

Reference counting still frees everything that is not in a cycle while the collector is
paused, and `resume` is called on every path out of the CLI, so a pause never outlives
start-up.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop the cyclic collector until `resume` (a no-op if something else stopped it)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Undo `pause`: freeze the objects made so far and turn the collector back on."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def paused() -> bool:
    return _paused
