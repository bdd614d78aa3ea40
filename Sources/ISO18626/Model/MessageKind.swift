/// The six ISO 18626 message types, named as their XML elements are.
public enum MessageKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A request for an item or copy.
    case request
    /// The confirmation of a request.
    case requestConfirmation
    /// A message from the supplier.
    case supplyingAgencyMessage
    /// The confirmation of a supplying agency message.
    case supplyingAgencyMessageConfirmation
    /// A message from the requester.
    case requestingAgencyMessage
    /// The confirmation of a requesting agency message.
    case requestingAgencyMessageConfirmation

    /// The element name, such as `supplyingAgencyMessage`.
    public var elementName: String { rawValue }

    public var description: String { rawValue }

    /// Whether this kind is a confirmation of another message.
    public var isConfirmation: Bool {
        switch self {
        case .requestConfirmation, .supplyingAgencyMessageConfirmation, .requestingAgencyMessageConfirmation: true
        case .request, .supplyingAgencyMessage, .requestingAgencyMessage: false
        }
    }

    /// The kind of confirmation that answers a message of this kind, or `nil` for a confirmation.
    public var confirmationKind: MessageKind? {
        switch self {
        case .request: .requestConfirmation
        case .supplyingAgencyMessage: .supplyingAgencyMessageConfirmation
        case .requestingAgencyMessage: .requestingAgencyMessageConfirmation
        case .requestConfirmation, .supplyingAgencyMessageConfirmation, .requestingAgencyMessageConfirmation: nil
        }
    }
}
