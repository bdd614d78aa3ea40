public import Foundation

/// What a peer sent back for one of our messages, as the transport received it: the bytes, and over HTTP
/// the status code and the `Retry-After` header. The gateway, not the transport, decides what it means.
public struct PeerReply: Hashable, Sendable {
    /// The HTTP status code; `nil` over TCP, where a reply frame has none.
    public var statusCode: Int?
    /// The reply's body (over TCP, the reply frame).
    public var body: [UInt8]
    /// The `Retry-After` header's value, if there was one: seconds, or an HTTP-date.
    public var retryAfter: String?

    /// Creates a reply.
    public init(statusCode: Int? = nil, body: [UInt8], retryAfter: String? = nil) {
        self.statusCode = statusCode
        self.body = body
        self.retryAfter = retryAfter
    }

    /// How long the peer asked us to wait from `now`, read from `Retry-After` (RFC 9110 §10.2.3: a number
    /// of seconds or an HTTP-date); `nil` when there is no readable header.
    public func retryAfterInterval(now: Date) -> TimeInterval? {
        guard let value = retryAfter?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = UInt64(value) {
            return TimeInterval(seconds)
        }
        guard let date = Self.httpDate(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Reads an HTTP-date in the preferred IMF-fixdate form or the two obsolete forms HTTP still accepts.
    private static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return date
            }
        }
        return nil
    }

    /// Whether the HTTP status says the peer is unavailable for now rather than unwilling (5xx, 408, 429).
    public var isTransientStatus: Bool {
        guard let statusCode else { return false }
        return statusCode >= 500 || statusCode == 408 || statusCode == 429
    }
}
