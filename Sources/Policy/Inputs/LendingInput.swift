public import Foundation
public import ISO18626

/// Everything the lending rules decide a new request (or a retry) from.
public struct LendingInput: Hashable, Sendable {
    public var request: Request
    public var peer: PeerProfile
    public var item: ItemFacts
    public var history: LendingHistory
    /// When we received the request: the request date of every calendar rule (N08).
    public var receivedAt: Date
    /// For a `Retry`: the request it replaces, linked by the gateway; `nil` for a new request.
    public var replacing: ReplacedRequest?

    public init(request: Request, peer: PeerProfile, item: ItemFacts, history: LendingHistory, receivedAt: Date, replacing: ReplacedRequest? = nil) {
        self.request = request
        self.peer = peer
        self.item = item
        self.history = history
        self.receivedAt = receivedAt
        self.replacing = replacing
    }
}
