/// Why a staff action was not carried out. Nothing was changed.
public struct StaffActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Reason: String, Hashable, Sendable {
        /// No transaction with that id (for that role).
        case notFound
        /// The state machine refused the action in the transaction's state.
        case notAllowed
        /// The action lacks something it needs (a due date, a reason).
        case incomplete
        /// A value given is not acceptable (a negative amount, an unknown currency); the message names the field.
        case invalidInput
        /// No peer of that name is configured.
        case unknownPeer
        /// No branch of that code is configured in `[library]`.
        case unknownBranch
        /// The message could not be written for the peer's edition.
        case cannotEncode
        /// A document (an invoice PDF) could not be laid out.
        case cannotPrint
        /// The database failed.
        case storage
        /// The transaction's stored row holds a value this version cannot read; nothing was changed.
        case corruptData
    }

    /// What kind of refusal.
    public var reason: Reason
    /// The explanation for staff.
    public var message: String

    /// Creates an error.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
