#!/usr/bin/env python3
"""Writes illgate(1) in roff from `illgate --experimental-dump-help` (swift-argument-parser's description of
every command, argument and option), so the man page says exactly what the binary's --help says.

Usage: illgate --experimental-dump-help | generate-man.py VERSION DATE > illgate.1
"""
import json
import sys


def roff(text):
    """Escapes text for a roff line: backslashes, and leading dots and quotes."""
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.splitlines():
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def shown(argument):
    """Whether an argument is documented: not hidden, and not --help or --version (said once, at the top)."""
    if argument.get("shouldDisplay") is False:
        return False
    return not any(n["name"] in ("help", "version") for n in argument.get("names") or [])


def synopsis(names, command):
    parts = []
    for argument in command.get("arguments", []):
        if not shown(argument):
            continue
        names_ = argument.get("names") or []
        label = argument.get("valueName") or ""
        if argument.get("kind") == "positional":
            text = "<%s>" % label
        else:
            flag = next((("--" if n["kind"] == "long" else "-") + n["name"] for n in names_ if n["kind"] == "long"), None)
            flag = flag or next((("--" if n["kind"] == "long" else "-") + n["name"] for n in names_), "")
            text = flag if argument.get("kind") == "flag" else "%s <%s>" % (flag, label)
        if argument.get("isRepeating"):
            text += " ..."
        if argument.get("isOptional"):
            text = "[%s]" % text
        parts.append(text)
    return " ".join(names) + (" " + " ".join(parts) if parts else "")


def section(names, command, out):
    subcommands = [c for c in command.get("subcommands", []) if c.get("shouldDisplay", True)]
    if len(names) > 1:
        out.append('.SS "%s"' % roff(" ".join(names)))
        if command.get("abstract"):
            out.append(roff(command["abstract"]))
        if not subcommands:
            out.append(".PP")
            out.append(".B " + roff(synopsis(names, command)))
        if command.get("discussion"):
            out.append(".PP")
            out.append(roff(command["discussion"]))
        for argument in command.get("arguments", []):
            if not shown(argument) or not argument.get("abstract"):
                continue
            names_ = argument.get("names") or []
            flags = ", ".join(("--" if n["kind"] == "long" else "-") + n["name"] for n in names_)
            label = flags or "<%s>" % argument.get("valueName", "")
            if flags and argument.get("kind") == "option":
                label += " <%s>" % argument.get("valueName", "value")
            out.append(".TP")
            out.append(".B " + roff(label))
            text = argument["abstract"]
            if argument.get("defaultValue"):
                text += " (default: %s)" % argument["defaultValue"]
            out.append(roff(text))
    for sub in subcommands:
        if sub.get("commandName") == "help":
            continue
        section(names + [sub["commandName"]], sub, out)


def main():
    version, date = sys.argv[1], sys.argv[2]
    tool = json.load(sys.stdin)["command"]
    out = [
        '.TH ILLGATE 1 "%s" "illgate %s" "User Commands"' % (date, version),
        ".SH NAME",
        "illgate \\- " + roff(tool.get("abstract", "")),
        ".SH SYNOPSIS",
        ".B illgate",
        ".I command",
        ".RI [ options ]",
        ".SH DESCRIPTION",
        roff(tool.get("discussion", "")),
        ".PP",
        "Every command has \\fB\\-\\-help\\fR; \\fBillgate \\-\\-version\\fR prints the version.",
        ".SH COMMANDS",
    ]
    section(["illgate"], tool, out)
    out += [
        ".SH EXIT STATUS",
        "0 on success; 1 when a command fails (the reason on standard error); 78 (EX_CONFIG) when",
        "\\fBserve\\fR or \\fBcheck\\-config\\fR finds the configuration missing, unreadable or invalid.",
        ".SH FILES",
        ".TP",
        ".B /etc/illgate/illgate.toml",
        "The configuration (root:illgate, mode 0640), every key documented in it.",
        ".TP",
        ".B /var/lib/illgate",
        "The service's working directory: the SQLite database and the admin token.",
        ".TP",
        ".B /usr/lib/systemd/system/illgate.service",
        "The systemd unit (runs \\fBillgate serve\\fR as the user illgate).",
        ".SH SEE ALSO",
        "\\fBsystemctl\\fR(1), \\fBjournalctl\\fR(1), /usr/share/doc/illgate/README.md",
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
