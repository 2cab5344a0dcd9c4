"""A local HTTP server on loopback that answers like Stripe's API for the calls the
shop makes (create, retrieve and expire a Checkout Session), so the real `stripe`
library is driven end to end without the network. Webhook bodies are signed with the
library's own signing helper."""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import stripe


def _nested(pairs) -> dict:
    """Stripe's form encoding (a[b][0][c]=1) back into dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part, following in zip(parts, parts[1:] + [None], strict=True):
            if following is None:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(key.isdigit() for key in node):
            return [_lists(node[key]) for key in sorted(node, key=int)]
        return {key: _lists(value) for key, value in node.items()}
    return node


class FakeStripe:
    def __init__(self):
        self.sessions: dict[str, dict] = {}
        self.requests: list[tuple[str, str]] = []
        self.refunds: list[dict] = []
        self.fail_create = False
        self.fail_refund = False
        self._idempotent: dict[str, dict] = {}
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- what Stripe's side does ------------------------------------------------

    def pay(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status="paid",
            payment_intent=f"pi_{secrets.token_hex(8)}",
        )
        return session

    def event(self, event_type: str, session: dict, event_id: str | None = None):
        return {
            "id": event_id or f"evt_{secrets.token_hex(8)}",
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "data": {"object": dict(session)},
        }

    @staticmethod
    def signed(event: dict, secret: str) -> tuple[str, str]:
        payload = json.dumps(event)
        header = stripe.WebhookSignature.generate_signature_header(payload, secret)
        return payload, header

    # --- the HTTP API -----------------------------------------------------------

    def _create(self, body: dict) -> tuple[int, dict]:
        if self.fail_create:
            return 500, {"error": {"type": "api_error", "message": "Try again later."}}
        session_id = f"cs_test_{secrets.token_hex(12)}"
        amount = sum(
            int(item["price_data"]["unit_amount"]) * int(item["quantity"])
            for item in body["line_items"]
        )
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.base}/pay/{session_id}",
            "client_reference_id": body.get("client_reference_id"),
            "customer_email": body.get("customer_email"),
            "amount_total": amount,
            "currency": body["line_items"][0]["price_data"]["currency"],
            "payment_status": "unpaid",
            "status": "open",
            "payment_intent": None,
            "metadata": body.get("metadata", {}),
            "success_url": body["success_url"],
            "cancel_url": body["cancel_url"],
        }
        self.sessions[session_id] = session
        return 200, session

    def _refund(self, body: dict, key: str | None) -> tuple[int, dict]:
        """POST /v1/refunds: a refund of a payment intent, once per idempotency
        key, as Stripe does."""
        if self.fail_refund:
            return 500, {"error": {"type": "api_error", "message": "Try again later."}}
        if key and key in self._idempotent:
            return 200, self._idempotent[key]
        paid = [
            s
            for s in self.sessions.values()
            if s["payment_intent"] == body.get("payment_intent")
        ]
        if not paid:
            return 400, {
                "error": {
                    "type": "invalid_request_error",
                    "message": "No such payment_intent",
                }
            }
        refund = {
            "id": f"re_{secrets.token_hex(8)}",
            "object": "refund",
            "amount": int(body["amount"]),
            "currency": paid[0]["currency"],
            "payment_intent": body["payment_intent"],
            "reason": body.get("reason"),
            "status": "succeeded",
        }
        self.refunds.append(refund)
        if key:
            self._idempotent[key] = refund
        return 200, refund

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, data: dict):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                fake.requests.append(("GET", self.path))
                parts = self.path.strip("/").split("/")
                if parts[:3] == ["v1", "checkout", "sessions"] and len(parts) == 4:
                    session = fake.sessions.get(parts[3])
                    if session:
                        return self._send(200, session)
                self._send(404, {"error": {"type": "invalid_request_error"}})

            def do_POST(self):
                fake.requests.append(("POST", self.path))
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                body = _nested(parse_qsl(raw, keep_blank_values=True))
                parts = self.path.strip("/").split("/")
                if parts == ["v1", "checkout", "sessions"]:
                    return self._send(*fake._create(body))
                if parts == ["v1", "refunds"]:
                    key = self.headers.get("Idempotency-Key")
                    return self._send(*fake._refund(body, key))
                if (
                    parts[:3] == ["v1", "checkout", "sessions"]
                    and parts[-1] == "expire"
                ):
                    session = fake.sessions.get(parts[3])
                    if session and session["status"] == "open":
                        session["status"] = "expired"
                        return self._send(200, session)
                    return self._send(400, {"error": {"type": "invalid_request_error"}})
                self._send(404, {"error": {"type": "invalid_request_error"}})

        return Handler
