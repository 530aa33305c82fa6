"""Twilio webhooks: inbound texts and delivery status callbacks, both behind signature checks."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, Response, abort, request
from twilio.request_validator import RequestValidator

from ..usecases.delivery import record_status
from ..usecases.inbound import InboundText, receive_inbound
from . import services

bp = Blueprint("twilio", __name__, url_prefix="/twilio")

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def signed_url() -> str:
    """The URL Twilio signed: PUBLIC_BASE_URL + path when set (behind a proxy), else the request's own."""
    base = services().settings.public_base_url
    if base:
        query = request.query_string.decode()
        return f"{base}{request.path}" + (f"?{query}" if query else "")
    return request.url


def twilio_signed(view):
    @wraps(view)
    def checked(*args, **kwargs):
        signature = request.headers.get("X-Twilio-Signature", "")
        validator = RequestValidator(services().webhook_token)
        if not signature or not validator.validate(signed_url(), request.form.to_dict(flat=True), signature):
            abort(403)
        return view(*args, **kwargs)

    return checked


@bp.post("/sms")
@twilio_signed
def inbound_sms():
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid")
    if not sid or not form.get("From") or not form.get("To"):
        return Response("MessageSid, From and To are required", status=400, mimetype="text/plain")
    receive_inbound(services(), InboundText(sid=sid[:64], from_addr=form["From"], to_addr=form["To"],
                                            body=form.get("Body", "")))
    return Response(EMPTY_TWIML, mimetype="text/xml")


@bp.post("/status")
@twilio_signed
def status_callback():
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid")
    status = form.get("MessageStatus") or form.get("SmsStatus")
    if not sid or not status:
        return Response("MessageSid and MessageStatus are required", status=400, mimetype="text/plain")
    code = form.get("ErrorCode")
    record_status(services(), sid, status, int(code) if code and code.isdigit() else None)
    return Response("", status=204)
