"""The Twilio transport's response reading (bot/messaging/twilio_http.py): the same headers and the same response
state as http.client's own, whatever the header block holds."""

from __future__ import annotations

import http.client
import io

import pytest
import urllib3.connection

from bot.messaging import twilio_http

BLOCKS = [
    b"Content-Type: application/json\r\nContent-Length: 12\r\nConnection: keep-alive\r\n\r\n",
    b"Date: Sun, 06 Dec 2026 03:00:00 GMT\r\nX-Twilio-Request-Id:RQ123\r\nX-Empty:\r\nX-Spaces:  \t a b  \r\n\r\n",
    b"Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nset-cookie: c=3\r\n\r\n",
    b"X-Latin: caf\xe9\r\nX-Colon: a:b:c\r\n\n",
    b"X-Folded: one\r\n two\r\nX-After: 1\r\n\r\n",  # obs-fold: email.parser's case
    b"no colon here\r\nX-A: 1\r\n\r\n",  # a defect: email.parser's case
    b"From nobody\r\nX-A: 1\r\n\r\n",
    b"X-A: 1\r\n",  # the block cut short
    b"\r\n",
    b"",
]


@pytest.mark.parametrize("block", BLOCKS)
def test_headers_are_read_as_http_client_reads_them(block):
    ours = twilio_http.parse_headers(io.BytesIO(block + b"body"))
    theirs = http.client.parse_headers(io.BytesIO(block + b"body"))
    assert type(ours) is type(theirs)
    assert ours.items() == theirs.items()
    assert [str(d) for d in ours.defects] == [str(d) for d in theirs.defects]
    assert ours.get_payload() == theirs.get_payload()  # what lies past a block email.parser reads too


def test_too_many_or_too_long_header_lines_are_refused_as_http_client_refuses_them():
    with pytest.raises(http.client.HTTPException):
        twilio_http.parse_headers(io.BytesIO(b"X-A: 1\r\n" * 101 + b"\r\n"))
    with pytest.raises(http.client.LineTooLong):
        twilio_http.parse_headers(io.BytesIO(b"X-A: " + b"a" * 70000 + b"\r\n\r\n"))


class _Socket:
    def __init__(self, raw: bytes):
        self.raw = raw

    def makefile(self, mode):
        return io.BytesIO(self.raw)


RESPONSES = [
    b"HTTP/1.1 201 CREATED\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    b"HTTP/1.1 100 Continue\r\nX-A: 1\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    b"HTTP/1.0 204 No Content\r\nConnection: close\r\n\r\n",
    b"HTTP/1.1 401 UNAUTHORIZED\r\nContent-Length: -3\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: x\r\nConnection: keep-alive\r\n\r\nbody",
    b"HTTP/1.1 304 Not Modified\r\nETag: a\r\n\r\n",
]


@pytest.mark.parametrize("raw", RESPONSES)
@pytest.mark.parametrize("method", ["POST", "HEAD"])
def test_a_response_begins_as_http_clients_does(raw, method):
    ours = twilio_http._Response(_Socket(raw), method=method)
    theirs = http.client.HTTPResponse(_Socket(raw), method=method)
    ours.begin()
    theirs.begin()
    state = ("status", "reason", "version", "chunked", "will_close", "length")
    assert [getattr(ours, a) for a in state] == [getattr(theirs, a) for a in state]
    assert ours.headers.items() == theirs.headers.items()
    assert ours.read() == theirs.read()


def test_an_unknown_protocol_is_refused():
    with pytest.raises(http.client.UnknownProtocol):
        twilio_http._Response(_Socket(b"HTTP/2.0 200 OK\r\n\r\n")).begin()


def test_the_pools_read_responses_with_it():
    client = twilio_http.PooledHttpClient()
    for url in ("https://api.twilio.com", "http://127.0.0.1:9"):
        pool = client.pool.connection_from_url(url)
        assert pool.ConnectionCls.response_class is twilio_http._Response
    assert issubclass(
        client.pool.connection_from_url("https://api.twilio.com").ConnectionCls, urllib3.connection.HTTPSConnection
    )
