"""Form fields with label, help and errors tied by aria-describedby, for any form (ours or allauth's)."""

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()


@register.inclusion_tag("accounts/includes/field.html")
def form_field(
    field: forms.BoundField, label: str = "", help_text: str = "", no_help: bool = False, optional_mark: bool = True
) -> dict[str, Any]:
    widget = field.field.widget
    field_id = field.auto_id or f"id_{field.html_name}"
    help_text = "" if no_help else (help_text or str(field.help_text or ""))
    help_id = f"{field_id}-aide" if help_text else ""
    error_id = f"{field_id}-erreur" if field.errors else ""
    describedby = " ".join(part for part in (help_id, error_id) if part)
    is_multiple = isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    attrs: dict[str, Any] = {}
    if describedby and not is_multiple:
        attrs["aria-describedby"] = describedby
    # Labels say what to type; placeholders would only repeat them (and vanish while typing).
    widget.attrs.pop("placeholder", None)
    return {
        "field": field,
        "field_id": field_id,
        "label": label or field.label,
        "help": help_text,
        "help_id": help_id,
        "error_id": error_id,
        "describedby": describedby,
        "is_hidden": field.is_hidden,
        "is_multiple": is_multiple,
        "is_checkbox": is_checkbox,
        "optional": optional_mark and not field.field.required and not is_checkbox,
        "widget": "" if is_multiple else field.as_widget(attrs=attrs),
    }


@register.inclusion_tag("accounts/includes/form_errors.html")
def form_errors(form: forms.Form) -> dict[str, Any]:
    """A summary at the top of the form: what is wrong, with a link to each field."""
    items = [{"message": message, "anchor": ""} for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        for message in errors:
            items.append({"message": message, "label": bound.label, "anchor": bound.auto_id or ""})
    return {"items": items}


@register.simple_tag
def crumbs(*labels_and_urls: Any) -> list[tuple[Any, Any]]:
    """{% crumbs "Mon profil" profile_url "Modifier" "" as items %} → items for components/breadcrumb.html."""
    values = list(labels_and_urls)
    return list(zip(values[::2], values[1::2], strict=False))
