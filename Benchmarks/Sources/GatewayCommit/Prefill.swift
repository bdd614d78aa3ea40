// Fills a database with transactions in realistic states, each with its messages and events, as a year or
// two of a busy ILL office would leave them: three quarters lending, a quarter borrowing; most closed,
// some open; two messages and two events each. Loans that are out have a due date 30 days after they were
// created (so the older open ones are overdue); borrowing requests have a pickup branch and policy facts
// (title key among 5,000 titles, a patron key among 3,000 patrons), and one in ten is a copy counted in
// the copyright ledger. Lending loans were pulled from one of three branches (half of the WillSupply ones
// still open). The money of those two years: each month, an invoice to each of the 40 peers (one
// in twenty voided, the rest paid a month later) and an invoice from each, approved a week after its date.
// Rows are written straight with GRDB in large transactions (this is set-up, not what is measured).

import Foundation
import GRDB
import Store
import Transactions

enum Prefill {
    /// Writes `count` transactions into the database at `path` (its schema must exist) and returns the
    /// request id, requester and id of a lending transaction in the middle, to look up.
    static func run(path: String, count: Int, body: [UInt8], confirmation: String, progress: (Int) -> Void) throws -> (requestID: String, requester: String, transactionID: Int64) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let bodyText = String(decoding: body, as: UTF8.self)
        let supplierStates: [(SupplierState, Int)] = [
            (.loanCompleted, 40), (.copyCompleted, 20), (.unfilled, 15), (.cancelled, 3), (.loaned, 10), (.willSupply, 5),
            (.requestReceived, 2), (.overdue, 2), (.retryPossible, 3),
        ]
        let requesterStates: [(RequesterState, Int)] = [
            (.completed, 60), (.unfilled, 15), (.cancelled, 5), (.requested, 5), (.willSupply, 5), (.received, 5), (.withPatron, 5),
        ]
        func pick<State>(_ table: [(State, Int)], _ value: Int) -> State {
            let total = table.reduce(0) { $0 + $1.1 }
            var rest = value % total
            for (state, weight) in table {
                if rest < weight { return state }
                rest -= weight
            }
            return table[0].0
        }
        let start = Date().timeIntervalSince1970 - 2 * 365 * 86_400
        let batch = 10_000
        var written = 0
        var middle: (String, String, Int64) = ("", "", 0)
        var nextMessage = (try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM message") } ?? 0) + 1
        let firstTransaction = (try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ill_transaction") } ?? 0) + 1
        while written < count {
            let upTo = min(count, written + batch)
            try pool.write { db in
                let transaction = try db.cachedStatement(
                    sql: """
                        INSERT INTO ill_transaction (id, role, state, service_type, requesting_agency_id, requesting_agency_request_id,
                            supplying_agency_id, supplying_agency_request_id, peer_name, edition, has_answered_request, last_status,
                            title, created_at, updated_at, closed_at, patron_data_purged_at, version, due_date, pickup_location, supplied_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '1.2', 1, ?, ?, ?, ?, ?, ?, 3, ?, ?, ?)
                        """
                )
                let message = try db.cachedStatement(
                    sql: """
                        INSERT INTO message (id, transaction_id, direction, kind, peer_name, deduplication_key, summary, header_timestamp,
                            recorded_at, body, confirmation, confirmation_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OK')
                        """
                )
                let facts = try db.cachedStatement(
                    sql: "INSERT INTO transaction_policy (transaction_id, citation_key, title_key, patron_key) VALUES (?, ?, ?, ?)"
                )
                let ledger = try db.cachedStatement(
                    sql: """
                        INSERT INTO copyright_ledger (transaction_id, title_id, scope, year, basis, counted, code, state, requested_at,
                            requested_local, title, purge_after) VALUES (?, ?, 'institution', 2026, 'guideline', 1, 'US-CCG', 'filled', ?, '', ?, ?)
                        """
                )
                let pull = try db.cachedStatement(
                    sql: """
                        INSERT INTO pull (transaction_id, branch, title, call_number, shelf_location, state, created_at, deadline, closed_at)
                        VALUES (?, ?, ?, ?, 'Stacks', ?, ?, ?, ?)
                        """
                )
                let event = try db.cachedStatement(
                    sql: "INSERT INTO event (transaction_id, at, source, event, from_state, to_state, message_id) VALUES (?, ?, 'peer', ?, ?, ?, ?)"
                )
                for index in written..<upTo {
                    let id = firstTransaction + Int64(index)
                    let lending = index % 4 != 0
                    let created = start + Double(index) * (2 * 365 * 86_400 / Double(max(count, 1)))
                    let state: String
                    let closed: Bool
                    let out: Bool
                    let supplied: Bool
                    if lending {
                        let picked = pick(supplierStates, index / 4 * 7 + index % 4)
                        state = picked.rawValue
                        closed = picked.isTerminal
                        out = [.loaned, .overdue].contains(picked)
                        supplied = picked.outcome == .supplied
                    } else {
                        let picked = pick(requesterStates, index / 4)
                        state = picked.rawValue
                        closed = picked.isTerminal
                        out = [.received, .withPatron].contains(picked)
                        supplied = picked.outcome == .supplied
                    }
                    let peer = "peer-\(index % 40)"
                    let requester = lending ? "ISIL:XX-P\(index % 40)" : "ISIL:XX-ILLGATE"
                    let supplier = lending ? "ISIL:XX-ILLGATE" : "ISIL:XX-P\(index % 40)"
                    let requestID = "PREFILL-\(index)"
                    let updated = created + 5 * 86_400
                    try transaction.execute(arguments: [
                        id, lending ? "supplier" : "requester", state, index % 3 == 0 ? "Copy" : "Loan", requester, requestID, supplier,
                        "ILG-\(id)", peer, "Loaned", "A title \(index % 5_000)", created, updated, closed ? updated : nil,
                        closed && index % 2 == 0 ? updated + 90 * 86_400 : nil, out ? created + 30 * 86_400 : nil,
                        lending ? nil : ["MAIN", "LAW", "MED"][index % 3], supplied ? created + Double(1 + index % 9) * 86_400 : nil,
                    ])
                    if lending, state == SupplierState.willSupply.rawValue || state == SupplierState.loanCompleted.rawValue {
                        // A supplied loan was pulled from its branch: half of those promised still wait on a branch's
                        // shelf (the pick lists), the other half reached the desk (the ship list); arrived since.
                        let open = state == SupplierState.willSupply.rawValue && index % 2 == 0
                        try pull.execute(arguments: [
                            id, ["MAIN", "LAW", "MED"][index % 3], "A title \(index % 5_000)", "QA76.\(index % 900)", open ? "open" : "arrived",
                            created, created + 2 * 86_400, open ? nil : created + 86_400,
                        ])
                    }
                    if !lending {
                        let titleKey = "a title \(index % 5_000)"
                        try facts.execute(arguments: [id, "\(titleKey)|\(index % 7)", titleKey, "patron-\(index % 3_000)"])
                        if index % 40 == 0 {
                            try ledger.execute(arguments: [id, titleCluster(titleKey, db), created, titleKey, created + 4 * 365 * 86_400])
                        }
                    }
                    let inbound = nextMessage
                    nextMessage += 2
                    try message.execute(arguments: [
                        inbound, id, lending ? "inbound" : "outbound", "request", peer,
                        lending ? "request|\(requester)|\(requestID)|\(index)" : nil, "request", created, created, bodyText, confirmation,
                    ])
                    try message.execute(arguments: [
                        inbound + 1, id, lending ? "outbound" : "inbound", "supplyingAgencyMessage", peer,
                        lending ? nil : "supplyingAgencyMessage|\(requester)|\(requestID)|\(index)", "Loaned/StatusChange", updated, updated,
                        bodyText, confirmation,
                    ])
                    try event.execute(arguments: [id, created, "request:New", "", "RequestReceived", inbound])
                    try event.execute(arguments: [id, updated, "loaned", "RequestReceived", state, inbound + 1])
                    if index == count / 2 + 1 { middle = (requestID, requester, id) }
                }
            }
            written = upTo
            progress(written)
        }
        try pool.write { db in try prefillMoney(db, from: start, months: 24, peers: 40) }
        try pool.write { db in try db.execute(sql: "ANALYZE") }
        return middle
    }

    /// A month's invoices both ways per peer over `months` months from `start`.
    private static func prefillMoney(_ db: Database, from start: Double, months: Int, peers: Int) throws {
        let invoice = try db.cachedStatement(
            sql: """
                INSERT INTO invoice (number, year, sequence, kind, peer_name, issued_at, due_at, total, currency, voided_at, bill_to)
                VALUES (?, 2026, ?, 'invoice', ?, ?, ?, ?, 'USD', ?, 'Prefill library')
                """
        )
        let payment = try db.cachedStatement(
            sql: """
                INSERT INTO payment (invoice_id, amount, currency, received_on, recorded_at, recorded_by)
                VALUES (?, ?, 'USD', ?, ?, 'prefill')
                """
        )
        let received = try db.cachedStatement(
            sql: """
                INSERT INTO received_invoice (peer_name, number, invoice_date, total, currency, state, recorded_at, approved_by, approved_at)
                VALUES (?, ?, ?, ?, 'USD', 'approved', ?, 'prefill', ?)
                """
        )
        var sequence = 0
        for month in 0..<months {
            let issued = start + Double(month) * 30.4 * 86_400
            for peer in 0..<peers {
                sequence += 1
                let total = "\(20 + (month * peers + peer) % 80).00"
                let voided = sequence % 20 == 0
                try invoice.execute(arguments: [
                    "PREFILL-\(sequence)", sequence, "peer-\(peer)", issued, issued + 30 * 86_400, total, voided ? issued + 86_400 : nil,
                ])
                if !voided {
                    try payment.execute(arguments: [db.lastInsertedRowID, total, issued + 30 * 86_400, issued + 30 * 86_400])
                }
                try received.execute(arguments: ["peer-\(peer)", "L-\(sequence)", issued, total, issued, issued + 7 * 86_400])
            }
        }
    }

    /// The copyright title cluster of a title key, created on first use.
    private static func titleCluster(_ titleKey: String, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT title_id FROM copyright_title_key WHERE title_key = ?", arguments: [titleKey]) {
            return id
        }
        try db.execute(sql: "INSERT INTO copyright_title (kind, display_title) VALUES ('periodical', ?)", arguments: [titleKey])
        let id = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO copyright_title_key (title_key, title_id) VALUES (?, ?)", arguments: [titleKey, id])
        return id
    }
}
