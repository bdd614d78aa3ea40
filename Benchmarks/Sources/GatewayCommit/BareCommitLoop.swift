// The reference of GatewayCommit: a bare GRDB loop that writes the rows one new request costs (its
// transaction, its inbound message with the confirmation, its event) into the same schema, with the same
// sizes and the same commit grouping (`callers` messages per commit: the gateway's average in the same
// run), WAL and synchronous=FULL. No decoding, no decision, no encoding.

import Foundation
import GRDB

enum BareCommitLoop {
    /// Messages per second the bare loop commits in `duration` seconds.
    static func run(databasePath: String, callers: Int, duration: Double, body: [UInt8], confirmation: String) throws -> Double {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: databasePath, configuration: configuration)
        let bodyText = String(decoding: body, as: UTF8.self)
        var nextID = (try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ill_transaction") } ?? 0) + 1
        var messages = 0
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(duration * 1000))
        while clock.now < deadline {
            try pool.write { db in
                let transaction = try db.cachedStatement(
                    sql: """
                        INSERT INTO ill_transaction (id, role, state, service_type, requesting_agency_id, requesting_agency_request_id,
                            supplying_agency_id, supplying_agency_request_id, peer_name, edition, created_at, updated_at, version)
                        VALUES (?, 'supplier', 'RequestReceived', 'Loan', 'ISIL:XX-PARTNER', ?, 'ISIL:XX-ILLGATE', ?, 'partner', '1.2', ?, ?, 0)
                        """
                )
                let message = try db.cachedStatement(
                    sql: """
                        INSERT INTO message (id, transaction_id, direction, kind, peer_name, deduplication_key, summary, header_timestamp,
                            recorded_at, body, confirmation, confirmation_status) VALUES (?, ?, 'inbound', 'request', 'partner', ?, 'request', ?, ?, ?, ?, 'OK')
                        """
                )
                let event = try db.cachedStatement(
                    sql: """
                        INSERT INTO event (transaction_id, at, source, event, from_state, to_state, message_id)
                        VALUES (?, ?, 'peer', 'request:New', '', 'RequestReceived', ?)
                        """
                )
                let now = Date().timeIntervalSince1970
                for _ in 0..<callers {
                    let id = nextID
                    nextID += 1
                    try transaction.execute(arguments: [id, "BARE-\(id)", "ILG-\(id)", now, now])
                    try message.execute(arguments: [id, id, "request|ISIL:XX-PARTNER|BARE-\(id)|\(id)", now, now, bodyText, confirmation])
                    try event.execute(arguments: [id, now, id])
                }
            }
            messages += callers
        }
        return Double(messages) / duration
    }

    /// Durable single-row commits per second (WAL, synchronous=FULL) into a scratch table: the one-connection
    /// reference of load/run.sh, since one client waits for each commit.
    static func singleRowCommits(databasePath: String, duration: Double) throws -> Double {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: databasePath, configuration: configuration)
        try pool.write { db in try db.execute(sql: "CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, at REAL NOT NULL, note TEXT)") }
        var commits = 0
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(duration * 1000))
        while clock.now < deadline {
            try pool.write { db in
                try db.cachedStatement(sql: "INSERT INTO bare (at, note) VALUES (?, ?)").execute(arguments: [Date().timeIntervalSince1970, "one row"])
            }
            commits += 1
        }
        return Double(commits) / duration
    }
}
