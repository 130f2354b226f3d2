import pytest

from tests.brokers import CLOSED_PORT_BROKER, broker_at

pytestmark = pytest.mark.django_db


def test_health_reports_every_service_up(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_broker_is_unreachable(client):
    with broker_at(CLOSED_PORT_BROKER):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "down"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_health_is_503_when_the_cache_server_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"status": "down", "error": "ConnectionError"}


def test_pages_still_answer_when_the_cache_server_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/").status_code == 200


def test_health_refuses_other_methods(client):
    assert client.post("/health/").status_code == 405
