import pytest

from catalyse.tests_support.typography import typography_errors

PAGES = ["/", "/ressources/", "/formations/", "/reseau/", "/evenements/", "/parcours/", "/observatoire/"]


def test_it_detects_bad_french_typography():
    assert typography_errors("<p>Bonjour : oui</p>")
    assert typography_errors("<p>Vraiment?</p>")
    assert typography_errors("<p>« citation »</p>")
    assert typography_errors("<p>l'alliance</p>")
    assert not typography_errors("<p>Bonjour\u00a0: l’alliance «\u00a0citation\u00a0» vraiment\u202f?</p>")
    assert not typography_errors("<script>if (a ? b : c) {}</script><code>a : b</code>")


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_it_uses_french_typography(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert typography_errors(response.content.decode()) == []
