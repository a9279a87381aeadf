"""Carnets de bord, under /parcours/<journey>/carnets/."""

from django.urls import path, re_path

from catalyse.logbooks import views
from catalyse.logbooks.feeds import JourneyLogbookFeed

app_name = "logbooks"

PERIOD = r"(?P<journey_slug>[-a-zA-Z0-9_]+)/carnets/(?P<period>[0-9]{4}-[0-9]{2})"

urlpatterns = [
    path("<slug:journey_slug>/carnets/", views.logbook_archive, name="archive"),
    path("<slug:journey_slug>/carnets/flux.atom", JourneyLogbookFeed(), name="feed"),
    path("<slug:journey_slug>/carnets/preparer/", views.logbook_draft, name="draft"),
    path("<slug:journey_slug>/carnets/abonnement/", views.logbook_subscription, name="subscription"),
    path("<slug:journey_slug>/carnets/desabonnement/<str:token>/", views.logbook_unsubscribe, name="unsubscribe"),
    re_path(rf"^{PERIOD}/$", views.logbook_issue, name="issue"),
    re_path(rf"^{PERIOD}/modifier/$", views.logbook_edit, name="issue-edit"),
    re_path(rf"^{PERIOD}/actualiser/$", views.logbook_refresh, name="issue-refresh"),
    re_path(rf"^{PERIOD}/carnet\.pdf$", views.logbook_pdf, name="issue-pdf"),
]
