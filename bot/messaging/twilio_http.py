"""The Twilio SDK's HTTP transport: its own HttpClient extension point, on urllib3's connection pool.

The SDK's default client goes through requests, whose per-call work (preparing the request, merging session
settings, hooks, cookies) cost as much CPU as the HTTP exchange itself: about an eighth of a worker's CPU per
arrival (docs/performance.md). urllib3 is what requests sends with; this client calls it directly. Behind a proxy
(HTTPS_PROXY and friends) the SDK's own requests-based client is used instead, which knows those settings.
"""

from __future__ import annotations

import email.parser
import http.client
import json
import logging
import os
import re
from base64 import b64encode
from collections.abc import Mapping
from urllib.parse import urlencode

import certifi
import urllib3
from requests.adapters import HTTPAdapter
from twilio.http import HttpClient
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
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


# --- response headers without the email package -------------------------------------------------------------
# http.client parses a response's header block with email.parser (a feed parser built per response): a tenth of
# what one send costs the worker (docs/performance.md §5). A block of plain "Name: value" lines (Twilio's, the
# stand-in's) is read here into the same HTTPMessage, as the parser's compat32 policy stores it; anything else
# (folded lines, a line without a colon, a status line of an unusual kind) still goes to email.parser.
_MAX_LINE = 65536  # http.client's limits
_MAX_HEADERS = 100
_PLAIN_HEADER = re.compile(rb"[!-9;-~]+:[^\r\n]*\r?\n")


def parse_headers(fp) -> http.client.HTTPMessage:
    """http.client.parse_headers's result (the same names, values, order and limits), for a block of plain lines."""
    lines = []
    while True:
        line = fp.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            raise http.client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
        if line in (b"\r\n", b"\n", b""):
            break
    message = http.client.HTTPMessage()
    for line in lines[:-1]:
        if not _PLAIN_HEADER.fullmatch(line):
            text = b"".join(lines).decode("iso-8859-1")
            return email.parser.Parser(_class=http.client.HTTPMessage).parsestr(text)
        name, value = line.decode("iso-8859-1").split(":", 1)
        message.set_raw(name, value.lstrip(" \t").rstrip("\r\n"))  # compat32's header_source_parse
    message.set_payload("")  # as the parser leaves it: nothing past the block
    return message


class _Response(http.client.HTTPResponse):
    def begin(self):  # http.client.HTTPResponse.begin (Python 3.11), with parse_headers above
        if self.headers is not None:
            return
        while True:
            version, status, reason = self._read_status()
            if status != http.client.CONTINUE:
                break
            parse_headers(self.fp)  # the 100 response's headers, skipped
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        self.headers = self.msg = parse_headers(self.fp)
        tr_enc = self.headers.get("transfer-encoding")
        self.chunked = bool(tr_enc and tr_enc.lower() == "chunked")
        if self.chunked:
            self.chunk_left = None
        self.will_close = self._check_close()
        self.length = None
        length = self.headers.get("content-length")
        if length and not self.chunked:
            try:
                self.length = int(length)
            except ValueError:
                self.length = None
            else:
                if self.length < 0:
                    self.length = None
        if (
            status in (http.client.NO_CONTENT, http.client.NOT_MODIFIED)
            or 100 <= status < 200
            or self._method == "HEAD"
        ):
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True


class _HTTPConnection(HTTPConnection):
    response_class = _Response


class _HTTPSConnection(HTTPSConnection):
    response_class = _Response


class _HTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


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
        self.pool.pool_classes_by_scheme = {"http": _HTTPConnectionPool, "https": _HTTPSConnectionPool}
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
