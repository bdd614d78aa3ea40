import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// Peers resend after timeouts: the same message twice gets the same confirmation and changes nothing the
/// second time; concurrent messages for one transaction are applied one at a time.
@Suite struct RetransmissionTests {
    let pair: LibraryPair
    let context = PeerContext(authenticatedPeerName: "borrower", transport: "test")

    init() throws {
        pair = try LibraryPair()
    }

    private func requestBytes(_ requestID: String, timestamp: Date) throws -> [UInt8] {
        let request = Request(
            header: Header(
                supplyingAgencyID: LibraryPair.lenderAgency,
                requestingAgencyID: LibraryPair.borrowerAgency,
                timestamp: timestamp,
                requestingAgencyRequestID: requestID
            ),
            bibliographicInfo: BibliographicInfo(title: "Mardi"),
            serviceInfo: ServiceInfo(serviceType: .loan)
        )
        return try ISO18626Encoder().encode(.request(request), edition: .v1_2)
    }

    private func actionBytes(_ action: Action, _ requestID: String, note: String? = nil) throws -> [UInt8] {
        let message = RequestingAgencyMessage(
            header: Header(
                supplyingAgencyID: LibraryPair.lenderAgency,
                requestingAgencyID: LibraryPair.borrowerAgency,
                timestamp: pair.clock.now,
                requestingAgencyRequestID: requestID
            ),
            action: action,
            note: note
        )
        return try ISO18626Encoder().encode(.requestingAgencyMessage(message), edition: .v1_2)
    }

    @Test func sameMessageTwiceGetsTheSameConfirmation() async throws {
        let bytes = try requestBytes("T-1", timestamp: pair.clock.now)
        let first = await pair.lender.handle(bytes, from: context)
        let second = await pair.lender.handle(bytes, from: context)
        #expect(first.messageStatus == .ok)
        #expect(second.isRetransmission)
        #expect(first.confirmation == second.confirmation)
        #expect(first.transactionID == second.transactionID)
        let transactionID = try #require(first.transactionID)
        #expect(try await pair.lender.store.messages(transactionID: transactionID).count == 1)
        #expect(try await pair.lender.store.events(transactionID: transactionID).count == 1)
    }

    @Test func requestResentWithANewTimestampIsStillARetransmission() async throws {
        let first = await pair.lender.handle(try requestBytes("T-2", timestamp: pair.clock.now), from: context)
        pair.clock.advance(seconds: 30)
        let again = await pair.lender.handle(try requestBytes("T-2", timestamp: pair.clock.now), from: context)
        #expect(again.isRetransmission)
        #expect(again.messageStatus == .ok)
        #expect(first.confirmation == again.confirmation)
    }

    @Test func retransmittedErrorGetsTheSameError() async throws {
        _ = await pair.lender.handle(try requestBytes("T-3", timestamp: pair.clock.now), from: context)
        let bytes = try actionBytes(.received, "T-3")
        let first = await pair.lender.handle(bytes, from: context)
        let second = await pair.lender.handle(bytes, from: context)
        #expect(first.messageStatus == .error)
        #expect(second.messageStatus == .error)
        #expect(second.isRetransmission)
        #expect(first.confirmation == second.confirmation)
    }

    @Test func concurrentCopiesOfOneRequestCreateOneTransaction() async throws {
        let bytes = try requestBytes("T-4", timestamp: pair.clock.now)
        let lender = pair.lender
        let context = self.context
        let replies = await withTaskGroup(of: InboundReply.self) { group in
            for _ in 0..<64 { group.addTask { await lender.handle(bytes, from: context) } }
            var replies: [InboundReply] = []
            for await reply in group { replies.append(reply) }
            return replies
        }
        #expect(replies.allSatisfy { $0.messageStatus == .ok })
        #expect(Set(replies.compactMap(\.confirmation)).count == 1)
        #expect(replies.filter { !$0.isRetransmission }.count == 1)
        #expect(try await pair.lender.store.transactions(matching: TransactionFilter()).count == 1)
    }

    @Test func concurrentMessagesForOneTransactionAreSerialised() async throws {
        _ = await pair.lender.handle(try requestBytes("T-5", timestamp: pair.clock.now), from: context)
        let lender = pair.lender
        let context = self.context
        // 40 distinct notes and 24 status requests at once, plus each of them sent twice.
        var messages: [[UInt8]] = []
        for index in 0..<40 { messages.append(try actionBytes(.notification, "T-5", note: "note \(index)")) }
        for _ in 0..<24 { messages.append(try actionBytes(.statusRequest, "T-5")) }
        let all = messages + messages
        let replies = await withTaskGroup(of: InboundReply.self) { group in
            for bytes in all { group.addTask { await lender.handle(bytes, from: context) } }
            var replies: [InboundReply] = []
            for await reply in group { replies.append(reply) }
            return replies
        }
        #expect(replies.allSatisfy { $0.messageStatus == .ok })
        #expect(replies.filter(\.isRetransmission).count == messages.count)
        let transactionID = try #require(replies.first?.transactionID)
        let events = try await pair.lender.store.events(transactionID: transactionID)
        #expect(events.count == 1 + messages.count)
        // Each status request was answered exactly once, in the order applied.
        let answers = try await pair.lender.store.messages(transactionID: transactionID).filter { $0.direction == .outbound }
        #expect(answers.count == 24)
        #expect(answers.allSatisfy { $0.summary == "RequestReceived/StatusRequestResponse" })
        #expect(try await pair.lender.store.transaction(id: transactionID)?.state == SupplierState.requestReceived.rawValue)
    }
}
