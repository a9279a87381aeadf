"""A territory typed as text: a `LEVEL:CODE` reference, a code or a name, resolved on the server.

Works without JavaScript; the territories app's autocomplete hooks onto `data-territory-autocomplete`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalyse.lib.text import fold
from catalyse.territories.models import Level, Territory

_REF = re.compile(r"(region|departement|epci|commune)\s*:\s*([0-9AB]{2,9})", re.IGNORECASE)
_HINTED = re.compile(r"(?P<name>.*?)\s*\((?P<hint>[^()]*)\)")
_COMMUNE_CODE = re.compile(r"\d[0-9AB]\d{3}", re.IGNORECASE)
_DEPARTEMENT_CODE = re.compile(r"\d[0-9AB]|\d{3}", re.IGNORECASE)
_EPCI_CODE = re.compile(r"\d{9}")
MAX_CHOICES_SHOWN = 8


def territory_value(territory: Territory | None) -> str:
    """What the field shows for a territory: its name and its unambiguous reference."""
    return f"{territory.name} ({territory.ref})" if territory else ""


def territory_choice_label(territory: Territory) -> str:
    parts = [territory.name, str(Level(territory.level).label).lower()]
    if territory.level in {Level.COMMUNE, Level.EPCI} and territory.departement_id:
        parts.append(territory.departement.name)  # type: ignore[union-attr]
    return f"{', '.join(parts)} ({territory.ref})"


def _level_order() -> Case:
    return Case(
        *[When(level=level, then=Value(index)) for index, level in enumerate(Level.values)],
        output_field=IntegerField(),
    )


def _hint_matches(territory: Territory, hint: str) -> bool:
    folded = fold(hint)
    departement = territory.departement
    candidates = {fold(territory.code), fold(str(Level(territory.level).label)), territory.level}
    if departement is not None:
        candidates |= {fold(departement.code), fold(departement.name)}
    return folded in candidates or any(folded and folded in fold(c) for c in candidates if len(folded) > 3)


def territory_resolve(text: str | None) -> Territory | None:
    """'commune:42218', '42218', 'Saint-Étienne', 'Saint-Étienne (42)' → the territory, or a French error."""
    text = " ".join((text or "").split())
    if not text:
        return None
    name, hint = text, ""
    hinted = _HINTED.fullmatch(text)
    if hinted:
        name, hint = hinted["name"].strip(), hinted["hint"].strip()

    for candidate in (hint, name):
        ref = _REF.fullmatch(candidate) if candidate else None
        if ref:
            level, code = ref[1].lower(), ref[2].upper()
            try:
                return Territory.objects.by_ref(f"{level}:{code}")
            except Territory.DoesNotExist:
                raise ValidationError(
                    _(
                        "Aucun territoire ne porte la référence « %(ref)s ». "
                        "Tapez plutôt son nom, par exemple « Saint-Étienne »."
                    )
                    % {"ref": f"{level}:{code}"},
                    code="territory_unknown",
                ) from None

    queryset = Territory.objects.select_related("departement")
    if _COMMUNE_CODE.fullmatch(name):
        code = name.upper()
        matches = list(queryset.filter(level=Level.COMMUNE, code=code)) or list(
            queryset.filter(level=Level.COMMUNE, postal_codes__contains=code).order_by("-population")
        )
    elif _EPCI_CODE.fullmatch(name):
        matches = list(queryset.filter(level=Level.EPCI, code=name))
    elif _DEPARTEMENT_CODE.fullmatch(name):
        matches = list(
            queryset.filter(level__in=[Level.DEPARTEMENT, Level.REGION], code=name.upper()).order_by(_level_order())
        )
    else:
        matches = list(
            queryset.filter(Q(search_name=fold(name)) | Q(name__iexact=name)).order_by(
                _level_order(), "-population", "code"
            )
        )
    if hint and len(matches) > 1:
        matches = [t for t in matches if _hint_matches(t, hint)] or matches

    if not matches:
        raise ValidationError(
            _(
                "Nous ne trouvons aucun territoire « %(text)s ». Vérifiez l’orthographe, ou tapez son code INSEE "
                "(par exemple 42218 pour Saint-Étienne)."
            )
            % {"text": text},
            code="territory_unknown",
        )
    if len(matches) > 1:
        shown = "\u00a0; ".join(territory_choice_label(t) for t in matches[:MAX_CHOICES_SHOWN])
        more = len(matches) - MAX_CHOICES_SHOWN
        message = _("Plusieurs territoires répondent à « %(text)s\u00a0»\u00a0: %(choices)s.") % {
            "text": text,
            "choices": shown,
        }
        if more > 0:
            message += " " + _("Et %(count)d autres.") % {"count": more}
        message += " " + _("Précisez en recopiant la référence entre parenthèses, par exemple « %(ref)s ».") % {
            "ref": matches[0].ref
        }
        raise ValidationError(message, code="territory_ambiguous")
    return matches[0]


@dataclass(frozen=True)
class TerritoryInputValue:
    """What the browser sent: the text typed, and the reference the autocomplete chose (if it ran)."""

    text: str
    ref: str = ""


def _territory_of(value: Any) -> Territory | None:
    if isinstance(value, Territory):
        return value
    if isinstance(value, int):
        return Territory.objects.select_related("departement").filter(pk=value).first()
    return None


class TerritoryInput(forms.TextInput):
    """A text input, plus a hidden `<name>_ref` that the territories app's autocomplete fills.

    Without JavaScript the hidden input keeps the reference of the territory shown, and the text wins
    as soon as it no longer names that territory."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"autocomplete": "off", "spellcheck": "false", "maxlength": "200"}
        super().__init__({**base, **(attrs or {})})

    def value_from_datadict(self, data: Any, files: Any, name: str) -> TerritoryInputValue:
        return TerritoryInputValue(text=data.get(name) or "", ref=data.get(f"{name}_ref") or "")

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def format_value(self, value: Any) -> str | None:
        territory = _territory_of(value)
        if territory is not None:
            return territory.label()
        if isinstance(value, TerritoryInputValue):
            return value.text or None
        return super().format_value(value)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        territory = _territory_of(value)
        ref = territory.ref if territory else (value.ref if isinstance(value, TerritoryInputValue) else "")
        text_input = super().render(name, territory or value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return format_html(
            '<div class="autocomplete" data-territory-autocomplete data-territory-field="{}">{}'
            '<input type="hidden" name="{}" id="{}" value="{}"></div>',
            f"{field_id}_ref",
            text_input,
            f"{name}_ref",
            f"{field_id}_ref",
            ref,
        )


class TerritoryField(forms.Field):
    widget = TerritoryInput
    default_error_messages = {"required": gettext_lazy("Indiquez un territoire.")}

    def to_python(self, value: Any) -> Territory | None:
        if isinstance(value, Territory) or value is None:
            return value
        if isinstance(value, TerritoryInputValue):
            text, ref = " ".join(value.text.split()), value.ref
        else:
            text, ref = " ".join(str(value).split()), ""
        if not text:
            return None
        if ref:
            chosen = (
                Territory.objects.select_related("departement")
                .filter(level=ref.partition(":")[0], code=ref.partition(":")[2])
                .first()
            )
            # The reference counts while the text still names it (as shown, or as the autocomplete wrote it).
            if chosen is not None and (
                text in {chosen.name, chosen.ref, territory_value(chosen)} or text.startswith(chosen.label())
            ):
                return chosen
        return territory_resolve(text)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return _territory_of(initial) != self.to_python(data)
