import Foundation
import ISO18626

/// L01–L03: who is asking, and whether we lend at all right now.
enum PeerRules {
    /// L01: the peer is configured; an unknown agency gets `unknown_peers`.
    static func l01(_ context: LendingContext) -> RuleResult {
        guard !context.peer.isKnown else { return .passed("peer is configured") }
        switch context.lending.unknownPeers {
        case .refuse:
            return .unfilled(
                .policyProblem,
                note: LendingNote.make(.unknownPeer, "We lend only to configured partner libraries."),
                detail: "unknown peer refused (unknown_peers = refuse)"
            )
        case .review:
            return .review(why: "Request from an agency that is not a configured peer.", reasonIfTimedOut: .policyProblem, code: .unknownPeer, detail: "unknown peer held for review (unknown_peers = review)")
        case .accept:
            return .noted("unknown peer accepted with the default profile (unknown_peers = accept)")
        }
    }

    /// L02: lending is open (`closed_until`).
    static func l02(_ context: LendingContext) -> RuleResult {
        guard let reopening = context.lending.closedUntil, reopening > context.input.receivedAt else {
            return .passed("lending open")
        }
        let day = LendingNote.day(reopening, context.calendar)
        return .retry(
            .notCurrentAvailableForILL,
            offers: RetryInfo(retryAfter: reopening),
            note: LendingNote.make(.lendingClosed, "Lending is closed until \(day); please retry after that date."),
            detail: "lending closed until \(day)"
        )
    }

    /// L03: the peer is not blocked, in its own entry or in `blocked_peers`.
    static func l03(_ context: LendingContext) -> RuleResult {
        let blocked = context.lending.blockedPeers
        let ids = context.peer.agencyIDs + [context.request.header.requestingAgencyID.description]
        let listed = ids.first { blocked.lendingContains($0) }
        guard context.peer.isBlocked || listed != nil else { return .passed("peer not blocked") }
        return .unfilled(
            .policyProblem,
            note: LendingNote.make(.peerBlocked, "Lending to your library is suspended; please contact us."),
            detail: listed.map { "peer \($0) is in blocked_peers" } ?? "peer is blocked in its profile"
        )
    }
}
