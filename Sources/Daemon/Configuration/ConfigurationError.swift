/// Why a configuration file could not be used: every problem found in it, in file order.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in the order of their lines in the file; problems without a line (a missing table,
    /// an environment variable) come last.
    public var problems: [ConfigurationProblem]

    /// Creates an error from problems, putting them in file order.
    public init(problems: [ConfigurationProblem]) {
        self.problems = Self.inFileOrder(problems)
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }

    /// Sorts by line, keeping the order in which problems were found among equals and putting those without a line last.
    private static func inFileOrder(_ problems: [ConfigurationProblem]) -> [ConfigurationProblem] {
        problems.enumerated()
            .sorted { left, right in
                switch (left.element.line, right.element.line) {
                case let (leftLine?, rightLine?) where leftLine != rightLine: leftLine < rightLine
                case (nil, _?): false
                case (_?, nil): true
                default: left.offset < right.offset
                }
            }
            .map(\.element)
    }
}
