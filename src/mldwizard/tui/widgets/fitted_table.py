"""A read-only DataTable that fits the width it is given.

Textual's DataTable sizes each column to its widest cell and cuts the table off at the right
edge, so at 80 columns the last columns of the status and overview tables were simply not
there. A `FittedTable` is given its columns with a priority: when the table is too wide, its
flexible column (a step's title, say) is cut with an ellipsis down to a minimum, then the
columns that matter least are left out, until the rest fits. It lays itself out again on
every resize.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual import events
from textual.widgets import DataTable

Cell = str | Text
_MEASURE = Console(width=200, color_system=None)
"""Only measures text to wrap it (nothing is printed)."""


@dataclass(frozen=True)
class Column:
    label: str
    priority: int = 0
    """Columns with the lowest priority are left out first when the table is too wide."""
    flex: bool = False
    """The column (one per table) that is cut with an ellipsis to make room."""
    min_width: int = 12
    """How narrow the flexible column may be cut before other columns are left out."""
    yields: bool = False
    """Left out before the flexible column is cut at all (a date matters less than being
    able to read which step a row is)."""


@dataclass(frozen=True)
class Layout:
    kept: tuple[int, ...]
    """The indexes of the columns shown, in their order."""
    widths: tuple[int, ...]
    """The width of each column shown."""


def fit(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, padding: int
) -> Layout:
    """Which columns to show, and how wide, in ``width`` cells (each column also takes
    ``padding`` cells on either side)."""
    natural = [
        max([cell_len(c.label), *(_width(row[i]) for row in rows)]) for i, c in enumerate(columns)
    ]
    flex = next((i for i, c in enumerate(columns) if c.flex), None)
    kept = list(range(len(columns)))
    # Left out first: the lowest priority; among equals, the one furthest right.
    droppable = sorted((i for i in kept if i != flex), key=lambda i: (columns[i].priority, -i))
    if flex is not None:
        for i in [i for i in droppable if columns[i].yields]:
            used = sum(natural[k] for k in kept if k != flex) + 2 * padding * len(kept)
            if width - used >= natural[flex]:
                break
            kept.remove(i)
            droppable.remove(i)
    while True:
        used = sum(natural[i] for i in kept if i != flex) + 2 * padding * len(kept)
        room = width - used
        if flex is None:
            if room >= 0 or len(kept) == 1:
                return Layout(tuple(kept), tuple(natural[i] for i in kept))
        else:
            least = min(natural[flex], columns[flex].min_width)
            if room >= least or not droppable:
                flex_width = max(least, min(natural[flex], room))
                widths = tuple(flex_width if i == flex else natural[i] for i in kept)
                return Layout(tuple(kept), widths)
        kept.remove(droppable.pop(0))


def _lines(cell: Cell) -> int:
    text = cell.plain if isinstance(cell, Text) else cell
    return max(1, len(text.splitlines()))


def _width(cell: Cell) -> int:
    text = cell.plain if isinstance(cell, Text) else cell
    return max((cell_len(line) for line in text.splitlines()), default=0)


def wrapped(cell: Cell, width: int) -> Cell:
    """The cell, wrapped at words to lines of ``width`` cells if it is wider."""
    if _width(cell) <= width:
        return cell
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    return Text("\n").join(text.wrap(_MEASURE, width))


def cut(cell: Cell, width: int) -> Cell:
    """The cell, cut to ``width`` cells with an ellipsis if it is wider."""
    if _width(cell) <= width:
        return cell
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    text.truncate(width, overflow="ellipsis")
    return text


class FittedTable(DataTable[Cell]):
    DEFAULT_CSS = """
    FittedTable {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, columns: Sequence[Column], *, wrap: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.fitted_columns = list(columns)
        self.wrap = wrap
        """The flexible column wraps (a row grows taller) instead of being cut."""
        self._rows: list[list[Cell]] = []
        self._keys: list[str] | None = None
        self._layout: Layout | None = None
        self._width = 0

    def set_rows(self, rows: Sequence[Sequence[Cell]], keys: Sequence[str] | None = None) -> None:
        """Show these rows (each a cell per column given to the constructor), with these
        row keys if given."""
        self._rows = [list(row) for row in rows]
        self._keys = list(keys) if keys is not None else None
        self._layout = None
        self._lay_out()

    @property
    def shown_labels(self) -> list[str]:
        """The labels of the columns shown now."""
        if self._layout is None:
            return []
        return [self.fitted_columns[i].label for i in self._layout.kept]

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._lay_out()

    def _lay_out(self) -> None:
        self._width = self.size.width
        # Room is kept for a vertical scrollbar: it appears only once the rows are in.
        room = self._width - self.styles.scrollbar_size_vertical
        if room <= 0:
            return  # not laid out yet: on_resize comes
        layout = fit(self.fitted_columns, self._rows, room, self.cell_padding)
        if layout == self._layout:
            return
        self._layout = layout
        self.clear(columns=True)
        for index, width in zip(layout.kept, layout.widths, strict=True):
            self.add_column(self.fitted_columns[index].label, width=width)
        flex = next((i for i, c in enumerate(self.fitted_columns) if c.flex), None)
        for number, row in enumerate(self._rows):
            cells = [
                wrapped(row[i], w) if self.wrap and i == flex else cut(row[i], w)
                for i, w in zip(layout.kept, layout.widths, strict=True)
            ]
            self.add_row(
                *cells,
                height=max(_lines(c) for c in cells),
                key=self._keys[number] if self._keys is not None else None,
            )
