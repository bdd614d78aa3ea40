import Foundation

/// An IPv4 or IPv6 address range in CIDR form (`192.0.2.0/24`, `2001:db8::/32`, or one address).
public struct AddressRange: Hashable, Sendable, CustomStringConvertible {
    private let network: [UInt8]
    private let prefixLength: Int
    /// The range as written.
    public let description: String

    /// Parses `ADDRESS` or `ADDRESS/PREFIX`; `nil` if it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let address = parts.first.flatMap({ Self.bytes(of: String($0)) }) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0, parsed <= address.count * 8 else { return nil }
            length = parsed
        } else {
            length = address.count * 8
        }
        self.network = address
        self.prefixLength = length
        self.description = text
    }

    /// Whether an address (`203.0.113.7`, `::1`; IPv4-mapped IPv6 counts as IPv4) is in the range.
    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return contains(addressBytes: bytes)
    }

    /// Whether an address already read with ``bytes(of:)`` is in the range (read it once to test it
    /// against several ranges).
    func contains(addressBytes: [UInt8]) -> Bool {
        var bytes = addressBytes
        if bytes.count == 16, network.count == 4, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            bytes = Array(bytes[12...])
        }
        guard bytes.count == network.count else { return false }
        var remaining = prefixLength
        for index in 0..<bytes.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The bytes of an IPv4 or IPv6 address, `nil` if the text is not one.
    static func bytes(of text: String) -> [UInt8]? {
        if text.contains(":") { return ipv6(text) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard let value = UInt8(part), part.count <= 3 else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ text: String) -> [UInt8]? {
        var text = Substring(text)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        let halves = String(text).components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
