"""A person's consent ledger as data: the same fields for the staff's CSV and JSON
exports and for the GDPR export, so what staff hand over is what the ledger holds."""

import csv
import io
import json

FIELDS = [
    "time",
    "purpose",
    "scope",
    "action",
    "email",
    "text",
    "policy_version",
    "source",
    "ip_address",
    "user_agent",
    "awaits_confirmation",
    "confirmed_at",
    "erased_at",
]


def record_as_dict(record) -> dict:
    return {
        "time": record.created_at.isoformat(),
        "purpose": record.purpose,
        "scope": record.scope,
        "action": record.action,
        "email": record.email,
        "text": record.text,
        "policy_version": str(record.policy_version or ""),
        "source": record.source,
        "ip_address": record.ip_address or "",
        "user_agent": record.user_agent,
        "awaits_confirmation": record.awaits_confirmation,
        "confirmed_at": record.confirmed_at.isoformat()
        if record.confirmed_at
        else None,
        "erased_at": record.erased_at.isoformat() if record.erased_at else None,
    }


def as_json(records) -> str:
    return json.dumps(
        [record_as_dict(record) for record in records], ensure_ascii=False, indent=2
    )


def as_csv(records) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for record in records:
        row = record_as_dict(record)
        # A cell a spreadsheet would run as a formula is written as text.
        writer.writerow(
            {
                key: f"'{value}"
                if isinstance(value, str) and value[:1] in "=+-@"
                else value
                for key, value in row.items()
            }
        )
    return out.getvalue()
