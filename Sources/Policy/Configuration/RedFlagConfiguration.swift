/// Volume checks against related or concerted copying, `[policy.lending.red_flags]` (L06).
public struct RedFlagConfiguration: Hashable, Sendable {
    /// What a red flag leads to.
    public enum Action: String, Hashable, Sendable, CaseIterable { case review, unfilled }

    /// The same citation from the same peer within this many hours is a duplicate.
    public var duplicateHours = 24
    /// More copy requests than this for one title from one peer within the window is a red flag.
    public var sameTitlePerPeerMax = 5
    public var sameTitleWindowHours = 72
    /// More articles than this from one issue (from one peer, within the title window) is a red flag.
    public var sameIssueArticlesMax = 1
    public var action: Action = .review

    public init() {}
}
