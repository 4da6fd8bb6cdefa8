"""A real SMTP server for Balai's tests (aiosmtpd, Debian's python3-aiosmtpd).

Usage: /usr/bin/python3 tests/support/smtp_sink.py PORT DIR

Every message accepted is written whole to DIR/new/<n>.eml (written to DIR/tmp first,
then renamed, so a reader never sees half a message), with an `X-RcptTo` line on top.
Recipients whose address starts with `refused` get a permanent refusal (550), those
starting with `later` a temporary one (451): the tests use them to check failures.
"""

import asyncio
import itertools
import os
import sys

from aiosmtpd.controller import Controller

PORT = int(sys.argv[1])
DIR = sys.argv[2]
for sub in ("tmp", "new"):
    os.makedirs(os.path.join(DIR, sub), exist_ok=True)
COUNTER = itertools.count(1)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return "550 5.1.1 mailbox unavailable"
        if address.startswith("later"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(COUNTER)
        name = f"{os.getpid()}-{n:06d}.eml"
        tmp = os.path.join(DIR, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(("X-RcptTo: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(DIR, "new", name))
        return "250 Message accepted for delivery"


controller = Controller(Handler(), hostname="127.0.0.1", port=PORT, server_hostname="sink.test")
controller.start()
print("ready", flush=True)
try:
    asyncio.new_event_loop().run_forever()
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
