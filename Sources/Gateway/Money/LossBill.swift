import Foundation
public import ISO18626

/// What a lost or damaged loan was billed, as the status message carries it: the total in
/// `deliveryInfo/deliveryCosts` and the lines in the note.
public struct LossBill: Hashable, Sendable {
    /// The sum of the charges.
    public var total: Money
    /// One phrase per charge, for the note: `replacement 45.00 USD (the item's replacement price)`.
    public var lines: [String]

    /// The note sent with CompletedWithoutReturn (or LoanCompleted, for damage).
    public var note: String {
        "Billed \(total): " + (lines.isEmpty ? "nothing" : lines.joined(separator: "; "))
    }
}
