import Foundation

/// Text as the standard PDF fonts carry it: WinAnsiEncoding (Windows code page 1252).
///
/// Latin script prints as written. Other letters are printed as their base letter when they have one
/// (`ő` → `o`, `Ł` → `L`); what has none is printed as `?`. Control characters become spaces. A document
/// never fails because of a title in another script; it prints what it can and keeps the layout.
struct WinAnsiText: Equatable, Sendable {
    /// The encoded bytes, without a terminating NUL.
    let bytes: [UInt8]

    /// Encodes a string.
    init(_ text: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let byte = Self.byte(for: scalar) {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: Self.fallback(for: scalar))
            }
        }
        self.bytes = bytes
    }

    /// The byte for a scalar the encoding has, or nil.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        switch value {
        case 0x20...0x7E, 0xA0...0xFF:
            return UInt8(value)
        case 0x09, 0x0A, 0x0D:
            return 0x20
        default:
            return windows1252Extras[value]
        }
    }

    /// What to print for a scalar the encoding lacks: its base letters, else `?`.
    private static func fallback(for scalar: Unicode.Scalar) -> [UInt8] {
        if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
            return scalar.properties.generalCategory == .control ? [0x20] : []
        }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            return []
        }
        if let letters = strokedLetters[scalar.value] {
            return Array(letters.utf8)
        }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping
        let base = decomposed.unicodeScalars.compactMap { part -> UInt8? in
            part.properties.generalCategory == .nonspacingMark ? nil : byte(for: part)
        }
        if !base.isEmpty, decomposed.unicodeScalars.contains(where: { byte(for: $0) != nil }) {
            return base
        }
        return [0x3F]
    }

    /// Letters whose base letter is not a canonical decomposition.
    private static let strokedLetters: [UInt32: String] = [
        0x0110: "D", 0x0111: "d", 0x0126: "H", 0x0127: "h", 0x0131: "i", 0x0141: "L", 0x0142: "l",
        0x0166: "T", 0x0167: "t", 0x0180: "b", 0x0197: "I", 0x01B5: "Z", 0x01B6: "z", 0x2010: "-",
        0x2011: "-", 0x2012: "-", 0x2212: "-", 0x2032: "'", 0x2033: "\"", 0x00AD: "-",
    ]

    /// Code page 1252's characters in 0x80...0x9F.
    private static let windows1252Extras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
