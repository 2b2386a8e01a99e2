import pytest

pytestmark = pytest.mark.browser


def test_a_member_opens_the_network_from_the_home_page(server, page, network, bob, sign_in):
    sign_in(page.context, bob)
    page.goto(server.url + "/")
    page.get_by_role("link", name="Onderwijsregio Rivierenland").click()
    page.wait_for_url(f"**/n/{network.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Onderwijsregio Rivierenland"
