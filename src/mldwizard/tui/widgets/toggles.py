"""Choice widgets whose state shows without colour.

Textual draws a ticked and an unticked box (SelectionList, Checkbox) with the same "X", and a
pressed and an unpressed radio button with the same "●": only the colour tells them apart.
Under NO_COLOR, and for many colour-blind users, they look the same. These subclasses draw
the mark only when the choice is on, so a blank box is an unticked one.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

OFF = " "


class ChoiceList(SelectionList[str]):
    """A SelectionList whose unselected options show an empty box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if option.value in self.selected:
            return strip
        segments = list(strip)
        # SelectionList draws BUTTON_LEFT, BUTTON_INNER, BUTTON_RIGHT, a space, the prompt.
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(OFF, segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip


class MarkedCheckbox(Checkbox):
    """A Checkbox that is blank when off."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return Checkbox.BUTTON_INNER if self.value else OFF


class MarkedRadioButton(RadioButton):
    """A RadioButton that is blank when not pressed."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return RadioButton.BUTTON_INNER if self.value else OFF
