public import Foundation
public import ISO18626
public import Store
import Synchronization
import Transactions

/// The application core: turns an inbound message into a durable state change and its confirmation, and
/// carries out staff actions. Transports (HTTP, TCP) and the CLI call it; it knows nothing of them.
///
/// An inbound message is decided off the writer, on a snapshot, and its rows committed as one write intent
/// (``TransactionStore/decideAndCommit(attempts:_:)``); messages of one transaction take turns. Staff
/// actions and housekeeping write through ``TransactionStore/write(_:)``. Either way the message, the
/// events, the new state and the outbound messages are committed together, and an OK confirmation is
/// returned only after that commit. The clock is injected, so tests control time.
///
/// The configuration can be replaced while the gateway runs (``reconfigure(_:)``, on SIGHUP); each message
/// and each staff action reads it once, so it is handled wholly under the old settings or wholly under the new.
public final class Gateway: Sendable {
    private let settings: Mutex<GatewayConfiguration>
    /// Where transactions live.
    public let store: any TransactionStore
    private let clock: @Sendable () -> Date
    /// Where the jitter of delivery retries comes from.
    private let randomNumbers: Mutex<any RandomNumberGenerator & Sendable>
    private let encoder: ISO18626Encoder
    /// Keeps each transaction's messages in order while different transactions are decided concurrently.
    private let turns = TransactionTurns()
    /// What is left of messages refused before a peer was known: a bounded digest, never the body.
    public let strangers = RefusedStrangers()
    /// Rung after every commit that may have made an outbound message due; the outbox dispatcher waits on it.
    public let outboxDoorbell = OutboxDoorbell()
    /// Stored rows met that hold a value this version cannot read: readiness reports them.
    public let corruptRows = CorruptRows()

    /// Creates a gateway.
    ///
    /// What we emit is valid by construction (the encoder's tests check every message type, edition and
    /// optional element against the schemas), so outbound messages are validated only when
    /// `validateOutbound` asks for it (`[diagnostics] validate_outbound`), not on the hot path.
    /// - Parameters:
    ///   - configuration: our agency ids and peers.
    ///   - store: the transaction store.
    ///   - validateOutbound: validate every message we emit against the schema of its edition.
    ///   - clock: the time source (tests pass a fixed or stepping clock).
    ///   - randomNumbers: the source of the retry waits' jitter (tests pass a seeded generator).
    /// - Throws: ``SchemaValidationError`` if the built-in schemas do not compile (a build defect).
    public init(
        configuration: GatewayConfiguration,
        store: any TransactionStore,
        validateOutbound: Bool = false,
        clock: @escaping @Sendable () -> Date = { Date() },
        randomNumbers: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) throws(SchemaValidationError) {
        self.settings = Mutex(configuration)
        self.store = store
        self.clock = clock
        self.randomNumbers = Mutex(randomNumbers)
        self.encoder = ISO18626Encoder(validator: validateOutbound ? try SchemaValidator.bundled() : nil)
    }

    /// What the gateway knows about us and our partners, as of now.
    public var configuration: GatewayConfiguration {
        settings.withLock { $0 }
    }

    /// Draws from the gateway's random number generator (the jitter of retry waits).
    func withRandomNumbers<Result>(_ body: (inout any RandomNumberGenerator & Sendable) -> Result) -> Result {
        randomNumbers.withLock { body(&$0) }
    }

    /// Replaces the configuration: our agency ids, the peers and the policy. Messages and staff actions
    /// already under way finish with the settings they started with.
    public func reconfigure(_ configuration: GatewayConfiguration) {
        settings.withLock { $0 = configuration }
    }

    // MARK: Inbound

    /// Handles one inbound message: decode, authenticate, apply, store, confirm.
    /// - Parameters:
    ///   - bytes: the message as received.
    ///   - context: what the transport knows about the sender.
    /// - Returns: the confirmation (or the reason no confirmation can be given). Never throws: every
    ///   problem with the input becomes an ERROR confirmation. Its ``InboundReply/logErrorValue`` is the
    ///   error value without the patron values it may quote.
    public func handle(_ bytes: [UInt8], from context: PeerContext) async -> InboundReply {
        var reply = await answer(bytes, from: context)
        reply.redactLogErrorValue(message: bytes)
        return reply
    }

    private func answer(_ bytes: [UInt8], from context: PeerContext) async -> InboundReply {
        let now = clock()
        let configuration = self.configuration
        let claimedPeer = context.authenticatedPeerName.flatMap(configuration.peers.peer(named:))
        if context.authenticatedPeerName == nil, bytes.count >= Self.headerFirstSize, let stranger = stranger(bytes, configuration: configuration) {
            // Refused on its header alone: a stranger's large message costs no full decode and no write.
            return await refuse(
                kind: stranger.header.kind,
                ids: stranger.header.ids,
                echo: .none,
                edition: stranger.header.edition,
                errors: [stranger.refusal.error],
                bytes: bytes,
                peerName: nil,
                now: now,
                securityEvent: stranger.refusal.securityEvent
            )
        }
        let decoder = ISO18626Decoder(
            options: .init(
                maximumMessageSize: configuration.maximumMessageSize,
                rejectUnknownElements: claimedPeer?.strict ?? false
            )
        )
        let decoded: DecodedMessage
        do {
            decoded = try decoder.decode(bytes)
        } catch {
            guard let kind = error.kind else {
                return InboundReply(body: .notISO18626(error.description), summary: "unrecognisable")
            }
            return await refuse(
                kind: kind,
                ids: error.ids,
                echo: .none,
                edition: error.edition,
                errors: [error.errorData],
                bytes: bytes,
                peerName: claimedPeer?.name,
                now: now
            )
        }
        let message = decoded.message
        guard !message.kind.isConfirmation else {
            return InboundReply(
                body: .notISO18626("a \(message.kind) answers a message; it is not accepted on its own"),
                kind: message.kind,
                ids: message.ids,
                summary: message.summary
            )
        }

        let peer: Peer
        switch authenticate(message, context: context, configuration: configuration) {
        case .success(let authenticated):
            peer = authenticated
        case .failure(let refusal):
            return await refuse(
                kind: message.kind,
                ids: message.ids,
                echo: .init(message),
                edition: decoded.edition,
                errors: [refusal.error],
                bytes: bytes,
                peerName: refusal.peerName,
                now: now,
                securityEvent: refusal.securityEvent
            )
        }

        let processor = InboundProcessor(
            decoded: decoded,
            bytes: bytes,
            peer: peer,
            configuration: configuration,
            encoder: encoder,
            now: now
        )
        let stored = await turns.run(processor.transactionKey) { [store] () -> Result<(InboundProcessor.Outcome, OutboxChanges), any Error> in
            do {
                return .success(try await store.decideAndCommitReportingOutbox { writer in try processor.process(writer) })
            } catch {
                return .failure(error)
            }
        }
        do {
            let (outcome, outboxChanges) = try stored.get()
            outboxMayHaveWork(outboxChanges)
            return InboundReply(
                body: .confirmation(outcome.confirmation),
                kind: message.kind,
                messageStatus: outcome.errors.isEmpty ? .ok : .error,
                errors: outcome.errors,
                ids: message.ids,
                transactionID: outcome.transactionID,
                peerName: peer.name,
                summary: message.summary,
                isRetransmission: outcome.isRetransmission,
                decision: outcome.decision
            )
        } catch let error where corruptRows.record(error) {
            // Our record of this transaction cannot be read: refuse this message, keep serving the others.
            var reply = await refuse(
                kind: message.kind,
                ids: message.ids,
                echo: .init(message),
                edition: decoded.edition,
                errors: [ErrorData(errorType: .unrecognisedDataValue, errorValue: Self.damagedRecordValue(message.ids))],
                bytes: bytes,
                peerName: peer.name,
                now: now
            )
            reply.storageFailure = String(describing: error)
            return reply
        } catch {
            return InboundReply(
                body: .unavailable("the message could not be stored; please send it again later"),
                kind: message.kind,
                ids: message.ids,
                peerName: peer.name,
                summary: message.summary,
                storageFailure: String(describing: error)
            )
        }
    }

    /// The confirmation's error value for a message whose transaction is stored in a row this version cannot
    /// read: it names the request, not our database.
    static func damagedRecordValue(_ ids: MessageIDs) -> String {
        "requestingAgencyRequestId: '\(ids.requestingAgencyRequestID ?? "")' cannot be processed now: "
            + "our record of this request is damaged and staff have been alerted"
    }

    /// From this size on, a message on a connection that did not authenticate a peer has its header read
    /// first: a stranger's large message is refused without a full decode. Below it a full decode costs
    /// about what reading the header alone does, so the header is not read twice.
    static let headerFirstSize = 8 * 1024

    /// A message, on a connection that did not authenticate a peer, whose header names a sender that is no
    /// configured peer: what its header says and why it is refused (the same refusal as after a full decode).
    private func stranger(_ bytes: [UInt8], configuration: GatewayConfiguration) -> (header: ISO18626HeaderPeek.Header, refusal: Refusal)? {
        guard let header = ISO18626HeaderPeek.header(of: bytes), !header.kind.isConfirmation else { return nil }
        let senderIsRequester = header.kind != .supplyingAgencyMessage
        guard let sender = senderIsRequester ? header.ids.requestingAgencyID : header.ids.supplyingAgencyID,
            configuration.peers.peer(for: sender) == nil
        else { return nil }
        let element = senderIsRequester ? "requestingAgencyId" : "supplyingAgencyId"
        return (
            header,
            Refusal(
                error: ErrorData(errorType: .unrecognisedDataValue, errorValue: "\(element): \(sender) is not accepted here"),
                securityEvent: "message from unknown agency \(sender)"
            )
        )
    }

    /// Why a message was refused before it reached its transaction.
    private struct Refusal: Error {
        var error: ErrorData
        var peerName: String?
        var securityEvent: String?
    }

    /// Checks that the header's agency ids belong to the calling peer and to us, and the peer's credentials.
    private func authenticate(_ message: ISO18626Message, context: PeerContext, configuration: GatewayConfiguration) -> Result<Peer, Refusal> {
        guard let header = message.header else {
            return .failure(Refusal(error: ErrorData(errorType: .badlyFormedMessage, errorValue: "header: missing")))
        }
        let senderIsRequester = message.kind != .supplyingAgencyMessage
        let senderElement = senderIsRequester ? "requestingAgencyId" : "supplyingAgencyId"
        let receiverElement = senderIsRequester ? "supplyingAgencyId" : "requestingAgencyId"
        guard let sender = senderIsRequester ? header.requestingAgencyID : header.supplyingAgencyID else {
            return .failure(Refusal(error: ErrorData(errorType: .badlyFormedMessage, errorValue: "\(senderElement): missing")))
        }
        let notAccepted = ErrorData(errorType: .unrecognisedDataValue, errorValue: "\(senderElement): \(sender) is not accepted here")

        let peer: Peer
        if let authenticatedName = context.authenticatedPeerName {
            guard let authenticated = configuration.peers.peer(named: authenticatedName) else {
                return .failure(Refusal(error: notAccepted, securityEvent: "connection authenticated as unknown peer '\(authenticatedName)'"))
            }
            guard authenticated.agencyIDs.contains(where: { $0.key == sender.key }) else {
                return .failure(
                    Refusal(
                        error: notAccepted,
                        peerName: authenticated.name,
                        securityEvent: "peer '\(authenticated.name)' sent a message as \(sender), which is not one of its agency ids"
                    )
                )
            }
            peer = authenticated
        } else {
            guard let known = configuration.peers.peer(for: sender) else {
                return .failure(Refusal(error: notAccepted, securityEvent: "message from unknown agency \(sender)"))
            }
            peer = known
        }

        if peer.requiresTransportIdentity, context.authenticatedPeerName != peer.name {
            return .failure(
                Refusal(
                    error: notAccepted,
                    peerName: peer.name,
                    securityEvent: "message as \(sender) (peer '\(peer.name)') on a connection that did not authenticate as that peer"
                )
            )
        }
        if !peer.allowedAddresses.isEmpty {
            guard let address = context.remoteAddress, let bytes = AddressRange.bytes(of: address),
                peer.allowedAddresses.contains(where: { $0.contains(addressBytes: bytes) })
            else {
                return .failure(
                    Refusal(
                        error: notAccepted,
                        peerName: peer.name,
                        securityEvent: "message as \(sender) (peer '\(peer.name)') from \(context.remoteAddress ?? "an unknown address"), outside its allowed addresses"
                    )
                )
            }
        }

        if let receiver = senderIsRequester ? header.supplyingAgencyID : header.requestingAgencyID {
            guard configuration.isOurs(receiver) else {
                return .failure(
                    Refusal(
                        error: ErrorData(errorType: .unrecognisedDataValue, errorValue: "\(receiverElement): \(receiver) is not this library"),
                        peerName: peer.name
                    )
                )
            }
        } else if message.kind != .request {
            return .failure(
                Refusal(error: ErrorData(errorType: .badlyFormedMessage, errorValue: "\(receiverElement): missing"), peerName: peer.name)
            )
        }

        if let required = peer.requiredAuthentication, senderIsRequester {
            let given = header.requestingAgencyAuthentication
            guard constantTimeEqual(given?.accountID, required.accountID), constantTimeEqual(given?.securityCode, required.securityCode)
            else {
                return .failure(
                    Refusal(
                        error: ErrorData(errorType: .unrecognisedDataValue, errorValue: "requestingAgencyAuthentication: not accepted"),
                        peerName: peer.name,
                        securityEvent: "peer '\(peer.name)' sent wrong or missing requestingAgencyAuthentication"
                    )
                )
            }
        }
        return .success(peer)
    }

    /// Answers a message refused before it reached a transaction with an ERROR confirmation, keeping the
    /// message and the confirmation for the record.
    private func refuse(
        kind: MessageKind,
        ids: MessageIDs,
        echo: ConfirmationFactory.Echo,
        edition: Edition,
        errors: [ErrorData],
        bytes: [UInt8],
        peerName: String?,
        now: Date,
        securityEvent: String? = nil
    ) async -> InboundReply {
        var storageFailure: String?
        let confirmation = ConfirmationFactory.confirmation(answering: kind, ids: ids, echo: echo, errors: errors, now: now)
        let encoded = (try? encoder.encode(confirmation, edition: edition)) ?? (try? ISO18626Encoder().encode(confirmation, edition: edition)) ?? []
        if let peerName {
            // A configured peer's refused message is kept whole for the record (the peer's staff may ask).
            let record = MessageRecord(
                transactionID: nil,
                direction: .inbound,
                kind: kind,
                peerName: peerName,
                summary: "refused",
                headerTimestamp: ids.timestamp,
                recordedAt: now,
                body: String(decoding: bytes, as: UTF8.self),
                confirmation: String(decoding: encoded, as: UTF8.self),
                confirmationStatus: .error,
                errorType: errors.first?.errorType.rawValue,
                errorValue: errors.first?.errorValue
            )
            do {
                _ = try await store.write { writer in try writer.insert(record).id }
            } catch {
                storageFailure = String(describing: error)
            }
        } else {
            // A stranger's costs almost nothing: a bounded digest in memory, never the durable writer.
            strangers.record(
                RefusedMessageDigest(at: now, kind: kind, ids: ids, size: bytes.count, fingerprint: Fingerprint.of(bytes.prefix(RefusedMessageDigest.fingerprintedBytes)), error: errors.first)
            )
        }
        return InboundReply(
            body: .confirmation(encoded),
            kind: kind,
            messageStatus: .error,
            errors: errors,
            ids: ids,
            peerName: peerName,
            summary: "refused",
            securityEvent: securityEvent,
            storageFailure: storageFailure
        )
    }

    // MARK: Helpers for staff actions

    /// The time on the gateway's clock (injected: tests control it), against which the times it records,
    /// such as a delivery's next attempt, are to be read.
    public var now: Date { clock() }

    /// The message builder for staff actions, with the configuration the action reads once.
    func outboundMessages(at now: Date, configuration: GatewayConfiguration) -> OutboundMessages {
        OutboundMessages(configuration: configuration, encoder: encoder, now: now)
    }
}

/// Compares two optional secrets in time independent of where they differ.
private func constantTimeEqual(_ given: String?, _ expected: String?) -> Bool {
    guard let expected else { return true }
    let left = Array((given ?? "").utf8)
    let right = Array(expected.utf8)
    var difference = UInt8(left.count == right.count ? 0 : 1)
    for index in 0..<max(left.count, right.count) {
        let a = index < left.count ? left[index] : 0
        let b = index < right.count ? right[index] : 0
        difference |= a ^ b
    }
    return difference == 0 && given != nil
}
