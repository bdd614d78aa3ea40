import GRDB
import Synchronization

/// Hands out row ids for the tables whose new rows a decision refers to before they are written
/// (transactions, messages, reviews, pulls), so a decision taken off the writer can encode messages that carry
/// the ids and link rows to each other.
///
/// Ids start past the largest ever used (SQLite's `sqlite_sequence` for AUTOINCREMENT tables, or the
/// largest id present) and only grow; an id given to a decision that is never committed is skipped, as
/// AUTOINCREMENT would skip it. Every insert into these tables takes its id from here, so two writers in
/// this process never collide; a row inserted by another process is caught by the primary key, reported
/// as a ``WriteConflict``, and ``resynchronise(_:)`` moves past it.
final class RowIDAllocator: Sendable {
    /// The tables with allocated ids.
    enum Table: String, CaseIterable, Sendable {
        case transaction = "ill_transaction"
        case message
        case review
        case pull
    }

    private let next: Mutex<[Table: Int64]>

    /// Reads the largest ids used so far.
    init(_ db: Database) throws {
        next = Mutex(try Self.largestIDs(db).mapValues { $0 + 1 })
    }

    /// The next id for a table.
    func allocate(_ table: Table) -> Int64 {
        next.withLock { next in
            let id = next[table, default: 1]
            next[table] = id + 1
            return id
        }
    }

    /// Moves past ids that another process has used meanwhile.
    func resynchronise(_ db: Database) throws {
        let largest = try Self.largestIDs(db)
        next.withLock { next in
            for (table, id) in largest { next[table] = max(next[table, default: 1], id + 1) }
        }
    }

    private static func largestIDs(_ db: Database) throws -> [Table: Int64] {
        var largest: [Table: Int64] = [:]
        for table in Table.allCases {
            let present = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table.rawValue)") ?? 0
            let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table.rawValue]) ?? 0
            largest[table] = max(present, sequence)
        }
        return largest
    }
}
