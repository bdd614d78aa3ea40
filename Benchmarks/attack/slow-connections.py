#!/usr/bin/env python3
"""Slow-connection attack on illgate's two listeners, with a real peer measured before, during and after.

Starts `illgate serve` on a copy of config/illgate.toml (database, token and log in a new temporary
directory), then:
  1. idle: RSS of the daemon;
  2. before: a real peer sends new ISO 18626 requests back to back for PHASE seconds on each listener
     (HTTP keep-alive POSTs and TCP length frames, one connection each, both at once): rate, p50, p99;
  3. attack: CONNECTIONS slow connections on EACH listener, spread over SOURCES loopback source addresses
     (127.0.0.2, 127.0.0.3, ...; the real peer uses 127.0.0.1), each in one of three ways:
       - HTTP slow headers: the request line, then one header byte every TRICKLE seconds;
       - HTTP slow body: complete headers (Content-Length 4000), then one body byte every TRICKLE seconds;
       - TCP stalled partial frame: "4000\\n<ISO" then one byte every TRICKLE seconds;
     once they are open (or refused), the real peer is measured again for PHASE seconds, and RSS sampled;
  4. after: the script waits until the daemon has closed every slow connection (up to MAX_WAIT s) and reports
     how long each kind lived (median, max), how many were refused at once, then RSS once the daemon is idle.
Run it with `nice -n 10` on a shared machine; it raises its own open-file limit and the daemon's.

  nice -n 10 python3 Benchmarks/attack/slow-connections.py --illgate .build/debug/illgate
"""
import argparse, asyncio, json, os, re, resource, shutil, signal, statistics, subprocess, tempfile, time

from daemon_config import REPO, request_template, write_config


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 1 << 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Requests:
    """New ISO 18626 requests: the example with a unique request id each time."""

    def __init__(self, tag):
        self.prefix, self.suffix = request_template()
        self.tag = tag
        self.counter = 0

    def next(self):
        self.counter += 1
        return self.prefix + f"{self.tag}-{self.counter}".encode() + self.suffix


async def http_exchange(reader, writer, body):
    writer.write(b"POST /iso18626 HTTP/1.1\r\nHost: illgate\r\nContent-Type: application/xml\r\n"
                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
    length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
    answer = await asyncio.wait_for(reader.readexactly(length), 30)
    return head.startswith(b"HTTP/1.1 200") and b"<messageStatus>OK</messageStatus>" in answer


async def tcp_exchange(reader, writer, body):
    writer.write(f"{len(body)}\n".encode() + body)
    await writer.drain()
    line = await asyncio.wait_for(reader.readuntil(b"\n"), 30)
    answer = await asyncio.wait_for(reader.readexactly(int(line.strip())), 30)
    return b"<messageStatus>OK</messageStatus>" in answer


async def peer(port, duration, requests, exchange):
    """Closed loop on one kept-alive connection, reconnecting after a failure: latencies and errors."""
    latencies, errors = [], 0
    end = time.monotonic() + duration
    reader = writer = None
    while time.monotonic() < end:
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.1", 0)), 10)
            started = time.monotonic()
            if await exchange(reader, writer, requests.next()):
                latencies.append(time.monotonic() - started)
            else:
                errors += 1
        except Exception:
            errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()
    return latencies, errors


def summary(latencies, errors, duration):
    if not latencies:
        return {"requests": 0, "rate": 0, "p50_ms": None, "p99_ms": None, "errors": errors}
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rate": round(len(ordered) / duration, 1),
        "p50_ms": round(ordered[len(ordered) // 2] * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        "errors": errors,
    }


async def measure_peer(args, tag):
    requests = Requests(tag)
    (http_lat, http_err), (tcp_lat, tcp_err) = await asyncio.gather(
        peer(args.http_port, args.phase, requests, http_exchange), peer(args.tcp_port, args.phase, requests, tcp_exchange)
    )
    return {"http": summary(http_lat, http_err, args.phase), "tcp": summary(tcp_lat, tcp_err, args.phase)}


class SlowConnection:
    def __init__(self, kind, source):
        self.kind, self.source = kind, source
        self.opened = self.closed = None
        self.refused = False

    async def run(self, port, trickle, stop):
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port, local_addr=(self.source, 0)), 30)
        except Exception:
            self.refused = True
            return
        self.opened = time.monotonic()
        if self.kind == "http-headers":
            first, rest = b"POST /iso18626 HTTP/1.1\r\n", b"X-Slow: " + b"a" * 4000
        elif self.kind == "http-body":
            first, rest = b"POST /iso18626 HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 4000\r\n\r\n<", b"x" * 4000
        else:
            first, rest = b"4000\n<ISO", b"x" * 4000

        async def feed():
            try:
                writer.write(first)
                await writer.drain()
                for byte in rest:
                    await asyncio.sleep(trickle)
                    writer.write(bytes([byte]))
                    await writer.drain()
            except Exception:
                pass

        feeding = asyncio.ensure_future(feed())
        try:
            while True:
                data = await asyncio.wait_for(reader.read(65536), timeout=max(1, stop - time.monotonic()))
                if not data:
                    break
        except Exception:
            pass
        self.closed = time.monotonic()
        feeding.cancel()
        writer.close()


async def attack(args, connections):
    stop = time.monotonic() + args.max_wait
    sources = [f"127.0.0.{2 + i % args.sources}" for i in range(args.connections)]
    tasks = []
    for i in range(args.connections):
        kind = "http-headers" if i % 2 == 0 else "http-body"
        connections.append(SlowConnection(kind, sources[i]))
        tasks.append(connections[-1].run(args.http_port, args.trickle, stop))
        connections.append(SlowConnection("tcp-frame", sources[i]))
        tasks.append(connections[-1].run(args.tcp_port, args.trickle, stop))
    # Open them in bursts of 200, as fast as the machine lets us.
    running = []
    for start in range(0, len(tasks), 200):
        running += [asyncio.ensure_future(t) for t in tasks[start:start + 200]]
        await asyncio.sleep(0.05)
    await asyncio.gather(*running)


def lifetimes(connections, kind):
    mine = [c for c in connections if c.kind == kind]
    lived = [c.closed - c.opened for c in mine if c.opened and c.closed]
    # Closed at once: accepted by the kernel, then closed by the daemon's cap before any trickle.
    at_once = sum(1 for x in lived if x < 0.5)
    slow = sorted(x for x in lived if x >= 0.5)
    return {
        "connections": len(mine),
        "refused_at_connect": sum(1 for c in mine if c.refused),
        "closed_within_0.5s": at_once,
        "held_then_closed": len(slow),
        "held_median_s": round(statistics.median(slow), 1) if slow else None,
        "held_max_s": round(slow[-1], 1) if slow else None,
        "still_open_at_end": sum(1 for c in mine if c.opened and not c.closed),
    }


async def wait_for_port(port, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise SystemExit(f"nothing listens on {port}")


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--illgate", default=os.path.join(REPO, ".build", "debug", "illgate"))
    parser.add_argument("--connections", type=int, default=2000, help="slow connections on each listener")
    parser.add_argument("--sources", type=int, default=40, help="loopback source addresses they come from")
    parser.add_argument("--trickle", type=float, default=3.0, help="seconds between the slow bytes")
    parser.add_argument("--phase", type=float, default=20.0, help="seconds the real peer is measured each time")
    parser.add_argument("--max-wait", type=float, default=400.0, help="longest wait for the slow connections to close")
    parser.add_argument("--http-port", type=int, default=18726)
    parser.add_argument("--tcp-port", type=int, default=18727)
    parser.add_argument("--admin-port", type=int, default=18780)
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, log)")
    parser.add_argument("--before-issue-15", action="store_true",
                        help="for a binary from before the connection limits: leave their keys out of the file")
    args = parser.parse_args()

    limit = raise_nofile()
    directory = tempfile.mkdtemp(prefix="listen-attack.", dir="/tmp")
    config = write_config(directory, args.admin_port, args.http_port, args.tcp_port, args.log_level, args.before_issue_15)
    log = open(os.path.join(directory, "illgate.log"), "wb")
    daemon = subprocess.Popen([args.illgate, "serve", "--config", config], stdout=log, stderr=log, cwd=directory)
    report = {"nofile": limit, "connections_per_listener": args.connections, "sources": args.sources,
              "trickle_s": args.trickle, "load_at_start": load_average()}
    try:
        await wait_for_port(args.http_port)
        await wait_for_port(args.tcp_port)
        await asyncio.sleep(2)
        report["rss_idle_mb"] = round(rss_mb(daemon.pid), 1)
        report["before"] = await measure_peer(args, "BEFORE")
        report["rss_after_warmup_mb"] = round(rss_mb(daemon.pid), 1)

        connections = []
        attacking = asyncio.ensure_future(attack(args, connections))
        # Let the connections open and send their first bytes.
        await asyncio.sleep(min(10, args.phase))
        report["fds_during"] = open_fds(daemon.pid)
        report["load_during"] = load_average()
        report["during"] = await measure_peer(args, "DURING")
        report["rss_during_mb"] = round(rss_mb(daemon.pid), 1)
        await attacking
        report["http_slow_headers"] = lifetimes(connections, "http-headers")
        report["http_slow_body"] = lifetimes(connections, "http-body")
        report["tcp_partial_frame"] = lifetimes(connections, "tcp-frame")
        await asyncio.sleep(10)
        report["fds_after"] = open_fds(daemon.pid)
        report["rss_after_mb"] = round(rss_mb(daemon.pid), 1)
        report["after"] = await measure_peer(args, "AFTER")
        report["rss_end_mb"] = round(rss_mb(daemon.pid), 1)
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            daemon.kill()
        log.close()
        with open(os.path.join(directory, "illgate.log"), "rb") as f:
            lines = f.read().splitlines()
        report["log_lines"] = len(lines)
        report["log_lines_connection_refused"] = sum(1 for line in lines if b"connection refused" in line)
        if args.keep:
            report["directory"] = directory
        else:
            shutil.rmtree(directory, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
