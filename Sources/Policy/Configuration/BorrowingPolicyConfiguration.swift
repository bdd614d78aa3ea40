/// The borrowing (requester) rules, `[policy.borrowing]` (B01–B10).
public struct BorrowingPolicyConfiguration: Hashable, Sendable {
    /// What a patron over their open-request limit gets (B03).
    public enum OverLimitAction: String, Hashable, Sendable, CaseIterable { case hold, reject }
    /// What a request for something we hold and can lend ourselves gets (B05).
    public enum LocallyAvailableAction: String, Hashable, Sendable, CaseIterable { case hold, cancel }

    /// A request by the same patron for the same citation within this many hours is a duplicate (B02).
    public var checkDuplicateHours = 24
    public var overLimitAction: OverLimitAction = .hold
    public var locallyAvailableAction: LocallyAvailableAction = .hold
    /// The patron type used when a request names none.
    public var defaultPatronType: String?
    /// A lender that has not said it will supply this long after our request is sent Cancel, and the request
    /// goes on to the next lender of its rota (`expect_to_supply_by`); `nil`: wait as long as it takes.
    public var expectToSupplyBy: ReviewTimeout?

    public init() {}
}
