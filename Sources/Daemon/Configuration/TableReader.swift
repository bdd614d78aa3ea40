internal import Foundation
internal import TOMLKit

/// Reads the keys of one TOML table with the types we expect, reporting wrong types, bad ranges and,
/// at ``finish()``, every key nobody asked for.
///
/// A reader stands for its table even when the table is absent from the document, so the same code reads
/// defaults and learns every known key (which the unknown-key suggestions need). Not `Sendable`: it wraps
/// TOMLKit's reference types and lives only for one synchronous parse.
final class TableReader {
    /// An element of an array of strings and where it is.
    struct StringElement {
        /// The element's path (`library.agency_ids[2]`).
        var path: ConfigurationPath
        /// The element.
        var value: String
    }

    /// Where the table is.
    let path: ConfigurationPath
    /// The peer the table belongs to, named in problems.
    var peer: String?
    private let table: TOMLTable?
    private let problems: ProblemCollector
    private var knownKeys: [String] = []
    private var children: [(key: String, reader: TableReader)] = []

    /// Creates a reader for a table (`nil` when it is absent).
    init(table: TOMLTable?, path: ConfigurationPath, problems: ProblemCollector, peer: String? = nil) {
        self.table = table
        self.path = path
        self.problems = problems
        self.peer = peer
    }

    /// Whether the table is in the document.
    var isPresent: Bool { table != nil }

    /// The table's own keys, for tables that map names to values (`code_aliases`, `patron_types`).
    /// Each key still has to be read to count as known.
    var keys: [String] { table.map { Array($0.keys).sorted() } ?? [] }

    /// Whether the table has this key.
    func contains(_ key: String) -> Bool {
        table?[key] != nil
    }

    /// The path of one of this table's keys.
    func path(of key: String) -> ConfigurationPath {
        path.appending(key)
    }

    // MARK: Reporting

    /// Reports a problem with one of this table's keys.
    func report(_ key: String, _ message: String) {
        problems.report(at: path.appending(key), peer: peer, message)
    }

    /// Reports a problem with a value somewhere in this table (such as an array element).
    func report(at path: ConfigurationPath, _ message: String) {
        problems.report(at: path, peer: peer, message)
    }

    /// Reports a problem with the table as a whole.
    func reportTable(_ message: String) {
        problems.report(at: path, peer: peer, message)
    }

    /// Reports that a required key is absent (when it is).
    func require(_ key: String, _ hint: String) {
        guard !contains(key) else { return }
        report(key, "required key is missing (\(hint))")
    }

    // MARK: Typed values

    /// The raw value of a key, marking the key as known.
    func value(_ key: String) -> (any TOMLValueConvertible)? {
        if !knownKeys.contains(key) { knownKeys.append(key) }
        return table?[key]
    }

    /// A string; `expected` completes "expected ..." in the wrong-type message, like `a string like "x"`.
    func string(_ key: String, expected: String) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else {
            reportMismatch(key, expected: expected, found: value.type)
            return nil
        }
        return string
    }

    /// A boolean.
    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.bool else {
            reportMismatch(key, expected: "true or false", found: value.type)
            return nil
        }
        return bool
    }

    /// An integer within bounds.
    func integer(_ key: String, expected: String, atLeast minimum: Int? = nil, atMost maximum: Int? = nil) -> Int? {
        guard let value = value(key) else { return nil }
        guard let integer = value.int else {
            reportMismatch(key, expected: expected, found: value.type)
            return nil
        }
        return checked(key, integer, atLeast: minimum, atMost: maximum)
    }

    /// A number of seconds: an integer or a float, finite and more than `minimum`.
    func seconds(_ key: String, expected: String, above minimum: Double = 0) -> Double? {
        guard let value = value(key) else { return nil }
        let number: Double
        if let integer = value.int {
            number = Double(integer)
        } else if let double = value.double {
            number = double
        } else {
            reportMismatch(key, expected: expected, found: value.type)
            return nil
        }
        guard number.isFinite else {
            report(key, "must be a finite number of seconds, found \(number)")
            return nil
        }
        if number < 0 {
            report(key, "must not be negative, found \(Self.format(number))")
            return nil
        }
        guard number > minimum else {
            report(key, "must be more than \(Self.format(minimum)) seconds, found \(Self.format(number))")
            return nil
        }
        return number
    }

    /// A fraction from 0 to 1 (an integer 0 or 1 is accepted).
    func fraction(_ key: String, expected: String) -> Double? {
        guard let value = value(key) else { return nil }
        let number: Double
        if let integer = value.int {
            number = Double(integer)
        } else if let double = value.double {
            number = double
        } else {
            reportMismatch(key, expected: expected, found: value.type)
            return nil
        }
        guard number.isFinite, number >= 0, number <= 1 else {
            report(key, "must be between 0 and 1, found \(Self.format(number))")
            return nil
        }
        return number
    }

    /// An array of strings with the path of each element; non-string elements are reported and left out.
    func strings(_ key: String, expected: String) -> [StringElement]? {
        guard let value = value(key) else { return nil }
        guard let array = value.array else {
            reportMismatch(key, expected: expected, found: value.type)
            return nil
        }
        var elements: [StringElement] = []
        let arrayPath = path.appending(key)
        for (index, element) in array.enumerated() {
            let elementPath = arrayPath.appending(index: index)
            if let string = element.string {
                elements.append(StringElement(path: elementPath, value: string))
            } else {
                report(at: elementPath, "expected a string, found \(Self.describe(element.type))")
            }
        }
        return elements
    }

    /// The reader of a sub-table; when the key is absent (or not a table, which is reported), the reader
    /// stands for an absent table.
    func table(_ key: String) -> TableReader {
        let value = value(key)
        var table: TOMLTable?
        if let value {
            if let found = value.table {
                table = found
            } else {
                reportMismatch(key, expected: "a table ([\(path.appending(key))])", found: value.type)
            }
        }
        let reader = TableReader(table: table, path: path.appending(key), problems: problems, peer: peer)
        children.append((key, reader))
        return reader
    }

    /// The readers of an array of tables (`[[peers]]`); elements that are not tables are reported and left out.
    func tables(_ key: String) -> [TableReader] {
        guard let value = value(key) else { return [] }
        let arrayPath = path.appending(key)
        guard let array = value.array else {
            reportMismatch(key, expected: "an array of tables ([[\(arrayPath)]])", found: value.type)
            return []
        }
        var readers: [TableReader] = []
        for (index, element) in array.enumerated() {
            let elementPath = arrayPath.appending(index: index)
            if let table = element.table {
                readers.append(TableReader(table: table, path: elementPath, problems: problems, peer: peer))
            } else {
                report(at: elementPath, "expected a table, found \(Self.describe(element.type))")
            }
        }
        return readers
    }

    // MARK: Unknown keys

    /// Reports every key of the table that no accessor asked for, suggesting the key that was probably meant.
    /// Call it after reading every key and sub-table.
    func finish() {
        guard let table else { return }
        for key in table.keys where !knownKeys.contains(key) {
            let message = unknownKeyMessage(key)
            report(key, table[key]?.type == .table ? message.replacingOccurrences(of: "unknown key", with: "unknown table") : message)
        }
    }

    private func unknownKeyMessage(_ key: String) -> String {
        let inChildren = children.filter { $0.reader.knownKeys.contains(key) }.map { "`\($0.key).\(key)`" }
        if !inChildren.isEmpty {
            return "unknown key; did you mean \(inChildren.joined(separator: " or "))?"
        }
        if let suggestion = KeySuggestion.closest(to: key, among: knownKeys) {
            return "unknown key; did you mean `\(suggestion)`?"
        }
        let nested = children.flatMap { child in child.reader.knownKeys.map { "\(child.key).\($0)" } }
        if let suggestion = KeySuggestion.closest(to: key, among: nested), let last = suggestion.split(separator: ".").last,
            KeySuggestion.editDistance(key.lowercased(), last.lowercased()) <= 2
        {
            return "unknown key; did you mean `\(suggestion)`?"
        }
        let known = knownKeys.map { "`\($0)`" }.joined(separator: ", ")
        return known.isEmpty ? "unknown key" : "unknown key; known keys here: \(known)"
    }

    // MARK: Helpers

    private func checked(_ key: String, _ integer: Int, atLeast minimum: Int?, atMost maximum: Int?) -> Int? {
        if let minimum, integer < minimum {
            report(key, minimum == 0 || (minimum > 0 && integer < 0) ? "must not be negative, found \(integer)" : "must be at least \(minimum), found \(integer)")
            return nil
        }
        if let maximum, integer > maximum {
            report(key, "must be at most \(maximum), found \(integer)")
            return nil
        }
        return integer
    }

    private func reportMismatch(_ key: String, expected: String, found: TOMLType) {
        report(key, "expected \(expected), found \(Self.describe(found))")
    }

    /// `an integer`, `a string`, ... for a TOML type.
    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a floating-point number"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }

    /// A number without a needless `.0`.
    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
