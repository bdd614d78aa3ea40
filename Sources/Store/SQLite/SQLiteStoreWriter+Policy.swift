import Foundation
import GRDB
import ISO18626

extension SQLiteStoreWriter {
    // MARK: Holdings

    func holdings(matching lookup: HoldingLookup) throws -> [HoldingRecord] {
        var ids: [Int64] = []
        for (kind, values) in [("isbn", lookup.isbns), ("issn", lookup.issns), ("oclc", lookup.oclcNumbers)] where !values.isEmpty {
            let marks = sqlBindMarkers(values.count)
            ids += try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT holding_id FROM holding_identifier WHERE kind = ? AND value IN (\(marks))"),
                arguments: StatementArguments([kind] + values)
            )
        }
        let noIdentifier = lookup.isbns.isEmpty && lookup.issns.isEmpty && lookup.oclcNumbers.isEmpty
        if noIdentifier, let key = lookup.titleKey, !key.isEmpty {
            ids += try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM holding WHERE title_key = ?"), arguments: [key])
        }
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [] }
        let marks = sqlBindMarkers(unique.count)
        let rows = try Row.fetchAllCached(db, sql: "SELECT * FROM holding WHERE id IN (\(marks)) ORDER BY id", arguments: StatementArguments(unique))
        let identifiers = try Row.fetchAllCached(
            db,
            sql: "SELECT * FROM holding_identifier WHERE holding_id IN (\(marks))",
            arguments: StatementArguments(unique)
        )
        return try rows.map { row throws(StoreError) in
            let id: Int64 = row["id"]
            let own = identifiers.filter { ($0["holding_id"] as Int64) == id }
            func values(_ kind: String) -> [String] { own.filter { ($0["kind"] as String) == kind }.map { $0["value"] } }
            return HoldingRecord(
                id: id,
                isbns: values("isbn"),
                issns: values("issn"),
                oclcNumbers: values("oclc"),
                title: row["title"],
                titleKey: row["title_key"],
                format: row["format"],
                branch: row["branch"],
                location: row["location"],
                callNumber: row["call_number"],
                status: try StoredRow(table: "holding", id: id).column("status", "a holding status").code(row["status"] as String?, as: HoldingRecord.Status.self),
                dueDate: (row["due_date"] as Double?).map(Date.init(timeIntervalSince1970:)),
                acquiredOn: (row["acquired_on"] as Double?).map(Date.init(timeIntervalSince1970:)),
                licence: row["licence"],
                hasLocalHold: row["has_local_hold"],
                loanAllowed: row["loan_allowed"],
                copyAllowed: row["copy_allowed"],
                periodicalClass: row["periodical_class"],
                sourceLine: row["source_line"],
                replacementCost: try Self.replacementCost(row, id: id)
            )
        }
    }

    /// A holding's replacement price, from its two columns (both NULL when the file gave none).
    /// - Throws: ``StoreError/Code/corruptValue`` when the amount is not an exact decimal or has no currency.
    static func replacementCost(_ row: Row, id: Int64) throws(StoreError) -> Money? {
        guard let text = row["replacement_cost"] as String? else { return nil }
        guard let amount = DecimalFormat.parse(text) else {
            throw StoreError.corruptValue(table: "holding", rowID: id, column: "replacement_cost", value: text, expected: "an exact decimal amount")
        }
        guard let code = row["replacement_currency"] as String? else {
            throw StoreError.corruptValue(table: "holding", rowID: id, column: "replacement_currency", value: nil, expected: "an ISO 4217 currency code")
        }
        return Money(exactly: amount, CurrencyCode(code))
    }

    func replaceHoldings(with records: [HoldingRecord]) throws {
        try db.execute(sql: "DELETE FROM holding_identifier; DELETE FROM holding;")
        let holding = try db.makeStatement(
            sql: """
                INSERT INTO holding (title, title_key, format, location, call_number, status, due_date, acquired_on, licence,
                    has_local_hold, loan_allowed, copy_allowed, periodical_class, source_line, replacement_cost, replacement_currency, branch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let identifier = try db.makeStatement(sql: "INSERT INTO holding_identifier (holding_id, kind, value) VALUES (?, ?, ?)")
        for record in records {
            try holding.execute(arguments: [
                record.title, record.titleKey, record.format, record.location, record.callNumber, record.status.rawValue,
                record.dueDate?.timeIntervalSince1970, record.acquiredOn?.timeIntervalSince1970, record.licence,
                record.hasLocalHold, record.loanAllowed, record.copyAllowed, record.periodicalClass, record.sourceLine,
                record.replacementCost.map { DecimalFormat.format($0.amount) }, record.replacementCost?.currency.value, record.branch,
            ])
            let id = db.lastInsertedRowID
            for (kind, values) in [("isbn", record.isbns), ("issn", record.issns), ("oclc", record.oclcNumbers)] {
                for value in Set(values) { try identifier.execute(arguments: [id, kind, value]) }
            }
        }
    }

    // MARK: Policy facts and history

    func policyFacts(transactionID: Int64) throws -> TransactionPolicyRecord? {
        try Row.fetchOneCached(db, sql: "SELECT * FROM transaction_policy WHERE transaction_id = ?", arguments: [transactionID]).map { row in
            let rota: String = row["rota"]
            return TransactionPolicyRecord(
                transactionID: row["transaction_id"],
                citationKey: row["citation_key"],
                titleKey: row["title_key"],
                issueKey: row["issue_key"],
                isArticle: row["is_article"],
                patronKey: row["patron_key"],
                patronType: row["patron_type"],
                renewalsUsed: row["renewals_used"],
                rota: rota.isEmpty ? [] : rota.components(separatedBy: "\n"),
                decisionRule: row["decision_rule"],
                decisionTrace: row["decision_trace"]
            )
        }
    }

    func save(_ facts: TransactionPolicyRecord) throws {
        try db.executeCached(
            sql: """
                INSERT OR REPLACE INTO transaction_policy (transaction_id, citation_key, title_key, issue_key, is_article, patron_key,
                    patron_type, renewals_used, rota, decision_rule, decision_trace) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                facts.transactionID, facts.citationKey, facts.titleKey, facts.issueKey, facts.isArticle, facts.patronKey,
                facts.patronType, facts.renewalsUsed, facts.rota.joined(separator: "\n"), facts.decisionRule, facts.decisionTrace,
            ]
        )
    }

    private func historyWhere(_ query: HistoryQuery) -> (String, StatementArguments) {
        var conditions = ["t.role = ?"]
        var arguments: StatementArguments = [query.role]
        func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?]) {
            conditions.append(condition)
            arguments += StatementArguments(values)
        }
        if let peer = query.peerName { add("t.peer_name = ?", [peer]) }
        if let states = query.states {
            if states.isEmpty { conditions.append("0") } else {
                add("t.state IN (\(sqlBindMarkers(states.count)))", states)
            }
        }
        if !query.excludingStates.isEmpty {
            add("t.state NOT IN (\(sqlBindMarkers(query.excludingStates.count)))", query.excludingStates)
        }
        if let types = query.serviceTypes, !types.isEmpty {
            add("t.service_type IN (\(sqlBindMarkers(types.count)))", types)
        }
        if let key = query.citationKey { add("p.citation_key = ?", [key]) }
        if let key = query.titleKey { add("p.title_key = ?", [key]) }
        if let key = query.issueKey { add("p.issue_key = ?", [key]) }
        if query.articlesOnly { conditions.append("p.is_article = 1") }
        if let key = query.patronKey { add("p.patron_key = ?", [key]) }
        if let since = query.since { add("t.created_at >= ?", [since.timeIntervalSince1970]) }
        for id in query.excludingTransactionIDs { add("t.id != ?", [id]) }
        conditions.append("t.superseded = 0")
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// The rows a history query reads: driven by the policy keys' indexes when it has one (a citation,
    /// title, issue or patron; CROSS JOIN keeps SQLite from starting at the transactions), by the
    /// transactions' indexes otherwise.
    private func historySource(_ query: HistoryQuery) -> String {
        let byPolicyKey = query.citationKey != nil || query.titleKey != nil || query.issueKey != nil || query.patronKey != nil
        return byPolicyKey
            ? "transaction_policy p CROSS JOIN ill_transaction t ON t.id = p.transaction_id"
            : "ill_transaction t LEFT JOIN transaction_policy p ON p.transaction_id = t.id"
    }

    func count(_ query: HistoryQuery) throws -> Int {
        let (sql, arguments) = historyCountStatement(query)
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// The SQL and arguments that count a history query (capped at `countAtMost` when it has one).
    func historyCountStatement(_ query: HistoryQuery) -> (sql: String, arguments: StatementArguments) {
        var (clause, arguments) = historyWhere(query)
        guard let cap = query.countAtMost else {
            return ("SELECT COUNT(*) FROM \(historySource(query)) WHERE \(clause)", arguments)
        }
        arguments += [cap]
        return ("SELECT COUNT(*) FROM (SELECT 1 FROM \(historySource(query)) WHERE \(clause) LIMIT ?)", arguments)
    }

    func latestTransactionID(_ query: HistoryQuery) throws -> Int64? {
        let (clause, arguments) = historyWhere(query)
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT t.id FROM \(historySource(query)) WHERE \(clause) ORDER BY t.id DESC LIMIT 1"),
            arguments: arguments
        )
    }

    // MARK: Copyright ledger

    func titleClusters(issns: [String], titleKeys: [String]) throws -> [TitleClusterRecord] {
        var ids: Set<Int64> = []
        if !issns.isEmpty {
            let marks = sqlBindMarkers(issns.count)
            ids.formUnion(try Int64.fetchAll(db, sql: "SELECT title_id FROM copyright_title_issn WHERE issn IN (\(marks))", arguments: StatementArguments(issns)))
        }
        if !titleKeys.isEmpty {
            let marks = sqlBindMarkers(titleKeys.count)
            ids.formUnion(try Int64.fetchAll(db, sql: "SELECT title_id FROM copyright_title_key WHERE title_key IN (\(marks))", arguments: StatementArguments(titleKeys)))
        }
        return try ids.sorted().compactMap { try titleCluster(id: $0) }
    }

    func titleCluster(id: Int64) throws -> TitleClusterRecord? {
        guard let row = try Row.fetchOneCached(db, sql: "SELECT * FROM copyright_title WHERE id = ?", arguments: [id]) else { return nil }
        let issns = try String.fetchAll(db, sql: "SELECT issn FROM copyright_title_issn WHERE title_id = ?", arguments: [id])
        let keys = try String.fetchAll(db, sql: "SELECT title_key FROM copyright_title_key WHERE title_id = ?", arguments: [id])
        return TitleClusterRecord(id: id, kind: row["kind"], displayTitle: row["display_title"], issns: Set(issns), titleKeys: Set(keys))
    }

    func createTitleCluster(kind: String, displayTitle: String, issns: [String], titleKeys: [String]) throws -> Int64 {
        try db.executeCached(sql: "INSERT INTO copyright_title (kind, display_title) VALUES (?, ?)", arguments: [kind, displayTitle])
        let id = db.lastInsertedRowID
        try extendTitleCluster(id: id, issns: issns, titleKeys: titleKeys)
        return id
    }

    func extendTitleCluster(id: Int64, issns: [String], titleKeys: [String]) throws {
        for issn in Set(issns) {
            try db.executeCached(sql: "INSERT OR IGNORE INTO copyright_title_issn (issn, title_id) VALUES (?, ?)", arguments: [issn, id])
        }
        for key in Set(titleKeys) where !key.isEmpty {
            try db.executeCached(sql: "INSERT OR IGNORE INTO copyright_title_key (title_key, title_id) VALUES (?, ?)", arguments: [key, id])
        }
    }

    func ledgerCount(titleID: Int64, scope: String, year: Int, includeReserved: Bool) throws -> Int {
        let states = includeReserved ? "('reserved', 'filled')" : "('filled')"
        return try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM copyright_ledger WHERE title_id = ? AND scope = ? AND year = ? AND counted = 1 AND state IN \(states)",
            arguments: [titleID, scope, year]
        ) ?? 0
    }

    func insert(_ entry: LedgerEntryRecord) throws -> LedgerEntryRecord {
        try db.executeCached(
            sql: """
                INSERT INTO copyright_ledger (transaction_id, title_id, scope, year, basis, counted, code, state, requested_at,
                    requested_local, title, issns, isbn, article_title, volume, issue, pages, publication_date, lenders,
                    royalty_estimate, royalty_paid, payment_batch, filled_at, released_at, purge_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: entry.columns
        )
        var stored = entry
        stored.id = db.lastInsertedRowID
        return stored
    }

    func update(_ entry: LedgerEntryRecord) throws {
        try db.executeCached(
            sql: """
                UPDATE copyright_ledger SET transaction_id = ?, title_id = ?, scope = ?, year = ?, basis = ?, counted = ?, code = ?,
                    state = ?, requested_at = ?, requested_local = ?, title = ?, issns = ?, isbn = ?, article_title = ?, volume = ?,
                    issue = ?, pages = ?, publication_date = ?, lenders = ?, royalty_estimate = ?, royalty_paid = ?,
                    payment_batch = ?, filled_at = ?, released_at = ?, purge_after = ?
                WHERE id = ?
                """,
            arguments: entry.columns + [entry.id]
        )
    }

    func ledgerEntries(transactionID: Int64) throws -> [LedgerEntryRecord] {
        try Row.fetchAllCached(db, sql: "SELECT * FROM copyright_ledger WHERE transaction_id = ? ORDER BY id", arguments: [transactionID])
            .map(LedgerEntryRecord.init(row:))
    }

    func ledgerEntries(ids: [Int64]) throws -> [LedgerEntryRecord] {
        guard !ids.isEmpty else { return [] }
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM copyright_ledger WHERE id IN (\(sqlBindMarkers(ids.count))) ORDER BY id",
            arguments: StatementArguments(ids)
        ).map(LedgerEntryRecord.init(row:))
    }

    func unpaidRoyalties(requestedBefore date: Date) throws -> [LedgerEntryRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM copyright_ledger WHERE basis = 'royalty' AND state = 'filled' AND royalty_paid = 0 AND requested_at < ? ORDER BY id",
            arguments: [date.timeIntervalSince1970]
        ).map(LedgerEntryRecord.init(row:))
    }

    // MARK: Review queue

    func insert(_ review: ReviewRecord) throws -> ReviewRecord {
        var stored = review
        stored.id = ids.allocate(.review)
        try insertReviewRow(stored)
        return stored
    }

    /// Inserts a review with the id it already has.
    func insertReviewRow(_ review: ReviewRecord) throws {
        try db.executeCached(
            sql: """
                INSERT INTO review (id, side, transaction_id, peer_name, title, rule, why, reason_if_timed_out, draft, draft_settings,
                    state, created_at, deadline, resolved_at, resolution, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [review.id] + review.columns
        )
    }

    func update(_ review: ReviewRecord) throws {
        try db.executeCached(
            sql: """
                UPDATE review SET side = ?, transaction_id = ?, peer_name = ?, title = ?, rule = ?, why = ?, reason_if_timed_out = ?,
                    draft = ?, draft_settings = ?, state = ?, created_at = ?, deadline = ?, resolved_at = ?, resolution = ?, code = ?
                WHERE id = ?
                """,
            arguments: review.columns + [review.id]
        )
    }

    func review(id: Int64) throws -> ReviewRecord? {
        try Row.fetchOneCached(db, sql: "SELECT * FROM review WHERE id = ?", arguments: [id]).map(ReviewRecord.init(row:))
    }

    func openReview(transactionID: Int64) throws -> ReviewRecord? {
        try Row.fetchOneCached(
            db,
            sql: "SELECT * FROM review WHERE transaction_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1",
            arguments: [transactionID]
        ).map(ReviewRecord.init(row:))
    }
}

extension LedgerEntryRecord {
    /// Reads a `copyright_ledger` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the state is not one this version knows.
    init(row: Row) throws(StoreError) {
        let id: Int64 = row["id"]
        self.init(
            id: id,
            transactionID: row["transaction_id"],
            titleID: row["title_id"],
            scope: row["scope"],
            year: row["year"],
            basis: row["basis"],
            counted: row["counted"],
            code: row["code"],
            state: try StoredRow(table: "copyright_ledger", id: id).column("state", "a ledger state").code(row["state"] as String?, as: State.self),
            requestedAt: Date(timeIntervalSince1970: row["requested_at"]),
            requestedLocal: row["requested_local"],
            title: row["title"],
            issns: row["issns"],
            isbn: row["isbn"],
            articleTitle: row["article_title"],
            volume: row["volume"],
            issue: row["issue"],
            pages: row["pages"],
            publicationDate: row["publication_date"],
            lenders: row["lenders"],
            royaltyEstimate: (row["royalty_estimate"] as String?).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) },
            royaltyPaid: row["royalty_paid"],
            paymentBatch: row["payment_batch"],
            filledAt: (row["filled_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            releasedAt: (row["released_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            purgeAfter: Date(timeIntervalSince1970: row["purge_after"])
        )
    }

    var columns: StatementArguments {
        let royalty: String? = royaltyEstimate.map { NSDecimalNumber(decimal: $0).stringValue }
        let values: [(any DatabaseValueConvertible)?] = [
            transactionID, titleID, scope, year, basis, counted, code, state.rawValue, requestedAt.timeIntervalSince1970,
            requestedLocal, title, issns, isbn, articleTitle, volume, issue, pages, publicationDate, lenders,
            royalty, royaltyPaid, paymentBatch, filledAt?.timeIntervalSince1970,
            releasedAt?.timeIntervalSince1970, purgeAfter.timeIntervalSince1970,
        ]
        return StatementArguments(values)
    }
}

extension ReviewRecord {
    /// Reads a `review` row.
    /// - Throws: ``StoreError/Code/corruptValue`` when the side or state is not one this version knows.
    init(row: Row) throws(StoreError) {
        let id: Int64 = row["id"]
        self.init(
            id: id,
            side: try StoredRow(table: "review", id: id).column("side", "lending or borrowing").code(row["side"] as String?, as: Side.self),
            transactionID: row["transaction_id"],
            peerName: row["peer_name"],
            title: row["title"],
            rule: row["rule"],
            why: row["why"],
            reasonIfTimedOut: row["reason_if_timed_out"],
            draft: row["draft"],
            draftSettings: row["draft_settings"],
            state: try StoredRow(table: "review", id: id).column("state", "a review state").code(row["state"] as String?, as: State.self),
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            deadline: (row["deadline"] as Double?).map(Date.init(timeIntervalSince1970:)),
            resolvedAt: (row["resolved_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            resolution: row["resolution"],
            code: row["code"]
        )
    }

    var columns: StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            side.rawValue, transactionID, peerName, title, rule, why, reasonIfTimedOut, draft, draftSettings, state.rawValue,
            createdAt.timeIntervalSince1970, deadline?.timeIntervalSince1970, resolvedAt?.timeIntervalSince1970, resolution, code,
        ]
        return StatementArguments(values)
    }
}
