/// Gathers the problems found while reading one configuration document, each placed at its key and line.
///
/// Lives only for the duration of one synchronous parse, so it is a plain class and not `Sendable`.
final class ProblemCollector {
    /// The file name the problems carry.
    let file: String
    /// Where the keys of the document are.
    let locator: TOMLKeyLocator
    /// What was found so far, in the order it was found.
    private(set) var problems: [ConfigurationProblem] = []

    /// Creates a collector for a document.
    init(file: String, locator: TOMLKeyLocator) {
        self.file = file
        self.locator = locator
    }

    /// A problem with the value at `path` (or with its absence).
    func report(at path: ConfigurationPath, peer: String? = nil, _ message: String) {
        let key = path.description
        problems.append(
            ConfigurationProblem(file: file, line: locator.line(of: path), key: key.isEmpty ? nil : key, peer: peer, message: message)
        )
    }

    /// A problem with a value from an environment variable that overrides the key at `path`.
    func report(variable: String, overriding path: ConfigurationPath, _ message: String) {
        problems.append(ConfigurationProblem(file: file, key: path.description, variable: variable, message: message))
    }

    /// A problem that has no key of its own.
    func report(_ message: String, line: Int? = nil) {
        problems.append(ConfigurationProblem(file: file, line: line, message: message))
    }
}
