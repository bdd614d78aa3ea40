import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Testing
import Transactions

/// The lender's routing within our own system: a supplied request is pulled from the branch that owns a
/// lendable copy, staff mark it arrived or cancel it, and a pull past `pull_timeout` moves to the next
/// branch or answers the request Unfilled NotOnShelf, on two real gateways and a clock the test moves.
@Suite struct PullTests {
    static let branches = [
        Branch(code: "MAIN", name: "Main Library"),
        Branch(code: "LAW", name: "Law Library"),
        Branch(code: "MUSIC", name: "Music Library"),
    ]

    static func copy(at branch: String?, _ location: String, _ callNumber: String, _ status: HoldingRecord.Status = .available) -> HoldingRecord {
        HoldingRecord(
            isbns: ["9780142437247"],
            title: "Moby-Dick",
            titleKey: TitleKey.make("Moby-Dick"),
            format: "Book",
            branch: branch,
            location: location,
            callNumber: callNumber,
            status: status
        )
    }

    /// Two copies at LAW, one at MAIN, one on loan at MUSIC.
    static let holdings = [
        copy(at: "MAIN", "Stacks level 1", "PS2384 .M6 c.1"),
        copy(at: "LAW", "Reading room", "PS2384 .M6 c.2"),
        copy(at: "LAW", "Reading room", "PS2384 .M6 c.3"),
        copy(at: "MUSIC", "Scores", "PS2384 .M6 c.4", .onLoan),
    ]

    /// A lender with branches, holdings and a policy that supplies at once, and the borrower's request
    /// answered: the lending transaction.
    static func suppliedRequest(
        branches: [Branch] = Self.branches,
        policy: PolicyConfiguration? = LendingPolicyWiringTests.lenderPolicy()
    ) async throws -> (LibraryPair, borrowing: TransactionRecord, lending: TransactionRecord) {
        let pair = try LibraryPair(lenderPolicy: policy, lenderBranches: branches)
        try await LendingPolicyWiringTests.load(holdings, into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        return (pair, borrowing, try await pair.lenderTransaction(for: borrowing))
    }

    @Test func aSuppliedRequestIsPulledFromTheBranchWithMostCopiesAndShippedOnceItArrives() async throws {
        let (pair, borrowing, lending) = try await Self.suppliedRequest()
        #expect(lending.state == SupplierState.willSupply.rawValue)

        let pulls = try await pair.lender.pulls()
        #expect(pulls.count == 1)
        let pull = try #require(pulls.first?.pull)
        #expect(pull.branch == "LAW" && pull.callNumber == "PS2384 .M6 c.2" && pull.shelfLocation == "Reading room")
        #expect(pull.transactionID == lending.id && pull.state == .open)
        // Created on a Wednesday: two business days is Friday, same time.
        #expect(try #require(pull.deadline).timeIntervalSince(pull.createdAt) == 2 * 86_400)
        #expect(pulls.first?.requestID == borrowing.requestingAgencyRequestID)

        let pickList = try await pair.lender.worklist(.toPull, pickupLocation: "law")
        #expect(pickList.map(\.transactionID) == [lending.id])
        #expect(pickList.first?.callNumber == "PS2384 .M6 c.2" && pickList.first?.shelfLocation == "Reading room")
        #expect(pickList.first?.requestID == borrowing.requestingAgencyRequestID && pickList.first?.dueDate == pull.deadline)
        #expect(try await pair.lender.worklist(.toPull, pickupLocation: "MAIN").isEmpty)
        #expect(try await pair.lender.worklist(.ship).isEmpty, "not shippable while its copy is on a branch's shelf")
        #expect(try await pair.lender.store.events(transactionID: lending.id).map(\.event) == ["request:New", "policy:willSupply", "pull-created"])

        let arrived = try await pair.lender.pullArrived(transactionID: lending.id)
        #expect(arrived.closed.state == .arrived && arrived.closed.closedBy == "staff: arrived at the ILL desk")
        #expect(try await pair.lender.worklist(.toPull).isEmpty)
        #expect(try await pair.lender.worklist(.ship).map(\.transactionID) == [lending.id])
        await #expect(throws: StaffActionError.self, "no open pull any more") { try await pair.lender.pullArrived(transactionID: lending.id) }

        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(30 * 86_400)), onTransaction: lending.id)
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.shipped.rawValue)
        #expect(try await pair.lender.pulls(states: [.arrived]).count == 1, "shipping leaves the arrived pull as it was")
        #expect(try await pair.lender.timeOutPulls().isEmpty)
    }

    @Test func aPullPastItsDeadlineMovesToTheNextBranchThenAnswersUnfilledNotOnShelf() async throws {
        let (pair, borrowing, lending) = try await Self.suppliedRequest()
        pair.clock.advance(days: 1)
        #expect(try await pair.lender.timeOutPulls().isEmpty, "one day of two")

        pair.clock.advance(days: 1.5)
        let first = try await pair.lender.timeOutPulls()
        #expect(first.count == 1)
        #expect(first.first?.closed.branch == "LAW" && first.first?.closed.state == .timedOut)
        #expect(first.first?.next?.branch == "MAIN", "MUSIC's copy is on loan")
        #expect(first.first?.answeredUnfilled == false)
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.willSupply.rawValue)
        #expect(try await pair.lender.worklist(.toPull, pickupLocation: "MAIN").map(\.callNumber) == ["PS2384 .M6 c.1"])

        pair.clock.advance(days: 5)
        let second = try await pair.lender.timeOutPulls()
        #expect(second.count == 1)
        #expect(second.first?.closed.branch == "MAIN" && second.first?.next == nil && second.first?.answeredUnfilled == true)
        let unfilled = try await pair.refreshed(lending, at: pair.lender)
        #expect(unfilled.state == SupplierState.unfilled.rawValue)
        let answer = try #require(try await pair.lender.store.messages(transactionID: lending.id).last { $0.direction == .outbound })
        #expect(answer.body.contains("<status>Unfilled</status>") && answer.body.contains("<reasonUnfilled>NotOnShelf</reasonUnfilled>"))
        try await pair.deliverAll()
        #expect(try await pair.refreshed(borrowing, at: pair.borrower).state == RequesterState.unfilled.rawValue)

        let events = try await pair.lender.store.events(transactionID: lending.id).map(\.event)
        #expect(events == ["request:New", "policy:willSupply", "pull-created", "pull-timeout", "pull-created", "pull-timeout", "unfilled"])
        #expect(try await pair.lender.pulls(states: [.timedOut]).map(\.pull.branch) == ["LAW", "MAIN"])
        #expect(try await pair.lender.timeOutPulls().isEmpty)
    }

    @Test func staffCancelAnswersUnfilledOrWithNextBranchPullsElsewhere() async throws {
        let (pair, _, lending) = try await Self.suppliedRequest()
        let moved = try await pair.lender.cancelPull(transactionID: lending.id, nextBranch: true, note: "not on the shelf")
        #expect(moved.closed.state == .cancelled && moved.closed.closedBy == "staff: cancelled by staff: not on the shelf")
        #expect(moved.next?.branch == "MAIN" && !moved.answeredUnfilled)

        let ended = try await pair.lender.cancelPull(transactionID: lending.id, nextBranch: false)
        #expect(ended.next == nil && ended.answeredUnfilled)
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.unfilled.rawValue)
        #expect(try await pair.lender.pulls().isEmpty)
    }

    @Test func badInputIsRefusedWithNothingChanged() async throws {
        let (pair, _, lending) = try await Self.suppliedRequest()
        let before = try await pair.lender.store.events(transactionID: lending.id)
        do {
            _ = try await pair.lender.worklist(.toPull, pickupLocation: "MOON")
            Issue.record("an unknown branch was accepted")
        } catch let error as StaffActionError {
            #expect(error.reason == .unknownBranch)
            #expect(error.message == "branch 'MOON' is not a branch in [library]; known branches: MAIN, LAW, MUSIC")
        }
        await #expect(throws: StaffActionError.self) { try await pair.lender.pulls(branch: "MOON") }
        await #expect(throws: StaffActionError.self) { try await pair.lender.pullSlips(branch: "MOON") }
        do {
            _ = try await pair.lender.pullArrived(transactionID: lending.id + 1000)
            Issue.record("a transaction that does not exist was accepted")
        } catch {
            #expect(error.reason == .notFound)
        }
        _ = try await pair.lender.pullArrived(transactionID: lending.id)
        do {
            _ = try await pair.lender.cancelPull(transactionID: lending.id, nextBranch: true)
            Issue.record("a pull that is not open was cancelled")
        } catch {
            #expect(error.reason == .notAllowed && error.message == "transaction \(lending.id) has no open pull")
        }
        let after = try await pair.lender.store.events(transactionID: lending.id)
        #expect(after.count == before.count + 1, "only the arrival was recorded")
        #expect(try await pair.refreshed(lending, at: pair.lender).state == SupplierState.willSupply.rawValue)
    }

    @Test func staffSupplyPullsToo_AndShippingClosesAPullStillOpen() async throws {
        let (pair, _, lending) = try await Self.suppliedRequest(policy: nil)
        #expect(lending.state == SupplierState.requestReceived.rawValue)
        #expect(try await pair.lender.pulls().isEmpty, "nothing is supplied yet")

        _ = try await pair.lender.perform(SupplierCommand(.willSupply), onTransaction: lending.id)
        let open = try await pair.lender.pulls()
        #expect(open.map(\.pull.branch) == ["LAW"], "found by the stored request's ISBN")

        _ = try await pair.lender.perform(SupplierCommand(.ship, dueDate: pair.clock.now.addingTimeInterval(30 * 86_400)), onTransaction: lending.id)
        let closed = try await pair.lender.pulls(states: [.arrived])
        #expect(closed.first?.pull.closedBy == "staff: shipped")
        #expect(try await pair.lender.pulls().isEmpty)
    }

    @Test func withoutBranchesNothingIsPulled() async throws {
        let (pair, _, lending) = try await Self.suppliedRequest(branches: [])
        #expect(lending.state == SupplierState.willSupply.rawValue)
        #expect(try await pair.lender.pulls().isEmpty)
        #expect(try await pair.lender.worklist(.ship).map(\.transactionID) == [lending.id])
        #expect(try await pair.lender.store.events(transactionID: lending.id).map(\.event) == ["request:New", "policy:willSupply"])
    }

    @Test func aCopyWithoutAConfiguredBranchIsNotPulledAndTheHistorySaysWhy() async throws {
        let pair = try LibraryPair(lenderPolicy: LendingPolicyWiringTests.lenderPolicy(), lenderBranches: Self.branches)
        try await LendingPolicyWiringTests.load([Self.copy(at: nil, "Stacks", "PS2384 .M6")], into: pair.lender)
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.willSupply.rawValue)
        #expect(try await pair.lender.pulls().isEmpty)
        let last = try #require(try await pair.lender.store.events(transactionID: lending.id).last)
        #expect(last.event == "pull-none" && last.detail == "no branch holds a lendable copy; nothing to pull")
        #expect(try await pair.lender.worklist(.ship).map(\.transactionID) == [lending.id])
    }

    @Test func theSlipsOfABranchCarryWhatTheShelverNeeds() async throws {
        let (pair, borrowing, _) = try await Self.suppliedRequest()
        let slips = try await pair.lender.pullSlips(branch: "law")
        #expect(slips.count == 1)
        let slip = try #require(slips.first)
        #expect(slip.branchCode == "LAW" && slip.branchName == "Law Library")
        #expect(slip.callNumber == "PS2384 .M6 c.2" && slip.shelfLocation == "Reading room" && slip.title == "Moby-Dick")
        #expect(slip.requestID == borrowing.requestingAgencyRequestID && slip.borrowingLibrary == "borrower (ISIL:US-BORR)")
        await #expect(throws: StaffActionError.self, "MAIN has no open pull") { try await pair.lender.pullSlips(branch: "MAIN") }
    }
}
