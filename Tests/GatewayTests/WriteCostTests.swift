import Foundation
import Gateway
import ISO18626
import Policy
import Store
import Synchronization
import Testing
import Transactions

/// What a message costs the single writer: decided off it, each row written once, in few statements, with
/// every hot query on an index, and nothing at all for a stranger's message.
@Suite struct WriteCostTests {
    /// The SQL statements a store's connections ran.
    final class StatementLog: Sendable {
        private let statements = Mutex<[String]>([])

        func record(_ sql: String) {
            statements.withLock { $0.append(sql) }
        }

        /// The statements since the last call.
        func take() -> [String] {
            statements.withLock { statements in
                defer { statements = [] }
                return statements
            }
        }
    }

    static func isWrite(_ sql: String) -> Bool {
        let verb = sql.prefix(while: { !$0.isWhitespace }).uppercased()
        return ["INSERT", "UPDATE", "DELETE", "REPLACE"].contains(verb)
    }

    private let borrowerContext = PeerContext(authenticatedPeerName: "borrower", transport: "test")

    @Test("A new lending request that policy supplies costs at most 6 written statements, each row written once")
    func newLendingRequestIsWrittenOnce() async throws {
        let log = StatementLog()
        let policy = LendingPolicyWiringTests.lenderPolicy { $0.lending.redFlags.duplicateHours = 0 }
        let pair = try LibraryPair(lenderPolicy: policy, lenderStatementObserver: log.record)
        try await LendingPolicyWiringTests.load([LendingPolicyWiringTests.holding()], into: pair.lender)
        // A first request warms the statement caches, so schema reads are not counted below.
        _ = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        try await pair.deliverAll()
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest(.loan))
        let sent = try await pair.borrower.store.messages(transactionID: borrowing.id)
        let request = try #require(sent.first { $0.direction == .outbound && $0.kind == .request })

        _ = log.take()
        let reply = await pair.lender.handle(Array(request.body.utf8), from: borrowerContext)
        let statements = log.take()

        #expect(reply.messageStatus == .ok)
        #expect(reply.decision?.rule == "L17")
        let lending = try await pair.lenderTransaction(for: borrowing)
        #expect(lending.state == SupplierState.willSupply.rawValue)
        #expect(lending.supplyingAgencyRequestID == "LEND-\(lending.id)")
        let writes = statements.filter(Self.isWrite)
        #expect(writes.count <= 6, "written: \(writes)")
        #expect(writes.filter { $0.contains("ill_transaction") }.count == 1, "the transaction is inserted once with its final state: \(writes)")
        #expect(!writes.contains { $0.hasPrefix("UPDATE") }, "nothing new is updated after it is inserted: \(writes)")
        let messages = try await pair.lender.store.messages(transactionID: lending.id)
        #expect(messages.map(\.direction) == [.inbound, .outbound])
        #expect(try await pair.lender.store.events(transactionID: lending.id).map(\.event) == ["request:New", "policy:willSupply"])
    }

    @Test("Every query on the message path and the worklists uses an index")
    func hotQueriesUseIndexes() async throws {
        let database = try TemporaryDatabase()
        let store = try SQLiteTransactionStore(path: database.path)
        let plans = try await store.hotQueryPlans()
        #expect(plans.count >= 15)
        for plan in plans {
            #expect(!plan.scansATable, "\(plan.name): \(plan.plan.joined(separator: "; "))")
        }
    }

    @Test("A decision whose transaction moved before its commit is refused whole, and decided again")
    func movedTransactionIsDecidedAgain() async throws {
        let database = try TemporaryDatabase()
        let store = try SQLiteTransactionStore(path: database.path)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let created = try await store.write { writer in
            try writer.insert(
                TransactionRecord(
                    role: .supplier, state: SupplierState.requestReceived.rawValue, serviceType: .loan, requestingAgencyID: "ISIL:US-BORR",
                    requestingAgencyRequestID: "R-1", supplyingAgencyID: "ISIL:DK-LEND", peerName: "borrower", edition: .v1_2,
                    createdAt: now, updatedAt: now
                )
            )
        }
        let decideWillSupply: @Sendable (any StoreWriter) throws -> Int64 = { writer in
            guard var transaction = try writer.transaction(id: created.id) else { throw StoreError.noResult("reading the transaction back") }
            transaction.state = SupplierState.willSupply.rawValue
            transaction.updatedAt = now.addingTimeInterval(2)
            try writer.update(transaction)
            try writer.append(
                EventRecord(transactionID: transaction.id, at: now, source: .system, event: "willSupply", fromState: "RequestReceived", toState: "WillSupply")
            )
            return transaction.version
        }
        let decided = try await store.decide(decideWillSupply)
        #expect(decided.result == 0)

        // Meanwhile a staff action inside the writer changes the same transaction.
        try await store.write { writer in
            guard var transaction = try writer.transaction(id: created.id) else { return }
            transaction.cancelPending = true
            try writer.update(transaction)
        }
        await #expect(throws: WriteConflict.self) { try await store.commit(decided.intent) }
        let untouched = try #require(try await store.transaction(id: created.id))
        #expect(untouched.state == SupplierState.requestReceived.rawValue)
        #expect(untouched.cancelPending)
        #expect(try await store.events(transactionID: created.id).isEmpty, "nothing of the refused intent was written")

        // Decided again on the new version, it commits, keeping the staff action's change.
        let version = try await store.decideAndCommit(decideWillSupply)
        #expect(version == 1)
        let final = try #require(try await store.transaction(id: created.id))
        #expect(final.state == SupplierState.willSupply.rawValue)
        #expect(final.cancelPending)
        #expect(final.version == 2)
        #expect(try await store.events(transactionID: created.id).count == 1)
    }

    @Test("A stranger's messages are answered and digested in memory; nothing is written")
    func strangersCostNoWrites() async throws {
        let log = StatementLog()
        let pair = try LibraryPair(lenderStatementObserver: log.record)
        let stranger = AgencyID(type: .isil, value: "XX-NOBODY")
        _ = log.take()
        for index in 0..<50 {
            let request = Request(
                header: Header(
                    supplyingAgencyID: LibraryPair.lenderAgency, requestingAgencyID: stranger, timestamp: pair.clock.now,
                    requestingAgencyRequestID: "S-\(index)"
                ),
                bibliographicInfo: BibliographicInfo(title: String(repeating: "x", count: 10_000)),
                serviceInfo: ServiceInfo(serviceType: .loan)
            )
            let reply = await pair.lender.handle(try ISO18626Encoder().encode(.request(request), edition: .v1_2), from: PeerContext())
            #expect(reply.messageStatus == .error)
            #expect(reply.securityEvent != nil)
        }
        #expect(log.take().filter(Self.isWrite).isEmpty)
        let refusals = pair.lender.strangers.snapshot()
        #expect(refusals.total == 50)
        #expect(refusals.digests.count == 50)
        #expect(refusals.digests.last?.ids.requestingAgencyRequestID == "S-49")
        #expect(refusals.digests.allSatisfy { $0.size > 10_000 })
    }

    @Test("A stranger's large message is refused on its header: the body after it is never decoded")
    func largeStrangerMessageIsRefusedOnItsHeader() async throws {
        let pair = try LibraryPair()
        let message = RequestingAgencyMessage(
            header: Header(
                supplyingAgencyID: LibraryPair.lenderAgency, requestingAgencyID: AgencyID(type: .isil, value: "XX-NOBODY"), timestamp: pair.clock.now,
                requestingAgencyRequestID: "S-1"
            ),
            action: .notification,
            note: String(repeating: "n", count: 20_000)
        )
        // An action no edition has: a full decode would answer UnsupportedActionType.
        let text = String(decoding: try ISO18626Encoder().encode(.requestingAgencyMessage(message), edition: .v1_2), as: UTF8.self)
            .replacingOccurrences(of: "<action>Notification</action>", with: "<action>Teleported</action>")
        let reply = await pair.lender.handle(Array(text.utf8), from: PeerContext())
        #expect(reply.messageStatus == .error)
        #expect(reply.errors.first?.errorType == .unrecognisedDataValue)
        #expect(reply.errors.first?.errorValue == "requestingAgencyId: ISIL:XX-NOBODY is not accepted here")
        #expect(reply.kind == .requestingAgencyMessage)
        #expect(reply.ids.requestingAgencyRequestID == "S-1")
    }

    @Test("The stranger digest ring keeps the newest, oldest first")
    func strangerRingIsBounded() {
        let ring = RefusedStrangers(capacity: 3)
        for index in 0..<5 {
            ring.record(
                RefusedMessageDigest(
                    at: Date(timeIntervalSince1970: Double(index)), kind: .request, ids: MessageIDs(), size: index, fingerprint: "f", error: nil
                )
            )
        }
        let snapshot = ring.snapshot()
        #expect(snapshot.total == 5)
        #expect(snapshot.digests.map(\.size) == [2, 3, 4])
    }
}
