#!/usr/bin/env bash
# Builds the Debian package illgate_<version>_<arch>.deb from a release build with the Swift standard library
# linked statically, so the server needs no Swift toolchain: only the C libraries the binary links
# (libxml2, libsqlite3, glibc), which the package depends on.
#
#   packaging/build-deb.sh            # -> .build-deb/illgate_0.1.0_amd64.deb
#
# Environment: SCRATCH_PATH (SwiftPM build directory, default .build-release, kept apart from the debug
# build's .build so both can be built at once), OUT_DIR (default .build-deb), SKIP_BUILD=1 (package the
# binary already in SCRATCH_PATH). Needs dpkg-deb, python3 (the man page), gzip; run as any user.
# The static release build takes about 17 minutes on two cores, so CI does not run this script.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^ *static let current = "\(.*\)"$/\1/p' Sources/illgate/Illgate.swift)
[ -n "$version" ] || { echo "build-deb: cannot read the version from Sources/illgate/Illgate.swift" >&2; exit 1; }
arch=$(dpkg --print-architecture)
scratch=${SCRATCH_PATH:-.build-release}
out=${OUT_DIR:-.build-deb}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --static-swift-stdlib --product illgate --scratch-path "$scratch"
fi
binary="$scratch/release/illgate"
[ -x "$binary" ] || { echo "build-deb: no binary at $binary" >&2; exit 1; }
if ldd "$binary" | grep -q 'libswift\|libFoundation\|libdispatch'; then
    echo "build-deb: $binary links the Swift runtime dynamically (build with --static-swift-stdlib)" >&2
    exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/illgate_${version}_${arch}"

install -D -m 0755 "$binary" "$root/usr/bin/illgate"
strip --strip-unneeded "$root/usr/bin/illgate" 2>/dev/null || true
install -D -m 0644 systemd/illgate.service "$root/usr/lib/systemd/system/illgate.service"
install -D -m 0644 systemd/illgate-http.socket "$root/usr/lib/systemd/system/illgate-http.socket"
install -D -m 0644 systemd/illgate-tcp.socket "$root/usr/lib/systemd/system/illgate-tcp.socket"
install -D -m 0644 systemd/illgate.sysusers "$root/usr/lib/sysusers.d/illgate.conf"
# The example configuration, a conffile: the postinst gives it to group illgate (0640 in a 0750 directory).
install -D -m 0640 config/illgate.toml "$root/etc/illgate/illgate.toml"
install -D -m 0644 README.md "$root/usr/share/doc/illgate/README.md"
for example in config/examples/*; do
    install -D -m 0644 "$example" "$root/usr/share/doc/illgate/examples/$(basename "$example")"
done
cat > "$root/usr/share/doc/illgate/copyright" <<'COPYRIGHT'
illgate: ISO 18626 interlibrary-loan gateway.
The binary links statically the Swift standard library, Foundation and the Swift packages named in
Package.swift (Apache License 2.0, MIT); see the source repository for their licences.
COPYRIGHT
chmod 0644 "$root/usr/share/doc/illgate/copyright"
install -d -m 0755 "$root/usr/share/man/man1"
"$binary" --experimental-dump-help \
    | python3 packaging/generate-man.py "$version" "$(date -u +%Y-%m-%d)" \
    | gzip -9n > "$root/usr/share/man/man1/illgate.1.gz"
chmod 0644 "$root/usr/share/man/man1/illgate.1.gz"

# Depends: the Debian packages of the shared libraries the binary loads.
depends=$(ldd "$binary" | awk '/=> \//{print $3}' | while read -r library; do
    dpkg -S "$(readlink -f "$library")" 2>/dev/null || dpkg -S "$library" 2>/dev/null || true
done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')
[ -n "$depends" ] || { echo "build-deb: cannot work out the package's dependencies" >&2; exit 1; }

install -d -m 0755 "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: illgate
Version: $version
Architecture: $arch
Maintainer: illgate maintainers <illgate@localhost>
Section: net
Priority: optional
Installed-Size: $size
Depends: $depends, systemd | adduser
Description: ISO 18626 interlibrary-loan gateway daemon
 illgate exchanges ISO 18626 messages with other libraries' ILL systems over
 HTTP and TCP, keeps every loan and copy transaction in a durable state machine
 (SQLite, under /var/lib/illgate) and answers peers strictly and quickly.
 ILL staff work through the illgate command line; it runs under systemd as the
 user illgate (illgate.service, not enabled until configured).
CONTROL
echo /etc/illgate/illgate.toml > "$root/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "packaging/debian/$script" "$root/DEBIAN/$script"
done

mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/illgate_${version}_${arch}.deb"
echo "$out/illgate_${version}_${arch}.deb"
