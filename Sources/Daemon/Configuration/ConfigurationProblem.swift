/// One thing wrong with a configuration file: where it is and what is wrong.
///
/// Keys are dotted paths from the top of the file (`http.listen`, `peers[2].inbound.basic_user`); the
/// tables of an array such as `[[peers]]` are counted from 1, in the order they appear in the file.
public struct ConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    /// The configuration file, as it was named to the loader.
    public var file: String
    /// The line of the key (or of its table when the key is missing), when the problem has a place in the file.
    public var line: Int?
    /// The column, for TOML syntax errors.
    public var column: Int?
    /// The dotted key, when the problem is about one.
    public var key: String?
    /// The name of the `[[peers]]` entry the key belongs to, when it has one.
    public var peer: String?
    /// The environment variable the bad value came from, when it came from one.
    public var variable: String?
    /// What is wrong and, where possible, what would be right.
    public var message: String

    /// Creates a problem.
    public init(
        file: String,
        line: Int? = nil,
        column: Int? = nil,
        key: String? = nil,
        peer: String? = nil,
        variable: String? = nil,
        message: String
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.peer = peer
        self.variable = variable
        self.message = message
    }

    /// `FILE:LINE: KEY: MESSAGE`, leaving out what is not known, for example
    /// `illgate.toml:12: http.listen: expected a string like "127.0.0.1:18626", found an integer`.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if let key {
            text += key
            if let variable {
                text += " (from $\(variable))"
            } else if let peer {
                text += " (peer \"\(peer)\")"
            }
            text += ": "
        } else if let variable {
            text += "$\(variable): "
        }
        return text + message
    }
}
