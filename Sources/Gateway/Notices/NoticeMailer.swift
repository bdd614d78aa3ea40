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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32
        do {
            status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } catch {
            throw NoticeDeliveryError(.commandFailed, "cannot run \(executable): \(error.localizedDescription)")
        }
        guard status == 0 else {
            throw NoticeDeliveryError(.commandFailed, "\(executable) exited with status \(status)")
        }
    }
}
