internal import Foundation
internal import Gateway
internal import Policy

/// `[notices]`: patron notices' templates and how they are sent (a mail command, or a spool directory).
extension ConfigurationParser {
    /// The shipped templates' directory, relative to the working directory (`config/notices/`).
    static let defaultNoticesDirectory = "config/notices"

    /// Reads `[notices]`; `nil` when the table is absent (no notices are sent).
    func readNotices(_ reader: TableReader) -> NoticeConfiguration? {
        guard reader.isPresent else { return nil }
        defer { reader.finish() }
        let directory = resolve(reader.string("directory", expected: "a directory of templates, like \"config/notices\"") ?? Self.defaultNoticesDirectory)
        let sender = reader.string("from", expected: "the notices' From address, like \"ill@library.example\"") ?? "illgate"
        if sender.contains(where: \.isNewline) || sender.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.report("from", "must be one non-empty line, like \"ill@library.example\"")
        }
        let command = reader.string("sendmail", expected: "a mail submission command, like \"/usr/sbin/sendmail -t\"")
        let spool = reader.string("spool_directory", expected: "a directory for one file per notice, like \"data/notices\"")
        let reminders = reminderSchedule(reader) ?? .empty
        let dueSoonDays = reader.integer("due_soon_days", expected: "a number of days like 3 (0: no due-soon notice)", atLeast: 0, atMost: 365)
        let delivery: NoticeConfiguration.Delivery
        if let command {
            let words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let executable = words.first, executable.hasPrefix("/") else {
                reader.report("sendmail", "must start with an absolute path, like \"/usr/sbin/sendmail -t\", found \"\(command)\"")
                return nil
            }
            if !FileManager.default.isExecutableFile(atPath: executable) {
                reader.report("sendmail", "\(executable) is not an executable file")
            }
            if spool != nil {
                reader.report("spool_directory", "is used only without sendmail; keep one of the two")
            }
            delivery = .command(words)
        } else if let spool {
            let path = resolve(spool)
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
                reader.report("spool_directory", "no such directory: \(path)")
            } else if !FileManager.default.isWritableFile(atPath: path) {
                reader.report("spool_directory", "\(path) is not writable")
            }
            delivery = .spool(URL(fileURLWithPath: path, isDirectory: true))
        } else {
            reader.reportTable("needs sendmail = \"/usr/sbin/sendmail -t\" or spool_directory = \"data/notices\"")
            return nil
        }
        do {
            let templates = try NoticeTemplates(directory: URL(fileURLWithPath: directory, isDirectory: true))
            if dueSoonDays ?? 0 > 0, !templates.hasTemplate(for: .dueSoon) {
                reader.report("due_soon_days", "needs the template \(directory)/\(PatronNoticeKind.dueSoon.templateFileName)")
            }
            return NoticeConfiguration(
                templates: templates, delivery: delivery, sender: sender, reminders: reminders, dueSoonDays: dueSoonDays == 0 ? nil : dueSoonDays
            )
        } catch {
            reader.report("directory", "\(error)")
            return nil
        }
    }
}
