"""Objects chosen by their key in a form, where a forged key is simply not a choice."""

from django import forms

# The largest key the database can hold. A bigger number, which only a forged form can
# send, makes the database raise an error instead of finding nothing.
LARGEST_KEY = 2**63 - 1


def is_key(value):
    text = str(value)
    return text.isascii() and text.isdigit() and int(text) <= LARGEST_KEY


class KeysChoiceField(forms.ModelMultipleChoiceField):
    """Choices sent by key, where a number that cannot be a key is simply not a choice."""

    def _check_values(self, value):
        for key in value:
            if not is_key(key):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        return super()._check_values(value)
