import Daemon
import Foundation
import Gateway
import Testing

/// `[notices]`: the shipped templates load, delivery is a mail command or a spool directory, and bad
/// templates or keys are problems naming the template's file and line or the key.
@Suite struct ConfigurationNoticesTests {
    static var shippedTemplates: String {
        ConfigurationTestSupport.repositoryRoot.appendingPathComponent("config/notices").path
    }

    @Test func theShippedTemplatesLoadWithASpoolDirectoryOrACommand() throws {
        let spool = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let spooled = try ConfigurationTestSupport.parse(
            ConfigurationTestSupport.minimal + """
                [notices]
                directory = "\(Self.shippedTemplates)"
                spool_directory = "\(spool.path)"
                from = "ill@library.example"

                """
        )
        let notices = try #require(spooled.gateway.notices)
        #expect(notices.delivery == .spool(URL(fileURLWithPath: spool.path, isDirectory: true)) && notices.sender == "ill@library.example")
        #expect(notices.templates.render(.readyForPickup, ["title": "Moby-Dick", "branch": "Law Library"]).hasPrefix("Subject: Your interlibrary loan is ready for pickup at Law Library\n"))

        let mailed = try ConfigurationTestSupport.parse(
            ConfigurationTestSupport.minimal + """
                [notices]
                directory = "\(Self.shippedTemplates)"
                sendmail = "/bin/cat -t"

                """
        )
        #expect(mailed.gateway.notices?.delivery == .command(["/bin/cat", "-t"]))
        #expect(try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal).gateway.notices == nil, "no [notices], no notices")
    }

    @Test func anUnknownPlaceholderIsAProblemNamingTheTemplateFileAndLine() throws {
        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for kind in PatronNoticeKind.allCases {
            try FileManager.default.copyItem(
                atPath: Self.shippedTemplates + "/" + kind.templateFileName,
                toPath: directory.appendingPathComponent(kind.templateFileName).path
            )
        }
        try "Subject: Ready\n\n{{title}} waits for {{patron_name}}.\n".write(
            to: directory.appendingPathComponent("ready-for-pickup.mustache"), atomically: true, encoding: .utf8
        )
        let problem = try ConfigurationTestSupport.problem(
            ConfigurationTestSupport.minimal + """
                [notices]
                directory = "\(directory.path)"
                sendmail = "/bin/cat"

                """
        )
        #expect(problem.key == "notices.directory")
        #expect(problem.message.contains("\(directory.path)/ready-for-pickup.mustache:3: unknown placeholder 'patron_name'"))
    }

    @Test func deliveryKeysAreCheckedByName() throws {
        let noDelivery = try ConfigurationTestSupport.problem(
            ConfigurationTestSupport.minimal + "[notices]\ndirectory = \"\(Self.shippedTemplates)\"\n"
        )
        #expect(noDelivery.message.contains("sendmail") && noDelivery.message.contains("spool_directory"))
        let relative = try ConfigurationTestSupport.problem(
            ConfigurationTestSupport.minimal + "[notices]\ndirectory = \"\(Self.shippedTemplates)\"\nsendmail = \"sendmail -t\"\n"
        )
        #expect(relative.key == "notices.sendmail" && relative.message.contains("absolute path"))
        let missingSpool = try ConfigurationTestSupport.problem(
            ConfigurationTestSupport.minimal + "[notices]\ndirectory = \"\(Self.shippedTemplates)\"\nspool_directory = \"/nonexistent/illgate-spool\"\n"
        )
        #expect(missingSpool.key == "notices.spool_directory" && missingSpool.message.contains("no such directory"))
    }
}
