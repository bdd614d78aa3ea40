#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
// `timespec` is owned by Dispatch's C module in this toolchain; member visibility needs it imported.
#if canImport(CDispatch)
import CDispatch
#endif

/// A wall-clock instant with millisecond precision, as written in the `ts` field.
public struct LogTimestamp: Hashable, Sendable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64
    /// Milliseconds within that second, 0 to 999.
    public var millisecond: Int

    /// Creates a timestamp.
    /// - Parameters:
    ///   - secondsSince1970: Whole seconds since the Unix epoch.
    ///   - millisecond: Milliseconds within the second; clamped to 0...999.
    public init(secondsSince1970: Int64, millisecond: Int = 0) {
        self.secondsSince1970 = secondsSince1970
        self.millisecond = min(max(millisecond, 0), 999)
    }

    /// The current time from `CLOCK_REALTIME`.
    public static func now() -> LogTimestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return LogTimestamp(secondsSince1970: Int64(time.tv_sec), millisecond: Int(time.tv_nsec / 1_000_000))
    }

    /// RFC 3339 in UTC with milliseconds: `2026-03-01T12:34:56.789Z`.
    public var rfc3339: String {
        var seconds = time_t(secondsSince1970)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else {
            return "\(secondsSince1970).\(Self.padded(millisecond, width: 3))"
        }
        let date =
            "\(Self.padded(Int(parts.tm_year) + 1900, width: 4))-\(Self.padded(Int(parts.tm_mon) + 1, width: 2))"
            + "-\(Self.padded(Int(parts.tm_mday), width: 2))"
        let time =
            "\(Self.padded(Int(parts.tm_hour), width: 2)):\(Self.padded(Int(parts.tm_min), width: 2))"
            + ":\(Self.padded(Int(parts.tm_sec), width: 2)).\(Self.padded(millisecond, width: 3))"
        return "\(date)T\(time)Z"
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        guard digits.count < width else { return digits }
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
