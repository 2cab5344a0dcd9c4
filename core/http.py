"""Facts about a request that several apps need, read one way everywhere."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address, not the proxy's.

    Behind `TRUSTED_PROXY_COUNT` reverse proxies (nginx, a load balancer) the
    address that connected is the last proxy's; each proxy appends the address it
    was connected from to X-Forwarded-For. The client is the entry that many places
    from the right, counting REMOTE_ADDR; entries further left were written by the
    client itself and prove nothing.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    chain = [*forwarded, remote] if remote else forwarded
    if len(chain) <= proxies:
        return chain[0] if chain else None
    return chain[-1 - proxies]
