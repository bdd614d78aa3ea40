/// Where a value sits in a configuration document: table keys and array positions from the top.
///
/// Written as a dotted key with 1-based array positions: `peers[2].inbound.basic_user`.
struct ConfigurationPath: Hashable, Sendable, CustomStringConvertible {
    /// One step down.
    enum Component: Hashable, Sendable {
        /// A key of a table.
        case key(String)
        /// A position in an array, counted from 0.
        case index(Int)
    }

    /// The steps from the top of the document.
    var components: [Component]

    /// The document itself.
    static let root = ConfigurationPath(components: [])

    /// The path of a key of this table.
    func appending(_ key: String) -> ConfigurationPath {
        ConfigurationPath(components: components + [.key(key)])
    }

    /// The path of an element of this array.
    func appending(index: Int) -> ConfigurationPath {
        ConfigurationPath(components: components + [.index(index)])
    }

    /// The path one step up, `nil` for the root.
    var parent: ConfigurationPath? {
        components.isEmpty ? nil : ConfigurationPath(components: Array(components.dropLast()))
    }

    /// The last key, ignoring array positions.
    var lastKey: String? {
        for component in components.reversed() {
            if case .key(let key) = component { return key }
        }
        return nil
    }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += Self.isBare(key) ? key : "\"\(key)\""
            case .index(let index):
                text += "[\(index + 1)]"
            }
        }
        return text
    }

    /// Whether TOML accepts the key without quotes.
    private static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
    }
}
