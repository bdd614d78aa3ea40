import Foundation
import Testing

/// The lender's pulls between two `illgate serve` processes over HTTP, driven by staff with the CLI: holdings
/// with owning branches, a request supplied by the policy and pulled from its branch, the pick list, the
/// slips, the arrival and the shipment the borrower sees; and the bad input refused with nothing changed.
@Suite(.serialized, .enabled(if: IllgateBinary.url != nil, "the illgate executable was not built"))
final class PullsOverHTTPTests {
    let scratch = ScratchDirectory("illgate-pulls")

    static let branches = """
        [[library.branches]]
        code = "MAIN"
        name = "Main Library"

        [[library.branches]]
        code = "LAW"
        name = "Law Library"
        """

    /// One copy of each title at MAIN, two at LAW: LAW is pulled from first.
    static let holdings = """
        title,isbn,format,branch,location,call_number,status,acquired_on
        Moby-Dick,9780142437247,Book,MAIN,Stacks level 1,PS2384 .M6 c.1,available,2019-05-01
        Moby-Dick,9780142437247,Book,law,Reading room,PS2384 .M6 c.2,available,2019-05-01
        Moby-Dick,9780142437247,Book,LAW,Reading room,PS2384 .M6 c.3,available,2019-05-01
        Typee,9780140434880,Book,MAIN,Stacks level 1,PS2384 .T9 c.1,available,2019-05-01
        Typee,9780140434880,Book,LAW,Reading room,PS2384 .T9 c.2,available,2019-05-01
        Typee,9780140434880,Book,LAW,Reading room,PS2384 .T9 c.3,available,2019-05-01

        """

    @Test func aSuppliedRequestIsPulledFromItsBranchArrivesAndIsShipped() async throws {
        let lender = try RunningDaemon(name: "lender", agency: "ISIL:DK-LEND", root: scratch.url)
        let borrower = try RunningDaemon(name: "borrower", agency: "ISIL:US-BORR", root: scratch.url)
        try lender.configure(
            prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: borrower.endpoint(over: .http),
            peerSections: "country = \"US\"\nallowed_addresses = [\"127.0.0.1/32\"]",
            extraSections: Self.branches + "\n\n"
                + PolicyEndToEndTests.lenderPolicy.replacingOccurrences(of: "[policy.lending]\n", with: "[policy.lending]\npull_timeout = \"48 hours\"\n")
        )
        try borrower.configure(prefix: "BORR", peerName: "lender", peerAgency: "ISIL:DK-LEND", peerEndpoint: lender.endpoint(over: .http))
        let check = try IllgateBinary.run(["check-config", lender.configPath])
        #expect(check.status == 0, "lender configuration: \(check.output) \(check.error)")

        // A holdings file naming a branch that is not configured imports nothing.
        let bad = scratch.url.appendingPathComponent("bad-holdings.csv")
        try "title,branch\nTypee,MOON\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try IllgateBinary.run(["holdings", "import", bad.path, "--config", lender.configPath])
        #expect(refused.status != 0)
        #expect(refused.error.contains("\(bad.path): line 2: branch \"MOON\" is not a branch in [library]; known branches: MAIN, LAW"))
        let csv = scratch.url.appendingPathComponent("holdings.csv")
        try Self.holdings.write(to: csv, atomically: true, encoding: .utf8)
        #expect(try lender.cli(["holdings", "import", csv.path]).contains("6 imported"))

        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }

        let output = try borrower.cli(["request", "--peer", "lender", "--title", "Moby-Dick", "--isbn", "9780142437247"])
        let words = output.split(separator: " ")
        let borrowing = try #require(Int64(words[1].dropLast()))
        let requestID = String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] }))
        try await eventually("the lender to supply \(requestID)") { try lender.transaction(requestID: requestID)?.state == "willSupply" }
        let lending = try #require(try lender.transaction(requestID: requestID)).id

        let pickList = try lender.cli(["worklist", "to-pull", "--branch", "LAW", "--format", "csv"])
        #expect(pickList.contains("\n\(lending),,lending,willSupply,borrower,\(requestID),"))
        #expect(pickList.contains(",LAW,PS2384 .M6 c.2,Reading room"))
        #expect(try lender.cli(["worklist", "to-pull", "--branch", "MAIN"]).contains("nothing on the to-pull list"))
        #expect(try lender.cli(["worklist", "ship"]).contains("nothing on the ship list"))
        #expect(try lender.cli(["pull", "list"]).contains("PS2384 .M6 c.2"))
        let slipsPath = scratch.url.appendingPathComponent("slips.pdf").path
        #expect(try lender.cli(["print", "pull", "--branch", "law", "--paper", "letter", "-o", slipsPath]).hasPrefix("wrote \(slipsPath)"))
        #expect(FileManager.default.contents(atPath: slipsPath)?.starts(with: Data("%PDF-".utf8)) == true)

        // Bad input: an unknown branch, a transaction without an open pull; nothing changes.
        let unknown = try IllgateBinary.run(["worklist", "to-pull", "--branch", "MOON", "--config", lender.configPath])
        #expect(unknown.status == 1 && unknown.error.contains("branch 'MOON' is not a branch in [library]; known branches: MAIN, LAW"))
        let noSlips = try IllgateBinary.run(["print", "pull", "--branch", "MAIN", "--config", lender.configPath])
        #expect(noSlips.status != 0 && noSlips.error.contains("branch 'MAIN' has no open pull"))

        #expect(try lender.cli(["pull", "arrived", String(lending)]).contains("pull 1 at LAW arrived"))
        let twice = try IllgateBinary.run(["pull", "arrived", String(lending), "--config", lender.configPath])
        #expect(twice.status != 0 && twice.error.contains("transaction \(lending) has no open pull"))
        #expect(try lender.cli(["worklist", "ship", "--format", "csv"]).contains("\n\(lending),"))
        try lender.cli(["tx", "action", String(lending), "ship", "--due", "2030-12-31"])
        try await eventually("the borrower to see it shipped") { try borrower.transaction(borrowing)?.state == "shipped" }

        // A second request: its pull moves to the next branch, then is cancelled, and the borrower is told Unfilled.
        let second = try borrower.cli(["request", "--peer", "lender", "--title", "Typee", "--isbn", "9780140434880"]).split(separator: " ")
        let secondBorrowing = try #require(Int64(second[1].dropLast()))
        let secondRequestID = String(try #require(second.firstIndex(of: "request").map { second[$0 + 1] }))
        try await eventually("the lender to supply \(secondRequestID)") { try lender.transaction(requestID: secondRequestID)?.state == "willSupply" }
        let secondLending = try #require(try lender.transaction(requestID: secondRequestID)).id
        #expect(try lender.cli(["pull", "cancel", String(secondLending), "--next-branch", "--note", "not on the shelf"]).contains("pulling from MAIN now"))
        #expect(try lender.cli(["worklist", "to-pull", "--branch", "MAIN", "--format", "csv"]).contains(",MAIN,PS2384 .T9 c.1,Stacks level 1"))
        #expect(try lender.cli(["pull", "list", "--state", "cancelled"]).contains("PS2384 .T9 c.2"))
        #expect(try lender.cli(["pull", "cancel", String(secondLending)]).contains("answered Unfilled NotOnShelf"))
        try await eventually("the borrower to see it unfilled") { try borrower.transaction(secondBorrowing)?.state == "unfilled" }
        #expect(lender.log.contains("event=pull-cancelled") && lender.log.contains("next_branch=MAIN") && lender.log.contains("reason=NotOnShelf"))

        let history = try lender.cli(["tx", "show", String(lending)])
        for event in ["pull-created", "pull-arrived", "ship"] { #expect(history.contains(event), "\(event) in the history") }
        #expect(lender.log.contains("event=pull-created") && lender.log.contains("event=pull-arrived"))
        #expect(lender.log.contains("branch=LAW") && lender.log.contains("request_id=\(requestID)"))
        #expect(!lender.log.contains("Moby") && !lender.log.contains("Typee"))
    }

    @Test func aRequestStaffSupplyIsPulledAndLoggedToo() async throws {
        let lender = try RunningDaemon(name: "staff-lender", agency: "ISIL:DK-LEND", root: scratch.url)
        let borrower = try RunningDaemon(name: "staff-borrower", agency: "ISIL:US-BORR", root: scratch.url)
        try lender.configure(
            prefix: "LEND", peerName: "borrower", peerAgency: "ISIL:US-BORR", peerEndpoint: borrower.endpoint(over: .http),
            peerSections: "allowed_addresses = [\"127.0.0.1/32\"]", extraSections: Self.branches
        )
        try borrower.configure(prefix: "BORR", peerName: "lender", peerAgency: "ISIL:DK-LEND", peerEndpoint: lender.endpoint(over: .http))
        let csv = scratch.url.appendingPathComponent("staff-holdings.csv")
        try Self.holdings.write(to: csv, atomically: true, encoding: .utf8)
        _ = try lender.cli(["holdings", "import", csv.path])
        try await lender.start()
        try await borrower.start()
        defer {
            lender.stop()
            borrower.stop()
        }

        let words = try borrower.cli(["request", "--peer", "lender", "--title", "Typee", "--isbn", "9780140434880"]).split(separator: " ")
        let requestID = String(try #require(words.firstIndex(of: "request").map { words[$0 + 1] }))
        try await eventually("the lender to receive \(requestID)") { try lender.transaction(requestID: requestID) != nil }
        let lending = try #require(try lender.transaction(requestID: requestID)).id
        #expect(try lender.cli(["pull", "list"]).contains("(no pulls)"), "nothing is pulled before staff supply")

        try lender.cli(["tx", "action", String(lending), "willSupply"])
        #expect(try lender.cli(["worklist", "to-pull", "--format", "csv"]).contains(",LAW,PS2384 .T9 c.2,Reading room"))
        #expect(lender.log.contains("event=pull-created") && lender.log.contains("request_id=\(requestID)") && lender.log.contains("branch=LAW"))
    }
}
