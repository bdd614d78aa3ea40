public import Foundation
import ISO18626
import Policy
public import Store

/// Reads a holdings export (CSV with a header row) into holdings records, rejecting bad rows with their
/// line numbers. Columns, in any order, names case-insensitive:
/// `title` (required), `isbn`, `issn`, `oclc` (several values separated by `;` or `|`), `format`,
/// `branch` (the owning branch, a code of `[[library.branches]]`), `location` (the shelf location, free text),
/// `call_number`, `status` (available, on_loan, missing, lost, non_circulating,
/// at_bindery, on_order, poor_condition; default available), `due_date`, `acquired_on` (YYYY-MM-DD),
/// `licence` (permitted, print_only, domestic_only, not_permitted), `local_hold` (yes/no), and item-level
/// policy facts: `loan_allowed` (or `loans_allowed`) and `copy_allowed` (or `copies_allowed`), yes/no with
/// empty meaning not stated, and `periodical_class` (scholarly or general, the Canadian one-year rule C05).
/// `replacement_cost` is what replacing the copy costs, an amount and an ISO 4217 currency (`45.00 USD`);
/// empty means the charges configuration's default for the material type.
///
/// Without configured branches a `branch` value is read as the shelf location when the row has none (what
/// the column meant before branches existed); with branches, a code that is none of them is a ``FileError``
/// naming its line, so nothing of the file is imported.
public struct HoldingsCSVReader: Sendable {
    /// A row that was not imported.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// What a file held.
    public struct Result: Sendable {
        public var records: [HoldingRecord]
        public var rejections: [Rejection]
        public var rowsRead: Int
    }

    /// A problem with the file as a whole.
    public struct FileError: Error, CustomStringConvertible {
        public var description: String
    }

    static let knownColumns = [
        "title", "isbn", "issn", "oclc", "format", "location", "branch", "call_number", "status", "due_date", "acquired_on",
        "licence", "license", "local_hold", "loan_allowed", "loans_allowed", "copy_allowed", "copies_allowed", "periodical_class",
        "replacement_cost",
    ]

    private let calendar: Calendar
    private let branches: [String]

    /// - Parameters:
    ///   - timeZone: the zone dates without a time are read in (the library's).
    ///   - branches: the codes of `[[library.branches]]`; empty when none are configured.
    public init(timeZone: TimeZone, branches: [String] = []) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.branches = branches
    }

    /// Reads the whole text; `progress` is called every 1,000 rows with the rows read so far.
    public func read(_ text: String, progress: (Int) -> Void = { _ in }) throws(FileError) -> Result {
        var rows = CSVRows(text)
        guard let (headerLine, header) = rows.next() else { throw FileError(description: "line 1: the file is empty; expected a header row with at least a title column") }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") }
        for (index, name) in columns.enumerated() where !Self.knownColumns.contains(name) {
            throw FileError(description: "line \(headerLine): unknown column \(index + 1) \"\(header[index])\"; known columns: \(Self.knownColumns.joined(separator: ", "))")
        }
        guard columns.contains("title") else {
            throw FileError(description: "line \(headerLine): no title column; the header must name at least title")
        }
        var result = Result(records: [], rejections: [], rowsRead: 0)
        while let (line, fields) = rows.next() {
            if fields.count == 1, fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            result.rowsRead += 1
            if result.rowsRead % 1000 == 0 { progress(result.rowsRead) }
            guard fields.count == columns.count else {
                result.rejections.append(Rejection(line: line, reason: "expected \(columns.count) fields, found \(fields.count)"))
                continue
            }
            var row: [String: String] = [:]
            for (name, value) in zip(columns, fields) {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { row[name] = trimmed }
            }
            if !branches.isEmpty {
                row["branch"] = try owningBranch(row["branch"], line: line)
            } else if row["location"] == nil {
                row["location"] = row["branch"]
            }
            switch record(row, line: line) {
            case .success(let record): result.records.append(record)
            case .failure(let rejection): result.rejections.append(rejection)
            }
        }
        if let error = rows.error { throw FileError(description: error) }
        return result
    }

    /// The configured code a row's `branch` names (case-insensitive), or `nil` when the row names none.
    private func owningBranch(_ code: String?, line: Int) throws(FileError) -> String? {
        guard let code else { return nil }
        guard let known = branches.first(where: { $0.caseInsensitiveCompare(code) == .orderedSame }) else {
            throw FileError(
                description: "line \(line): branch \"\(code)\" is not a branch in [library]; known branches: \(branches.joined(separator: ", ")); nothing was imported"
            )
        }
        return known
    }

    private func record(_ row: [String: String], line: Int) -> Swift.Result<HoldingRecord, Rejection> {
        func reject(_ reason: String) -> Swift.Result<HoldingRecord, Rejection> { .failure(Rejection(line: line, reason: reason)) }
        guard let title = row["title"] else { return reject("the title is empty") }
        func values(_ name: String) -> [String] {
            (row[name] ?? "").split(whereSeparator: { $0 == ";" || $0 == "|" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var isbns: [String] = []
        for value in values("isbn") {
            guard let isbn = ISBN.isbn13(value) else { return reject("isbn \"\(value)\" is not a valid ISBN (check digit or length)") }
            isbns.append(isbn)
        }
        var issns: [String] = []
        for value in values("issn") {
            guard let issn = ISSN(value) else { return reject("issn \"\(value)\" is not a valid ISSN (check digit or length)") }
            issns.append(issn.canonical)
        }
        var oclc: [String] = []
        for value in values("oclc") {
            let digits = value.lowercased().replacingOccurrences(of: "(ocolc)", with: "").replacingOccurrences(of: "ocm", with: "")
                .replacingOccurrences(of: "ocn", with: "").replacingOccurrences(of: "on", with: "")
            guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return reject("oclc \"\(value)\" is not an OCLC number") }
            oclc.append(String(digits.drop(while: { $0 == "0" })))
        }
        var status = HoldingRecord.Status.available
        if let text = row["status"] {
            let normalised = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            guard let parsed = HoldingRecord.Status(rawValue: normalised) else {
                return reject("status \"\(text)\" is not one of \(HoldingRecord.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        var dates: [String: Date] = [:]
        for name in ["due_date", "acquired_on"] {
            guard let text = row[name] else { continue }
            guard let date = day(text) else { return reject("\(name) \"\(text)\" is not a date like 2026-03-20") }
            dates[name] = date
        }
        let licence = row["licence"] ?? row["license"]
        if let licence, !["permitted", "print_only", "domestic_only", "not_permitted"].contains(licence.lowercased()) {
            return reject("licence \"\(licence)\" is not one of permitted, print_only, domestic_only, not_permitted")
        }
        var flags: [String: Bool] = [:]
        for (name, alias) in [("local_hold", "local_hold"), ("loan_allowed", "loans_allowed"), ("copy_allowed", "copies_allowed")] {
            guard let text = (row[name] ?? row[alias])?.lowercased() else { continue }
            guard let value = Self.yesNo(text) else { return reject("\(name) \"\(text)\" is not yes or no") }
            flags[name] = value
        }
        let periodicalClass = row["periodical_class"]?.lowercased()
        if let periodicalClass, ItemFacts.PeriodicalClass(rawValue: periodicalClass) == nil {
            return reject("periodical_class \"\(periodicalClass)\" is not one of \(ItemFacts.PeriodicalClass.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var replacementCost: Money?
        if let text = row["replacement_cost"] {
            do {
                replacementCost = try Money.parse(text, field: "replacement_cost")
            } catch {
                return reject(error.description)
            }
        }
        return .success(
            HoldingRecord(
                isbns: isbns,
                issns: issns,
                oclcNumbers: oclc,
                title: title,
                titleKey: TitleKey.make(title),
                format: row["format"],
                branch: branches.isEmpty ? nil : row["branch"],
                location: row["location"],
                callNumber: row["call_number"],
                status: status,
                dueDate: dates["due_date"],
                acquiredOn: dates["acquired_on"],
                licence: licence?.lowercased(),
                hasLocalHold: flags["local_hold"] ?? false,
                loanAllowed: flags["loan_allowed"],
                copyAllowed: flags["copy_allowed"],
                periodicalClass: periodicalClass,
                sourceLine: line,
                replacementCost: replacementCost
            )
        )
    }

    /// `yes`/`no` (also `y`/`n`, `true`/`false`, `1`/`0`), lowercased; `nil` for anything else.
    private static func yesNo(_ text: String) -> Bool? {
        if ["yes", "true", "y", "1"].contains(text) { return true }
        if ["no", "false", "n", "0"].contains(text) { return false }
        return nil
    }

    private func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date) == components
        else { return nil }
        return date
    }
}

/// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. Yields each row with the
/// line it starts on.
struct CSVRows {
    private let scalars: [Character]
    private var index = 0
    private var line = 1
    /// Set when the text ends inside a quoted field.
    private(set) var error: String?

    init(_ text: String) {
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        self.scalars = characters
    }

    mutating func next() -> (Int, [String])? {
        guard index < scalars.count, error == nil else { return nil }
        let start = line
        var fields: [String] = []
        var field = ""
        var quoted = false
        while index < scalars.count {
            let character = scalars[index]
            index += 1
            if quoted {
                if character == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                line += 1
                fields.append(field)
                return (start, fields)
            default: field.append(character)
            }
        }
        if quoted {
            error = "line \(start): a quoted field is not closed before the end of the file"
            return nil
        }
        fields.append(field)
        return (start, fields)
    }
}
