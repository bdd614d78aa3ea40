import Foundation
import GRDB
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// A stored row holding a value this version cannot read is reported as such, naming the table, the row
/// and the value; it is never read as a plausible value, and the gateway keeps serving every other
/// transaction.
@Suite struct CorruptRowTests {
    static let lender = AgencyID(type: .isil, value: "DK-LEND")
    static let borrower = AgencyID(type: .isil, value: "US-BORR")

    let database: TemporaryDatabase
    let gateway: Gateway
    private let context = PeerContext(authenticatedPeerName: "borrower", transport: "test")

    init() throws {
        database = try TemporaryDatabase()
        gateway = try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.lender,
                peers: [Peer(name: "borrower", agencyIDs: [Self.borrower])],
                requestIDPrefix: "LEND"
            ),
            store: try SQLiteTransactionStore(path: database.path)
        )
    }

    private func header(_ requestID: String) -> Header {
        Header(supplyingAgencyID: Self.lender, requestingAgencyID: Self.borrower, timestamp: Date(), requestingAgencyRequestID: requestID)
    }

    private func request(_ requestID: String) throws -> [UInt8] {
        let request = Request(header: header(requestID), bibliographicInfo: BibliographicInfo(title: "Typee"), serviceInfo: ServiceInfo(serviceType: .loan))
        return try ISO18626Encoder().encode(.request(request), edition: .v1_2)
    }

    private func statusRequest(_ requestID: String) throws -> [UInt8] {
        let message = RequestingAgencyMessage(header: header(requestID), action: .statusRequest)
        return try ISO18626Encoder().encode(.requestingAgencyMessage(message), edition: .v1_2)
    }

    /// Writes `value` into a column of a stored transaction behind the store's back, as a disk fault, a
    /// downgrade or a hand edit would.
    private func damage(transaction id: Int64, column: String, value: String) throws {
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE ill_transaction SET \(column) = ? WHERE id = ?", arguments: [value, id])
        }
    }

    /// Two lending transactions, the first with a corrupt state.
    private func twoTransactionsFirstCorrupt() async throws -> (corrupt: Int64, healthy: Int64) {
        let first = await gateway.handle(try request("R-1"), from: context)
        let second = await gateway.handle(try request("R-2"), from: context)
        let corrupt = try #require(first.transactionID)
        let healthy = try #require(second.transactionID)
        try damage(transaction: corrupt, column: "state", value: "Bogus")
        return (corrupt, healthy)
    }

    @Test func readingTheRowNamesTableRowAndValue() async throws {
        let (corrupt, _) = try await twoTransactionsFirstCorrupt()
        let error = await #expect(throws: StoreError.self) { _ = try await gateway.transactionDetail(id: corrupt) }
        #expect(error?.code == .corruptValue)
        #expect(error?.table == "ill_transaction")
        #expect(error?.rowID == corrupt)
        #expect(error?.column == "state")
        #expect(error?.value == "Bogus")
        #expect(error?.description == "corrupt row: ill_transaction \(corrupt) has state = 'Bogus', which is not a lending state; the row is left untouched")
        #expect(gateway.corruptRows.count == 1)
    }

    @Test func theActivityReportNamesACorruptStateOrRoleInsteadOfCountingIt() async throws {
        let (corrupt, _) = try await twoTransactionsFirstCorrupt()
        let period = (start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 4_000_000_000))
        let error = await #expect(throws: StoreError.self) { _ = try await gateway.store.activity(createdFrom: period.start, before: period.end) }
        #expect(error?.rowID == corrupt && error?.column == "state" && error?.value == "Bogus")
        try damage(transaction: corrupt, column: "state", value: SupplierState.willSupply.rawValue)
        try damage(transaction: corrupt, column: "role", value: "lender")
        let roleError = await #expect(throws: StoreError.self) { _ = try await gateway.store.activity(createdFrom: period.start, before: period.end) }
        #expect(roleError?.rowID == corrupt && roleError?.column == "role" && roleError?.value == "lender")
        try damage(transaction: corrupt, column: "role", value: "supplier")
        #expect(try await gateway.store.activity(createdFrom: period.start, before: period.end).map(\.outcome) == [.open, .open])
    }

    @Test func eachEnumeratedColumnIsChecked() async throws {
        let reply = await gateway.handle(try request("R-3"), from: context)
        let id = try #require(reply.transactionID)
        for (column, value) in [("role", "lender"), ("service_type", "Lend"), ("edition", "9.9"), ("last_status", "Shipped")] {
            let queue = try DatabaseQueue(path: database.path)
            let saved = try await queue.read { db in try String.fetchOne(db, sql: "SELECT \(column) FROM ill_transaction WHERE id = ?", arguments: [id]) }
            try damage(transaction: id, column: column, value: value)
            let error = await #expect(throws: StoreError.self) { _ = try await gateway.store.transaction(id: id) }
            #expect(error?.column == column)
            #expect(error?.value == value)
            try await queue.write { db in
                try db.execute(sql: "UPDATE ill_transaction SET \(column) = ? WHERE id = ?", arguments: [saved, id])
            }
        }
        #expect(try await gateway.store.transaction(id: id) != nil)
    }

    @Test func aMessageForTheCorruptTransactionIsRefusedAndOthersAreServed() async throws {
        let (corrupt, healthy) = try await twoTransactionsFirstCorrupt()

        let refused = await gateway.handle(try statusRequest("R-1"), from: context)
        #expect(refused.messageStatus == .error)
        #expect(refused.errors.first?.errorType == .unrecognisedDataValue)
        #expect(refused.errors.first?.errorValue?.hasPrefix("requestingAgencyRequestId: 'R-1' cannot be processed now") == true)
        #expect(refused.storageFailure?.contains("ill_transaction \(corrupt) has state = 'Bogus'") == true)
        let confirmation = try ISO18626Decoder().decode(try #require(refused.confirmation)).message
        guard case .requestingAgencyMessageConfirmation(let answer) = confirmation else {
            Issue.record("a requesting agency message is answered with its own confirmation type, not \(confirmation.kind)")
            return
        }
        #expect(answer.confirmationHeader.messageStatus == .error)

        let served = await gateway.handle(try statusRequest("R-2"), from: context)
        #expect(served.messageStatus == .ok)
        #expect(served.transactionID == healthy)
        let third = await gateway.handle(try request("R-3"), from: context)
        #expect(third.messageStatus == .ok)

        // The corrupt row is untouched: nothing guessed a state for it and wrote it back.
        let queue = try DatabaseQueue(path: database.path)
        let state = try await queue.read { db in try String.fetchOne(db, sql: "SELECT state FROM ill_transaction WHERE id = ?", arguments: [corrupt]) }
        #expect(state == "Bogus")
        #expect(gateway.corruptRows.rows.map(\.rowID) == [corrupt])
    }

    @Test func aStaffActionOnTheCorruptTransactionIsRefusedAsCorruptData() async throws {
        let (corrupt, _) = try await twoTransactionsFirstCorrupt()
        let error = await #expect(throws: StaffActionError.self) {
            _ = try await gateway.perform(SupplierCommand(.willSupply), onTransaction: corrupt)
        }
        #expect(error?.reason == .corruptData)
        #expect(error?.message.contains("state = 'Bogus'") == true)
    }

    /// Writes `value` into a column of any table's row, behind the store's back.
    private func damage(_ table: String, row id: Int64, column: String, value: String) throws {
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [value, id])
        }
    }

    @Test func aCorruptOutboxEntryOrMessageHoldsUpNoOtherDelivery() async throws {
        // Three lending transactions, each with its answer (WillSupply) queued for the borrower.
        var entries: [OutboxRecord] = []
        for number in 1...3 {
            let reply = await gateway.handle(try request("R-\(number)"), from: context)
            _ = try await gateway.perform(SupplierCommand(.willSupply), onTransaction: try #require(reply.transactionID))
        }
        entries = try await gateway.store.outbox(statuses: [.pending])
        #expect(entries.count == 3)
        try damage("outbox", row: entries[0].id, column: "status", value: "lost")
        try damage("message", row: entries[1].messageID, column: "direction", value: "sideways")

        // The corrupt message is met and left out; the entry whose status is unknown is not due at all.
        let due = try await gateway.dueDeliveries()
        #expect(due.map(\.entryID) == [entries[2].id])
        #expect(gateway.corruptRows.rows.map(\.table) == ["message"])
        #expect(gateway.corruptRows.rows.first?.rowID == entries[1].messageID)
        #expect(gateway.corruptRows.rows.first?.value == "sideways")

        // The scan at start finds both, as no read would find the entry nobody selects.
        let scanned = try await gateway.noteUnreadableRows()
        #expect(scanned.map { "\($0.table ?? "") \($0.rowID ?? 0) \($0.column ?? "") \($0.value ?? "")" } == [
            "message \(entries[1].messageID) direction sideways", "outbox \(entries[0].id) status lost",
        ])
        #expect(gateway.corruptRows.count == 2)
    }

    @Test func theScanAtStartFindsEveryCodedColumn() async throws {
        let (corrupt, healthy) = try await twoTransactionsFirstCorrupt()
        try damage("ill_transaction", row: healthy, column: "last_status", value: "Shipped")
        try damage("event", row: 1, column: "source", value: "ghost")
        let found = try await gateway.noteUnreadableRows()
        #expect(found.map { "\($0.table ?? "") \($0.rowID ?? 0) \($0.column ?? "") \($0.value ?? "")" } == [
            "ill_transaction \(corrupt) state Bogus", "ill_transaction \(healthy) last_status Shipped", "event 1 source ghost",
        ])
        #expect(gateway.corruptRows.count == 3)
        // Nothing is found in a sound database.
        let sound = try TemporaryDatabase()
        #expect(try await SQLiteTransactionStore(path: sound.path).unreadableRows(limit: 10).isEmpty)
    }

    @Test func aStoredMessageThatCannotBeReadIsNotTakenForAMissingOne() async throws {
        // We borrow from DK-LEND, which answers RetryPossible; the request we sent is then damaged.
        let borrowerDatabase = try TemporaryDatabase()
        let borrower = try Gateway(
            configuration: GatewayConfiguration(libraryAgencyID: Self.borrower, peers: [Peer(name: "lender", agencyIDs: [Self.lender])]),
            store: try SQLiteTransactionStore(path: borrowerDatabase.path)
        )
        let transaction = try await borrower.borrow(
            BorrowingRequest(peerName: "lender", bibliographicInfo: BibliographicInfo(title: "Typee"), serviceInfo: ServiceInfo(serviceType: .loan))
        )
        let retryPossible = SupplyingAgencyMessage(
            header: Header(
                supplyingAgencyID: Self.lender,
                requestingAgencyID: Self.borrower,
                timestamp: Date(),
                requestingAgencyRequestID: transaction.requestingAgencyRequestID
            ),
            messageInfo: MessageInfo(reasonForMessage: .requestResponse, reasonRetry: ReasonRetry("NotCurrentAvailableForILL")),
            statusInfo: StatusInfo(status: .retryPossible, lastChange: Date())
        )
        let reply = await borrower.handle(
            try ISO18626Encoder().encode(.supplyingAgencyMessage(retryPossible), edition: .v1_2),
            from: PeerContext(authenticatedPeerName: "lender", transport: "test")
        )
        #expect(reply.messageStatus == .ok)
        let sent = try #require(try await borrower.store.messages(transactionID: transaction.id).first { $0.direction == .outbound })
        let queue = try DatabaseQueue(path: borrowerDatabase.path)
        try await queue.write { db in try db.execute(sql: "UPDATE message SET body = '<request><header>' WHERE id = ?", arguments: [sent.id]) }

        let error = await #expect(throws: StaffActionError.self) {
            _ = try await borrower.perform(RequesterCommand(.retry), onTransaction: transaction.id)
        }
        #expect(error?.reason == .corruptData)
        #expect(error?.message == "corrupt row: message \(sent.id) has a body that cannot be read as an ISO 18626 message; the row is left untouched")
        #expect(borrower.corruptRows.rows.map(\.rowID) == [sent.id])
    }

    @Test func aHeldRequestWhoseSettingsCannotBeReadIsNotSentWithAnEmptyRota() async throws {
        let borrowerDatabase = try TemporaryDatabase()
        let borrower = try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.borrower,
                peers: [Peer(name: "lender", agencyIDs: [Self.lender])],
                policy: BorrowingPolicyWiringTests.borrowerPolicy()
            ),
            store: try SQLiteTransactionStore(path: borrowerDatabase.path)
        )
        // We hold the item ourselves (B05): the request is held for staff, with its rota stored as JSON.
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: borrower)
        let (result, _) = try await borrower.submit(LibraryPair.borrowingRequest(.loan))
        guard case .held(let reviewID, _, _) = result else {
            Issue.record("not held: \(result)")
            return
        }
        let queue = try DatabaseQueue(path: borrowerDatabase.path)
        try await queue.write { db in try db.execute(sql: "UPDATE review SET draft_settings = '{\"rota\": 7' WHERE id = ?", arguments: [reviewID]) }

        let error = await #expect(throws: StaffActionError.self) { _ = try await borrower.approveReview(reviewID) }
        #expect(error?.reason == .corruptData)
        #expect(error?.message.hasPrefix("corrupt row: review \(reviewID) has draft_settings = '{\"rota\": 7'") == true)
        #expect(try await borrower.store.transactions(matching: TransactionFilter()).isEmpty)
        #expect(try await borrower.store.reviews(states: [.open]).map(\.id) == [reviewID])
    }

    @Test func readinessStillAnswersWithACorruptRowFirst() async throws {
        let (_, newest) = try await twoTransactionsFirstCorrupt()
        // The probe reads the newest row: make it corrupt too. Storage still answers, and the row is noted.
        try damage(transaction: newest, column: "state", value: "Lost in space")
        try await gateway.checkStorage()
        #expect(gateway.corruptRows.rows.map(\.value) == ["Lost in space"])
    }
}
