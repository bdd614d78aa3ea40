import ArgumentParser
import Foundation

/// `illgate print`: the desk's printed documents, rendered by the running daemon.
struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Write a printable PDF: the book band of a borrowed item.",
        subcommands: [Band.self]
    )

    struct Band: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The book band of a loan we borrowed (3.5 x 11 in).",
            discussion: """
                Prints the pickup branch, the patron reference we sent the lender (never the name), the due date, \
                the title, the lender and where the item goes back (the lender's return address when it sent one), \
                and our request id as a Code 128 barcode. The same PDF is at GET /v1/transactions/ID/band.
                """
        )

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Argument(help: "The borrowing transaction id.")
        var id: Int64

        @Option(name: .shortAndLong, help: "The file to write (default: band-ID.pdf).")
        var output: String?

        func run() async throws {
            let bytes = try await AdminClient(configurationPath: config).download("/v1/transactions/\(id)/band")
            let path = output ?? "band-\(id).pdf"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw CommandFailure("cannot write \(path)")
            }
            print("wrote \(path) (\(bytes.count) bytes)")
        }
    }
}
