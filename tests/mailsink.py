"""A real SMTP server on loopback (aiosmtpd) for tests that read the mails as a
reader's mail program gets them."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], bytes]] = []
        self.delay = 0.0
        self.connections = 0  # EHLO/HELO greetings: one per SMTP connection
        self.refuse: set[str] = set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        self.connections += 1
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"

    def parsed(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for _rcpt, raw in self.messages
        ]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [
            message
            for (rcpt, _raw), message in zip(self.messages, self.parsed(), strict=True)
            if address in rcpt
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(inbox: Inbox, port: int) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def body(message, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""
