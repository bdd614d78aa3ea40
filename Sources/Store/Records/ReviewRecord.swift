public import Foundation

/// A request held for staff: a lending request the policy would not decide alone, or a patron's
/// borrowing request held before anything was sent.
public struct ReviewRecord: Hashable, Sendable {
    /// Where the review stands.
    public enum State: String, Hashable, Sendable, CaseIterable {
        case open
        case approved
        case refused
        /// The deadline passed and `on_review_timeout = "unfilled"` answered it.
        case timedOut = "timed_out"
    }
    /// Whose request it is.
    public enum Side: String, Hashable, Sendable, CaseIterable {
        /// A peer asked us to lend (the transaction exists, in RequestReceived).
        case lending
        /// Our patron asked to borrow (nothing sent yet; the draft request is kept).
        case borrowing
    }

    public var id: Int64
    public var side: Side
    /// The lending transaction; `nil` for a borrowing draft.
    public var transactionID: Int64?
    public var peerName: String?
    public var title: String?
    public var rule: String
    public var why: String
    /// What a timed-out lending review is answered with (`reasonUnfilled`).
    public var reasonIfTimedOut: String?
    /// A borrowing draft: the request as staff submitted it (ISO 18626 XML) and its settings (JSON).
    public var draft: String?
    public var draftSettings: String?
    public var state: State
    public var createdAt: Date
    public var deadline: Date?
    public var resolvedAt: Date?
    public var resolution: String?
    /// The stable reason code of why it is held (`copyright-declaration-missing`, `weak_identity`, …).
    public var code: String?

    public init(
        id: Int64 = 0,
        side: Side,
        transactionID: Int64? = nil,
        peerName: String? = nil,
        title: String? = nil,
        rule: String,
        why: String,
        reasonIfTimedOut: String? = nil,
        draft: String? = nil,
        draftSettings: String? = nil,
        state: State = .open,
        createdAt: Date,
        deadline: Date? = nil,
        resolvedAt: Date? = nil,
        resolution: String? = nil,
        code: String? = nil
    ) {
        self.id = id
        self.side = side
        self.transactionID = transactionID
        self.peerName = peerName
        self.title = title
        self.rule = rule
        self.why = why
        self.reasonIfTimedOut = reasonIfTimedOut
        self.draft = draft
        self.draftSettings = draftSettings
        self.state = state
        self.createdAt = createdAt
        self.deadline = deadline
        self.resolvedAt = resolvedAt
        self.resolution = resolution
        self.code = code
    }
}
