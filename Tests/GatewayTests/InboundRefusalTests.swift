import Foundation
import Gateway
import ISO18626
import Store
import Testing
import Transactions

/// Messages the gateway must refuse get an ERROR confirmation with the right error type and a value a
/// peer's staff would understand, change nothing, and (for authentication) raise a security event.
@Suite struct InboundRefusalTests {
    let pair: LibraryPair

    init() throws {
        pair = try LibraryPair(lenderRequiresAuthentication: nil)
    }

    private func header(requestID: String = "R-1", from requester: AgencyID = LibraryPair.borrowerAgency, to supplier: AgencyID = LibraryPair.lenderAgency) -> Header {
        Header(supplyingAgencyID: supplier, requestingAgencyID: requester, timestamp: pair.clock.now, requestingAgencyRequestID: requestID)
    }

    private func request(_ header: Header, title: String = "Typee") -> [UInt8] {
        let request = Request(header: header, bibliographicInfo: BibliographicInfo(title: title), serviceInfo: ServiceInfo(serviceType: .loan))
        return (try? ISO18626Encoder().encode(.request(request), edition: .v1_2)) ?? []
    }

    private func action(_ action: Action, requestID: String) -> [UInt8] {
        let message = RequestingAgencyMessage(header: header(requestID: requestID), action: action)
        return (try? ISO18626Encoder().encode(.requestingAgencyMessage(message), edition: .v1_2)) ?? []
    }

    private func confirmation(_ reply: InboundReply) throws -> ISO18626Message {
        try ISO18626Decoder().decode(try #require(reply.confirmation)).message
    }

    private let borrowerContext = PeerContext(authenticatedPeerName: "borrower", transport: "test")

    @Test func unknownTransaction() async throws {
        let reply = await pair.lender.handle(action(.received, requestID: "NO-SUCH"), from: borrowerContext)
        #expect(reply.messageStatus == .error)
        #expect(reply.errors.first?.errorType == .unrecognisedDataValue)
        #expect(reply.errors.first?.errorValue?.contains("no request 'NO-SUCH'") == true)
        guard case .requestingAgencyMessageConfirmation(let confirmation) = try confirmation(reply) else {
            Issue.record("wrong confirmation type")
            return
        }
        #expect(confirmation.action == .received)
        #expect(confirmation.confirmationHeader.requestingAgencyRequestID == "NO-SUCH")
        #expect(confirmation.confirmationHeader.messageStatus == .error)
    }

    @Test func illegalTransitionChangesNothing() async throws {
        #expect(await pair.lender.handle(request(header(requestID: "R-9")), from: borrowerContext).messageStatus == .ok)
        let reply = await pair.lender.handle(action(.shippedReturn, requestID: "R-9"), from: borrowerContext)
        #expect(reply.messageStatus == .error)
        #expect(reply.errors.first?.errorValue == "action ShippedReturn: the item has not been shipped yet")
        let transactionID = try #require(reply.transactionID)
        let transaction = try #require(try await pair.lender.store.transaction(id: transactionID))
        #expect(transaction.state == SupplierState.requestReceived.rawValue)
        #expect(try await pair.lender.store.outbox(statuses: [.pending]).isEmpty)
    }

    @Test func requestIDInUseWithOtherContent() async throws {
        #expect(await pair.lender.handle(request(header(requestID: "R-2")), from: borrowerContext).messageStatus == .ok)
        let reply = await pair.lender.handle(request(header(requestID: "R-2"), title: "Omoo"), from: borrowerContext)
        #expect(reply.messageStatus == .error)
        #expect(reply.errors.first?.errorValue?.contains("already identifies another request") == true)
        #expect(try await pair.lender.store.transactions(matching: TransactionFilter()).count == 1)
    }

    @Test func agencyIDOfAnotherLibraryIsRefusedAndLogged() async throws {
        let impostor = AgencyID(type: .isil, value: "GB-UKLOAN")
        let reply = await pair.lender.handle(request(header(from: impostor)), from: borrowerContext)
        #expect(reply.messageStatus == .error)
        #expect(reply.errors.first?.errorValue == "requestingAgencyId: ISIL:GB-UKLOAN is not accepted here")
        #expect(reply.securityEvent?.contains("not one of its agency ids") == true)
        #expect(try await pair.lender.store.transactions(matching: TransactionFilter()).isEmpty)
    }

    @Test func unknownAgencyWithoutTransportIdentityIsRefused() async throws {
        let reply = await pair.lender.handle(request(header(from: AgencyID(type: .isil, value: "XX-NOBODY"))), from: PeerContext())
        #expect(reply.messageStatus == .error)
        #expect(reply.securityEvent != nil)
    }

    @Test func messageForAnotherLibraryIsRefused() async throws {
        let reply = await pair.lender.handle(request(header(to: AgencyID(type: .isil, value: "DK-OTHER"))), from: borrowerContext)
        #expect(reply.errors.first?.errorValue == "supplyingAgencyId: ISIL:DK-OTHER is not this library")
    }

    @Test func wrongRequestingAgencyAuthenticationIsRefusedWithoutSayingWhy() async throws {
        let secured = try LibraryPair(lenderRequiresAuthentication: RequestingAgencyAuthentication(accountID: "US-BORR", securityCode: "s3cret"))
        var wrong = header()
        wrong.requestingAgencyAuthentication = RequestingAgencyAuthentication(accountID: "US-BORR", securityCode: "guess")
        let refused = await secured.lender.handle(request(wrong), from: PeerContext())
        #expect(refused.messageStatus == .error)
        #expect(refused.errors.first?.errorValue == "requestingAgencyAuthentication: not accepted")
        #expect(refused.securityEvent?.contains("requestingAgencyAuthentication") == true)
        #expect(await secured.lender.handle(request(header()), from: PeerContext()).messageStatus == .error)

        // The borrower gateway sends the configured credentials itself.
        _ = try await secured.borrower.borrow(LibraryPair.borrowingRequest())
        let replies = try await secured.deliverAll()
        #expect(replies.first?.messageStatus == .ok)
    }

    @Test func undecodableMessageFromAPeerIsAnsweredWithItsIDs() async throws {
        let text = String(decoding: action(.received, requestID: "R-5"), as: UTF8.self)
            .replacingOccurrences(of: "<action>Received</action>", with: "<action>Teleported</action>")
        let reply = await pair.lender.handle(Array(text.utf8), from: borrowerContext)
        #expect(reply.messageStatus == .error)
        #expect(reply.errors.first?.errorType == .unsupportedActionType)
        guard case .requestingAgencyMessageConfirmation(let confirmation) = try confirmation(reply) else {
            Issue.record("wrong confirmation type")
            return
        }
        #expect(confirmation.confirmationHeader.requestingAgencyRequestID == "R-5")
    }

    @Test func notISO18626IsNotConfirmed() async throws {
        let reply = await pair.lender.handle(Array("{\"json\": true}".utf8), from: borrowerContext)
        guard case .notISO18626(let explanation) = reply.body else {
            Issue.record("expected a plain refusal, got \(reply.body)")
            return
        }
        #expect(!explanation.isEmpty)
    }

    @Test func requesterSideRecordsOutOfOrderStatusesInsteadOfRefusing() async throws {
        let borrowing = try await pair.borrower.borrow(LibraryPair.borrowingRequest())
        try await pair.deliverAll()
        // A LoanCompleted before anything was shipped: recorded with a warning, confirmed OK.
        let sam = SupplyingAgencyMessage(
            header: Header(
                supplyingAgencyID: LibraryPair.lenderAgency,
                requestingAgencyID: LibraryPair.borrowerAgency,
                timestamp: pair.clock.now,
                requestingAgencyRequestID: borrowing.requestingAgencyRequestID
            ),
            messageInfo: MessageInfo(reasonForMessage: .statusChange),
            statusInfo: StatusInfo(status: .loanCompleted, lastChange: pair.clock.now)
        )
        let reply = await pair.borrower.handle(
            try ISO18626Encoder().encode(.supplyingAgencyMessage(sam), edition: .v1_2),
            from: PeerContext(authenticatedPeerName: "lender")
        )
        #expect(reply.messageStatus == .ok)
        let transaction = try await pair.refreshed(borrowing, at: pair.borrower)
        #expect(transaction.state == RequesterState.requested.rawValue)
        let last = try #require(try await pair.borrower.store.events(transactionID: borrowing.id).last)
        #expect(last.detail?.contains("warning") == true)
    }
}
