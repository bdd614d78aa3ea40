public import Foundation
public import ISO18626

/// The borrowing rules' answer to a patron's request, with the trace.
public struct BorrowingDecision: Hashable, Sendable {
    public var outcome: BorrowingOutcome
    public var trace: [RuleEvaluation]
    /// The rule that decided: the one that held or refused, K09 for a copy routed over the limit, B08
    /// (the rota) for a request that goes out.
    public var decidingRule: RuleID
    /// The stable code of the outcome (``ReasonCode``): `send`, `weak_identity`, `over_limit`, …
    public var code: ReasonCode

    public init(outcome: BorrowingOutcome, trace: [RuleEvaluation], decidingRule: RuleID = .b08, code: ReasonCode? = nil) {
        self.outcome = outcome
        self.trace = trace
        self.decidingRule = decidingRule
        self.code = code ?? Self.defaultCode(of: outcome)
    }

    /// The code of an outcome when the rule gave none.
    private static func defaultCode(of outcome: BorrowingOutcome) -> ReasonCode {
        switch outcome {
        case .send: .send
        case .orderFromDocumentSupplier: .documentSupplier
        case .reject(_, let reason): ReasonCode(rawValue: reason)
        case .hold(let rule, _): ReasonCode(rawValue: rule.rawValue.lowercased())
        }
    }
}

/// What we do with a patron's request.
public enum BorrowingOutcome: Hashable, Sendable {
    /// Send it to the first lender of the rota.
    case send(BorrowingPlan)
    /// Staff look at it before anything is sent.
    case hold(rule: RuleID, why: String)
    /// Do not borrow; the patron is told why.
    case reject(rule: RuleID, reason: String)
    /// Buy it from the document supplier (a peer), who pays the royalty: not counted.
    case orderFromDocumentSupplier(peer: String, plan: BorrowingPlan)

    public var name: String {
        switch self {
        case .send: "send"
        case .hold: "hold"
        case .reject: "reject"
        case .orderFromDocumentSupplier: "document-supplier"
        }
    }
}

/// How a request that may be sent goes out.
public struct BorrowingPlan: Hashable, Sendable {
    /// `serviceInfo/copyrightCompliance` to send (copies), e.g. `US-CCG`.
    public var copyrightCompliance: String?
    /// The ledger entry reserved with the request (copies under a counting regime).
    public var ledger: LedgerReservation?
    /// `billingInfo/maximumCosts` to send (the patron type's ceiling).
    public var maximumCosts: Costs?
    /// Peer names, in the order they are asked.
    public var rota: [String]

    public init(copyrightCompliance: String? = nil, ledger: LedgerReservation? = nil, maximumCosts: Costs? = nil, rota: [String]) {
        self.copyrightCompliance = copyrightCompliance
        self.ledger = ledger
        self.maximumCosts = maximumCosts
        self.rota = rota
    }
}

/// The copyright ledger entry a borrowing request reserves (K08, K09).
public struct LedgerReservation: Hashable, Sendable {
    public var basis: CopyrightBasis
    /// The declaration sent.
    public var code: String
    /// The royalty we expect to pay (basis royalty).
    public var royaltyEstimate: Decimal?

    public init(basis: CopyrightBasis, code: String, royaltyEstimate: Decimal? = nil) {
        self.basis = basis
        self.code = code
        self.royaltyEstimate = royaltyEstimate
    }
}
