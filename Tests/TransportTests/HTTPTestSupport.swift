import Foundation
import Gateway
import Logging
import NIOCore
import NIOPosix
import Store
import Testing
import Transport

extension TCPTestLibrary {
    /// Runs an HTTP listener for this library on 127.0.0.1, port 0, for the duration of `body`. The borrower
    /// peer presents HTTP Basic `borrower:secret`.
    func withHTTPListener(
        _ configuration: HTTPListenerConfiguration = HTTPListenerConfiguration(host: "127.0.0.1", port: 0),
        gateway: Gateway? = nil,
        _ body: (_ port: Int) async throws -> Void
    ) async throws {
        var logger = Logger(label: "illgate.http.test")
        logger.logLevel = .error
        let (ports, portsContinuation) = AsyncStream.makeStream(of: Int.self)
        let listener = try HTTPListener(
            configuration: configuration,
            gateway: gateway ?? self.gateway,
            peers: PeerLinkTable([
                PeerLink(name: "borrower", endpoint: nil, inbound: InboundCredentials(basicUsername: "borrower", basicPassword: "secret"))
            ]),
            logger: logger,
            onListening: { port in portsContinuation.yield(port) }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                try await body(port)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}

/// A gateway whose store is down: every message gets `.unavailable`, the HTTP listener's 503.
enum UnavailableGateway {
    static func make() throws -> Gateway {
        try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: TCPTestLibrary.lenderAgency,
                peers: [Peer(name: "borrower", agencyIDs: [TCPTestLibrary.borrowerAgency])],
                requestIDPrefix: "LEND"
            ),
            store: DownStore()
        )
    }
}

/// A store whose database cannot be reached: everything throws.
private struct DownStore: TransactionStore {
    struct Down: Error {}

    func write<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> Result { throw Down() }
    func decide<Result: Sendable>(_ work: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> DecidedWrite<Result> { throw Down() }
    func commit(_ intent: WriteIntent) async throws { throw Down() }
    func transactions(matching filter: TransactionFilter) async throws -> [TransactionRecord] { throw Down() }
    func transaction(id: Int64) async throws -> TransactionRecord? { throw Down() }
    func messages(transactionID: Int64) async throws -> [MessageRecord] { throw Down() }
    func events(transactionID: Int64) async throws -> [EventRecord] { throw Down() }
    func outbox(statuses: Set<OutboxRecord.Status>) async throws -> [OutboxRecord] { throw Down() }
    func dueDeliveries(_ query: DueDeliveryQuery) async throws -> [PendingDelivery] { throw Down() }
    func nextDeliveryAttempt(after now: Date) async throws -> Date? { throw Down() }
    func message(id: Int64) async throws -> MessageRecord? { throw Down() }
    func reviews(states: Set<ReviewRecord.State>) async throws -> [ReviewRecord] { throw Down() }
    func dueReviews(at now: Date) async throws -> [ReviewRecord] { throw Down() }
    func ledger(year: Int) async throws -> [LedgerEntryRecord] { throw Down() }
    func titleClusters(ids: [Int64]) async throws -> [TitleClusterRecord] { throw Down() }
    func holdingsCount() async throws -> Int { throw Down() }
    func purgeLedger(before now: Date) async throws -> Int { throw Down() }
    func purgePatronData(closedBefore cutoff: Date, at now: Date) async throws -> PatronDataPurge { throw Down() }
    func activity(createdFrom start: Date, before end: Date) async throws -> [TransactionActivityRecord] { throw Down() }
    func unreadableRows(limit: Int) async throws -> [StoreError] { throw Down() }
    func worklist(_ query: WorklistQuery) async throws -> [WorklistEntry] { throw Down() }
    func demand(createdFrom start: Date, before end: Date, minimumRequests: Int) async throws -> [TitleDemandRecord] { throw Down() }
    func shipments(shippedFrom start: Date, before end: Date) async throws -> [ShipmentRecord] { throw Down() }
    func pulls(_ query: PullQuery) async throws -> [PullListing] { throw Down() }
    func duePulls(at now: Date) async throws -> [PullRecord] { throw Down() }
    func reminders(transactionID: Int64) async throws -> [ReminderRecord] { throw Down() }
    func readMoney<Result: Sendable>(_ work: @escaping @Sendable (any MoneyStoreReader) throws -> Result) async throws -> Result { throw Down() }
}

/// An HTTP response as read off the wire.
struct RawHTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A raw HTTP/1.1 client connection for the listener tests: writes any bytes, reads responses (with
/// `Content-Length` bodies) or waits for the close. Closed after `lifetime` at the latest, so no test hangs.
struct RawHTTPConnection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    /// Connects to 127.0.0.1:`port`, from `source` (another loopback address to look like another host).
    static func connect(port: Int, from source: String? = nil, lifetime: TimeAmount = .seconds(60)) async throws -> RawHTTPConnection {
        RawHTTPConnection(channel: try await LoopbackClient.connect(port: port, from: source, lifetime: lifetime))
    }

    /// Runs `body` with the connection's incoming bytes, then closes it.
    func use<T>(_ body: (inout RawHTTPReader) async throws -> T) async throws -> T {
        try await channel.executeThenClose { inbound, _ in
            var reader = RawHTTPReader(iterator: inbound.makeAsyncIterator())
            return try await body(&reader)
        }
    }

    func send(_ text: String) async throws {
        try await channel.channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// A POST of `body` to /iso18626.
    static func post(_ body: [UInt8], contentType: String = "application/xml", extraHeaders: String = "") -> String {
        "POST /iso18626 HTTP/1.1\r\nHost: illgate\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\(extraHeaders)\r\n"
            + String(decoding: body, as: UTF8.self)
    }
}

/// The bytes a ``RawHTTPConnection`` receives.
struct RawHTTPReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending: [UInt8] = []

    init(iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next complete response; fails if the connection closes first.
    mutating func response() async throws -> RawHTTPResponse {
        while true {
            if let response = try takeResponse() { return response }
            guard let buffer = try await iterator.next() else {
                throw TCPTestFailure("connection closed before a complete response: \(String(decoding: pending, as: UTF8.self))")
            }
            pending += Array(buffer.readableBytesView)
        }
    }

    /// Reads until the connection closes (or is reset); returns whatever came before.
    mutating func untilClosed() async -> String {
        while true {
            do {
                guard let buffer = try await iterator.next() else { break }
                pending += Array(buffer.readableBytesView)
            } catch {
                break
            }
        }
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }

    private mutating func takeResponse() throws -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = pending.indices.first(where: { pending[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: pending[..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TCPTestFailure("bad status line in \(head)") }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = end + separator.count
        guard pending.count >= bodyStart + length else { return nil }
        let body = String(decoding: pending[bodyStart..<bodyStart + length], as: UTF8.self)
        pending.removeFirst(bodyStart + length)
        return RawHTTPResponse(status: status, headers: headers, body: body)
    }
}
