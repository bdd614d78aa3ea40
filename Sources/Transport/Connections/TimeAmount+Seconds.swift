import Foundation
import NIOCore

extension TimeAmount {
    /// A configured number of seconds as a timer's duration, or `nil` when it is 0 or less (no limit);
    /// at most a year, so that a huge setting cannot overflow.
    init?(seconds: TimeInterval) {
        guard seconds > 0 else { return nil }
        self = .nanoseconds(Int64(min(seconds, 31_536_000) * 1e9))
    }
}
