import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Short, readable texts for the errors a delivery attempt ends with: what `illgate outbox list` shows as the
/// last error and the `error=` of the delivery's log line.
///
/// NIO and AsyncHTTPClient describe a refused connection as nested structures
/// (`Connection errors: SingleConnectionFailure(target: [IPv4]..., error: connection reset (error set):
/// Connection refused (errno: 111))`); this says `cannot connect: Connection refused`.
enum DeliveryErrorText {
    /// The text for `error`, naming the limits that ran out.
    /// - Parameters:
    ///   - connectTimeout: the attempt's connect timeout (`connect_timeout_seconds`).
    ///   - timeout: the whole attempt's timeout (`timeout_seconds`).
    static func describe(_ error: any Error, connectTimeout: Duration, timeout: Duration) -> String {
        switch error {
        case is NIOConnectionError:
            return "cannot connect: " + connectFailure(error)
        case let error as HTTPClientError where error == .connectTimeout:
            return "cannot connect: " + noConnection(within: connectTimeout)
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            return "no answer within \(seconds(timeout)) (timeout_seconds)"
        case let error as HTTPClientError where error == .remoteConnectionClosed:
            return "the peer closed the connection without an answer"
        case let error as IOError where connectErrors.contains(error.errnoCode):
            return "cannot connect: " + reason(error)
        case ChannelError.connectTimeout:
            return "cannot connect: " + noConnection(within: connectTimeout)
        default:
            return reason(error)
        }
    }

    /// Why a connection could not be made: `Connection refused`, `cannot resolve HOST: ...` (each distinct reason
    /// once, when several addresses were tried).
    static func connectFailure(_ error: any Error) -> String {
        guard let error = error as? NIOConnectionError else { return reason(error) }
        if let dns = error.dnsAError ?? error.dnsAAAAError {
            return "cannot resolve \(error.host): \(reason(dns))"
        }
        var reasons: [String] = []
        for failure in error.connectionErrors {
            let text = reason(failure.error)
            if !reasons.contains(text) { reasons.append(text) }
        }
        return reasons.isEmpty ? "no address to connect to" : reasons.joined(separator: "; ")
    }

    /// The system errors that mean the connection was never made.
    private static let connectErrors: Set<Int32> = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ETIMEDOUT]

    /// A connect timeout that ran out: `no connection within 3 s (connect_timeout_seconds)`.
    static func noConnection(within connectTimeout: Duration) -> String {
        "no connection within \(seconds(connectTimeout)) (connect_timeout_seconds)"
    }

    /// A system error as the system words it (`Connection refused`), anything else as it describes itself.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return "\(error)"
    }

    /// `3 s`, `0.5 s`.
    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int64(value)) s" : "\(value) s"
    }
}
