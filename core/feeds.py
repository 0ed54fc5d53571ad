"""What every feed of the Observatory shares."""

import re

from django.utils.feedgenerator import Atom1Feed

# XML 1.0 cannot carry these; a person can still paste one into a title.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def xml_safe(value):
    """The value with the control characters XML refuses removed, in lists too."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


class SafeAtomFeed(Atom1Feed):
    """An Atom feed that never fails on a stray control character in what people wrote."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **{name: xml_safe(v) for name, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **{name: xml_safe(v) for name, v in kwargs.items()})
