import ArgumentParser
import Daemon
import Foundation
import Gateway
import Store

/// `illgate holdings`: the copies the lending policy looks requests up in.
struct HoldingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holdings",
        abstract: "Load the collection the lending policy checks requests against.",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace the holdings with a CSV export of the catalogue.",
            discussion: """
                FILE is CSV with a header row naming its columns: title (required), isbn, issn, oclc (several \
                values separated by ';'), format, branch (the owning branch, a code of [[library.branches]]), \
                location (the shelf location), call_number, status (available, on_loan, missing, \
                lost, non_circulating, at_bindery, on_order, poor_condition), due_date, acquired_on \
                (YYYY-MM-DD), licence, local_hold. Bad rows are listed with their line numbers and left out; \
                the good ones replace the holdings in one transaction, so lookups never see half a file.
                """
        )

        @Option(help: "The configuration file (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Flag(help: "Check the file and report, without changing the holdings.")
        var dryRun = false

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
        var file: String

        func run() async throws {
            let local = try LocalGateway(configurationPath: config)
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(file): cannot read the file") }
            guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(file): the file is not UTF-8 text") }
            let interactive = isatty(STDERR_FILENO) == 1
            let result: HoldingsCSVReader.Result
            do {
                result = try HoldingsCSVReader(timeZone: local.timeZone, branches: local.configuration.library.branches.map(\.code)).read(text) { rows in
                    if interactive { FileHandle.standardError.write(Data("\r\(file): \(rows) rows read".utf8)) }
                }
            } catch {
                throw CommandFailure("\(file): \(error.description)")
            }
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            for rejection in result.rejections.prefix(50) {
                FileHandle.standardError.write(Data("\(file):\(rejection.line): \(rejection.reason)\n".utf8))
            }
            if result.rejections.count > 50 {
                FileHandle.standardError.write(Data("\(file): … and \(result.rejections.count - 50) more rejected rows\n".utf8))
            }
            if !dryRun {
                let records = result.records
                do {
                    try await local.store.write { writer in try writer.replaceHoldings(with: records) }
                } catch {
                    throw CommandFailure("the holdings could not be stored: \(error)")
                }
            }
            print("\(file): \(result.rowsRead) rows, \(result.records.count) \(dryRun ? "would be imported" : "imported"), \(result.rejections.count) rejected")
            if !result.rejections.isEmpty { throw ExitCode(2) }
        }
    }
}
