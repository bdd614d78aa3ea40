import ISO18626

/// L06: volume checks against related or concerted copying (108(g)(1)) and duplicates.
enum RedFlagRules {
    static func l06(_ context: LendingContext) -> RuleResult {
        let flags = context.lending.redFlags
        let history = context.input.history
        var found: [String] = []
        if history.sameCitationFromPeer >= 1 {
            found.append("the same citation was requested within \(flags.duplicateHours) hours")
        }
        if context.isCopy, history.sameTitleCopiesFromPeer >= flags.sameTitlePerPeerMax {
            found.append("more than \(flags.sameTitlePerPeerMax) copies of one title within \(flags.sameTitleWindowHours) hours")
        }
        if context.isCopy, context.isPeriodical, history.sameIssueArticlesFromPeer >= flags.sameIssueArticlesMax {
            found.append("more than \(flags.sameIssueArticlesMax) article(s) from one issue within \(flags.sameTitleWindowHours) hours")
        }
        guard !found.isEmpty else { return .passed("no red flags") }
        let detail = "red flag: " + found.joined(separator: "; ")
        switch flags.action {
        case .review:
            return .review(why: "Red flag: " + found.joined(separator: "; ") + ".", reasonIfTimedOut: .policyProblem, code: .redFlag, detail: detail)
        case .unfilled:
            return .unfilled(
                .policyProblem,
                note: LendingNote.make(.redFlag, "Request refused: " + found.joined(separator: "; ") + "."),
                detail: detail
            )
        }
    }
}
