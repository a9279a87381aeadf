"""Sign-up, verification, login, logout, password reset and email change, over real SMTP."""

import pytest
from allauth.account.models import EmailAddress

from catalyse.accounts.models import Profile, User
from catalyse.accounts.roles import Role, user_has_role
from catalyse.accounts.tests.helpers import link_in, path_of
from catalyse.test import DEFAULT_PASSWORD, make_person

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "une-autre-phrase-secrete-7"


def signup(client, email="nouvelle@exemple.fr", password=DEFAULT_PASSWORD):
    return client.post("/comptes/signup/", {"email": email, "password1": password, "password2": password}, follow=True)


def test_it_signs_up_verifies_the_email_received_over_smtp_and_logs_in(client, inbox):
    response = signup(client)
    assert response.status_code == 200
    assert "Confirmez votre adresse électronique" in response.content.decode()
    user = User.objects.get(email="nouvelle@exemple.fr")
    assert Profile.objects.filter(user=user).exists()
    assert user_has_role(user, Role.MEMBER)
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session

    [message] = inbox.wait_for(1)
    assert message["To"] == "nouvelle@exemple.fr"
    assert message["Subject"].strip().startswith("[Catalyse] Bienvenue")
    body = inbox.text(message)
    assert "Bonjour," in body
    link = link_in(body, "/comptes/confirm-email/")

    page = client.get(path_of(link))
    assert page.status_code == 200
    assert "Confirmez que" in page.content.decode()
    confirmed = client.post(path_of(link))
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    # A new person is invited to fill their profile first.
    assert confirmed.url == "/profil/modifier/"
    assert client.get("/profil/").status_code == 200


def test_it_refuses_a_weak_or_mismatched_password_in_french(client, inbox):
    response = client.post("/comptes/signup/", {"email": "a@exemple.fr", "password1": "123", "password2": "124"})
    body = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(email="a@exemple.fr").exists()
    assert "choses à corriger" in body or "chose à corriger" in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_password1-aide id_password1-erreur"' in body
    assert inbox.messages == []


def test_it_does_not_reveal_that_an_address_already_has_an_account(client, inbox):
    make_person(email="deja@exemple.fr")
    response = signup(client, email="deja@exemple.fr")
    assert response.status_code == 200
    assert "Confirmez votre adresse électronique" in response.content.decode()
    [message] = inbox.wait_for(1)
    assert "Vous avez déjà un compte" in message["Subject"]
    assert "/comptes/password/reset/" in inbox.text(message)


def test_it_logs_in_and_out(client):
    user = make_person(email="amandine@exemple.fr")
    response = client.post("/comptes/login/", {"login": "Amandine@Exemple.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.url == "/profil/"
    response = client.post("/comptes/logout/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "Vous êtes déconnecté" in response.content.decode()


def test_it_says_in_french_what_is_wrong_with_a_bad_login(client):
    make_person(email="amandine@exemple.fr")
    response = client.post("/comptes/login/", {"login": "amandine@exemple.fr", "password": "pas-le-bon"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "L’adresse électronique ou le mot de passe est incorrect" in body
    assert "_auth_user_id" not in client.session


def test_it_refuses_the_sixth_bad_login_attempt_even_with_the_right_password(client):
    make_person(email="cible@exemple.fr")
    for _attempt in range(5):
        response = client.post("/comptes/login/", {"login": "cible@exemple.fr", "password": "mauvais-mot-de-passe"})
        assert "incorrect" in response.content.decode()
    response = client.post("/comptes/login/", {"login": "cible@exemple.fr", "password": "mauvais-mot-de-passe"})
    assert "Trop de tentatives de connexion ont échoué" in response.content.decode()
    response = client.post("/comptes/login/", {"login": "cible@exemple.fr", "password": DEFAULT_PASSWORD})
    assert "Trop de tentatives de connexion ont échoué" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_refuses_login_before_the_email_is_verified(client, inbox):
    make_person(email="pas-verifiee@exemple.fr", verified=False)
    response = client.post("/comptes/login/", {"login": "pas-verifiee@exemple.fr", "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url == "/comptes/confirm-email/"
    [message] = inbox.wait_for(1)
    assert "/comptes/confirm-email/" in inbox.text(message)


def test_it_resets_a_forgotten_password_through_the_emailed_link(client, inbox):
    user = make_person(email="oublieuse@exemple.fr")
    response = client.post("/comptes/password/reset/", {"email": "oublieuse@exemple.fr"}, follow=True)
    assert "Regardez vos messages" in response.content.decode()
    [message] = inbox.wait_for(1)
    assert message["Subject"].strip() == "[Catalyse] Choisir un nouveau mot de passe"
    link = path_of(link_in(inbox.text(message), "/comptes/password/reset/key/"))

    form_page = client.get(link, follow=True)
    assert "Choisissez un nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "Votre nouveau mot de passe est enregistré" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once only.
    again = client.get(link, follow=True)
    assert "Lien expiré" in again.content.decode()
    # And the person is told that their password changed.
    notices = [m for m in inbox.wait_for(2) if "réinitialisé" in m["Subject"]]
    assert notices


def test_it_tells_an_unknown_address_that_it_has_no_account(client, inbox):
    client.post("/comptes/password/reset/", {"email": "inconnue@exemple.fr"})
    [message] = inbox.wait_for(1)
    assert message["Subject"].strip() == "[Catalyse] Aucun compte avec cette adresse"
    assert "/comptes/signup/" in inbox.text(message)


def test_it_changes_the_email_address_once_the_new_one_is_confirmed(client, inbox):
    user = make_person(email="ancienne@exemple.fr")
    client.force_login(user)
    page = client.get("/comptes/email/")
    assert "Changer d’adresse" in page.content.decode()
    response = client.post("/comptes/email/", {"email": "nouvelle@exemple.fr", "action_add": ""}, follow=True)
    assert "nouvelle@exemple.fr" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "ancienne@exemple.fr"  # not before it is confirmed

    [message] = inbox.wait_for(1)
    assert message["To"] == "nouvelle@exemple.fr"
    link = path_of(link_in(inbox.text(message), "/comptes/confirm-email/"))
    client.post(link)
    user.refresh_from_db()
    assert user.email == "nouvelle@exemple.fr"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "primary", "verified")) == [
        ("nouvelle@exemple.fr", True, True)
    ]
    # The old address is told about the change.
    notices = [m for m in inbox.wait_for(2) if m["To"] == "ancienne@exemple.fr"]
    assert notices and "a changé" in notices[0]["Subject"]


def test_it_changes_the_password_with_the_current_one(client, inbox):
    user = make_person()
    client.force_login(user)
    response = client.post(
        "/comptes/password/change/",
        {"oldpassword": "faux", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "Ce n’est pas votre mot de passe actuel" in response.content.decode()
    client.post(
        "/comptes/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    [message] = inbox.wait_for(1)
    assert message["Subject"].strip() == "[Catalyse] Votre mot de passe a changé"


def test_it_sets_a_session_cookie_that_scripts_cannot_read(client):
    make_person(email="cookie@exemple.fr")
    response = client.post("/comptes/login/", {"login": "cookie@exemple.fr", "password": DEFAULT_PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    "url",
    ["/comptes/login/", "/comptes/signup/", "/comptes/password/reset/", "/comptes/confirm-email/"],
)
def test_it_shows_the_account_pages_in_french_in_our_layout(client, url):
    from catalyse.tests_support.typography import typography_errors

    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in body  # our base.html
    assert '<html lang="fr">' in body
    assert body.count("<h1") == 1
    assert typography_errors(body) == []
