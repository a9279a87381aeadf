"""The notifications centre and the choice of emails."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalyse.lib.htmx import render_page
from catalyse.network import notifications as notes
from catalyse.network.forms import PreferencesForm
from catalyse.network.members import member_for
from catalyse.network.models import Notification
from catalyse.network.views.common import network_crumb, paginate, signed_in_user

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    items = Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-pk")
    context = {
        "page": paginate(request, items, PAGE_SIZE),
        "unread": notes.unread_count(user),
        "frequency": member_for(user).email_frequency_summary,
        "breadcrumb": [network_crumb(), (_("Notifications"), "")],
    }
    return render_page(request, "network/notifications.html", context)


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification: it is read, and you land where it happened."""
    user = signed_in_user(request)
    notification = get_object_or_404(Notification, pk=pk, recipient=user)
    notes.notifications_mark_read(user=user, notification=notification)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/reseau/notifications/"
    return redirect(target)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    changed = notes.notifications_mark_read(user=signed_in_user(request))
    if changed:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("network:notifications")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    member = member_for(user)
    form = PreferencesForm(request.POST or None, initial={"email_frequency": member.email_frequency})
    if request.method == "POST" and form.is_valid():
        member.email_frequency = form.cleaned_data["email_frequency"]
        member.save(update_fields=["email_frequency"])
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("network:notifications")
    context = {
        "form": form,
        "breadcrumb": [
            network_crumb(),
            (_("Notifications"), "/reseau/notifications/"),
            (_("Préférences"), ""),
        ],
    }
    return render_page(request, "network/preferences.html", context, status=400 if form.errors else 200)
