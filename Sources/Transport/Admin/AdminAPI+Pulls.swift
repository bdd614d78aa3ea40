import Documents
import Foundation
import Gateway
import Hummingbird
import ISO18626
import Logging
import Printing
import Store

/// The pull routes (the lender's "system reserve", see ``Gateway/pullArrived(transactionID:)``):
///
/// `GET /v1/pulls` (`branch`, `state` = `open`, `arrived`, `cancelled`, `timed_out`, comma-separated,
/// default open; `limit`), `POST /v1/pulls/{transaction id}/arrived`, `POST /v1/pulls/{transaction id}/cancel`
/// (`next_branch=true` to pull from the next branch instead of answering Unfilled), and
/// `GET /v1/pulls/slips?branch=CODE&paper=a4|letter` (the branch's pull slips as a PDF). Each staff action is
/// one log line `event=pull-arrived|pull-cancelled tx=… request_id=… branch=…`, never patron data.
extension AdminRoutes {
    func registerPulls(on v1: RouterGroup<BasicRequestContext>) {
        v1.get("pulls") { request, _ in
            await guarded(request) { try await pulls(request) }
        }
        v1.get("pulls/slips") { request, _ -> Response in
            guard isAuthorized(request) else { return AdminRoutes.unauthorized }
            return await document { try await pullSlips(request) }
        }
        v1.post("pulls/{id}/arrived") { request, context in
            await guarded(request) {
                let outcome = try await gateway.pullArrived(transactionID: try context.parameters.require("id", as: Int64.self))
                logPull(outcome, event: "pull-arrived")
                return AdminPullOutcome(outcome)
            }
        }
        v1.post("pulls/{id}/cancel") { request, context in
            await guarded(request) {
                let query = request.uri.queryParameters
                let nextBranch: Bool
                switch query.get("next_branch") {
                case nil, "false": nextBranch = false
                case "true": nextBranch = true
                case let other?: throw AdminError(error: "next_branch: '\(other)' is not true or false", reason: .badRequest)
                }
                let outcome = try await gateway.cancelPull(
                    transactionID: try context.parameters.require("id", as: Int64.self),
                    nextBranch: nextBranch,
                    note: query.get("note")
                )
                logPull(outcome, event: "pull-cancelled")
                return AdminPullOutcome(outcome)
            }
        }
    }

    private func pulls(_ request: Request) async throws -> [AdminPull] {
        let query = request.uri.queryParameters
        var states: Set<PullRecord.State> = [.open]
        if let text = query.get("state") {
            states = []
            for name in text.split(separator: ",").map(String.init) {
                guard let state = PullRecord.State(rawValue: name) else {
                    let known = PullRecord.State.allCases.map(\.rawValue).joined(separator: ", ")
                    throw AdminError(error: "state: '\(name)' is not a pull state; states: \(known)", reason: .badRequest)
                }
                states.insert(state)
            }
        }
        let limit = query.get("limit").flatMap(Int.init) ?? 1_000
        return try await gateway.pulls(branch: query.get("branch"), states: states, limit: max(1, limit)).map(AdminPull.init)
    }

    private func pullSlips(_ request: Request) async throws -> [UInt8] {
        let query = request.uri.queryParameters
        guard let branch = query.get("branch") else {
            throw AdminError(error: "branch: required (a code of [[library.branches]])", reason: .badRequest)
        }
        let size: PageSize
        switch query.get("paper") {
        case nil, "a4": size = .a4
        case "letter": size = .letter
        case let other?: throw AdminError(error: "paper: '\(other)' is not a4 or letter", reason: .badRequest)
        }
        return try PullSlipLayout.render(try await gateway.pullSlips(branch: branch), pageSize: size, calendar: gateway.libraryCalendar)
    }

    /// One line `event=pull-created` for the pull a staff action (supply, a review approved) made, if it made one.
    func logPullMade(byActionOn id: Int64, at start: Date) async {
        guard let listings = try? await gateway.pulls(transactionID: id) else { return }
        for listing in listings where listing.pull.state == .open && listing.pull.createdAt >= start {
            logger.info(
                "pull made",
                metadata: [
                    "event": "pull-created", "tx": .string(String(id)), "request_id": .string(listing.requestID),
                    "branch": .string(listing.pull.branch), "pull": .string(String(listing.pull.id)),
                ]
            )
        }
    }

    /// One line per staff action on a pull, and one for the pull made at the next branch.
    private func logPull(_ outcome: PullOutcome, event: String) {
        var metadata: Logger.Metadata = [
            "event": .string(event), "tx": .string(String(outcome.transaction.id)),
            "request_id": .string(outcome.transaction.requestingAgencyRequestID), "branch": .string(outcome.closed.branch),
            "pull": .string(String(outcome.closed.id)),
        ]
        if let next = outcome.next {
            metadata["next_branch"] = .string(next.branch)
        } else if outcome.answeredUnfilled {
            metadata["answer"] = "Unfilled"
            metadata["reason"] = .string(Gateway.pullUnfilledReason.value)
        }
        logger.info("staff action", metadata: metadata)
    }
}
