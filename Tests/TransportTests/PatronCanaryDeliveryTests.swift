import Foundation
import Gateway
import ISO18626
import Logging
import Store
import Synchronization
import Testing
import Transport

/// Keeps every log line's message and metadata, at every level.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "illgate.canary") { _ in CapturingLogHandler(log: self) }
    }

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    var all: [String] { lines.withLock { $0 } }
}

private struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = self.metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        log.append("\(event.level) \(event.message) \(fields.joined(separator: " "))")
    }
}

/// A peer's answer that quotes the patron data we sent it (an ERROR confirmation's text, a plain HTTP error
/// body) is logged without it; the stored record keeps what the peer said, for staff.
@Suite(.serialized) struct PatronCanaryDeliveryTests {
    static let canaryID = "CANARY-PID-7731"
    static let canarySurname = "Canarysurname"

    private func borrowForACanaryPatron(_ library: DeliveryTestLibrary) async throws {
        _ = try await library.gateway.submit(
            BorrowingRequest(
                peerName: "lender",
                bibliographicInfo: BibliographicInfo(title: "Canary"),
                serviceInfo: ServiceInfo(serviceType: .loan),
                patronInfo: PatronInfo(patronID: Self.canaryID, surname: Self.canarySurname, givenName: "Canarygiven")
            )
        )
    }

    private func expectNoCanary(in log: CapturedLog) {
        #expect(!log.all.isEmpty)
        for line in log.all {
            for canary in [Self.canaryID, Self.canarySurname, "Canarygiven"] {
                #expect(!line.contains(canary), "a log line carries patron data: \(line)")
            }
        }
    }

    @Test func anErrorConfirmationQuotingOurPatronIsLoggedWithoutIt() async throws {
        let confirmation: [UInt8] = {
            let now = Date()
            let refusal = RequestConfirmation(
                confirmationHeader: ConfirmationHeader(timestamp: now, timestampReceived: now, messageStatus: .error),
                errorData: [ErrorData(errorType: .unrecognisedDataValue, errorValue: "patron \(Self.canaryID) (\(Self.canarySurname)) is blocked here")]
            )
            return (try? ISO18626Encoder().encode(.requestConfirmation(refusal), edition: .v1_2)) ?? []
        }()
        let peer = try await TestHTTPPeer.start { _ in .init(status: 200, headers: [], body: confirmation) }
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        let log = CapturedLog()
        try await library.whileDispatching(library.dispatcher(logger: log.logger)) {
            try await borrowForACanaryPatron(library)
            try await eventually("the rejection") { try await !library.entries([.rejected]).isEmpty }
        }
        // What the peer said reached us and is kept for staff; the log line has the problem, not the patron.
        #expect(try await library.entries([.rejected]).first?.lastError?.contains(Self.canaryID) == true)
        #expect(log.all.contains { $0.contains("peer answered ERROR") && $0.contains("error_value=patron [redacted] ([redacted]) is blocked here") })
        expectNoCanary(in: log)
    }

    @Test func aPlainHTTPErrorBodyQuotingOurPatronIsLoggedWithoutIt() async throws {
        let body = Array("request for patronId '\(Self.canaryID)' refused".utf8)
        let peer = try await TestHTTPPeer.start { _ in .init(status: 403, headers: [], body: body) }
        defer { Task { await peer.stop() } }
        let library = try DeliveryTestLibrary(peers: [("lender", peer.endpoint)])
        let log = CapturedLog()
        let policy = RetryPolicy(maximumAttempts: 2, permanentFailureAttempts: 2, initialDelay: 0.05, maximumDelay: 0.05, jitter: 0)
        try await library.whileDispatching(library.dispatcher(retryPolicy: policy, logger: log.logger)) {
            try await borrowForACanaryPatron(library)
            try await eventually("the dead letter") { try await !library.entries([.dead]).isEmpty }
        }
        #expect(try await library.entries([.dead]).first?.lastError?.contains(Self.canaryID) == true)
        #expect(log.all.contains { $0.contains("will retry") })
        #expect(log.all.contains { $0.contains("dead-lettered") })
        expectNoCanary(in: log)
    }
}
