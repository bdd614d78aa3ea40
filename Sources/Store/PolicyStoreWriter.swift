public import Foundation
/// The writes and in-transaction reads the policy engine's wiring needs: holdings lookups, history
/// counts, the copyright ledger and the review queue. Every call runs inside the caller's database
/// transaction, so a count read here and the entry written after it are atomic (policy K10).
public protocol PolicyStoreWriter {
    /// Copies matching any identifier of the lookup (or its title key when it has no identifier).
    func holdings(matching lookup: HoldingLookup) throws -> [HoldingRecord]
    /// Replaces the whole holdings table with these records.
    func replaceHoldings(with records: [HoldingRecord]) throws

    func policyFacts(transactionID: Int64) throws -> TransactionPolicyRecord?
    /// Inserts or replaces a transaction's policy facts.
    func save(_ facts: TransactionPolicyRecord) throws
    /// How many transactions match.
    func count(_ query: HistoryQuery) throws -> Int
    /// The newest transaction that matches, if any.
    func latestTransactionID(_ query: HistoryQuery) throws -> Int64?

    /// Clusters sharing any of these ISSNs or title keys.
    func titleClusters(issns: [String], titleKeys: [String]) throws -> [TitleClusterRecord]
    /// Creates a cluster and returns its id.
    func createTitleCluster(kind: String, displayTitle: String, issns: [String], titleKeys: [String]) throws -> Int64
    /// Adds ISSNs and title keys to a cluster.
    func extendTitleCluster(id: Int64, issns: [String], titleKeys: [String]) throws
    func titleCluster(id: Int64) throws -> TitleClusterRecord?
    /// Counted entries of a bucket: reserved (when `includeReserved`) or filled.
    func ledgerCount(titleID: Int64, scope: String, year: Int, includeReserved: Bool) throws -> Int
    func insert(_ entry: LedgerEntryRecord) throws -> LedgerEntryRecord
    func update(_ entry: LedgerEntryRecord) throws
    func ledgerEntries(transactionID: Int64) throws -> [LedgerEntryRecord]
    /// Ledger entries by id (those that exist), in id order.
    func ledgerEntries(ids: [Int64]) throws -> [LedgerEntryRecord]
    /// Royalties owed and not yet paid: basis `royalty`, the copy received (filled), requested before `date`.
    func unpaidRoyalties(requestedBefore date: Date) throws -> [LedgerEntryRecord]

    func insert(_ review: ReviewRecord) throws -> ReviewRecord
    func update(_ review: ReviewRecord) throws
    func review(id: Int64) throws -> ReviewRecord?
    func openReview(transactionID: Int64) throws -> ReviewRecord?
}
