import Daemon
import Foundation
import Gateway
import Policy
import Testing

/// `reminders` in `[policy.lending]` and `[notices]`: schedules read in days or weeks, none by default; bad
/// lending schedules are among ``ConfigurationPolicyTests/badValuesAreNamed(fragment:key:message:)``.
@Suite struct ConfigurationRemindersTests {
    /// A minimal configuration with `[notices]` spooling into `spool` and the patron schedule `reminders`.
    static func withNotices(spool: URL, reminders: String) -> String {
        ConfigurationTestSupport.minimal + """
            [notices]
            directory = "\(ConfigurationNoticesTests.shippedTemplates)"
            spool_directory = "\(spool.path)"
            reminders = \(reminders)

            """
    }

    @Test func schedulesAreReadInDaysOrWeeksAndDefaultToNone() throws {
        let defaults = try #require(try ConfigurationTestSupport.parse(ConfigurationTestSupport.minimal + "[policy]\n").policy)
        #expect(defaults.lending.reminders.isEmpty, "no reminders unless configured")
        let set = try #require(
            try ConfigurationTestSupport.parse(
                ConfigurationTestSupport.minimal + "[policy.lending]\nreminders = [\"7 days\", \"2 weeks\", \"28 days\"]\nbill_lost_after_days_overdue = 60\n"
            ).policy
        )
        #expect(set.lending.reminders.days == [7, 14, 28] && set.lending.reminders.isFinal(3) && !set.lending.reminders.isFinal(2))

        let spool = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let notices = try ConfigurationTestSupport.parse(Self.withNotices(spool: spool, reminders: "[\"1 day\", \"1 week\"]"))
        #expect(notices.gateway.notices?.reminders.days == [1, 7])
    }

    @Test func aBadPatronScheduleIsNamedUnderNotices() throws {
        let spool = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let problem = try ConfigurationTestSupport.problem(Self.withNotices(spool: spool, reminders: "[\"3 days\", \"1 day\"]"))
        #expect(problem.description.contains("notices.reminders[2]") && problem.message.contains("must come after the reminder before it (3 days)"), "\(problem)")
        #expect(problem.line != nil)
    }

    @Test func theDueSoonNoticeNeedsItsTemplateOnlyWhenConfigured() throws {
        let spool = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: spool) }
        let shipped = try ConfigurationTestSupport.parse(Self.withNotices(spool: spool, reminders: "[]") + "due_soon_days = 3\n")
        #expect(shipped.gateway.notices?.dueSoonDays == 3)

        let directory = try ConfigurationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for kind in PatronNoticeKind.allCases where kind.isTemplateRequired {
            try FileManager.default.copyItem(
                atPath: ConfigurationNoticesTests.shippedTemplates + "/" + kind.templateFileName,
                toPath: directory.appendingPathComponent(kind.templateFileName).path
            )
        }
        let older = ConfigurationTestSupport.minimal + "[notices]\ndirectory = \"\(directory.path)\"\nspool_directory = \"\(spool.path)\"\n"
        #expect(try ConfigurationTestSupport.parse(older).gateway.notices?.dueSoonDays == nil, "a directory without due-soon.mustache stays valid")
        let problem = try ConfigurationTestSupport.problem(older + "due_soon_days = 2\n")
        #expect(problem.key == "notices.due_soon_days" && problem.message.contains("due-soon.mustache"), "\(problem)")
    }
}
