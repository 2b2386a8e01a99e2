"""Error pages served under ASGI, as in production."""

import httpx
import pytest
from django.db import connection

from coalitions.models import Coalition
from tests.conftest import session_cookie


def connections_in_use():
    stats = connection.pool.get_stats()  # the server runs in this process
    return stats["pool_size"] - stats["pool_available"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs the connection pool")
def test_error_pages_give_their_database_connection_back(asgi_server, network, bob):
    # Django renders them off the request's thread, where no one closes the connection
    # they open to show who is signed in.
    coalition = Coalition.objects.filter(network=network).first()
    refused = f"{asgi_server}/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    cookies = session_cookie(bob)
    before = connections_in_use()
    with httpx.Client(cookies=cookies, timeout=5) as client:
        for _ in range(6):  # more than the pool's connections
            assert client.get(f"{asgi_server}/favicon.ico").status_code == 404
            assert client.get(f"{asgi_server}/bestaat-niet/").status_code == 404
            assert client.get(refused).status_code == 403
    assert connections_in_use() == before
