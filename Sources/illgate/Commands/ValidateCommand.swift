import ArgumentParser
import Foundation
import ISO18626

/// `illgate validate`: checks ISO 18626 message files the way the gateway would read them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check ISO 18626 message files as illgate reads them.",
        discussion: """
            Prints one line per file: 'FILE: ok <messageType> <edition>' or \
            'FILE: error <errorType>: <what and where>'. Exits 0 only if every file is ok. \
            Use '-' to read standard input.
            """
    )

    @Argument(help: "Message files to check ('-' reads standard input).")
    var files: [String]

    @Flag(help: "Print one JSON object per file instead of text.")
    var json = false

    @Flag(help: "After each good file, print the message as illgate re-encodes it.")
    var print = false

    @Flag(help: "Also check input against the schema of its edition and refuse unknown elements.")
    var strict = false

    @Flag(help: "Also print what the tolerant reader accepted but a strict one would not.")
    var warnings = false

    func run() throws {
        let validator = try SchemaValidator.bundled()
        let decoder = ISO18626Decoder(
            options: .init(rejectUnknownElements: strict, schemaValidator: strict ? validator : nil)
        )
        let encoder = ISO18626Encoder(prettyPrinted: true, validator: validator)
        var allGood = true
        for file in files {
            let report = check(file, decoder: decoder, encoder: encoder)
            allGood = allGood && report.isOK
            emit(report)
        }
        if !allGood { throw ExitCode(1) }
    }

    private func check(_ file: String, decoder: ISO18626Decoder, encoder: ISO18626Encoder) -> FileReport {
        let bytes: [UInt8]
        do {
            bytes = try readInput(file)
        } catch {
            return FileReport(file: file, status: "error", errorType: "ReadError", errorValue: "\(error.localizedDescription)")
        }
        do {
            let decoded = try decoder.decode(bytes)
            var report = FileReport(
                file: file,
                status: "ok",
                messageType: decoded.message.kind.elementName,
                edition: decoded.edition.rawValue,
                warnings: decoded.warnings.map(\.description)
            )
            if print {
                do {
                    report.reencoded = try encoder.encodeString(decoded.message, edition: decoded.edition)
                } catch {
                    report.reencodeError = error.description
                }
            }
            return report
        } catch {
            return FileReport(
                file: file,
                status: "error",
                messageType: error.kind?.elementName,
                edition: error.kind == nil ? nil : error.edition.rawValue,
                errorType: error.errorData.errorType.rawValue,
                errorValue: error.errorData.errorValue,
                line: error.line,
                column: error.column
            )
        }
    }

    private func readInput(_ file: String) throws -> [UInt8] {
        if file == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    private func emit(_ report: FileReport) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(report) {
                Swift.print(String(decoding: data, as: UTF8.self))
            }
            return
        }
        if report.isOK {
            Swift.print("\(report.file): ok \(report.messageType ?? "?") \(report.edition ?? "?")")
        } else {
            Swift.print("\(report.file): error \(report.errorType ?? "?"): \(report.errorValue ?? "no value")")
        }
        if warnings {
            for warning in report.warnings { Swift.print("\(report.file): warning \(warning)") }
        }
        if let reencoded = report.reencoded {
            Swift.print(reencoded, terminator: "")
        } else if let reencodeError = report.reencodeError {
            Swift.print("\(report.file): cannot re-encode: \(reencodeError)")
        }
    }
}

/// What `illgate validate` found in one file; also its `--json` output.
private struct FileReport: Encodable {
    var file: String
    var status: String
    var messageType: String?
    var edition: String?
    var errorType: String?
    var errorValue: String?
    var line: Int?
    var column: Int?
    var warnings: [String] = []
    var reencoded: String?
    var reencodeError: String?

    var isOK: Bool { status == "ok" }
}
