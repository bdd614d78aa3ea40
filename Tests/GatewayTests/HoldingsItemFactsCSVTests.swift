import Foundation
import Gateway
import Store
import Testing

/// The holdings file's item-level columns, read and checked like the others.
@Suite struct HoldingsItemFactsCSVTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var description: String
        var header: String
        var values: String
        var loanAllowed: Bool?
        var copyAllowed: Bool?
        var periodicalClass: String?
        var rejected: String? = nil
        var testDescription: String { description }
    }

    static let rows: [Row] = [
        Row(description: "yes/no and a class", header: "loan_allowed,copy_allowed,periodical_class", values: "no,YES,Scholarly", loanAllowed: false, copyAllowed: true, periodicalClass: "scholarly"),
        Row(description: "empty means not stated", header: "loan_allowed,copy_allowed,periodical_class", values: ",,", loanAllowed: nil, copyAllowed: nil, periodicalClass: nil),
        Row(description: "plural spellings", header: "loans_allowed,copies_allowed", values: "y,n", loanAllowed: true, copyAllowed: false, periodicalClass: nil),
        Row(description: "a bad yes/no is rejected with its line", header: "loan_allowed", values: "sometimes", rejected: "loan_allowed \"sometimes\" is not yes or no"),
        Row(description: "a bad class is rejected with its line", header: "periodical_class", values: "popular", rejected: "periodical_class \"popular\" is not one of scholarly, general"),
    ]

    @Test(arguments: rows)
    func itemFactsColumns(_ row: Row) throws {
        let csv = "title,\(row.header)\nJournal of Synthetic Examples,\(row.values)\n"
        let read = try HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current).read(csv)
        if let rejected = row.rejected {
            #expect(read.records.isEmpty)
            #expect(read.rejections.map(\.description) == ["line 2: \(rejected)"])
            return
        }
        let record = try #require(read.records.first, "\(read.rejections)")
        #expect(record.loanAllowed == row.loanAllowed)
        #expect(record.copyAllowed == row.copyAllowed)
        #expect(record.periodicalClass == row.periodicalClass)
    }
}
