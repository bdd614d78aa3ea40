public import Foundation
import GRDB
import ISO18626
import Transactions

/// The demand report's reading of the borrowing requests and the copyright ledger.
extension SQLiteTransactionStore {
    public func demand(createdFrom start: Date, before end: Date, minimumRequests: Int) async throws -> [TitleDemandRecord] {
        try await read { db in
            let (sql, arguments) = Self.demandStatement(from: start, before: end, minimumRequests: minimumRequests)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                TitleDemandRecord(
                    titleKey: row["title_key"],
                    title: row["title"],
                    requests: row["requests"],
                    patrons: row["patrons"],
                    loans: row["loans"],
                    copyrightCount: row["copyright_count"],
                    lastRequestedAt: Date(timeIntervalSince1970: row["last_requested_at"])
                )
            }
        }
    }

    /// Borrowing requests created in the period, grouped by title; a retry (which repeats its original)
    /// is left out, and one patron's request for one citation counts once, whichever lenders it went to.
    static func demandStatement(from start: Date, before end: Date, minimumRequests: Int) -> (String, StatementArguments) {
        let (from, to) = (start.timeIntervalSince1970, end.timeIntervalSince1970)
        // One grouped read (no derived tables): a title's copyright cluster is found by ISSN when the policy
        // keyed the title so (a periodical), else by its title key; both lookups, and the count, use keys.
        let titleKey = "COALESCE(p.title_key, LOWER(t.title))"
        let cluster = """
            COALESCE((SELECT s.title_id FROM copyright_title_issn s WHERE s.issn = UPPER(\(titleKey))),
                (SELECT k.title_id FROM copyright_title_key k WHERE k.title_key = \(titleKey) LIMIT 1))
            """
        let sql = """
            SELECT \(titleKey) AS title_key,
                COALESCE((SELECT c.display_title FROM copyright_title c WHERE c.id = \(cluster)), MIN(t.title)) AS title,
                COUNT(DISTINCT CASE WHEN p.patron_key IS NOT NULL AND p.citation_key IS NOT NULL
                    THEN p.patron_key || '|' || p.citation_key ELSE 't' || t.id END) AS requests,
                COUNT(DISTINCT p.patron_key) AS patrons,
                SUM(CASE WHEN t.service_type = '\(ServiceType.loan.rawValue)' THEN 1 ELSE 0 END) AS loans,
                MAX(t.created_at) AS last_requested_at,
                (SELECT COUNT(*) FROM copyright_ledger l
                    WHERE l.title_id = \(cluster) AND l.counted = 1 AND l.state != 'released'
                        AND l.requested_at >= ? AND l.requested_at < ?) AS copyright_count
            FROM ill_transaction t LEFT JOIN transaction_policy p ON p.transaction_id = t.id
            WHERE t.created_at >= ? AND t.created_at < ? AND t.role = 'requester' AND t.superseded = 0
                AND t.previous_transaction_id IS NULL AND t.title IS NOT NULL
            GROUP BY 1
            HAVING requests >= ?
            ORDER BY requests DESC, title
            """
        return (sql, [from, to, from, to, minimumRequests])
    }
}
