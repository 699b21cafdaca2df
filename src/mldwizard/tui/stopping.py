"""Stopping on a signal: the terminal closed (SIGHUP), ``kill`` (SIGTERM) or SIGINT.

The wizard saves without asking (:meth:`Session.save_without_asking`), then exits, and
exits within about a second whatever Textual's driver does. A bare Textual app never meets
the driver's trouble, because SIGHUP's default action ends it at once; the wizard catches
SIGHUP to save first, and then runs Textual's shutdown on a terminal that is gone. There,
the driver's writer thread has died on the first failed write, and the SIGCONT the kernel
sends with SIGHUP makes the driver start its output again (a second writer thread); the
shutdown's writes then wait forever on a full queue nobody reads. So:

* the signal handler is a plain Python one: it runs at once in the main thread even when
  the event loop is blocked, and only sets things in motion;
* after a signal the driver's SIGCONT/SIGTSTP handlers are switched off (nothing is to be
  resumed on a terminal that is gone);
* a watchdog thread makes sure the save happens (from the loop, or from the watchdog if
  the loop is stuck), gives Textual's shutdown a moment, then ends the process with
  ``os._exit`` and the exit code the CLI would have returned.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from types import FrameType
from typing import Any, Protocol

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

SAVE_WAIT_S = 1.0
"""How long the event loop has to start the save before the watchdog saves itself. The
loop's save also takes the keys the focused field has shown but not yet reported; on a
loaded machine the loop can take more than half a second to get to it."""

GRACE_S = 0.5
"""After the save, how long Textual's shutdown has when the terminal is gone."""

GRACE_WITH_TERMINAL_S = 3.0
"""... and when it is still there (``kill``): time to restore the screen for the user."""


class Stoppable(Protocol):
    """What an app (the wizard, the workshop) gives :class:`StopOnSignal`."""

    def take_typed(self) -> None:
        """In the event loop: put what was just typed into what will be saved."""

    def needs_saving(self) -> bool:
        """From any thread: is anything not on disk yet?"""

    def save_without_asking(self) -> str:
        """From any thread: save (or keep a copy), never ask; the save state to report."""

    def set_save_state(self, state: str) -> None:
        """In the event loop: show the save state."""

    def exit(self) -> None:
        """In the event loop: let the app shut down."""


class StopOnSignal:
    """Saves and stops an app on SIGHUP, SIGTERM and SIGINT; see the module's doc."""

    def __init__(self, app: Stoppable) -> None:
        self.app = app
        self.signal: int | None = None
        """The signal received (None: none yet)."""
        self.state: str | None = None
        """The save state of the save made on the signal (None: not saved yet)."""
        self._previous: dict[int, Any] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._received = threading.Event()
        self._saved = threading.Event()

    def install(self) -> None:
        """Take over the signals (from the main thread, in the running app)."""
        self._loop = asyncio.get_running_loop()
        for sig in SIGNALS:
            with contextlib.suppress(ValueError, OSError):  # not the main thread, or no such
                self._previous[sig] = signal.signal(sig, self._on_signal)
        # Started now, not from the handler: starting a thread takes locks the main thread
        # may hold at the moment a signal interrupts it.
        threading.Thread(target=self._watchdog, name="mldwizard-stop", daemon=True).start()

    def uninstall(self) -> None:
        """Give the signals back (the app has stopped)."""
        for sig, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                if signal.getsignal(sig) == self._on_signal:
                    signal.signal(sig, previous)
        self._previous.clear()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # Runs in the main thread between two bytecodes, perhaps in the middle of writing a
        # frame: sets flags and wakes the loop and the watchdog, nothing more.
        if self.signal is not None:
            return
        self.signal = signum
        for sig in (signal.SIGCONT, signal.SIGTSTP):
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, signal.SIG_DFL)
        self._received.set()
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the watchdog saves
                self._loop.call_soon_threadsafe(self.save_and_exit)

    def save_and_exit(self) -> None:
        """In the event loop: take what was just typed, save, and let Textual shut down."""
        self.app.take_typed()
        self.app.set_save_state(self.save())
        self.app.exit()

    def save(self) -> str:
        """Save without asking, once (again only if something changed since); from any
        thread. Returns the save state."""
        with self._lock:
            if self.state is None or self.app.needs_saving():
                self.state = self.app.save_without_asking()
            self._saved.set()
            return self.state

    @property
    def exit_code(self) -> int:
        """What the CLI returns after the app (0: everything typed is saved)."""
        return 0 if (self.state or "").startswith("saved") else 1

    def _watchdog(self) -> None:
        self._received.wait()
        try:
            if not self._saved.wait(SAVE_WAIT_S):
                self.save()  # the loop did not get to it: stuck, or already gone
        finally:  # whatever happened, the process ends
            threading.Event().wait(GRACE_WITH_TERMINAL_S if _terminal_is_there() else GRACE_S)
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.flush()
            os._exit(self.exit_code)


def _terminal_is_there() -> bool:
    """False once the terminal hung up (its descriptor no longer answers as a terminal)."""
    try:
        return os.isatty(sys.__stdout__.fileno()) if sys.__stdout__ else False
    except (OSError, ValueError):
        return False
