"""Platform roles: groups from the data migration, the helpers, and what each role may reach."""

import pytest
from django.contrib.auth.models import Group

from catalyse.accounts.roles import GROUP_NAMES, Role, role_assign, role_remove, user_has_role, user_roles
from catalyse.test import make_person

pytestmark = pytest.mark.django_db

PERSONAS = ["catalyst", "facilitator", "editor", "pilot_member", "outsider", "administrator"]


def test_it_creates_one_group_per_role_with_its_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUP_NAMES.values())
    facilitators = Group.objects.get(name=GROUP_NAMES[Role.FACILITATOR])
    assert facilitators.permissions.filter(codename="view_people_list").exists()
    assert not facilitators.permissions.filter(codename="change_user").exists()
    administrators = Group.objects.get(name=GROUP_NAMES[Role.ADMINISTRATOR])
    assert administrators.permissions.filter(codename="change_user").exists()
    assert not administrators.permissions.filter(codename="change_consentrecord").exists()


def test_it_assigns_and_removes_roles():
    person = make_person()
    assert user_roles(person) == {Role.MEMBER}
    role_assign(user=person, role=Role.CATALYST)
    assert user_has_role(person, Role.CATALYST)
    assert not user_has_role(person, Role.FACILITATOR)
    role_assign(user=person, role=Role.ADMINISTRATOR)
    person.refresh_from_db()
    assert person.is_staff
    assert user_has_role(person, Role.FACILITATOR)  # administrators pass every check
    role_remove(user=person, role=Role.ADMINISTRATOR)
    person.refresh_from_db()
    assert not person.is_staff
    assert user_roles(person) == {Role.MEMBER, Role.CATALYST}


def test_it_gives_no_role_to_a_visitor_or_an_inactive_person():
    from django.contrib.auth.models import AnonymousUser

    assert not user_has_role(AnonymousUser(), Role.MEMBER)
    person = make_person(role=Role.FACILITATOR)
    person.is_active = False
    assert user_roles(person) == set()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("catalyst", False),
        ("facilitator", False),
        ("editor", False),
        ("pilot_member", False),
        ("outsider", False),
        ("administrator", True),
    ],
)
def test_it_opens_the_django_admin_to_administrators_only(client, request, persona, allowed):
    client.force_login(request.getfixturevalue(persona))
    for url in ["/admin/", "/admin/accounts/user/", "/admin/accounts/organisation/"]:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            assert response.url.startswith("/admin/login/")


def test_it_lets_an_administrator_assign_a_role_in_the_admin(client, administrator, outsider):
    client.force_login(administrator)
    page = client.get(f"/admin/accounts/user/{outsider.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "is_superuser" not in body  # only superusers grant superuser status
    groups = [str(g.pk) for g in outsider.groups.all()] + [
        str(Group.objects.get(name=GROUP_NAMES[Role.ADMINISTRATOR]).pk)
    ]
    profile = outsider.profile
    data = {
        "email": outsider.email,
        "first_name": outsider.first_name,
        "last_name": outsider.last_name,
        "is_active": "on",
        "groups": groups,
        "last_login_0": "",
        "last_login_1": "",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(profile.pk),
        "profile-0-user": str(outsider.pk),
        "profile-0-world": profile.world,
        "profile-0-themes": "[]",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"/admin/accounts/user/{outsider.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    outsider.refresh_from_db()
    assert user_has_role(outsider, Role.ADMINISTRATOR)
    assert outsider.is_staff  # synced with the role, so the admin opens to them
    assert not outsider.is_superuser


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("catalyst", 403),
        ("editor", 403),
        ("pilot_member", 403),
        ("outsider", 403),
        ("facilitator", 200),
        ("administrator", 200),
    ],
)
def test_it_opens_the_people_list_to_facilitators(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/animation/personnes/").status_code == status


def test_it_sends_a_visitor_to_log_in_for_the_people_list(client):
    response = client.get("/animation/personnes/")
    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/")


def test_it_lists_people_with_roles_in_few_queries(client, facilitator, django_assert_max_num_queries):
    for index in range(15):
        make_person(role=Role.CATALYST, first_name=f"Personne{index}")
    client.force_login(facilitator)
    with django_assert_max_num_queries(9):
        response = client.get("/animation/personnes/")
    body = response.content.decode()
    assert body.count("Catalyseur territorial") >= 15
    filtered = client.get("/animation/personnes/?role=facilitator").content.decode()
    assert "Fabre" in filtered and "Personne3" not in filtered
