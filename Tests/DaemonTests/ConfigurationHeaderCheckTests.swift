import Foundation
import Testing

@testable import Daemon

/// A table header that does not start with a key aborted TOMLKit's parser (an assertion in its toml++);
/// the configuration loader now reports it with its line first. Found by the configuration fuzz target.
@Suite struct ConfigurationHeaderCheckTests {
    @Test("The fuzz finding is a configuration problem naming its line, not a crash")
    func fuzzFindingIsReported() throws {
        let finding = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Findings/configuration-toml-assert-newline-after-bracket.toml")
        let text = try String(contentsOf: finding, encoding: .utf8)
        #expect {
            _ = try DaemonConfiguration.parse(text: text, path: "finding.toml")
        } throws: { error in
            guard let error = error as? ConfigurationError, let problem = error.problems.first else { return false }
            return problem.message.contains("table header must start with a key") && problem.line != nil
        }
    }

    @Test("A line break after '[' is found on its line and column", arguments: ["[\n.admin]", "[ \n", "[[\n", "  [=x]", "[.a]"])
    func malformedHeaders(header: String) {
        let text = "[library]\nname = \"x\"\n" + header + "\n"
        #expect(TOMLHeaderCheck.firstMalformedHeader(in: text)?.line == 3)
    }

    @Test("Headers with keys, nested arrays on their own lines, and brackets inside strings and comments pass")
    func wellFormedDocuments() throws {
        let text = """
            [library]
            agency_ids = [
              "ISIL:XX-A",
            ]
            matrix = [
              [
                1, 2],
              [3],
            ]
            note = "[not a header"
            literal = '[neither'
            block = \"\"\"
            [
            still a string ] [
            \"\"\"
            # [ a comment
            [[peers]]
            [ "quoted key" ]
            [a-b.c_d]
            ["x".'y']
            """
        #expect(TOMLHeaderCheck.firstMalformedHeader(in: text) == nil)
        let shipped = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/illgate.toml")
        #expect(TOMLHeaderCheck.firstMalformedHeader(in: try String(contentsOf: shipped, encoding: .utf8)) == nil)
    }
}
