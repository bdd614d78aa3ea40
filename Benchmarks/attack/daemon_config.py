"""The daemon configuration both attack scripts run: a copy of config/illgate.toml whose database, admin token
and listeners are moved to the given directory and ports."""
import os, re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE = os.path.join(REPO, "config", "examples", "loan-request.xml")
TEMPLATE_ID = b"PARTNER-2026-000123"


# The listener keys issue 15 added, by table, and what the daemon did before them: a binary from before that
# refuses the keys (to measure "before") gets the file without them and TCP's old max_connections.
NEW_LISTENER_KEYS = {"http": {"idle_timeout_seconds", "max_connections", "max_connections_per_address"},
                     "tcp": {"frame_timeout_seconds", "max_connections_per_address"}}


def without_new_listener_keys(text):
    lines, table = [], None
    for line in text.splitlines(keepends=True):
        header = re.match(r"^\[([a-z_.]+)\]", line)
        if header:
            table = header.group(1)
        key = re.match(r"^([a-z_]+) =", line)
        if key and key.group(1) in NEW_LISTENER_KEYS.get(table, ()):
            continue
        if key and table == "tcp" and key.group(1) == "max_connections":
            line = "max_connections = 256\n"
        lines.append(line)
    return "".join(lines)


def write_config(directory, admin_port, http_port=None, tcp_port=None, log_level="info", before_issue_15=False):
    """Writes DIRECTORY/illgate.toml and returns its path; listeners without a port keep the file's."""
    with open(os.path.join(REPO, "config", "illgate.toml")) as f:
        text = f.read()
    if before_issue_15:
        text = without_new_listener_keys(text)
    for default, port in (("18626", http_port), ("18627", tcp_port), ("18680", admin_port)):
        if port is not None:
            text = re.sub(rf'(?m)^listen = "127\.0\.0\.1:{default}"', f'listen = "127.0.0.1:{port}"', text)
    text = re.sub(r'(?m)^path = .*sqlite"', f'path = "{directory}/illgate.sqlite"', text)
    text = re.sub(r'(?m)^token_file = .*', f'token_file = "{directory}/admin.token"', text)
    text = re.sub(r'(?m)^level = "info"', f'level = "{log_level}"', text)
    path = os.path.join(directory, "illgate.toml")
    with open(path, "w") as f:
        f.write(text)
    return path


def request_template():
    """The example request split around its request id: prefix + a unique id + suffix is a new request."""
    with open(TEMPLATE, "rb") as f:
        return f.read().split(TEMPLATE_ID, 1)
