"""Who may do what, by role (SPEC: "People and what each may do")."""

CONVENORS_GROUP = "Convenors"


def is_convenor(user):
    """Convenors and staff review sightings; the answer is kept for the request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_convenor"):
        user._is_convenor = user.is_staff or user.groups.filter(name=CONVENORS_GROUP).exists()
    return user._is_convenor


def public_name(user):
    """The name shown beside a person's work; never their email address."""
    if user is None:
        return "a former member"
    name = user.get_full_name().strip()
    if name:
        return name
    if "@" not in user.username:
        return user.username
    return "a member"
