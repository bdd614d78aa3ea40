import Foundation

/// Hands a rendered notice (a complete RFC 5322 message) to the mail command or writes it into the spool directory.
struct NoticeMailer: Sendable {
    var delivery: NoticeConfiguration.Delivery

    /// Delivers `message`; `name` is the spool file's name (unique per notice).
    func deliver(_ message: String, name: String) async throws(NoticeDeliveryError) {
        switch delivery {
        case .command(let command):
            try await Self.pipe(message, to: command)
        case .spool(let directory):
            let file = directory.appendingPathComponent(name)
            do {
                try Data(message.utf8).write(to: file, options: .withoutOverwriting)
            } catch {
                throw NoticeDeliveryError(.spoolFailed, "cannot write \(file.path): \(error.localizedDescription)")
            }
        }
    }

    /// Runs the command with the message as its standard input (from an unlinked temporary file, so a command
    /// that exits early cannot break a pipe under us).
    private static func pipe(_ message: String, to command: [String]) async throws(NoticeDeliveryError) {
        guard let executable = command.first else { throw NoticeDeliveryError(.commandFailed, "empty mail command") }
        let staged = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-notice-\(UUID().uuidString)")
        let input: FileHandle
        do {
            try Data(message.utf8).write(to: staged, options: .withoutOverwriting)
            input = try FileHandle(forReadingFrom: staged)
        } catch {
            throw NoticeDeliveryError(.commandFailed, "cannot stage the notice for \(executable): \(error.localizedDescription)")
        }
        try? FileManager.default.removeItem(at: staged)
        defer { try? input.close() }
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard null >= 0 else { throw NoticeDeliveryError(.commandFailed, "cannot open /dev/null for \(executable)") }
        defer { close(null) }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(executable, Array(command.dropFirst()), input: input.fileDescriptor, output: null, error: null)
        } catch {
            throw NoticeDeliveryError(.commandFailed, error.description)
        }
        let status = await child.exitStatus()
        guard status == 0 else {
            throw NoticeDeliveryError(.commandFailed, "\(executable) exited with status \(status)")
        }
    }
}
