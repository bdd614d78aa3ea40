import Foundation
import ISO18626
import Policy
import Testing

/// Builders for the lending tests: a valid request from a known peer for an available item, which each
/// case then bends until one rule fires.
enum LendingFixture {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// Noon UTC on a day.
    static func date(_ year: Int, _ month: Int, _ day: Int, hour: Int = 12) -> Date {
        utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour)) ?? Date(timeIntervalSince1970: 0)
    }

    /// When the default request arrives: Tuesday 2026-03-10, 12:00 UTC.
    static let received = date(2026, 3, 10)

    static func usd(_ amount: String) -> Costs {
        Costs(currencyCode: "USD", monetaryValue: Decimal(string: amount) ?? 0)
    }

    static func peer(
        edition: Edition = .v2021,
        country: String? = "US",
        isil: String = "US-AAA",
        known: Bool = true
    ) -> PeerProfile {
        PeerProfile(name: "Peer \(isil)", agencyIDs: ["ISIL:\(isil)"], isKnown: known, country: country, edition: edition)
    }

    static func header(isil: String = "US-AAA") -> Header {
        Header(
            supplyingAgencyID: AgencyID(type: "ISIL", value: "US-ZZZ"),
            requestingAgencyID: AgencyID(type: "ISIL", value: isil),
            timestamp: received,
            requestingAgencyRequestID: "req-1"
        )
    }

    /// A loan of a book, maximum cost 20.00 USD.
    static func loanRequest() -> Request {
        Request(
            header: header(),
            bibliographicInfo: BibliographicInfo(
                title: "A Book About Rivers",
                author: "Writer, A.",
                bibliographicItemID: [BibliographicItemID(identifier: "9780306406157", code: "ISBN")]
            ),
            publicationInfo: PublicationInfo(publicationType: "Book", publicationDate: "2015"),
            serviceInfo: ServiceInfo(serviceType: .loan),
            billingInfo: BillingInfo(maximumCosts: usd("20.00"))
        )
    }

    /// A copy of a 23-page journal article published in 2024, declared US-CCG, maximum cost 20.00 USD.
    static func copyRequest(declaration: String? = "US-CCG") -> Request {
        Request(
            header: header(),
            bibliographicInfo: BibliographicInfo(
                title: "Journal of Synthetic Tests",
                titleOfComponent: "On counting pages",
                volume: ["12"],
                issue: "3",
                pagesRequested: "12-34",
                bibliographicItemID: [BibliographicItemID(identifier: "1234-5679", code: "ISSN")]
            ),
            publicationInfo: PublicationInfo(publicationType: "Article", publicationDate: "2024"),
            serviceInfo: ServiceInfo(serviceType: .copy, copyrightCompliance: declaration.map { CopyrightCompliance($0) }),
            billingInfo: BillingInfo(maximumCosts: usd("20.00"))
        )
    }
}

/// Everything one lending decision is made from; cases change what they test.
struct LendingScenario: Sendable {
    var configuration = PolicyConfiguration()
    var request = LendingFixture.loanRequest()
    var peer = LendingFixture.peer()
    var item = ItemFacts(availability: .available, format: "Book", acquiredOn: LendingFixture.date(2020, 1, 15))
    var history = LendingHistory()
    var receivedAt = LendingFixture.received
    /// For a retry: the request it replaces.
    var replacing: ReplacedRequest?

    var input: LendingInput {
        LendingInput(request: request, peer: peer, item: item, history: history, receivedAt: receivedAt, replacing: replacing)
    }

    func decide() -> LendingDecision {
        LendingPolicy(configuration: configuration).decide(input)
    }

    /// Sets the service info, creating it for a request that has none.
    mutating func service(_ change: (inout ServiceInfo) -> Void) {
        var info = request.serviceInfo ?? ServiceInfo(serviceType: .loan)
        change(&info)
        request.serviceInfo = info
    }

    /// The copy scenario: the default copy request for the default peer.
    static func copy(declaration: String? = "US-CCG") -> LendingScenario {
        var scenario = LendingScenario()
        scenario.request = LendingFixture.copyRequest(declaration: declaration)
        scenario.item = ItemFacts(availability: .available, format: "Journal")
        return scenario
    }
}

/// What a case expects: the outcome kind, the reason code and the rule that decided.
enum ExpectedLending: Sendable, CustomStringConvertible {
    case accept(ServiceType)
    case unfilled(String, by: String)
    case retry(String?, by: String)
    case review(by: String)

    var description: String {
        switch self {
        case .accept(let type): "accept \(type.rawValue)"
        case .unfilled(let reason, let rule): "unfilled \(reason) by \(rule)"
        case .retry(let reason, let rule): "retry \(reason ?? "-") by \(rule)"
        case .review(let rule): "review by \(rule)"
        }
    }

    /// Checks a decision against the expectation, recording failures against the calling case.
    func check(_ decision: LendingDecision, sourceLocation: SourceLocation = #_sourceLocation) {
        let trace = decision.trace.map(\.description).joined(separator: "\n")
        switch (self, decision.outcome) {
        case (.accept(let type), .accept(let acceptance)):
            #expect(acceptance.serviceType == type, "service type; trace:\n\(trace)", sourceLocation: sourceLocation)
            #expect(acceptance.rule == .l17, sourceLocation: sourceLocation)
        case (.unfilled(let reason, let rule), .unfilled(let refusal)):
            #expect(refusal.reason.value == reason, "reason; trace:\n\(trace)", sourceLocation: sourceLocation)
            #expect(refusal.rule.rawValue == rule, "rule; trace:\n\(trace)", sourceLocation: sourceLocation)
            #expect(refusal.note.hasPrefix("[illgate:"), "note prefix: \(refusal.note)", sourceLocation: sourceLocation)
        case (.retry(let reason, let rule), .retryPossible(let retry)):
            #expect(retry.reason?.value == reason, "reason; trace:\n\(trace)", sourceLocation: sourceLocation)
            #expect(retry.rule.rawValue == rule, "rule; trace:\n\(trace)", sourceLocation: sourceLocation)
            #expect(retry.note.hasPrefix("[illgate:"), "note prefix: \(retry.note)", sourceLocation: sourceLocation)
        case (.review(let rule), .review(let review)):
            #expect(review.rule.rawValue == rule, "rule; trace:\n\(trace)", sourceLocation: sourceLocation)
        default:
            Issue.record("expected \(self), got \(decision.outcome.name) by \(decision.outcome.rule); trace:\n\(trace)", sourceLocation: sourceLocation)
        }
    }
}

/// One table row: the rule under test, what the case shows, how the scenario is bent, what is expected.
struct LendingCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let description: String
    let setUp: @Sendable (inout LendingScenario) -> Void
    let expected: ExpectedLending
    /// Further checks on the decision (offers, dates, trace).
    let extra: (@Sendable (LendingDecision) -> Void)?

    init(
        _ rule: String,
        _ description: String,
        expect expected: ExpectedLending,
        extra: (@Sendable (LendingDecision) -> Void)? = nil,
        setUp: @escaping @Sendable (inout LendingScenario) -> Void
    ) {
        self.rule = rule
        self.description = description
        self.setUp = setUp
        self.expected = expected
        self.extra = extra
    }

    var testDescription: String { "\(rule): \(description)" }

    func run(base: LendingScenario = LendingScenario()) {
        var scenario = base
        setUp(&scenario)
        let decision = scenario.decide()
        expected.check(decision)
        extra?(decision)
    }
}
