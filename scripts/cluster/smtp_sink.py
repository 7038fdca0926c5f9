#!/usr/bin/env python3
"""A local SMTP sink for the cluster test: accepts every message and records one JSON line per message received
(time, Message-ID, X-Lexom-Letter, Subject, recipients, size) in the file given as second argument.

Usage: smtp_sink.py PORT RECORD_FILE

Python 3.11's smtpd/asyncore (deprecated, still shipped) keep it dependency-free. Bodies are not kept: the check
only needs the headers that identify the outbox row.
"""

import json
import sys
import time
import warnings
from email.parser import BytesHeaderParser

warnings.filterwarnings("ignore", category=DeprecationWarning)
import asyncore  # noqa: E402
import smtpd  # noqa: E402


class RecordingServer(smtpd.SMTPServer):
    def __init__(self, port, record_path):
        super().__init__(("127.0.0.1", port), None, decode_data=False, data_size_limit=0)
        self.record = open(record_path, "a", encoding="utf-8", buffering=1)

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        headers = BytesHeaderParser().parsebytes(data)
        self.record.write(json.dumps({
            "at": time.time(),
            "message_id": (headers.get("Message-ID") or "").strip(),
            "letter": headers.get("X-Lexom-Letter"),
            "subject": str(headers.get("Subject") or ""),
            "to": rcpttos,
            "size": len(data),
        }) + "\n")
        return None  # 250 OK


def main():
    port, record_path = int(sys.argv[1]), sys.argv[2]
    RecordingServer(port, record_path)
    print(f"SMTP sink on 127.0.0.1:{port}, recording to {record_path}", flush=True)
    asyncore.loop(timeout=1)


if __name__ == "__main__":
    main()
