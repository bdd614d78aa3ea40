import Daemon
import Foundation
import Policy
import Testing

/// `[policy.copyright.borrowing] generic_titles` (K03): read with its default, and a bad value named by
/// file, line and key.
@Suite struct ConfigurationGenericTitlesTests {
    @Test func genericTitlesDefaultAndSet() throws {
        let defaults = try #require(try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal + "[policy]\n").policy)
        #expect(defaults.copyright.borrowing.genericTitles == CopyrightBorrowingConfiguration.defaultGenericTitles)
        #expect(defaults.copyright.borrowing.genericTitles.contains("Bulletin"))
        #expect(defaults.copyright.borrowing.genericTitles.contains("Annual Report"))
        let set = try #require(
            try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal + "[policy.copyright.borrowing]\ngeneric_titles = [\"Circular\"]\n").policy
        )
        #expect(set.copyright.borrowing.genericTitles == ["Circular"])
    }

    @Test(arguments: [
        ("generic_titles = \"Bulletin\"", "an array of titles"),
        ("generic_titles = [\"Bulletin\", \"--\"]", "at least one letter or digit"),
    ])
    func badGenericTitlesAreNamed(line: String, message: String) throws {
        let text = ConfigurationTestSupport.minimal + "[policy.copyright.borrowing]\n" + line + "\n"
        let problem = try ConfigurationTestSupport.problem(text)
        #expect(problem.description.contains("policy.copyright.borrowing.generic_titles"), "\(problem)")
        #expect(problem.description.contains(message), "\(problem)")
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("generic_titles") }.map { $0 + 1 }
        #expect(problem.line == expectedLine, "\(problem)")
    }
}

/// The README's policy section names every reason code and the new holdings columns, and the shipped
/// configuration documents `generic_titles` with its default.
@Suite struct PolicyDocumentationTests {
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: ConfigurationTestSupport.repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    @Test func readmeListsEveryReasonCodeAndHoldingsColumn() throws {
        let readme = try Self.text("README.md")
        for code in ReasonCode.all {
            #expect(readme.contains("`\(code.rawValue)`"), "README does not list the code \(code)")
        }
        for column in ["loan_allowed", "copy_allowed", "periodical_class"] {
            #expect(readme.contains("`\(column)`"), "README does not name the holdings column \(column)")
        }
    }

    @Test func shippedConfigurationDocumentsGenericTitlesWithItsDefault() throws {
        let configuration = try Self.text("config/illgate.toml")
        let line = try #require(configuration.split(separator: "\n").first { $0.hasPrefix("generic_titles = ") })
        for title in CopyrightBorrowingConfiguration.defaultGenericTitles {
            #expect(line.contains("\"\(title)\""), "generic_titles in config/illgate.toml lacks \(title)")
        }
    }
}
