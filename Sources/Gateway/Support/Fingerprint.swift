/// A 64-bit FNV-1a hash, printed as 16 hex digits: identifies message content for retransmission detection.
enum Fingerprint {
    static func of(_ bytes: some Sequence<UInt8>) -> String {
        hex(hash(bytes, from: 0xcbf2_9ce4_8422_2325))
    }

    /// The fingerprint of the bytes less one range of them (a value that may change on a resend).
    static func of(_ bytes: [UInt8], leavingOut skipped: Range<Int>) -> String {
        let skipped = skipped.clamped(to: bytes.indices)
        return hex(hash(bytes[skipped.upperBound...], from: hash(bytes[..<skipped.lowerBound], from: 0xcbf2_9ce4_8422_2325)))
    }

    private static func hash(_ bytes: some Sequence<UInt8>, from start: UInt64) -> UInt64 {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ hashContiguous($0, from: start) }) { return contiguous }
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hashContiguous(_ bytes: UnsafeBufferPointer<UInt8>, from start: UInt64) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Where the text of the first `timestamp` element is (with or without a prefix): the header's, since
    /// the header comes first in every message.
    static func firstTimestampValue(in bytes: [UInt8]) -> Range<Int>? {
        let name = Array("timestamp>".utf8)
        var index = 1
        while index + name.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "t"), bytes[index..<(index + name.count)].elementsEqual(name) {
                let before = bytes[index - 1]
                if before == UInt8(ascii: "<") || before == UInt8(ascii: ":") {
                    let start = index + name.count
                    let end = bytes[start...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                    return start..<end
                }
            }
            index += 1
        }
        return nil
    }
}
