"""The baseline for the webhook benchmark: a bare Flask app on the same gunicorn settings that answers
POST /twilio/sms with empty TwiML and does nothing else (no signature check, no storage, no queue)."""

from flask import Flask, Response

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

app = Flask(__name__)


@app.post("/twilio/sms")
def inbound_sms():
    return Response(EMPTY_TWIML, mimetype="text/xml")


@app.get("/healthz")
def healthz():
    return {"ok": True}
