/// Why a listen address could not be read.
public enum ListenAddressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not of the form `HOST:PORT`.
    case notHostAndPort
    /// An IPv6 address without brackets.
    case unbracketedIPv6
    /// The host is neither an address nor a host name.
    case badHost(String)
    /// The port is not a number.
    case badPort(String)
    /// The port is above 65535.
    case portOutOfRange(String)

    public var description: String {
        switch self {
        case .notHostAndPort: "expected HOST:PORT like \"127.0.0.1:18626\" or \"[::1]:18626\""
        case .unbracketedIPv6: "put an IPv6 address in brackets, like \"[::1]:18626\""
        case .badHost(let host): "\"\(host)\" is not an IP address or host name"
        case .badPort(let port): "port \"\(port)\" is not a number; expected HOST:PORT like \"127.0.0.1:18626\""
        case .portOutOfRange(let port): "port \(port) is out of range (0 to 65535)"
        }
    }
}
