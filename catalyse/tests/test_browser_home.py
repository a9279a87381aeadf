import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_home_page_accessibly(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    axe(page, "home")
    # Keyboard: the skip link is the first stop and leads to the main content.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.js_errors == []


def test_it_fits_a_320_pixel_screen(live_server, page, axe):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    axe(page, "home 320px")
