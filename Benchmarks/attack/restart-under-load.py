#!/usr/bin/env python3
"""Restarts of a socket-activated illgate under load: does any connection get refused?

Plays systemd's part: binds the HTTP and TCP listening sockets once (descriptors 3 and 4, as
illgate-http.socket and illgate-tcp.socket would), starts `illgate serve` with LISTEN_FDS=2,
LISTEN_FDNAMES=http:tcp and LISTEN_PID set to its process id, and restarts it RESTARTS times (SIGTERM, wait
for the exit, start a new one: what `systemctl restart illgate` does) while CLIENTS clients per listener send
new ISO 18626 requests, each on a new connection, back to back. Counts, per listener: requests answered
OK, connections refused (ECONNREFUSED), and other failures (a connection closed or reset without an answer).

  nice -n 10 python3 Benchmarks/attack/restart-under-load.py --illgate .build/debug/illgate
"""
import socket

# The listening sockets first, so that they are descriptors 3 and 4 in this process and in the daemon.
HTTP_SOCKET = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
TCP_SOCKET = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

import argparse, asyncio, errno, json, os, shutil, signal, subprocess, tempfile, time

from daemon_config import REPO, request_template, write_config


class Tally:
    def __init__(self):
        self.ok = self.refused = self.failed = 0
        self.failures = {}

    def fail(self, error):
        if isinstance(error, ConnectionRefusedError) or getattr(error, "errno", None) == errno.ECONNREFUSED:
            self.refused += 1
        else:
            self.failed += 1
            name = type(error).__name__
            self.failures[name] = self.failures.get(name, 0) + 1


async def client(kind, port, tally, body_for, stop):
    while time.monotonic() < stop:
        body = body_for()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
            try:
                if kind == "http":
                    writer.write(b"POST /iso18626 HTTP/1.1\r\nHost: illgate\r\nContent-Type: application/xml\r\nConnection: close\r\n"
                                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                else:
                    writer.write(f"{len(body)}\n".encode() + body)
                    writer.write_eof()
                await writer.drain()
                answer = await asyncio.wait_for(reader.read(), 60)
            finally:
                writer.close()
            if b"<messageStatus>OK</messageStatus>" in answer:
                tally.ok += 1
            else:
                tally.fail(EOFError("no confirmation"))
        except Exception as error:
            tally.fail(error)


def start(args, config, log):
    environment = {"PATH": os.environ.get("PATH", ""), "LISTEN_FDS": "2", "LISTEN_FDNAMES": "http:tcp"}
    # LISTEN_PID must be the daemon's own pid: the shell exports its pid and execs illgate in its place.
    return subprocess.Popen(
        ["/bin/sh", "-c", 'LISTEN_PID=$$ exec "$0" serve --config "$1"', args.illgate, config],
        pass_fds=(3, 4), env=environment, stdout=log, stderr=log, cwd=os.path.dirname(config),
    )


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--illgate", default=os.path.join(REPO, ".build", "debug", "illgate"))
    parser.add_argument("--restarts", type=int, default=5)
    parser.add_argument("--clients", type=int, default=4, help="clients per listener")
    parser.add_argument("--interval", type=float, default=4.0, help="seconds between restarts")
    parser.add_argument("--admin-port", type=int, default=18781)
    args = parser.parse_args()
    assert (HTTP_SOCKET.fileno(), TCP_SOCKET.fileno()) == (3, 4), "the listening sockets must be descriptors 3 and 4"
    for listening in (HTTP_SOCKET, TCP_SOCKET):
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(("127.0.0.1", 0))
        listening.listen(1024)
        os.set_inheritable(listening.fileno(), True)
    http_port, tcp_port = HTTP_SOCKET.getsockname()[1], TCP_SOCKET.getsockname()[1]

    directory = tempfile.mkdtemp(prefix="listen-restart.", dir="/tmp")
    config = write_config(directory, args.admin_port)
    log = open(os.path.join(directory, "illgate.log"), "ab")
    prefix, suffix = request_template()
    counter = [0]

    def body_for():
        counter[0] += 1
        return prefix + f"RESTART-{counter[0]}".encode() + suffix

    daemon = start(args, config, log)
    # Load runs from the first start through every restart; the first connections wait in the queue.
    duration = args.interval * (args.restarts + 1)
    stop = time.monotonic() + duration
    tallies = {"http": Tally(), "tcp": Tally()}
    load = asyncio.gather(*(client(kind, port, tallies[kind], body_for, stop)
                            for kind, port in (("http", http_port), ("tcp", tcp_port)) for _ in range(args.clients)))
    restarts = []
    try:
        for _ in range(args.restarts):
            await asyncio.sleep(args.interval)
            began = time.monotonic()
            daemon.send_signal(signal.SIGTERM)
            while daemon.poll() is None:
                await asyncio.sleep(0.01)
            stopped = time.monotonic()
            restarts.append({"exit_status": daemon.returncode, "stop_s": round(stopped - began, 2)})
            daemon = start(args, config, log)
        await load
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
        log.close()
    with open(os.path.join(directory, "illgate.log"), "rb") as f:
        text = f.read()
    report = {
        "restarts": args.restarts,
        "seconds_under_load": duration,
        "clients_per_listener": args.clients,
        "inherited_sockets_logged": text.count(b"socket activation"),
        "stop_seconds": [r["stop_s"] for r in restarts],
        "exit_statuses": [r["exit_status"] for r in restarts],
        **{kind: {"ok": t.ok, "refused": t.refused, "failed": t.failed, "failures": t.failures} for kind, t in tallies.items()},
    }
    shutil.rmtree(directory, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
