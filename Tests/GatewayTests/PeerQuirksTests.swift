import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// The real sample messages (`../shared/reference/iso18626/samples`), for the quirks they show. Tests that
/// need them skip when the material is absent, unless the run requires it (`ILLGATE_REQUIRE_REFERENCE=1`).
enum QuirkSamples {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/iso18626/samples")

    static var testsRun: Bool {
        FileManager.default.fileExists(atPath: directory.path) || ProcessInfo.processInfo.environment["ILLGATE_REQUIRE_REFERENCE"] == "1"
    }

    /// A sample's bytes with its ids replaced by ours (each pair: the sample's text, ours), so that it
    /// belongs to one of our transactions; everything else stays as the peer sent it.
    static func sample(_ name: String, replacing replacements: [(String, String)]) throws -> [UInt8] {
        var text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        for (theirs, ours) in replacements {
            #expect(text.contains(theirs), "\(name) no longer holds \(theirs)")
            text = text.replacingOccurrences(of: theirs, with: ours)
        }
        return Array(text.utf8)
    }
}

/// One gateway with one peer, `peer`, whose system has the given quirks.
struct QuirkLibrary {
    static let ours = AgencyID(type: .isil, value: "US-BORR")
    static let theirs = AgencyID(type: .isil, value: "DK-LEND")

    let database: TemporaryDatabase
    let gateway: Gateway
    let context = PeerContext(authenticatedPeerName: "peer", transport: "test")

    /// Our gateway with one peer, `peer`, whose system has these quirks.
    init(quirks: PeerQuirks) throws {
        database = try TemporaryDatabase()
        gateway = try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.ours,
                peers: [Peer(name: "peer", agencyIDs: [Self.theirs], quirks: quirks)],
                requestIDPrefix: "OURS"
            ),
            store: try SQLiteTransactionStore(path: database.path)
        )
    }

    /// A loan we ask the peer for: our borrowing transaction, its request in the outbox.
    func borrowing() async throws -> TransactionRecord {
        try await gateway.borrow(
            BorrowingRequest(
                peerName: "peer",
                bibliographicInfo: BibliographicInfo(title: "Moby-Dick"),
                serviceInfo: ServiceInfo(requestType: .new, serviceType: .loan)
            )
        )
    }

    func events(_ transaction: TransactionRecord) async throws -> [EventRecord] {
        try await gateway.store.events(transactionID: transaction.id)
    }

    func outboundMessages(_ transactionID: Int64) async throws -> [ISO18626Message] {
        try await gateway.store.messages(transactionID: transactionID).filter { $0.direction == .outbound }
            .map { try ISO18626Decoder().decode($0.body).message }
    }

    /// The statuses of the supplying agency messages we sent in a transaction.
    func sentStatuses(_ transactionID: Int64) async throws -> [Status] {
        try await outboundMessages(transactionID).compactMap { message in
            guard case .supplyingAgencyMessage(let sam) = message else { return nil }
            return sam.statusInfo.status
        }
    }
}

/// Each quirks profile, shown with a real message from (or in the shape of) the system it describes: what
/// we tolerate from the peer, and what we do not send it. The same messages from a peer without quirks
/// show the difference.
@Suite(.enabled(if: QuirkSamples.testsRun, "reference samples not found; quirk tests skipped"))
struct PeerQuirksTests {
    // MARK: ReShare

    /// sam-05: ReShare's loan-condition Notification, with status RequestReceived and `#seq:1#`.
    private func reshareConditionNotification(for transaction: TransactionRecord) throws -> [UInt8] {
        try QuirkSamples.sample(
            "sam-05-crosslink-reshare-condition-notification.xml",
            replacing: [("AU-SYDNEY", QuirkLibrary.theirs.value), ("BROKER_DEV", QuirkLibrary.ours.value), ("MEL-261~norota", transaction.requestingAgencyRequestID)]
        )
    }

    @Test func reshareNotificationStatusIsNotRecordedAndItsLoanConditionAlertsStaff() async throws {
        let suite = try QuirkLibrary(quirks: .reshare)
        let transaction = try await suite.borrowing()
        let reply = await suite.gateway.handle(try reshareConditionNotification(for: transaction), from: suite.context)
        #expect(reply.messageStatus == .ok)
        let after = try #require(try await suite.gateway.store.transaction(id: transaction.id))
        #expect(after.lastStatus == nil)
        #expect(after.state == transaction.state)
        let detail = try #require(try await suite.events(transaction).last?.detail)
        #expect(detail.contains("alert: the supplier set a loan condition and waits for our agreement (ReShare note)"))
        #expect(!detail.contains("#seq:"))
    }

    @Test func theSameNotificationFromAStandardPeerIsTakenAtItsWord() async throws {
        let suite = try QuirkLibrary(quirks: .standard)
        let transaction = try await suite.borrowing()
        #expect(await suite.gateway.handle(try reshareConditionNotification(for: transaction), from: suite.context).messageStatus == .ok)
        let after = try #require(try await suite.gateway.store.transaction(id: transaction.id))
        #expect(after.lastStatus == .requestReceived)
        let detail = try #require(try await suite.events(transaction).last?.detail)
        #expect(detail == "note: #ReShareSupplierAwaitingConditionConfirmation##seq:1#")
    }

    @Test func reshareSequenceMarkersLeaveTheNoteText() async throws {
        // sam-10: ReShare's RequestResponse ExpectToSupply, note "Note for response#seq:1#", empty elements.
        let suite = try QuirkLibrary(quirks: .reshare)
        let transaction = try await suite.borrowing()
        let sample = try QuirkSamples.sample(
            "sam-10-reshare-requestresponse-expecttosupply.xml",
            replacing: [
                ("<agencyIdType>RESHARE</agencyIdType>\n\t\t\t\t<agencyIdValue>LOCALHOSTB", "<agencyIdType>ISIL</agencyIdType>\n\t\t\t\t<agencyIdValue>\(QuirkLibrary.theirs.value)"),
                ("<agencyIdType>RESHARE</agencyIdType>\n\t\t\t\t<agencyIdValue>LOCALHOSTA", "<agencyIdType>ISIL</agencyIdType>\n\t\t\t\t<agencyIdValue>\(QuirkLibrary.ours.value)"),
                ("CHAS-141~0", transaction.requestingAgencyRequestID),
            ]
        )
        #expect(await suite.gateway.handle(sample, from: suite.context).messageStatus == .ok)
        let after = try #require(try await suite.gateway.store.transaction(id: transaction.id))
        #expect(after.lastStatus == .expectToSupply)  // not a notification: its status is news
        #expect(try await suite.events(transaction).last?.detail == "note: Note for response")
    }

    // MARK: Alma and ILLiad

    /// sam-02: a StatusChange Loaned straight after the request (no ExpectToSupply, no WillSupply).
    private func loaned(for transaction: TransactionRecord) throws -> [UInt8] {
        try QuirkSamples.sample(
            "sam-02-crosslink-statuschange-loaned.xml",
            replacing: [("SUP_B", QuirkLibrary.theirs.value), ("SUP_A", QuirkLibrary.ours.value), ("6ad1ff2e-bab2-4978-b064-656c0e67ebd6", transaction.requestingAgencyRequestID)]
        )
    }

    /// sam-04: a Notification, with its status emptied as Alma sends it (CrossLink's shim notes it).
    private func almaNotification(for transaction: TransactionRecord) throws -> [UInt8] {
        try QuirkSamples.sample(
            "sam-04-crosslink-notification.xml",
            replacing: [
                ("SUP1", QuirkLibrary.theirs.value), ("BROKER", QuirkLibrary.ours.value), ("5636c993-c41c-48f4-a285-470545f6f352", transaction.requestingAgencyRequestID),
                ("<status>RequestReceived</status>", "<status></status>"),
            ]
        )
    }

    @Test(arguments: [PeerQuirks.alma, .illiad])
    func almaSkipsExpectToSupplyAndSendsEmptyStatusesOnNotifications(quirks: PeerQuirks) async throws {
        let suite = try QuirkLibrary(quirks: quirks)
        let transaction = try await suite.borrowing()
        #expect(await suite.gateway.handle(try loaned(for: transaction), from: suite.context).messageStatus == .ok)
        let shipped = try #require(try await suite.gateway.store.transaction(id: transaction.id))
        #expect(shipped.lastStatus == .loaned)
        #expect(try await suite.events(transaction).last?.detail?.contains("warning") != true)

        #expect(await suite.gateway.handle(try almaNotification(for: transaction), from: suite.context).messageStatus == .ok)
        let after = try #require(try await suite.gateway.store.transaction(id: transaction.id))
        #expect(after.lastStatus == .loaned)
        #expect(after.state == shipped.state)
    }

    /// request-01: CrossLink's patron request, sent to us by the peer; staff answer ExpectToSupply.
    private func lendingTransaction(_ suite: QuirkLibrary) async throws -> Int64 {
        let request = try QuirkSamples.sample(
            "request-01-crosslink-patronrequest-loan-delivery.xml",
            replacing: [
                ("<agencyIdValue>BROKER</agencyIdValue>", "<agencyIdValue>\(QuirkLibrary.ours.value)</agencyIdValue>"),
                ("<agencyIdValue>REQ</agencyIdValue>", "<agencyIdValue>\(QuirkLibrary.theirs.value)</agencyIdValue>"),
                ("<requestingAgencyRequestId></requestingAgencyRequestId>", "<requestingAgencyRequestId>THEIRS-1</requestingAgencyRequestId>"),
            ]
        )
        let reply = await suite.gateway.handle(request, from: suite.context)
        #expect(reply.messageStatus == .ok, "\(reply.errors)")
        let id = try #require(reply.transactionID)
        _ = try await suite.gateway.perform(SupplierCommand(.expectToSupply), onTransaction: id)
        return id
    }

    @Test(arguments: [PeerQuirks.alma, .illiad])
    func almaIsNeverSentExpectToSupply(quirks: PeerQuirks) async throws {
        let suite = try QuirkLibrary(quirks: quirks)
        let id = try await lendingTransaction(suite)
        #expect(try await suite.gateway.store.transaction(id: id)?.state == SupplierState.expectToSupply.rawValue)
        #expect(try await suite.sentStatuses(id) == [.willSupply])
    }

    @Test func aStandardPeerIsSentExpectToSupply() async throws {
        let suite = try QuirkLibrary(quirks: .standard)
        let id = try await lendingTransaction(suite)
        #expect(try await suite.sentStatuses(id) == [.expectToSupply])
    }

    // MARK: Koha

    @Test func kohaIsNeverSentAnActionItDoesNotImplement() async throws {
        let suite = try QuirkLibrary(quirks: .koha)
        let transaction = try await suite.borrowing()
        #expect(await suite.gateway.handle(try loaned(for: transaction), from: suite.context).messageStatus == .ok)
        let before = try await suite.outboundMessages(transaction.id).count

        let error = await #expect(throws: StaffActionError.self) {
            _ = try await suite.gateway.perform(RequesterCommand(.requestRenewal), onTransaction: transaction.id)
        }
        #expect(error?.reason == .notAllowed)
        #expect(error?.message.contains("does not implement the Renew action; nothing was sent") == true)
        #expect(try await suite.outboundMessages(transaction.id).count == before)
        #expect(try await suite.gateway.store.transaction(id: transaction.id)?.renewalPending == false)

        // What Koha implements still goes out.
        _ = try await suite.gateway.perform(RequesterCommand(.markReceived), onTransaction: transaction.id)
        let actions = try await suite.outboundMessages(transaction.id).compactMap { message -> Action? in
            guard case .requestingAgencyMessage(let ram) = message else { return nil }
            return ram.action
        }
        #expect(actions == [.received])
    }

    @Test func profilesAreKnownByName() {
        #expect(PeerQuirks.profiles.keys.sorted() == ["alma", "illiad", "koha", "reshare", "standard", "tipasa"])
        #expect(PeerQuirks.tipasa.statusSubstitutes.isEmpty && PeerQuirks.tipasa.unsupportedActions.isEmpty)
    }
}
