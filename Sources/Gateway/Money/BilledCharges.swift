import Foundation
public import ISO18626

/// What we billed the borrower in one step (a loan or copy fee when it is sent; the replacement, fees or
/// damage when a loan ends lost or damaged), as the status message carries it: the total in
/// `deliveryInfo/deliveryCosts` and the lines in the note.
public struct BilledCharges: Hashable, Sendable {
    /// The sum of the charges.
    public var total: Money
    /// One phrase per charge, for the note: `replacement 45.00 USD (the item's replacement price)`.
    public var lines: [String]

    /// The note sent with the status.
    public var note: String {
        "Billed \(total): " + (lines.isEmpty ? "nothing" : lines.joined(separator: "; "))
    }
}
