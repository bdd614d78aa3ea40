import Foundation
import ISO18626

/// The answer to something on a TCP connection that is not an ISO 18626 message the gateway could confirm
/// (a frame the gateway does not recognise, or bytes that cannot be framed): a `requestConfirmation` with
/// `messageStatus` ERROR, `errorType` BadlyFormedMessage and the problem as `errorValue`.
enum TCPErrorConfirmation {
    /// Encodes the confirmation (edition 1.2, both timestamps `now`).
    /// - Parameters:
    ///   - problem: the `errorValue`.
    ///   - now: the confirmation's time.
    /// - Returns: the XML document, or `nil` if it could not be encoded (then the connection is closed without one).
    static func badlyFormedMessage(_ problem: String, now: Date = Date()) -> [UInt8]? {
        let confirmation = RequestConfirmation(
            confirmationHeader: ConfirmationHeader(timestamp: now, timestampReceived: now, messageStatus: .error),
            errorData: [ErrorData(errorType: .badlyFormedMessage, errorValue: problem)]
        )
        return try? ISO18626Encoder().encode(.requestConfirmation(confirmation), edition: .v1_2)
    }
}
