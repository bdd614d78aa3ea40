import Foundation
import Testing

/// The desk between two `illgate serve` processes over HTTP, driven by staff with the CLI: a pickup
/// location chosen at creation, the worklists that follow the loan, and the reports' bad input.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class DeskOverHTTPTests {
    let scratch = ScratchDirectory("illgate-desk")

    static let branches = """
        [[library.branches]]
        code = "MAIN"
        name = "Main Library"
        address = ["1 Library Way"]

        [[library.branches]]
        code = "LAW"
        name = "Law Library"
        """

    @Test func aBorrowedLoanIsRoutedToItsPickupBranchAndTheWorklistsFollowIt() async throws {
        let (lender, borrower) = try RunningDaemon.httpPair(root: scratch.url, borrowerSections: Self.branches)
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }

        // A pickup location that is no branch is refused, and nothing is sent.
        let refused = try IllgateBinary.run(["request", "--peer", "lender", "--title", "Typee", "--pickup", "MOON", "--config", borrower.configPath])
        #expect(refused.status != 0)
        #expect(refused.error.contains("pickup location 'MOON' is not a branch in [library]; known branches: MAIN, LAW"))
        #expect(try borrower.cli(["tx", "list"]).contains("Typee") == false)

        let output = try borrower.cli(["request", "--peer", "lender", "--title", "Moby-Dick", "--isbn", "9780142437247", "--pickup", "law"])
        #expect(output.contains("pickup at LAW"))
        let words = output.split(separator: " ")
        let borrowing = try #require(Int64(words[1].dropLast()))
        let requestID = String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] }))
        try await eventually("the lender to receive \(requestID)") { try lender.transaction(requestID: requestID) != nil }
        let lending = try #require(try lender.transaction(requestID: requestID)).id

        try lender.cli(["tx", "action", String(lending), "willSupply"])
        #expect(try lender.cli(["worklist", "ship", "--format", "csv"]).contains("\n\(lending),"))
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2030-12-31"])
        #expect(try lender.cli(["worklist", "ship"]).contains("nothing on the ship list"))
        #expect(try lender.cli(["worklist", "awaiting-return", "--format", "csv"]).contains("\n\(lending),"))
        let labelPath = scratch.url.appendingPathComponent("label.pdf").path
        #expect(try lender.cli(["print", "label", String(lending), "--output", labelPath]).hasPrefix("wrote \(labelPath)"))
        #expect(FileManager.default.contents(atPath: labelPath)?.starts(with: Data("%PDF-".utf8)) == true)
        let packingPath = scratch.url.appendingPathComponent("packing.pdf").path
        #expect(try lender.cli(["print", "packing", "--peer", "borrower", "--output", packingPath]).hasPrefix("wrote \(packingPath)"))
        let noShipments = try IllgateBinary.run(["print", "packing", "--date", "2020-01-01", "--config", lender.configPath])
        #expect(noShipments.status != 0 && noShipments.error.contains("nothing was shipped on 2020-01-01"))
        try await eventually("the borrower to see it shipped") { try borrower.transaction(borrowing)?.state == "shipped" }

        try borrower.cli(["tx", "action", String(borrowing), "markReceived"])
        let atLaw = try borrower.cli(["worklist", "ready-for-pickup", "--branch", "LAW", "--format", "csv"])
        #expect(atLaw.contains("\n\(borrowing),,borrowing,received,lender,\(requestID),2030-12-31T23:59:59Z,LAW,"))
        #expect(try borrower.cli(["worklist", "ready-for-pickup", "--branch", "MAIN"]).contains("nothing on the ready-for-pickup list"))
        let bandPath = scratch.url.appendingPathComponent("band.pdf").path
        #expect(try borrower.cli(["print", "band", String(borrowing), "--output", bandPath]).hasPrefix("wrote \(bandPath)"))
        let band = try #require(FileManager.default.contents(atPath: bandPath))
        #expect(band.starts(with: Data("%PDF-".utf8)))
        let copyBand = try IllgateBinary.run(["print", "band", "999", "--config", borrower.configPath])
        #expect(copyBand.status != 0 && copyBand.error.contains("no borrowing transaction 999"))
        #expect(try borrower.cli(["worklist", "due-soon"]).contains("nothing on the due-soon list"))

        let unknownList = try IllgateBinary.run(["worklist", "to-do", "--config", borrower.configPath])
        #expect(unknownList.status != 0 && unknownList.error.contains("no worklist named 'to-do'"))
        let unknownBranch = try IllgateBinary.run(["worklist", "ready-for-pickup", "--branch", "MOON", "--config", borrower.configPath])
        #expect(unknownBranch.status != 0 && unknownBranch.error.contains("pickup location 'MOON' is not a branch"))
        let backwards = try IllgateBinary.run(["report", "demand", "--from", "2026-03-31", "--to", "2026-03-01", "--config", borrower.configPath])
        #expect(backwards.status != 0 && backwards.error.contains("before it starts"))
        #expect(!borrower.log.contains("Moby") && !lender.log.contains("Moby"))
    }
}
