public import Foundation

/// What the renewal rules (R01–R03) decide a `Renew` action from.
public struct RenewalInput: Hashable, Sendable {
    /// Where the loan stands.
    public enum LoanState: String, Hashable, Sendable { case loaned, overdue, recalled }

    public var state: LoanState
    public var currentDueDate: Date?
    public var renewalsUsed: Int
    /// Whether someone here is waiting for the item.
    public var itemHasLocalHold: Bool
    public var now: Date

    public init(state: LoanState, currentDueDate: Date?, renewalsUsed: Int, itemHasLocalHold: Bool, now: Date) {
        self.state = state
        self.currentDueDate = currentDueDate
        self.renewalsUsed = renewalsUsed
        self.itemHasLocalHold = itemHasLocalHold
        self.now = now
    }
}
