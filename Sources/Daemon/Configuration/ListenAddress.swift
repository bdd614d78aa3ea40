internal import Foundation
internal import Gateway

/// An address and port to listen on, written `HOST:PORT`: `127.0.0.1:18626`, `[::1]:18626`, `0.0.0.0:18626`,
/// `localhost:18626`. Port 0 asks the system for a free port.
public struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    /// The host: an IPv4 address, an IPv6 address (without brackets) or a host name.
    public var host: String
    /// The port, 0 to 65535.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (IPv6 addresses in brackets).
    public init(parsing text: String) throws(ListenAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let host: Substring
        let portText: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw .notHostAndPort }
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.first == ":" else { throw .notHostAndPort }
            portText = rest.dropFirst()
            guard host.contains(":"), AddressRange(String(host)) != nil, !host.contains("/") else {
                throw .badHost(String(host))
            }
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else { throw .notHostAndPort }
            host = trimmed[..<colon]
            portText = trimmed[trimmed.index(after: colon)...]
            if host.contains(":") { throw .unbracketedIPv6 }
            guard Self.isValidHost(host) else { throw .badHost(String(host)) }
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCIIDigit) else { throw .badPort(String(portText)) }
        guard portText.count <= 6, let port = Int(portText), port <= 65535 else { throw .portOutOfRange(String(portText)) }
        self.host = String(host)
        self.port = port
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether the host is a loopback address or `localhost`.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || AddressRange("127.0.0.0/8")?.contains(host) == true
    }

    /// An IPv4 address (all digits and dots) or a DNS host name.
    private static func isValidHost(_ host: Substring) -> Bool {
        guard !host.isEmpty else { return false }
        if host.allSatisfy({ $0.isASCIIDigit || $0 == "." }) {
            return AddressRange(String(host)) != nil
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCIIDigit || ("a"..."z").contains($0.lowercased()) || $0 == "-" }
        }
    }
}

extension Character {
    /// `0` to `9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
