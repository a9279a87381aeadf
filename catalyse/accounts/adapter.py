"""Catalyse's sign-up and sign-in rules for allauth, kept in one place."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    # Our own French wording (typography, "adresse électronique", and what to do next).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Ce compte est désactivé."),
        "email_password_mismatch": _(
            "L’adresse électronique ou le mot de passe est incorrect. Vérifiez-les, ou choisissez "
            "«\u00a0Mot de passe oublié\u00a0»."
        ),
        "email_taken": _("Un compte utilise déjà cette adresse électronique\u00a0: connectez-vous plutôt."),
        "too_many_login_attempts": _(
            "Trop de tentatives de connexion ont échoué. Par sécurité, patientez quelques minutes avant de "
            "réessayer, ou choisissez «\u00a0Mot de passe oublié\u00a0»."
        ),
        "rate_limited": _("Vous avez envoyé trop de demandes à la suite\u00a0: patientez quelques minutes."),
        "unknown_email": _("Aucun compte n’utilise cette adresse électronique."),
        "unverified_primary_email": _("Confirmez d’abord votre adresse électronique principale."),
        "enter_current_password": _("Ce n’est pas votre mot de passe actuel\u00a0: vérifiez-le."),
        "incorrect_password": _("Ce mot de passe est incorrect."),
        "invalid_password_reset": _("Ce lien de réinitialisation n’est plus valide\u00a0: demandez-en un nouveau."),
        "same_as_current": _("La nouvelle valeur doit être différente de l’actuelle."),
    }

    def format_email_subject(self, subject: str) -> str:
        return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {"site_name": "Catalyse", "site_url": settings.SITE_URL, **context}
        super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """A person whose profile is still empty is invited to fill it first."""
        if _profile_incomplete(request.user):
            return reverse("accounts:profile-edit")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # Where a new person lands once their address is confirmed: their (empty) profile.
        return reverse("accounts:profile-edit")

    def get_email_verification_redirect_url(self, email_address: EmailAddress) -> str:
        if _profile_incomplete(email_address.user):
            return reverse("accounts:profile-edit")
        return super().get_email_verification_redirect_url(email_address)


def _profile_incomplete(user: Any) -> bool:
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    return profile is not None and not profile.is_complete
