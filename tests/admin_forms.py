"""Posting the Django admin's forms as a browser would."""


def change_form_data(context) -> dict:
    """What the admin's change form posts as it stands: its fields, its inlines' forms."""
    forms = [context["adminform"].form]
    data = {}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form[name].html_name] = value
    return data
