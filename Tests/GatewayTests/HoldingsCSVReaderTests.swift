import Foundation
import Gateway
import Store
import Testing

/// `illgate holdings import`: what a catalogue export becomes, and how bad rows are reported.
@Suite struct HoldingsCSVReaderTests {
    let reader = HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current)

    @Test func rowsBecomeNormalisedHoldings() throws {
        let text = """
            Title,ISBN,ISSN,OCLC,Format,Branch,Call Number,Status,Due Date,Local Hold
            "Moby-Dick; or, The Whale",0-306-40615-2;9780142437247,,(OCoLC)ocm00012345,Book,Main,"PS2384 .M6",On Loan,2026-12-15,yes
            Journal of Examples,,1050 4125,,Journal,Periodicals,,available,,
            """
        let result = try reader.read(text)
        #expect(result.rowsRead == 2)
        #expect(result.rejections.isEmpty)
        let book = try #require(result.records.first)
        #expect(book.title == "Moby-Dick; or, The Whale")
        #expect(book.isbns == ["9780306406157", "9780142437247"])
        #expect(book.oclcNumbers == ["12345"])
        #expect(book.location == "Main")
        #expect(book.callNumber == "PS2384 .M6")
        #expect(book.status == .onLoan)
        #expect(book.dueDate == Date(timeIntervalSince1970: 1_797_292_800))
        #expect(book.hasLocalHold)
        #expect(book.sourceLine == 2)
        #expect(result.records.last?.issns == ["1050-4125"])
    }

    @Test func badRowsAreRejectedWithTheirLines() throws {
        let text = """
            title,isbn,status,acquired_on
            Good,9780142437247,available,2020-01-31
            ,9780142437247,available,
            Bad ISBN,9780142437248,available,
            Bad status,,borrowed,
            Bad date,,available,2020-02-30
            "Multi-line
            title",,available,
            Too,many,fields,here,!
            """
        let result = try reader.read(text)
        #expect(result.rowsRead == 7)
        #expect(result.records.map(\.title) == ["Good", "Multi-line\ntitle"])
        #expect(result.rejections.map(\.line) == [3, 4, 5, 6, 9])
        #expect(result.rejections[1].reason.contains("9780142437248"))
        #expect(result.rejections[2].reason.contains("\"borrowed\""))
        #expect(result.rejections[4].reason.contains("expected 4 fields, found 5"))
    }

    @Test func aFileWithoutTitlesOrWithUnknownColumnsIsRefused() {
        #expect(throws: HoldingsCSVReader.FileError.self) { try reader.read("isbn,status\n9780142437247,available\n") }
        #expect(throws: HoldingsCSVReader.FileError.self) { try reader.read("title,colour\nX,red\n") }
        #expect(throws: HoldingsCSVReader.FileError.self) { try reader.read("") }
        #expect(throws: HoldingsCSVReader.FileError.self) { try reader.read("title\n\"never closed\n") }
    }

    @Test func importedHoldingsAreFoundByAnyIdentifierOrTitle() async throws {
        let database = try TemporaryDatabase()
        let store = try SQLiteTransactionStore(path: database.path)
        let records = try reader.read("title,isbn,oclc\nThe Whale,9780142437247,555\nAnother Book,,\n").records
        try await store.write { writer in try writer.replaceHoldings(with: records) }
        #expect(try await store.holdingsCount() == 2)
        let byISBN = try await store.write { writer in try writer.holdings(matching: HoldingLookup(isbns: ["9780142437247"])) }
        #expect(byISBN.map(\.title) == ["The Whale"])
        let byOCLC = try await store.write { writer in try writer.holdings(matching: HoldingLookup(oclcNumbers: ["555"])) }
        #expect(byOCLC.map(\.title) == ["The Whale"])
        let byTitle = try await store.write { writer in try writer.holdings(matching: HoldingLookup(titleKey: "another book")) }
        #expect(byTitle.map(\.title) == ["Another Book"])
        // A new import replaces the old one.
        try await store.write { writer in try writer.replaceHoldings(with: []) }
        #expect(try await store.holdingsCount() == 0)
    }
}
