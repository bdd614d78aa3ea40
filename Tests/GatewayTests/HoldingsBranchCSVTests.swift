import Foundation
import Gateway
import Store
import Testing

/// The holdings file's `branch` (the owning branch) and `location` (the shelf location) columns.
@Suite struct HoldingsBranchCSVTests {
    let reader = HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current, branches: ["MAIN", "LAW"])

    @Test func branchAndShelfLocationAreKeptApartUnderTheBranchsOwnCode() throws {
        let result = try reader.read(
            """
            title,isbn,branch,location,call_number
            Moby-Dick,9780142437247,law,Reading room,PS2384 .M6
            Typee,,,Stacks,PS2384 .T9
            """
        )
        #expect(result.rejections.isEmpty)
        #expect(result.records.map(\.branch) == ["LAW", nil])
        #expect(result.records.map(\.location) == ["Reading room", "Stacks"])
        #expect(result.records.map(\.callNumber) == ["PS2384 .M6", "PS2384 .T9"])
    }

    @Test func anUnknownBranchRefusesTheWholeFileNamingItsLineAndCode() {
        let text = """
            title,branch,location
            Moby-Dick,MAIN,Stacks
            Typee,MOON,Stacks
            """
        do {
            _ = try reader.read(text)
            Issue.record("a file naming an unknown branch was read")
        } catch {
            #expect(error.description == "line 3: branch \"MOON\" is not a branch in [library]; known branches: MAIN, LAW; nothing was imported")
        }
    }

    @Test func withoutConfiguredBranchesABranchColumnStillMeansTheLocation() throws {
        let old = HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current)
        let result = try old.read("title,branch\nMoby-Dick,Main\n")
        #expect(result.records.first?.branch == nil)
        #expect(result.records.first?.location == "Main")
        let onlyLocation = try reader.read("title,location\nMoby-Dick,Stacks\n")
        #expect(onlyLocation.records.first?.branch == nil && onlyLocation.records.first?.location == "Stacks")
    }

    @Test func theOwningBranchIsStoredAndReadBack() async throws {
        let database = try TemporaryDatabase()
        let store = try SQLiteTransactionStore(path: database.path)
        let records = try reader.read("title,isbn,branch,location\nMoby-Dick,9780142437247,LAW,Reading room\n").records
        try await store.write { writer in try writer.replaceHoldings(with: records) }
        let found = try await store.write { writer in try writer.holdings(matching: HoldingLookup(isbns: ["9780142437247"])) }
        #expect(found.map(\.branch) == ["LAW"] && found.map(\.location) == ["Reading room"])
    }
}
