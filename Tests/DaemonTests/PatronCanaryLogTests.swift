import Daemon
import Foundation
import Gateway
import ISO18626
import Logging
import Policy
import Store
import Testing
import Transport

/// Canary values in every patron element (`patronInfo` and its children: id, names, type, `sendToPatron`,
/// e-mail, phone and postal address), in both editions, sent through every inbound error path: our
/// decoder's error quoting a bad patron value, libxml2's parse error naming an entity written inside a
/// patron element, a refusal after decoding, a stranger's message, a document that is not ISO 18626, and
/// the accepted message itself. Every log line, in both formats and at every level, is searched for the
/// canaries: none may be found. The confirmation to the peer keeps its own value.
@Suite final class PatronCanaryLogTests: Sendable {
    static let lender = AgencyID(type: .isil, value: "DK-LEND")
    static let borrower = AgencyID(type: .isil, value: "US-BORR")

    /// Every canary, each unlike anything else in a log line.
    static let canaries = [
        "CANARY-ID-4711", "Canarysurname", "Canarygiven", "CanaryPatronType", "canary@patron.example", "+45-CANARY-PHONE",
        "1 Canary Street", "Canary Flat 2", "Canaryville", "CANARY-PC", "CANARYSEND", "CanaryEntity",
    ]

    /// The database's directory, removed with the suite.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-canary-\(UUID().uuidString)")
    let gateway: Gateway

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        gateway = try Gateway(
            // With a lending policy, so that accepted requests are decided and logged (`event=policy`) too.
            configuration: GatewayConfiguration(
                libraryAgencyID: Self.lender,
                peers: [Peer(name: "borrower", agencyIDs: [Self.borrower])],
                policy: PolicyConfiguration()
            ),
            store: try SQLiteTransactionStore(path: directory.appendingPathComponent("illgate.sqlite").path)
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A request with a canary in every patron element.
    static func request(_ edition: Edition, requestID: String, from requester: AgencyID = borrower) throws -> String {
        let patron = PatronInfo(
            patronID: "CANARY-ID-4711",
            surname: "Canarysurname",
            givenName: "Canarygiven",
            patronType: PatronType("CanaryPatronType"),
            sendToPatron: true,
            address: [
                .electronic(ElectronicAddress(type: ElectronicAddressType("Email"), data: "canary@patron.example")),
                .electronic(ElectronicAddress(type: ElectronicAddressType("Phone"), data: "+45-CANARY-PHONE")),
                .physical(PhysicalAddress(line1: "1 Canary Street", line2: "Canary Flat 2", locality: "Canaryville", postalCode: "CANARY-PC")),
            ]
        )
        let request = Request(
            header: Header(supplyingAgencyID: lender, requestingAgencyID: requester, timestamp: Date(), requestingAgencyRequestID: requestID),
            bibliographicInfo: BibliographicInfo(title: "Typee"),
            serviceInfo: ServiceInfo(serviceType: .loan),
            patronInfo: patron
        )
        let text = String(decoding: try ISO18626Encoder().encode(.request(request), edition: edition), as: UTF8.self)
        #expect(text.contains("CANARY-ID-4711") && text.contains("canary@patron.example") && text.contains("Canaryville"))
        return text
    }

    /// `text` with the first element named `name` holding `value` instead.
    static func replacingElement(_ name: String, in text: String, with value: String) -> String {
        guard let open = text.range(of: "\(name)>"), let close = text.range(of: "</", range: open.upperBound..<text.endIndex) else {
            Issue.record("no \(name) element")
            return text
        }
        return text.replacingCharacters(in: open.upperBound..<close.lowerBound, with: value)
    }

    /// The messages, each through its own path, with the confirmation text (when there is one) the peer
    /// must get its value back in.
    func replies() async throws -> [(path: String, reply: InboundReply)] {
        let borrower = PeerContext(authenticatedPeerName: "borrower", transport: "test")
        var results: [(String, InboundReply)] = []
        for edition in Edition.allCases {
            let valid = try Self.request(edition, requestID: "OK-\(edition)")
            results.append(("accepted \(edition)", await gateway.handle(Array(valid.utf8), from: borrower)))
            let badSend = Self.replacingElement("sendToPatron", in: try Self.request(edition, requestID: "SEND-\(edition)"), with: "CANARYSEND")
            results.append(("decoder error \(edition)", await gateway.handle(Array(badSend.utf8), from: borrower)))
            for element in ["patronId", "surname", "electronicAddressData", "line1"] {
                let entity = Self.replacingElement(element, in: try Self.request(edition, requestID: "ENT-\(edition)"), with: "&CanaryEntity;")
                results.append(("parse error in \(element) \(edition)", await gateway.handle(Array(entity.utf8), from: borrower)))
            }
            let reused = Self.replacingElement("title", in: try Self.request(edition, requestID: "OK-\(edition)"), with: "Omoo")
            results.append(("refused after decoding \(edition)", await gateway.handle(Array(reused.utf8), from: borrower)))
            let stranger = try Self.request(edition, requestID: "STR-\(edition)", from: AgencyID(type: .isil, value: "XX-NOBODY"))
            results.append(("stranger \(edition)", await gateway.handle(Array(stranger.utf8), from: PeerContext())))
        }
        let notISO = "<patronInfo><surname>Canarysurname</surname><patronId>&CanaryEntity;</patronId></patronInfo>"
        results.append(("not ISO 18626", await gateway.handle(Array(notISO.utf8), from: borrower)))
        let foreign = "<request xmlns=\"urn:other\"><patronInfo><patronId>CANARY-ID-4711</patronId></patronInfo></request>"
        results.append(("foreign namespace", await gateway.handle(Array(foreign.utf8), from: borrower)))
        return results
    }

    @Test func noLogLineCarriesACanaryInEitherFormat() async throws {
        let replies = try await replies()
        // The paths are really taken, and the peer gets its own value back where our error quotes it.
        let byPath = Dictionary(uniqueKeysWithValues: replies.map { ($0.path, $0.reply) })
        for edition in Edition.allCases {
            #expect(byPath["accepted \(edition)"]?.messageStatus == .ok)
            let decoderError = try #require(byPath["decoder error \(edition)"])
            #expect(decoderError.errors.first?.errorValue?.contains("'CANARYSEND' is not Y or N") == true)
            #expect(String(decoding: decoderError.confirmation ?? [], as: UTF8.self).contains("CANARYSEND"))
            #expect(decoderError.logErrorValue?.contains("sendToPatron: '[redacted]' is not Y or N") == true)
            let parseError = try #require(byPath["parse error in surname \(edition)"])
            // Not well-formed: a plain refusal that names the entity for the sender; the log line does not.
            guard case .notISO18626(let explanation) = parseError.body else {
                Issue.record("a document that is not well-formed gets a plain refusal, not \(parseError.body)")
                continue
            }
            #expect(explanation.contains("Entity 'CanaryEntity' not defined"))
            #expect(parseError.logErrorValue?.contains("Entity '[redacted]' not defined") == true)
            #expect(byPath["refused after decoding \(edition)"]?.messageStatus == .error)
            #expect(byPath["stranger \(edition)"]?.messageStatus == .error)
        }

        // One logger writes every event in both formats at once, so that both see the same lines (lines
        // about senders that are no peer are rate-limited per second, process-wide).
        let sinks = Dictionary(uniqueKeysWithValues: LogFormat.allCases.map { ($0, InMemoryLogSink()) })
        let logger = Logger(label: "test") { label in
            MultiplexLogHandler(
                LogFormat.allCases.map { format in
                    LogLineHandler(
                        label: label,
                        formatter: LogLineFormatter(format: format, includeLabel: false),
                        logLevel: .trace,
                        metadataProvider: nil,
                        sink: sinks[format] ?? InMemoryLogSink(),
                        clock: { logTestTimestamp }
                    )
                }
            )
        }
        for (_, reply) in replies {
            InboundMessageLog.record(reply, transport: "test", remoteAddress: "192.0.2.1", latencyMilliseconds: 1, logger: logger)
        }
        // A caller that logs an error value as it is, at every level: the guard still takes the values out.
        for level in Logger.Level.allCases {
            for (_, reply) in replies {
                guard let raw = reply.errors.first?.errorValue else { continue }
                logger.log(level: level, "message refused", metadata: ["error_value": .string(raw)])
            }
        }
        let counts = Set(sinks.values.map(\.lines.count))
        #expect(counts.count == 1, "both formats get the same lines")
        for (format, sink) in sinks {
            let lines = sink.lines
            #expect(lines.count >= replies.count + Logger.Level.allCases.count)
            var hits = 0
            for line in lines {
                for canary in Self.canaries where line.contains(canary) {
                    hits += 1
                    Issue.record("\(format) line carries \(canary): \(line)")
                }
            }
            #expect(hits == 0)
            #expect(lines.contains { $0.contains("is not Y or N") })
            #expect(lines.contains { $0.contains("policy") && $0.contains("lending") })
        }
    }
}
