"""The two editorial roles, as Django groups, and what each may do.

The groups and their permissions are created by data migrations (each change
of a group's permissions comes as a new migration); this module names them.
"""

EDITORS = "Editors"
REVIEWERS = "Reviewers"


def is_editor(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists())


def is_reviewer(user) -> bool:
    return user.is_active and user.groups.filter(name__in=[EDITORS, REVIEWERS]).exists()


def may_approve(user) -> bool:
    """Editors approve, publish, send back and reopen (the approve_verdict permission)."""
    return user.has_perm("claims.approve_verdict")
