"""End to end in Chromium: propose → review → publish; browse with facets; download; axe on every page."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from catalyse.resources import services
from catalyse.resources.demo_pdf import simple_pdf
from catalyse.resources.models import Resource
from catalyse.test import DEFAULT_PASSWORD, make_person, make_territories

from .conftest import day, make_resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


def log_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(live_server.url + "/comptes/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"resources-{name}.png"), full_page=True)


def test_it_takes_a_proposal_from_a_member_to_publication(live_server, page, axe, inbox):
    make_territories()
    author = make_person(role="catalyst", email="amandine@exemple.fr", first_name="Amandine", last_name="Moreau")
    editor = make_person(role="editor", email="pierre@exemple.fr", first_name="Pierre", last_name="Dumas")

    log_in(page, live_server, author.email)
    page.goto(live_server.url + "/ressources/")
    axe(page, "accueil du kit")
    shot(page, "accueil")
    page.get_by_role("link", name="Proposer une ressource").first.click()
    page.wait_for_url("**/ressources/proposer/")
    axe(page, "proposer")
    # A mistake first: the form says what to fix.
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    axe(page, "proposer avec erreurs")

    page.get_by_label("Titre").fill("Charte de partenariat du bassin stéphanois")
    page.get_by_label("Boîte à outils").check()
    page.get_by_label("Résumé").fill("Un modèle de charte pour poser les règles du jeu d’une alliance locale.")
    page.get_by_label("Contenu").fill("## Les articles\n\n1. Objet\n2. Engagements")
    page.get_by_label("Social").check()
    page.get_by_label("Comprendre et s’outiller pour initier").check()
    page.get_by_role("combobox", name="Territoire").fill("Saint-Étienne")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/ressources/charte-de-partenariat-du-bassin-stephanois/")
    assert "Brouillon" in page.locator(".status-banner").inner_text()
    assert "Saint-Étienne" in page.locator(".resource-facts").inner_text()
    axe(page, "brouillon")

    page.get_by_label("Fichier", exact=True).set_input_files(
        files=[{"name": "charte.pdf", "mimeType": "application/pdf", "buffer": simple_pdf("Charte", ["Article 1"])}]
    )
    page.get_by_role("button", name="Ajouter le fichier").click()
    page.wait_for_load_state()
    assert "Le fichier est ajouté" in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="Proposer à la publication").click()
    page.wait_for_load_state()
    assert "Proposée, en relecture" in page.locator(".status-banner").inner_text()
    shot(page, "proposee")

    log_in(page, live_server, editor.email)
    page.goto(live_server.url + "/ressources/relecture/")
    axe(page, "file de relecture")
    page.get_by_role("link", name="Charte de partenariat du bassin stéphanois").click()
    axe(page, "relecture")
    page.get_by_label("Demander des modifications aux auteurs").check()
    page.get_by_label("Message aux auteurs").fill("Ajoutez un article sur la sortie du partenariat.")
    page.get_by_role("button", name="Valider la décision").click()
    page.wait_for_load_state()
    inbox.wait_for(2)  # the editors heard of the proposal; the author hears of the review
    [mail] = inbox.to(author.email)
    assert "Ajoutez un article sur la sortie du partenariat." in inbox.text(mail)

    log_in(page, live_server, author.email)
    page.goto(live_server.url + "/ressources/mes-ressources/")
    axe(page, "mes ressources")
    page.get_by_role("link", name="Charte de partenariat du bassin stéphanois").click()
    assert "Ajoutez un article sur la sortie" in page.locator(".status-banner").inner_text()
    page.get_by_role("link", name="Modifier").click()
    axe(page, "modifier")
    page.get_by_label("Contenu").fill("## Les articles\n\n1. Objet\n2. Engagements\n3. Sortie")
    page.get_by_role("button", name="Enregistrer et proposer à la publication").click()
    page.wait_for_load_state()
    assert "Proposée, en relecture" in page.locator(".status-banner").inner_text()

    log_in(page, live_server, editor.email)
    page.goto(live_server.url + "/ressources/relecture/")
    page.get_by_role("link", name="Charte de partenariat du bassin stéphanois").click()
    page.get_by_label("Publier la ressource").check()
    page.get_by_role("button", name="Valider la décision").click()
    page.wait_for_load_state()
    assert page.locator(".status-banner").count() == 0

    page.context.clear_cookies()
    page.goto(live_server.url + "/ressources/catalogue/")
    page.get_by_role("link", name="Charte de partenariat du bassin stéphanois").click()
    assert "Comment citer" in page.content()
    axe(page, "ressource publiée")
    shot(page, "publiee")
    resource = Resource.objects.get()
    assert resource.status == "published"
    assert resource.territory.name == "Saint-Étienne"
    # The form with mistakes answered 400 on purpose; nothing else went wrong.
    assert [e for e in page.js_errors if "status of 400" not in e] == []


def _kit():
    places = make_territories()
    author = make_person(role="catalyst", email="amandine@exemple.fr")
    editor = make_person(role="editor", email="pierre@exemple.fr")
    specs = [
        ("Grille d’autodiagnostic", "outil", ["social"], places["saint_etienne"], "2024-03-01"),
        ("Charte de partenariat", "outil", ["economique"], places["vaucluse"], "2023-03-01"),
        ("Cas de Saint-Denis", "illustration", ["social"], places["saint_denis_974"], "2024-05-01"),
        ("Référentiel", "cadre", ["societal"], None, "2016-11-15"),
        ("Animer un atelier", "methode", ["social", "societal"], None, "2019-01-15"),
    ]
    made = {}
    for title, kind, themes, territory, published in specs:
        made[title] = make_resource(
            author=author, editor=editor, title=title, kind=kind, themes=themes, territory=territory,
            published=day(published),
        )  # fmt: skip
    services.collection_save(
        title="Initier une démarche de co-construction",
        intro="Pas à pas, **du cadre aux outils**.",
        resources=[made["Référentiel"], made["Grille d’autodiagnostic"]],
        notes=["Le cadre.", "Où en êtes-vous ?"],
    )
    return made, places, editor


def test_it_browses_the_catalogue_with_facets(live_server, page, axe):
    _kit()
    page.goto(live_server.url + "/ressources/")
    page.get_by_role("link", name="Boîte à outils").first.click()
    page.wait_for_url("**/ressources/catalogue/?nature=outil")
    assert "2 ressources trouvées" in page.locator(".result-count").inner_text().replace("\u00a0", " ")
    axe(page, "catalogue filtré")

    # Ticking a value refreshes the results in place (HTMX), keeps the focus and the address follows.
    checkbox = page.locator("#f-enjeu-social")
    checkbox.check()
    page.wait_for_url("**enjeu=social**")
    expect(page.locator(".result-count")).to_contain_text("1\u00a0ressource trouvée")
    assert page.evaluate("document.activeElement.id") == "f-enjeu-social"
    # The live region outside the swapped part tells screen readers the new count.
    expect(page.locator("#catalogue-announce")).to_have_text("1 ressource trouvée")
    assert page.locator(".resource-list").get_by_role("link").all_inner_texts() == ["Grille d’autodiagnostic"]
    # Counts of the kind facet follow the theme filter: one illustration is social too.
    assert "(1" in page.locator("label[for='f-nature-illustration']").inner_text()
    page.locator("#f-nature-illustration").check()
    expect(page.locator(".result-count")).to_contain_text("2\u00a0ressources trouvées")
    axe(page, "catalogue deux filtres")
    shot(page, "catalogue")

    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    axe(page, "catalogue 320 px")
    shot(page, "catalogue-320")
    assert page.js_errors == []


def test_it_filters_the_catalogue_without_javascript(live_server, browser, axe):
    _kit()
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/ressources/catalogue/")
        page.locator("#f-nature-illustration").check()
        page.get_by_role("button", name="Appliquer les filtres").click()
        page.wait_for_url("**nature=illustration**")
        assert page.locator(".resource-list").get_by_role("link").all_inner_texts() == ["Cas de Saint-Denis"]
    finally:
        context.close()


def test_it_downloads_a_file(live_server, page, axe):
    made, _places, editor = _kit()
    resource = made["Grille d’autodiagnostic"]
    content = simple_pdf("Grille d’autodiagnostic", ["Volet 1 — Animation du territoire"])
    record = services.resource_file_add(
        resource=resource, uploaded=SimpleUploadedFile("grille.pdf", content), user=editor, title="Grille (PDF)"
    )
    page.goto(live_server.url + resource.get_absolute_url())
    axe(page, "détail avec fichier")
    with page.expect_download() as info:
        page.get_by_role("link", name="Grille (PDF)").click()
    download = info.value
    assert download.suggested_filename == f"{resource.slug}-{record.pk}.pdf"
    assert Path(download.path()).read_bytes() == content
    record.refresh_from_db()
    assert record.download_count == 1


def test_it_passes_axe_on_every_other_page_of_the_kit(live_server, page, axe):
    made, _places, editor = _kit()
    resource = made["Grille d’autodiagnostic"]
    services.resource_update(
        resource=resource, user=editor, body="Nouveau\n\n<script>x</script>", message="Mise à jour"
    )
    for path in [
        "/ressources/collections/",
        "/ressources/collections/initier-une-demarche-de-co-construction/",
        f"/ressources/{resource.slug}/historique/",
        f"/ressources/{resource.slug}/historique/2/",
        "/ressources/catalogue/?q=grille",
        "/ressources/catalogue/?nature=methode&enjeu=environnemental",  # the empty state
    ]:
        page.goto(live_server.url + path)
        axe(page, path)
        shot(page, "page-" + "-".join(part for part in path.split("/") if part and "?" not in part)[-40:])
    log_in(page, live_server, editor.email)
    for path in [
        resource.get_absolute_url(),
        f"/ressources/{resource.slug}/historique/",
        f"/ressources/{resource.slug}/supprimer/",
        "/ressources/relecture/",
        "/ressources/collections/nouveau/",
        "/ressources/collections/initier-une-demarche-de-co-construction/modifier/",
    ]:
        page.goto(live_server.url + path)
        axe(page, "éditeur " + path)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + resource.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    axe(page, "détail 320 px")
    shot(page, "detail-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/ressources/{resource.slug}/historique/")
    page.get_by_role("button", name="Rétablir la version 1").click()
    page.wait_for_load_state()
    assert "devient la version 3" in page.get_by_role("status").first.inner_text()
    shot(page, "historique")


def test_it_lists_the_kit_on_the_territory_page(live_server, page, axe):
    _made, places, _editor = _kit()
    page.goto(live_server.url + places["loire"].get_absolute_url())
    assert page.get_by_role("link", name="Grille d’autodiagnostic").is_visible()
    axe(page, "page du territoire")
