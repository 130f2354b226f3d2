"""Site-wide middleware must not make anonymous responses vary on the cookie."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/services", "/robots.txt"])
def test_responses_without_a_session_do_not_vary_on_the_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
