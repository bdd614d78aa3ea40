import CLostWriteVFS
import Foundation
import GRDB
import Gateway
import ISO18626
import Policy
import Store
import Testing

/// "OK means on disk", proved against a disk that loses what was not synced, not just a killed process whose
/// page cache survives: the real store (`SQLiteTransactionStore`, WAL, `synchronous = FULL`, group commit)
/// runs over the lost-write VFS (Tests/CLostWriteVFS). Concurrent callers send new requests and notes on
/// earlier ones through `Gateway.handle`; the power is cut after a random number of writes and syncs; every
/// write since each file's last sync is thrown away except a random subset of its sectors; the database is
/// reopened. Each time it must pass `PRAGMA integrity_check` and `foreign_key_check`, hold every message that
/// got an OK confirmation, and hold no transaction without its message and events.
///
/// 1,000 crashes by default; `ILLGATE_LOST_WRITE_CRASHES` asks for more (Tests/lost-writes.sh).
@Suite(.serialized) struct LostWriteDurabilityTests {
    static let ours = AgencyID(type: .isil, value: "DK-LEND")
    static let borrower = AgencyID(type: .isil, value: "US-BORR")
    static let callers = 4

    /// What the callers had confirmed OK before the power went.
    struct Acknowledged: Sendable {
        var requests: [String] = []
        var notes: [String] = []
        var refused = 0
    }

    @Test func everyAcknowledgedMessageSurvivesAPowerLoss() async throws {
        let crashes = ProcessInfo.processInfo.environment["ILLGATE_LOST_WRITE_CRASHES"].flatMap { Int($0) } ?? 1_000
        let seed = ProcessInfo.processInfo.environment["ILLGATE_LOST_WRITE_SEED"].flatMap { UInt64($0) } ?? 18_626
        #expect(lostwrite_install() == 0, "the lost-write VFS could not be registered")
        defer { lostwrite_track(nil) }

        var random = SeededRandomNumbers(seed: seed)
        var totals = Totals()
        // A new database every 100 power losses keeps each check of the whole file short.
        for first in stride(from: 0, to: crashes, by: Self.crashesPerDatabase) {
            try await Self.crash(from: first, count: min(Self.crashesPerDatabase, crashes - first), random: &random, totals: &totals)
        }
        print(
            "lost-write test: \(crashes) power losses, \(totals.requests) requests and \(totals.notes) notes "
                + "confirmed OK, 0 missing, 0 integrity errors; \(totals.sectorsLost) unsynced sectors thrown away, "
                + "\(totals.refusedAfterCut) messages refused once the power was cut"
        )
        #expect(totals.requests > crashes / 2, "too few confirmations to prove anything")
    }

    static let crashesPerDatabase = 100

    /// What all the databases went through.
    struct Totals {
        var requests = 0
        var notes = 0
        var sectorsLost = 0
        var refusedAfterCut = 0
    }

    /// Power losses `first..<first + count`, on a database of their own.
    static func crash(from first: Int, count: Int, random: inout SeededRandomNumbers, totals: inout Totals) async throws {
        let database = try TemporaryDatabase()
        lostwrite_track(database.directory.path + "/")
        var allRequests: [String] = []
        var allNotes: [String] = []
        var checkedUpTo: Int64 = 0
        for crash in first..<first + count {
            let store = try SQLiteTransactionStore(path: database.path)
            let gateway = try Self.gateway(store)
            // Between 0 and 150 more writes and syncs: from before the first commit to several commits and
            // checkpoints later (a request's commit is some 10 to 50 writes and one sync).
            lostwrite_cut_after(Int.random(in: 0...150, using: &random))
            let known = allRequests.suffix(20)
            let checkpointer = try DatabaseQueue(path: database.path)
            let acknowledged = await withTaskGroup(of: Acknowledged.self) { group in
                for caller in 0..<Self.callers {
                    group.addTask { await Self.send(gateway, caller: caller, crash: crash, earlier: Array(known)) }
                }
                // Checkpoints among the commits, so that power losses also fall while the WAL is copied into the
                // database file (the store's own checkpoints come only every 1,000 pages).
                group.addTask {
                    for _ in 0..<3 {
                        await Task.yield()
                        _ = try? await checkpointer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
                    }
                    return Acknowledged()
                }
                return await group.reduce(into: Acknowledged()) { total, part in
                    total.requests += part.requests
                    total.notes += part.notes
                    total.refused += part.refused
                }
            }
            totals.refusedAfterCut += acknowledged.refused
            try checkpointer.close()
            try store.close()
            // What a disk with a volatile cache may keep: nothing, everything, or any share of the sectors.
            let keep = [0, 1_000, Int.random(in: 0...1_000, using: &random)][crash % 3]
            let lost = lostwrite_power_loss(random.next(), Int32(keep))
            try #require(lost >= 0, "the simulated disk could not be rewound: errno \(errno)")
            totals.sectorsLost += lost

            allRequests += acknowledged.requests
            allNotes += acknowledged.notes
            checkedUpTo = try Self.verify(
                database.path, requests: acknowledged.requests, notes: acknowledged.notes, messagesAfter: checkedUpTo, after: crash
            )
        }
        // Whatever a later crash did, nothing confirmed earlier went missing either.
        try Self.verify(database.path, requests: allRequests, notes: allNotes, messagesAfter: 0, after: first + count - 1)
        totals.requests += allRequests.count
        totals.notes += allNotes.count
    }

    static func gateway(_ store: SQLiteTransactionStore) throws -> Gateway {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        return try Gateway(
            configuration: GatewayConfiguration(
                libraryAgencyID: ours,
                peers: [Peer(name: "borrower", agencyIDs: [borrower])],
                policy: PolicyConfiguration()
            ),
            store: store,
            clock: { now }
        )
    }

    /// One caller: new requests, and notes on requests confirmed before, until the power goes.
    static func send(_ gateway: Gateway, caller: Int, crash: Int, earlier: [String]) async -> Acknowledged {
        let context = PeerContext(authenticatedPeerName: "borrower", transport: "test")
        var acknowledged = Acknowledged()
        for index in 0..<6 {
            let wasCut = lostwrite_is_cut() != 0
            let id = "LW-\(crash)-\(caller)-\(index)"
            let message: ISO18626Message
            let isNote = index % 3 == 2 && !earlier.isEmpty
            if isNote {
                let target = earlier[(caller + index + crash) % earlier.count]
                message = .requestingAgencyMessage(
                    RequestingAgencyMessage(header: header(target), action: .notification, note: "note \(id)")
                )
            } else {
                message = .request(
                    Request(
                        header: header(id),
                        bibliographicInfo: BibliographicInfo(title: "Item \(id)"),
                        serviceInfo: ServiceInfo(serviceType: .loan)
                    )
                )
            }
            guard let bytes = try? ISO18626Encoder().encode(message, edition: .v1_2) else { continue }
            let reply = await gateway.handle(bytes, from: context)
            if reply.messageStatus == .ok {
                if isNote { acknowledged.notes.append("note \(id)") } else { acknowledged.requests.append(id) }
            } else if wasCut {
                acknowledged.refused += 1
            }
            if wasCut { break }
        }
        return acknowledged
    }

    static func header(_ requestID: String) -> Header {
        Header(
            supplyingAgencyID: ours,
            requestingAgencyID: borrower,
            timestamp: Date(timeIntervalSince1970: 1_795_000_000),
            requestingAgencyRequestID: requestID
        )
    }

    /// Opens the database after the power came back, as the daemon would, and checks what it holds: the whole
    /// file's integrity, and the confirmed messages among those stored after message `messagesAfter`.
    /// - Returns: the last message id, where the next check of new messages starts.
    @discardableResult
    static func verify(_ path: String, requests: [String], notes: [String], messagesAfter: Int64, after crash: Int) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            try #require(integrity == ["ok"], "after power loss \(crash): integrity_check says \(integrity.prefix(5))")
            let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            try #require(dangling.isEmpty, "after power loss \(crash): rows point at rows that are not there: \(dangling.prefix(5))")

            let storedRequests = Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT t.requesting_agency_request_id FROM message m JOIN ill_transaction t ON t.id = m.transaction_id
                        WHERE m.id > ? AND m.direction = 'inbound'
                        """,
                    arguments: [messagesAfter]
                )
            )
            let missingRequests = requests.filter { !storedRequests.contains($0) }
            try #require(missingRequests.isEmpty, "after power loss \(crash): confirmed OK but gone: \(missingRequests.prefix(10))")

            let storedNotes = Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT substr(body, instr(body, '<note>') + 6, instr(body, '</note>') - instr(body, '<note>') - 6) FROM message
                        WHERE id > ? AND direction = 'inbound' AND body LIKE '%<note>note LW-%'
                        """,
                    arguments: [messagesAfter]
                )
            )
            let missingNotes = notes.filter { !storedNotes.contains($0) }
            try #require(missingNotes.isEmpty, "after power loss \(crash): confirmed OK but gone: \(missingNotes.prefix(10))")

            // Nothing half-applied: a transaction comes with its message and its events, and its state is
            // the one its last event led to.
            let withoutMessage = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM ill_transaction t WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.transaction_id = t.id)"
            )
            try #require(withoutMessage == 0, "after power loss \(crash): \(withoutMessage ?? -1) transactions without their message")
            let stateNotFromEvents = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM ill_transaction t
                    WHERE t.state IS NOT (SELECT e.to_state FROM event e WHERE e.transaction_id = t.id ORDER BY e.id DESC LIMIT 1)
                    """
            )
            try #require(stateNotFromEvents == 0, "after power loss \(crash): \(stateNotFromEvents ?? -1) transactions whose state no event explains")
            let outboundWithoutOutbox = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM message m WHERE m.direction = 'outbound'
                    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id)
                    """
            )
            try #require(outboundWithoutOutbox == 0, "after power loss \(crash): \(outboundWithoutOutbox ?? -1) outbound messages without their outbox entry")
            return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM message") ?? 0
        }
    }
}
