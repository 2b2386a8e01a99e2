from django.shortcuts import render

from networks.access import get_access
from networks.models import Network


def network_list(request):
    networks = Network.objects.filter(memberships__user=request.user).order_by("name")
    return render(request, "networks/network_list.html", {"networks": networks})


def network_detail(request, slug):
    access = get_access(request, slug)
    return render(
        request, "networks/network_detail.html", {"network": access.network, "access": access}
    )
