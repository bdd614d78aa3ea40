import ISO18626

/// L04: the service type is offered to this peer, and the peer's country is inside that service type's
/// geography (`loan_countries` for loans, `copy_countries` for copies).
enum ServiceTypeRules {
    /// Why a service cannot go to this peer, or `nil` when it can.
    static func obstacle(to type: ServiceType, _ context: LendingContext) -> (code: ReasonCode, text: String)? {
        let offered = context.peer.serviceTypes ?? context.lending.serviceTypes
        let name = type == .loan ? "loans" : "copies"
        guard offered.contains(type) || offered.contains(.copyOrLoan) else {
            return (.serviceNotOffered, "We do not offer \(name) to your library.")
        }
        let countries = type == .loan ? context.lending.loanCountries : context.lending.copyCountries
        guard !countries.isEmpty else { return nil }
        guard let country = context.peer.effectiveCountry else {
            return (.geography, "We offer \(name) only to libraries in \(countries.joined(separator: ", ")).")
        }
        guard countries.lendingContains(country) else {
            return (.geography, "We do not send \(name) to libraries in \(country).")
        }
        return nil
    }

    /// L04 for the type being evaluated.
    ///
    /// Geography is a peer-level refusal (§4.3: "prefer Unfilled for … geography"): a service type whose
    /// geography excludes the peer is Unfilled PolicyProblem, never offered back as the other type. When
    /// the type is simply not offered to this peer but the other one is, the §4.4 rows apply and the
    /// context switches to the other type, so the remaining rules check that the offer can really be kept.
    static func l04(_ context: inout LendingContext) -> RuleResult {
        let type = context.serviceType
        guard let obstacle = obstacle(to: type, context) else {
            return .passed("\(type.rawValue) offered to this peer")
        }
        let other: ServiceType = type == .loan ? .copy : .loan
        // Within a CopyOrLoan request L05 tries the other type itself.
        guard obstacle.code != .geography, context.requestedType != .copyOrLoan, self.obstacle(to: other, context) == nil else {
            return .unfilled(.policyProblem, note: LendingNote.make(obstacle.code, obstacle.text), detail: "\(type.rawValue) not possible: \(obstacle.code)")
        }
        switch (type, context.edition) {
        case (.copy, .v1_2):
            context.offeredInsteadOf = type
            context.serviceType = other
            return .retry(
                .loanPossible,
                offers: RetryInfo(serviceType: .loan),
                note: LendingNote.make(.loanPossible, obstacle.text + " A loan is possible."),
                detail: "copy not possible (\(obstacle.code)); loan possible"
            )
        case (.loan, .v1_2):
            return .unfilled(
                .notAvailableForILL,
                note: LendingNote.make(.copyPossible, obstacle.text + " A copy is possible: please send a copy request."),
                detail: "loan not possible (\(obstacle.code)); copy possible (2017: Unfilled)"
            )
        default:
            context.offeredInsteadOf = type
            context.serviceType = other
            return .retry(
                .reqServTypeNotPossible,
                offers: RetryInfo(serviceType: other),
                note: LendingNote.make(other == .loan ? .loanPossible : .copyPossible, obstacle.text + " A \(other == .loan ? "loan" : "copy") is possible."),
                detail: "\(type.rawValue) not possible (\(obstacle.code)); \(other.rawValue) possible"
            )
        }
    }
}
