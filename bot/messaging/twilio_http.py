"""The Twilio SDK's HTTP transport: its own HttpClient extension point, on urllib3's connection pool.

The SDK's default client goes through requests, whose per-call work (preparing the request, merging session
settings, hooks, cookies) cost as much CPU as the HTTP exchange itself: about an eighth of a worker's CPU per
arrival (docs/performance.md). urllib3 is what requests sends with; this client calls it directly. Behind a proxy
(HTTPS_PROXY and friends) the SDK's own requests-based client is used instead, which knows those settings.
"""

from __future__ import annotations

import json
import logging
import os
from base64 import b64encode
from collections.abc import Mapping
from urllib.parse import urlencode

import certifi
import urllib3
from requests.adapters import HTTPAdapter
from twilio.http import HttpClient
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from urllib3.util import parse_url

TWILIO_API = "https://api.twilio.com"

# The proxy settings requests would read from the environment.
PROXY_ENVIRONMENT = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def redirected(base_url: str | None, url: str) -> str:
    """`url` with api.twilio.com replaced by `base_url` (TWILIO_API_BASE_URL: a stand-in), when one is given."""
    if base_url and url.startswith(TWILIO_API):
        return base_url + url[len(TWILIO_API) :]
    return url


def _form(values: Mapping[str, object] | None) -> list[tuple[str, object]]:
    """A parameter dict as requests encodes one: a list value repeats its key, None leaves the key out."""
    pairs: list[tuple[str, object]] = []
    for key, value in (values or {}).items():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if item is not None:
                pairs.append((key, item))
    return pairs


class PooledHttpClient(HttpClient):
    """HttpClient for twilio.rest.Client: form-encoded requests with basic auth over kept-alive connections, one per
    sending thread (`maxsize`). No retries and no redirects, as the SDK's client does them: a POST that may have
    reached Twilio is never sent twice by the transport (bot/usecases/outbox.py decides about retries). `base_url`
    sends api.twilio.com's requests elsewhere (TWILIO_API_BASE_URL: a stand-in)."""

    def __init__(
        self, base_url: str | None = None, timeout: float | None = None, maxsize: int = 10, ca_certs: str | None = None
    ):
        super().__init__(logging.getLogger("twilio.http_client"), False, timeout)
        self.base_url = base_url.rstrip("/") if base_url else None
        # The CA bundle requests would use: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE, else certifi's.
        ca_certs = (
            ca_certs or os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()
        )
        self.pool = urllib3.PoolManager(maxsize=maxsize, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs, retries=False)
        self._timeout: tuple[float | None, urllib3.Timeout] | None = None  # the last one asked for, built once

    def request(
        self,
        method: str,
        url: str,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,
        allow_redirects: bool = False,
    ) -> Response:
        if timeout is None:
            timeout = self.timeout
        elif timeout <= 0:
            raise ValueError(timeout)
        url = redirected(self.base_url, url)
        query = _form(params)
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        headers = dict(headers or {})
        body = None
        if data is not None and headers.get("Content-Type") in ("application/json", "application/scim+json"):
            body = json.dumps(data).encode()
        elif data:
            body = urlencode(_form(data)).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if auth:
            headers["Authorization"] = "Basic " + b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        cached = self._timeout  # read once: another sending thread may replace it meanwhile
        if cached is None or cached[0] != timeout:
            cached = self._timeout = (timeout, urllib3.Timeout(connect=timeout, read=timeout))
        if allow_redirects:  # the pool manager follows them, across hosts too
            response = self.pool.request(
                method.upper(), url, body=body, headers=headers, redirect=True, retries=False, timeout=cached[1]
            )
        else:
            # Straight to the host's connection pool, as the pool manager's request() ends up doing for a request
            # that is not redirected, without its layers (encoding helpers, header copies, redirect handling).
            target = parse_url(url)
            pool = self.pool.connection_from_host(target.host, port=target.port, scheme=target.scheme)
            response = pool.urlopen(
                method.upper(),
                target.request_uri,
                body=body,
                headers=headers,
                redirect=False,
                assert_same_host=False,
                retries=False,
                timeout=cached[1],
            )
        text = response.data.decode("utf-8", errors="replace")
        self._test_only_last_response = Response(response.status, text, response.headers)
        return self._test_only_last_response


class RedirectingHttpClient(TwilioHttpClient):
    """The SDK's requests-based client, sending api.twilio.com's requests to `base_url` instead."""

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        return super().request(method, redirected(self.base_url, url), *args, **kwargs)


def twilio_http_client(base_url: str | None, timeout: float, concurrency: int) -> HttpClient:
    """The SDK's transport for TwilioSender: PooledHttpClient, or behind a proxy the SDK's own client (which reads
    the proxy settings), redirected to `base_url` when one is given."""
    if any(os.environ.get(name) for name in PROXY_ENVIRONMENT):
        client = RedirectingHttpClient(base_url, timeout=timeout) if base_url else TwilioHttpClient(timeout=timeout)
        for scheme in ("https://", "http://"):  # a kept-alive connection per sending thread, as below
            client.session.mount(scheme, HTTPAdapter(pool_maxsize=max(10, concurrency)))
        return client
    return PooledHttpClient(base_url, timeout=timeout, maxsize=max(10, concurrency))
