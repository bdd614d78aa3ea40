import Gateway
import ISO18626

/// `GET /v1/refusals`: what is kept of the messages refused before their sender was known.
public struct AdminRefusals: Codable, Sendable, Equatable {
    /// One refused message: never its body.
    public struct Refusal: Codable, Sendable, Equatable {
        public var at: String
        public var type: String
        public var requester: String?
        public var supplier: String?
        public var requestID: String?
        public var bytes: Int
        public var fingerprint: String
        public var errorType: String?
        public var errorValue: String?
    }

    /// Refused since the daemon started.
    public var total: Int
    /// The newest ones kept, oldest first.
    public var recent: [Refusal]

    init(_ snapshot: (digests: [RefusedMessageDigest], total: Int)) {
        total = snapshot.total
        recent = snapshot.digests.map { digest in
            Refusal(
                at: TimestampFormat.format(digest.at),
                type: digest.kind.rawValue,
                requester: digest.ids.requestingAgencyID?.description,
                supplier: digest.ids.supplyingAgencyID?.description,
                requestID: digest.ids.requestingAgencyRequestID,
                bytes: digest.size,
                fingerprint: digest.fingerprint,
                errorType: digest.error?.errorType.rawValue,
                errorValue: digest.error?.errorValue
            )
        }
    }
}
