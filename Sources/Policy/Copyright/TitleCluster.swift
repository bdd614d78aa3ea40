/// A periodical identity as the ledger has learned it: a cluster of ISSNs (print, electronic, ISSN-L)
/// and title keys (§5.2). Works (non-periodicals) are clusters with one key and no ISSN.
public struct TitleCluster: Hashable, Sendable {
    public var id: Int64
    public var issns: Set<String>
    public var titleKeys: Set<String>

    public init(id: Int64, issns: Set<String>, titleKeys: Set<String>) {
        self.id = id
        self.issns = issns
        self.titleKeys = titleKeys
    }
}

/// Which cluster a copyright subject belongs to, and what the ledger learns from it.
public enum TitleResolution: Hashable, Sendable {
    /// An existing cluster; the ISSNs and title key to add to it (empty when nothing new).
    case existing(id: Int64, learnedISSNs: [String], learnedTitleKey: String?)
    /// A new cluster with these ISSNs and title key.
    case new(issns: [String], titleKey: String)
}
